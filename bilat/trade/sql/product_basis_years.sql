-- Years with product detail (HS6) on a basis.
SELECT DISTINCT year FROM country_hs6 WHERE basis = $basis ORDER BY year;
