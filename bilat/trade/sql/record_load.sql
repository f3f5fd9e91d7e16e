INSERT INTO loads (id, format, path, source, vintage, years, rows)
VALUES ($id, $format, $path, $source, $vintage, $years, $rows);
