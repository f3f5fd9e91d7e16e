-- The aggregates of one loaded national or Comtrade file (flow_rows WHERE load_id = $load_id), one pass over its rows
-- each. Re-exports and re-imports are already inside exports and imports: never added again.

-- Totals: a published TOTAL row wins over the sum of chapters (HS2), then of headings (HS4),
-- then of HS6 rows: a source may ship several levels, and a coarser one holds what a finer one
-- leaves out as confidential. A file at HS2 only thus gives its totals too.
INSERT INTO pair_totals
SELECT source, vintage, basis, flag, reporter,
       CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter,
       CASE WHEN flow = 'import' THEN reporter ELSE partner END AS importer,
       CASE WHEN flow = 'turnover' THEN 'turnover' ELSE 'flow' END AS kind,
       year, coalesce(month, 0) AS month, period_kind,
       coalesce(sum(value) FILTER (WHERE product = 'TOTAL'),
                sum(value) FILTER (WHERE length(product) = 2),
                sum(value) FILTER (WHERE length(product) = 4),
                sum(value) FILTER (WHERE length(product) = 6)) AS value,
       string_agg(DISTINCT note, '; ') AS note
FROM flow_rows
WHERE load_id = $load_id AND flow IN ('export', 'import', 'turnover')
  AND reporter <> 'XW' AND partner <> 'XW'
GROUP BY ALL
HAVING value IS NOT NULL;

-- Each country's HS6 exports and imports with all partners: its own report to or from the world
-- first, then its own reports by partner, then its partners' mirror reports. Built from every
-- reporter's rows of the file's release and years (load_scope): a Comtrade file brings one
-- reporter, and a country's figures may come from another's report loaded before.
-- Written sorted, so that one country's products in one year are a few row groups.
INSERT INTO country_hs6
WITH f AS NOT MATERIALIZED (
    SELECT source, vintage, basis, flag, reporter, year, product, value,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter,
           CASE WHEN flow = 'import' THEN reporter ELSE partner END AS importer
    FROM flow_rows
    SEMI JOIN (SELECT DISTINCT source, vintage, year FROM load_scope WHERE period_kind = 'year') s
        USING (source, vintage, year)
    WHERE month IS NULL AND flow IN ('export', 'import') AND length(product) = 6
)
SELECT source, vintage, basis, any_value(flag) AS flag, exporter AS country,
       'export' AS direction, year, product,
       coalesce(sum(value) FILTER (WHERE reporter = exporter AND importer = 'XW'),
                sum(value) FILTER (WHERE reporter = exporter AND importer <> 'XW'),
                sum(value) FILTER (WHERE reporter <> exporter AND importer <> 'XW')) AS value
FROM f
WHERE exporter <> 'XW'
GROUP BY source, vintage, basis, exporter, year, product
UNION ALL
SELECT source, vintage, basis, any_value(flag), importer, 'import', year, product,
       coalesce(sum(value) FILTER (WHERE reporter = importer AND exporter = 'XW'),
                sum(value) FILTER (WHERE reporter = importer AND exporter <> 'XW'),
                sum(value) FILTER (WHERE reporter <> importer AND exporter <> 'XW'))
FROM f
WHERE importer <> 'XW'
GROUP BY source, vintage, basis, importer, year, product
ORDER BY basis, year, direction, country;
