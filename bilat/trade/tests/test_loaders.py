"""Loaders: each format, each kind of bad file, and re-loads that replace."""

from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from bilat.trade import queries
from bilat.trade.loaders import LoadError, load, parse_period
from bilat.trade.warehouse import SCHEMA_VERSION, WarehouseError, forget_readers, upgrade

from .factories import BACI_HEADER, baci, comtrade, national, write


def count(path: Path, sql: str = "SELECT count(*) FROM flows") -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def test_a_baci_year_is_loaded_in_us_dollars_with_leading_zeros_kept(tmp_path, warehouse):
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT reporter, partner, product, value, quantity, source, vintage, basis "
            "FROM flows ORDER BY value"
        ).fetchall()
    assert ("KZ", "UZ", "010121", 20_000.0, None, "CEPII BACI HS17", "V202401", "BACI") in rows
    assert ("KZ", "UZ", "100199", 1_000_500.0, 2000.0, "CEPII BACI HS17", "V202401", "BACI") in rows
    series = queries.pair_series("KZ", "UZ", basis="BACI", warehouse=warehouse)
    assert series[0].exports.value == 1_020_500.0
    assert series[0].imports.value == 300_000.0


def test_baci_product_codes_give_descriptions_and_catch_unknown_codes(tmp_path, warehouse):
    codes = write(tmp_path / "product_codes_HS17_V202401.csv", "code,description",
                  "100199,Wheat", "010121,Horses", "870899,Car parts")
    load("baci", [codes, baci(tmp_path)], warehouse=warehouse)
    assert count(warehouse, "SELECT count(*) FROM products WHERE classification='HS17'") == 3
    with pytest.raises(LoadError) as err:
        load("baci", [codes, baci(tmp_path, "2022,398,860,100190,1,1")], warehouse=warehouse)
    assert err.value.line == 2
    assert "unknown product code 100190" in err.value.reason


def test_a_comtrade_file_keeps_only_totals_and_maps_flow_codes(tmp_path, warehouse):
    result = load("comtrade", [comtrade(tmp_path)], warehouse=warehouse, vintage="2023-06")
    assert result.rows == 4 and result.skipped == 3
    with duckdb.connect(str(warehouse), read_only=True) as con:
        flows = dict(con.execute(
            "SELECT flow, sum(value) FROM flows WHERE partner = 'UZ' GROUP BY flow").fetchall())
        partners = {r[0] for r in con.execute("SELECT partner FROM flows").fetchall()}
    assert flows == {"export": 3e9, "import": 1.2e9, "re-export": 5e6}
    assert partners == {"UZ", "US"}  # 842 is Comtrade's code for the USA, not ISO's 840
    p = queries.pair_series("KZ", "UZ", basis="COMTRADE", warehouse=warehouse)[0]
    assert (p.exports.value, p.imports.value, p.turnover.value) == (3e9, 1.2e9, 4.2e9)


def test_a_national_table_keeps_source_basis_and_period(tmp_path, warehouse):
    load("national", [national(tmp_path)], warehouse=warehouse)
    p = queries.pair_series("KZ", "UZ", basis="KZ", warehouse=warehouse)[0]
    assert (p.year, p.exports.value, p.turnover.value) == (2023, 3.1e9, 4.4e9)
    assert p.exports.source == "Kazakh statistics"
    ytd = queries.pair_series("KZ", "UZ", basis="UZ", period_kind="ytd", warehouse=warehouse)
    assert (ytd[0].year, ytd[0].month, ytd[0].turnover.value) == (2024, 4, 1.2e9)


def test_a_national_table_can_be_an_xlsx_workbook(tmp_path, warehouse):
    book = Workbook()
    sheet = book.active
    sheet.append(["reporter", "partner", "period", "exports", "imports", "source"])
    sheet.append(["UZ", "KZ", "2025", 1.55e9, 3.4e9, "Trend RU, 1 Feb 2026"])
    book.save(tmp_path / "uz.xlsx")
    load("national", [tmp_path / "uz.xlsx"], warehouse=warehouse)
    p = queries.pair_series("UZ", "KZ", basis="UZ", warehouse=warehouse)[0]
    assert (p.exports.value, p.imports.value, p.turnover.value) == (1.55e9, 3.4e9, 4.95e9)


@pytest.mark.parametrize(
    ("fmt", "lines", "line", "reason"),
    [
        ("baci", ("2022,398,860,100199,10,1", "2022,398,999,100199,10,1"), 3,
         "unknown importer country code 999"),
        ("baci", ("2022,398,860,100199,-10,1",), 2, "negative value"),
        ("baci", ("2022,398,860,100199,10,1", "2022,860,860,100199,10,1"), 3,
         "exporter and importer are the same country UZ"),
        ("baci", ("2022,398,0,100199,10,1",), 2, "the world (code 0) is not"),
        ("baci", ("2022,398,860,100199,10,1", "2022,398,860,100199,11,1"), 3,
         "duplicate of line 2"),
        ("baci", ("2022,398,860,100199,900000000000,1",), 2, "looks like the wrong unit"),
        ("baci", ("2022,398,860,770000,10,1",), 2, "unknown product code 770000"),
        ("baci", ("2022,398,860,100199,ten,1",), 2, "value ten is not a number"),
        ("national", ("KZ,XX,2023,1,1,,billion USD,KZ,,,src,",), 2,
         "unknown partner country code 'XX'"),
        ("national", ("KZ,UZ,2023,3.1,1.3,,,KZ,,,src,",), 2, "looks like the wrong unit"),
        ("national", ("KZ,UZ,2023,-1,1,,billion USD,KZ,,,src,",), 2, "negative exports"),
        ("national", ("KZ,UZ,2023,3,1,,billion USD,KZ,,,src,",
                      "KZ,UZ,2023,3,1,,billion USD,KZ,,,src2,"), 3, "duplicate of line 2"),
        ("national", ("KZ,UZ,2023-02/2023-04,3,1,,billion USD,KZ,,,src,",), 2, "from January"),
        ("national", ("KZ,UZ,2023,3,1,,billion USD,KZ,,,,",), 2, "empty source"),
    ],
)
def test_a_bad_file_stops_the_load_with_line_and_reason_and_writes_nothing(
    tmp_path, warehouse, fmt, lines, line, reason
):
    load("national", [national(tmp_path, name="good.csv")], warehouse=warehouse)
    before = count(warehouse)
    bad = baci(tmp_path, *lines) if fmt == "baci" else national(tmp_path, *lines)
    with pytest.raises(LoadError) as err:
        load(fmt, [bad], warehouse=warehouse)
    assert err.value.line == line
    assert reason in err.value.reason
    assert str(bad) in str(err.value)
    assert count(warehouse) == before


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (("C,A,20220101,2022,52,2022,398,KAZ,X,999,ZZZ,0,H5,TOTAL,0,C00,0,,,,,1,1",), 2,
         "unknown partner country code 999"),
        (("C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,0,,,,,-5,-5",), 2,
         "negative value"),
        (("C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,0,,,,,5,5",
          "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C01,0,,,,,5,5",
          "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,0,,,,,6,6"), 4,
         "duplicate of line 2"),
    ],
)
def test_a_bad_comtrade_file_stops_the_load(tmp_path, warehouse, lines, line, reason):
    with pytest.raises(LoadError) as err:
        load("comtrade", [comtrade(tmp_path, *lines)], warehouse=warehouse)
    assert (err.value.line, reason in err.value.reason) == (line, True)
    assert not warehouse.exists()


def test_a_missing_column_is_reported_on_the_header_line(tmp_path, warehouse):
    bad = write(tmp_path / "BACI_HS17_Y2022_V202401.csv", "t,i,j,k,q", "2022,398,860,100199,1")
    with pytest.raises(LoadError) as err:
        load("baci", [bad], warehouse=warehouse)
    assert (err.value.line, err.value.reason) == (1, "missing column 'v'")


def test_loading_the_same_source_and_vintage_again_replaces_it(tmp_path, warehouse):
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    load("baci", [baci(tmp_path, "2022,398,860,100199,7,1")], warehouse=warehouse)
    assert count(warehouse) == 1
    assert count(warehouse, "SELECT sum(value) FROM pair_totals") == 7000
    load("national", [national(tmp_path)], warehouse=warehouse)
    load("national", [national(tmp_path)], warehouse=warehouse)
    assert count(warehouse, "SELECT count(*) FROM flows WHERE basis <> 'BACI'") == 4


def test_another_vintage_is_kept_beside_and_the_latest_is_shown(tmp_path, warehouse):
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    load("baci", [baci(tmp_path, "2022,398,860,100199,7,1", name="BACI_HS17_Y2022_V202501.csv")],
         warehouse=warehouse)
    assert count(warehouse) == 5
    p = queries.pair_series("KZ", "UZ", basis="BACI", warehouse=warehouse)[0]
    assert (p.exports.value, p.exports.vintage) == (7000.0, "V202501")


def test_product_questions_use_the_latest_vintage_for_every_country_at_once(tmp_path, warehouse):
    older = baci(tmp_path, "2022,398,860,100199,600,1", "2022,398,643,270900,900,1",
                 "2022,643,398,270900,1200,1", "2022,860,398,080610,250,1")
    load("baci", [older], warehouse=warehouse)
    newer = baci(tmp_path, "2022,398,860,100199,600,1", "2022,643,398,270900,200,1",
                 name="BACI_HS17_Y2022_V202501.csv")
    load("baci", [newer], warehouse=warehouse)
    ours = queries.rca(year=2022, warehouse=warehouse).to_pylist()
    # Only the newer release: KZ 600 of wheat, RU 200 of oil; the older rows stay in flows.
    assert {(r["country"], r["product"], r["value"]) for r in ours} == {
        ("KZ", "100199", 600_000.0), ("RU", "270900", 200_000.0)}
    kz = next(r for r in ours if r["country"] == "KZ")
    assert kz["rca"] == pytest.approx(1.0 / (600 / 800))
    assert queries.complementarity("KZ", "UZ", 2022, warehouse=warehouse) == pytest.approx(100)


def test_two_files_with_the_same_year_in_one_load_are_refused(tmp_path, warehouse):
    a = baci(tmp_path)
    b = write(tmp_path / "copy_BACI_HS17_Y2022_V202401.csv", BACI_HEADER, "2022,398,860,100199,1,1")
    with pytest.raises(LoadError, match="in the same load"):
        load("baci", [a, b], warehouse=warehouse)


def test_periods_are_years_months_or_january_to_a_month():
    assert parse_period("2023") == (2023, None, "year")
    assert parse_period("2024-01") == (2024, 1, "month")
    assert parse_period("2024-01/2024-04") == (2024, 4, "ytd")
    with pytest.raises(ValueError):
        parse_period("Q1 2024")


def test_a_country_with_two_m49_numbers_is_one_country(tmp_path, warehouse):
    # BACI names France 251 and the UN 250: both are France, in totals and in HS detail.
    load("baci", [baci(tmp_path, "2022,251,398,100199,5,1", "2022,250,398,100199,7,1",
                       "2022,398,250,870899,3,1")], warehouse=warehouse)
    series = queries.pair_series("FR", "KZ", basis="BACI", warehouse=warehouse)
    assert (series[0].exports.value, series[0].imports.value) == (12_000.0, 3_000.0)
    products = queries.pair_products("FR", "KZ", 2022, basis="BACI", warehouse=warehouse)
    assert products.exports_total == 12_000.0 and products.imports_total == 3_000.0
    assert count(warehouse, "SELECT count(*) FROM flows WHERE reporter = 'FR'") == 2


def test_a_warehouse_of_the_earlier_layout_is_refused_until_converted(tmp_path, warehouse):
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    answers = (queries.pair_series("KZ", "UZ", basis="BACI", warehouse=warehouse),
               queries.pair_products("KZ", "UZ", 2022, basis="BACI", warehouse=warehouse))
    forget_readers()
    with duckdb.connect(str(warehouse)) as con:  # layout 1: BACI rows by ISO code, no version
        con.execute(
            "CREATE TABLE v1 AS SELECT b.load_id, e.iso2 AS reporter, m.iso2 AS partner, "
            "b.year, b.product, b.value, b.quantity FROM baci_rows b "
            "JOIN countries e ON e.m49 = b.reporter JOIN countries m ON m.m49 = b.partner")
        con.execute("DROP TABLE baci_rows")
        con.execute("ALTER TABLE v1 RENAME TO baci_rows")
        con.execute("DROP TABLE schema_version")
    with pytest.raises(WarehouseError, match="earlier bilat .*`bilat trade upgrade`"):
        queries.pair_series("KZ", "UZ", basis="BACI", warehouse=warehouse)
    assert upgrade(warehouse) == 1
    assert upgrade(warehouse) == SCHEMA_VERSION
    assert (queries.pair_series("KZ", "UZ", basis="BACI", warehouse=warehouse),
            queries.pair_products("KZ", "UZ", 2022, basis="BACI", warehouse=warehouse)) == answers
    # A load converts it as well, and the converted rows are replaced like any others.
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    assert count(warehouse) == 4
