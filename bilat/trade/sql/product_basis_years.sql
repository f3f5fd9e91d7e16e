-- Years with product detail (HS6) on a basis.
SELECT DISTINCT year FROM hs6_vintages WHERE basis = $basis ORDER BY year;
