-- One country's exports or imports by HS6 product in a year (current vintage).
SELECT product, value
FROM country_hs6 JOIN hs6_vintages v USING (basis, year, source, vintage)
WHERE basis = $basis AND year = $year AND country = $country AND direction = $direction
  AND v.is_current;
