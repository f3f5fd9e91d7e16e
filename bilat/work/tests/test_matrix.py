"""Who takes part in the conversation on a decision, through the service and the page alike.

Both secretariats and the organisations answering for the decision on either side write on each
side's thread; viewers and officers answering for nothing do not, and a restricted decision is
not even found by them.
"""

import pytest
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import Door
from bilat.decisions.tests.factories import make_decision, side_of
from bilat.work import services

pytestmark = pytest.mark.django_db

PARTIES = {"officer_kz_lead", "officer_uz", "secretariat_kz", "secretariat_uz", "superuser"}
UNSEEN = {"anonymous", "viewer", "officer_kz_other"}
ALLOWED = {**{("comment", side): PARTIES for side in ("KZ", "UZ")},
           ("restricted_comment", "KZ"): PARTIES}
HIDDEN = {("restricted_comment", "KZ"): UNSEEN}
CASES = matrix.cases(matrix.table(ALLOWED, hidden=HIDDEN),
                     {action: (Door.SERVICE, Door.PAGE) for action, _side in ALLOWED})


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_the_conversation_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    tier = "restricted" if row.action.startswith("restricted_") else "official"
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier=tier)
    part = side_of(decision, row.side)
    doors = {
        Door.SERVICE: lambda: services.add_comment(part, actor=cast.user(row.role),
                                                   text="When is the act signed?"),
        Door.PAGE: lambda: cast.client(row.role).post(
            reverse("work:comment_add", args=[decision.pk, row.side]),
            {"text": "When is the act signed?"}),
    }
    matrix.run(row, door, doors, ok={Door.PAGE: 302})
