-- Which source and vintage of HS6 detail each basis and year shows: the latest vintage, then
-- the first source by name. Decided once per load instead of in every query.
DELETE FROM hs6_vintages;
INSERT INTO hs6_vintages
SELECT basis, year, source, vintage,
       row_number() OVER (PARTITION BY basis, year ORDER BY vintage DESC, source) = 1
FROM (SELECT DISTINCT basis, year, source, vintage FROM country_totals);
