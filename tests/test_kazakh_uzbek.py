"""Kazakh and Uzbek beside English and Russian: pages, figures, packs and fallbacks."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from bilat.briefings import formatting
from bilat.briefings.figures import build_figures
from bilat.briefings.forms import PackForm
from bilat.briefings.pack import build_briefing
from bilat.briefings.render import render, to_markdown
from bilat.briefings.tests.factories import briefing_inputs
from bilat.core.languages import shown_language
from bilat.directory.models import Sector

NEW = ("kk", "uz")


def test_the_switcher_offers_kazakh_and_uzbek():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "ru", "kk", "uz"]


@pytest.mark.parametrize("lang", NEW)
def test_pages_are_shown_in_kazakh_and_uzbek(demo, lang):
    client = Client()
    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    client.cookies["django_language"] = lang
    with translation.override(lang):
        words = [gettext(w) for w in ("Meetings", "Decisions", "Targets", "Sign out")]
    with translation.override("en"):
        english = [gettext(w) for w in ("Meetings", "Decisions", "Targets", "Sign out")]
    assert all(w != e for w, e in zip(words, english, strict=True))
    for path in ("/decisions/", "/overview/"):
        page = client.get(path)
        assert page.status_code == 200, path
        html = page.content.decode()
        assert f'<html lang="{lang}">' in html
        assert [w for w in words if w not in html] == [], path
        assert f'<option value="{lang}" selected>' in html


@pytest.mark.parametrize("lang", NEW)
def test_a_decision_shown_in_russian_to_a_kazakh_or_uzbek_reader_says_so(demo, lang):
    from bilat.decisions.models import Decision

    decision = Decision.objects.exclude(title_ru="").first()
    client = Client()
    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    client.cookies["django_language"] = lang
    html = client.get("/decisions/", {"q": decision.control_number}).content.decode()
    with translation.override(lang):
        note = gettext("in Russian")
    marked = f'<span class="lang-note" lang="ru">({note})</span>'
    assert decision.title_ru in html and marked in html
    assert marked in client.get("/overview/").content.decode()  # the overdue decisions
    client.cookies["django_language"] = "ru"
    assert 'class="lang-note"' not in client.get("/overview/").content.decode()


def test_a_text_falls_back_to_russian_for_kazakh_and_uzbek_readers_and_is_marked():
    both = Sector(code="water", name_en="Water", name_ru="Водное хозяйство")
    note = Template('{% load translated %}{{ s.name }}{{ s|language_note:"name" }}')
    for lang in NEW:
        with translation.override(lang):
            shown = note.render(Context({"s": both}))
            assert shown.startswith("Водное хозяйство") and gettext("in Russian") in shown
            assert shown_language(both, "name") == "ru"
    with translation.override("ru"):
        assert note.render(Context({"s": both})) == "Водное хозяйство"
    with translation.override("en"):
        assert note.render(Context({"s": both})) == "Water"
        english_only = Sector(code="trade", name_en="Trade")
        assert shown_language(english_only, "name", "kk") == "en"


def test_a_record_that_keeps_a_kazakh_text_shows_it_unmarked():
    sector = Sector(code="water", name_en="Water", name_ru="Водное хозяйство")
    sector.name_kk = "Су шаруашылығы"  # a field a model may add; the descriptor looks for it
    with translation.override("kk"):
        assert sector.name == "Су шаруашылығы"
        assert Template('{% load translated %}{{ s|language_note:"name" }}').render(
            Context({"s": sector})) == ""
    with translation.override("uz"):
        assert sector.name == "Водное хозяйство"


@pytest.mark.parametrize("lang", ["en", "ru", *NEW])
def test_numbers_follow_each_languages_separators_and_words(lang):
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = formatting.LOCALES[lang]
    text = formatting.number(Decimal("1234567.25"), lang, 1)
    assert get_decimal_symbol(locale) in text
    group = get_group_symbol(locale).replace("\u202f", "\u00a0")
    assert text == f"1{group}234{group}567{get_decimal_symbol(locale)}3"  # rounded half-up
    billions = formatting.money(Decimal("4400"), lang)
    assert formatting.number(Decimal("4.4"), lang, 1) in billions
    assert formatting.word("billion", lang).replace("{n}", "") in billions.replace(
        formatting.number(Decimal("4.4"), lang, 1), "")


def test_more_than_and_about_are_worded_in_kazakh_and_uzbek():
    assert formatting.qualified("12,5 мың", "more_than", "kk") == "12,5 мыңнан астам"
    assert formatting.money(Decimal("1200"), "kk", qualifier="more_than").endswith(
        "долларынан астам")
    assert formatting.qualified("12,5 ming", "more_than", "uz") == "12,5 mingdan ortiq"
    assert formatting.qualified("x", "about", "kk").startswith("шамамен ")
    assert formatting.qualified("x", "about", "uz").startswith("taxminan ")


def test_ordinals_in_kazakh_take_the_ending_of_the_last_number_word():
    back = {6, 9, 10, 20, 30, 40, 60, 90}  # алты, тоғыз, он, жиырма, отыз, қырық, алпыс, тоқсан
    for n in (1, 6, 9, 10, 20, 21, 26, 40, 50, 100):
        last = n % 10 or n % 100
        expected = "шы" if last in back else "ші"
        assert formatting.ordinal(n, "kk") == f"{n}-{expected}"
    assert formatting.ordinal(21, "uz") == "21-"
    assert formatting.ordinal(21, "ru") == "21"


@pytest.mark.parametrize("lang", NEW)
def test_the_pack_is_written_in_kazakh_and_uzbek(lang):
    figures = build_figures(briefing_inputs())
    briefing = build_briefing(figures, lang=lang, as_of=date(2024, 7, 12), content_hash="0" * 64)
    md = to_markdown(briefing)
    with translation.override(lang):
        assert gettext("Summary") != "Summary" and f"## {gettext('Summary')}" in md
    turnover = figures.get("trade.turnover.2023.KZ")
    assert formatting.money(turnover.value, lang) in md
    assert formatting.long_date(date(2024, 7, 12), lang) in md
    assert formatting.months(2024, 1, 4, lang) in md
    assert formatting.ordinal(21, lang) in briefing.title
    for forbidden in ("billion", "million", "thousand", "more than", " about "):
        assert forbidden not in md
    for fmt in ("html", "docx"):
        assert render(briefing, fmt)


@pytest.mark.parametrize("lang", NEW)
def test_the_pack_says_which_names_it_gives_in_russian(lang):
    figures = build_figures(briefing_inputs())
    md = to_markdown(build_briefing(figures, lang=lang, as_of=date(2024, 7, 12),
                                    content_hash="0" * 64))
    russian = figures.text("project.taraz.name.ru")
    assert russian and russian in md  # no Kazakh or Uzbek name is kept: the Russian is shown
    with translation.override(lang):
        assert gettext("in Russian") in md.split(f"## {gettext('Data notes')}", 1)[1]


@pytest.mark.parametrize("lang", NEW)
def test_the_pack_form_takes_kazakh_and_uzbek(lang):
    form = PackForm({"lang": lang, "format": "md"})
    assert form.is_valid() and form.choice() == (lang, "md")


@pytest.mark.parametrize("lang", NEW)
def test_a_kazakh_or_uzbek_reader_is_offered_and_given_the_pack_in_their_language(demo, lang):
    from django.urls import reverse

    from bilat.meetings.models import Meeting

    meeting = Meeting.objects.get(number=21)
    client = Client()
    client.force_login(get_user_model().objects.get(username="kz-secretariat"))
    client.cookies["django_language"] = lang
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f'name="lang" value="{lang}"' in page and f"PDF ({lang.upper()})" in page
    response = client.post(reverse("briefings:download", args=[meeting.pk]),
                           {"lang": lang, "format": "md"})
    assert response.status_code == 303 and f"lang={lang}" in response["Location"]
    pack = client.get(response["Location"])
    assert pack.status_code == 200
    assert pack["Content-Disposition"].endswith(f'-{lang}.md"')
    md = pack.content.decode()
    with translation.override(lang):
        assert f"## {gettext('Summary')}" in md
    assert formatting.ordinal(21, lang) in md.splitlines()[0]
