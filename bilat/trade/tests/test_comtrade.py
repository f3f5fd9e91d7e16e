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
