"""The figures of the 21st meeting's release, reproduced from the demo data (facts.md)."""

from pathlib import Path

import pytest

from bilat.trade import queries
from bilat.trade.indicators import PairQuery, pair_indicators
from bilat.trade.metrics import round_half_up
from bilat.trade.pace import TradeTarget, pace_to_target


def kz_2023(demo_warehouse: Path) -> queries.PairPeriod:
    series = queries.pair_series("KZ", "UZ", basis="KZ", warehouse=demo_warehouse)
    return next(p for p in series if p.year == 2023)


def test_2023_on_the_kazakh_basis_is_3_1_exports_1_3_imports_4_4_turnover(demo_warehouse):
    p = kz_2023(demo_warehouse)
    assert p.exports.value == 3.1e9
    assert p.imports.value == 1.3e9
    assert p.turnover.value == 4.4e9
    assert p.balance == pytest.approx(1.8e9)
    assert "reference block" in p.turnover.source


def test_five_year_growth_on_the_kazakh_basis_matches_the_release(demo_warehouse):
    series = queries.pair_series("KZ", "UZ", basis="KZ", warehouse=demo_warehouse)
    growth = queries.growth_table(series, 2023, years=5)
    assert round_half_up(growth["turnover"].growth_n) == 29.5
    assert round_half_up(growth["exports"].growth_n) == 56.9
    assert round_half_up(growth["imports"].growth_n) == -9.1
    assert round_half_up(growth["exports"].base_value / 1e9) == 2.0


def test_the_2018_kazakh_figures_are_marked_derived(demo_warehouse):
    series = queries.pair_series("KZ", "UZ", basis="KZ", warehouse=demo_warehouse)
    p2018 = next(p for p in series if p.year == 2018)
    assert {p2018.exports.flag, p2018.imports.flag, p2018.turnover.flag} == {"derived"}
    assert round(p2018.turnover.value / 1e9, 2) == 3.40
    assert round(p2018.exports.value / 1e9, 2) == 1.98
    assert round(p2018.imports.value / 1e9, 2) == 1.43


def test_jan_apr_2024_on_the_uzbek_basis_is_1_2_billion_about_minus_20_percent(demo_warehouse):
    ytd = queries.ytd_comparison("KZ", "UZ", basis="UZ", warehouse=demo_warehouse)
    assert ytd.period == "2024 Jan–Apr"
    assert ytd.turnover.value == 1.2e9
    assert ytd.turnover.previous == 1.507e9
    assert round(ytd.turnover.growth) == -20


def test_ten_billion_by_2030_from_2023_needs_12_4_percent_a_year(demo_warehouse):
    pace = queries.target_pace("KZ", "UZ", TradeTarget(10e9, 2030, "as asked"), basis="KZ",
                               warehouse=demo_warehouse)
    assert round_half_up(pace.required_growth) == 12.4
    assert round_half_up(pace.observed_growth) == 5.3
    assert pace.observed_from_year == 2018
    assert pace.status == "off track"


def test_from_2025_on_the_uzbek_basis_it_needs_15_percent_a_year():
    pace = pace_to_target([(2024, 4.4614e9), (2025, 4.97e9)], 10e9, 2030, basis="UZ")
    assert round_half_up(pace.required_growth) == 15.0


def test_uzbekistan_is_57_6_percent_of_kazakhstans_trade_with_central_asia(demo_warehouse):
    share = queries.share_of_reporter_region("KZ", "UZ", 2023, warehouse=demo_warehouse)
    assert share.denominator == 7635e6
    assert round_half_up(share.share) == 57.6
    assert int(share.share) == 57  # the release truncates 57.6 to "57 %"
    assert share.missing == []


def test_kazakh_uzbek_trade_is_41_to_45_percent_of_all_trade_within_central_asia(demo_warehouse):
    share = queries.share_of_region("KZ", "UZ", 2023, warehouse=demo_warehouse)
    assert share.pairs == share.pairs_expected == 10
    assert 9.8e9 <= share.denominator_low <= share.denominator_high <= 10.8e9
    assert round(share.share_low) == 41
    assert round(share.share_high) == 45


def test_the_release_inconsistency_4_5_against_4_4_is_kept_side_by_side(demo_warehouse):
    series = queries.pair_series("KZ", "UZ", warehouse=demo_warehouse)
    turnover_2023 = {p.basis: p.turnover.value for p in series if p.year == 2023}
    assert turnover_2023["KZ"] == 4.4e9
    assert turnover_2023["meeting"] == 4.5e9
    assert turnover_2023["UZ"] == 4.4e9


def test_the_mirror_panel_shows_both_offices_reports_of_2023(demo_warehouse):
    rows = queries.mirror("KZ", "UZ", warehouse=demo_warehouse)
    kz_to_uz = next(r for r in rows if r.year == 2023 and r.exporter == "KZ")
    assert kz_to_uz.exporter_report.value == 3.1e9
    assert kz_to_uz.importer_report.value == 3.03e9
    assert kz_to_uz.gap == pytest.approx(-70e6)


def test_every_indicator_is_there_for_the_pair(demo_warehouse):
    ind = pair_indicators(PairQuery("KZ", "UZ", target=TradeTarget(10e9, 2030, "as asked")),
                          warehouse=demo_warehouse)
    assert ind.year == 2023 and ind.basis == "KZ"
    for key in ("growth", "ytd", "mirror", "share_of_reporter_region", "share_of_region",
                "target", "products", "rca", "trade_intensity", "complementarity",
                "export_potential", "definitions"):
        assert getattr(ind, key), key
    assert ind.products.flag == "synthetic"
    potential = ind.export_potential.by_direction["KZ->UZ"]
    assert potential and potential[0].untapped >= potential[-1].untapped
    assert 0 <= ind.complementarity.by_direction["KZ->UZ"] <= 100
