-- A pair's trade by HS heading and year on one basis (latest vintage of each year), read from
-- the pair's row groups of flows like pair_hs4.sql.
SELECT year, hs4,
       coalesce(sum(value) FILTER (WHERE exporter = $reporter), 0) AS exports,
       coalesce(sum(value) FILTER (WHERE exporter = $partner), 0) AS imports
FROM (
    SELECT year, vintage, source, left(product, 4) AS hs4, value,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
    FROM (
        SELECT * FROM flows WHERE reporter = $reporter AND partner = $partner
        UNION ALL
        SELECT * FROM flows WHERE reporter = $partner AND partner = $reporter
    )
    WHERE basis = $basis AND month IS NULL
      AND flow IN ('export', 'import') AND length(product) = 6
    QUALIFY dense_rank() OVER (PARTITION BY year ORDER BY vintage DESC, source) = 1
)
GROUP BY year, hs4
ORDER BY year, hs4;
