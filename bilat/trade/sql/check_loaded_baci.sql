-- Does a BACI file already in baci_rows break a rule that needs more than its own line: a
-- country code that is unknown, the world (0) or the same country on both sides (checked on
-- the load's distinct pairs, not on every row), or an unusual product code? Counts only; the
-- staged checks find the line. Repeated keys: loaders.repeated_key.
SELECT (SELECT count(*)
        FROM (SELECT DISTINCT reporter, partner FROM baci_rows WHERE load_id = $load_id) d
        LEFT JOIN countries e ON e.m49 = d.reporter
        LEFT JOIN countries m ON m.m49 = d.partner
        WHERE e.iso2 IS NULL OR m.iso2 IS NULL OR e.iso2 = m.iso2
           OR e.iso2 = 'XW' OR m.iso2 = 'XW') AS bad_countries,
       (SELECT count(*)
        FROM (SELECT DISTINCT product FROM baci_rows WHERE load_id = $load_id) d
        LEFT JOIN hs_chapters c ON c.chapter = left(d.product, 2)
        LEFT JOIN (SELECT code FROM products WHERE classification = $classification) p
            ON p.code = d.product
        WHERE NOT regexp_full_match(d.product, '[0-9]{6}') OR c.chapter IS NULL
           OR ($check_products AND p.code IS NULL)) AS bad_products;
