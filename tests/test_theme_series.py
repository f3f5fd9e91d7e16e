"""Theme series on every edge: the trade page (table and chart), the API, the pack, and the
themes a secretariat defines for its commission."""

import datetime

import pytest
from django.urls import reverse

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.briefings import sources
from bilat.briefings.figures import build_figures
from bilat.briefings.pack import build_briefing
from bilat.directory.tests.factories import make_sides
from bilat.targets import services
from bilat.targets.models import TradeTheme

pytestmark = pytest.mark.django_db

FERTILISERS = {"code": "fertilisers", "name_en": "Fertilisers", "name_ru": "Удобрения",
               "name_kk": "Тыңайтқыштар", "name_uz": "Oʻgʻitlar", "hs_codes": "31",
               "access_tier": "public"}


@pytest.fixture
def sides(settings, demo_warehouse):
    settings.TRADE_WAREHOUSE = demo_warehouse
    return make_sides()


@pytest.fixture
def secretariat(sides):
    return make_user("kz-sec", Role.SECRETARIAT, side=sides[0])


def test_the_pair_page_shows_each_theme_over_the_years_with_a_chart_keyed_by_code(
        client, secretariat):
    services.create_theme(actor=secretariat, values=dict(FERTILISERS))
    html = client.get(reverse("trade:pair", args=["KZ", "UZ"])).content.decode()

    assert 'id="theme-series"' in html and 'data-chart="trade-themes"' in html
    for title in ("Agro-industrial and food products", "Electrical products",
                  "Batteries and accumulators", "Fertilisers"):
        assert title in html, title
    assert "synthetic sample generated from a fixed seed" in html
    russian = client.get(reverse("trade:pair", args=["KZ", "UZ"]),
                         headers={"accept-language": "ru"}).content.decode()
    assert "Удобрения" in russian
    # The chart's colours are keyed by the codes, the same in both languages.
    domain = '"domain": ["agrofood", "electrical", "batteries", "fertilisers"]'
    assert domain in html and domain in russian
    assert client.get(reverse("trade:pair_table", args=["KZ", "UZ", "trade-themes", "csv"])
                      ).status_code == 200


def test_the_api_gives_each_theme_each_way_and_year_with_its_provenance(client, secretariat):
    services.create_theme(actor=secretariat, values=dict(FERTILISERS))
    data = client.get("/api/v1/trade/pairs/KZ/UZ/themes/").json()

    assert [t["code"] for t in data["themes"]] == ["agrofood", "electrical", "batteries",
                                                  "fertilisers"]
    assert data["themes"][3]["titles"]["kk"] == "Тыңайтқыштар"
    assert data["provenance"] == "synthetic" and data["years"] == [2020, 2021, 2022, 2023]
    points = {(p["theme"], p["year"], p["direction"]): p for p in data["points"]}
    assert len(points) == 4 * 4 * 2
    agro = points[("agrofood", 2023, "KZ->UZ")]
    before = points[("agrofood", 2022, "KZ->UZ")]
    assert agro["value"] > 0 and 0 < agro["share"] < 100
    assert agro["growth"] == pytest.approx((agro["value"] / before["value"] - 1) * 100)
    assert points[("agrofood", 2020, "KZ->UZ")]["null_reasons"] == {
        "growth": "no figure of 2019"}
    assert client.get("/api/v1/trade/pairs/KZ/UZ/themes/", {"basis": "NONE"}).status_code == 404


def test_the_pack_has_a_theme_table_marked_synthetic(sides):
    figures = build_figures(sources.gather(as_of=datetime.date(2024, 7, 12)))
    value = figures.get("theme.agrofood.KZ-UZ.2023.value")
    assert value.provenance == "synthetic" and value.unit == "USD million"
    assert figures.text("theme.batteries.title.ru") == "Батареи и аккумуляторы"

    for lang, word in (("en", "synthetic"), ("ru", "синтетическ")):
        pack = build_briefing(figures, lang=lang, as_of=datetime.date(2024, 7, 12),
                              content_hash="0" * 64)
        section = next(s for s in pack.sections if s.key == "themes")
        rows = section.tables[0].rows
        assert [r[0] for r in rows[:3]] == ["2023"] * 3 and len(rows) == 4 * 3
        assert word in section.paragraphs[0].lower()


def test_the_pack_as_of_a_date_leaves_out_the_years_not_yet_ended(sides):
    figures = build_figures(sources.gather(as_of=datetime.date(2023, 3, 1)))
    assert "theme.agrofood.KZ-UZ.2022.value" in figures
    assert "theme.agrofood.KZ-UZ.2023.value" not in figures


@pytest.mark.parametrize(("role", "allowed"), [("viewer", False), ("secretariat", True)])
def test_only_the_secretariat_defines_themes(client, sides, role, allowed):
    user = make_user("u", Role.SECRETARIAT if role == "secretariat" else Role.VIEWER,
                     side=sides[0] if role == "secretariat" else None)
    client.force_login(user)
    response = client.post(reverse("targets:theme_create"), {**FERTILISERS, "reason": ""})
    assert response.status_code == (302 if allowed else 403)
    assert TradeTheme.objects.exists() is allowed


def test_a_theme_with_unreadable_hs_codes_or_a_builtin_code_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("targets:theme_create"),
                           {**FERTILISERS, "code": "agrofood", "hs_codes": "31-2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The HS codes cannot be read" in html and "built-in theme" in html
    assert not TradeTheme.objects.exists()


def test_a_secretariat_edits_a_theme_and_the_series_follows(client, secretariat):
    theme = services.create_theme(actor=secretariat, values=dict(FERTILISERS))
    client.force_login(secretariat)
    response = client.post(reverse("targets:theme_edit", args=[theme.pk]),
                           {**FERTILISERS, "hs_codes": "3102, 3105", "version": theme.version,
                            "reason": "nitrogen and mixed only"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.hs_codes == "3102, 3105" and theme.version == 2
    page = client.get(reverse("targets:themes")).content.decode()
    assert "3102, 3105" in page and "01-24" in page
    ranges = next(t for t in services.trade_themes(secretariat) if t.code == "fertilisers").ranges
    assert ranges == (("3102", "3102"), ("3105", "3105"))


def test_the_theme_pages_open_in_every_language(client, secretariat):
    theme = services.create_theme(actor=secretariat, values=dict(FERTILISERS))
    client.force_login(secretariat)
    for lang in ("en", "ru", "kk", "uz"):
        for url in (reverse("targets:themes"), reverse("targets:theme_create"),
                    reverse("targets:theme_edit", args=[theme.pk])):
            assert client.get(url, headers={"accept-language": lang}).status_code == 200, url
    client.logout()
    assert client.get(reverse("targets:themes")).status_code == 200  # public definitions
    assert client.get(reverse("targets:theme_create")).status_code == 302  # sign in first
