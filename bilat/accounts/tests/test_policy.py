"""The access policy on its own: each role × action × own side / other side, on a stand-in record."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, can, require, visible_tiers
from bilat.accounts.tests.factories import make_user
from bilat.core.models import AccessTier
from bilat.directory.tests.factories import make_organisation, make_sides

pytestmark = pytest.mark.django_db


@dataclass
class Item:
    """A record with a responsible organisation per side, as decisions and projects have."""

    access_tier: str
    responsible: dict = field(default_factory=dict)

    def responsible_org_ids(self, side_id):
        if side_id is None:  # on any side
            return set().union(*self.responsible.values())
        return self.responsible.get(side_id, set())


@pytest.fixture
def world():
    kz, uz = make_sides()
    lead_kz = make_organisation(kz, "mti-kz")
    other_kz = make_organisation(kz, "energy-kz")
    lead_uz = make_organisation(uz, "mift-uz")
    users = {
        "anonymous": AnonymousUser(),
        "viewer": make_user("viewer"),
        "officer_lead_kz": make_user("o1", Role.OFFICER, organisation=lead_kz),
        "officer_other_kz": make_user("o2", Role.OFFICER, organisation=other_kz),
        "officer_lead_uz": make_user("o3", Role.OFFICER, organisation=lead_uz),
        "secretariat_kz": make_user("s1", Role.SECRETARIAT, side=kz),
        "secretariat_uz": make_user("s2", Role.SECRETARIAT, side=uz),
        "superuser": make_user("root", superuser=True),
    }
    def item(tier):
        return Item(tier, {kz.pk: {lead_kz.pk}, uz.pk: {lead_uz.pk}})
    return kz, uz, users, item


VIEW = [
    # who, public, official, restricted
    ("anonymous", True, False, False),
    ("viewer", True, True, False),
    ("officer_lead_kz", True, True, True),
    ("officer_other_kz", True, True, False),
    ("officer_lead_uz", True, True, True),
    ("secretariat_kz", True, True, True),
    ("secretariat_uz", True, True, True),
    ("superuser", True, True, True),
]


@pytest.mark.parametrize(("who", "public", "official", "restricted"), VIEW)
def test_who_sees_which_tier(world, who, public, official, restricted):
    _kz, _uz, users, item = world
    user = users[who]
    assert can(user, Action.VIEW, item(AccessTier.PUBLIC)) is public
    assert can(user, Action.VIEW, item(AccessTier.OFFICIAL)) is official
    assert can(user, Action.VIEW, item(AccessTier.RESTRICTED)) is restricted


SIDE_ACTIONS = [
    # who, action, on KZ side, on UZ side
    ("viewer", Action.CHANGE_SIDE, False, False),
    ("officer_lead_kz", Action.CHANGE_SIDE, True, False),
    ("officer_lead_kz", Action.REPORT, True, False),
    ("officer_lead_kz", Action.VERIFY, False, False),
    ("officer_other_kz", Action.REPORT, False, False),
    ("officer_lead_uz", Action.REPORT, False, True),
    ("secretariat_kz", Action.CHANGE_SIDE, True, False),
    ("secretariat_kz", Action.REPORT, True, False),
    ("secretariat_kz", Action.VERIFY, True, False),
    ("secretariat_kz", Action.CONTROL, True, False),
    ("secretariat_uz", Action.VERIFY, False, True),
    ("superuser", Action.VERIFY, True, True),
    ("anonymous", Action.REPORT, False, False),
]


@pytest.mark.parametrize(("who", "action", "on_kz", "on_uz"), SIDE_ACTIONS)
def test_side_actions_are_limited_to_the_own_side(world, who, action, on_kz, on_uz):
    kz, uz, users, item = world
    record = item(AccessTier.OFFICIAL)
    assert can(users[who], action, record, side_id=kz.pk) is on_kz
    assert can(users[who], action, record, side_id=uz.pk) is on_uz


@pytest.mark.parametrize(
    ("who", "add", "change", "delete"),
    [
        ("anonymous", False, False, False),
        ("viewer", False, False, False),
        ("officer_lead_kz", False, False, False),
        ("secretariat_kz", True, True, False),
        ("secretariat_uz", True, True, False),
        ("superuser", True, True, True),
    ],
)
def test_only_secretariats_manage_records(world, who, add, change, delete):
    _kz, _uz, users, item = world
    record = item(AccessTier.OFFICIAL)
    assert can(users[who], Action.ADD) is add
    assert can(users[who], Action.CHANGE, record) is change
    assert can(users[who], Action.DELETE, record) is delete


def test_a_restricted_record_hides_even_its_shared_part_from_others(world):
    _kz, _uz, users, item = world
    assert not can(users["officer_other_kz"], Action.CHANGE, item(AccessTier.RESTRICTED))


def test_require_explains_the_refusal(world):
    kz, uz, users, item = world
    with pytest.raises(PermissionDenied, match="own side"):
        require(users["secretariat_kz"], Action.VERIFY, item(AccessTier.OFFICIAL), side_id=uz.pk)
    with pytest.raises(PermissionDenied, match="Sign in"):
        require(users["anonymous"], Action.REPORT, item(AccessTier.PUBLIC), side_id=kz.pk)
    with pytest.raises(PermissionDenied, match="responsible"):
        require(users["officer_other_kz"], Action.REPORT, item(AccessTier.OFFICIAL), side_id=kz.pk)


def test_the_public_sees_only_the_public_tier(world):
    _kz, _uz, users, _item = world
    assert visible_tiers(users["anonymous"]) == {AccessTier.PUBLIC}


@dataclass
class Submission(Item):
    """A record one user submits for another to verify (a report, a request for more time)."""

    submitter_id: int | None = None


@pytest.mark.parametrize("who", ["secretariat_kz", "superuser"])
@pytest.mark.parametrize("action", [Action.VERIFY, Action.CONTROL])
def test_nobody_verifies_or_decides_what_they_submitted(world, who, action):
    kz, _uz, users, _item = world
    user = users[who]
    own = Submission(AccessTier.OFFICIAL, submitter_id=user.pk)
    other = Submission(AccessTier.OFFICIAL, submitter_id=users["officer_lead_kz"].pk)
    assert not can(user, action, own, side_id=kz.pk)
    assert can(user, action, other, side_id=kz.pk)
    with pytest.raises(PermissionDenied, match="four-eyes"):
        require(user, action, own, side_id=kz.pk)


@pytest.mark.parametrize(("who", "on_kz", "on_uz"), [
    ("officer_lead_kz", False, False),
    ("secretariat_kz", True, False),
    ("secretariat_uz", False, True),
    ("superuser", True, True),
    ("viewer", False, False),
])
def test_only_a_sides_secretariat_names_its_executors(world, who, on_kz, on_uz):
    kz, uz, users, item = world
    record = item(AccessTier.OFFICIAL)
    assert can(users[who], Action.ASSIGN, record, side_id=kz.pk) is on_kz
    assert can(users[who], Action.ASSIGN, record, side_id=uz.pk) is on_uz


def test_the_side_actions_table_of_docs_access_md_says_what_the_policy_does(world):
    """docs/access.md and the policy must agree on who may do each side action."""
    kz, _uz, users, item = world
    text = (Path(__file__).resolve().parents[3] / "docs" / "access.md").read_text()
    rows = re.findall(r"^\| `(\w+)`[^|]*\| (yes|no)\b[^|]*\| (yes|no)\b", text, re.MULTILINE)
    assert {action for action, _s, _o in rows} == {"change_side", "report", "assign", "verify",
                                                   "control"}
    record = item(AccessTier.OFFICIAL)
    for action, secretariat, officer in rows:
        assert can(users["secretariat_kz"], action, record, side_id=kz.pk) is (
            secretariat == "yes"), action
        assert can(users["officer_lead_kz"], action, record, side_id=kz.pk) is (
            officer == "yes"), action
