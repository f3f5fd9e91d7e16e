-- One CEPII BACI file straight into baci_rows in one pass: US$, one export row per flow, the
-- exporter and importer by their M49 numbers as the file gives them (no join: the codes are
-- checked on the load's distinct pairs, check_loaded_baci.sql), sorted by exporter, importer,
-- year and product: a pair's rows sit in a row group or two, and a repeated key is two
-- neighbouring rows (loaders.repeated_key). (CEPII ships its files sorted by exporter and
-- importer, but DuckDB's parallel reader hands the rows on in chunks of threads: unsorted,
-- one pair's scan read 49 of 672 row groups at 11 M rows.) k is read as text so that leading
-- zeros survive. A row that breaks a rule stops the insert (error(), a NOT NULL column, or a
-- code too large for SMALLINT); the loader then names the line and the reason with the slower
-- staged checks (check_baci.sql), which also cover country and product codes and repeated
-- keys. The dialect is given; the rest is left to DuckDB's sniffer here, whose reader needs
-- 40 % less memory for this sort than the strict one (auto_detect = false) that
-- stage_baci.sql uses to name bad lines. Rows are in the shape build_aggregates_baci.sql
-- relies on: a country's export to another. The file's constants (source, vintage, basis,
-- flag, edition) are its loads row's.
INSERT INTO baci_rows
SELECT $load_id, s.i, s.j, s.t, lpad(s.k, 6, '0') AS product,
       CASE WHEN s.t NOT BETWEEN 1988 AND 2100 OR s.v < 0 OR s.v > 5e8 OR s.q < 0
                 OR NOT isfinite(s.v) OR NOT isfinite(s.q)
            THEN error('line breaks a rule: ' || s.t || ',' || s.i || ',' || s.k)
            ELSE s.v * 1000 END,
       s.q
FROM read_csv($path, header = true, delim = ',', quote = '"', escape = '"',
              types = $columns, nullstr = ['NA', '']) s
ORDER BY s.i, s.j, s.t, product;
