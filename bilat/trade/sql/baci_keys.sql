-- The keys of one BACI load in the order its rows were written (by key: insert_baci.sql),
-- each packed in one integer: exporter (M49, 10 bits), importer (10 bits), year since 1988,
-- product (20 bits). loaders.repeated_key compares each with the one before.
SELECT (reporter::BIGINT << 47) | (partner::BIGINT << 37) | ((year - 1988)::BIGINT << 20)
       | CAST(product AS BIGINT) AS key
FROM baci_rows
WHERE load_id = $load_id;
