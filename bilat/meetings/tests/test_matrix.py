"""Who may register and edit a meeting and its parts, through the service, the page and the API.

A meeting belongs to no side: the secretariats of both sides (and administrators) keep it, and
its parts (agenda items, attendance, protocol paragraphs): added, corrected and removed alike. A
restricted meeting has no organisation answering for it, so only they see it at all.
"""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, Door, Outcome
from bilat.directory.models import Person
from bilat.directory.tests.factories import make_commission, make_sector
from bilat.meetings import services
from bilat.meetings.models import AgendaItem, Meeting
from bilat.meetings.tests.factories import make_meeting, make_paragraph

pytestmark = pytest.mark.django_db

ACTIONS = ("create", "edit", "agenda_item", "attendance", "paragraph", "agenda_item_edit",
           "paragraph_remove")
ALLOWED = {
    **{action: SECRETARIATS for action in ACTIONS},
    **{f"restricted_{action}": SECRETARIATS for action in ACTIONS if action != "create"},
}
OTHERS = set(matrix.ROLES) - SECRETARIATS
HIDDEN = {f"restricted_{action}": OTHERS for action in ACTIONS if action != "create"}
# A secretariat's bad input (the number of a session already registered, an agenda number
# already taken) and a save from a stale copy (of the meeting, or of the part).
INPUT = matrix.input_rows(invalid=["create", "agenda_item"],
                          stale=["edit", "agenda_item", "agenda_item_edit", "paragraph_remove"])
# An addition sends the meeting's version through the API only (the page adds without one).
DOORS = {("agenda_item", Outcome.STALE): (Door.API,)}
CASES = matrix.cases(matrix.table(ALLOWED, hidden=HIDDEN) + INPUT, DOORS)


def _doors(cast, row):
    user, client, api = cast.user(row.role), cast.client(row.role), cast.api(row.role)
    tier = "restricted" if row.action.startswith("restricted_") else "public"
    action = row.action.removeprefix("restricted_")
    meeting = make_meeting(access_tier=tier)
    pk = meeting.pk
    if row.outcome == Outcome.STALE:  # someone else saved the meeting since it was read
        Meeting.objects.filter(pk=pk).update(version=F("version") + 1)
    if action == "create":
        body = make_commission(cast.kz, cast.uz)
        number = meeting.number if row.outcome == Outcome.INVALID else 22
        return {
            Door.SERVICE: lambda: services.create_meeting(
                Meeting(body=body, number=number, held_on=datetime.date(2025, 6, 1)),
                actor=user),
            Door.PAGE: lambda: client.post(reverse("meetings:create"), {
                "body": body.pk, "number": number, "held_on": "2025-06-01", "city": "Tashkent",
                "access_tier": "public", "provenance": "sourced"}),
            Door.API: lambda: api.post("/api/v1/meetings/", {
                "body": body.pk, "number": number, "held_on": "2025-06-01"}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "edit":
        return {
            Door.SERVICE: lambda: services.update_meeting(
                meeting, {"city": "Astana"}, actor=user, expected_version=meeting.version),
            Door.PAGE: lambda: client.post(reverse("meetings:edit", args=[pk]), {
                "body": meeting.body_id, "number": meeting.number, "held_on": "2024-07-12",
                "city": "Astana", "access_tier": tier, "provenance": "sourced",
                "version": meeting.version}),
            Door.API: lambda: api.patch(f"/api/v1/meetings/{pk}/", {
                "city": "Astana", "version": meeting.version}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    # The meeting's version as the client read it (before someone else's save, for STALE).
    read = meeting.version
    if action == "agenda_item":
        sector = make_sector()
        number = 1
        if row.outcome == Outcome.INVALID:  # the number of an item already on the agenda
            AgendaItem.objects.create(meeting=meeting, number=1, title_en="Trade")
        return {
            Door.SERVICE: lambda: services.add_agenda_item(
                meeting, actor=user, number=number, title_en="Trade", sector=sector),
            Door.PAGE: lambda: client.post(reverse("meetings:agenda_item_add", args=[pk]), {
                "agenda-number": number, "agenda-title_en": "Trade", "agenda-title_ru": "Торговля",
                "agenda-sector": sector.pk}),
            Door.API: lambda: api.post(f"/api/v1/meetings/{pk}/agenda-items/", {
                "version": read, "number": number, "title_en": "Trade",
                "sector": sector.code}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "attendance":
        person = Person.objects.create(full_name_en="Serik", full_name_ru="Серик", side=cast.kz)
        return {
            Door.SERVICE: lambda: services.record_attendance(
                meeting, actor=user, person=person, side=cast.kz, role_en="Head"),
            Door.PAGE: lambda: client.post(reverse("meetings:attendance_add", args=[pk]), {
                "attendance-person": person.pk, "attendance-side": cast.kz.pk,
                "attendance-role_en": "Head", "attendance-role_ru": "Глава"}),
            Door.API: lambda: api.post(f"/api/v1/meetings/{pk}/attendances/", {
                "version": read, "person": person.pk, "side": "KZ", "role_en": "Head"},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "paragraph":
        return {
            Door.SERVICE: lambda: services.add_meeting_paragraph(
                meeting, actor=user, number="3.2", text_en="Ensure."),
            Door.PAGE: lambda: client.post(reverse("meetings:paragraph_add", args=[pk]), {
                "paragraph-number": "3.2", "paragraph-text_en": "Ensure.",
                "paragraph-text_ru": "Обеспечить."}),
            Door.API: lambda: api.post(f"/api/v1/meetings/{pk}/paragraphs/", {
                "version": read, "number": "3.2", "text_en": "Ensure."}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "agenda_item_edit":
        item = AgendaItem.objects.create(meeting=meeting, number=1, title_en="Trade")
        seen = item.version
        if row.outcome == Outcome.STALE:  # someone else corrected the item since
            AgendaItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
        prefix = f"edit-agenda-{item.pk}"
        return {
            Door.SERVICE: lambda: services.update_meeting_part(
                item, {"title_en": "Trade and industry"}, actor=user, expected_version=seen),
            Door.PAGE: lambda: client.post(reverse("meetings:agenda_item_edit", args=[item.pk]), {
                f"{prefix}-number": 1, f"{prefix}-title_en": "Trade and industry",
                f"{prefix}-version": seen}),
            Door.API: lambda: api.patch(f"/api/v1/agenda-items/{item.pk}/", {
                "version": seen, "title_en": "Trade and industry"}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "paragraph_remove":
        paragraph = make_paragraph(meeting, "3.3")
        paragraph.protocol.access_tier = tier
        paragraph.protocol.save()
        seen = paragraph.version
        if row.outcome == Outcome.STALE:
            type(paragraph).objects.filter(pk=paragraph.pk).update(version=F("version") + 1)
        return {
            Door.SERVICE: lambda: services.remove_meeting_part(
                paragraph, actor=user, expected_version=seen),
            Door.PAGE: lambda: client.post(
                reverse("meetings:paragraph_remove", args=[paragraph.pk]), {"version": seen}),
            Door.API: lambda: api.delete(f"/api/v1/protocol-paragraphs/{paragraph.pk}/",
                                         {"version": seen}, format="json"),
        }, {Door.PAGE: 302, Door.API: 204}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_a_meeting_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    doors, ok = _doors(cast, row)
    matrix.run(row, door, doors, ok=ok)
