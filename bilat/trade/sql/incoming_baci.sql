-- Staged and checked BACI rows (the slow path) in the warehouse's shape and order
-- (insert_baci.sql); check_baci.sql has refused unknown country codes.
INSERT INTO baci_rows
SELECT $load_id, s.i, s.j, s.t, lpad(s.k, 6, '0') AS product, CAST(s.v AS DOUBLE) * 1000,
       TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE)
FROM _stage s
ORDER BY s.i, s.j, s.t, product;
