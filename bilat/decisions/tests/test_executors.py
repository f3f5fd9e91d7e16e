"""Executors of a side's part are named by that side's secretariat only.

Issue 8, item 2: kz-officer, a co-executor, made its own ministry lead and dropped the other
ministry through the API. Naming executors is its own action (``Action.ASSIGN``), apart from
moving the side's status (``Action.CHANGE_SIDE``); each door is tried.
"""

import csv
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.policy import Action, can
from bilat.core.models import ChangeLogEntry
from bilat.core.sheets import export_sheet, get_sheet, read_table, run_import
from bilat.decisions import services
from bilat.decisions.tests.factories import make_cast, make_decision, side_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """Decision 2 of the demo in small: kz_other leads the KZ part, kz_lead co-executes it."""
    cast = make_cast()
    decision = make_decision("IGC21-02", kz_lead=cast.kz_other, uz_lead=cast.uz_lead)
    side_of(decision, "KZ").co_executors.set([cast.kz_lead])
    return cast, decision


def _executors(decision):
    part = side_of(decision, "KZ")
    return part.lead.code, sorted(o.code for o in part.co_executors.all())


BEFORE = ("kz-energy-ministry", ["kz-trade-ministry"])


@pytest.mark.parametrize("role", ["officer_kz_lead", "officer_kz_other", "secretariat_uz",
                                  "viewer"])
def test_only_the_sides_secretariat_names_executors_through_the_service(case, role):
    cast, decision = case
    with pytest.raises(PermissionDenied):
        services.set_side_executors(side_of(decision, "KZ"), actor=cast.users[role],
                                    lead=cast.kz_lead, co_executors=[])
    assert _executors(decision) == BEFORE
    assert not can(cast.users[role], Action.ASSIGN, decision, side_id=cast.kz.pk)


def test_an_officer_may_still_move_its_sides_status(case):
    cast, decision = case
    officer = cast.users["officer_kz_lead"]
    assert can(officer, Action.CHANGE_SIDE, decision, side_id=cast.kz.pk)
    services.set_side_status(side_of(decision, "KZ"), "in_progress", actor=officer)
    assert side_of(decision, "KZ").status == "in_progress"


def test_the_api_refuses_an_officer_that_names_itself_lead(case):
    """The exact request of the issue: it answered 200 and the officer's ministry led alone."""
    cast, decision = case
    api = APIClient()
    api.force_authenticate(cast.users["officer_kz_lead"])
    url = f"/api/v1/decisions/{decision.pk}/sides/KZ/executors/"
    response = api.post(url, {"lead": "kz-trade-ministry", "co_executors": [],
                               "version": decision.version}, format="json")
    assert response.status_code == 403
    assert _executors(decision) == BEFORE
    api.force_authenticate(cast.users["secretariat_kz"])
    response = api.post(url, {"lead": "kz-trade-ministry", "co_executors": [],
                               "version": decision.version}, format="json")
    assert response.status_code == 200
    assert _executors(decision) == ("kz-trade-ministry", [])


def test_the_executors_page_is_refused_to_an_officer_and_not_linked_for_it(client, case):
    cast, decision = case
    client.force_login(cast.users["officer_kz_lead"])
    url = reverse("decisions:side_executors", args=[decision.pk, "KZ"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"lead": cast.kz_lead.pk}).status_code == 403
    card = client.get(reverse("decisions:detail", args=[decision.pk])).text
    assert url not in card
    assert reverse("decisions:side_status", args=[decision.pk, "KZ"]) in card
    assert _executors(decision) == BEFORE


def _export(user) -> str:
    sheet = get_sheet("decisions")
    stream = io.StringIO()
    export_sheet(sheet, sheet.queryset(user), "csv", stream)
    return stream.getvalue()


def _with_lead(text: str, code: str) -> bytes:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    rows[0]["kz_lead"], rows[0]["kz_co_executors"] = code, ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_an_import_by_an_officer_cannot_change_executors(case):
    cast, decision = case
    officer = cast.users["officer_kz_lead"]
    data = _with_lead(_export(officer), "kz-trade-ministry")
    logged = ChangeLogEntry.objects.count()
    plan = run_import(get_sheet("decisions"), read_table(data, "csv"), user=officer,
                      dry_run=False)
    assert not plan.applied
    assert [(e.row, e.column) for e in plan.errors] == [(2, "kz_lead")]
    assert _executors(decision) == BEFORE
    assert ChangeLogEntry.objects.count() == logged


def test_the_import_command_refuses_an_officer_the_executors(case, tmp_path: Path):
    cast, decision = case
    path = tmp_path / "decisions.csv"
    path.write_bytes(_with_lead(_export(cast.users["officer_kz_lead"]), "kz-trade-ministry"))
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import", "decisions", str(path), "--as", "officer_kz_lead")
    assert _executors(decision) == BEFORE
