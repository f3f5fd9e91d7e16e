-- Totals needed by trade intensity: A's exports, B's imports and world trade in a year.
SELECT sum(value) FILTER (WHERE country = $exporter AND direction = 'export') AS exporter_total,
       sum(value) FILTER (WHERE country = $importer AND direction = 'import') AS importer_total,
       sum(value) FILTER (WHERE direction = 'export') AS world_total
FROM country_totals JOIN hs6_vintages v USING (basis, year, source, vintage)
WHERE basis = $basis AND year = $year AND v.is_current;
