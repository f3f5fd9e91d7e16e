-- The first line of a staged Comtrade file that must not be loaded, and why. Only totals over
-- customs procedures (C00), modes of transport (0) and second partners (0) are kept: the
-- breakdown rows repeat the same trade.
SELECT rid + 2 AS line, reason FROM (
    SELECT s.rowid AS rid,
        CASE
            WHEN s.freqCode NOT IN ('A', 'M') THEN 'unknown frequency code ' || coalesce(s.freqCode, '(empty)')
            WHEN TRY_CAST(s.refYear AS INTEGER) IS NULL THEN 'year ' || coalesce(s.refYear, '(empty)') || ' is not a number'
            WHEN TRY_CAST(s.refYear AS INTEGER) NOT BETWEEN 1900 AND 2100
                THEN 'year ' || s.refYear || ' is not a year from 1900 to 2100'
            WHEN s.freqCode = 'M' AND TRY_CAST(s.refMonth AS INTEGER) NOT BETWEEN 1 AND 12
                THEN 'month ' || coalesce(s.refMonth, '(empty)') || ' is not 1 to 12'
            WHEN r.iso2 IS NULL THEN 'unknown reporter country code ' || coalesce(s.reporterCode, '(empty)')
            WHEN p.iso2 IS NULL THEN 'unknown partner country code ' || coalesce(s.partnerCode, '(empty)')
            WHEN s.cmdCode <> 'TOTAL' AND NOT regexp_full_match(s.cmdCode, '[0-9]{2}([0-9]{2}){0,2}')
                THEN 'product code ' || coalesce(s.cmdCode, '(empty)') || ' is not an HS code'
            WHEN s.cmdCode <> 'TOTAL' AND c.chapter IS NULL
                THEN 'unknown product code ' || s.cmdCode || ' (no such HS chapter)'
            WHEN TRY_CAST(s.primaryValue AS DOUBLE) IS NULL
                THEN 'value ' || coalesce(s.primaryValue, '(empty)') || ' is not a number'
            WHEN NOT isfinite(TRY_CAST(s.primaryValue AS DOUBLE))
                THEN 'value ' || s.primaryValue || ' is not a finite number'
            WHEN TRY_CAST(s.primaryValue AS DOUBLE) < 0 THEN 'negative value ' || s.primaryValue
            WHEN NOT isfinite(TRY_CAST(s.qty AS DOUBLE)) THEN 'quantity ' || s.qty || ' is not a finite number'
            WHEN NOT isfinite(TRY_CAST(s.netWgt AS DOUBLE))
                THEN 'net weight ' || s.netWgt || ' is not a finite number'
            -- primaryValue is US$; more than $5 trillion for one flow means the unit is wrong.
            WHEN TRY_CAST(s.primaryValue AS DOUBLE) > 5e12
                THEN 'value ' || s.primaryValue || ' looks like the wrong unit for US$'
        END AS reason
    FROM _stage s
    LEFT JOIN countries r ON r.m49 = TRY_CAST(s.reporterCode AS INTEGER)
    LEFT JOIN countries p ON p.m49 = TRY_CAST(s.partnerCode AS INTEGER)
    LEFT JOIN hs_chapters c ON c.chapter = left(s.cmdCode, 2)
    WHERE coalesce(s.customsCode, 'C00') = 'C00' AND coalesce(s.motCode, '0') = '0'
      AND coalesce(s.partner2Code, '0') = '0' AND s.flowCode IN ('X', 'M', 'RX', 'RM')
)
WHERE reason IS NOT NULL
ORDER BY rid
LIMIT 1;
