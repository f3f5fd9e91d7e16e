-- Totals for HS6 detail loaded before country_totals existed (run once, when they are empty).
INSERT INTO country_totals
SELECT source, vintage, basis, year, direction, country, sum(value)
FROM country_hs6 WHERE value > 0
GROUP BY ALL;
INSERT INTO product_totals
SELECT source, vintage, basis, year, direction, product, sum(value)
FROM country_hs6 WHERE value > 0
GROUP BY ALL;
