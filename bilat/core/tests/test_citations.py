import csv
import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from bilat.core.citations import (
    REGISTRY,
    citation,
    cited_dates,
    cited_names,
    month_span,
    published_on,
)

CITED = "Kazinform, 7 Aug 2024 (Deputy Prime Minister); kun.uz, Jan 2025; Kazinform, 2025"


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", CITED),
    ("ru", "Kazinform, 7 авг. 2024\u00a0г. ({}); kun.uz, янв. 2025\u00a0г.; Kazinform, 2025"),
    ("kk", "Kazinform, 2024\u00a0ж. 7 там. ({}); kun.uz, 2025\u00a0ж. қаң.; Kazinform, 2025"),
    ("uz", "Kazinform, 7-avg, 2024 ({}); kun.uz, yan, 2025; Kazinform, 2025"),
])
def test_a_citation_names_its_dates_in_the_readers_language(lang, shown):
    if lang != "en":
        shown = shown.format(cited_names()["Deputy Prime Minister"][lang])
    assert citation(CITED, lang) == shown


def test_the_registry_gives_every_name_in_russian_kazakh_and_uzbek():
    names = cited_names()
    assert len(names) > 20
    with REGISTRY.open(encoding="utf-8", newline="") as f:
        english = [row["en"] for row in csv.DictReader(f)]
    assert len(set(english)) == len(english)  # one row per English text
    for english, texts in names.items():
        assert set(texts) == {"ru", "kk", "uz"}, english
        assert all(texts.values()), english
        assert texts["ru"] != english or english.isupper(), english  # TASS stays TASS in uz only


@pytest.mark.parametrize("lang", ["ru", "kk", "uz"])
def test_a_citation_names_its_sources_in_the_readers_language(lang):
    names = cited_names()
    press, statistics = names["KZ government press service"], names["Uzbek statistics"]
    shown = citation("KZ government press service, Jul 2024; Trend, 8 Jun 2024 (Uzbek "
                     "statistics)", lang)
    assert shown.startswith(press[lang][:1].upper() + press[lang][1:] + ", ")
    assert shown.endswith(f"({statistics[lang]})")
    assert shown == citation(shown, lang)  # a citation shown is not read again
    assert "Jul" not in shown and "Jun" not in shown


def test_the_longest_name_is_read_first_and_a_possessive_is_not_split():
    names = cited_names()
    assert citation("baseline: the release's reference block", "ru") == (
        names["baseline: the release's reference block"]["ru"][:1].upper()
        + names["baseline: the release's reference block"]["ru"][1:])
    assert citation("Trend RU, 1 Feb 2026", "kk").startswith(names["Trend RU"]["kk"] + ",")
    assert citation("the release's own figure", "ru") == "the release's own figure"


def test_a_note_opening_a_citation_is_capitalised_where_it_opens_one():
    names = cited_names()
    note = names["illustrative: not from a published source"]["ru"]
    assert citation("Jobs: illustrative: not from a published source", "ru") == (
        f"{names['Jobs']['ru']}: {note}")
    assert citation("illustrative: not from a published source", "ru") == (
        note[:1].upper() + note[1:])
    # After a semicolon, a note goes on the citation and keeps its case.
    assert citation("Trend; illustrative: not from a published source", "ru") == (
        f"{names['Trend']['ru']}; {note}")


def test_the_filter_reads_an_escaped_list_of_sources_and_escapes_it_once():
    template = Template('{% load translated %}{{ sources|join:"; "|citation }}')
    trade = "Uzbekistan's trade with Central Asia"
    with translation.override("ru"):
        page = template.render(Context({"sources": [f"yuz.uz, {trade}", "Trend"]}))
    names = cited_names()
    assert page == escape(f"yuz.uz, {names[trade]['ru']}; {names['Trend']['ru']}")


def test_english_readers_and_unknown_names_keep_the_citation_as_written():
    assert citation("KZ government press service, Jul 2024", "en") == (
        "KZ government press service, Jul 2024")
    assert citation("Some Outlet, 2024", "ru") == "Some Outlet, 2024"


@pytest.mark.parametrize("text", ["", "Demo data: illustrative", "Some Outlet, 2024",
                                  "Counts 2024 planned", "BNS, 31 Feb 2024"])
def test_a_citation_without_a_day_or_month_is_left_as_written(text):
    assert citation(text, "ru") == text


def test_the_date_a_citation_names_is_read_the_same_as_before():
    assert published_on("Trend, 1 Feb 2026") == datetime.date(2026, 2, 1)
    assert published_on("GMK Center, 2024; kun.uz, Jan 2025") == datetime.date(2024, 1, 1)
    assert published_on("no date") is None


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load translated %}{{ source|citation }}")
    with translation.override("ru"):
        assert template.render(Context({"source": "Trend, 1 Feb 2026"})) == \
            f"{cited_names()['Trend']['ru']}, 1 февр. 2026\u00a0г."


@pytest.mark.parametrize(("lang", "shown"), [
    ("ru", "BNS, янв. — апр. 2024\u00a0г."), ("kk", "BNS, 2024\u00a0ж. қаң.–сәу."),
    ("uz", "BNS, yan – apr, 2024"), ("en", "BNS, Jan–Apr 2024")])
def test_a_span_of_months_is_written_as_one(lang, shown):
    assert citation("BNS, Jan–Apr 2024", lang) == shown
    assert published_on("BNS, Jan–Apr 2024") == datetime.date(2024, 4, 1)


def test_a_period_of_months_reads_in_the_readers_language():
    first, last = datetime.date(2023, 1, 1), datetime.date(2023, 10, 31)
    assert month_span(first, last, "ru") == "янв. — окт. 2023\u00a0г."
    assert month_span(first, first, "uz") == "yan, 2023"


def test_a_date_ending_a_sentence_keeps_one_full_stop():
    assert citation("Kazinform, 7 Aug 2024. Next", "ru").startswith("Kazinform, 7 авг. 2024\u00a0г. ")


def test_a_text_that_is_no_citation_gets_its_dates_only():
    names = cited_names()
    text = "the release, 7 Aug 2024"
    assert cited_dates(text, "ru") == "the release, 7 авг. 2024\u00a0г."
    assert citation(text, "ru") == (
        f"{names['the release']['ru'].capitalize()}, 7 авг. 2024\u00a0г.")
