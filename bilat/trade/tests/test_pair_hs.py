"""A pair's HS detail is read only from the tables that hold rows of the basis asked, known
from what the warehouse file holds (read once per file): the same answers as reading every
table, and fresh after each load."""

from pathlib import Path
from typing import Any

import duckdb
import pytest

from bilat.trade import queries, theme_series
from bilat.trade.loaders import load
from bilat.trade.themes import builtin_themes
from bilat.trade.warehouse import Warehouse, forget_readers, reader

from .factories import COMTRADE_HEADER, baci, national, write
from .test_comtrade import KZ_REPORT, UZ_REPORT

BASES = ("BACI", "COMTRADE", "KZ", "UZ", "none")
PAIRS = (("KZ", "UZ"), ("UZ", "KZ"), ("KZ", "KG"), ("FR", "KZ"))


def every_table(wh: Warehouse, basis: str) -> tuple[bool, dict[int, tuple[Any, ...]]]:
    """What pair_hs_rows read before it knew where rows are: flow_rows on every basis, and
    the basis's BACI loads asked afresh on every call."""
    found = wh.con.execute(
        "SELECT id, source, vintage, flag FROM loads WHERE basis = $basis AND format = 'baci'",
        {"basis": basis}).fetchall()
    return True, {r[0]: r[1:] for r in found}


@pytest.fixture
def mixed(tmp_path: Path, warehouse: Path) -> Path:
    """BACI (France under two numbers), Comtrade HS6 from both reporters, national totals, and
    BACI rows in flow_rows as warehouses loaded before baci_rows existed hold them."""
    load("baci", [baci(tmp_path, "2022,398,860,100199,1000.5,2000", "2022,398,860,010121,20,NA",
                       "2022,860,398,870899,300,15.5", "2022,398,417,100199,50,100",
                       "2022,251,398,100199,5,1", "2022,250,398,100199,7,1")],
         warehouse=warehouse)
    load("baci", [baci(tmp_path, "2022,398,860,100199,600,1", "2022,398,860,847150,9,1",
                       name="BACI_HS17_Y2022_V202501.csv")], warehouse=warehouse)
    load("comtrade", [write(tmp_path / "kz.csv", COMTRADE_HEADER, *KZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    load("comtrade", [write(tmp_path / "uz.csv", COMTRADE_HEADER, *UZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    load("national", [national(tmp_path)], warehouse=warehouse)
    forget_readers()
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "INSERT INTO flow_rows SELECT source, vintage, basis, flag, reporter, partner, flow, "
            "year, month, period_kind, classification, '850760', value / 2, quantity, unit, "
            "note, NULL FROM flows WHERE basis = 'BACI' AND reporter = 'KZ' AND partner = 'UZ' "
            "AND product = '100199' AND vintage = 'V202501'")
    return warehouse


def answers(path: Path) -> list[Any]:
    out: list[Any] = []
    for basis in BASES:
        for a, b in PAIRS:
            with reader(path) as wh:
                out += [queries.pair_hs_rows(wh, a, b, basis, digits, year)
                        for digits in (2, 4, 6) for year in (None, 2022, 2023)]
            out += [queries.pair_products(a, b, year, basis=basis, report=report,
                                          warehouse=path)
                    for year in (2022, 2023) for report in queries.REPORTS]
            out.append(queries.product_index_series(a, b, basis=basis, warehouse=path))
            out.append(theme_series.theme_series(a, b, builtin_themes(), basis=basis,
                                                 warehouse=path))
    return out


def test_reading_only_the_tables_of_the_basis_gives_the_same_answers(mixed, monkeypatch):
    ours = answers(mixed)
    with reader(mixed) as wh:
        flows, loads = queries.pair_hs_sources(wh, "BACI")
        assert flows and len(loads) == 2  # both kinds read on this basis
        assert queries.pair_hs_sources(wh, "COMTRADE") == (True, {})
        assert queries.pair_hs_sources(wh, "none") == (False, {})
    monkeypatch.setattr(queries, "pair_hs_sources", every_table)
    assert answers(mixed) == ours
    # The answers hold something on each kind of basis, so the comparison compares figures.
    products = {b: queries.pair_products("KZ", "UZ", 2022 if b == "BACI" else 2023, basis=b,
                                         warehouse=mixed) for b in ("BACI", "COMTRADE")}
    assert products["BACI"].exports_total == pytest.approx(609_000 + 300_000)
    assert products["COMTRADE"].exports_total == pytest.approx(3.10e9)


def test_what_the_file_holds_is_read_once_and_again_after_a_load(tmp_path, warehouse):
    load("baci", [baci(tmp_path)], warehouse=warehouse)
    with reader(warehouse) as wh:
        held = wh.held("pair_hs_held")
    with reader(warehouse) as wh:
        assert wh.held("pair_hs_held") is held
    assert queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE",
                                 warehouse=warehouse).exports_total == 0
    load("comtrade", [write(tmp_path / "kz.csv", COMTRADE_HEADER, *KZ_REPORT)],
         warehouse=warehouse, vintage="2024-06")
    assert queries.pair_products("KZ", "UZ", 2023, basis="COMTRADE",
                                 warehouse=warehouse).exports_total == pytest.approx(3.10e9)
    load("baci", [baci(tmp_path, "2022,398,860,100199,7,1", name="BACI_HS17_Y2022_V202501.csv")],
         warehouse=warehouse)
    found = queries.pair_products("KZ", "UZ", 2022, basis="BACI", warehouse=warehouse)
    assert found.exports_total == 7_000.0  # the new load's vintage, known from the new file
