-- Read one CEPII BACI year as published: value in thousand US$, quantity in tonnes (or NA).
-- k is read as text so that leading zeros survive.
CREATE OR REPLACE TABLE _stage AS
SELECT t, i, j, k, v, q
FROM read_csv($path, header = true,
              types = {'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'VARCHAR',
                       'v': 'DOUBLE', 'q': 'VARCHAR'});
