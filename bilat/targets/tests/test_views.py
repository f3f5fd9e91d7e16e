"""Target pages and API: permissions, the pace on screen, stale saves, errors, query counts."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.core.models import ChangeLogEntry
from bilat.decisions.tests.factories import make_decision
from bilat.projects.tests.factories import make_cast
from bilat.targets import services
from bilat.targets.api import TargetSerializer
from bilat.targets.models import ActualValue, Target
from bilat.targets.tests.factories import make_actual, make_indicator, make_target

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_the_target_list_hides_restricted_targets_and_makes_few_queries(
    client, django_assert_max_num_queries
):
    for i in range(15):
        make_target(title_en=f"Target {i}")
    make_target(title_en="Secret", access_tier="restricted")
    with django_assert_max_num_queries(6):
        page = client.get(reverse("targets:list"))
    assert "Target 14" in page.text and "Secret" not in page.text
    fragment = client.get(reverse("targets:list"), HTTP_HX_REQUEST="true")
    assert 'id="results"' in fragment.text and "<html" not in fragment.text


def test_the_detail_shows_the_assumed_year_and_the_pace_per_basis(client):
    target = make_target()
    make_actual(target, 2018, "3.40", provenance="derived")
    make_actual(target, 2023, "4.4")
    make_actual(target, 2025, "4.97", basis="UZ")
    page = client.get(reverse("targets:detail", args=[target.pk]))
    assert "assumes 2030" in page.text and "Trend, 1 Feb 2026" in page.text
    assert "needs 12.4 % a year from 2023 to 2030" in page.text
    assert "observed 5.3 % a year from 2018 to 2023" in page.text
    assert "signal-off_track" in page.text
    assert "needs 15.0 % a year from 2025 to 2030" in page.text
    assert "derived" in page.text


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer_kz_partner", 403), ("secretariat_uz", 200),
])
def test_only_the_secretariat_opens_the_target_forms(client, role, status):
    cast = make_cast()
    target = make_target()
    if cast.users[role] is not None:
        client.force_login(cast.users[role])
    for name, args in (("create", []), ("edit", [target.pk]), ("actual_create", [target.pk])):
        assert client.get(reverse(f"targets:{name}", args=args)).status_code == status


def test_a_stale_target_edit_is_refused_with_a_message(client):
    cast = make_cast()
    target = make_target(horizon="year", target_year=2030, assumed_year=None, horizon_note="")
    client.force_login(cast.users["secretariat_kz"])
    data = {"indicator": target.indicator.pk, "title_en": "Trade of $10 bn",
            "target_value": "10", "horizon": "year", "target_year": 2030,
            "access_tier": "public", "provenance": "sourced", "version": 1}
    assert client.post(reverse("targets:edit", args=[target.pk]), data).status_code == 302
    page = client.post(reverse("targets:edit", args=[target.pk]), dict(data, title_en="Other"))
    assert page.status_code == 409 and "Someone else saved this record" in page.text
    target.refresh_from_db()
    assert target.title_en == "Trade of $10 bn" and target.version == 2


def test_a_bad_target_form_shows_field_errors_and_writes_nothing(client):
    cast = make_cast()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("targets:create"), {
        "indicator": make_indicator().pk, "title_en": "X", "target_value": "ten",
        "horizon": "year", "access_tier": "public", "provenance": "sourced"})
    assert page.status_code == 400
    assert "target_value" in page.context["form"].errors
    assert not Target.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_secretariat_adds_its_sides_actual_value_from_the_page(client):
    cast = make_cast()
    target = make_target()
    client.force_login(cast.users["secretariat_kz"])
    data = {"period_label": "2023", "period_start": "2023-01-01", "period_end": "2023-12-31",
            "is_full_year": "on", "value": "4.4", "basis": "KZ",
            "reporting_side": cast.uz.pk, "provenance": "sourced"}
    # The KZ secretariat cannot record the Uzbek side's figure.
    assert client.post(reverse("targets:actual_create", args=[target.pk]),
                       data).status_code == 403
    response = client.post(reverse("targets:actual_create", args=[target.pk]),
                           dict(data, reporting_side=cast.kz.pk))
    assert response.status_code == 302
    assert ActualValue.objects.get().reporting_side == cast.kz


# --- API ---------------------------------------------------------------------------------------


def test_the_target_api_nests_actual_values_and_pace_with_few_queries(
    django_assert_max_num_queries,
):
    for i in range(10):
        target = make_target(title_en=f"T{i}")
        make_actual(target, 2018, "3.4")
        make_actual(target, 2023, "4.4")
    with django_assert_max_num_queries(6):
        body = _api().get("/api/v1/targets/").json()
    first = body["results"][0]
    assert len(first["actual_values"]) == 2
    assert first["pace"][0]["status"] == "off track"
    assert round(first["pace"][0]["required_growth"], 1) == 12.4


def test_the_indicator_api_nests_visible_targets_with_their_values(django_assert_max_num_queries):
    target = make_target()
    make_actual(target, 2023, "4.4")
    make_target(title_en="Secret", access_tier="restricted")
    with django_assert_max_num_queries(6):
        body = _api().get("/api/v1/indicators/").json()
    targets = body["results"][0]["targets"]
    assert [t["title_en"] for t in targets] == ["Mutual trade of $10 bn"]
    assert targets[0]["actual_values"][0]["value"] == "4.4000"


def test_the_target_api_refuses_viewers_stale_versions_and_bad_fields():
    cast = make_cast()
    target = make_target()
    url = f"/api/v1/targets/{target.pk}/"
    assert _api(cast.users["viewer"]).patch(
        url, {"title_en": "X", "version": 1}, format="json").status_code == 403
    api = _api(cast.users["secretariat_kz"])
    assert api.patch(url, {"title_en": "A", "version": 1}, format="json").status_code == 200
    assert api.patch(url, {"title_en": "B", "version": 1}, format="json").status_code == 409
    bad = api.post("/api/v1/targets/", {"indicator": "nope", "title_en": "X",
                                        "target_value": "x"}, format="json")
    assert bad.status_code == 400 and {"indicator", "target_value"} <= set(bad.json())
    bad = api.post("/api/v1/targets/", {"indicator": target.indicator.code, "title_en": "X",
                                        "target_value": "10", "horizon": "year"}, format="json")
    assert bad.status_code == 400 and "target_year" in bad.json()
    assert Target.objects.count() == 1


def test_actual_values_are_recorded_through_the_api_by_the_reporting_side():
    cast = make_cast()
    target = make_target()
    url = f"/api/v1/targets/{target.pk}/actual-values/"
    value = {"period_label": "2025", "period_start": "2025-01-01", "period_end": "2025-12-31",
             "value": "4.97", "basis": "UZ", "reporting_side": "UZ", "version": target.version}
    assert _api(cast.users["secretariat_kz"]).post(url, value, format="json").status_code == 403
    created = _api(cast.users["secretariat_uz"]).post(url, value, format="json")
    assert created.status_code == 201
    assert ActualValue.objects.get().value == Decimal("4.97")
    assert ChangeLogEntry.objects.filter(object_type="targets.actualvalue").count() == 1


def test_linking_an_unknown_or_invisible_decision_is_a_400_naming_the_field():

    cast = make_cast()
    make_decision("IGC21-3.2")
    make_decision("SECRET-1", access_tier="restricted")
    payload = {"indicator": make_indicator().code, "title_en": "X", "target_value": "10",
               "horizon": "year", "target_year": 2030}
    api = _api(cast.users["secretariat_kz"])
    bad = api.post("/api/v1/targets/", dict(payload, decision="NO-SUCH"), format="json")
    assert bad.status_code == 400 and "decision" in bad.json()
    assert not Target.objects.exists()
    good = api.post("/api/v1/targets/", dict(payload, decision="IGC21-3.2"), format="json")
    assert good.status_code == 201 and good.json()["decision"] == "IGC21-3.2"
    # For a caller who may not see it, a restricted decision looks exactly like an unknown one.
    context = {"request": SimpleNamespace(user=cast.users["viewer"])}
    errors = {}
    for number in ("SECRET-1", "NO-SUCH"):
        serializer = TargetSerializer(data=dict(payload, decision=number), context=context)
        assert not serializer.is_valid()
        errors[number] = [str(e).replace(number, "?") for e in serializer.errors["decision"]]
    assert errors["SECRET-1"] == errors["NO-SUCH"]


def test_the_target_service_refuses_a_decision_the_actor_cannot_see():

    cast = make_cast()
    secret = make_decision("SECRET-1", access_tier="restricted")
    with pytest.raises(ValidationError) as refused:
        services.require_visible_decision(cast.users["officer_kz_partner"], secret)
    assert "decision" in refused.value.message_dict
    services.require_visible_decision(cast.users["secretariat_kz"], secret)


# --- The actual-value form on the target's page -------------------------------------------------


def _actual_data(side, **extra):
    data = {"actual-period_label": "2024", "actual-period_start": "2024-01-01",
            "actual-period_end": "2024-12-31", "actual-is_full_year": "on",
            "actual-value": "4.1", "actual-basis": "KZ", "actual-reporting_side": side.pk,
            "actual-source": "Bureau of National Statistics, 2025",
            "actual-provenance": "sourced"}
    data.update(extra)
    return data


@pytest.mark.parametrize(("role", "form_shown", "status"), [
    ("anonymous", False, 302), ("viewer", False, 403), ("officer_kz_partner", False, 403),
    ("secretariat_uz", True, 403),  # may record, but not the Kazakh side's figure
    ("secretariat_kz", True, 200),
])
def test_the_detail_page_offers_the_actual_value_form_to_the_secretariat_only(
    client, role, form_shown, status
):
    cast = make_cast()
    target = make_target()
    if cast.users[role] is not None:
        client.force_login(cast.users[role])
    page = client.get(reverse("targets:detail", args=[target.pk]))
    assert ('name="actual-value"' in page.text) == form_shown
    response = client.post(reverse("targets:actual_create", args=[target.pk]),
                           _actual_data(cast.kz), HTTP_HX_REQUEST="true")
    assert response.status_code == status
    assert ActualValue.objects.exists() == (status == 200)


def test_an_htmx_actual_value_returns_the_actuals_fragment_and_is_logged(client):
    cast = make_cast()
    target = make_target()
    make_actual(target, 2018, "3.4")
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("targets:actual_create", args=[target.pk]),
                       _actual_data(cast.kz), HTTP_HX_REQUEST="true")
    assert page.text.lstrip().startswith('<section id="actuals">') and "<html" not in page.text
    assert "Bureau of National Statistics, 2025" in page.text
    entry = ChangeLogEntry.objects.get(object_type="targets.actualvalue")
    assert entry.action == "create" and entry.actor == cast.users["secretariat_kz"]
    target.refresh_from_db()
    assert target.version == 2
    detail = client.get(reverse("targets:detail", args=[target.pk]))
    history = detail.text[detail.text.index('id="history"'):]
    assert "4.1" in history


@pytest.mark.parametrize(("changes", "field"), [
    ({"actual-value": "a lot"}, "value"),
    ({"actual-period_end": "2024-06-30"}, "is_full_year"),
    ({"actual-basis": "rumour"}, "basis"),
])
def test_a_bad_actual_value_shows_the_field_error_and_writes_nothing(client, changes, field):
    cast = make_cast()
    target = make_target()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("targets:actual_create", args=[target.pk]),
                       _actual_data(cast.kz, **changes))
    assert page.status_code == 400
    assert field in page.context["actual_form"].errors
    assert "<details open>" in page.text
    assert not ActualValue.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_second_value_for_the_same_period_and_basis_is_refused_on_the_page(client):
    cast = make_cast()
    target = make_target()
    make_actual(target, 2024, "4.0")
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("targets:actual_create", args=[target.pk]),
                       _actual_data(cast.kz), HTTP_HX_REQUEST="true")
    assert page.status_code == 400 and page.context["actual_form"].non_field_errors()
    assert ActualValue.objects.count() == 1 and not ChangeLogEntry.objects.exists()


def test_the_pace_shows_each_figure_with_its_definition_and_each_value_its_source(
    client, django_assert_max_num_queries
):
    cast = make_cast()
    target = make_target()
    make_actual(target, 2018, "3.40", source="KZ statistics, 2019", reporting_side=cast.kz)
    make_actual(target, 2023, "4.4", source="KZ statistics, 2024", reporting_side=cast.kz)
    client.force_login(cast.users["secretariat_kz"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("targets:detail", args=[target.pk]))
    text = page.text
    for label in ("Latest full-year value", "Required growth", "Observed growth",
                  "Projected at the target year", "Reached in"):
        assert label in text
    assert "The yearly rate needed to go from the latest full-year value" in text
    assert "KZ statistics, 2019" in text and "KZ statistics, 2024" in text
    assert "12.4 %" in text and "5.3 % (2018–2023)" in text and "2039" in text


def test_the_target_detail_makes_as_many_queries_for_many_values_as_for_one(client):
    cast = make_cast()
    client.force_login(cast.users["secretariat_kz"])
    small, large = make_target(title_en="Small"), make_target(title_en="Large")
    make_actual(small, 2023, "4.4", reporting_side=cast.kz)
    for year in range(2010, 2024):
        for basis in ("KZ", "UZ", "BACI"):
            make_actual(large, year, "4.4", basis=basis, reporting_side=cast.kz)
    counts = []
    for target in (small, large):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("targets:detail", args=[target.pk]))
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(("lang", "unit"), [
    ("en", "hydroposts"), ("ru", "гидропостов"), ("kk", "гидробекет"),
    ("uz", "гидропостов"),  # no Uzbek unit given: the Russian, as every text kept per language
])
def test_a_unit_other_than_dollars_is_shown_in_the_readers_language(client, lang, unit):
    indicator = make_indicator("hydroposts")
    indicator.unit, indicator.unit_ru, indicator.unit_kk = "hydroposts", "гидропостов", "гидробекет"
    indicator.save()
    target = make_target(indicator=indicator, target_value=Decimal("10"))
    client.cookies["django_language"] = lang
    assert f"10 {unit}" in client.get(reverse("targets:detail", args=[target.pk])).text


def test_an_actual_value_is_named_by_its_basis_label_and_plain_value():
    target = make_target()
    actual = make_actual(target, 2025, "7", basis="other")
    assert str(actual) == f"2025 ({ActualValue.Basis.OTHER.label}): 7"
    assert ActualValue.value_labels("basis")["other"] == ActualValue.Basis.OTHER.label


def _tag(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)[0]


def test_the_target_form_declares_its_citations_english_and_the_theme_code_as_code(client):
    cast = make_cast()
    target = make_target()
    client.force_login(cast.users["secretariat_uz"])
    page = client.get(reverse("targets:edit", args=[target.pk])).text
    assert 'lang="en"' in _tag(page, "source") and 'lang="en"' in _tag(page, "horizon_note")
    assert 'lang="en"' not in _tag(page, "title_ru")
    assert "<code>fertilisers</code>" in client.get(reverse("targets:theme_create")).text
