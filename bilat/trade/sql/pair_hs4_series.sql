-- A pair's trade by HS heading and year on one basis (latest vintage of each year).
SELECT year, hs4,
       coalesce(sum(value) FILTER (WHERE exporter = $reporter), 0) AS exports,
       coalesce(sum(value) FILTER (WHERE exporter = $partner), 0) AS imports
FROM (
    SELECT * FROM pair_hs4
    WHERE basis = $basis
      AND ((exporter = $reporter AND importer = $partner)
           OR (exporter = $partner AND importer = $reporter))
    QUALIFY dense_rank() OVER (PARTITION BY year ORDER BY vintage DESC, source) = 1
)
GROUP BY year, hs4
ORDER BY year, hs4;
