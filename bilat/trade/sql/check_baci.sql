-- The first line of a staged BACI file that must not be loaded, and why (header is line 1).
SELECT rid + 2 AS line, reason FROM (
    SELECT s.rowid AS rid,
        CASE
            WHEN s.t IS NULL OR s.i IS NULL OR s.j IS NULL OR s.k IS NULL OR s.v IS NULL
                THEN 'an empty field in t, i, j, k or v'
            WHEN s.t < 1988 OR s.t > 2100 THEN 'year ' || s.t || ' is out of range'
            WHEN e.iso2 IS NULL THEN 'unknown exporter country code ' || s.i
            WHEN m.iso2 IS NULL THEN 'unknown importer country code ' || s.j
            WHEN e.iso2 = 'XW' OR m.iso2 = 'XW'
                THEN 'the world (code 0) is not an exporter or an importer'
            WHEN e.iso2 = m.iso2 THEN 'exporter and importer are the same country ' || e.iso2
            WHEN NOT regexp_full_match(lpad(s.k, 6, '0'), '[0-9]{6}')
                THEN 'product code ' || s.k || ' is not a 6-digit HS code'
            WHEN c.chapter IS NULL
                THEN 'unknown product code ' || lpad(s.k, 6, '0') || ' (no such HS chapter)'
            WHEN $check_products AND p.code IS NULL
                THEN 'unknown product code ' || lpad(s.k, 6, '0') || ' (not in the product codes of '
                     || $classification || ')'
            WHEN TRY_CAST(s.v AS DOUBLE) IS NULL THEN 'value ' || s.v || ' is not a number'
            WHEN NOT isfinite(TRY_CAST(s.v AS DOUBLE)) THEN 'value ' || s.v || ' is not a finite number'
            WHEN TRY_CAST(s.v AS DOUBLE) < 0 THEN 'negative value ' || s.v
            WHEN nullif(trim(s.q), 'NA') IS NOT NULL
                 AND TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE) IS NULL
                THEN 'quantity ' || s.q || ' is not a number'
            WHEN NOT isfinite(TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE))
                THEN 'quantity ' || s.q || ' is not a finite number'
            WHEN TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE) < 0 THEN 'negative quantity ' || s.q
            -- BACI values are thousand US$: one product flow above $500 bn means US$ were given.
            WHEN TRY_CAST(s.v AS DOUBLE) > 5e8
                THEN 'value ' || s.v || ' thousand US$ looks like the wrong unit (US$ instead of thousand US$?)'
        END AS reason
    FROM _stage s
    LEFT JOIN countries e ON e.m49 = s.i
    LEFT JOIN countries m ON m.m49 = s.j
    LEFT JOIN hs_chapters c ON c.chapter = left(lpad(s.k, 6, '0'), 2)
    LEFT JOIN (SELECT code FROM products WHERE classification = $classification) p
        ON p.code = lpad(s.k, 6, '0')
)
WHERE reason IS NOT NULL
ORDER BY rid
LIMIT 1;
