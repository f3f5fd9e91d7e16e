-- Balassa RCA of every country in every HS6 product and year on one basis (NULL = all), from
-- the current vintage's exports and the totals written at load time. The totals are narrowed
-- to the current vintage first, so the big join is on (year, country) and (year, product).
-- LEFT JOINs (every row has its totals) keep DuckDB from first pairing every country with
-- every product of the year.
WITH cur AS (
    SELECT year, source, vintage FROM hs6_vintages
    WHERE basis = $basis AND is_current AND ($year IS NULL OR year = $year)
),
by_country AS (
    SELECT year, country, value FROM country_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND direction = 'export'
),
by_product AS (
    SELECT year, product, value FROM product_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND direction = 'export'
),
world AS (SELECT year, sum(value) AS total FROM by_country GROUP BY year),
x AS (
    SELECT country, year, product, value FROM country_hs6 JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND direction = 'export' AND value > 0
      AND ($year IS NULL OR year = $year) AND ($country IS NULL OR country = $country)
)
-- nullif: a zero (or underflowing) denominator gives NULL, never DuckDB's inf or NaN.
SELECT x.country, x.year, x.product, x.value,
       (x.value / nullif(c.value, 0)) / nullif(p.value / nullif(w.total, 0), 0) AS rca
FROM x
LEFT JOIN by_country c USING (year, country)
LEFT JOIN by_product p USING (year, product)
LEFT JOIN world w USING (year);
