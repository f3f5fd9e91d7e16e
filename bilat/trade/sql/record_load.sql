-- The load log: one row per file (a BACI file's row is written before its rows, which take
-- their source, vintage, basis, flag and edition from it, and completed here).
DELETE FROM loads WHERE id = $id;
INSERT INTO loads (id, format, path, source, vintage, years, rows, basis, flag, classification)
VALUES ($id, $format, $path, $source, $vintage, $years, $rows, $basis, $flag,
        $classification);
