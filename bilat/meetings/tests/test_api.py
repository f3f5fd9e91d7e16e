"""The API of a meeting's parts: lists filtered and paged like every list, seen with their meeting,
added, corrected and removed through the page's services with the version check."""

import pytest

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import api_of, make_user
from bilat.core.models import ChangeLogEntry
from bilat.decisions.tests.factories import make_decision
from bilat.directory.models import Person
from bilat.directory.tests.factories import make_commission, make_sector, make_sides
from bilat.meetings.models import AgendaItem, Attendance, Meeting
from bilat.meetings.tests.factories import make_meeting, make_paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    """A public session and a restricted one, each with agenda items, attendance and a paragraph."""
    kz, uz = make_sides()
    body = make_commission(kz, uz)
    public = make_meeting(21, body=body)
    hidden = make_meeting(22, body=body, access_tier="restricted")
    water = make_sector("water", "Water")
    for meeting in (public, hidden):
        for number in (1, 2, 3):
            AgendaItem.objects.create(meeting=meeting, number=number, title_en=f"Item {number}",
                                      sector=water if number == 2 else None)
        person = Person.objects.create(full_name_en=f"Delegate {meeting.number}", side=kz)
        Attendance.objects.create(meeting=meeting, person=person, side=kz, role_en="Head")
        paragraph = make_paragraph(meeting, "9")
        paragraph.protocol.access_tier = meeting.access_tier
        paragraph.protocol.save()
    return public, hidden


def test_the_agenda_list_shows_only_the_sessions_the_caller_sees_with_few_queries(
        meetings, django_assert_max_num_queries):
    public, hidden = meetings
    with django_assert_max_num_queries(6):
        body = api_of().get("/api/v1/agenda-items/").json()
    assert body["count"] == 3 and {r["meeting"] for r in body["results"]} == {public.pk}
    secretariat = make_user("sec", Role.SECRETARIAT, side=make_sides()[0])
    assert api_of(secretariat).get("/api/v1/agenda-items/").json()["count"] == 6


def test_the_agenda_list_filters_by_meeting_and_sector(meetings):
    public, _hidden = meetings
    body = api_of().get("/api/v1/agenda-items/", {"meeting": public.pk, "sector": "water"}).json()
    assert [(r["number"], r["sector"]) for r in body["results"]] == [(2, "water")]


def test_a_meeting_the_caller_may_not_see_is_refused_as_a_filter_like_an_unknown_one(meetings):
    _public, hidden = meetings
    for meeting in (hidden.pk, 999999):
        response = api_of().get("/api/v1/attendances/", {"meeting": meeting})
        assert response.status_code == 400 and "meeting" in response.json()


def test_a_part_of_a_hidden_meeting_is_not_found(meetings):
    _public, hidden = meetings
    item = hidden.agenda_items.first()
    assert api_of().get(f"/api/v1/agenda-items/{item.pk}/").status_code == 404


def test_attendance_shows_the_person_as_the_meeting_page_does(meetings):
    public, _hidden = meetings
    row = api_of().get("/api/v1/attendances/", {"meeting": public.pk}).json()["results"][0]
    assert (row["person_name"], row["side"], row["role_en"]) == ("Delegate 21", "KZ", "Head")


def test_a_paragraph_names_only_the_decisions_the_caller_may_see(meetings):
    public, _hidden = meetings
    paragraph = public.protocol.paragraphs.get()
    make_decision("IGC21-09", access_tier="public", meeting=public, paragraph=paragraph)
    make_decision("IGC21-99", access_tier="restricted", meeting=public, paragraph=paragraph)
    body = api_of().get("/api/v1/protocol-paragraphs/", {"meeting": public.pk}).json()
    assert [(r["number"], r["decisions"]) for r in body["results"]] == [("9", ["IGC21-09"])]


def test_a_part_added_corrected_and_removed_moves_the_meeting_version_and_is_logged(meetings):
    public, _hidden = meetings
    api = api_of(make_user("sec", Role.SECRETARIAT, side=make_sides()[0]))
    version = api.get(f"/api/v1/meetings/{public.pk}/").json()["version"]
    added = api.post(f"/api/v1/meetings/{public.pk}/agenda-items/",
                     {"version": version, "number": 4, "title_en": "Water"}, format="json")
    assert added.status_code == 201, added.content
    item = added.json()
    assert (item["meeting"], item["number"], item["version"]) == (public.pk, 4, 1)
    assert Meeting.objects.get(pk=public.pk).version == version + 1
    # The meeting changed: an addition from the copy read before is refused.
    stale = api.post(f"/api/v1/meetings/{public.pk}/agenda-items/",
                     {"version": version, "number": 5}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == version + 1
    corrected = api.patch(f"/api/v1/agenda-items/{item['id']}/",
                          {"version": 1, "title_en": "Water and energy"}, format="json")
    assert corrected.status_code == 200 and corrected.json()["version"] == 2
    assert api.delete(f"/api/v1/agenda-items/{item['id']}/", {}, format="json").status_code == 400
    assert api.delete(f"/api/v1/agenda-items/{item['id']}/", {"version": 1},
                      format="json").status_code == 409
    assert api.delete(f"/api/v1/agenda-items/{item['id']}/", {"version": 2},
                      format="json").status_code == 204
    assert not AgendaItem.objects.filter(pk=item["id"]).exists()
    logged = ChangeLogEntry.objects.order_by("-seq")[:3]
    assert [(e.action, e.channel) for e in logged] == [
        ("delete", "api"), ("update", "api"), ("create", "api")]


def test_a_paragraph_added_through_the_api_opens_the_protocol(meetings):
    kz, uz = make_sides()
    meeting = make_meeting(23, body=make_commission(kz, uz))
    api = api_of(make_user("sec", Role.SECRETARIAT, side=kz))
    response = api.post(f"/api/v1/meetings/{meeting.pk}/paragraphs/",
                        {"version": meeting.version, "number": "1", "text_en": "Ensure."},
                        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["protocol"] == Meeting.objects.get(pk=meeting.pk).protocol.pk


def test_a_paragraph_that_made_a_decision_is_not_removed_and_the_decision_is_not_named(
        meetings, client):
    public, _hidden = meetings
    paragraph = public.protocol.paragraphs.get()
    make_decision("IGC21-99", access_tier="restricted", meeting=public, paragraph=paragraph)
    secretariat = make_user("sec", Role.SECRETARIAT, side=make_sides()[0])
    logged = ChangeLogEntry.objects.count()
    response = api_of(secretariat).delete(f"/api/v1/protocol-paragraphs/{paragraph.pk}/",
                                        {"version": paragraph.version}, format="json")
    assert response.status_code == 400
    assert "IGC21-99" not in response.content.decode()
    assert response.json()["non_field_errors"] == [
        "Other records refer to this one, so it cannot be removed."]
    client.force_login(secretariat)
    page = client.post(f"/meetings/paragraphs/{paragraph.pk}/remove/",
                       {"version": paragraph.version})
    assert page.status_code == 400
    assert ChangeLogEntry.objects.count() == logged and paragraph.decisions.exists()
