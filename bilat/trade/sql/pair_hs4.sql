-- A pair's HS detail in one year (pair_hs_years.sql: every year) on one basis, both directions, each report
-- apart: the exporter's (flow = export) and the importer's mirror (flow = import) are never
-- added together. queries.pick_reports keeps one report per flow (the exporter's by default),
-- its latest vintage and its finest HS level; rows are summed to $digits (4: headings, 6).
-- Read from flows: each direction is an equality on (reporter, partner), which DuckDB checks
-- in the scan against the row groups' min/max, so only the pair's row groups are read.
SELECT year, left(product, $digits) AS product, length(product) AS level, reporter, flow,
       any_value(source) AS source, any_value(vintage) AS vintage, any_value(flag) AS flag,
       any_value(CASE WHEN flow = 'import' THEN partner ELSE reporter END) AS exporter,
       sum(value) AS value
FROM (
    SELECT * FROM flows WHERE reporter = $reporter AND partner = $partner
    UNION ALL
    SELECT * FROM flows WHERE reporter = $partner AND partner = $reporter
)
WHERE basis = $basis AND year = $year AND month IS NULL
  AND flow IN ('export', 'import') AND length(product) IN (4, 6)
-- A load (a file) has one source and vintage for its HS rows: grouping by its id is grouping
-- by them, on an integer.
GROUP BY year, left(product, $digits), level, reporter, flow, load_id;
