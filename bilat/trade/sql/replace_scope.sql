-- A load replaces whatever the warehouse holds for the same source, vintage and period.
CREATE OR REPLACE TEMP TABLE load_scope AS
SELECT DISTINCT source, vintage, year, coalesce(month, 0) AS month, period_kind FROM _incoming;
DELETE FROM flows f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND coalesce(f.month, 0) = s.month AND f.period_kind = s.period_kind;
DELETE FROM pair_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND f.month = s.month AND f.period_kind = s.period_kind;
-- Product aggregates hold whole years only.
DELETE FROM pair_hs4 f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
DELETE FROM country_hs6 f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
INSERT INTO flows SELECT * FROM _incoming;
