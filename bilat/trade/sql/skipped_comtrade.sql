-- How many Comtrade rows were breakdowns or other flow codes, for the load report.
SELECT count(*) AS skipped FROM _stage
WHERE NOT (coalesce(customsCode, 'C00') = 'C00' AND coalesce(motCode, '0') = '0'
           AND coalesce(partner2Code, '0') = '0' AND flowCode IN ('X', 'M', 'RX', 'RM'));
