"""Translated texts: the reader's language first, then English, then Russian."""

import pytest
from django.utils import translation

from bilat.core.languages import Translated, in_language, language_order
from bilat.directory.models import Person, Sector
from bilat.trade.metrics import METRICS


def test_a_text_is_read_in_the_readers_language_and_falls_back_to_english_then_russian():
    both = Sector(code="water", name_en="Water", name_ru="Водное хозяйство")
    russian_only = Sector(code="energy", name_ru="Энергетика")
    english_only = Sector(code="trade", name_en="Trade")
    with translation.override("en"):
        assert (both.name, russian_only.name, english_only.name) == (
            "Water", "Энергетика", "Trade")
    with translation.override("ru"):
        assert (both.name, russian_only.name, english_only.name) == (
            "Водное хозяйство", "Энергетика", "Trade")
    assert Sector(code="none").name == ""


def test_a_text_is_read_for_a_language_other_than_the_active_one():
    person = Person(full_name_en="Serik Zhumangarin", full_name_ru="Серик Жумангарин",
                    position_en="Deputy Prime Minister")
    with translation.override("en"):
        assert Person.full_name.of(person, "ru") == "Серик Жумангарин"
        assert Person.position.of(person, "ru") == "Deputy Prime Minister"
    # Kazakh and Uzbek readers fall back to Russian first, the commission's working language.
    assert Person.full_name.of(person, "kk") == "Серик Жумангарин"
    assert Person.position.of(person, "uz") == "Deputy Prime Minister"


@pytest.mark.parametrize(("lang", "order"), [
    ("en", ("en", "ru")), ("ru", ("ru", "en")), ("ru-ru", ("ru", "en")),
    ("kk", ("kk", "ru", "en")), ("uz", ("uz", "ru", "en")), ("de", ("de", "en", "ru")),
])
def test_the_order_of_languages_starts_with_the_readers(lang, order):
    assert language_order(lang) == order
    assert in_language({"en": "", "ru": "", "kk": ""}, lang) == ""


def test_the_trade_metrics_read_their_titles_through_the_same_rule():
    metric = METRICS["ytd_growth"]
    with translation.override("ru"):
        assert metric.definition == metric.definition_ru
    with translation.override("en"):
        assert metric.title == metric.title_en


def test_a_translated_text_is_a_string_property_to_django_and_the_api_schema():
    assert isinstance(Sector.name, Translated) and isinstance(Sector.name, property)
    assert Sector.name.__doc__ == "The name in the reader's language."
    assert Sector.name.fget.__annotations__["return"] in (str, "str")
