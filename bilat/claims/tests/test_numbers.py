"""Numbers as releases write them, in English and Russian."""

from decimal import Decimal

import pytest

from bilat.claims.numbers import find_numbers


def _values(text: str, lang: str) -> list[tuple[str, Decimal]]:
    return [(text[n.start:n.end], n.value) for n in find_numbers(text, lang)]


@pytest.mark.parametrize(("text", "lang", "value", "step"), [
    ("$4.5 billion", "en", Decimal("4.5e9"), Decimal("1e8")),
    ("14.7 thousand jobs", "en", Decimal("14700"), Decimal("100")),
    ("$18bn", "en", Decimal("18e9"), Decimal("1e9")),
    ("$217m", "en", Decimal("217e6"), Decimal("1e6")),
    ("1,200 enterprises", "en", Decimal("1200"), Decimal("1")),
    ("1,2 млрд долларов", "ru", Decimal("1.2e9"), Decimal("1e8")),
    ("1,507 млрд долларов", "ru", Decimal("1.507e9"), Decimal("1e6")),
    ("1 175 рабочих мест", "ru", Decimal("1175"), Decimal("1")),
    ("2 тыс. предприятий", "ru", Decimal("2000"), Decimal("1000")),
    ("Eleven joint projects", "en", Decimal("11"), Decimal("1")),
    ("четыре совместных проекта", "ru", Decimal("4"), Decimal("1")),
    ("трех проектов", "ru", Decimal("3"), Decimal("1")),
    ("полтора миллиарда долларов", "ru", Decimal("1.5e9"), Decimal("1e8")),
])
def test_a_number_is_read_with_its_scale_and_precision(text, lang, value, step):
    number = find_numbers(text, lang)[0]
    assert number.value == value
    assert number.step == step


def test_a_russian_comma_is_a_decimal_and_an_english_one_groups_thousands():
    assert _values("1,507 млрд", "ru")[0][1] == Decimal("1.507e9")
    assert _values("1,507 billion", "en")[0][1] == Decimal("1507e9")


def test_ordinals_are_not_numbers():
    assert _values("the 21st meeting, the 3rd session and the 12-е заседание", "en") == []


def test_a_number_inside_a_word_is_not_a_number():
    assert _values("200 B2B meetings", "en") == [("200", Decimal(200))]


def test_a_year_is_told_from_a_grouped_count():
    years = [n.is_year for n in find_numbers("in 2023, 2,000 jobs", "en")]
    assert years == [True, False]
