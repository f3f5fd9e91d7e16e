-- Checked national-statistics rows (built in Python from a CSV or XLSX table).
INSERT INTO _incoming SELECT * FROM _national;
