"""pair_indicators reads each series once and answers in typed results."""

from collections import Counter
from dataclasses import fields

import pytest

from bilat.trade import queries
from bilat.trade.indicators import PairIndicators, PairQuery, pair_indicators
from bilat.trade.pace import TradeTarget
from bilat.trade.warehouse import Warehouse

TEN_BN = TradeTarget(10e9, 2030, "as asked")

# The reads of one call: the pair's totals (every basis, both directions), the region's
# turnovers, the years with HS6 detail, the pair's HS4 composition of the year and its HS6
# detail of every year (HHI and Grubel–Lloyd series), the world totals, and per country or
# direction: RCA, complementarity and export potential. The pair's HS detail on BACI reads
# baci_rows only: the demo holds no national or Comtrade HS rows (pair_hs_flow).
READS = Counter({"pair_totals": 1, "region_totals": 1, "product_basis_years": 1, "pair_hs_baci": 2,
                 "world_totals": 1, "rca": 2, "complementarity": 2, "export_potential": 2})


@pytest.fixture
def reads(monkeypatch):
    """The name of every SQL file read from the warehouse, counted; not what the file holds
    (``Warehouse.held``: read once per file, by whichever question comes first, see
    test_pair_hs)."""
    counted: Counter[str] = Counter()
    for method in ("rows", "tuples", "arrow"):
        original = getattr(Warehouse, method)

        def counting(self, name, *args, _original=original, **kwargs):
            if name != "pair_hs_held":
                counted[name] += 1
            return _original(self, name, *args, **kwargs)

        monkeypatch.setattr(Warehouse, method, counting)
    return counted


@pytest.mark.parametrize("question", [
    PairQuery("KZ", "UZ"), PairQuery("UZ", "KZ", basis="KZ"), PairQuery("KZ", "KG", year=2022),
    PairQuery("KZ", "UZ", basis="BACI", year=2021),
])
def test_the_indicators_read_each_series_once_twelve_reads_in_all(demo_warehouse, reads,
                                                                  question):
    found = pair_indicators(question, warehouse=demo_warehouse)
    assert found.products is not None
    assert reads == READS
    # 19 to 21 before the indicators read each series once; 11 before the HHI and
    # Grubel–Lloyd series (one more read of the pair's HS detail, every year)
    assert sum(reads.values()) == 12


def test_a_pair_without_a_turnover_costs_one_read(demo_warehouse, reads):
    found = pair_indicators(PairQuery("TJ", "TM", basis="nowhere"), warehouse=demo_warehouse)
    assert (found.year, found.series, found.growth, found.products) == (None, [], None, None)
    assert reads == Counter({"pair_totals": 1})


def test_the_indicators_are_the_figures_of_the_query_functions(demo_warehouse):
    """Computed from one read, they equal what each query function reads for itself."""
    found = pair_indicators(PairQuery("KZ", "UZ", target=TEN_BN), warehouse=demo_warehouse)
    wh = {"warehouse": demo_warehouse}
    assert found.series == queries.pair_series("KZ", "UZ", basis="KZ", **wh)
    assert found.ytd == queries.ytd_comparison("KZ", "UZ", basis="UZ", **wh)
    assert found.mirror == queries.mirror("KZ", "UZ", **wh)
    assert found.target == queries.target_pace("KZ", "UZ", TEN_BN, basis="KZ", **wh)
    assert found.share_of_reporter_region == queries.share_of_reporter_region(
        "KZ", "UZ", 2023, **wh)
    assert found.share_of_region == queries.share_of_region("KZ", "UZ", 2023, **wh)
    year = found.products.year
    for a, b in (("KZ", "UZ"), ("UZ", "KZ")):
        assert found.trade_intensity.by_direction[f"{a}->{b}"] == queries.trade_intensity(
            a, b, year, **wh)
        assert found.complementarity.by_direction[f"{a}->{b}"] == queries.complementarity(
            a, b, year, **wh)


def test_the_golden_figures_come_out_of_the_indicators(demo_warehouse):
    found = pair_indicators(PairQuery("KZ", "UZ", target=TEN_BN), warehouse=demo_warehouse)
    turnover = found.current.turnover.value, found.current.exports.value, found.current.imports.value
    assert turnover == (4.4e9, 3.1e9, 1.3e9)
    assert [round(found.growth[m].growth_n, 1) for m in ("turnover", "exports", "imports")] == [
        29.5, 56.9, -9.1]
    assert (found.ytd.period, found.ytd.turnover.value, round(found.ytd.turnover.growth, 1)) == (
        "2024 Jan–Apr", 1.2e9, -20.4)
    assert round(found.target.required_growth, 1) == 12.4
    assert round(found.share_of_reporter_region.share, 1) == 57.6
    assert (round(found.share_of_region.share_low, 1),
            round(found.share_of_region.share_high, 1)) == (41.2, 44.6)


def test_without_product_detail_the_product_indicators_are_none(demo_warehouse, reads):
    found = pair_indicators(PairQuery("KZ", "UZ", product_basis="NONE", target=TEN_BN),
                            warehouse=demo_warehouse)
    assert found.target is not None
    product_fields = {"products", "product_indices", "rca", "trade_intensity", "complementarity",
                      "empty_reason",
                      "export_potential"}
    assert {f.name for f in fields(PairIndicators) if getattr(found, f.name) is None} == \
        product_fields
    assert reads == Counter({"pair_totals": 1, "region_totals": 1, "product_basis_years": 1})
