"""Meetings: services, pages and API, with the policy, the log, stale saves and query counts."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.models import ChangeLogEntry
from bilat.directory.models import Person
from bilat.directory.tests.factories import make_commission, make_sector, make_sides
from bilat.meetings import services
from bilat.meetings.models import Meeting
from bilat.meetings.tests.factories import make_meeting, make_paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    kz, _ = make_sides()
    return make_user("sec", Role.SECRETARIAT, side=kz)


def test_a_secretariat_creates_a_meeting_with_co_chairs_and_it_is_logged(secretariat):
    kz, uz = make_sides()
    chair = Person.objects.create(full_name_en="Olzhas Bektenov", full_name_ru="Олжас Бектенов",
                                  side=kz)
    meeting = services.create_meeting(
        Meeting(body=make_commission(kz, uz), number=21, held_on=datetime.date(2024, 7, 12),
                city="Almaty"), actor=secretariat, co_chairs=[chair])
    assert list(meeting.co_chairs.all()) == [chair]
    entry = ChangeLogEntry.objects.get()
    assert entry.action == "create" and entry.after["co_chairs"] == [chair.pk]


def test_parts_of_a_meeting_are_added_through_services(secretariat):
    meeting = make_meeting()
    version = meeting.version
    kz, _ = make_sides()
    person = Person.objects.create(full_name_en="A", full_name_ru="А", side=kz)
    services.add_agenda_item(meeting, actor=secretariat, number=1, title_en="Trade",
                             sector=make_sector())
    services.record_attendance(meeting, actor=secretariat, person=person, side=kz,
                               role_en="Head of delegation")
    protocol = services.save_protocol(meeting, {"title_en": "Protocol"}, actor=secretariat)
    services.add_protocol_paragraph(protocol, actor=secretariat, number="3.2", text_en="Ensure.")
    assert ChangeLogEntry.objects.count() == 4
    assert Meeting.objects.get(pk=meeting.pk).version == version + 4


def test_the_meeting_pages_list_filter_and_show_the_protocol(client, secretariat):
    meeting = make_meeting(provenance="illustrative")
    paragraph = make_paragraph(meeting)
    from bilat.decisions.tests.factories import make_decision

    make_decision("IGC21-3.2", meeting=meeting, paragraph=paragraph, access_tier="public")
    client.force_login(secretariat)
    listed = client.get(reverse("meetings:list") + "?year=2024")
    assert reverse("meetings:detail", args=[meeting.pk]) in listed.text
    assert "illustrative" in listed.text
    assert reverse("meetings:detail", args=[meeting.pk]) not in client.get(
        reverse("meetings:list") + "?year=2020").text
    detail = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "IGC21-3.2" in detail.text and "3.2" in detail.text


def test_a_stale_meeting_edit_is_refused_on_the_page_and_the_api(client, secretariat):
    meeting = make_meeting()
    client.force_login(secretariat)
    url = reverse("meetings:edit", args=[meeting.pk])
    data = {"body": meeting.body_id, "number": 21, "held_on": "2024-07-12", "city": "Almaty",
            "access_tier": "public", "provenance": "sourced", "version": 1}
    assert client.post(url, {**data, "city": "Astana"}).status_code == 302
    response = client.post(url, {**data, "city": "Tashkent"})
    assert response.status_code == 409 and "Someone else saved" in response.text
    api = APIClient()
    api.force_authenticate(secretariat)
    assert api.patch(f"/api/v1/meetings/{meeting.pk}/", {"city": "X", "version": 1},
                     format="json").status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).city == "Astana"


def test_a_duplicate_number_is_a_field_error_and_writes_nothing(client, secretariat):
    meeting = make_meeting()
    client.force_login(secretariat)
    logged = ChangeLogEntry.objects.count()
    response = client.post(reverse("meetings:create"), {
        "body": meeting.body_id, "number": 21, "held_on": "2024-07-12",
        "access_tier": "public", "provenance": "sourced"})
    assert response.status_code == 400 and "errors" in response.text
    api = APIClient()
    api.force_authenticate(secretariat)
    bad = api.post("/api/v1/meetings/", {"number": "x"}, format="json")
    assert bad.status_code == 400 and {"number", "body", "held_on"} <= set(bad.json())
    assert ChangeLogEntry.objects.count() == logged


def test_the_meeting_list_and_api_query_counts_do_not_grow(client, django_assert_max_num_queries,
                                                           secretariat):
    kz, _ = make_sides()
    people = [Person.objects.create(full_name_en=f"P{i}", full_name_ru="П", side=kz)
              for i in range(2)]
    make_meeting(1).co_chairs.set(people)
    client.force_login(secretariat)
    api = APIClient()
    api.force_authenticate(secretariat)
    with django_assert_max_num_queries(20) as page_small:
        client.get(reverse("meetings:list"))
    with django_assert_max_num_queries(20) as api_small:
        api.get("/api/v1/meetings/")
    for n in range(2, 22):
        make_meeting(n, datetime.date(2000 + n, 1, 1)).co_chairs.set(people)
    with django_assert_max_num_queries(len(page_small.captured_queries)):
        client.get(reverse("meetings:list"))
    with django_assert_max_num_queries(len(api_small.captured_queries)):
        assert api.get("/api/v1/meetings/").json()["count"] == 21


def test_the_previous_session_is_linked_from_the_detail_page(client):
    older = make_meeting(20, datetime.date(2023, 6, 1))
    newer = make_meeting(21)
    page = client.get(reverse("meetings:detail", args=[newer.pk]))
    assert older.get_absolute_url() in page.text


def test_the_detail_page_leads_to_the_session_decisions_and_their_implementation(client):
    meeting = make_meeting(21)
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert f'{reverse("decisions:list")}?meeting={meeting.pk}' in page.text
    assert reverse("decisions:implementation", args=[meeting.pk]) in page.text


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "Almaty"), ("ru", "Алматы"),
    # Kazakh and Uzbek readers read the Russian name, and are told so.
    ("kk", "Алматы"), ("uz", "Алматы"),
])
def test_the_place_of_signing_is_read_in_the_readers_language(client, secretariat, lang, shown):
    meeting = make_meeting()
    services.save_protocol(meeting, {"title_en": "Protocol", "title_ru": "Протокол",
                                     "signed_on": datetime.date(2024, 7, 12),
                                     "signed_place_en": "Almaty", "signed_place_ru": "Алматы"},
                           actor=secretariat)
    client.force_login(secretariat)
    client.cookies["django_language"] = lang
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    protocol_line = next(line for line in page.splitlines()
                         if line.startswith(("<p>Protocol", "<p>Протокол")))
    assert f", {shown}" in protocol_line
    assert ("Almaty" in protocol_line) == (lang == "en")
    assert ('class="lang-note" lang="ru"' in protocol_line) == (lang in ("kk", "uz"))
