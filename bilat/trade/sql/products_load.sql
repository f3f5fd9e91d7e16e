-- A product-code file (code, description) for one HS edition; later files win.
INSERT OR REPLACE INTO products
SELECT $classification, lpad(trim(code), 6, '0'), description, $source
FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              columns = $columns);
