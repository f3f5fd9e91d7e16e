"""The checker against the demo's data: the done-when of issue 15 on the 21st session's release."""

import pytest

from bilat.claims.consistency import CONSISTENT, INCONSISTENT, NOT_CHECKABLE
from bilat.claims.facts import DataFacts, published_step
from bilat.claims.scoring import load_corpus
from bilat.claims.services import check_text

pytestmark = pytest.mark.django_db

RELEASE = {d.name: d for d in load_corpus()}["igc21-en"]


@pytest.fixture
def checked(with_warehouse):
    return check_text(RELEASE.text, published=RELEASE.published, lang="en")


def _one(checked, indicator, value=None):
    [c] = [c for c in checked if c.claim.indicator == indicator
           and (value is None or c.claim.value == value)]
    return c


def test_every_claim_of_the_release_is_checked_once(checked):
    assert len(checked) == 21
    assert {c.verdict for c in checked} <= {"consistent", "differs_by_reporter",
                                             "inconsistent", "not_checkable"}
    assert all(c.explanation for c in checked)


def test_the_two_2023_turnovers_are_one_claim_with_two_values(checked):
    high, low = _one(checked, "trade_turnover", 4.5e9), _one(checked, "trade_turnover", 4.4e9)
    for c in (high, low):
        [two] = [f for f in c.findings if f["check"] == "two_values"]
        assert "One claim with two values" in two["explanation"]
        assert "$4.5 bn" in two["explanation"] and "$4.4 bn" in two["explanation"]
    assert high.verdict == INCONSISTENT
    # The $4.4 bn is the one both statistics offices publish.
    assert low.verdict == CONSISTENT
    assert "the data confirm" in low.explanation


def test_exports_and_imports_add_up_to_the_4_4_billion(checked):
    low = _one(checked, "trade_turnover", 4.4e9)
    [parts] = [f for f in low.findings if f["check"] == "parts_sum"]
    assert parts["verdict"] == CONSISTENT
    assert "$3.1 bn + $1.3 bn = $4.4 bn, the turnover stated" in parts["explanation"]


@pytest.mark.parametrize("indicator", ["trade_turnover_growth_pct", "exports_growth_pct",
                                       "imports_growth_pct"])
def test_the_three_growth_rates_hold_within_rounding(checked, indicator):
    c = _one(checked, indicator)
    assert c.verdict == CONSISTENT
    [growth] = [f for f in c.findings if f["check"] == "growth"]
    assert growth["verdict"] == CONSISTENT and "holds within rounding" in growth["explanation"]
    [data] = [f for f in c.findings if f["check"] == "data"]
    assert data["verdict"] == CONSISTENT


def test_the_57_percent_is_uzbekistans_share_of_kazakhstans_trade_with_central_asia(checked):
    c = _one(checked, "share_of_regional_trade_pct")
    assert c.verdict == INCONSISTENT
    assert ("57 % is Uzbekistan's share of Kazakhstan's trade with Central Asia"
            in c.explanation)
    assert "not a share of all trade in Central Asia" in c.explanation


def test_a_figure_of_another_reporter_differs_by_reporter(with_warehouse):
    from bilat.claims.checker import check_claims
    from bilat.claims.extract import Claim

    uz = Claim("exports", 3.03e9, "USD", "2023", None, "exact", ["KZ", "UZ"], "$3.03 billion",
               0, 13)
    [c] = check_claims([uz], text="$3.03 billion", facts=DataFacts(), reporter="KZ")
    assert c.verdict == "differs_by_reporter"
    assert "UZ's figure" in c.explanation


def test_a_claim_without_data_says_why_it_is_not_checkable(checked):
    area = _one(checked, "area")
    assert area.verdict == NOT_CHECKABLE
    assert "not an indicator the statistics or the registry hold" in area.explanation
    target = _one(checked, "trade_turnover_target")
    assert target.verdict == NOT_CHECKABLE and "medium_term" in target.explanation


def test_the_registry_checks_the_portfolio(with_warehouse, demo):
    checked = check_text(RELEASE.text, published=RELEASE.published, lang="en")
    for indicator in ("projects_count", "projects_value", "projects_completed_count",
                      "projects_completed_value", "projects_in_progress_count",
                      "projects_in_progress_value", "jobs", "jobs_created"):
        c = _one(checked, indicator)
        assert c.verdict == CONSISTENT, (indicator, c.explanation)
        assert "registry" in c.explanation
    # The medium-term target is the registry's own.
    assert _one(checked, "trade_turnover_target").verdict == CONSISTENT


def test_a_warehouse_figure_keeps_the_precision_it_was_published_with():
    assert published_step(4400e6) == 100e6
    assert published_step(1317e6) == 1e6
    assert published_step(953.4e6) == pytest.approx(0.1e6)
    assert published_step(1090e6) == 10e6


def test_a_figure_in_tenge_is_not_checked_against_figures_in_dollars(with_warehouse):
    from bilat.claims.checker import check_claims
    from bilat.claims.extract import Claim

    kzt = Claim("trade_turnover", 2e12, "KZT", "2023", None, "exact", ["KZ", "UZ"],
                "2 trillion tenge", 0, 16)
    [c] = check_claims([kzt], text="2 trillion tenge", facts=DataFacts())
    assert c.verdict == NOT_CHECKABLE and "tenge" in c.explanation
