-- Trade complementarity of A's exports with B's imports (HS6), 0-100.
WITH picked AS (
    SELECT country, direction, product, value FROM country_hs6
    WHERE basis = $basis AND year = $year AND value > 0
      AND ((country = $exporter AND direction = 'export')
           OR (country = $importer AND direction = 'import'))
    QUALIFY dense_rank() OVER (ORDER BY vintage DESC, source) = 1
),
x AS (SELECT product, value / sum(value) OVER () AS s FROM picked WHERE direction = 'export'),
m AS (SELECT product, value / sum(value) OVER () AS s FROM picked WHERE direction = 'import')
SELECT 100 * (1 - sum(abs(coalesce(m.s, 0) - coalesce(x.s, 0))) / 2) AS complementarity,
       count(x.product) AS export_products, count(m.product) AS import_products
FROM x FULL JOIN m USING (product);
