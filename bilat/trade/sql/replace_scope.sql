-- A file replaces whatever the warehouse holds for the same source, vintage and period
-- (rows of earlier loads only: the files of this load are disjoint, see load_scope) and, when
-- $by_reporter (Comtrade: one file per reporter), the same reporter: a file of Uzbekistan's
-- report keeps Kazakhstan's report of the same release beside it.
-- (The scope of a BACI load is read from its distinct years and exporters, not through the
-- flows view's joins of every row.)
CREATE OR REPLACE TEMP TABLE load_scope AS
SELECT DISTINCT source, vintage, year, coalesce(month, 0) AS month, period_kind,
       CASE WHEN $by_reporter THEN reporter ELSE '' END AS reporter
FROM flow_rows WHERE load_id = $load_id
UNION
SELECT DISTINCT l.source, l.vintage, b.year, 0, 'year', CASE WHEN $by_reporter THEN c.iso2 ELSE '' END
FROM (SELECT DISTINCT load_id, year, reporter FROM baci_rows WHERE load_id = $load_id) b
JOIN loads l ON l.id = b.load_id
JOIN countries c ON c.m49 = b.reporter;
DELETE FROM flow_rows f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND coalesce(f.month, 0) = s.month AND f.period_kind = s.period_kind
  AND (s.reporter = '' OR f.reporter = s.reporter)
  AND coalesce(f.load_id, 0) < $first_id;
-- BACI rows are whole years; their source and vintage are their load's.
DELETE FROM baci_rows b USING loads l, load_scope s
WHERE b.load_id = l.id AND l.source = s.source AND l.vintage = s.vintage AND b.year = s.year
  AND s.month = 0 AND s.period_kind = 'year'
  AND (s.reporter = ''
       OR b.reporter IN (SELECT m49 FROM countries WHERE iso2 = s.reporter))
  AND b.load_id < $first_id;
DELETE FROM pair_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND f.month = s.month AND f.period_kind = s.period_kind
  AND (s.reporter = '' OR f.reporter = s.reporter);
-- Product aggregates hold whole years of every reporter of a release: rebuilt from flows.
-- Product aggregates hold whole years only.
DELETE FROM country_hs6 f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
DELETE FROM country_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
DELETE FROM product_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
