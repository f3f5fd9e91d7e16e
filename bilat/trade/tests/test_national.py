"""National tables as statistics offices publish them load as bilat's own template does."""

import duckdb
import pytest
from openpyxl import Workbook

from bilat.trade import national
from bilat.trade.loaders import LoadError, load

from .factories import national as template

RUSSIAN = (
    "Страна;Страна-партнёр;Период;Экспорт, млн долл. США;Импорт, млн долл. США;"
    "Товарооборот, млн долл. США;Источник;Дата публикации\n"
    "Казахстан;Узбекистан;2023;3 100,0;1 300,0;4 400,0;Бюро национальной статистики;2024-07-12\n"
    "UZ;KZ;2023;1370,0;3030,0;;Агентство статистики;2024-02-09\n"
    "KZ;KG;2024-01/2024-04;0,5;;;Бюро национальной статистики;2024-05-20\n"
)
ENGLISH = (
    "KZ,UZ,2023,3100,1300,4400,million USD,KZ,,2024-07-12,Бюро национальной статистики,",
    "UZ,KZ,2023,1370,3030,,million USD,UZ,,2024-02-09,Агентство статистики,",
    "KZ,KG,2024-01/2024-04,0.5,,,million USD,KZ,,2024-05-20,Бюро национальной статистики,",
)


def stored(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(con.execute(
            "SELECT basis, reporter, partner, flow, year, month, period_kind, value, source, "
            "vintage FROM flows").fetchall())


@pytest.mark.parametrize("encoding", ["cp1251", "utf-8", "utf-8-sig"])
def test_a_russian_table_gives_the_figures_of_the_english_template(tmp_path, encoding):
    english = template(tmp_path, *ENGLISH, name="en.csv")
    load("national", [english], warehouse=tmp_path / "en.duckdb")
    russian = tmp_path / "ru.csv"
    russian.write_bytes(RUSSIAN.encode(encoding))
    load("national", [russian], warehouse=tmp_path / "ru.duckdb")
    assert stored(tmp_path / "ru.duckdb") == stored(tmp_path / "en.duckdb")
    assert len(stored(tmp_path / "en.duckdb")) == 6


def test_units_in_thousands_a_comma_separator_and_a_workbook(tmp_path):
    csv_file = tmp_path / "kz.csv"
    csv_file.write_text(
        'Reporter,Partner,Year,"Exports, thousand US$","Imports, thousand US$",Source\n'
        'KZ,UZ,2023,"3,100,000.0","1,300,000",Kazakh statistics\n', encoding="utf-8")
    load("national", [csv_file], warehouse=tmp_path / "a.duckdb")
    book = Workbook()
    book.active.append(["Страна", "Партнер", "Год", "Экспорт (тыс. долл. США)",
                        "Импорт (тыс. долл. США)", "Источник"])
    book.active.append(["KZ", "UZ", "2023", 3100000.0, "1 300 000,0", "Kazakh statistics"])
    book.save(tmp_path / "kz.xlsx")
    load("national", [tmp_path / "kz.xlsx"], warehouse=tmp_path / "b.duckdb")
    assert [r[7] for r in stored(tmp_path / "a.duckdb")] == [3.1e9, 1.3e9]
    assert stored(tmp_path / "b.duckdb") == stored(tmp_path / "a.duckdb")


def test_an_unknown_header_is_refused_with_the_accepted_names(tmp_path):
    path = tmp_path / "kz.csv"
    path.write_text("Страна;Партнер;Период;Экспорт;Импорт;Источник;Сальдо\n"
                    "KZ;UZ;2023;3100000000;1300000000;x;1\n", encoding="utf-8")
    with pytest.raises(LoadError) as err:
        load("national", [path], warehouse=tmp_path / "w.duckdb")
    assert err.value.line == 1
    assert err.value.reason.startswith("unknown column 'Сальдо'; accepted names: reporter:")
    assert "экспорт" in err.value.reason and "товарооборот" in err.value.reason


@pytest.mark.parametrize(("text", "decimal", "expected"), [
    ("1 370,0", ",", "1370.0"), ("1\u00a0370,5", ",", "1370.5"), ("1.370,0", ",", "1370.0"),
    ("1370,0", ",", "1370.0"), ("1,370.0", ".", "1370.0"), ("1370.25", ".", "1370.25"),
    ("12 34,0", ",", "12 34.0"),
])
def test_published_numbers_are_read_in_the_tables_style(text, decimal, expected):
    assert national.number_text(text, decimal) == expected


def test_an_ambiguous_number_and_text_in_no_known_encoding_are_refused(tmp_path):
    path = tmp_path / "kz.csv"
    path.write_text("Страна;Партнер;Период;Экспорт;Импорт;Источник\n"
                    "KZ;UZ;2023;1.370;;x\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"line 2: exports '1.370' is not a number"):
        load("national", [path], warehouse=tmp_path / "w.duckdb")
    path.write_bytes(b"reporter,partner,period,exports,imports,source\n"
                     b"KZ,UZ,2023,1,1,Kazstat \x99\n")
    with pytest.raises(LoadError, match=r"line 2: neither UTF-8 nor Windows-1251 text"):
        load("national", [path], warehouse=tmp_path / "w.duckdb")


@pytest.mark.parametrize(("unit", "scale"), [
    ("млн долл. США", 1e6), ("тыс. долл. США", 1e3), ("US$ million", 1e6),
    ("thousands of US$", 1e3), ("млрд. долл. США", 1e9), ("USD", 1.0), ("tonnes", None),
])
def test_units_from_the_dictionary(unit, scale):
    assert national.unit_scale(unit) == scale
