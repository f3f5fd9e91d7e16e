-- Read one CEPII BACI year as published: value in thousand US$, quantity in tonnes (or NA).
-- k is read as text so that leading zeros survive; v and q as text so that a bad value is
-- named as the file spells it ($columns: the loader's BACI_STAGE_TYPES).
CREATE OR REPLACE TABLE _stage AS
SELECT t, i, j, k, v, q
FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              columns = $columns);
