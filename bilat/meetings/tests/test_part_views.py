"""The forms for a meeting's parts on its detail page: who may post, htmx fragments, the log."""

import pytest
from django.urls import reverse

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.models import ChangeLogEntry
from bilat.directory.models import Person
from bilat.directory.tests.factories import make_organisation, make_sector, make_sides
from bilat.meetings import services
from bilat.meetings.models import AgendaItem, Attendance, Meeting, Protocol, ProtocolParagraph
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _user(role: str):
    kz, _ = make_sides()
    if role == "anonymous":
        return None
    if role == "secretariat":
        return make_user("sec", Role.SECRETARIAT, side=kz)
    if role == "officer":
        return make_user("officer", Role.OFFICER, organisation=make_organisation(kz, "kz-org"))
    return make_user("viewer")


def _person(name: str = "Serik Zhumangarin") -> Person:
    kz, _ = make_sides()
    return Person.objects.create(full_name_en=name, full_name_ru=name, side=kz)


def _post(client, user, name: str, meeting: Meeting, data: dict, **extra):
    if user is not None:
        client.force_login(user)
    return client.post(reverse(f"meetings:{name}", args=[meeting.pk]), data, **extra)


def _agenda_data(number=1, **extra):
    return {"agenda-number": number, "agenda-title_en": "Trade", "agenda-title_ru": "Торговля",
            "agenda-sector": make_sector().pk, **extra}


def _attendance_data(person, **extra):
    kz, _ = make_sides()
    return {"attendance-person": person.pk, "attendance-side": kz.pk,
            "attendance-role_en": "Head of delegation",
            "attendance-role_ru": "Глава делегации", **extra}


def _paragraph_data(number="3.2", **extra):
    return {"paragraph-number": number, "paragraph-text_en": "Ensure the trade target.",
            "paragraph-text_ru": "Обеспечить цель по торговле.", **extra}


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer", 403), ("secretariat", 302),
])
def test_only_the_secretariat_adds_an_agenda_item_and_it_is_logged(client, role, status):
    meeting = make_meeting()
    user = _user(role)
    response = _post(client, user, "agenda_item_add", meeting, _agenda_data())
    assert response.status_code == status
    added = AgendaItem.objects.filter(meeting=meeting).exists()
    assert added == (role == "secretariat")
    if added:
        assert response["Location"].endswith(f"/meetings/{meeting.pk}/#agenda")
        entry = ChangeLogEntry.objects.get(object_type="meetings.agendaitem")
        assert entry.action == "create" and entry.actor == user
    else:
        assert not ChangeLogEntry.objects.exists()


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer", 403), ("secretariat", 302),
])
def test_only_the_secretariat_records_attendance_and_it_is_logged(client, role, status):
    meeting = make_meeting()
    person = _person()
    response = _post(client, _user(role), "attendance_add", meeting, _attendance_data(person))
    assert response.status_code == status
    recorded = Attendance.objects.filter(meeting=meeting, person=person).exists()
    assert recorded == (role == "secretariat")
    assert ChangeLogEntry.objects.filter(object_type="meetings.attendance").exists() == recorded


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 302), ("viewer", 403), ("officer", 403), ("secretariat", 302),
])
def test_only_the_secretariat_adds_a_paragraph_opening_the_protocol_if_needed(client, role,
                                                                              status):
    meeting = make_meeting()
    response = _post(client, _user(role), "paragraph_add", meeting, _paragraph_data())
    assert response.status_code == status
    added = ProtocolParagraph.objects.filter(protocol__meeting=meeting, number="3.2").exists()
    assert added == (role == "secretariat")
    assert Protocol.objects.filter(meeting=meeting).exists() == added
    logged = set(ChangeLogEntry.objects.values_list("object_type", flat=True))
    assert logged == ({"meetings.protocol", "meetings.protocolparagraph"} if added else set())


def test_only_the_secretariat_sees_the_part_forms(client):
    meeting = make_meeting()
    url = reverse("meetings:detail", args=[meeting.pk])
    assert "agenda-number" not in client.get(url).text
    for role in ("viewer", "officer"):
        client.force_login(_user(role))
        assert "agenda-number" not in client.get(url).text
    client.force_login(_user("secretariat"))
    page = client.get(url).text
    assert "agenda-number" in page and "attendance-person" in page
    assert "paragraph-number" in page


@pytest.mark.parametrize(("name", "section"), [
    ("agenda_item_add", "agenda"), ("attendance_add", "attendance"),
    ("paragraph_add", "protocol"),
])
def test_an_htmx_post_returns_the_section_fragment_with_the_history(client, name, section):
    meeting = make_meeting()
    data = {"agenda_item_add": _agenda_data, "paragraph_add": _paragraph_data}.get(
        name, lambda: _attendance_data(_person()))()
    page = _post(client, _user("secretariat"), name, meeting, data, **HTMX)
    assert page.status_code == 200
    assert page.text.lstrip().startswith(f'<section id="{section}">')
    assert "<html" not in page.text and 'hx-swap-oob="true"' in page.text
    assert ChangeLogEntry.objects.exists()


def test_a_duplicate_agenda_number_is_a_field_error_and_writes_nothing(client):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    services.add_agenda_item(meeting, actor=secretariat, number=1, title_en="Trade")
    logged, version = ChangeLogEntry.objects.count(), Meeting.objects.get(pk=meeting.pk).version
    page = _post(client, secretariat, "agenda_item_add", meeting, _agenda_data(1), **HTMX)
    assert page.status_code == 400
    assert "already on this meeting" in str(page.context["agenda_form"].errors["number"])
    assert page.text.lstrip().startswith('<section id="agenda">')
    assert AgendaItem.objects.count() == 1 and ChangeLogEntry.objects.count() == logged
    assert Meeting.objects.get(pk=meeting.pk).version == version


def test_bad_agenda_input_shows_field_errors_and_writes_nothing(client):
    meeting = make_meeting()
    page = _post(client, _user("secretariat"), "agenda_item_add", meeting,
                 _agenda_data("x", **{"agenda-sector": 9999}))
    assert page.status_code == 400 and "<html" in page.text
    assert {"number", "sector"} <= set(page.context["agenda_form"].errors)
    assert not AgendaItem.objects.exists() and not ChangeLogEntry.objects.exists()


def test_attendance_twice_or_incomplete_is_a_field_error_and_writes_nothing(client):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    person = _person()
    kz, _ = make_sides()
    services.record_attendance(meeting, actor=secretariat, person=person, side=kz)
    logged = ChangeLogEntry.objects.count()
    page = _post(client, secretariat, "attendance_add", meeting, _attendance_data(person))
    assert "already recorded" in str(page.context["attendance_form"].errors["person"])
    page = _post(client, secretariat, "attendance_add", meeting,
                 _attendance_data(_person("B"), **{"attendance-side": ""}))
    assert "side" in page.context["attendance_form"].errors
    assert Attendance.objects.count() == 1 and ChangeLogEntry.objects.count() == logged


def test_a_duplicate_or_empty_paragraph_number_is_a_field_error_and_writes_nothing(client):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    services.add_meeting_paragraph(meeting, actor=secretariat, number="3.2", text_en="Ensure.")
    logged = ChangeLogEntry.objects.count()
    page = _post(client, secretariat, "paragraph_add", meeting, _paragraph_data("3.2"))
    assert "already in this protocol" in str(page.context["paragraph_form"].errors["number"])
    page = _post(client, secretariat, "paragraph_add", meeting, _paragraph_data(""))
    assert "number" in page.context["paragraph_form"].errors
    assert ProtocolParagraph.objects.count() == 1 and ChangeLogEntry.objects.count() == logged


def test_a_second_paragraph_goes_into_the_existing_protocol_in_order(client):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    services.add_meeting_paragraph(meeting, actor=secretariat, number="3.1")
    _post(client, secretariat, "paragraph_add", meeting, _paragraph_data("3.2"))
    protocol = Protocol.objects.get(meeting=meeting)
    assert list(protocol.paragraphs.values_list("number", "order")) == [("3.1", 1), ("3.2", 2)]


def test_the_page_history_shows_the_parts_added(client):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    services.add_agenda_item(meeting, actor=secretariat, number=4, title_en="Water")
    client.force_login(secretariat)
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "4. Water" in page.text


def test_the_meeting_page_query_count_stays_flat_as_parts_grow(client,
                                                               django_assert_max_num_queries):
    secretariat = _user("secretariat")
    meeting = make_meeting()
    kz, _ = make_sides()

    def grow(start: int, count: int):
        for n in range(start, start + count):
            services.add_agenda_item(meeting, actor=secretariat, number=n, title_en=f"Item {n}",
                                     sector=make_sector(f"s{n}", f"Sector {n}"))
            services.record_attendance(meeting, actor=secretariat, person=_person(f"P{n}"),
                                       side=kz, role_en="Member")
            services.add_meeting_paragraph(meeting, actor=secretariat, number=f"{n}.1",
                                           text_en="Text")

    grow(1, 2)  # a history longer than the three entries the page describes
    client.force_login(secretariat)
    url = reverse("meetings:detail", args=[meeting.pk])
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    grow(3, 15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Item 17" in client.get(url).text


def _parts(secretariat):
    """A meeting with one agenda item, one attendance and one paragraph, each with its form's
    edit data (prefix edit-<prefix>-<pk>)."""
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, actor=secretariat, number=1, title_en="Trade")
    row = services.record_attendance(meeting, actor=secretariat, person=_person(),
                                     side=make_sides()[0], role_en="Member")
    paragraph = services.add_meeting_paragraph(meeting, actor=secretariat, number="3.2",
                                               text_en="Ensure the trade target.")
    return meeting, {
        "agenda_item": (item, "agenda", {"number": 2, "title_en": "Transit", "title_ru": ""}),
        "attendance": (row, "attendance", {"person": row.person_id, "side": row.side_id,
                                           "role_en": "Head of delegation", "role_ru": ""}),
        "paragraph": (paragraph, "paragraph", {"number": "3.3", "text_en": "Changed.",
                                               "text_ru": ""}),
    }


def _edit_data(part, prefix, values, version=None):
    data = {f"edit-{prefix}-{part.pk}-{k}": v for k, v in values.items()}
    data[f"edit-{prefix}-{part.pk}-version"] = part.version if version is None else version
    return data


@pytest.mark.parametrize("name", ["agenda_item", "attendance", "paragraph"])
def test_the_secretariat_edits_a_part_once_logged_and_a_stale_copy_gets_409(client, name):
    secretariat = _user("secretariat")
    meeting, parts = _parts(secretariat)
    part, prefix, values = parts[name]
    client.force_login(secretariat)
    url = reverse(f"meetings:{name}_edit", args=[part.pk])
    opened = client.get(url, **HTMX)
    assert opened.status_code == 200 and opened.context["editing"] == part
    logged, version = ChangeLogEntry.objects.count(), Meeting.objects.get(pk=meeting.pk).version
    response = client.post(url, _edit_data(part, prefix, values))
    assert response.status_code == 302
    assert ChangeLogEntry.objects.count() == logged + 1
    entry = ChangeLogEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id) == ("update", str(part.pk))
    assert Meeting.objects.get(pk=meeting.pk).version == version + 1
    stale = client.post(url, _edit_data(part, prefix, dict(values, role_en="Other",
                                                               title_en="Other",
                                                               text_en="Other"), version=1))
    assert stale.status_code == 409 and "Someone else saved" in stale.text
    assert ChangeLogEntry.objects.count() == logged + 1


@pytest.mark.parametrize("name", ["agenda_item", "attendance", "paragraph"])
def test_the_secretariat_removes_a_part_unless_it_changed_meanwhile(client, name):
    secretariat = _user("secretariat")
    meeting, parts = _parts(secretariat)
    part, _prefix, _values = parts[name]
    model = type(part)
    client.force_login(secretariat)
    url = reverse(f"meetings:{name}_remove", args=[part.pk])
    assert client.post(url, {"version": part.version + 1}).status_code == 409
    assert client.post(url, {}).status_code == 400
    logged = ChangeLogEntry.objects.count()
    response = client.post(url, {"version": part.version}, **HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert not model.objects.filter(pk=part.pk).exists()
    entry = ChangeLogEntry.objects.order_by("-seq").first()
    assert ChangeLogEntry.objects.count() == logged + 1 and entry.action == "delete"


@pytest.mark.parametrize("role, status", [("viewer", 403), ("officer", 403)])
def test_only_the_secretariat_edits_or_removes_a_part(client, role, status):
    meeting, parts = _parts(_user("secretariat"))
    item = parts["agenda_item"][0]
    client.force_login(_user(role))
    assert client.get(reverse("meetings:agenda_item_edit", args=[item.pk])).status_code == status
    removal = client.post(reverse("meetings:agenda_item_remove", args=[item.pk]),
                          {"version": item.version})
    assert removal.status_code == status and AgendaItem.objects.filter(pk=item.pk).exists()


def test_an_agenda_number_taken_by_another_item_is_refused_on_edit(client):
    secretariat = _user("secretariat")
    meeting, parts = _parts(secretariat)
    item = parts["agenda_item"][0]
    services.add_agenda_item(meeting, actor=secretariat, number=2, title_en="Transit")
    client.force_login(secretariat)
    same = client.post(reverse("meetings:agenda_item_edit", args=[item.pk]),
                       _edit_data(item, "agenda", {"number": 1, "title_en": "Trade!"}))
    assert same.status_code == 302  # its own number is no clash
    taken = client.post(reverse("meetings:agenda_item_edit", args=[item.pk]),
                        _edit_data(AgendaItem.objects.get(pk=item.pk), "agenda",
                                   {"number": 2, "title_en": "Trade"}))
    assert taken.status_code == 400 and "number" in taken.context["edit_form"].errors
