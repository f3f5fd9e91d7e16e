"""Bad files: wrong encodings, broken workbooks, cut files and non-finite numbers are refused
with the file, the line and the reason, and nothing is written."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

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


def test_a_national_csv_in_cp1251_is_refused_as_not_utf8_on_its_line(tmp_path, warehouse):
    path = tmp_path / "kz.csv"
    path.write_bytes((
        "reporter,partner,period,exports,imports,source,unit\n"
        "KZ,UZ,2023,3.1,1.3,Бюро национальной статистики,billion USD\n"
    ).encode("cp1251"))
    err = refused("national", path, warehouse)
    assert err.line == 2
    assert err.reason.startswith("not UTF-8 text (byte 0xc1)")
    assert "save the file as UTF-8" in err.reason
    assert not warehouse.exists()


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really", bytes(range(256)) * 4])
def test_random_bytes_named_xlsx_are_refused_as_not_a_workbook(tmp_path, warehouse, content):
    path = tmp_path / "kz.xlsx"
    path.write_bytes(content)
    err = refused("national", path, warehouse)
    assert err.line is None
    assert err.reason.startswith("not a readable XLSX workbook")


def test_the_command_names_a_bad_encoding_without_a_traceback(tmp_path):
    path = tmp_path / "kz.csv"
    path.write_bytes("reporter,partner,period,exports,imports,source\nKZ,UZ,2023,1,1,Казстат\n"
                     .encode("cp1251"))
    with override_settings(TRADE_WAREHOUSE=tmp_path / "w.duckdb"):
        with pytest.raises(CommandError, match=r"kz\.csv, line 2: not UTF-8 text"):
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
