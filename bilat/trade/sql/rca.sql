-- Balassa RCA of every country in every HS6 product and year on one basis (NULL = all), from
-- the current vintage's exports and the totals written at load time.
WITH cur AS (
    SELECT year, source, vintage FROM hs6_vintages
    WHERE basis = $basis AND is_current AND ($year IS NULL OR year = $year)
),
world AS (
    SELECT year, sum(value) AS total FROM country_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND direction = 'export'
    GROUP BY year
)
SELECT x.country, x.year, x.product, x.value,
       (x.value / c.value) / (p.value / w.total) AS rca
FROM country_hs6 x
JOIN cur USING (year, source, vintage)
JOIN country_totals c
    ON c.basis = $basis AND c.direction = 'export' AND c.year = x.year AND c.source = x.source
   AND c.vintage = x.vintage AND c.country = x.country
JOIN product_totals p
    ON p.basis = $basis AND p.direction = 'export' AND p.year = x.year AND p.source = x.source
   AND p.vintage = x.vintage AND p.product = x.product
JOIN world w ON w.year = x.year
WHERE x.basis = $basis AND x.direction = 'export' AND x.value > 0
  AND ($year IS NULL OR x.year = $year) AND ($country IS NULL OR x.country = $country);
