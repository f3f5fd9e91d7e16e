"""The projects API: the contract, permissions, 409 on a stale version, 400 naming fields."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from bilat.core.models import ChangeLogEntry
from bilat.decisions.tests.factories import make_decision
from bilat.directory.tests.factories import make_sector
from bilat.projects import services
from bilat.projects.api import ProjectSerializer
from bilat.projects.models import Project
from bilat.projects.tests.factories import (
    make_cast,
    make_partner,
    make_project,
    make_reported_figure,
    make_rule,
)

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_the_project_list_is_paginated_visible_only_and_makes_few_queries(
    django_assert_max_num_queries,
):
    cast = make_cast()
    for i in range(20):
        p = make_project(f"P-{i:02}")
        make_partner(p, cast.kz_partner)
        p.locations.create(side=cast.kz, region_en="Turkestan region")
        p.milestones.create(title_en="Start")
    make_project("SECRET", access_tier="restricted")
    with django_assert_max_num_queries(10):
        body = _api(cast.users["viewer"]).get("/api/v1/projects/").json()
    assert body["count"] == 20
    first = body["results"][0]
    partner = first["partners"][0]
    assert partner == {"id": partner["id"], "version": 1, "project": first["id"],
                       "organisation": "kz-industry-ministry", "role": "investor", "side": "KZ"}
    assert first["locations"][0]["side"] == "KZ"


def test_the_project_list_filters_like_the_page():
    make_project("IC-A")
    make_project("TR-B", kind="transport")
    body = _api().get("/api/v1/projects/", {"kind": "transport"}).json()
    assert [r["code"] for r in body["results"]] == ["TR-B"]


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 403), ("viewer", 403), ("officer_kz_partner", 403), ("secretariat_uz", 201),
])
def test_only_the_secretariat_creates_projects_through_the_api(role, status):
    cast = make_cast()
    make_sector("industry", "Industry")
    response = _api(cast.users[role]).post("/api/v1/projects/", {
        "code": "IC-NEW", "title_en": "New", "kind": "investment", "sector": "industry",
        "value_planned": "40000000"}, format="json")
    assert response.status_code == status
    if status == 201:
        project = Project.objects.get(code="IC-NEW")
        assert project.value_planned_usd == Decimal("40000000")
        assert ChangeLogEntry.objects.filter(object_id=str(project.pk), action="create",
                                             channel="api").exists()
    else:
        assert not Project.objects.filter(code="IC-NEW").exists()


def test_an_api_update_needs_the_version_and_a_stale_one_gets_409():
    cast = make_cast()
    project = make_project()
    api = _api(cast.users["secretariat_kz"])
    url = f"/api/v1/projects/{project.pk}/"
    assert api.patch(url, {"stage": 3}, format="json").status_code == 400
    assert api.patch(url, {"stage": 3, "version": 1}, format="json").status_code == 200
    stale = api.patch(url, {"stage": 4, "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    project.refresh_from_db()
    assert project.stage == 3


def test_bad_input_gets_400_naming_the_fields_and_nothing_is_written():
    cast = make_cast()
    response = _api(cast.users["secretariat_kz"]).post("/api/v1/projects/", {
        "code": "X", "title_en": "X", "kind": "rocketry", "progress_pct": 140,
        "currency": "KZT", "value_planned": "5"}, format="json")
    assert response.status_code == 400
    assert {"kind", "progress_pct"} <= set(response.json())
    response = _api(cast.users["secretariat_kz"]).post("/api/v1/projects/", {
        "code": "X", "title_en": "X", "kind": "investment", "currency": "KZT",
        "value_planned": "5"}, format="json")
    assert response.status_code == 400
    assert "value_planned_usd" in response.json()
    assert not Project.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_partner_reports_progress_for_its_side_through_the_api():
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    url = f"/api/v1/projects/{project.pk}/progress/"
    assert _api(cast.users["officer_kz_other"]).post(
        url, {"version": 1, "progress_pct": 50}, format="json").status_code == 403
    assert _api(cast.users["officer_kz_partner"]).post(
        url, {"version": 1, "progress_pct": 50, "side": "UZ"}, format="json").status_code == 403
    ok = _api(cast.users["officer_kz_partner"]).post(
        url, {"version": 1, "progress_pct": 50, "jobs_created": 10}, format="json")
    assert ok.status_code == 200 and ok.json()["progress_pct"] == 50
    stale = _api(cast.users["officer_kz_partner"]).post(
        url, {"version": 1, "progress_pct": 60}, format="json")
    assert stale.status_code == 409


def test_portfolio_rules_carry_their_computed_totals(django_assert_max_num_queries):
    make_project("A", value_planned_usd=Decimal("217000000"), jobs_planned=4500, stage=4)
    make_project("B", stage=2)
    make_rule("implemented", stages=[4])
    make_rule("all")
    with django_assert_max_num_queries(6):
        body = _api().get("/api/v1/portfolio-rules/").json()
    by_code = {r["code"]: r for r in body["results"]}
    assert by_code["implemented"]["computed"]["project_count"] == 1
    assert by_code["implemented"]["computed"]["value_usd"] == "217000000.00"
    assert by_code["all"]["computed"]["jobs"] == 4510


def test_portfolio_figures_are_read_only_and_listed_with_few_queries(
    django_assert_max_num_queries,
):
    cast = make_cast()
    rule = make_rule()
    for _ in range(10):
        make_reported_figure(rule, reported_by=cast.kz_partner)
    with django_assert_max_num_queries(4):
        body = _api().get("/api/v1/portfolio-figures/", {"rule": rule.code}).json()
    assert body["count"] == 10 and body["results"][0]["reported_by"] == "kz-industry-ministry"
    assert _api(cast.users["superuser"]).post(
        "/api/v1/portfolio-figures/", {}, format="json").status_code == 405


# --- Linking decisions: only those the caller may see ------------------------------------------


def _project_payload(**extra):
    return {"code": "IC-NEW", "title_en": "New plant", "kind": "industrial_cooperation",
            "stage": 1, **extra}


def test_an_unknown_control_number_is_a_400_naming_launched_by():
    cast = make_cast()
    make_decision("IGC21-3.2")
    api = _api(cast.users["secretariat_kz"])
    bad = api.post("/api/v1/projects/", _project_payload(launched_by=["NO-SUCH"]), format="json")
    assert bad.status_code == 400 and "launched_by" in bad.json()
    good = api.post("/api/v1/projects/", _project_payload(launched_by=["IGC21-3.2"]),
                    format="json")
    assert good.status_code == 201 and good.json()["launched_by"] == ["IGC21-3.2"]


def test_a_decision_the_caller_cannot_see_is_refused_exactly_like_an_unknown_one():

    cast = make_cast()
    make_decision("SECRET-1", access_tier="restricted")
    context = {"request": SimpleNamespace(user=cast.users["viewer"])}
    errors = {}
    for number in ("SECRET-1", "NO-SUCH"):
        serializer = ProjectSerializer(data=_project_payload(launched_by=[number]),
                                       context=context)
        assert not serializer.is_valid()
        errors[number] = [str(e).replace(number, "?") for e in serializer.errors["launched_by"]]
    assert errors["SECRET-1"] == errors["NO-SUCH"]


def test_the_service_refuses_to_link_a_decision_the_actor_cannot_see():

    cast = make_cast()
    secret = make_decision("SECRET-1", access_tier="restricted")
    with pytest.raises(ValidationError) as refused:
        services.require_visible_decisions(cast.users["viewer"], [secret], field="launched_by")
    assert "launched_by" in refused.value.message_dict
    services.require_visible_decisions(cast.users["secretariat_uz"], [secret],
                                       field="launched_by")


def test_the_part_lists_are_paginated_visible_only_and_make_few_queries(
    django_assert_max_num_queries,
):
    cast = make_cast()
    for i in range(10):
        p = make_project(f"P-{i:02}")
        make_partner(p, cast.kz_partner)
        p.locations.create(side=cast.kz, region_en="Turkestan region")
        p.milestones.create(title_en="Start", side=cast.uz)
    secret = make_project("SECRET", access_tier="restricted")
    secret.locations.create(side=cast.kz, region_en="Secret region")
    for route in ("project-locations", "project-partners", "milestones"):
        with django_assert_max_num_queries(6):
            body = _api().get(f"/api/v1/{route}/").json()
        assert body["count"] == 10, route
        assert secret.pk not in {r["project"] for r in body["results"]}


def test_the_part_lists_filter_by_project_side_and_status():
    cast = make_cast()
    a, b = make_project("IC-A"), make_project("IC-B")
    a.locations.create(side=cast.kz, region_en="Zhambyl region")
    a.locations.create(side=cast.uz, region_en="Tashkent region")
    b.locations.create(side=cast.kz, region_en="Turkestan region")
    a.milestones.create(title_en="Start", status="met")
    a.milestones.create(title_en="Finish")
    make_partner(a, cast.uz_partner, role="operator")
    make_partner(b, cast.kz_partner)
    api = _api()
    rows = api.get("/api/v1/project-locations/", {"project": a.pk, "side": "KZ"}).json()
    assert [r["region_en"] for r in rows["results"]] == ["Zhambyl region"]
    rows = api.get("/api/v1/milestones/", {"project": a.pk, "status": "met"}).json()
    assert [r["title_en"] for r in rows["results"]] == ["Start"]
    rows = api.get("/api/v1/project-partners/", {"side": "UZ"}).json()
    assert [(r["project"], r["role"]) for r in rows["results"]] == [(a.pk, "operator")]
    hidden = make_project("SECRET", access_tier="restricted")
    assert api.get("/api/v1/milestones/", {"project": hidden.pk}).status_code == 400


def test_a_location_needs_both_coordinates_or_neither_as_on_the_page():
    cast = make_cast()
    project = make_project()
    location = project.locations.create(side=cast.kz, region_en="Zhambyl region")
    api = _api(cast.users["secretariat_kz"])
    response = api.patch(f"/api/v1/project-locations/{location.pk}/",
                         {"version": 1, "latitude": "42.9"}, format="json")
    assert response.status_code == 400 and "longitude" in response.json()
    response = api.patch(f"/api/v1/project-locations/{location.pk}/",
                         {"version": 1, "latitude": "42.9", "longitude": "71.37"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert Project.objects.get(pk=project.pk).version == project.version + 1
