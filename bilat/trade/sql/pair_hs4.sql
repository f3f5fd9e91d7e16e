-- A pair's trade by HS heading in one year and basis, both directions, latest vintage.
WITH picked AS (
    SELECT * FROM pair_hs4
    WHERE basis = $basis AND year = $year
      AND ((exporter = $reporter AND importer = $partner)
           OR (exporter = $partner AND importer = $reporter))
    QUALIFY dense_rank() OVER (ORDER BY vintage DESC, source) = 1
)
SELECT hs4,
       coalesce(sum(value) FILTER (WHERE exporter = $reporter), 0) AS exports,
       coalesce(sum(value) FILTER (WHERE exporter = $partner), 0) AS imports,
       any_value(source) AS source, any_value(vintage) AS vintage, any_value(flag) AS flag
FROM picked
GROUP BY hs4
ORDER BY exports + imports DESC;
