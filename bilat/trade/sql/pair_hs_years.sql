-- A pair's HS detail in every year (pair_hs4.sql: one year) on one basis, both directions, each report apart: the
-- exporter's (flow = export) and the importer's mirror (flow = import) are never added
-- together. queries.pick_reports keeps one report per flow (the exporter's by default), its
-- latest vintage and its finest HS level; rows are summed to $digits digits (4: headings, 6).
-- BACI rows are read from baci_rows itself (countries by M49 number) and take their source,
-- vintage and flag from their load after the grouping (through the flows view the join came
-- first and cost three times the scan). Each direction is a condition on (reporter, partner),
-- which DuckDB checks in the scan against the row groups' min/max, so only the pair's row
-- groups are read.
WITH rows AS (
    SELECT year, product, reporter, flow, load_id, value, source, vintage, flag,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
    FROM flow_rows
    WHERE reporter = $reporter AND partner = $partner
      AND basis = $basis AND month IS NULL AND flow IN ('export', 'import')
      AND length(product) IN (4, 6)
    UNION ALL
    SELECT year, product, reporter, flow, load_id, value, source, vintage, flag,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
    FROM flow_rows
    WHERE reporter = $partner AND partner = $reporter
      AND basis = $basis AND month IS NULL AND flow IN ('export', 'import')
      AND length(product) IN (4, 6)
    UNION ALL
    SELECT year, product, $reporter, 'export', load_id, value, NULL, NULL, NULL, $reporter
    FROM baci_rows
    WHERE reporter IN (SELECT m49 FROM countries WHERE iso2 = $reporter)
      AND partner IN (SELECT m49 FROM countries WHERE iso2 = $partner)
    UNION ALL
    SELECT year, product, $partner, 'export', load_id, value, NULL, NULL, NULL, $partner
    FROM baci_rows
    WHERE reporter IN (SELECT m49 FROM countries WHERE iso2 = $partner)
      AND partner IN (SELECT m49 FROM countries WHERE iso2 = $reporter)
), grouped AS (
    -- A load (a file) has one source and vintage for its HS rows: grouping by its id is
    -- grouping by them, on an integer.
    SELECT year, left(product, $digits) AS product, length(product) AS level, reporter, flow,
           load_id, any_value(source) AS source, any_value(vintage) AS vintage,
           any_value(flag) AS flag, any_value(exporter) AS exporter, sum(value) AS value
    FROM rows
    GROUP BY year, left(product, $digits), level, reporter, flow, load_id
)
SELECT g.year, g.product, g.level, g.reporter, g.flow,
       coalesce(g.source, l.source) AS source, coalesce(g.vintage, l.vintage) AS vintage,
       coalesce(g.flag, l.flag) AS flag, g.exporter, g.value
FROM grouped g
LEFT JOIN loads l ON l.id = g.load_id
WHERE g.source IS NOT NULL OR l.basis = $basis;
