-- Totals needed by trade intensity: A's exports, B's imports and world trade in a year.
WITH picked AS (
    SELECT country, direction, value FROM country_hs6
    WHERE basis = $basis AND year = $year
    QUALIFY dense_rank() OVER (ORDER BY vintage DESC, source) = 1
)
SELECT sum(value) FILTER (WHERE country = $exporter AND direction = 'export') AS exporter_total,
       sum(value) FILTER (WHERE country = $importer AND direction = 'import') AS importer_total,
       sum(value) FILTER (WHERE direction = 'export') AS world_total
FROM picked;
