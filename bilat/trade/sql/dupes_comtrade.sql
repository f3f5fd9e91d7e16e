-- The first repeated flow among the kept Comtrade rows.
SELECT max(rowid) + 2 AS line,
       'duplicate of line ' || (min(rowid) + 2)
           || ': the same period, reporter, partner, flow and product' AS reason
FROM _stage
WHERE coalesce(customsCode, 'C00') = 'C00' AND coalesce(motCode, '0') = '0'
  AND coalesce(partner2Code, '0') = '0' AND flowCode IN ('X', 'M', 'RX', 'RM')
GROUP BY freqCode, refYear, CASE WHEN freqCode = 'M' THEN refMonth END, reporterCode,
         partnerCode, flowCode, cmdCode
HAVING count(*) > 1
ORDER BY line
LIMIT 1;
