-- Does a BACI file already in flows break a rule that needs more than its own line (a
-- repeated key) or an unusual product code? Counts only; the staged checks find the line.
-- The key is hashed: a collision only sends the file through the staged checks.
SELECT (SELECT count(*) - count(DISTINCT hash(year, reporter, partner, product))
        FROM baci_rows WHERE load_id = $load_id) AS repeated,
       (SELECT count(*)
        FROM (SELECT DISTINCT product FROM baci_rows WHERE load_id = $load_id) d
        LEFT JOIN hs_chapters c ON c.chapter = left(d.product, 2)
        LEFT JOIN (SELECT code FROM products WHERE classification = $classification) p
            ON p.code = d.product
        WHERE NOT regexp_full_match(d.product, '[0-9]{6}') OR c.chapter IS NULL
           OR ($check_products AND p.code IS NULL)) AS bad_products;
