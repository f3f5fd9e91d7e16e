-- A pair's HS6 rows on one basis, both directions, from the pair's row groups of flows (one
-- equality per direction, checked in the scan against the row groups' min/max). Each row says
-- whether it is the reporter's export (to_partner) or the partner's. queries.pair_hs4_series
-- keeps each year's latest vintage (then the first source by name) and adds the rows up by HS
-- heading: a window and a grouping on a few hundred rows cost more than the scan itself.
SELECT year, vintage, source, left(product, 4) AS hs4, value, flow <> 'import' AS to_partner
FROM flows
WHERE reporter = $reporter AND partner = $partner AND basis = $basis AND month IS NULL
  AND flow IN ('export', 'import') AND length(product) = 6
UNION ALL
SELECT year, vintage, source, left(product, 4) AS hs4, value, flow = 'import' AS to_partner
FROM flows
WHERE reporter = $partner AND partner = $reporter AND basis = $basis AND month IS NULL
  AND flow IN ('export', 'import') AND length(product) = 6;
