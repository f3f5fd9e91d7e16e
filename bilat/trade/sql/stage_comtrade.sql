-- Read a UN Comtrade final-data CSV as text; the checks and casts follow.
CREATE OR REPLACE TABLE _stage AS
SELECT * FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"',
                       escape = '"', columns = $columns);
