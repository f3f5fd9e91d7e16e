-- Every product description the loaded code files hold (English, as CEPII and the UN ship
-- them), one per code: the latest classification's wins (later editions sort after), with
-- that classification (the edition a translation must be of).
SELECT code, arg_max(description, classification) AS description,
       max(classification) AS classification
FROM products
GROUP BY code
ORDER BY code;
