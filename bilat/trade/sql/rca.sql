-- Balassa RCA of every country in every HS6 product and year on one basis (NULL = all).
WITH x AS (
    SELECT country, year, product, value FROM country_hs6
    WHERE basis = $basis AND direction = 'export' AND value > 0
      AND ($year IS NULL OR year = $year)
    QUALIFY dense_rank() OVER (PARTITION BY year ORDER BY vintage DESC, source) = 1
),
by_country AS (SELECT country, year, sum(value) AS total FROM x GROUP BY ALL),
by_product AS (SELECT year, product, sum(value) AS total FROM x GROUP BY ALL),
world AS (SELECT year, sum(value) AS total FROM x GROUP BY ALL)
SELECT x.country, x.year, x.product, x.value,
       (x.value / c.total) / (p.total / w.total) AS rca
FROM x
JOIN by_country c USING (country, year)
JOIN by_product p USING (year, product)
JOIN world w USING (year)
WHERE $country IS NULL OR x.country = $country;
