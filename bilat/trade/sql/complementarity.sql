-- Trade complementarity of A's exports with B's imports (HS6), 0-100, current vintage.
WITH cur AS (
    SELECT source, vintage FROM hs6_vintages WHERE basis = $basis AND year = $year AND is_current
),
x AS (
    SELECT product, value / sum(value) OVER () AS s
    FROM country_hs6 JOIN cur USING (source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'export' AND country = $exporter
      AND value > 0
),
m AS (
    SELECT product, value / sum(value) OVER () AS s
    FROM country_hs6 JOIN cur USING (source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'import' AND country = $importer
      AND value > 0
)
SELECT 100 * (1 - sum(abs(coalesce(m.s, 0) - coalesce(x.s, 0))) / 2) AS complementarity,
       count(x.product) AS export_products, count(m.product) AS import_products
FROM x FULL JOIN m USING (product);
