-- The bases, sources and years the warehouse holds for a pair.
SELECT basis, min(year) AS first_year, max(year) AS last_year,
       list(DISTINCT source ORDER BY source) AS sources
FROM pair_totals
WHERE (exporter = $reporter AND importer = $partner) OR (exporter = $partner AND importer = $reporter)
GROUP BY basis
ORDER BY basis;
