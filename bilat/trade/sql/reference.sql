-- Reference tables shipped with the package, refreshed on every load.
CREATE OR REPLACE TABLE countries AS
SELECT m49::INTEGER AS m49, iso2, iso3, name, is_iso::BOOLEAN AS is_iso
FROM read_csv($countries, header = true, all_varchar = true);
CREATE OR REPLACE TABLE hs_chapters AS
SELECT chapter, section::INTEGER AS section, title
FROM read_csv($chapters, header = true, all_varchar = true);
