-- The warehouse schema. Flows are stored as each source reports them; the aggregate tables
-- are rebuilt per (source, vintage, year) at load time so that pair queries never scan flows.
CREATE TABLE IF NOT EXISTS flows (
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
    note VARCHAR
);

-- One row per pair, direction and period: the total of a source's products.
CREATE TABLE IF NOT EXISTS pair_totals (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, flag VARCHAR, reporter VARCHAR,
    exporter VARCHAR, importer VARCHAR, kind VARCHAR, year SMALLINT, month TINYINT,
    period_kind VARCHAR, value DOUBLE, note VARCHAR
);

-- A pair's trade by HS heading (4 digits), for product composition and intra-industry trade.
CREATE TABLE IF NOT EXISTS pair_hs4 (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, flag VARCHAR, reporter VARCHAR,
    exporter VARCHAR, importer VARCHAR, year SMALLINT, hs4 VARCHAR, value DOUBLE
);

-- Each country's exports and imports by HS6 product with all partners: RCA, complementarity,
-- export potential. A country's own report is preferred over its partners' mirror reports.
CREATE TABLE IF NOT EXISTS country_hs6 (
    source VARCHAR, vintage VARCHAR, basis VARCHAR, flag VARCHAR, country VARCHAR,
    direction VARCHAR, year SMALLINT, product VARCHAR, value DOUBLE
);

CREATE TABLE IF NOT EXISTS products (
    classification VARCHAR NOT NULL, code VARCHAR NOT NULL, description VARCHAR,
    source VARCHAR, PRIMARY KEY (classification, code)
);

CREATE TABLE IF NOT EXISTS loads (
    loaded_at TIMESTAMP DEFAULT current_timestamp, format VARCHAR, path VARCHAR,
    source VARCHAR, vintage VARCHAR, years VARCHAR, rows BIGINT
);
