-- A file replaces whatever the warehouse holds for the same source, vintage and period
-- (rows of earlier loads only: the files of this load are disjoint, see load_scope).
CREATE OR REPLACE TEMP TABLE load_scope AS
SELECT DISTINCT source, vintage, year, coalesce(month, 0) AS month, period_kind
FROM flows WHERE load_id = $load_id;
DELETE FROM flows f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND coalesce(f.month, 0) = s.month AND f.period_kind = s.period_kind
  AND coalesce(f.load_id, 0) < $first_id;
DELETE FROM pair_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year
  AND f.month = s.month AND f.period_kind = s.period_kind;
-- Product aggregates hold whole years only.
DELETE FROM country_hs6 f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
DELETE FROM country_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
DELETE FROM product_totals f USING load_scope s
WHERE f.source = s.source AND f.vintage = s.vintage AND f.year = s.year AND s.period_kind = 'year';
