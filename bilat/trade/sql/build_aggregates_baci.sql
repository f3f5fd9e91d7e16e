-- The aggregates of one BACI file: the same rows as build_aggregates.sql gives for a file of
-- this shape, on fewer and smaller keys. In a BACI file every row is one exporter's export to
-- another country (never the world, never itself), of a whole year, in an HS6 product, with
-- the source, vintage, basis and flag of the file: so a pair total is a plain sum, a
-- country's exports are its own reports and its imports are its partners' reports. Rows are
-- named by ISO code before they are added up (a country may have two M49 numbers, e.g.
-- France 250 and 251); joined on the small numbers, that costs about what joining the sums
-- would.
INSERT INTO pair_totals
SELECT $source, $vintage, $basis, $flag, e.iso2, e.iso2, m.iso2, 'flow', b.year, 0, 'year',
       sum(b.value), NULL
FROM baci_rows b
JOIN countries e ON e.m49 = b.reporter
JOIN countries m ON m.m49 = b.partner
WHERE b.load_id = $load_id
GROUP BY e.iso2, m.iso2, b.year;

-- Written sorted by year, direction and country, so that one country's products in one year
-- are a few row groups (not by product within a country: that doubled the cost of the sort).
INSERT INTO country_hs6
SELECT $source, $vintage, $basis, $flag, country, direction, year, product, value
FROM (
    SELECT e.iso2 AS country, 'export' AS direction, b.year, b.product, sum(b.value) AS value
    FROM baci_rows b JOIN countries e ON e.m49 = b.reporter
    WHERE b.load_id = $load_id
    GROUP BY e.iso2, b.year, b.product
    UNION ALL
    SELECT m.iso2, 'import', b.year, b.product, sum(b.value)
    FROM baci_rows b JOIN countries m ON m.m49 = b.partner
    WHERE b.load_id = $load_id
    GROUP BY m.iso2, b.year, b.product
)
ORDER BY year, direction, country;
