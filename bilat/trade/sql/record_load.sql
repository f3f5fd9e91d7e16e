INSERT INTO loads (format, path, source, vintage, years, rows)
VALUES ($format, $path, $source, $vintage, $years, $rows);
