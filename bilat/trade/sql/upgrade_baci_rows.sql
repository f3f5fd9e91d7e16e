-- A warehouse of layout version 1 named a BACI row's exporter and importer by ISO code
-- (baci_rows_v1): give each its country's M49 number (the ISO country's, for a code with
-- several) and write the rows sorted as a load writes them.
INSERT INTO baci_rows
SELECT b.load_id, e.m49, m.m49, b.year, b.product, b.value, b.quantity
FROM baci_rows_v1 b
JOIN (SELECT DISTINCT ON (iso2) iso2, m49 FROM countries ORDER BY iso2, is_iso DESC, m49) e
    ON e.iso2 = b.reporter
JOIN (SELECT DISTINCT ON (iso2) iso2, m49 FROM countries ORDER BY iso2, is_iso DESC, m49) m
    ON m.iso2 = b.partner
ORDER BY b.load_id, e.m49, m.m49, b.year, b.product;
DROP TABLE baci_rows_v1;
