"""Who may register and edit a meeting and its parts, through the service, the page and the API.

A meeting belongs to no side: the secretariats of both sides (and administrators) keep it. A
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
from bilat.meetings.models import Meeting
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

ACTIONS = ("create", "edit", "agenda_item", "attendance", "paragraph")
ALLOWED = {
    **{action: SECRETARIATS for action in ACTIONS},
    **{f"restricted_{action}": SECRETARIATS for action in ACTIONS if action != "create"},
}
OTHERS = set(matrix.ROLES) - SECRETARIATS
HIDDEN = {f"restricted_{action}": OTHERS for action in ACTIONS if action != "create"}
# The parts of a meeting are written from its page only (the API edits the meeting itself).
PAGE_ONLY = (Door.SERVICE, Door.PAGE)
DOORS = {action: PAGE_ONLY for action in ALLOWED
         if action.removeprefix("restricted_") in ("agenda_item", "attendance", "paragraph")}
# A secretariat's bad input (the number of a session already registered) and a stale save.
INPUT = matrix.input_rows(invalid=["create"], stale=["edit"])
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
    if action == "agenda_item":
        sector = make_sector()
        return {
            Door.SERVICE: lambda: services.add_agenda_item(
                meeting, actor=user, number=1, title_en="Trade", sector=sector),
            Door.PAGE: lambda: client.post(reverse("meetings:agenda_item_add", args=[pk]), {
                "agenda-number": 1, "agenda-title_en": "Trade", "agenda-title_ru": "Торговля",
                "agenda-sector": sector.pk}),
        }, {Door.PAGE: 302}
    if action == "attendance":
        person = Person.objects.create(full_name_en="Serik", full_name_ru="Серик", side=cast.kz)
        return {
            Door.SERVICE: lambda: services.record_attendance(
                meeting, actor=user, person=person, side=cast.kz, role_en="Head"),
            Door.PAGE: lambda: client.post(reverse("meetings:attendance_add", args=[pk]), {
                "attendance-person": person.pk, "attendance-side": cast.kz.pk,
                "attendance-role_en": "Head", "attendance-role_ru": "Глава"}),
        }, {Door.PAGE: 302}
    if action == "paragraph":
        return {
            Door.SERVICE: lambda: services.add_meeting_paragraph(
                meeting, actor=user, number="3.2", text_en="Ensure."),
            Door.PAGE: lambda: client.post(reverse("meetings:paragraph_add", args=[pk]), {
                "paragraph-number": "3.2", "paragraph-text_en": "Ensure.",
                "paragraph-text_ru": "Обеспечить."}),
        }, {Door.PAGE: 302}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_a_meeting_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    doors, ok = _doors(cast, row)
    matrix.run(row, door, doors, ok=ok)
