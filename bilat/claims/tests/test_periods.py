"""Periods resolve against the date of publication; dates and plan periods are not periods."""

from datetime import date

import pytest

from bilat.claims.periods import base_of, find_periods, find_publication_date, shift

JULY = date(2024, 7, 12)


def _only(text: str, published: date = JULY, lang: str = "en"):
    found = [p for p in find_periods(text, published=published, lang=lang)]
    assert len(found) == 1, found
    return found[0].role, found[0].value


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("At the end of last year", "en", ("period", "2023")),
    ("in 4 months of 2024", "en", ("period", "2024-01..2024-04")),
    ("in January–April", "en", ("period", "2024-01..2024-04")),
    ("in January–September", "en", ("period", "2023-01..2023-09")),  # not over in July
    ("за четыре месяца", "ru", ("period", "2024-01..2024-04")),
    ("за январь–ноябрь 2023 года", "ru", ("period", "2023-01..2023-11")),
    ("in the first quarter of 2024", "en", ("period", "2024-01..2024-03")),
    ("В первом квартале 2025 года", "ru", ("period", "2025-01..2025-03")),
    ("in the first half of this year", "en", ("period", "2024-01..2024-06")),
    ("За первое полугодие текущего года", "ru", ("period", "2024-01..2024-06")),
    ("In January 2024 alone", "en", ("period", "2024-01")),
    ("In December alone", "en", ("period", "2023-12")),
    ("в прошлом году", "ru", ("period", "2023")),
    ("в 2018–2023 годах", "ru", ("period", "2018..2023")),
    ("over 2005–2023", "en", ("period", "2005..2023")),
    ("over the past five years", "en", ("duration", "2019..2023")),
    ("Since 2017", "en", ("period", "2017..2024")),
    ("С 2017 года", "ru", ("period", "2017..2024")),
    ("To date", "en", ("asof", "asof:2024-07-12")),
    ("на сегодняшний день", "ru", ("asof", "asof:2024-07-12")),
    ("as of 1 February 2024", "en", ("asof", "asof:2024-02-01")),
    ("По состоянию на 1 ноября 2025 года", "ru", ("asof", "asof:2025-11-01")),
    ("in the medium term", "en", ("target", "medium_term")),
    ("в среднесрочной перспективе", "ru", ("target", "medium_term")),
    ("in the coming years", "en", ("target", "medium_term")),
    ("by 2030", "en", ("target", "2030")),
    ("к 2030 году", "ru", ("target", "2030")),
    ("до конца года", "ru", ("target", "2024")),
    ("compared to the same period of last year", "en", ("base", None)),
    ("по сравнению с 2023 годом", "ru", ("base", "year:2023")),
    ("увеличившись на 31,7% к 2022 году", "ru", ("base", "year:2022")),
])
def test_a_period_expression_resolves_against_the_publication_date(text, lang, expected):
    assert _only(text, lang=lang) == expected


@pytest.mark.parametrize(("text", "role"), [
    ("12 July, 2024", "date"),
    ("on 15–16 May", "date"),
    ("8 июня", "date"),
    ("the Programme of economic cooperation for 2024–2026", "plan"),
    ("Дорожная карта на 2025–2027 годы", "plan"),
    ("in Tashkent in 2025", "future"),
])
def test_dates_plan_periods_and_future_years_are_not_periods_of_a_claim(text, role):
    assert _only(text)[0] == role


def test_a_growth_compares_with_the_year_before_unless_told_otherwise():
    assert base_of("2024-01..2024-04", None, None) == "2023-01..2023-04"
    assert base_of("2023", None, 5) == "2018"
    assert shift("2024-01..2024-06", 1) == "2023-01..2023-06"


def test_the_dateline_gives_the_publication_date():
    assert find_publication_date("Title\n\n12 July, 2024\n\nText") == date(2024, 7, 12)
    assert find_publication_date("Бишкек, 26 января 2024 года. Текст") == date(2024, 1, 26)
    assert find_publication_date("TASHKENT, March 20. Text") is None
