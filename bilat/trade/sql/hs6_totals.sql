-- The sums of one file's country_hs6 rows: country totals over products and world totals
-- per product (the file's whole years, load_scope: see replace_scope.sql).
INSERT INTO country_totals
SELECT h.source, h.vintage, h.basis, h.year, h.direction, h.country, sum(h.value)
FROM country_hs6 h
SEMI JOIN load_scope s
    ON h.source = s.source AND h.vintage = s.vintage AND h.year = s.year
   AND s.period_kind = 'year'
WHERE h.value > 0
GROUP BY ALL;

INSERT INTO product_totals
SELECT h.source, h.vintage, h.basis, h.year, h.direction, h.product, sum(h.value)
FROM country_hs6 h
SEMI JOIN load_scope s
    ON h.source = s.source AND h.vintage = s.vintage AND h.year = s.year
   AND s.period_kind = 'year'
WHERE h.value > 0
GROUP BY ALL;
