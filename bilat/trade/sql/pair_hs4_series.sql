-- A pair's trade by HS heading and year on one basis (latest vintage of each year), read from
-- flows like pair_hs4.sql.
SELECT year, hs4,
       coalesce(sum(value) FILTER (WHERE exporter = $reporter), 0) AS exports,
       coalesce(sum(value) FILTER (WHERE exporter = $partner), 0) AS imports
FROM (
    SELECT year, vintage, source, left(product, 4) AS hs4, value,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
    FROM flows
    WHERE reporter IN ($reporter, $partner) AND partner IN ($reporter, $partner)
      AND reporter <> partner AND basis = $basis AND month IS NULL
      AND flow IN ('export', 'import') AND length(product) = 6
    QUALIFY dense_rank() OVER (PARTITION BY year ORDER BY vintage DESC, source) = 1
)
GROUP BY year, hs4
ORDER BY year, hs4;
