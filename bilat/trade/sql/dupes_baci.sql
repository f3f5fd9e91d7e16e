-- The first repeated (year, exporter, importer, product) in a staged BACI file.
SELECT max(rowid) + 2 AS line,
       'duplicate of line ' || (min(rowid) + 2) || ': the same year, exporter, importer and product'
           AS reason
FROM _stage
GROUP BY t, i, j, lpad(k, 6, '0')
HAVING count(*) > 1
ORDER BY line
LIMIT 1;
