-- A pair's totals on every basis (or one), both directions: one equality per direction, so
-- each branch is a plain filtered scan. queries.pair_series keeps each measure once (the
-- reporter's own report first, then the latest vintage, then the first source by name): on a
-- handful of rows that is cheaper in Python than a window, and the query plans faster.
SELECT basis, year, month, period_kind, kind, exporter, value, source, vintage, flag, note,
       reporter AS reported_by
FROM pair_totals
WHERE exporter = $reporter AND importer = $partner AND ($basis IS NULL OR basis = $basis)
UNION ALL
SELECT basis, year, month, period_kind, kind, exporter, value, source, vintage, flag, note,
       reporter AS reported_by
FROM pair_totals
WHERE exporter = $partner AND importer = $reporter AND ($basis IS NULL OR basis = $basis);
