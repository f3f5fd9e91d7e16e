-- Annual totals of every pair among the given countries, on every basis: the regional matrix.
SELECT basis, least(exporter, importer) AS a, greatest(exporter, importer) AS b,
       kind, exporter, value, source, vintage, flag
FROM pair_totals
WHERE year = $year AND period_kind = 'year'
  AND list_contains($countries, exporter) AND list_contains($countries, importer)
QUALIFY row_number() OVER (
    PARTITION BY basis, exporter, importer, kind
    ORDER BY (reporter = basis) DESC, vintage DESC, source) = 1
ORDER BY a, b, basis;
