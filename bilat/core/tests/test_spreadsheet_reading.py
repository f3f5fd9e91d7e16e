"""Reading spreadsheet files: limits are checked while streaming, so memory stays bounded."""

import tracemalloc

import pytest
from openpyxl import Workbook

from bilat.core.sheets import SheetError, read_table, readers

ROW = "IGC99-{n},Bring mutual trade to US$ 10 billion,Довести объём взаимной торговли,trade\r\n"


def csv_file(tmp_path, rows: int):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("control_number,title_en,title_ru,sector\r\n")
        for n in range(rows):
            out.write(ROW.format(n=n))
    return path


def peak_while_reading(path, fmt="csv") -> tuple[int, str]:
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            read_table(stream, fmt)
        message = ""
    except SheetError as exc:
        message = str(exc)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, message


def test_a_csv_over_the_row_limit_is_refused_before_it_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 100)
    path = csv_file(tmp_path, 100_000)  # 9 MB
    peak, message = peak_while_reading(path)
    assert message == "A file may have at most 100 rows."
    assert peak < 1_000_000, f"{peak:,} bytes"


def test_a_csv_over_the_size_limit_is_refused_while_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100_000)
    path = csv_file(tmp_path, 20_000)  # 1.8 MB in 20,000 rows, within the row limit
    peak, message = peak_while_reading(path)
    assert message == "A file may have at most 97.7\xa0KB."
    assert peak < 1_000_000, f"{peak:,} bytes"


def test_a_csv_within_the_limits_is_read_whole(tmp_path):
    table = read_table(csv_file(tmp_path, 3).open("rb"), "csv")
    assert [n for n, _values in table.rows] == [2, 3, 4]
    assert table.rows[2][1]["title_ru"] == "Довести объём взаимной торговли"


def test_an_xlsx_over_the_size_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1_000)
    book = Workbook()
    book.active.append(["control_number"])
    book.active.append(["IGC21-1"])
    path = tmp_path / "small.xlsx"
    book.save(path)
    with pytest.raises(SheetError, match="at most 1000"):
        read_table(path.open("rb"), "xlsx")
    with pytest.raises(SheetError, match="at most 1000"):
        read_table(path.read_bytes(), "xlsx")


def test_a_nul_character_is_an_error_of_its_cell():
    # PostgreSQL keeps no NUL in text: written through, it would stop the import with a crash.
    table = read_table(b"control_number,title_en\r\nIGC21-1,a\x00b\r\n", "csv")
    assert [(e.row, e.column) for e in table.errors] == [(2, "title_en")]
