-- A pair's HS detail on one basis, both directions, in one year ($year) or every year ($year
-- NULL): the rows as the warehouse holds them, for queries.pair_hs_rows to add up to $digits
-- digits (4: headings) per report and load, and queries.pick_reports to keep one report per
-- flow (the exporter's by default), its latest vintage and its finest HS level. The exporter's
-- report (flow = export) and the importer's mirror (flow = import) are never added together.
-- Three kinds of rows, in one statement (each a plain filtered scan: no join, grouping or sort,
-- whose pipelines cost more than the pair's few hundred rows):
-- * national and Comtrade rows of flow_rows, each with its source, vintage and flag;
-- * BACI rows of baci_rows, named by M49 number ($numbers: both countries' numbers, from
--   warehouse.country_numbers; a BACI file never has a country trading with itself), which
--   DuckDB checks in the scan against the row groups' min/max, so only the pair's row groups
--   are read; their source, vintage and flag are their load's;
-- * the loads of the basis (kind 'load'): BACI rows of other loads are not of this basis.
SELECT 'flow' AS kind, year, product, reporter, NULL::SMALLINT AS number, flow, load_id,
       value, source, vintage, flag,
       CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
FROM flow_rows
WHERE ((reporter = $reporter AND partner = $partner)
       OR (reporter = $partner AND partner = $reporter))
  AND ($year IS NULL OR year = $year)
  AND basis = $basis AND month IS NULL AND flow IN ('export', 'import')
  AND length(product) IN (4, 6)
UNION ALL
SELECT 'baci', year, product, NULL, reporter, 'export', load_id, value, NULL, NULL, NULL, NULL
FROM baci_rows
WHERE list_contains($numbers, reporter) AND list_contains($numbers, partner)
  AND ($year IS NULL OR year = $year)
UNION ALL
SELECT 'load', NULL, NULL, NULL, NULL, NULL, id, NULL, source, vintage, flag, NULL
FROM loads
WHERE basis = $basis AND format = 'baci';
