-- Every product description the loaded code files hold (English, as CEPII and the UN ship
-- them), one per code: the latest classification's wins (later editions sort after).
SELECT code, arg_max(description, classification) AS description
FROM products
GROUP BY code
ORDER BY code;
