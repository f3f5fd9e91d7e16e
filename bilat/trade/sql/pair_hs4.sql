-- A pair's trade by HS heading in one year and basis, both directions, latest vintage.
-- Read from flows: the pair's rows sit in a few row groups (see schema.sql).
WITH picked AS (
    SELECT source, vintage, flag, left(product, 4) AS hs4, value,
           CASE WHEN flow = 'import' THEN partner ELSE reporter END AS exporter
    FROM flows
    WHERE reporter IN ($reporter, $partner) AND partner IN ($reporter, $partner)
      AND reporter <> partner AND basis = $basis AND year = $year AND month IS NULL
      AND flow IN ('export', 'import') AND length(product) = 6
    QUALIFY dense_rank() OVER (ORDER BY vintage DESC, source) = 1
)
SELECT hs4,
       coalesce(sum(value) FILTER (WHERE exporter = $reporter), 0) AS exports,
       coalesce(sum(value) FILTER (WHERE exporter = $partner), 0) AS imports,
       any_value(source) AS source, any_value(vintage) AS vintage, any_value(flag) AS flag
FROM picked
GROUP BY hs4
ORDER BY exports + imports DESC;
