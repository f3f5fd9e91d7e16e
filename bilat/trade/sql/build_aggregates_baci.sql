-- The aggregates of one BACI file: the same rows as build_aggregates.sql gives for a file of
-- this shape, on fewer and smaller keys. In a BACI file every row is one exporter's export to
-- another country (never the world, never itself), of a whole year, in an HS6 product, with
-- the source, vintage, basis and flag of the file: so a pair total is a plain sum, a
-- country's exports are its own reports and its imports are its partners' reports.
INSERT INTO pair_totals
SELECT $source, $vintage, $basis, $flag, reporter, reporter, partner, 'flow', year, 0, 'year',
       sum(value), NULL
FROM baci_rows
WHERE load_id = $load_id
GROUP BY reporter, partner, year;

-- Written sorted by year, direction and country, so that one country's products in one year
-- are a few row groups (not by product within a country: that doubled the cost of the sort).
INSERT INTO country_hs6
SELECT $source, $vintage, $basis, $flag, country, direction, year, product, value
FROM (
    SELECT reporter AS country, 'export' AS direction, year, product, sum(value) AS value
    FROM baci_rows WHERE load_id = $load_id
    GROUP BY reporter, year, product
    UNION ALL
    SELECT partner, 'import', year, product, sum(value)
    FROM baci_rows WHERE load_id = $load_id
    GROUP BY partner, year, product
)
ORDER BY year, direction, country;
