"""Project pages: who sees and edits what, the htmx fragment, stale saves, errors, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bilat.core.models import ChangeLogEntry
from bilat.projects import services
from bilat.projects.models import Milestone, PortfolioFigure, Project
from bilat.projects.tests.factories import (
    make_cast,
    make_partner,
    make_project,
    make_reported_figure,
    make_rule,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_list_filters_by_kind_and_side_and_shows_the_illustrative_badge(client):
    cast = make_cast()
    a = make_project("IC-A", provenance="illustrative")
    make_partner(a, cast.uz_partner)
    make_project("TR-B", kind=Project.Kind.TRANSPORT)
    page = client.get(reverse("projects:list"))
    assert page.status_code == 200
    assert "IC-A" in page.text and "TR-B" in page.text and "illustrative" in page.text
    page = client.get(reverse("projects:list"), {"kind": "transport"})
    assert "TR-B" in page.text and "IC-A" not in page.text
    page = client.get(reverse("projects:list"), {"side": "UZ"})
    assert "IC-A" in page.text and "TR-B" not in page.text


def test_an_htmx_request_gets_only_the_results_fragment(client):
    make_project("IC-A")
    page = client.get(reverse("projects:list"), {"sort": "-value"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert 'id="results"' in page.text and "<html" not in page.text


def test_restricted_projects_are_hidden_from_the_public_and_open_to_partners(client):
    cast = make_cast()
    secret = make_project("SECRET", access_tier="restricted")
    make_partner(secret, cast.kz_partner)
    assert "SECRET" not in client.get(reverse("projects:list")).text
    assert client.get(reverse("projects:detail", args=[secret.pk])).status_code == 404
    client.force_login(cast.users["officer_kz_partner"])
    assert client.get(reverse("projects:detail", args=[secret.pk])).status_code == 200


def test_the_project_list_makes_the_same_few_queries_for_many_projects(
    client, django_assert_max_num_queries
):
    cast = make_cast()
    for i in range(30):
        p = make_project(f"P-{i:02}")
        make_partner(p, cast.kz_partner)
    client.force_login(cast.users["officer_kz_partner"])
    with django_assert_max_num_queries(10):
        page = client.get(reverse("projects:list"), {"per_page": 25})
    assert page.status_code == 200


def test_the_detail_page_shows_locations_partners_milestones_and_history(
    client, django_assert_max_num_queries
):
    cast = make_cast()
    project = make_project(capacity_value=Decimal("500"),
                           capacity_unit_en="thousand tonnes of steel products a year")
    make_partner(project, cast.uz_partner)
    project.locations.create(side=cast.kz, region_en="Zhambyl region", place_en="Taraz")
    Milestone.objects.create(project=project, title_en="Commissioning")
    with django_assert_max_num_queries(14):
        page = client.get(reverse("projects:detail", args=[project.pk]))
    for text in ("Taraz", "Uz Steel Company", "Commissioning", "thousand tonnes", "History"):
        assert text in page.text


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer_kz_partner", 403), ("secretariat_kz", 200),
])
def test_only_the_secretariat_opens_the_create_and_edit_forms(client, role, status):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    c = _client(client, cast.users[role])
    assert c.get(reverse("projects:create")).status_code == status
    assert c.get(reverse("projects:edit", args=[project.pk])).status_code == status


def _form_data(project, **changes):
    data = {"code": project.code, "title_en": project.title_en, "kind": project.kind,
            "stage": project.stage, "currency": "USD", "access_tier": "public",
            "provenance": "sourced", "aggregation_eligible": "on",
            "value_planned": "100", "version": project.version}
    data.update(changes)
    return data


def test_a_secretariat_edit_is_saved_and_logged(client):
    cast = make_cast()
    project = make_project()
    client.force_login(cast.users["secretariat_kz"])
    response = client.post(reverse("projects:edit", args=[project.pk]),
                           _form_data(project, stage=4, reason="Commissioned"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == 4 and project.version == 2
    assert ChangeLogEntry.objects.get(object_id=str(project.pk), action="update").reason == (
        "Commissioned")


def test_a_stale_edit_is_refused_with_a_message_and_nothing_is_written(client):
    cast = make_cast()
    project = make_project()
    client.force_login(cast.users["secretariat_kz"])
    stale = _form_data(project, stage=3)
    client.post(reverse("projects:edit", args=[project.pk]), _form_data(project, stage=2))
    page = client.post(reverse("projects:edit", args=[project.pk]), stale)
    assert page.status_code == 409
    assert "Someone else saved this record" in page.text
    project.refresh_from_db()
    assert project.stage == 2 and project.version == 2


def test_bad_input_shows_field_errors_and_writes_nothing(client):
    cast = make_cast()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("projects:create"), {
        "code": "", "title_en": "X", "kind": "rocketry", "stage": 2, "currency": "usd",
        "access_tier": "public", "provenance": "sourced", "progress_pct": 140})
    assert page.status_code == 400
    form = page.context["form"]
    assert {"code", "kind", "currency", "progress_pct"} <= set(form.errors)
    assert not Project.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_partner_officer_reports_progress_for_its_side_and_others_are_refused(client):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    client.force_login(cast.users["officer_kz_other"])
    assert client.get(reverse("projects:progress", args=[project.pk])).status_code == 403
    client.force_login(cast.users["officer_kz_partner"])
    response = client.post(reverse("projects:progress", args=[project.pk]),
                           {"version": 1, "progress_pct": 70, "jobs_created": 250})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.progress_pct, project.jobs_created) == (70, 250)


def test_a_milestone_status_is_set_from_the_detail_page(client):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    milestone = Milestone.objects.create(project=project, side=cast.kz, title_en="Site ready")
    client.force_login(cast.users["officer_uz_partner"])
    assert client.post(reverse("projects:milestone_status", args=[milestone.pk]),
                       {"status": "met"}).status_code == 403
    client.force_login(cast.users["officer_kz_partner"])
    client.post(reverse("projects:milestone_status", args=[milestone.pk]), {"status": "met"})
    milestone.refresh_from_db()
    assert milestone.status == "met"


def test_the_portfolio_page_puts_computed_beside_reported_figures(
    client, django_assert_max_num_queries
):
    make_project("A", value_planned_usd=Decimal("121300000"), jobs_planned=700)
    make_project("UMBRELLA", aggregation_eligible=False, jobs_planned=99999)
    for i in range(3):
        rule = make_rule(f"rule-{i}", title_en=f"Rule {i}")
        make_reported_figure(rule)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("projects:portfolio"))
    assert page.status_code == 200
    assert "Computed now" in page.text and "Kazinform, 7 Aug 2024" in page.text
    assert "+68" in page.text  # 69 reported, 1 computed
    assert "umbrella records left out" in page.text


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer_kz_partner", 403), ("secretariat_kz", 302),
])
def test_only_the_secretariat_stores_a_computed_figure(client, role, status):
    cast = make_cast()
    make_project("A", value_planned_usd=Decimal("100"), jobs_planned=7)
    rule = make_rule()
    page = _client(client, cast.users[role]).get(reverse("projects:portfolio"))
    assert ("Store the computed figure" in page.text) == (role == "secretariat_kz")
    response = client.post(reverse("projects:portfolio_record", args=[rule.code]),
                           {"note": "Before IGC-22"})
    assert response.status_code == status
    stored = PortfolioFigure.objects.filter(origin="computed")
    assert stored.exists() == (role == "secretariat_kz")
    if stored:
        figure = stored.get()
        assert (figure.project_count, figure.jobs, figure.note) == (1, 7, "Before IGC-22")
        assert figure.as_of == timezone.localdate()
        assert ChangeLogEntry.objects.get(object_type="projects.portfoliofigure").action == (
            "create")


def test_an_htmx_store_returns_the_rule_with_its_figure_history(client):
    cast = make_cast()
    make_project("A", value_planned_usd=Decimal("100"), jobs_planned=7)
    rule = make_rule(as_of=datetime.date(2024, 7, 1))
    make_reported_figure(rule, reported_on=datetime.date(2024, 8, 7), project_count=69)
    client.force_login(cast.users["secretariat_uz"])
    page = client.post(reverse("projects:portfolio_record", args=[rule.code]), **HTMX)
    assert page.status_code == 200 and "<html" not in page.text
    assert page.text.lstrip().startswith(f'<section class="rule" id="rule-{rule.code}">')
    assert "Computed and stored on" in page.text and "+68" in page.text
    assert PortfolioFigure.objects.get(origin="computed").as_of == datetime.date(2024, 7, 1)


def test_the_figure_history_lists_every_figure_newest_first_with_differences():
    rule = make_rule()
    make_project("A", value_planned_usd=Decimal("100"), jobs_planned=10)
    make_reported_figure(rule, reported_on=datetime.date(2023, 1, 1), project_count=50,
                         value_usd=None, jobs=None)
    make_reported_figure(rule, reported_on=datetime.date(2024, 8, 7), project_count=69,
                         value_usd=Decimal("150"), jobs=4)
    PortfolioFigure.objects.create(rule=rule, origin="computed", as_of=datetime.date(2024, 1, 1),
                                   project_count=2, value_usd=Decimal("80"), jobs=10)
    computed = services.compute_portfolio(rule)
    rows = services.figure_history(rule, computed=computed)
    assert [r.on for r in rows] == [datetime.date(2024, 8, 7), datetime.date(2024, 1, 1),
                                    datetime.date(2023, 1, 1)]
    assert (rows[0].count_difference, rows[0].value_difference, rows[0].jobs_difference) == (
        68, Decimal("50"), -6)
    assert (rows[1].figure.origin, rows[1].count_difference) == ("computed", 1)
    assert (rows[2].value_difference, rows[2].jobs_difference) == (None, None)


@pytest.mark.parametrize(("lang", "shown", "note"), [
    ("en", "Counts the release projects.", False), ("ru", "Считает проекты релиза.", False),
    ("kk", "Считает проекты релиза.", True),  # no Kazakh text: the Russian, said to be so
])
def test_the_portfolio_page_gives_each_rule_in_the_readers_language(client, lang, shown, note):
    make_rule(description_en="Counts the release projects.",
              description_ru="Считает проекты релиза.")
    client.cookies["django_language"] = lang
    page = client.get(reverse("projects:portfolio")).text
    assert shown in page
    assert ('class="lang-note" lang="ru"' in page) == note
