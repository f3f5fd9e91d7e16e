"""The checks on the 21st session's release, and the verdicts against data, in exact figures."""

from datetime import date

import pytest

from bilat.claims.consistency import (
    CONSISTENT,
    DIFFERS_BY_REPORTER,
    INCONSISTENT,
    NOT_CHECKABLE,
    EarlierRelease,
    Fact,
    Interval,
    StaticFacts,
    check_claim,
    check_document,
    compare_releases,
    growth_rates,
    parts_sum,
    share_denominator,
    share_readings,
    stated_interval,
    two_values,
)
from bilat.claims.extract import Claim, extract_claims
from bilat.claims.scoring import load_corpus

CORPUS = {doc.name: doc for doc in load_corpus()}


def _extract(name: str):
    doc = CORPUS[name]
    return doc, extract_claims(doc.text, published=doc.published, lang=doc.lang)


@pytest.fixture(scope="module")
def igc21():
    return _extract("igc21-en")


def _claim(indicator, value, text, qualifier="exact", unit="USD", period="2023",
           countries=("KZ", "UZ")):
    return Claim(indicator, value, unit, period, None, qualifier, list(countries), text, 0,
                 len(text))


# Central Asian pairs, 2023, US$ million (facts.md §8), with the precision each was published
# with: the Kazakh–Uzbek 4,400 is "4.4 bn".
PAIRS_2023 = [
    ("KZ", "UZ", 4400, "KZ", 100), ("KZ", "UZ", 4400, "UZ", 10),
    ("KZ", "KG", 1317.0, "KG", 0.1), ("KZ", "KG", 1572, "KZ", 1),
    ("KZ", "TJ", 1149, "TJ", 1), ("KZ", "TJ", 1100, "KZ", 100),
    ("KZ", "TM", 563, "KZ", 1),
    ("UZ", "KG", 953.4, "UZ", 0.1), ("UZ", "KG", 694, "KG", 1),
    ("UZ", "TJ", 756.8, "UZ", 0.1), ("UZ", "TJ", 504.4, "TJ", 0.1),
    ("UZ", "TM", 1090, "UZ", 10),
    ("KG", "TJ", 11.7, "TJ", 0.1), ("KG", "TM", 63.5, "KG", 0.1), ("TJ", "TM", 118.4, "TM", 0.1),
]


@pytest.fixture
def facts():
    return StaticFacts(("trade_turnover", "2023", (a, b), Fact(v * 1e6, reporter, "facts.md §8",
                                                               step * 1e6))
                       for a, b, v, reporter, step in PAIRS_2023)


def test_a_stated_figure_is_the_range_its_precision_and_qualifier_allow():
    assert stated_interval(_claim("trade_turnover", 4.4e9, "$4.4 billion")) == Interval(
        4.35e9, 4.45e9)
    assert stated_interval(_claim("trade_turnover", 1.2e9, "$1.2 billion", "more_than")) == \
        Interval(1.2e9, float("inf"))
    almost = _claim("trade_turnover", 140e6, "$140 million", "about")
    text = "mutual trade amounted to almost $140 million"
    almost = Claim(**{**almost.as_dict(), "start": text.index("$"), "end": len(text)})
    low, high = stated_interval(almost, text).low, stated_interval(almost, text).high
    assert (round(low), high) == (126_000_000, 140e6)
    assert stated_interval(_claim("share_of_regional_trade_pct", 57, "57%", unit="percent")) \
        == Interval(56.5, 57.5)


def test_the_two_2023_turnover_figures_are_one_claim_with_two_values(igc21):
    doc, claims = igc21
    [finding] = two_values(claims, doc.text)
    assert finding.verdict == INCONSISTENT
    assert [c.value for c in finding.claims] == [4.5e9, 4.4e9]
    assert finding.explanation.startswith("One claim with two values: trade_turnover for 2023")
    assert finding.figures["spread"] == pytest.approx(1e8)


def test_exports_and_imports_add_up_to_the_4_4_billion(igc21):
    _doc, claims = igc21
    by_whole = {f.claims[2].value: f for f in parts_sum(claims)}
    assert by_whole[4.4e9].verdict == CONSISTENT
    assert by_whole[4.4e9].explanation == "$3.1 bn + $1.3 bn = $4.4 bn, the turnover stated " \
                                          "($4.4 bn)."
    assert by_whole[4.4e9].figures["sum"] == pytest.approx(4.4e9)
    # $4.5 bn is possible only at the very edge of the parts' rounding, and is said to be.
    assert "fits only at its edge" in by_whole[4.5e9].explanation


def test_the_three_growth_rates_hold_within_rounding(igc21):
    _doc, claims = igc21
    findings = {f.claims[0].indicator: f for f in growth_rates(claims)}
    assert {k: f.verdict for k, f in findings.items()} == {
        "trade_turnover_growth_pct": CONSISTENT, "exports_growth_pct": CONSISTENT,
        "imports_growth_pct": CONSISTENT}
    exports = findings["exports_growth_pct"]
    assert exports.figures["nominal"] == pytest.approx(55.0)  # 3.1 / 2.0 − 1
    low, high = exports.figures["implied_range"]
    assert low < 56.9 < high
    # The 2018 turnover and imports are not in the release: they are derived from it.
    low, high = findings["trade_turnover_growth_pct"].figures["base"]
    assert 3.3e9 < low < 3.4e9 < high < 3.5e9
    low, high = findings["imports_growth_pct"].figures["implied_range"]
    assert low < -9.1 < high


def test_a_growth_rate_the_values_do_not_give_is_inconsistent():
    claims = [
        Claim("exports", 2e9, "USD", "2018", None, "exact", ["KZ", "UZ"], "$2.0 billion", 0, 1),
        Claim("exports", 3.1e9, "USD", "2023", None, "exact", ["KZ", "UZ"], "$3.1 billion", 2, 3),
        Claim("exports_growth_pct", 29.5, "percent", "2023", "2018", "exact", ["KZ", "UZ"],
              "29.5%", 4, 5),
    ]
    [finding] = growth_rates(claims)
    assert finding.verdict == INCONSISTENT
    assert "55 % from the figures as stated" in finding.explanation


def test_the_57_percent_is_uzbekistans_share_of_kazakhstans_trade_with_central_asia(
        igc21, facts):
    doc, claims = igc21
    [share] = [c for c in claims if c.indicator == "share_of_regional_trade_pct"]
    finding = share_denominator(share, facts, text=doc.text)
    assert finding.verdict == INCONSISTENT
    assert finding.figures["fits"] == "of:KZ"
    assert finding.explanation.startswith(
        "Denominator mismatch: 57 % is Uzbekistan's share of Kazakhstan's trade with Central "
        "Asia")
    assert "not a share of all trade in Central Asia, each pair counted once" in \
        finding.explanation


def test_the_share_readings_are_rebuilt_from_the_pair_matrix(facts):
    readings = share_readings(["KZ", "UZ"], "2023", facts)
    # Kazakh basis: 4,400 ÷ (4,400 + 1,572 + 1,100 + 563) = 57.6 %, with the rounding of each.
    assert readings["of:KZ"].low == pytest.approx(56.97, abs=0.01)
    assert readings["of:KZ"].high == pytest.approx(58.29, abs=0.01)
    # Each pair once, on either basis: 41–45 % of all trade in Central Asia (4,350 ÷ 10,634.6
    # at the low end, 4,450 ÷ 9,855.75 at the high end).
    assert readings["region"].low == pytest.approx(40.9, abs=0.1)
    assert readings["region"].high == pytest.approx(45.15, abs=0.01)
    # Uzbek basis: 4,400 ÷ (4,400 + 953.4 + 756.8 + 1,090) = 61.1 %.
    assert readings["of:UZ"].low == pytest.approx(61.0, abs=0.1)


def test_the_document_checks_run_together_and_the_denominator_one_needs_facts(igc21, facts):
    doc, claims = igc21
    without = check_document(claims, text=doc.text)
    with_facts = check_document(claims, text=doc.text, facts=facts)
    assert {f.check for f in without} == {"two_values", "parts_sum", "growth"}
    assert {f.check for f in with_facts} - {f.check for f in without} == {"denominator"}


def test_two_turnovers_from_two_named_sources_differ_by_reporter():
    doc, claims = _extract("kz-cn-trade-ru")
    [finding] = two_values(claims, doc.text)
    assert finding.verdict == DIFFERS_BY_REPORTER
    assert "Главного таможенного управления КНР" in finding.explanation


def test_an_earlier_release_shows_the_drift_of_the_same_claim(igc21):
    _doc, claims = igc21
    earlier_doc, earlier_claims = _extract("kz-uz-trade-2023-en")
    findings = compare_releases(claims, [EarlierRelease(earlier_doc.name, earlier_doc.published,
                                                        earlier_claims)])
    by_value = {(f.claims[0].indicator, f.claims[0].value): f for f in findings}
    drift = by_value[("trade_turnover", 4.5e9)]
    assert drift.verdict == INCONSISTENT
    assert drift.figures["drift"] == pytest.approx(1e8)
    assert drift.figures["relative_pct"] == pytest.approx(2.27, abs=0.01)
    assert "a drift of +$100 M (+2.3 %)" in drift.explanation
    assert by_value[("trade_turnover", 4.4e9)].verdict == CONSISTENT
    assert by_value[("exports", 3.1e9)].verdict == CONSISTENT


def test_a_claim_against_the_data_gets_one_of_four_verdicts():
    data = StaticFacts([
        ("trade_turnover", "2023", ("KZ", "UZ"), Fact(4.4e9, "KZ", "BNS", 1e8)),
        ("trade_turnover", "2023", ("KZ", "UZ"), Fact(4.39e9, "UZ", "Uzstat", 1e7)),
        ("exports", "2023", ("KZ", "UZ"), Fact(3.1e9, "KZ", "BNS", 1e8)),
        ("exports", "2023", ("KZ", "UZ"), Fact(3.03e9, "UZ", "Uzstat (mirror)", 1e7)),
    ])
    turnover = _claim("trade_turnover", 4.4e9, "$4.4 billion")
    assert check_claim(turnover, data).verdict == CONSISTENT
    wrong = _claim("trade_turnover", 4.5e9, "$4.5 billion")
    verdict = check_claim(wrong, data)
    assert verdict.verdict == INCONSISTENT
    assert verdict.explanation.startswith("$4.5 bn stated ($4.45 bn–$4.55 bn); the data:")
    mirror = _claim("exports", 3.03e9, "$3.03 billion")
    assert check_claim(mirror, data, reporter="KZ").verdict == DIFFERS_BY_REPORTER
    target = _claim("trade_turnover_target", 10e9, "$10 billion", period="medium_term")
    assert check_claim(target, data).verdict == NOT_CHECKABLE
    assert check_claim(_claim("area", 100, "100 hectares", unit="hectares"), data).verdict \
        == NOT_CHECKABLE
    assert check_claim(_claim("imports", 1.3e9, "$1.3 billion"), data).explanation == \
        "No figure for imports, 2023, KZ–UZ in the data."


def test_the_57_percent_gets_its_verdict_through_the_same_interface(igc21, facts):
    doc, claims = igc21
    [share] = [c for c in claims if c.indicator == "share_of_regional_trade_pct"]
    verdict = check_claim(share, facts, text=doc.text)
    assert verdict.verdict == INCONSISTENT and "Denominator mismatch" in verdict.explanation


def test_a_release_date_is_kept_for_the_drift():
    release = EarlierRelease("x", date(2024, 2, 15), [])
    assert compare_releases([], [release]) == []
