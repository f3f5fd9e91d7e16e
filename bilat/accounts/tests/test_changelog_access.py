"""Who reads the whole change log: it holds every record's values, restricted ones included."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.changelog import record_change
from bilat.directory.tests.factories import make_organisation, make_sides

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    kz, _ = make_sides()
    record_change(kz, action="note", actor=None, before=None, message="a write to list")
    ministry = make_organisation(kz, "kz-ministry")
    return {
        "viewer": (make_user("viewer"), 403),
        "officer": (make_user("officer", Role.OFFICER, side=kz, organisation=ministry), 403),
        "secretariat": (make_user("secretariat", Role.SECRETARIAT, side=kz), 200),
        "superuser": (make_user("root", superuser=True), 200),
    }


@pytest.mark.parametrize("who", ["viewer", "officer", "secretariat", "superuser"])
def test_only_those_who_see_every_tier_read_the_whole_log(client, users, who):
    user, expected = users[who]
    client.force_login(user)
    assert client.get(reverse("core:changelog")).status_code == expected
    api = APIClient()
    api.force_authenticate(user)
    assert api.get("/api/v1/changes/").status_code == expected


@pytest.mark.parametrize("who", ["viewer", "officer"])
def test_anyone_signed_in_still_verifies_the_chain(client, users, who):
    user, _ = users[who]
    client.force_login(user)
    assert client.get(reverse("core:changelog_verify")).status_code == 200
    api = APIClient()
    api.force_authenticate(user)
    assert api.get("/api/v1/changes/verify/").json()["ok"] is True
