"""The forms for a project's parts on its detail page: who may post, htmx fragments, the log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bilat.core.models import ChangeLogEntry
from bilat.directory.tests.factories import make_organisation
from bilat.projects import services
from bilat.projects.models import Milestone, Project, ProjectLocation, ProjectPartner
from bilat.projects.tests.factories import make_cast, make_partner, make_project

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _partner_data(organisation, role="operator"):
    return {"partner-organisation": organisation.pk, "partner-role": role}


def _location_data(side, **extra):
    data = {"location-side": side.pk, "location-region_en": "Tashkent region",
            "location-place_en": "Angren", "location-latitude": "41.016",
            "location-longitude": "70.143"}
    data.update(extra)
    return data


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer_kz_partner", 403), ("secretariat_uz", 302),
])
def test_only_the_secretariat_adds_a_partner_and_the_addition_is_logged(client, role, status):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    response = _as(client, cast.users[role]).post(
        reverse("projects:partner_add", args=[project.pk]), _partner_data(cast.uz_partner))
    assert response.status_code == status
    added = ProjectPartner.objects.filter(organisation=cast.uz_partner).exists()
    assert added == (role == "secretariat_uz")
    if added:
        assert response["Location"].endswith(f"/projects/{project.pk}/#partners")
        entry = ChangeLogEntry.objects.get(object_type="projects.projectpartner")
        assert entry.action == "create" and entry.actor == cast.users[role]


def test_an_htmx_partner_addition_returns_the_partners_fragment_with_the_history(client):
    cast = make_cast()
    project = make_project()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("projects:partner_add", args=[project.pk]),
                       _partner_data(cast.uz_partner), **HTMX)
    assert page.status_code == 200
    assert page.text.lstrip().startswith('<section id="partners">') and "<html" not in page.text
    assert "Uz Steel Company" in page.text and 'hx-swap-oob="true"' in page.text


def test_a_duplicate_or_incomplete_partner_shows_errors_and_writes_nothing(client):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.uz_partner, role="operator")
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("projects:partner_add", args=[project.pk]),
                       {"partner-organisation": cast.uz_partner.pk, "partner-role": "pilot"},
                       **HTMX)
    assert page.status_code == 400 and "role" in page.context["partner_form"].errors
    page = client.post(reverse("projects:partner_add", args=[project.pk]),
                       _partner_data(cast.uz_partner))
    assert page.status_code == 400 and page.context["partner_form"].non_field_errors()
    assert ProjectPartner.objects.count() == 1 and not ChangeLogEntry.objects.exists()
    project.refresh_from_db()
    assert project.version == 1


def test_the_secretariat_removes_a_partner_and_an_officer_cannot(client):
    cast = make_cast()
    project = make_project()
    partner = make_partner(project, cast.kz_partner)
    url = reverse("projects:partner_remove", args=[partner.pk])
    client.force_login(cast.users["officer_kz_partner"])
    assert client.post(url).status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(url, {"version": partner.version}, **HTMX)
    assert page.status_code == 200 and 'id="partners"' in page.text
    assert not ProjectPartner.objects.exists()
    assert ChangeLogEntry.objects.get(object_type="projects.projectpartner").action == "delete"


def test_a_location_is_added_with_its_coordinates(client):
    cast = make_cast()
    project = make_project()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("projects:location_add", args=[project.pk]),
                       _location_data(cast.uz), **HTMX)
    assert page.status_code == 200 and 'id="locations"' in page.text and "Angren" in page.text
    location = ProjectLocation.objects.get()
    assert (location.side, str(location.latitude)) == (cast.uz, "41.016000")
    assert ChangeLogEntry.objects.filter(object_type="projects.projectlocation").count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"location-latitude": "95"}, "latitude"),
    ({"location-longitude": "-181"}, "longitude"),
    ({"location-longitude": ""}, "longitude"),
    ({"location-region_en": ""}, "region_en"),
])
def test_a_bad_location_shows_the_field_error_and_writes_nothing(client, changes, field):
    cast = make_cast()
    project = make_project()
    client.force_login(cast.users["secretariat_kz"])
    page = client.post(reverse("projects:location_add", args=[project.pk]),
                       _location_data(cast.kz, **changes))
    assert page.status_code == 400
    assert list(page.context["location_form"].errors) == [field]
    assert 'class="field has-error"' in page.text
    assert not ProjectLocation.objects.exists() and not ChangeLogEntry.objects.exists()


def test_a_location_is_edited_in_place_and_the_edit_is_logged(client):
    cast = make_cast()
    project = make_project()
    location = project.locations.create(side=cast.kz, region_en="Zhambyl region")
    url = reverse("projects:location_edit", args=[location.pk])
    client.force_login(cast.users["viewer"])
    assert client.get(url).status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    opened = client.get(url, **HTMX)
    assert f'name="edit-{location.pk}-region_en"' in opened.text and "<html" not in opened.text
    prefix = f"edit-{location.pk}-"
    data = {prefix + "side": cast.kz.pk, prefix + "region_en": "Zhambyl region",
            prefix + "place_en": "Taraz", prefix + "latitude": "42.9",
            prefix + "longitude": "200"}
    bad = client.post(url, data)
    assert bad.status_code == 400 and "longitude" in bad.context["edit_form"].errors
    location.refresh_from_db()
    assert location.place_en == "" and not ChangeLogEntry.objects.exists()
    saved = client.post(url, dict(data, **{prefix + "longitude": "71.37"}))
    assert saved.status_code == 302
    location.refresh_from_db()
    assert location.place_en == "Taraz"
    entry = ChangeLogEntry.objects.get(object_type="projects.projectlocation")
    assert entry.action == "update" and entry.before["place_en"] == ""


def test_a_milestone_is_added_by_the_secretariat_only(client):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    url = reverse("projects:milestone_add", args=[project.pk])
    data = {"milestone-title_en": "Commissioning", "milestone-side": cast.kz.pk,
            "milestone-due_on": "2026-06-30"}
    client.force_login(cast.users["officer_kz_partner"])
    assert client.post(url, data).status_code == 403
    client.force_login(cast.users["secretariat_uz"])
    bad = client.post(url, dict(data, **{"milestone-due_on": "soon"}), **HTMX)
    assert bad.status_code == 400 and "due_on" in bad.context["milestone_form"].errors
    assert not Milestone.objects.exists()
    page = client.post(url, data, **HTMX)
    assert 'id="milestones"' in page.text and "Commissioning" in page.text
    assert Milestone.objects.get().side == cast.kz
    assert ChangeLogEntry.objects.get(object_type="projects.milestone").action == "create"


def test_a_milestone_status_form_shows_field_errors_and_an_htmx_fragment(client):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    milestone = Milestone.objects.create(project=project, side=cast.kz, title_en="Site ready")
    url = reverse("projects:milestone_status", args=[milestone.pk])
    client.force_login(cast.users["officer_kz_partner"])
    bad = client.post(url, {"status": "met", "progress_pct": "140"}, **HTMX)
    assert bad.status_code == 400 and "progress_pct" in bad.context["status_form"].errors
    assert 'class="errors"' in bad.text
    milestone.refresh_from_db()
    assert milestone.status == "scheduled" and not ChangeLogEntry.objects.exists()
    page = client.post(url, {"status": "met", "progress_pct": "100", "reason": "Done"}, **HTMX)
    assert page.status_code == 200 and 'id="milestones"' in page.text and "Met" in page.text
    entry = ChangeLogEntry.objects.get(object_type="projects.milestone")
    assert (entry.action, entry.reason) == ("set_status", "Done")


@pytest.mark.parametrize(("role", "forms", "status_forms"), [
    ("anonymous", False, 0), ("viewer", False, 0), ("officer_kz_other", False, 0),
    ("officer_kz_partner", False, 2),  # its side's milestone and the joint one
    ("secretariat_uz", True, 2),  # the Uzbek one and the joint one
])
def test_each_role_sees_only_the_forms_it_may_post(client, role, forms, status_forms):
    cast = make_cast()
    project = make_project()
    make_partner(project, cast.kz_partner)
    project.locations.create(side=cast.kz, region_en="Zhambyl region")
    for side in (cast.kz, cast.uz, None):
        Milestone.objects.create(project=project, side=side, title_en=f"Step {side}")
    page = _as(client, cast.users[role]).get(reverse("projects:detail", args=[project.pk]))
    assert ("Add a partner" in page.text) == forms
    assert ("Add a location" in page.text) == forms
    assert ("Add a milestone" in page.text) == forms
    assert ("/remove/" in page.text) == forms
    assert page.text.count("hx-post=\"/projects/milestones/") - 3 * forms == status_forms


def test_the_detail_history_includes_the_writes_to_the_parts(client):
    cast = make_cast()
    project = make_project()
    actor = cast.users["secretariat_kz"]
    services.add_partner(project, organisation=cast.uz_partner, role="operator", actor=actor)
    services.add_milestone(project, actor=actor, values={"title_en": "Launch"})
    page = client.get(reverse("projects:detail", args=[project.pk]))
    history = page.text[page.text.index('id="history"'):]
    assert "Uz Steel Company (Operator)" in history and "Launch" in history


def _detail_queries(client, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["secretariat_kz", "officer_kz_partner"])
def test_the_detail_page_makes_as_many_queries_for_many_parts_as_for_one(client, role):
    cast = make_cast()
    client.force_login(cast.users[role])
    small, large = make_project("SMALL"), make_project("LARGE")
    for project, n in ((small, 1), (large, 12)):
        make_partner(project, cast.kz_partner)
        for i in range(n):
            make_partner(project, make_organisation(cast.uz, f"uz-{project.code}-{i}"))
            project.locations.create(side=cast.kz, region_en=f"Region {i}")
            Milestone.objects.create(project=project, side=cast.kz if i % 2 else None,
                                     title_en=f"Step {i}")
    assert _detail_queries(client, large) == _detail_queries(client, small) <= 20


def _project_parts(cast):
    """A project with one partner, location and milestone, each with the data of its edit form."""
    project = make_project()
    partner = make_partner(project, cast.kz_partner)
    location = project.locations.create(side=cast.kz, region_en="Zhambyl region")
    milestone = project.milestones.create(side=cast.uz, title_en="Groundbreaking")
    return project, {
        "partner": (partner, {"organisation": cast.kz_partner.pk, "role": "financier"}),
        "location": (location, {"side": cast.kz.pk, "region_en": "Zhambyl region",
                                "place_en": "Taraz"}),
        "milestone": (milestone, {"side": cast.uz.pk, "title_en": "Ground broken",
                                  "due_on": "2026-05-01"}),
    }


def _edit(part, values, version=None):
    data = {f"edit-{part.pk}-{name}": value for name, value in values.items()}
    data[f"edit-{part.pk}-version"] = part.version if version is None else version
    return data


@pytest.mark.parametrize("name", ["partner", "location", "milestone"])
def test_the_secretariat_edits_a_project_part_once_logged_and_a_stale_copy_gets_409(client, name):
    cast = make_cast()
    project, parts = _project_parts(cast)
    part, values = parts[name]
    url = reverse(f"projects:{name}_edit", args=[part.pk])
    client.force_login(cast.users["officer_kz_partner"])
    assert client.post(url, _edit(part, values)).status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    opened = client.get(url, **HTMX)
    assert opened.status_code == 200 and opened.context["editing"] == part
    assert f'name="edit-{part.pk}-version"' in opened.text
    response = client.post(url, _edit(part, values))
    assert response.status_code == 302
    entry = ChangeLogEntry.objects.get()
    assert (entry.action, entry.object_id) == ("update", str(part.pk))
    assert Project.objects.get(pk=project.pk).version == project.version + 1
    stale = client.post(url, _edit(part, values, version=part.version))
    assert stale.status_code == 409 and "Someone else saved" in stale.text
    assert ChangeLogEntry.objects.count() == 1


@pytest.mark.parametrize("name", ["partner", "location", "milestone"])
def test_the_secretariat_removes_a_project_part_unless_it_changed_meanwhile(client, name):
    cast = make_cast()
    project, parts = _project_parts(cast)
    part, _values = parts[name]
    url = reverse(f"projects:{name}_remove", args=[part.pk])
    client.force_login(cast.users["viewer"])
    assert client.post(url, {"version": part.version}).status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    assert client.post(url, {"version": part.version + 1}).status_code == 409
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"version": part.version}, **HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert not type(part).objects.filter(pk=part.pk).exists()
    assert ChangeLogEntry.objects.get().action == "delete"
    assert Project.objects.get(pk=project.pk).version == project.version + 1
