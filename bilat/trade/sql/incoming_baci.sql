-- Staged and checked BACI rows (the slow path) in the warehouse's shape.
INSERT INTO baci_rows
SELECT $load_id, e.iso2, m.iso2, s.t, lpad(s.k, 6, '0'), CAST(s.v AS DOUBLE) * 1000,
       TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE)
FROM _stage s
JOIN countries e ON e.m49 = s.i
JOIN countries m ON m.m49 = s.j
ORDER BY e.iso2, m.iso2;
