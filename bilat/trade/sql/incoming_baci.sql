-- Staged and checked BACI rows (the slow path) in the warehouse's shape.
INSERT INTO flows
SELECT $source, $vintage, $basis, $flag, e.iso2, m.iso2, 'export', s.t, NULL, 'year',
       $classification, lpad(s.k, 6, '0'), CAST(s.v AS DOUBLE) * 1000,
       TRY_CAST(nullif(trim(s.q), 'NA') AS DOUBLE), 't', NULL, $load_id
FROM _stage s
JOIN countries e ON e.m49 = s.i
JOIN countries m ON m.m49 = s.j
ORDER BY e.iso2, m.iso2;
