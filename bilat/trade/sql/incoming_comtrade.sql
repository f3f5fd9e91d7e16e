-- Kept Comtrade rows in the warehouse's shape.
INSERT INTO flow_rows
SELECT $source, $vintage, $basis, $flag, r.iso2, p.iso2,
       CASE s.flowCode WHEN 'X' THEN 'export' WHEN 'M' THEN 'import'
                       WHEN 'RX' THEN 're-export' ELSE 're-import' END,
       s.refYear::INTEGER,
       CASE WHEN s.freqCode = 'M' THEN s.refMonth::INTEGER END,
       CASE WHEN s.freqCode = 'M' THEN 'month' ELSE 'year' END,
       CASE s.classificationCode WHEN 'H0' THEN 'HS92' WHEN 'H1' THEN 'HS96' WHEN 'H2' THEN 'HS02'
           WHEN 'H3' THEN 'HS07' WHEN 'H4' THEN 'HS12' WHEN 'H5' THEN 'HS17' WHEN 'H6' THEN 'HS22'
           ELSE coalesce(s.classificationCode, 'HS') END,
       s.cmdCode, s.primaryValue::DOUBLE,
       coalesce(TRY_CAST(s.qty AS DOUBLE), TRY_CAST(s.netWgt AS DOUBLE)),
       CASE WHEN TRY_CAST(s.qty AS DOUBLE) IS NOT NULL THEN s.qtyUnitAbbr
            WHEN TRY_CAST(s.netWgt AS DOUBLE) IS NOT NULL THEN 'kg' END,
       NULL, $load_id
FROM _stage s
JOIN countries r ON r.m49 = s.reporterCode::INTEGER
JOIN countries p ON p.m49 = s.partnerCode::INTEGER
WHERE coalesce(s.customsCode, 'C00') = 'C00' AND coalesce(s.motCode, '0') = '0'
  AND coalesce(s.partner2Code, '0') = '0' AND s.flowCode IN ('X', 'M', 'RX', 'RM');
