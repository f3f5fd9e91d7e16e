"""Who may do what to a decision, through the service, the page and the API alike.

One row per role × action × side (``bilat.core.tests.matrix``); each door answers with its
exact status code and writes to the change log exactly when the row allows it.
"""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import DOORS, SECRETARIATS, Door, Outcome
from bilat.decisions import services
from bilat.decisions.models import DeadlineExtension, Decision
from bilat.decisions.tests.factories import make_decision, make_report, side_of
from bilat.directory.tests.factories import make_sector

pytestmark = pytest.mark.django_db

# An official decision led by kz_lead on the Kazakh side and uz_lead on the Uzbek one.
BY_SIDE = {"KZ": {"officer_kz_lead", "secretariat_kz", "superuser"},
           "UZ": {"officer_uz", "secretariat_uz", "superuser"}}
SECRETARIAT_OF = {"KZ": {"secretariat_kz", "superuser"}, "UZ": {"secretariat_uz", "superuser"}}
ALLOWED = {
    "create": SECRETARIATS,
    "edit": SECRETARIATS,
    "remove": SECRETARIATS,
    "restore": SECRETARIATS,
    **{(action, side): BY_SIDE[side] for side in BY_SIDE
       for action in ("status", "report", "extension_request")},
    **{(action, side): SECRETARIAT_OF[side] for side in SECRETARIAT_OF
       for action in ("assign", "accept", "return", "extension_decide")},
    # A restricted decision: the public, viewers and officers answering for nothing don't see it.
    ("restricted_status", "KZ"): BY_SIDE["KZ"],
    ("restricted_report", "UZ"): BY_SIDE["UZ"],
}
UNSEEN = {"anonymous", "viewer", "officer_kz_other"}
HIDDEN = {("restricted_status", "KZ"): UNSEEN, ("restricted_report", "UZ"): UNSEEN}
# What a spreadsheet row changes: the shared record, one side's status or its executors.
IMPORTED = ("edit", "status", "assign", "restricted_status")
# A secretariat's bad input (a due date before the date of issue) and a save from an old version.
INPUT = matrix.input_rows(invalid=["create", "edit"], stale=["edit"])
CASES = matrix.cases(matrix.table(ALLOWED, hidden=HIDDEN) + INPUT,
                     {action: (*DOORS, Door.IMPORT) for action in IMPORTED})


def _decision(cast, row) -> Decision:
    tier = "restricted" if row.action.startswith("restricted_") else "official"
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier=tier)
    if row.action == "restore":
        Decision.objects.filter(pk=decision.pk).update(
            control_state=Decision.ControlState.REMOVED, removed_on=datetime.date(2024, 9, 1),
            removal_basis="Executed.")
        decision.refresh_from_db()
    return decision


def _doors(cast, row, decision):
    """The service call, page request and API request that do the row's action."""
    user, client, api = cast.user(row.role), cast.client(row.role), cast.api(row.role)
    action = row.action.removeprefix("restricted_")
    side = row.side
    part = side_of(decision, side) if side else None
    pk = decision.pk
    api_side = f"/api/v1/decisions/{pk}/sides/{side}"
    key = {"control_number": decision.control_number, "version": decision.version}
    # A due date before the date of issue for bad input; for a stale save, someone else saves
    # the decision first and the row's user saves from the version it had read.
    due_on = datetime.date(2024, 1, 1) if row.outcome == Outcome.INVALID else datetime.date(
        2024, 12, 31)
    if row.outcome == Outcome.STALE:
        Decision.objects.filter(pk=pk).update(version=F("version") + 1)
    if action == "create":
        sector = make_sector()
        return {
            Door.SERVICE: lambda: services.adopt_decision(
                Decision(control_number="NEW-1", title_en="New",
                         issued_on=datetime.date(2024, 7, 12), due_on=due_on, sector=sector),
                actor=user),
            Door.PAGE: lambda: client.post(reverse("decisions:create"), {
                "control_number": "NEW-1", "source_kind": "protocol", "title_en": "New",
                "signed_language": "ru", "access_tier": "official", "deadline_type": "fixed",
                "issued_on": "2024-07-12", "due_on": due_on, "provenance": "sourced",
                "sector": sector.pk}),
            Door.API: lambda: api.post("/api/v1/decisions/", {
                "control_number": "NEW-1", "title_en": "New", "issued_on": "2024-07-12",
                "due_on": due_on, "sector": sector.pk}, format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "edit":
        return {
            Door.SERVICE: lambda: services.update_decision(
                decision, {"title_en": "Changed", "due_on": due_on}, actor=user,
                expected_version=decision.version),
            Door.PAGE: lambda: client.post(reverse("decisions:edit", args=[pk]), {
                "control_number": decision.control_number, "source_kind": "protocol",
                "title_en": "Changed", "signed_language": "ru", "access_tier": "official",
                "deadline_type": "fixed", "issued_on": "2024-07-12", "due_on": due_on,
                "provenance": "sourced", "sector": decision.sector_id,
                "version": decision.version}),
            Door.API: lambda: api.patch(f"/api/v1/decisions/{pk}/", {
                "title_en": "Changed", "due_on": due_on, "version": decision.version},
                format="json"),
            Door.IMPORT: lambda: matrix.import_row("decisions", user, {
                **key, "title_en": "Changed", "due_on": due_on}),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "remove":
        return {
            Door.SERVICE: lambda: services.remove_from_control(
                decision, actor=user, removed_on=datetime.date(2024, 9, 1), basis="Executed."),
            Door.PAGE: lambda: client.post(reverse("decisions:remove", args=[pk]), {
                "removed_on": "2024-09-01", "removal_basis": "Executed.",
                "version": decision.version}),
            Door.API: lambda: api.post(f"/api/v1/decisions/{pk}/remove-from-control/", {
                "removed_on": "2024-09-01", "removal_basis": "Executed.",
                "version": decision.version}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "restore":
        return {
            Door.SERVICE: lambda: services.restore_to_control(decision, actor=user,
                                                              reason="Reopened."),
            Door.PAGE: lambda: client.post(reverse("decisions:restore", args=[pk]), {
                "reason": "Reopened.", "version": decision.version}),
            Door.API: lambda: api.post(f"/api/v1/decisions/{pk}/restore-to-control/", {
                "reason": "Reopened.", "version": decision.version}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "status":
        return {
            Door.SERVICE: lambda: services.set_side_status(part, "in_progress", actor=user),
            Door.PAGE: lambda: client.post(reverse("decisions:side_status", args=[pk, side]),
                                           {"status": "in_progress"}),
            Door.API: lambda: api.post(f"{api_side}/status/", {
                "status": "in_progress", "version": decision.version}, format="json"),
            Door.IMPORT: lambda: matrix.import_row("decisions", user, {
                **key, f"{side.lower()}_status": "in_progress"}),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "assign":
        # Each side drops its lead: a change, whoever held it.
        return {
            Door.SERVICE: lambda: services.set_side_executors(part, actor=user, lead=None,
                                                              co_executors=[]),
            Door.PAGE: lambda: client.post(reverse("decisions:side_executors", args=[pk, side]),
                                           {"lead": ""}),
            Door.API: lambda: api.post(f"{api_side}/executors/", {
                "lead": None, "co_executors": [], "version": decision.version}, format="json"),
            Door.IMPORT: lambda: matrix.import_row("decisions", user, {
                **key, f"{side.lower()}_lead": ""}),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "report":
        return {
            Door.SERVICE: lambda: services.submit_report(
                part, actor=user, as_of=datetime.date(2024, 9, 1), text="Done."),
            Door.PAGE: lambda: client.post(reverse("decisions:report_submit", args=[pk, side]),
                                           {"as_of": "2024-09-01", "text": "Done."}),
            Door.API: lambda: api.post(f"{api_side}/reports/", {
                "as_of": "2024-09-01", "text": "Done.", "version": decision.version},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action in ("accept", "return"):
        report = make_report(part, cast.users["clerk"])
        if action == "accept":
            return {
                Door.SERVICE: lambda: services.accept_report(report, actor=user),
                Door.PAGE: lambda: client.post(
                    reverse("decisions:report_accept", args=[report.pk]), {"note": ""}),
                Door.API: lambda: api.post(f"/api/v1/reports/{report.pk}/accept/", {
                    "version": report.version}, format="json"),
            }, {Door.PAGE: 302, Door.API: 200}
        return {
            Door.SERVICE: lambda: services.return_report(report, actor=user, reason="Why."),
            Door.PAGE: lambda: client.post(
                reverse("decisions:report_return", args=[report.pk]), {"return_reason": "Why."}),
            Door.API: lambda: api.post(f"/api/v1/reports/{report.pk}/return/", {
                "return_reason": "Why.", "version": report.version}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    if action == "extension_request":
        return {
            Door.SERVICE: lambda: services.request_extension(
                part, actor=user, proposed_on=datetime.date(2025, 3, 3), reason="Winter."),
            Door.PAGE: lambda: client.post(
                reverse("decisions:extension_request", args=[pk, side]),
                {"proposed_on": "2025-03-03", "reason": "Winter."}),
            Door.API: lambda: api.post(f"{api_side}/extensions/", {
                "proposed_on": "2025-03-03", "reason": "Winter.", "version": decision.version},
                format="json"),
        }, {Door.PAGE: 302, Door.API: 201}
    if action == "extension_decide":
        extension = DeadlineExtension.objects.create(
            decision_side=part, requested_by=cast.users["clerk"], reason="Winter.",
            proposed_on=datetime.date(2025, 3, 3))
        return {
            Door.SERVICE: lambda: services.approve_extension(extension, actor=user),
            Door.PAGE: lambda: client.post(
                reverse("decisions:extension_decide", args=[extension.pk]),
                {"verdict": "approve", "decision_note": ""}),
            Door.API: lambda: api.post(f"/api/v1/extensions/{extension.pk}/approve/", {
                "version": extension.version}, format="json"),
        }, {Door.PAGE: 302, Door.API: 200}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_a_decision_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    decision = _decision(cast, row)
    doors, ok = _doors(cast, row, decision)
    matrix.run(row, door, doors, ok=ok)
