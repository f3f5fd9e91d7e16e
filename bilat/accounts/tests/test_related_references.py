"""A record names only the related records its reader may see: API, pages, export, pack.

Issue 8, item 3: anonymous ``GET /api/v1/projects/1/`` listed ``launched_by`` IGC21-02,
IGC21-03 (official) and IGC21-10 (restricted); a viewer's ``GET /api/v1/targets/3/`` showed a
restricted decision. The property test in test_access.py covers the whole class; these are the
cases of the issue and one of each other kind of door.
"""

import datetime

import pytest
from django.urls import reverse
from rest_framework import relations, serializers
from rest_framework.test import APIClient

from bilat.accounts.api import VisibleListSerializer, VisibleManyRelatedField, VisibleRelatedMixin
from bilat.accounts.policy import is_tiered
from bilat.api import router
from bilat.briefings import sources
from bilat.briefings.services import freeze_snapshot
from bilat.core.sheets import get_sheet
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.meetings.tests.factories import make_meeting
from bilat.projects import services
from bilat.projects.tests.factories import make_project
from bilat.targets.tests.factories import make_target

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.fixture
def world():
    """Project 1 of the demo in small: launched by a public, an official, a restricted decision."""
    cast = make_cast()
    public = make_decision("IGC21-02", access_tier="public", kz_lead=cast.kz_lead)
    official = make_decision("IGC21-03", access_tier="official", kz_lead=cast.kz_lead)
    restricted = make_decision("IGC21-10", access_tier="restricted", kz_lead=cast.kz_lead)
    project = make_project("IC-TARAZ-EMZ")
    project.launched_by.set([public, official, restricted])
    return cast, project


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", ["IGC21-02"]),
    ("viewer", ["IGC21-02", "IGC21-03"]),
    ("officer_kz_other", ["IGC21-02", "IGC21-03"]),
    ("officer_kz_lead", ["IGC21-02", "IGC21-03", "IGC21-10"]),
    ("secretariat_uz", ["IGC21-02", "IGC21-03", "IGC21-10"]),
])
def test_a_project_names_only_the_launching_decisions_its_reader_may_see(world, role, expected):
    cast, project = world
    api = _api(cast.users[role])
    assert api.get(f"/api/v1/projects/{project.pk}/").json()["launched_by"] == expected
    listed = api.get("/api/v1/projects/").json()["results"]
    assert listed[0]["launched_by"] == expected


def test_a_viewer_does_not_see_the_restricted_decision_that_set_a_target():
    cast = make_cast()
    target = make_target(decision=make_decision("IGC21-10", access_tier="restricted"))
    assert _api(cast.users["viewer"]).get(f"/api/v1/targets/{target.pk}/").json()[
        "decision"] is None
    assert _api(cast.users["secretariat_kz"]).get(f"/api/v1/targets/{target.pk}/").json()[
        "decision"] == "IGC21-10"


def test_a_public_project_does_not_name_its_official_umbrella(client):
    cast = make_cast()
    umbrella = make_project("UMBRELLA-SECRET", access_tier="official")
    part = make_project("IC-PART", parent=umbrella)
    assert _api().get(f"/api/v1/projects/{part.pk}/").json()["parent"] is None
    assert _api(cast.users["viewer"]).get(f"/api/v1/projects/{part.pk}/").json()[
        "parent"] == umbrella.pk
    page = client.get(reverse("projects:detail", args=[part.pk])).text
    assert "UMBRELLA-SECRET" not in page
    client.force_login(cast.users["viewer"])
    assert "UMBRELLA-SECRET" in client.get(reverse("projects:detail", args=[part.pk])).text


def test_a_public_decision_does_not_name_its_restricted_meeting(client):
    cast = make_cast()
    meeting = make_meeting(7, access_tier="restricted", place_en="Secret retreat")
    decision = make_decision("IGC7-1", access_tier="public", meeting=meeting)
    assert _api().get(f"/api/v1/decisions/{decision.pk}/").json()["meeting"] is None
    assert _api(cast.users["secretariat_kz"]).get(
        f"/api/v1/decisions/{decision.pk}/").json()["meeting"] == meeting.pk
    page = client.get(reverse("decisions:detail", args=[decision.pk])).text
    assert reverse("meetings:detail", args=[meeting.pk]) not in page
    sheet = get_sheet("decisions")
    rows = [sheet.column_map()["meeting"].export_value(d) for d in sheet.queryset(None)]
    assert rows == [None]
    rows = [sheet.column_map()["meeting"].export_value(d)
            for d in sheet.queryset(cast.users["secretariat_kz"])]
    assert rows == [7]


def test_a_public_meeting_does_not_link_the_restricted_session_before_it(client):
    make_meeting(20, held_on=datetime.date(2023, 5, 1), access_tier="restricted")
    meeting = make_meeting(21)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Previous session" not in page


def test_the_pack_and_the_dashboard_leave_out_a_restricted_target():
    cast = make_cast()
    make_target(access_tier="restricted")
    assert sources.gather(as_of=datetime.date(2024, 7, 12)).target is None
    assert sources.gather(as_of=datetime.date(2024, 7, 12), user=None).target is None
    seen = sources.gather(as_of=datetime.date(2024, 7, 12), user=cast.users["secretariat_kz"])
    assert seen.target is not None and seen.target.value == 10_000


def test_a_snapshot_of_a_restricted_meeting_is_not_listed_for_a_viewer(client):
    cast = make_cast()
    meeting = make_meeting(7, access_tier="restricted", place_en="Secret retreat")
    snapshot = freeze_snapshot(meeting=meeting, actor=None)
    client.force_login(cast.users["viewer"])
    url = reverse("briefings:snapshot_detail", args=[snapshot.pk])
    assert url not in client.get(reverse("briefings:list")).text
    assert client.get(url).status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    assert url in client.get(reverse("briefings:list")).text
    assert client.get(url).status_code == 200


def _related_model(field):
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        return queryset.model
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = field.source_attrs[0] if field.source_attrs else field.field_name
    try:
        return model._meta.get_field(source).related_model
    except Exception:  # noqa: BLE001 - a property or a path through several relations
        return None


def _walk(serializer, path=""):
    for name, field in serializer.fields.items():
        yield f"{path}{name}", field
        child = getattr(field, "child", None)
        if isinstance(child, serializers.Serializer):
            yield from _walk(child, f"{path}{name}.")
        elif isinstance(field, serializers.Serializer):
            yield from _walk(field, f"{path}{name}.")


def test_every_api_reference_to_a_tiered_record_goes_through_the_policy(rf):
    """The class behind item 3: a serializer field naming registry records must filter them."""
    unguarded = []
    for prefix, viewset, _basename in router.registry:
        serializer_class = getattr(viewset, "serializer_class", None)
        if serializer_class is None:
            continue
        request = rf.get("/")
        request.user = None
        for path, field in _walk(serializer_class(context={"request": request})):
            where = f"{prefix}: {path}"
            if isinstance(field, relations.ManyRelatedField):
                model = _related_model(field.child_relation) or _related_model(field)
                if model is not None and is_tiered(model) and not isinstance(
                        field, VisibleManyRelatedField):
                    unguarded.append(where)
            elif isinstance(field, relations.RelatedField):
                model = _related_model(field)
                if model is not None and is_tiered(model) and not isinstance(
                        field, VisibleRelatedMixin):
                    unguarded.append(where)
            elif isinstance(field, serializers.ListSerializer) and hasattr(field.child, "Meta"):
                model = field.child.Meta.model
                part = hasattr(model, "access_tier_field")  # seen with the record it nests in
                if is_tiered(model) and not part and not isinstance(field, VisibleListSerializer):
                    unguarded.append(where)
    assert unguarded == []


def test_a_projects_history_does_not_name_a_hidden_launching_decision(client, world):
    cast, project = world
    services.update_project(project, {"title_en": "Taraz plant"},
                            actor=cast.users["secretariat_kz"], expected_version=None,
                            launched_by=list(project.launched_by.all()[:1]))
    page = client.get(reverse("projects:detail", args=[project.pk])).text
    assert "IGC21-02" in page and "IGC21-03" not in page and "IGC21-10" not in page
    assert "(a record not open to you)" in page
    client.force_login(cast.users["secretariat_uz"])
    page = client.get(reverse("projects:detail", args=[project.pk])).text
    assert "IGC21-03" in page and "IGC21-10" in page


def test_the_decision_filters_offer_only_the_meetings_the_reader_may_see(client):
    cast = make_cast()
    make_meeting(7, access_tier="restricted")
    public = make_meeting(8)
    page = client.get(reverse("decisions:list")).text
    assert "Meeting 8" in page and "Meeting 7" not in page
    assert _api().get("/api/v1/decisions/", {"meeting": public.pk}).status_code == 200
    client.force_login(cast.users["secretariat_kz"])
    assert "Meeting 7" in client.get(reverse("decisions:list")).text
