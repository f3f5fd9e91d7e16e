-- One country's exports or imports by HS6 product in a year (latest vintage).
SELECT product, value FROM country_hs6
WHERE basis = $basis AND year = $year AND country = $country AND direction = $direction
QUALIFY dense_rank() OVER (ORDER BY vintage DESC, source) = 1;
