-- A pair's totals on every basis (or one), each measure once: the reporter's own report
-- first, then the latest vintage.
SELECT basis, year, month, period_kind,
       CASE WHEN kind = 'turnover' THEN 'turnover'
            WHEN exporter = $reporter THEN 'exports' ELSE 'imports' END AS measure,
       value, source, vintage, flag, note, reporter AS reported_by
FROM pair_totals
WHERE ((exporter = $reporter AND importer = $partner)
       OR (exporter = $partner AND importer = $reporter))
  AND ($basis IS NULL OR basis = $basis)
QUALIFY row_number() OVER (
    PARTITION BY basis, year, month, period_kind, measure
    ORDER BY (reporter = $reporter) DESC, vintage DESC, source) = 1
ORDER BY basis, year, month, measure;
