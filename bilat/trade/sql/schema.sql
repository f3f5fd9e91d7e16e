-- The warehouse schema. Flows are stored as each source reports them, each row with the load
-- (file) that wrote it; the aggregate tables are built per file at load time so that product
-- and regional queries never scan flows. A pair's HS detail is read from flows itself: a BACI
-- file is written sorted by exporter and importer, so a pair's rows sit in a few row groups.
-- flows (the view at the end) = flow_rows (national, Comtrade; and BACI loaded before the
-- narrow table) + baci_rows (BACI: the varying columns only, the file's constants in loads).
CREATE TABLE IF NOT EXISTS flow_rows (
    source VARCHAR NOT NULL,          -- who published the figure
    vintage VARCHAR NOT NULL,         -- which release of it (ISO date or the source's version)
    basis VARCHAR NOT NULL,           -- whose statistics: KZ, UZ, meeting, BACI, COMTRADE...
    flag VARCHAR,                     -- NULL, 'derived', 'illustrative' or 'synthetic'
    reporter VARCHAR NOT NULL,        -- ISO 3166 alpha-2
    partner VARCHAR NOT NULL,         -- ISO 3166 alpha-2; XW is the world
    flow VARCHAR NOT NULL,            -- export, import, re-export, re-import, turnover
    year SMALLINT NOT NULL,
    month TINYINT,                    -- NULL for a year; else the (last) month of the period
    period_kind VARCHAR NOT NULL,     -- year, month, ytd (January to month)
    classification VARCHAR NOT NULL,  -- HS edition (HS17...) or TOTAL
    product VARCHAR NOT NULL,         -- zero-padded HS code or TOTAL
    value DOUBLE NOT NULL,            -- US$
    quantity DOUBLE,
    unit VARCHAR,
    note VARCHAR,
    load_id INTEGER                   -- loads.id of the file that brought the row
);
ALTER TABLE flow_rows ADD COLUMN IF NOT EXISTS load_id INTEGER;

-- A BACI file's rows: every one an export of a whole year in an HS6 product, in tonnes; the
-- file's source, vintage, basis, flag and edition are its loads row's. Half as costly to
-- write as the seventeen columns of flow_rows. Exporter and importer are the file's M49
-- numbers (countries.m49; the flows view names them by ISO code): written as read, with no
-- join, and a pair's scan compares small integers. Sorted by exporter, importer, year and
-- product, so that a repeated key is two neighbouring rows (schema version 2).
CREATE TABLE IF NOT EXISTS baci_rows (
    load_id INTEGER NOT NULL, reporter SMALLINT NOT NULL, partner SMALLINT NOT NULL,
    year SMALLINT NOT NULL, product VARCHAR NOT NULL, value DOUBLE NOT NULL, quantity DOUBLE
);

-- One row per pair, direction and period: the total of a source's products.
CREATE TABLE IF NOT EXISTS pair_totals (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, flag VARCHAR, reporter VARCHAR,
    exporter VARCHAR, importer VARCHAR, kind VARCHAR, year SMALLINT, month TINYINT,
    period_kind VARCHAR, value DOUBLE, note VARCHAR
);

-- Replaced by reading a pair's rows from flows (warehouses built before kept it).
DROP TABLE IF EXISTS pair_hs4;

-- Each country's exports and imports by HS6 product with all partners: RCA, complementarity,
-- export potential. A country's own report is preferred over its partners' mirror reports.
-- Written sorted by basis, year, direction and country, so one country's products are a few
-- row groups.
CREATE TABLE IF NOT EXISTS country_hs6 (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, flag VARCHAR, country VARCHAR,
    direction VARCHAR, year SMALLINT, product VARCHAR, value DOUBLE
);

-- The sums of country_hs6 (positive values) over products and over countries: RCA's and
-- trade intensity's denominators, so that no query adds up the world at question time.
CREATE TABLE IF NOT EXISTS country_totals (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, year SMALLINT, direction VARCHAR,
    country VARCHAR, value DOUBLE
);
CREATE TABLE IF NOT EXISTS product_totals (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, year SMALLINT, direction VARCHAR,
    product VARCHAR, value DOUBLE
);

-- The source and vintage of HS6 detail that product queries use for each basis and year:
-- the latest vintage (then the first source by name), decided at load time.
CREATE TABLE IF NOT EXISTS hs6_vintages (
    basis VARCHAR, year SMALLINT, source VARCHAR, vintage VARCHAR, is_current BOOLEAN
);

CREATE TABLE IF NOT EXISTS products (
    classification VARCHAR NOT NULL, code VARCHAR NOT NULL, description VARCHAR,
    source VARCHAR, PRIMARY KEY (classification, code)
);

CREATE TABLE IF NOT EXISTS loads (
    loaded_at TIMESTAMP DEFAULT current_timestamp, format VARCHAR, path VARCHAR,
    source VARCHAR, vintage VARCHAR, years VARCHAR, rows BIGINT, id INTEGER
);
ALTER TABLE loads ADD COLUMN IF NOT EXISTS id INTEGER;
ALTER TABLE loads ADD COLUMN IF NOT EXISTS basis VARCHAR;
ALTER TABLE loads ADD COLUMN IF NOT EXISTS flag VARCHAR;
ALTER TABLE loads ADD COLUMN IF NOT EXISTS classification VARCHAR;

-- Which layout of these tables the file has (warehouse.SCHEMA_VERSION): 2 = BACI rows by M49
-- number; a file without it was written before (version 1).
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

-- Every figure as the source reports it, whichever table holds it: what readers query.
CREATE OR REPLACE VIEW flows AS
SELECT source, vintage, basis, flag, reporter, partner, flow, year, month, period_kind,
       classification, product, value, quantity, unit, note, load_id
FROM flow_rows
UNION ALL
SELECT l.source, l.vintage, l.basis, l.flag, e.iso2, m.iso2, 'export', b.year,
       NULL::TINYINT, 'year', l.classification, b.product, b.value, b.quantity, 't', NULL,
       b.load_id
FROM baci_rows b JOIN loads l ON l.id = b.load_id
JOIN countries e ON e.m49 = b.reporter
JOIN countries m ON m.m49 = b.partner;
