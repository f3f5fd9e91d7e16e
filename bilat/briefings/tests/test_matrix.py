"""Who may freeze a meeting's figures and read a briefing pack, through the service and the page.

Every signed-in user who sees a meeting may ask for its briefing pack, which freezes its figures
in that user's name (a POST); a snapshot is read by those who see its tier (official, or
restricted when its meeting is). Freezing figures for no meeting is the secretariats'.
"""

import datetime

import pytest
from django.urls import reverse

from bilat.briefings import services
from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, SIGNED_IN, Door
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

OTHERS = set(matrix.ROLES) - SECRETARIATS
ALLOWED = {
    "brief": SIGNED_IN,
    "restricted_brief": SECRETARIATS,
    "freeze": SECRETARIATS,
    "read_pack": SIGNED_IN,
    "read_snapshot": SIGNED_IN,
    "restricted_read_pack": SECRETARIATS,
    "restricted_read_snapshot": SECRETARIATS,
}
# A restricted meeting is not found (404) by those who may not see it. A snapshot they may not
# read answers 403, not 404, as bilat/accounts/tests/test_related_references.py expects: its
# pages look the snapshot up first and ask the policy after (the rows below say "refused").
HIDDEN = {"restricted_brief": OTHERS - {"anonymous"}}
READS = ("read_pack", "read_snapshot", "restricted_read_pack", "restricted_read_snapshot")
DOORS = {"brief": (Door.SERVICE, Door.PAGE), "restricted_brief": (Door.SERVICE, Door.PAGE),
         "freeze": (Door.SERVICE,), **{action: (Door.PAGE,) for action in READS}}
CASES = matrix.cases(matrix.table(ALLOWED, hidden=HIDDEN), DOORS)


def _doors(cast, row):
    user, client = cast.user(row.role), cast.client(row.role)
    tier = "restricted" if row.action.startswith("restricted_") else "public"
    action = row.action.removeprefix("restricted_")
    meeting = make_meeting(access_tier=tier)
    if action == "brief":
        return {
            Door.SERVICE: lambda: services.snapshot_for(meeting, actor=user),
            Door.PAGE: lambda: client.post(reverse("briefings:download", args=[meeting.pk]),
                                           {"lang": "en", "format": "md"}),
        }, {Door.PAGE: 303}
    if action == "freeze":
        return {Door.SERVICE: lambda: services.freeze_snapshot(
            as_of=datetime.date(2024, 7, 12), actor=user)}, {}
    snapshot = services.snapshot_for(meeting, actor=None)
    if action == "read_pack":
        url = reverse("briefings:snapshot_download", args=[snapshot.pk])
        return {Door.PAGE: lambda: client.get(url, {"lang": "en", "format": "md"})}, {
            Door.PAGE: 200}
    if action == "read_snapshot":
        url = reverse("briefings:snapshot_detail", args=[snapshot.pk])
        return {Door.PAGE: lambda: client.get(url)}, {Door.PAGE: 200}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_a_briefing_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    doors, ok = _doors(cast, row)
    matrix.run(row, door, doors, ok=ok, writes=row.action not in READS)
