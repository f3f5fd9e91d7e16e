-- Checked national-statistics rows (built in Python from a CSV or XLSX table).
INSERT INTO flows SELECT *, $load_id FROM _national;
