"""Who reads the change log, verifies its chain, sees a profile and lifts a sign-in lockout.

The whole log holds every record's values, restricted ones included: only those who see every
tier (the secretariats and administrators) read it; anyone signed in verifies the chain; only an
administrator lifts a lockout.
"""

import pytest
from django.urls import reverse

from bilat.accounts.models import FailedSignIn
from bilat.accounts.services import lift_lockout
from bilat.core.changelog import record_change
from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, SIGNED_IN, Door

pytestmark = pytest.mark.django_db

ALLOWED = {
    "read_log": SECRETARIATS,
    "verify_chain": SIGNED_IN,
    "profile": SIGNED_IN,
    "lift_lockout": {"superuser"},
}
READS = ("read_log", "verify_chain", "profile")
DOORS = {"read_log": (Door.PAGE, Door.API), "verify_chain": (Door.PAGE, Door.API),
         "profile": (Door.PAGE,), "lift_lockout": (Door.SERVICE,)}
CASES = matrix.cases(matrix.table(ALLOWED), DOORS)


def _doors(cast, row):
    client, api = cast.client(row.role), cast.api(row.role)
    if row.action == "read_log":
        record_change(cast.kz, action="note", actor=None, before=None, message="a write to list")
        return {Door.PAGE: lambda: client.get(reverse("core:changelog")),
                Door.API: lambda: api.get("/api/v1/changes/")}, {Door.PAGE: 200, Door.API: 200}
    if row.action == "verify_chain":
        return {Door.PAGE: lambda: client.get(reverse("core:changelog_verify")),
                Door.API: lambda: api.get("/api/v1/changes/verify/")}, {
            Door.PAGE: 200, Door.API: 200}
    if row.action == "profile":
        return {Door.PAGE: lambda: client.get(reverse("accounts:me"))}, {Door.PAGE: 200}
    if row.action == "lift_lockout":
        FailedSignIn.objects.create(username="secretariat_kz", ip_address="10.0.0.1",
                                    failures_since_start=5, user_agent="test", path_info="/",
                                    get_data="", post_data="", http_accept="*/*")
        return {Door.SERVICE: lambda: lift_lockout(actor=cast.user(row.role),
                                                   username="secretariat_kz")}, {}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_the_log_and_the_accounts_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    doors, ok = _doors(cast, row)
    result = matrix.run(row, door, doors, ok=ok, writes=row.action not in READS)
    if row.allowed and row.action == "verify_chain" and door == Door.API:
        assert result.json()["ok"] is True
    if row.action == "lift_lockout":
        assert FailedSignIn.objects.exists() is not row.allowed
