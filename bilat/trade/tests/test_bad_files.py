"""Bad files: wrong encodings, broken workbooks, cut files and non-finite numbers are refused
with the file, the line and the reason, and nothing is written."""

import csv
import io
import math
import re
import shutil
import zipfile
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import duckdb
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bilat.trade import queries
from bilat.trade.loaders import LoadError, load

from .factories import COMTRADE_HEADER, NATIONAL_HEADER, baci, comtrade, national, write

BACI_TEXT = "t,i,j,k,v,q\n2022,398,860,100199,1000.5,2000\n2022,860,398,870899,7815.9,15\n"
COMTRADE_ROW = (
    "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,0,,,,,9766031.23,9766031.23"
)


def refused(fmt: str, path: Path, warehouse: Path) -> LoadError:
    with pytest.raises(LoadError) as err:
        load(fmt, [path], warehouse=warehouse)
    return err.value


# --- item 10: encodings and workbooks ----------------------------------------------------


def test_a_national_csv_in_cp1251_loads_and_other_bytes_are_refused_on_their_line(
    tmp_path, warehouse
):
    path = tmp_path / "kz.csv"
    text = ("reporter,partner,period,exports,imports,source,unit\n"
            "KZ,UZ,2023,3.1,1.3,Бюро национальной статистики,billion USD\n")
    path.write_bytes(text.encode("cp1251"))
    load("national", [path], warehouse=warehouse)
    path.write_bytes(text.encode("cp1251").replace(b"\xc1", b"\x99"))  # "™" in no table
    err = refused("national", path, warehouse)
    assert err.line == 2
    assert err.reason.startswith("neither UTF-8 nor Windows-1251 text (byte 0x99)")
    assert "save the file as UTF-8" in err.reason


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really", bytes(range(256)) * 4])
def test_random_bytes_named_xlsx_are_refused_as_not_a_workbook(tmp_path, warehouse, content):
    path = tmp_path / "kz.xlsx"
    path.write_bytes(content)
    err = refused("national", path, warehouse)
    assert err.line is None
    assert err.reason.startswith("not a readable XLSX workbook")


def test_the_command_names_a_bad_encoding_without_a_traceback(tmp_path):
    path = tmp_path / "kz.csv"
    path.write_bytes("reporter,partner,period,exports,imports,source\nKZ,UZ,2023,1,1,Казстат™\n"
                     .encode("cp1251"))
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        with pytest.raises(CommandError, match=r"kz\.csv, line 2: neither UTF-8 nor Windows"):
            call_command("trade", "load", "--format", "national", str(path), stderr=StringIO())


def test_baci_and_comtrade_files_that_are_not_utf8_are_refused_on_their_line(
    tmp_path, warehouse
):
    codes = write(tmp_path / "product_codes_HS17_V202401.csv", "code,description",
                  "100199,Пшеница")
    codes.write_bytes(codes.read_text(encoding="utf-8").encode("cp1251"))
    err = refused("baci", codes, warehouse)
    assert (err.line, err.reason[:13]) == (2, "not UTF-8 tex")
    ct = comtrade(tmp_path, COMTRADE_ROW.replace("KAZ", "Казахстан"))
    ct.write_bytes(ct.read_text(encoding="utf-8").encode("cp1251"))
    err = refused("comtrade", ct, warehouse)
    assert (err.line, err.reason[:13]) == (2, "not UTF-8 tex")


# --- item 11: non-finite numbers ---------------------------------------------------------

NON_FINITE = ("NaN", "nan", "-nan", "inf", "-inf", "Infinity", "+Infinity", "INF", "1e400",
              "-1e999")


@pytest.mark.parametrize("spelling", NON_FINITE)
def test_a_national_figure_that_is_not_a_finite_number_is_refused(tmp_path, warehouse, spelling):
    path = national(tmp_path, f"KZ,UZ,2023,{spelling},1300,,million USD,KZ,,,src,")
    err = refused("national", path, warehouse)
    assert err.line == 2
    assert err.reason == f"exports {spelling!r} is not a finite number"


@pytest.mark.parametrize("spelling", NON_FINITE)
@pytest.mark.parametrize("column", ["v", "q"])
def test_a_baci_value_or_quantity_that_is_not_finite_is_refused(
    tmp_path, warehouse, spelling, column
):
    v, q = (spelling, "5") if column == "v" else ("5", spelling)
    err = refused("baci", baci(tmp_path, "2022,398,860,100199,1,1", f"2022,860,398,100199,{v},{q}"),
                  warehouse)
    what = "value" if column == "v" else "quantity"
    assert (err.line, err.reason) == (3, f"{what} {spelling} is not a finite number")


@pytest.mark.parametrize("spelling", ("NaN", "inf", "-Infinity", "1e400"))
@pytest.mark.parametrize("column", ["primaryValue", "qty", "netWgt"])
def test_a_comtrade_value_quantity_or_weight_that_is_not_finite_is_refused(
    tmp_path, warehouse, spelling, column
):
    cells = dict(zip(COMTRADE_HEADER.split(","), COMTRADE_ROW.split(","), strict=True))
    cells[column] = spelling
    err = refused("comtrade", comtrade(tmp_path, ",".join(cells.values())), warehouse)
    what = {"primaryValue": "value", "qty": "quantity", "netWgt": "net weight"}[column]
    assert (err.line, err.reason) == (2, f"{what} {spelling} is not a finite number")


# --- item 12: cut files --------------------------------------------------------------------


def test_a_baci_file_cut_inside_its_last_row_is_refused(tmp_path, warehouse):
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(BACI_TEXT[: BACI_TEXT.index("7815.9") + 2])  # the last value reads 78
    err = refused("baci", path, warehouse)
    assert err.line == 3
    assert err.reason.startswith("the file ends inside line 3 (no line break after it)")
    assert not warehouse.exists()


def test_a_comtrade_file_cut_inside_its_last_value_is_refused(tmp_path, warehouse):
    path = comtrade(tmp_path, COMTRADE_ROW)
    text = path.read_text()
    path.write_text(text[: text.rindex("9766031.23") + 3])  # the value reads 976
    err = refused("comtrade", path, warehouse)
    assert err.line == 2
    assert err.reason.startswith("the file ends inside line 2 (no line break after it)")


def test_a_national_csv_cut_mid_line_is_refused(tmp_path, warehouse):
    path = national(tmp_path)
    text = path.read_text()
    path.write_text(text[: text.rindex("Trend") + 2])
    err = refused("national", path, warehouse)
    assert err.line == 3
    assert "looks cut short" in err.reason


def test_a_file_cut_at_the_end_of_a_line_loads_the_lines_it_has(tmp_path, warehouse):
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_text(BACI_TEXT[: BACI_TEXT.index("2022,860")])
    assert load("baci", [path], warehouse=warehouse).rows == 1


@pytest.mark.parametrize(
    ("fmt", "text", "line", "reason"),
    [
        ("baci", "t,i,j,k,v,q\n2022,398,860,100199,5,1\n2022,398,8\n2022,398,417,100199,5,1\n",
         3, "3 fields where the header has 6"),
        ("baci", "t,i,j,k,v,q\n2022,398,860,100199,5,1,7\n", 2,
         "7 fields where the header has 6"),
        ("baci", 't,i,j,k,v,q\n2022,398,860,"100199,5,1\n2022,398,417,100199,5,1\n', 2,
         "a quoted field is never closed"),
        ("baci", "t;i;j;k;v;q\n2022;398;860;100199;5;1\n", 1,
         "missing column 't', 'i', 'j', 'k', 'v', 'q' (the header is one column "
         "'t;i;j;k;v;q': separate the columns with commas)"),
        ("comtrade", COMTRADE_HEADER + "\nC,A,20220101,2022\n", 2,
         "4 fields where the header has 23"),
        ("national", NATIONAL_HEADER + "\nKZ,UZ,2023\n", 2,
         "3 fields where the header has 12"),
        ("national", NATIONAL_HEADER + "\nKZ,UZ,2023,3,1,,billion USD,KZ,,,src,,oops\n", 2,
         "13 fields where the header has 12"),
        ("national", NATIONAL_HEADER.replace(",source", ",source,source") + "\n", 1,
         "column 'source' appears twice"),
    ],
)
def test_a_broken_line_is_named_rather_than_the_header(tmp_path, warehouse, fmt, text, line, reason):
    name = {"baci": "BACI_HS17_Y2022_V202401.csv"}.get(fmt, f"{fmt}.csv")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    err = refused(fmt, path, warehouse)
    assert (err.line, err.reason) == (line, reason)


@pytest.mark.parametrize(("fmt", "name"), [("baci", "BACI_HS17_Y2022_V202401.csv"),
                                           ("comtrade", "c.csv"), ("national", "n.csv"),
                                           ("national", "n.xlsx")])
def test_an_empty_file_is_refused_as_empty(tmp_path, warehouse, fmt, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert (refused(fmt, path, warehouse).reason) == "the file is empty"


def rewrite(workbook: Path, to: Path, old: bytes, new: bytes) -> None:
    """A copy of a workbook with its first sheet's XML changed."""
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(to, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            dst.writestr(item, data)


def test_a_workbook_cell_holding_too_large_a_number_is_refused(tmp_path, warehouse):
    book = Workbook()
    book.active.append(["reporter", "partner", "period", "exports", "imports", "source"])
    book.active.append(["KZ", "UZ", "2023", 7e8, 1.3e9, "Kazakh statistics"])
    book.save(tmp_path / "plain.xlsx")
    # openpyxl and Excel never write a number that is not finite; another program may.
    rewrite(tmp_path / "plain.xlsx", tmp_path / "kz.xlsx", b"<v>700000000</v>", b"<v>1E999</v>")
    err = refused("national", tmp_path / "kz.xlsx", warehouse)
    assert (err.line, err.reason) == (2, "exports 'inf' is not a finite number")


def national_workbook(path: Path, *rows: list) -> Workbook:
    book = Workbook()
    book.active.append(["reporter", "partner", "period", "exports", "imports", "source"])
    for row in rows:
        book.active.append(row)
    return book


def test_a_workbook_formula_without_a_saved_value_is_refused_by_line_and_column(
    tmp_path, warehouse
):
    book = national_workbook(tmp_path, ["KZ", "UZ", "2023", 3.1e9, 1.3e9, "Kazakh statistics"],
                             ["UZ", "KZ", "2023", "=D2*0.9", 3.4e9, "Uzbek statistics"])
    book.save(tmp_path / "kz.xlsx")  # openpyxl, like a script, saves no computed values
    err = refused("national", tmp_path / "kz.xlsx", warehouse)
    assert (err.line, err.reason) == (
        3, "exports (D3) is a formula without a saved value (=D2*0.9): open the workbook in "
           "Excel and save it, or type the value")
    # Saved by Excel, the formula keeps its value, and the value is read.
    rewrite(tmp_path / "kz.xlsx", tmp_path / "saved.xlsx",
            b"<f>D2*0.9</f><v></v>", b"<f>D2*0.9</f><v>2790000000</v>")
    load("national", [tmp_path / "saved.xlsx"], warehouse=warehouse)
    p = queries.pair_series("UZ", "KZ", basis="UZ", warehouse=warehouse)[0]
    assert p.exports.value == 2.79e9


def test_merged_workbook_cells_are_refused_by_range(tmp_path, warehouse):
    book = national_workbook(tmp_path, ["KZ", "UZ", "2023", 3.1e9, 1.3e9, "Kazakh statistics"],
                             ["KZ", "UZ", "2022", 2.9e9, 1.2e9, None])
    book.active.merge_cells("F2:F3")
    book.save(tmp_path / "kz.xlsx")
    err = refused("national", tmp_path / "kz.xlsx", warehouse)
    assert (err.line, err.reason) == (
        2, "cells F2:F3 are merged: give each line its own value")


# --- the class: generated bad files through every loader ----------------------------------
#
# A bad file gets a clear error or loads correctly: never another exception, never a partial
# write (the previous warehouse stays byte for byte), never a number that is not finite.

CODES = b"code,description\n100199,Wheat\n010121,Horses\n870899,\"Parts, of cars\"\n"
BACI = (b"t,i,j,k,v,q\n2022,398,860,100199,1000.5,2000\n2022,398,860,010121,20,NA\n"
        b"2022,860,398,870899,7815.9,15.5\n2022,398,417,100199,50,100\n")
COMTRADE = (COMTRADE_HEADER + "\n" + "\n".join([
    COMTRADE_ROW,
    "C,A,20220101,2022,52,2022,398,KAZ,M,860,UZB,0,H5,TOTAL,0,C00,0,,,,1200000000,,1200000000",
    "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C01,0,,,,,999,999",
    "C,A,20220101,2022,52,2022,398,KAZ,X,842,USA,0,H5,100199,6,C00,0,10,t,10000,,7000000,7000000",
]) + "\n").encode()
NATIONAL = (NATIONAL_HEADER + "\n"
            "KZ,UZ,2023,3100,1300,4400,million USD,KZ,,2024-07-12,Kazakh statistics,\n"
            "UZ,KZ,2024-01/2024-04,,,1200,million USD,UZ,,2024-06-08,Trend,\n"
            "KZ,KG,2023,1.1,0.4,,billion USD,KZ,derived,,\"Stat, KZ\",\"a \"\"note\"\"\"\n"
            ).encode()
ODD_NUMBERS = (*NON_FINITE, " nan", "NAN ", "1e308", "-1e308", "1e-320", "5e-324", "-0",
               "9" * 40, "0x1p3", "1_000", "", "abc", "-5", "0")
BASES = {  # format -> files, the first of them mutated
    "baci": [("BACI_HS17_Y2022_V202401.csv", BACI), ("product_codes_HS17_V202401.csv", CODES)],
    "codes": [("product_codes_HS17_V202401.csv", CODES), ("BACI_HS17_Y2022_V202401.csv", BACI)],
    "comtrade": [("comtrade.csv", COMTRADE)],
    "national": [("national.csv", NATIONAL)],
    "xlsx": [("national.xlsx", NATIONAL)],
}


@st.composite
def mutations(draw, data: bytes) -> tuple[str, bytes]:
    """A bad (or sometimes good) version of a file's bytes, and what was done to it."""
    kind = draw(st.sampled_from(["cut", "cut a line", "number", "encoding", "header",
                                 "random bytes", "empty", "flip a byte", "field", "repeat"]))
    lines = data.split(b"\n")[:-1]
    line = draw(st.integers(0, len(lines) - 1))
    if kind == "cut":
        return kind, data[: draw(st.integers(0, len(data)))]
    if kind == "cut a line":
        lines[line] = lines[line][: draw(st.integers(0, max(len(lines[line]) - 1, 0)))]
    elif kind == "number":
        numbers = list(re.finditer(rb"\d+(\.\d+)?", data))
        found = numbers[draw(st.integers(0, len(numbers) - 1))]
        odd = draw(st.sampled_from(ODD_NUMBERS)).encode()
        return kind, data[: found.start()] + odd + data[found.end():]
    elif kind == "encoding":
        text = data.decode()
        at = draw(st.integers(0, len(text)))
        encoding, word = draw(st.sampled_from([("cp1251", "Казахстан"), ("utf-16", "Казахстан"),
                                               ("latin-1", "Côte d'Ivoire")]))
        return kind, (text[:at] + word + text[at:]).encode(encoding)
    elif kind == "header":
        names = lines[0].split(b",")
        names.pop(draw(st.integers(0, len(names) - 1)))
        names.insert(draw(st.integers(0, len(names))), draw(st.sampled_from(
            [b"", b"x", b"v", b"source", names[0] if names else b"t"])))
        lines[0] = b",".join(names)
    elif kind == "random bytes":
        return kind, draw(st.binary(max_size=300))
    elif kind == "empty":
        return kind, b""
    elif kind == "flip a byte":
        at = draw(st.integers(0, len(data) - 1))
        return kind, data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    elif kind == "field":
        lines[line] += draw(st.sampled_from([b",", b",x", b",1"]))
    else:
        lines.insert(line, lines[line])
    return kind, b"\n".join(lines) + b"\n"


def workbook(data: bytes) -> bytes:
    """The same table as an XLSX workbook (numbers as numbers), or the bytes if not text."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error):
        return data
    book = Workbook()
    for row in rows:
        cells = []
        for cell in row:
            try:
                cells.append(float(cell) if math.isfinite(float(cell)) else cell)
            except ValueError:
                cells.append(ILLEGAL_CHARACTERS_RE.sub("", cell))
        book.active.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def non_finite_stored(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return sum(con.execute(sql).fetchone()[0] for sql in (
            "SELECT count(*) FROM flows WHERE NOT isfinite(value) OR NOT isfinite(quantity)",
            "SELECT count(*) FROM pair_totals WHERE NOT isfinite(value)",
            "SELECT count(*) FROM country_hs6 WHERE NOT isfinite(value)",
            "SELECT count(*) FROM country_totals WHERE NOT isfinite(value)",
            "SELECT count(*) FROM product_totals WHERE NOT isfinite(value)",
        ))


def baci_values(data: bytes) -> list[float]:
    """What a loaded BACI file must have stored: its values, in US$."""
    return sorted(float(r["v"]) * 1000 for r in csv.DictReader(io.StringIO(data.decode())))


def stored_baci_values(path: Path) -> list[float]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(v for (v,) in con.execute(
            "SELECT value FROM flows WHERE basis = 'BACI'").fetchall())


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    """A warehouse that already holds a load, kept aside to restore."""
    folder = tmp_path_factory.mktemp("earlier")
    path = folder / "warehouse.duckdb"
    load("national", [national(folder, "KZ,TJ,2022,900,200,,million USD,KZ,,,Kazakh stat,")],
         warehouse=path)
    return path


def identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size


def load_or_refuse(fmt: str, files: list[tuple[str, bytes]], folder: Path, earlier: Path, *,
                   compare_bytes: bool = True, loaded: Callable[[Path], None] | None = None):
    """Load the files over a copy of the earlier warehouse and check the class's promises.

    A load writes a new file and swaps it in, so a refused load must leave the same file (the
    same inode, time and size) and, when ``compare_bytes``, the same bytes. ``loaded`` checks
    the warehouse after a load.
    """
    warehouse = folder / "warehouse.duckdb"
    if not warehouse.exists():
        shutil.copyfile(earlier, warehouse)
    paths = []
    for name, data in files:
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    expected = {"warehouse.duckdb", *(n for n, _ in files)}
    before = identity(warehouse)
    try:
        result = load("national" if fmt == "xlsx" else "baci" if fmt == "codes" else fmt,
                      paths, warehouse=warehouse)
    except LoadError as err:
        assert err.reason and "\n" not in err.reason, err.reason
        for engine_words in ("Possible", "sniff", "Traceback", "Binder Error"):
            assert engine_words not in err.reason, err.reason
        assert identity(warehouse) == before
        if compare_bytes:
            assert warehouse.read_bytes() == earlier.read_bytes()
        assert {p.name for p in folder.iterdir()} == expected
        return None
    assert non_finite_stored(warehouse) == 0
    assert {p.name for p in folder.iterdir()} == expected
    if loaded:
        loaded(warehouse)
    warehouse.unlink()  # the next example starts from the earlier warehouse again
    return result


@pytest.mark.parametrize("fmt", BASES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_generated_bad_file_is_refused_clearly_or_loaded_correctly(
    tmp_path, earlier, fmt, data
):
    (name, original), *others = BASES[fmt]
    kind, mutated = data.draw(mutations(original), label="mutation")
    if fmt == "xlsx":
        mutated = workbook(mutated) if kind != "cut" else workbook(original)[: len(mutated)]

    def stored_as_written(warehouse: Path) -> None:
        if fmt == "baci":
            assert stored_baci_values(warehouse) == baci_values(mutated)

    result = load_or_refuse(fmt, [(name, mutated), *others], tmp_path, earlier,
                            loaded=stored_as_written)
    if result is not None and kind == "cut" and fmt != "xlsx":
        assert mutated.endswith((b"\n", b"\r")), "a file cut inside a line was loaded"


@pytest.mark.parametrize("fmt", ["baci", "codes", "comtrade", "national"])
def test_a_file_cut_at_any_byte_is_refused_unless_cut_at_the_end_of_a_line(
    tmp_path, earlier, fmt
):
    (name, original), *others = BASES[fmt]
    loads = 0
    for end in range(len(original) + 1):
        cut = original[:end]

        def stored_as_written(warehouse: Path, cut: bytes = cut) -> None:
            if fmt == "baci":
                assert stored_baci_values(warehouse) == baci_values(cut)

        result = load_or_refuse(fmt, [(name, cut), *others], tmp_path, earlier,
                                compare_bytes=False, loaded=stored_as_written)
        if not cut.endswith(b"\n"):
            assert result is None, f"a file cut inside a line was loaded: {cut!r}"
        loads += result is not None
    # Cut at the end of a line, a file is a shorter file and loads (product codes cut short
    # miss the codes the BACI file uses, unless only the header is left), unless only its
    # header is left: a file without a figure is refused.
    assert loads == (2 if fmt == "codes" else original.count(b"\n") - 1)


@pytest.mark.parametrize("fmt", ["baci", "comtrade", "national"])
def test_a_utf16_file_is_refused_as_not_utf8_rather_than_cut(tmp_path, warehouse, fmt):
    """Excel's "Unicode text" is UTF-16, whose last byte is never a line break's."""
    text = {"baci": BACI, "comtrade": COMTRADE, "national": NATIONAL}[fmt].decode()
    path = tmp_path / "BACI_HS17_Y2022_V202401.csv"
    path.write_bytes(text.encode("utf-16"))
    err = refused(fmt, path, warehouse)
    assert (err.line, err.reason) == (1, "not UTF-8 text (UTF-16); save the file as UTF-8 "
                                         "(in Excel: CSV UTF-8)")
