"""The trade pages in the reader's language: HS descriptions, theme names and the words for
codes (basis, measure, pace status, whose report) in Russian, Kazakh and Uzbek; a text that
exists only in Russian shown to a Kazakh or Uzbek reader marked lang="ru" with its note."""

import csv
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
from bilat.trade import products
from bilat.trade.themes import Theme, builtin_themes
from bilat.trade.warehouse import DATA_DIR


@pytest.fixture
def demo_settings(demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        yield


def _page(client, lang, *args, name="trade:pair", **query):
    url = reverse(name, args=args or (["KZ", "UZ"] if name == "trade:pair" else []))
    return client.get(url, query, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def _russian():
    with (DATA_DIR / "hs6_ru.csv").open(encoding="utf-8") as fh:
        return {r["code"]: r["description_ru"] for r in csv.DictReader(fh)}


def test_every_code_of_the_demo_product_file_has_its_russian_description():
    with (DATA_DIR / "demo" / "product_codes_HS17_demo.csv").open(encoding="utf-8") as fh:
        codes = {r["code"] for r in csv.DictReader(fh)}
    russian = _russian()
    assert codes <= set(russian)
    assert all(re.search("[а-яё]", russian[c]) and not re.search("[A-Za-z]", russian[c])
               for c in codes)


def test_a_russian_description_is_used_only_for_its_hs_edition(demo_settings):
    known = products.described()
    assert known["080620"] == {"en": "Grapes; dried", "ru": _russian()["080620"]}
    english_only = {"080620": {"en": "Grapes; dried", "ru": ""}}
    assert products.shown_title("080620", english_only, "ru") == ("en", "Grapes; dried")
    assert products.shown_title("080620", known, "kk") == ("ru", _russian()["080620"])
    assert products.shown_title("080620", known, "en") == ("en", "Grapes; dried")


@pytest.mark.django_db
def test_the_russian_pair_page_names_products_in_russian(client, demo_settings):
    known = products.described()
    russian = _page(client, "ru")
    english = _page(client, "en")
    shown = [c for c in known if f'{c}</a> {known[c]["en"]}:' in english]
    assert shown, "the English page names no RCA product"
    for code in shown:
        assert f'{code}</a> {known[code]["ru"]}:' in russian
        assert known[code]["en"] not in russian


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["kk", "uz"])
def test_a_kazakh_or_uzbek_reader_gets_the_russian_description_marked(client, demo_settings,
                                                                       lang):
    from django.utils import translation

    known = products.described()
    html = _page(client, lang)
    with translation.override(lang):
        note = translation.gettext("in Russian")
    marked = re.findall(r'</a> <span lang="ru">([^<]+)</span> <span class="lang-note">\(([^)]+)\)',
                        html)
    assert marked and all(note == n for _t, n in marked)
    russian = {texts["ru"] for texts in known.values()} | set(products.chapter_titles("ru").values())
    assert {t for t, _n in marked} <= russian
    assert {texts["ru"] for texts in known.values()} & {t for t, _n in marked}


@pytest.mark.django_db
def test_the_search_finds_products_by_russian_words_and_names_them_so(client, demo_settings):
    hits = products.search("виноград", "ru")
    assert {h.code for h in hits} >= {"080610", "080620"}
    assert all(h.lang == "ru" and h.title.startswith("Виноград") for h in hits)
    assert {h.lang for h in products.search("виноград", "uz")} == {"ru"}
    assert [h.title for h in products.search("080620", "en") if h.code == "080620"] == [
        "Grapes; dried"]
    html = _page(client, "kk", name="trade:product_search", q="виноград")
    assert '<span lang="ru">Виноград; сушёный</span>' in html


def test_a_theme_falls_back_to_russian_then_english():
    theme = Theme("fertilisers", {"en": "Fertilisers", "ru": "Удобрения", "kk": "", "uz": ""},
                  (("31", "31"),), is_builtin=False)
    assert theme.title("kk") == "Удобрения" and theme.shown("uz") == ("ru", "Удобрения")
    assert theme.shown("kk") == ("ru", "Удобрения") and theme.shown("en") == ("en", "Fertilisers")
    assert Theme("x", {"en": "X"}, (("31", "31"),)).title("ru") == "X"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ru", "kk", "uz"])
def test_theme_names_are_in_the_readers_language(client, demo_settings, lang):
    html = _page(client, lang)
    for theme in builtin_themes():
        assert f"<td>{theme.titles[lang]}</td>" in html
        assert theme.titles["en"] not in html


@pytest.mark.usefixtures("demo")
def test_codes_are_shown_as_words_in_russian(client, demo_settings):
    html = _page(client, "ru")
    text = re.sub(r"<[^>]+>", " ", html)
    for english in (">national<", ">turnover<", ">exports<", ">imports<", "off track",
                    "exporter's report", "'s turnover with", "->"):
        assert english not in html.replace("&#x27;", "'") or english == "->" and (
            "->" not in text), english
    assert "данные экспортёра" in html and "товарооборот KZ с UZ, KG, TJ, TM" in html
    assert "<th>Товарооборот</th>" in html and "<strong>отставание</strong>" in html
    kg = _page(client, "ru", "KZ", "KG")
    assert "<strong>неизвестно</strong>" in kg


@pytest.mark.usefixtures("demo")
def test_metric_definitions_are_in_kazakh_and_uzbek(client, demo_settings):
    from bilat.trade.metrics import METRICS

    assert all(m.title_kk and m.title_uz and m.definition_kk and m.definition_uz
               for m in METRICS.values())
    assert '<p class="help">Талап етілетін қарқын' in _page(client, "kk")
    assert '<p class="help">Talab qilinadigan surʼat' in _page(client, "uz")
    assert "Требуемый темп" not in _page(client, "uz")


def test_a_text_in_another_language_is_marked_with_its_language_and_a_note():
    from django.utils import translation

    from bilat.trade.templatetags.trade_tags import marked

    with translation.override("kk"):
        assert marked("ru", "Злаки") == (
            '<span lang="ru">Злаки</span> <span class="lang-note">(орыс тілінде)</span>')
        assert marked("ru", "Злаки", note=False) == '<span lang="ru">Злаки</span>'
        assert marked("kk", "Дәнді дақылдар") == "Дәнді дақылдар"
        assert marked("ru", "") == ""


@pytest.mark.usefixtures("demo")
def test_a_commission_theme_without_a_kazakh_name_is_shown_in_russian_marked(
        client, demo_settings):
    from django.contrib.auth import get_user_model

    from bilat.commissions.models import Commission
    from bilat.targets import services

    secretariat = get_user_model().objects.get(username="kz-secretariat")
    services.create_theme(actor=secretariat, values={
        "commission": Commission.objects.order_by("pk").first(),
        "code": "fertilisers", "name_en": "Fertilisers", "name_ru": "Удобрения", "name_kk": "",
        "name_uz": "", "hs_codes": "31", "access_tier": "public"})
    client.force_login(secretariat)
    marked = '<span lang="ru">Удобрения</span> <span class="lang-note">(орыс тілінде)</span>'
    assert f"<td>{marked}</td>" in _page(client, "kk")
    themes = _page(client, "kk", name="targets:themes")
    assert marked in themes and "АӨК және тамақ өнеркәсібі өнімдері" in themes
    russian = _page(client, "ru", name="targets:themes")
    assert "<td>Продукция АПК и пищевой промышленности</td>" in russian
    assert "Agro-industrial" not in russian and "<td>Удобрения</td>" in russian
