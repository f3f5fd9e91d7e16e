"""Extraction: every claim of the 21st session's release, and the rules item 2 of the issue sets."""

from datetime import date
from pathlib import Path

import pytest

from bilat.claims.extract import extract_claims

RELEASE = Path(__file__).resolve().parents[1] / "corpus" / "igc21-en.txt"
PUBLISHED = date(2024, 7, 12)
P = "asof:2024-07-12"


@pytest.fixture(scope="module")
def igc21():
    return extract_claims(RELEASE.read_text(), published=PUBLISHED, lang="en")


def _triples(claims):
    return {(c.indicator, c.value, c.period) for c in claims}


def test_every_claim_of_the_21st_session_release_is_extracted_with_indicator_value_and_period(
        igc21):
    assert _triples(igc21) == {
        ("share_of_regional_trade_pct", 57, P),
        ("trade_turnover", 4.5e9, "2023"),
        ("trade_turnover", 1.2e9, "2024-01..2024-04"),
        ("projects_count", 69, P),
        ("projects_value", 3.1e9, P),
        ("jobs", 14700, P),
        ("projects_completed_count", 12, P),
        ("projects_completed_value", 217e6, P),
        ("jobs_created", 4500, P),
        ("projects_in_progress_count", 3, P),
        ("projects_in_progress_value", 178e6, P),
        ("production_capacity", 500000, P),
        ("area", 100, P),
        ("trade_turnover_target", 10e9, "medium_term"),
        ("trade_turnover_growth_pct", 29.5, "2023"),
        ("trade_turnover", 4.4e9, "2023"),
        ("exports_growth_pct", 56.9, "2023"),
        ("exports", 2e9, "2018"),
        ("exports", 3.1e9, "2023"),
        ("imports_growth_pct", -9.1, "2023"),
        ("imports", 1.3e9, "2023"),
    }


def test_the_21st_session_release_gives_units_qualifiers_bases_countries_and_spans(igc21):
    text = RELEASE.read_text()
    by = {(c.indicator, c.value): c for c in igc21}
    assert by[("trade_turnover", 1.2e9)].qualifier == "more_than"
    assert by[("jobs", 14700)].qualifier == "more_than"
    assert by[("jobs_created", 4500)].qualifier == "about"
    assert by[("production_capacity", 500000)].unit == "tonnes_per_year"
    assert by[("area", 100)].unit == "hectares"
    assert by[("trade_turnover_growth_pct", 29.5)].base_period == "2018"
    assert by[("imports_growth_pct", -9.1)].base_period == "2018"
    # "Exports of domestic goods" on a Kazakh government site: Kazakhstan exports.
    assert by[("exports", 3.1e9)].countries == ["KZ", "UZ"]
    assert by[("imports", 1.3e9)].countries == ["KZ", "UZ"]
    for c in igc21:
        assert text[c.start:c.end] == c.text
    assert by[("trade_turnover", 4.5e9)].text == "$4.5 billion"


def test_ordinal_meeting_numbers_dates_and_the_two_states_are_not_claims(igc21):
    text = RELEASE.read_text()
    for words in ("21st meeting", "12 July, 2024", "the two states", "the two countries",
                  "over 5 years", "One of the large projects"):
        start = text.index(words)
        assert not [c for c in igc21 if c.start < start + len(words) and start < c.end], words


def _claims(text: str, published: date, lang: str):
    return {(c.indicator, c.value, c.period, c.qualifier)
            for c in extract_claims(text, published=published, lang=lang)}


def test_a_mosque_for_5000_people_is_not_a_claim_but_forum_participants_are():
    text = ("More than 600 participants took part in the forum. Turkish builders are also "
            "completing a mosque for 5,000 people in Samarkand.")
    assert _claims(text, date(2024, 6, 14), "en") == {
        ("participants_count", 600, "asof:2024-06-14", "more_than")}


def test_an_en_dash_list_without_spaces_between_sentences_gives_each_flow():
    text = ("In 2023 trade between Tajikistan and Uzbekistan amounted to $756.8 million: Uzbek "
            "exports – $605 million, imports from Tajikistan – $151.8 million.In the first "
            "quarter of 2024, turnover rose by 12.4% compared to the same period of last year.")
    claims = extract_claims(text, published=date(2024, 5, 16), lang="en")
    assert {(c.indicator, c.value, c.period, c.base_period) for c in claims} == {
        ("trade_turnover", 756.8e6, "2023", None),
        ("exports", 605e6, "2023", None),
        ("imports", 151.8e6, "2023", None),
        ("trade_turnover_growth_pct", 12.4, "2024-01..2024-03", "2023-01..2023-03"),
    }
    assert {tuple(c.countries) for c in claims if c.indicator in ("exports", "imports")} == {
        ("UZ", "TJ")}


def test_a_repeated_mention_is_one_claim_with_the_period_of_the_explicit_one():
    text = ("Kazakhstan–Uzbekistan trade reaches $4.4bn\n\nASTANA, 15 February 2024. Trade "
            "between Kazakhstan and Uzbekistan reached $4.4 billion last year.")
    claims = extract_claims(text, published=date(2024, 2, 15), lang="en")
    assert [(c.indicator, c.value, c.period, c.text) for c in claims] == [
        ("trade_turnover", 4.4e9, "2023", "$4.4bn")]


def test_a_russian_release_with_number_words_scale_words_and_targets():
    text = ("Товарооборот Узбекистана и Казахстана за январь–апрель превысил 1,2 млрд долларов\n\n"
            "Экспорт Узбекистана в Казахстан за четыре месяца составил 436,5 млн долларов, "
            "импорт из Казахстана – 781,2 млн долларов. В Казахстане работают свыше 2 тыс. "
            "предприятий с участием узбекского капитала. Стороны поставили задачу довести "
            "взаимную торговлю до 10 млрд долларов в среднесрочной перспективе.")
    assert _claims(text, date(2024, 6, 8), "ru") == {
        ("trade_turnover", 1.2e9, "2024-01..2024-04", "more_than"),
        ("exports", 436.5e6, "2024-01..2024-04", "exact"),
        ("imports", 781.2e6, "2024-01..2024-04", "exact"),
        ("enterprises_count", 2000, "asof:2024-06-08", "more_than"),
        ("trade_turnover_target", 10e9, "medium_term", "exact"),
    }


def test_a_fall_is_a_negative_growth_and_a_share_change_has_a_base():
    text = ("Доля Кыргызстана во внешнеторговом обороте Казахстана в 2023 году составила 1,1% "
            "и снизилась на 0,1 процентного пункта. За январь–сентябрь 2024 года товарооборот "
            "Казахстана и Кыргызстана снизился на 2,4%.")
    claims = {c.indicator: c for c in extract_claims(text, published=date(2024, 11, 7),
                                                      lang="ru")}
    assert claims["share_of_total_trade_change_pp"].value == -0.1
    assert claims["share_of_total_trade_change_pp"].base_period == "2022"
    assert claims["share_of_total_trade_pct"].countries == ["KZ", "KG"]
    assert claims["trade_turnover_growth_pct"].value == -2.4


def test_the_language_is_detected_when_not_given():
    claims = extract_claims("Товарооборот Казахстана и Китая в 2023 году составил 31,5 млрд "
                            "долларов.", published=date(2024, 2, 5))
    assert [(c.indicator, c.value) for c in claims] == [("trade_turnover", 31.5e9)]
