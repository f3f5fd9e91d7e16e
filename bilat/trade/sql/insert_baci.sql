-- One CEPII BACI file straight into flows in one pass: US$, ISO codes, one export row per flow,
-- sorted by pair so that a pair's rows sit in a row group or two. (CEPII ships its files sorted
-- by exporter and importer, but DuckDB's parallel reader and join hand the rows on in chunks of
-- threads: unsorted, one pair's scan read 49 of 672 row groups at 11 M rows.) Only the seven
-- varying columns go through the sort (baci_rows). k is read as text so that
-- leading zeros survive. A row that breaks a rule stops the insert (error() or a NOT NULL
-- column); the loader then names the line and the reason with the slower staged checks
-- (check_baci.sql), which also cover product codes and repeated keys. The dialect is given;
-- the rest is left to DuckDB's sniffer here, whose reader needs 40 % less memory for this
-- sort than the strict one (auto_detect = false) that stage_baci.sql uses to name bad lines.
-- Rows are in the shape build_aggregates_baci.sql relies on: a country's export to another.
-- The file's constants (source, vintage, basis, flag, edition) are its loads row's.
INSERT INTO baci_rows
SELECT $load_id, reporter, partner, year, product, value, quantity
FROM (
    SELECT e.iso2 AS reporter, m.iso2 AS partner, s.t AS year, lpad(s.k, 6, '0') AS product,
           CASE WHEN s.t NOT BETWEEN 1988 AND 2100 OR s.v < 0 OR s.v > 5e8 OR s.q < 0
                     OR NOT isfinite(s.v) OR NOT isfinite(s.q)
                     OR e.iso2 = m.iso2 OR e.iso2 = 'XW' OR m.iso2 = 'XW'
                THEN error('line breaks a rule: ' || s.t || ',' || s.i || ',' || s.k)
                ELSE s.v * 1000 END AS value,
           s.q AS quantity
    FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"',
                  types = $columns, nullstr = ['NA', '']) s
    LEFT JOIN countries e ON e.m49 = s.i
    LEFT JOIN countries m ON m.m49 = s.j
    ORDER BY reporter, partner
);
