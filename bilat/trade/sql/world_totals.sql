-- Totals needed by trade intensity, both ways of a pair: each country's exports and imports,
-- and world trade (every country's exports), in a year on one basis.
SELECT sum(value) FILTER (WHERE country = $a AND direction = 'export') AS a_exports,
       sum(value) FILTER (WHERE country = $a AND direction = 'import') AS a_imports,
       sum(value) FILTER (WHERE country = $b AND direction = 'export') AS b_exports,
       sum(value) FILTER (WHERE country = $b AND direction = 'import') AS b_imports,
       sum(value) FILTER (WHERE direction = 'export') AS world_total
FROM country_totals JOIN hs6_vintages v USING (basis, year, source, vintage)
WHERE basis = $basis AND year = $year AND v.is_current;
