-- Checked national-statistics rows (built in Python from a CSV or XLSX table).
INSERT INTO flow_rows SELECT *, $load_id FROM _national;
