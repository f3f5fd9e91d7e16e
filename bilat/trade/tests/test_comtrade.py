"""Comtrade with HS detail from both reporters: one report per flow, a mirror on every basis."""

import pytest

from bilat.trade import queries
from bilat.trade.loaders import load

from .factories import COMTRADE_HEADER, write

KZ, UZ = "398", "860"


def line(reporter: str, flow: str, partner: str, code: str, value: float, year: int = 2023) -> str:
    iso = {KZ: "KAZ", UZ: "UZB"}
    return (f"C,A,{year}0101,{year},52,{year},{reporter},{iso[reporter]},{flow},{partner},"
            f"{iso[partner]},0,H5,{code},{len(code)},C00,0,,,,,{value:.0f},{value:.0f}")


# Each office's report of 2023, HS6: KZ's exports to UZ come to 3.10 bn in KZ's report and to
# 3.03 bn in UZ's mirror report of its imports from KZ.
KZ_REPORT = (
    line(KZ, "X", UZ, "100199", 2.0e9), line(KZ, "X", UZ, "870899", 1.1e9),
    line(KZ, "M", UZ, "870899", 1.0e9), line(KZ, "M", UZ, "100199", 0.3e9),
)
UZ_REPORT = (
    line(UZ, "M", KZ, "100199", 1.9e9), line(UZ, "M", KZ, "870899", 1.13e9),
    line(UZ, "X", KZ, "870899", 1.05e9), line(UZ, "X", KZ, "100199", 0.32e9),
)


@pytest.fixture
def both(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    load("comtrade", [write(tmp_path / "kz_2023.csv", COMTRADE_HEADER, *KZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    load("comtrade", [write(tmp_path / "uz_2023.csv", COMTRADE_HEADER, *UZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    return warehouse


def test_each_flow_is_one_report_the_exporters_by_default(both):
    found = queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE", warehouse=both)
    assert found.exports_total == pytest.approx(3.10e9)  # KZ's report, not 3.10 + 3.03
    assert found.imports_total == pytest.approx(1.37e9)  # UZ's report of its exports
    assert found.reports == {"KZ->UZ": "KZ (exporter's report)",
                             "UZ->KZ": "UZ (exporter's report)"}
    mirror = queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE", report="importer",
                                   warehouse=both)
    assert mirror.exports_total == pytest.approx(3.03e9)
    assert mirror.imports_total == pytest.approx(1.30e9)
    assert mirror.report == "importer"


def test_hhi_and_grubel_lloyd_are_computed_on_one_report_per_flow(both):
    found = queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE", warehouse=both)
    x = {"1001": 2.0e9, "8708": 1.1e9}
    m = {"1001": 0.32e9, "8708": 1.05e9}
    total = sum(x.values())
    assert found.hhi_exports == pytest.approx(sum((v / total) ** 2 for v in x.values()))
    gl = sum(x[k] + m[k] - abs(x[k] - m[k]) for k in x) / sum(x[k] + m[k] for k in x)
    assert found.grubel_lloyd == pytest.approx(gl)
    series = queries.product_index_series("KZ", "UZ", basis="COMTRADE", warehouse=both)
    assert [(s.year, s.level) for s in series] == [(2023, 4), (2023, 6)]
    assert series[0].grubel_lloyd == pytest.approx(gl)
    assert series[1].hhi_exports == pytest.approx(found.hhi_exports)


def test_the_mirror_panel_shows_both_comtrade_reports_with_the_gap(both):
    rows = [r for r in queries.mirror("KZ", "UZ", warehouse=both) if r.basis == "COMTRADE"]
    kz_uz = next(r for r in rows if r.exporter == "KZ")
    assert (kz_uz.exporter_report.value, kz_uz.importer_report.value) == pytest.approx(
        (3.10e9, 3.03e9))
    assert kz_uz.gap == pytest.approx(-0.07e9)
    assert kz_uz.exporter_report.reported_by == "KZ"
    assert kz_uz.importer_report.reported_by == "UZ"
    assert "CIF" in kz_uz.note and "FOB" in kz_uz.note
    assert len(rows) == 2


def test_a_second_reporters_file_keeps_the_first_reporters_report(both):
    totals = queries.pair_totals("KZ", "UZ", basis="COMTRADE", warehouse=both)
    assert {r["reported_by"] for r in totals.rows} == {"KZ", "UZ"}


def test_two_reporters_in_one_call_load_side_by_side(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    load("comtrade", [write(tmp_path / "kz.csv", COMTRADE_HEADER, *KZ_REPORT),
                      write(tmp_path / "uz.csv", COMTRADE_HEADER, *UZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    found = queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE", warehouse=warehouse)
    assert found.exports_total == pytest.approx(3.10e9)


def test_indicators_without_a_basis_use_what_is_loaded_and_say_so(both):
    from bilat.trade.indicators import PairQuery, pair_indicators

    found = pair_indicators(PairQuery("KZ", "UZ", year=2023), warehouse=both)
    assert found.basis == "COMTRADE"
    assert "no KZ statistics" in found.basis_reason and "COMTRADE" in found.basis_reason
    assert found.current.turnover.value == pytest.approx(3.10e9 + 1.30e9)  # KZ's own report
    assert found.empty_reason is None
    empty = pair_indicators(PairQuery("KZ", "UZ", year=2019), warehouse=both)
    assert empty.current is None
    assert empty.empty_reason == "no COMTRADE turnover of KZ–UZ in 2019; years held on COMTRADE: 2023"
    none = pair_indicators(PairQuery("KZ", "TJ"), warehouse=both)
    assert none.empty_reason.startswith("the warehouse holds no figures of KZ–TJ")


def test_the_command_says_which_basis_it_chose(both):
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    out, err = StringIO(), StringIO()
    with override_settings(TRADE_WAREHOUSE=both):
        call_command("trade", "indicators", "--reporter", "KZ", "--partner", "UZ", "--year",
                     "2023", "--json", stdout=out, stderr=err)
    assert "basis COMTRADE: no basis was asked" in err.getvalue()
    assert '"basis": "COMTRADE"' in out.getvalue()


def test_a_file_at_hs2_only_gives_its_totals(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    rows = (line(KZ, "X", UZ, "10", 2.0e9), line(KZ, "X", UZ, "87", 1.1e9),
            line(KZ, "M", UZ, "87", 1.0e9), line(KZ, "M", UZ, "10", 0.3e9))
    load("comtrade", [write(tmp_path / "kz_hs2.csv", COMTRADE_HEADER, *rows)],
         warehouse=warehouse, vintage="2024-06")
    [year] = queries.pair_series("KZ", "UZ", basis="COMTRADE", warehouse=warehouse)
    assert (year.exports.value, year.imports.value) == pytest.approx((3.1e9, 1.3e9))


def test_a_file_with_the_world_as_only_partner_and_no_hs6_is_refused(tmp_path):
    from bilat.trade.loaders import LoadError

    world = line(KZ, "X", UZ, "10", 2.0e9).replace(",860,UZB,", ",0,WLD,")
    with pytest.raises(LoadError, match="give no pair totals"):
        load("comtrade", [write(tmp_path / "kz_world.csv", COMTRADE_HEADER, world)],
             warehouse=tmp_path / "w.duckdb", vintage="2024-06")
    assert not (tmp_path / "w.duckdb").exists()


def test_a_vintage_comes_from_the_file_name_or_its_date(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    named = write(tmp_path / "TradeData_KAZ_2023_2024-06-15.csv", COMTRADE_HEADER, *KZ_REPORT)
    result = load("comtrade", [named], warehouse=warehouse)
    assert result.vintages == {named.name: "2024-06-15 (from the file name)"}
    assert {s[1] for s in result.scopes} == {"2024-06-15"}
    plain = write(tmp_path / "uz.csv", COMTRADE_HEADER, *UZ_REPORT)
    result = load("comtrade", [plain], warehouse=warehouse)
    assert result.vintages[plain.name].endswith("(from the file's modification date)")
    assert "" not in {s[1] for s in result.scopes}


def test_a_year_out_of_range_is_refused_on_its_line(tmp_path):
    from bilat.trade.loaders import LoadError

    bad = line(KZ, "X", UZ, "100199", 2.0e9).replace(",2023,52,", ",20230101,52,")
    with pytest.raises(LoadError) as err:
        load("comtrade", [write(tmp_path / "kz.csv", COMTRADE_HEADER, bad)],
             warehouse=tmp_path / "w.duckdb", vintage="2024-06")
    assert (err.value.line, err.value.reason) == (2, "year 20230101 is not a year from 1900 to 2100")
