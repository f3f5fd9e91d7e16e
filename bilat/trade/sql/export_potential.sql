-- Simplified export potential of A in B by HS6: A's world market share in k (= RCA x A's
-- share of world exports) x B's imports of k grown one year at their recent pace, minus
-- what A already sells B. Growth is clipped to -50 %..+100 % so one odd year cannot dominate.
-- Current vintage of each year; world totals from the load-time aggregates.
WITH cur AS (
    SELECT year, source, vintage FROM hs6_vintages
    WHERE basis = $basis AND is_current AND year IN ($year, $year - $growth_years)
),
world_k AS (
    SELECT product, value AS total FROM product_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'export'
),
world AS (
    SELECT sum(value) AS total FROM country_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'export'
),
a_total AS (
    SELECT sum(value) AS total FROM country_totals JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'export' AND country = $exporter
),
a AS (
    SELECT product, value FROM country_hs6 JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND year = $year AND direction = 'export' AND country = $exporter
      AND value > 0
),
demand AS (
    SELECT product,
           sum(value) FILTER (WHERE year = $year) AS now,
           sum(value) FILTER (WHERE year = $year - $growth_years) AS before
    FROM country_hs6 JOIN cur USING (year, source, vintage)
    WHERE basis = $basis AND country = $importer AND direction = 'import'
      AND year IN ($year, $year - $growth_years)
    GROUP BY product
),
actual AS (
    SELECT product, sum(value) AS value FROM flows
    WHERE basis = $basis AND year = $year AND month IS NULL AND flow = 'export'
      AND reporter = $exporter AND partner = $importer AND length(product) = 6
    GROUP BY product
),
scored AS (
    -- nullif: a zero (or underflowing) denominator gives NULL, never DuckDB's inf or NaN.
    SELECT a.product,
           (a.value / nullif(a_total.total, 0))
               / nullif(world_k.total / nullif(world.total, 0), 0) AS rca,
           a.value / nullif(world_k.total, 0) AS market_share,
           d.now AS demand,
           CASE WHEN d.before > 0
                THEN greatest(-0.5, least(1.0, pow(d.now / d.before, 1.0 / $growth_years) - 1))
                ELSE 0 END AS demand_growth,
           coalesce(act.value, 0) AS actual
    FROM a
    JOIN world_k USING (product)
    JOIN demand d USING (product)
    LEFT JOIN actual act USING (product)
    CROSS JOIN world CROSS JOIN a_total
    WHERE d.now > 0
)
SELECT s.product, any_value(p.description) AS description, s.rca, s.market_share, s.demand,
       s.demand_growth, s.market_share * s.demand * (1 + s.demand_growth) AS potential,
       s.actual,
       greatest(0, s.market_share * s.demand * (1 + s.demand_growth) - s.actual) AS untapped
FROM scored s
LEFT JOIN products p ON p.code = s.product
GROUP BY ALL
ORDER BY untapped DESC, s.product
LIMIT $top;
