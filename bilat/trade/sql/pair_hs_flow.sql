-- A pair's national or Comtrade HS rows on one basis, both directions, in one year ($year) or
-- every year ($year NULL), as held, each with its source, vintage and flag: for
-- queries.pair_hs_rows to add up per heading, report and load, and queries.pick_reports to
-- keep one report per flow (the exporter's by default), its latest vintage and its finest HS
-- level. The exporter's report (flow = export) and the importer's mirror (flow = import) are
-- never added together. A plain filtered scan: no join, grouping or sort, whose pipelines cost
-- more than the pair's few hundred rows.
SELECT year, product, reporter, flow, load_id, value, source, vintage, flag,
       CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
FROM flow_rows
WHERE ((reporter = $reporter AND partner = $partner)
       OR (reporter = $partner AND partner = $reporter))
  AND ($year IS NULL OR year = $year)
  AND basis = $basis AND month IS NULL AND flow IN ('export', 'import')
  AND length(product) IN (4, 6);
