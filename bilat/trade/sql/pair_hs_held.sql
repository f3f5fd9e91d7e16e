-- Where a pair's HS detail can be, per basis (queries.pair_hs_rows): read once per warehouse
-- file (Warehouse.held), so that a pair question on a basis scans only the table that holds
-- its rows (planning a scan that finds nothing costs about as much as the pair's BACI scan).
-- * kind 'flow': a basis with national or Comtrade HS rows (HS4 or HS6, a year, export or
--   import) in flow_rows (and BACI rows of warehouses loaded before baci_rows existed);
-- * kind 'load': a BACI load (rows in baci_rows) with its basis, source, vintage and flag.
SELECT DISTINCT 'flow' AS kind, basis, NULL::INTEGER AS id, NULL::VARCHAR AS source,
       NULL::VARCHAR AS vintage, NULL::VARCHAR AS flag
FROM flow_rows
WHERE month IS NULL AND flow IN ('export', 'import') AND length(product) IN (4, 6)
UNION ALL
SELECT 'load', basis, id, source, vintage, flag
FROM loads
WHERE format = 'baci' AND basis IS NOT NULL;
