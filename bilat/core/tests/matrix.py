"""The permission matrix: who may do what, declared once per app and run through every door.

An app's tests declare a table: for each action (and side, where the action is one side's), the
roles allowed to do it and, optionally, the roles that do not even see the record. ``table``
turns it into one ``Row`` per role × action × side with the expected ``Outcome``; the test
parametrizes over the rows and runs each through a door with ``check``, which asserts the exact
answer of that door and that the change log moved exactly when the action was allowed:

==========  ==================  ===========================  ================================
outcome     service             page                         API
==========  ==================  ===========================  ================================
done        returns             the action's code (302...)   the action's code (200 or 201)
refused     PermissionDenied    403; anonymous: 302 to       403 (anonymous too: the session
                                the sign-in page             comes first, and asks no header)
hidden      PermissionDenied    404; anonymous: 302 to       404; anonymous: 403
                                the sign-in page
invalid     ValidationError     400                          400
stale       StaleVersionError   409                          409
==========  ==================  ===========================  ================================

The last two are rows of a role allowed to act whose input is refused (``input_rows``): bad
input, or a save made from a version of the record someone else has saved since.

A spreadsheet import (``Door.IMPORT``, for the actions that have one) applies an allowed row; it
refuses any other with an error of that row, or as a whole (PermissionDenied) a role that may not
import the sheet at all, writing nothing.

A test reads::

    ROWS = matrix.table({("report", "KZ"): {"officer_kz_lead", "secretariat_kz", "superuser"}})

    @pytest.mark.parametrize(("row", "door"), matrix.cases(ROWS))
    def test_who_may_report(row, door):
        cast = matrix.make_cast()
        ...
        matrix.run(row, door, {Door.SERVICE: ..., Door.PAGE: ..., Door.API: ...},
                   ok={Door.PAGE: 302, Door.API: 201})

The cast (``make_cast``) is one user per role, with two sides and three organisations: records
the tests build are answered for by ``kz_lead`` on the Kazakh side and ``uz_lead`` on the Uzbek
one, so the officers of those organisations are "responsible" and ``officer_kz_other`` is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.models import ChangeLogEntry
from bilat.core.services import StaleVersionError
from bilat.core.sheets import get_sheet, read_table, run_import
from bilat.directory.tests.factories import make_organisation, make_sides

# Every role the policy knows, as the cast names them (see accounts/policy.py).
ROLES = ("anonymous", "viewer", "officer_kz_lead", "officer_kz_other", "officer_uz",
         "secretariat_kz", "secretariat_uz", "superuser")
SECRETARIATS = frozenset({"secretariat_kz", "secretariat_uz", "superuser"})
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
EVERYONE = frozenset(ROLES)


class Outcome(StrEnum):
    DONE = "done"  # the action is allowed and happens
    REFUSED = "refused"  # the record is seen, the action is refused
    HIDDEN = "hidden"  # the record is not even seen
    # Allowed, but the input is wrong: it is refused and nothing is written.
    INVALID = "invalid"  # bad input: ValidationError, 400
    STALE = "stale"  # saved from an old version of the record: StaleVersionError, 409


# What the service raises for a row that is not done, by outcome.
RAISES = {Outcome.REFUSED: PermissionDenied, Outcome.HIDDEN: PermissionDenied,
          Outcome.INVALID: ValidationError, Outcome.STALE: StaleVersionError}


class Door(StrEnum):
    SERVICE = "service"
    PAGE = "page"
    API = "api"
    IMPORT = "import"  # a spreadsheet row (``run_import``): applied, or refused by its row


# The doors an action has unless its table says otherwise (``cases``).
DOORS = (Door.SERVICE, Door.PAGE, Door.API)


@dataclass(frozen=True)
class Row:
    """One line of a matrix: what ``role`` gets when it does ``action`` (for ``side``)."""

    role: str
    action: str
    side: str | None
    outcome: Outcome

    def __str__(self) -> str:
        side = f"-{self.side}" if self.side else ""
        return f"{self.role}-{self.action}{side}-{self.outcome}"

    @property
    def allowed(self) -> bool:
        return self.outcome == Outcome.DONE


Key = str | tuple[str, str | None]


def table(allowed: Mapping[Key, Iterable[str]], *,
          hidden: Mapping[Key, Iterable[str]] | None = None,
          roles: Iterable[str] = ROLES) -> list[Row]:
    """The rows of a matrix: ``allowed`` maps an action (or an (action, side) pair) to the roles
    that may do it; ``hidden`` to the roles that do not see the record at all (refused with a
    404); every other role is refused (403)."""
    hidden = hidden or {}
    assert set(hidden) <= set(allowed), f"hidden but not in the table: {set(hidden) - set(allowed)}"
    rows = []
    for key, who in allowed.items():
        action, side = key if isinstance(key, tuple) else (key, None)
        who, unseen = set(who), set(hidden.get(key, ()))
        assert not who & unseen, f"{key}: allowed and hidden: {who & unseen}"
        assert who | unseen <= set(ROLES), f"{key}: unknown roles {(who | unseen) - set(ROLES)}"
        for role in roles:
            outcome = (Outcome.DONE if role in who else
                       Outcome.HIDDEN if role in unseen else Outcome.REFUSED)
            rows.append(Row(role, action, side, outcome))
    return rows


def input_rows(*, invalid: Iterable[Key] = (), stale: Iterable[Key] = (),
               role: str = "secretariat_kz") -> list[Row]:
    """Rows of an allowed ``role`` whose input is refused: bad input for the ``invalid``
    actions, a save from an old version for the ``stale`` ones."""
    rows = []
    for keys, outcome in ((invalid, Outcome.INVALID), (stale, Outcome.STALE)):
        for key in keys:
            action, side = key if isinstance(key, tuple) else (key, None)
            rows.append(Row(role, action, side, outcome))
    return rows


# --- the cast ----------------------------------------------------------------------------------


@dataclass
class Cast:
    """Two sides, the organisations answering on each, and one user per role."""

    kz: Any
    uz: Any
    kz_lead: Any  # answers for the records on the Kazakh side
    kz_other: Any  # a Kazakh organisation answering for nothing
    uz_lead: Any  # answers for the records on the Uzbek side
    users: dict

    def user(self, role: str):
        """The user of ``role`` (the anonymous user for "anonymous")."""
        return self.users[role] or AnonymousUser()

    def client(self, role: str) -> Client:
        """A page client signed in as ``role``."""
        client = Client()
        if self.users[role] is not None:
            client.force_login(self.users[role])
        return client

    def api(self, role: str) -> APIClient:
        """An API client authenticated as ``role``."""
        api = APIClient()
        if self.users[role] is not None:
            api.force_authenticate(self.users[role])
        return api

    def side(self, code: str):
        return {"KZ": self.kz, "UZ": self.uz}[code.upper()]


def make_cast() -> Cast:
    """The users of every role, and the organisations they work for."""
    kz, uz = make_sides()
    kz_lead = make_organisation(kz, "kz-trade-ministry")
    kz_other = make_organisation(kz, "kz-energy-ministry")
    uz_lead = make_organisation(uz, "uz-investment-ministry")
    users = {
        "anonymous": None,
        "viewer": make_user("viewer"),
        "officer_kz_lead": make_user("officer_kz_lead", Role.OFFICER, organisation=kz_lead),
        "officer_kz_other": make_user("officer_kz_other", Role.OFFICER, organisation=kz_other),
        "officer_uz": make_user("officer_uz", Role.OFFICER, organisation=uz_lead),
        "secretariat_kz": make_user("secretariat_kz", Role.SECRETARIAT, side=kz),
        "secretariat_uz": make_user("secretariat_uz", Role.SECRETARIAT, side=uz),
        "superuser": make_user("root", superuser=True),
        # Submits what the others verify (the four-eyes rule keeps one from verifying one's own).
        "clerk": make_user("clerk", superuser=True),
    }
    return Cast(kz, uz, kz_lead, kz_other, uz_lead, users)


# --- running a row through a door ----------------------------------------------------------------


def import_row(sheet: str, user, values: Mapping[str, Any]):
    """Import one CSV row of ``values`` (column → cell) into ``sheet`` as ``user``: the plan."""
    text = ",".join(values) + "\r\n" + ",".join(str(v) for v in values.values()) + "\r\n"
    return run_import(get_sheet(sheet), read_table(text.encode(), "csv"), user=user,
                      dry_run=False)


def expected_status(row: Row, door: Door, *, ok: int) -> int:
    """The exact status code ``door`` answers for ``row`` (``ok``: its code when allowed)."""
    if row.allowed:
        return ok
    if row.outcome == Outcome.INVALID:
        return 400
    if row.outcome == Outcome.STALE:
        return 409
    if row.role == "anonymous":
        # Nobody signed in is asked to sign in before any record is looked up.
        return 302 if door == Door.PAGE else 403
    return 404 if row.outcome == Outcome.HIDDEN else 403


def check(row: Row, door: Door, act: Callable[[], Any], *, ok: int | None = None,
          writes: bool = True) -> Any:
    """Do ``act`` (a service call, a page or API request) and assert the door answered as the
    row says: ``ok`` is the page's or API's status code when the action is allowed; ``writes``
    whether the allowed action is a write, which leaves change-log entries from that door, or a
    read, which leaves none (nor does a refused action).
    Returns what ``act`` returned (None when a service refused)."""
    door = Door(door)
    last = ChangeLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    result = None
    if door == Door.SERVICE:
        if row.allowed:
            result = act()
        else:
            with pytest.raises(RAISES[row.outcome]):
                act()
    elif door == Door.IMPORT:
        try:
            result = act()
        except PermissionDenied:  # the role may not import this sheet at all
            assert row.outcome in (Outcome.REFUSED, Outcome.HIDDEN), (str(row), door, "refused")
        else:  # a plan: a row the role may not write is an error of that row
            assert result.applied is row.allowed, (str(row), door, result.errors)
            if row.allowed:
                assert result.ok, (str(row), door, result.errors)
    else:
        assert ok is not None, "say which status code the door answers when it is allowed"
        result = act()
        status = expected_status(row, door, ok=ok)
        assert result.status_code == status, (str(row), door, result.status_code,
                                              result.content[:800])
        if status == 302 and not row.allowed:
            assert result["Location"].startswith(reverse("accounts:login")), result["Location"]
    new = ChangeLogEntry.objects.filter(seq__gt=last)
    if row.allowed and writes:
        channels = set(new.values_list("channel", flat=True))
        assert channels, (str(row), door, "allowed but nothing was logged")
        if door != Door.SERVICE:
            assert channels == {str(door)}, (str(row), door, channels)
    else:  # refused, or a read: the log does not move
        assert not new.exists(), (str(row), door, "written", list(new.values_list(
            "action", flat=True)))
    return result


def run(row: Row, door: Door, doors: Mapping[Door, Callable[[], Any]], *,
        ok: Mapping[Door, int] | None = None, writes: bool = True) -> Any:
    """``check`` with the request for each door given by ``doors`` (door → callable) and the
    success code of each by ``ok`` (door → status code)."""
    door = Door(door)
    return check(row, door, doors[door], ok=(ok or {}).get(door), writes=writes)


def cases(rows: Iterable[Row], doors: Mapping[Any, Iterable[Door]] | None = None) -> list:
    """``pytest.param(row, door)`` for every row and every door its action has, for
    ``parametrize("row, door", ...)``. ``doors`` maps an action, or an (action, outcome) pair,
    to its doors; an action not named has the service, the page and the API."""
    doors = doors or {}
    return [pytest.param(row, Door(door), id=f"{row}-{door}") for row in rows
            for door in doors.get((row.action, row.outcome), doors.get(row.action, DOORS))]
