-- Add the aggregates of the rows in _incoming (already checked, canonical, same shape as flows).
-- Built from _incoming rather than flows so that a load reads only its own rows.
CREATE OR REPLACE TEMP VIEW scoped AS
SELECT f.source, f.vintage, f.basis, f.flag, f.reporter,
       CASE WHEN f.flow = 'import' THEN f.partner ELSE f.reporter END AS exporter,
       CASE WHEN f.flow = 'import' THEN f.reporter ELSE f.partner END AS importer,
       f.flow, f.year, coalesce(f.month, 0) AS month, f.period_kind, f.product, f.value, f.note
FROM _incoming f
-- Re-exports and re-imports are already inside exports and imports: counting them would double.
WHERE f.flow IN ('export', 'import', 'turnover');

-- Totals: a published TOTAL row wins over the sum of HS6 rows (a source may ship both).
INSERT INTO pair_totals
SELECT source, vintage, basis, flag, reporter, exporter, importer,
       CASE WHEN flow = 'turnover' THEN 'turnover' ELSE 'flow' END AS kind,
       year, month, period_kind,
       coalesce(sum(value) FILTER (WHERE product = 'TOTAL'),
                sum(value) FILTER (WHERE length(product) = 6)) AS value,
       string_agg(DISTINCT note, '; ') AS note
FROM scoped
WHERE exporter <> 'XW' AND importer <> 'XW'
GROUP BY ALL
HAVING value IS NOT NULL;

INSERT INTO pair_hs4
SELECT source, vintage, basis, flag, reporter, exporter, importer, year,
       left(product, 4) AS hs4, sum(value) AS value
FROM scoped
WHERE month = 0 AND flow <> 'turnover' AND length(product) = 6
  AND exporter <> 'XW' AND importer <> 'XW'
GROUP BY ALL
ORDER BY exporter, importer, year;

INSERT INTO country_hs6
SELECT source, vintage, basis, any_value(flag), exporter AS country, 'export' AS direction,
       year, product,
       coalesce(sum(value) FILTER (WHERE reporter = exporter AND importer = 'XW'),
                sum(value) FILTER (WHERE reporter = exporter AND importer <> 'XW'),
                sum(value) FILTER (WHERE reporter <> exporter AND importer <> 'XW')) AS value
FROM scoped
WHERE month = 0 AND flow <> 'turnover' AND length(product) = 6 AND exporter <> 'XW'
GROUP BY source, vintage, basis, exporter, year, product
UNION ALL
SELECT source, vintage, basis, any_value(flag), importer AS country, 'import' AS direction,
       year, product,
       coalesce(sum(value) FILTER (WHERE reporter = importer AND exporter = 'XW'),
                sum(value) FILTER (WHERE reporter = importer AND exporter <> 'XW'),
                sum(value) FILTER (WHERE reporter <> importer AND exporter <> 'XW')) AS value
FROM scoped
WHERE month = 0 AND flow <> 'turnover' AND length(product) = 6 AND importer <> 'XW'
GROUP BY source, vintage, basis, importer, year, product;

DROP VIEW scoped;
