"""Access, as a class: role × side × record tier × action × door, against a spec of the policy.

The spec below is written from docs/access.md, apart from ``accounts.policy``; every door —
the service, the page, the API, the spreadsheet import and the command line — must answer as
the spec does, and so must ``can``. Then, for every reader, what records name of each other and
the aggregates shown to them (issue 8, "The classes, as tests: Access").
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, can, visible
from bilat.accounts.tests.factories import make_user
from bilat.briefings import sources
from bilat.core.models import ChangeLogEntry
from bilat.core.sheets import export_sheet, get_sheet, read_table, run_import
from bilat.decisions import services
from bilat.decisions.models import (
    DeadlineExtension,
    Decision,
)
from bilat.decisions.tests.factories import make_decision, make_report, side_of
from bilat.directory.tests.factories import make_organisation, make_sides
from bilat.meetings.models import AgendaItem, Meeting
from bilat.meetings.tests.factories import make_meeting
from bilat.projects import services as project_services
from bilat.projects.models import Milestone, PortfolioFigure, Project
from bilat.projects.tests.factories import make_partner, make_project, make_rule
from bilat.targets.models import Target
from bilat.targets.tests.factories import make_target

pytestmark = pytest.mark.django_db

TIERS = ["public", "official", "restricted"]
ROLES = ["anonymous", "viewer", "officer_kz_lead", "officer_kz_co", "officer_kz_none",
         "officer_uz_lead", "secretariat_kz", "secretariat_uz", "superuser"]
SIDES = ["KZ", "UZ"]
# The officers whose organisation answers for every decision and project of the world, by side.
RESPONSIBLE = {"KZ": {"officer_kz_lead", "officer_kz_co"}, "UZ": {"officer_uz_lead"}}


# --- the spec, from docs/access.md ------------------------------------------------------------


def sees(role: str, tier: str, *, responsible: bool = True) -> bool:
    """Who sees a record of a tier; ``responsible``: has the record organisations answering."""
    if tier == "public":
        return True
    if tier == "official":
        return role != "anonymous"
    answers = responsible and role in RESPONSIBLE["KZ"] | RESPONSIBLE["UZ"]
    return role in {"secretariat_kz", "secretariat_uz", "superuser"} or answers


def may(role: str, action: str, tier: str, side: str, *, own: bool = False) -> bool:
    """Whether ``role`` may do ``action`` on the ``side`` part of a decision of ``tier``;
    ``own``: the report to verify is the actor's own."""
    if action == "view":
        return sees(role, tier)
    if role == "anonymous" or not sees(role, tier):
        return False
    if action == "verify" and own:
        return False  # four eyes, administrators included
    if role == "superuser":
        return True
    if action == "change":
        return role.startswith("secretariat")
    if role.startswith("secretariat"):
        return role.endswith(side.lower())
    if action in ("change_side", "report"):
        return role in RESPONSIBLE[side]
    return False  # assign, verify: the side's secretariat only


# --- the world ----------------------------------------------------------------------------------


@dataclass
class World:
    users: dict
    decisions: dict  # tier -> Decision
    meetings: dict  # tier -> Meeting
    projects: dict  # tier -> Project
    targets: dict  # tier -> Target
    hub: Project
    rule: object
    orgs: dict


def build_world() -> World:
    kz, uz = make_sides()
    orgs = {
        "kz_lead": make_organisation(kz, "kz-lead-ministry"),
        "kz_co": make_organisation(kz, "kz-co-ministry"),
        "kz_none": make_organisation(kz, "kz-other-ministry"),
        "uz_lead": make_organisation(uz, "uz-lead-ministry"),
    }
    users = {
        "anonymous": AnonymousUser(),
        "viewer": make_user("viewer"),
        "officer_kz_lead": make_user("officer_kz_lead", Role.OFFICER, organisation=orgs["kz_lead"]),
        "officer_kz_co": make_user("officer_kz_co", Role.OFFICER, organisation=orgs["kz_co"]),
        "officer_kz_none": make_user("officer_kz_none", Role.OFFICER,
                                     organisation=orgs["kz_none"]),
        "officer_uz_lead": make_user("officer_uz_lead", Role.OFFICER, organisation=orgs["uz_lead"]),
        "secretariat_kz": make_user("secretariat_kz", Role.SECRETARIAT, side=kz),
        "secretariat_uz": make_user("secretariat_uz", Role.SECRETARIAT, side=uz),
        "superuser": make_user("root", superuser=True),
        "clerk": make_user("clerk", superuser=True),  # submits reports others verify
    }
    meetings = {t: make_meeting(10 + i, access_tier=t, held_on=datetime.date(2020 + i, 5, 1))
                for i, t in enumerate(TIERS)}
    decisions, projects, targets = {}, {}, {}
    for i, tier in enumerate(TIERS):
        # Each decision comes from a meeting of another tier, so references cross tiers.
        decision = make_decision(
            f"D-{tier}", access_tier=tier, kz_lead=orgs["kz_lead"], uz_lead=orgs["uz_lead"],
            meeting=meetings[TIERS[(i + 1) % 3]])
        side_of(decision, "KZ").co_executors.set([orgs["kz_co"]])
        decisions[tier] = decision
    for i, tier in enumerate(TIERS):
        project = make_project(f"P-{tier}", access_tier=tier,
                               value_planned_usd=Decimal(10 ** i), jobs_planned=10 ** i)
        for org in ("kz_lead", "kz_co", "uz_lead"):  # the same organisations answer for it
            make_partner(project, orgs[org])
        projects[tier] = project
        targets[tier] = make_target(title_en=f"T-{tier}", access_tier=tier,
                                    decision=decisions[TIERS[(i + 2) % 3]])
    hub = make_project("HUB", parent=projects["official"], value_planned_usd=Decimal(1000),
                       jobs_planned=1000)
    hub.launched_by.set(decisions.values())
    rule = make_rule()
    for tier in TIERS:
        project_services.record_computed_figure(rule, actor=users["secretariat_kz"],
                                                access_tier=tier)
    return World(users, decisions, meetings, projects, targets, hub, rule, orgs)


@pytest.fixture
def world() -> World:
    return build_world()


def _user(world, role):
    return world.users[role]


def _api(world, role) -> APIClient:
    api = APIClient()
    if role != "anonymous":
        api.force_authenticate(world.users[role])
    return api


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


# --- every door of every action -----------------------------------------------------------------


class Refused(Exception):
    """The door refused the action."""


def _expect_page(response) -> None:
    if response.status_code in (403, 404) or (
            response.status_code == 302 and reverse("accounts:login") in response["Location"]):
        raise Refused
    assert response.status_code == 302, response.content[:500]


def _expect_api(response) -> None:
    if response.status_code in (401, 403, 404):
        raise Refused
    assert response.status_code in (200, 201), response.content[:500]


def _sheet_row(world, role, decision, edits: dict) -> bytes:
    """The decision's row as the role would export it (as an administrator, if it may not see
    it), with ``edits`` made."""
    sheet = get_sheet("decisions")
    reader = _user(world, role) if sees(role, decision.access_tier) else world.users["superuser"]
    stream = io.StringIO()
    export_sheet(sheet, sheet.queryset(reader).filter(pk=decision.pk), "csv", stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue().lstrip("\ufeff"), newline="")))
    rows[0].update(edits)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _import(world, role, data: bytes) -> None:
    if role == "anonymous":
        raise Refused  # the import page and command need a signed-in user
    plan = run_import(get_sheet("decisions"), read_table(data, "csv"),
                      user=_user(world, role), dry_run=False)
    if not plan.applied:
        raise Refused
    assert plan.ok


def _command(world, role, data: bytes, tmp_path) -> None:
    if role == "anonymous":
        raise Refused
    path = tmp_path / "decisions.csv"
    path.write_bytes(data)
    try:
        call_command("import", "decisions", str(path), "--as", _user(world, role).username,
                     stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as exc:
        raise Refused from exc


def run_door(world, role, action, tier, side, door, *, own, tmp_path) -> None:
    """Do the action through the door; raise Refused if the door refuses it."""
    user = _user(world, role)
    decision = Decision.objects.get(pk=world.decisions[tier].pk)
    part = side_of(decision, side)
    base = f"/api/v1/decisions/{decision.pk}/sides/{side}"
    # Executors that differ from the world's: KZ drops its co-executor, UZ its lead.
    lead = world.orgs["kz_lead"] if side == "KZ" else None
    if action == "verify":
        report = make_report(part, user if own else world.users["clerk"])
    try:
        if action == "change_side":
            if door == "service":
                services.set_side_status(part, "in_progress", actor=user)
            elif door == "page":
                _expect_page(_client(world, role).post(
                    reverse("decisions:side_status", args=[decision.pk, side]),
                    {"status": "in_progress"}))
            elif door == "api":
                _expect_api(_api(world, role).post(f"{base}/status/", {
                    "status": "in_progress", "version": decision.version}, format="json"))
            else:
                data = _sheet_row(world, role, decision, {f"{side.lower()}_status": "in_progress"})
                _import(world, role, data) if door == "import" else _command(
                    world, role, data, tmp_path)
        elif action == "assign":
            if door == "service":
                services.set_side_executors(part, actor=user, lead=lead, co_executors=[])
            elif door == "page":
                _expect_page(_client(world, role).post(
                    reverse("decisions:side_executors", args=[decision.pk, side]),
                    {"lead": lead.pk if lead else ""}))
            elif door == "api":
                _expect_api(_api(world, role).post(
                    f"{base}/executors/", {"lead": lead.code if lead else None,
                                           "co_executors": [], "version": decision.version},
                    format="json"))
            else:
                edits = ({"kz_co_executors": ""} if side == "KZ"
                         else {"uz_lead": "", "uz_co_executors": ""})
                data = _sheet_row(world, role, decision, edits)
                _import(world, role, data) if door == "import" else _command(
                    world, role, data, tmp_path)
        elif action == "report":
            if door == "service":
                services.submit_report(part, actor=user, as_of=datetime.date(2024, 9, 1),
                                       text="Done.")
            elif door == "page":
                _expect_page(_client(world, role).post(
                    reverse("decisions:report_submit", args=[decision.pk, side]),
                    {"as_of": "2024-09-01", "text": "Done."}))
            else:
                _expect_api(_api(world, role).post(
                    f"{base}/reports/", {"as_of": "2024-09-01", "text": "Done.",
                                         "version": decision.version}, format="json"))
        elif action == "verify":
            if door == "service":
                services.accept_report(report, actor=user)
            elif door == "page":
                _expect_page(_client(world, role).post(
                    reverse("decisions:report_accept", args=[report.pk]), {"note": ""}))
            else:
                _expect_api(_api(world, role).post(f"/api/v1/reports/{report.pk}/accept/", {
                    "version": report.version}, format="json"))
        elif action == "change":
            if door == "service":
                services.update_decision(decision, {"title_en": "Changed"}, actor=user,
                                         expected_version=decision.version)
            elif door == "page":
                _expect_page(_client(world, role).post(
                    reverse("decisions:edit", args=[decision.pk]), {
                        "control_number": decision.control_number, "source_kind": "protocol",
                        "title_en": "Changed", "signed_language": "ru", "access_tier": tier,
                        "deadline_type": "fixed", "issued_on": "2024-07-12",
                        "due_on": "2024-12-31", "provenance": "sourced",
                        "meeting": decision.meeting_id, "sector": decision.sector_id,
                        "version": decision.version}))
            elif door == "api":
                _expect_api(_api(world, role).patch(
                    f"/api/v1/decisions/{decision.pk}/",
                    {"title_en": "Changed", "version": decision.version}, format="json"))
            else:
                data = _sheet_row(world, role, decision, {"title_en": "Changed"})
                _import(world, role, data) if door == "import" else _command(
                    world, role, data, tmp_path)
    except PermissionDenied as exc:
        raise Refused from exc


def _view(world, role, tier, door, tmp_path) -> bool:
    """Whether the decision and its KZ report of ``tier`` are shown to ``role`` by the door."""
    decision = world.decisions[tier]
    user = _user(world, role)
    if door == "service":
        shown = decision in visible(user, Decision.objects.all())
        assert can(user, Action.VIEW, decision) is shown
        return shown
    if door == "page":
        status = _client(world, role).get(reverse("decisions:detail", args=[decision.pk]))
        return status.status_code == 200
    if door == "api":
        api = _api(world, role)
        report = make_report(side_of(decision, "KZ"), world.users["clerk"])
        one = api.get(f"/api/v1/decisions/{decision.pk}/").status_code == 200
        listed = decision.control_number in {
            d["control_number"] for d in api.get("/api/v1/decisions/").json()["results"]}
        report_one = api.get(f"/api/v1/reports/{report.pk}/").status_code == 200
        report_listed = report.pk in {
            r["id"] for r in api.get("/api/v1/reports/").json()["results"]}
        assert one == listed == report_one == report_listed, (one, listed, report_one)
        return one
    sheet = get_sheet("decisions")
    if door == "sheet":  # the spreadsheet export of the list page
        return decision in sheet.queryset(None if role == "anonymous" else user)
    stream = io.StringIO()
    args = [] if role == "anonymous" else ["--as", user.username]
    call_command("export", "decisions", *args, stdout=stream, stderr=io.StringIO())
    return f"\n{decision.control_number}," in stream.getvalue()


ACTIONS = {
    "view": ["service", "page", "api", "sheet", "cli"],
    "change_side": ["service", "page", "api", "import", "cli"],
    "assign": ["service", "page", "api", "import", "cli"],
    "report": ["service", "page", "api"],
    "verify": ["service", "page", "api"],
    "change": ["service", "page", "api", "import", "cli"],
}
POLICY_ACTION = {"change_side": Action.CHANGE_SIDE, "assign": Action.ASSIGN,
                 "report": Action.REPORT, "verify": Action.VERIFY, "change": Action.CHANGE}


class _Rollback(Exception):
    pass


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(role=st.sampled_from(ROLES), tier=st.sampled_from(TIERS), side=st.sampled_from(SIDES),
       action=st.sampled_from(list(ACTIONS)), own=st.booleans())
def test_every_door_does_what_the_policy_says(world, tmp_path, role, tier, side, action, own):
    """Each door of an action allows it exactly when the spec does, and writes only then."""
    own = own and action == "verify" and role != "anonymous"
    expected = may(role, action, tier, side, own=own)
    case = (role, action, tier, side, "own" if own else "")
    for door in ACTIONS[action]:
        try:
            with transaction.atomic():
                if action == "view":
                    assert _view(world, role, tier, door, tmp_path) is expected, (*case, door)
                else:
                    assert _asks(world, role, action, tier, side, own) is expected, (*case, "can")
                    logged = ChangeLogEntry.objects.count()
                    try:
                        run_door(world, role, action, tier, side, door, own=own,
                                 tmp_path=tmp_path)
                        done = True
                    except Refused:
                        done = False
                    wrote = ChangeLogEntry.objects.count() > logged
                    assert done is expected, (*case, door, "allowed" if done else "refused")
                    assert wrote is expected, (*case, door, "wrote" if wrote else "nothing")
                raise _Rollback
        except _Rollback:
            pass


def _asks(world, role, action, tier, side, own) -> bool:
    """What ``can`` answers for the case (checked against the spec too)."""
    user = _user(world, role)
    decision = world.decisions[tier]
    part = side_of(decision, side)
    if action == "verify":
        report = make_report(part, user if own else world.users["clerk"])
        return can(user, Action.VERIFY, report, side_id=part.side_id)
    if action == "change":
        return can(user, Action.CHANGE, decision)
    return can(user, POLICY_ACTION[action], decision, side_id=part.side_id)


SERVICE_ACTIONS = ["change_side", "assign", "report", "verify", "change"]


def test_the_policy_and_the_services_follow_the_spec_in_every_case(world, tmp_path):
    """Every role × tier × side × action (and own report or not) through the service door: the
    exhaustive twin of the property test above, cheap enough to run in full."""
    for role in ROLES:
        for tier in TIERS:
            for side in SIDES:
                for action in SERVICE_ACTIONS:
                    for own in ([False, True] if action == "verify" and role != "anonymous"
                                else [False]):
                        expected = may(role, action, tier, side, own=own)
                        case = (role, action, tier, side, "own" if own else "")
                        try:
                            with transaction.atomic():
                                assert _asks(world, role, action, tier, side, own) is expected, (
                                    *case, "can")
                                raise _Rollback
                        except _Rollback:
                            pass
                        try:
                            with transaction.atomic():
                                try:
                                    run_door(world, role, action, tier, side, "service", own=own,
                                             tmp_path=tmp_path)
                                    done = True
                                except Refused:
                                    done = False
                                assert done is expected, (*case, "service")
                                raise _Rollback
                        except _Rollback:
                            pass


# --- what a reader sees of related records and of aggregates -------------------------------------


def _tiered_records(world) -> list:
    """A record of every tiered kind in the world (parts included)."""
    records = []
    for tier in TIERS:
        decision = world.decisions[tier]
        part = side_of(decision, "UZ")
        report = make_report(side_of(decision, "KZ"), world.users["clerk"])
        extension = DeadlineExtension.objects.create(
            decision_side=part, requested_by=world.users["clerk"], reason="Winter.",
            proposed_on=datetime.date(2025, 3, 3))
        project = world.projects[tier]
        meeting = world.meetings[tier]
        records += [
            decision, part, report, extension, meeting,
            AgendaItem.objects.create(meeting=meeting, number=1, title_en="Trade"),
            project, project.partners.first(),
            Milestone.objects.create(project=project, title_en="Start"),
            world.targets[tier],
        ]
    records += list(PortfolioFigure.objects.all())
    return records


@pytest.mark.parametrize("role", ROLES)
def test_a_record_is_seen_alike_in_a_list_on_its_own_and_as_a_part(world, role):
    """The class of item 5: ``can(view)``, ``visible`` and the related-record helper agree for
    every kind of record and part, and with the spec."""
    from bilat.accounts.policy import Visibility

    user = _user(world, role)
    visibility = Visibility(user)
    for record in _tiered_records(world):
        model = type(record)
        fresh = model.objects.get(pk=record.pk)
        listed = visible(user, model.objects.filter(pk=record.pk)).exists()
        assert can(user, Action.VIEW, fresh) is listed, (role, model.__name__, fresh.access_tier)
        assert visibility.sees(fresh) is listed, (role, model.__name__)
        answers = model not in (Meeting, AgendaItem, Target, PortfolioFigure)
        assert listed is sees(role, fresh.access_tier, responsible=answers), (
            role, model.__name__, fresh.access_tier)


@pytest.mark.parametrize("role", ROLES)
def test_a_reader_is_named_only_the_related_records_and_aggregates_it_may_see(world, role):
    user = _user(world, role)
    api = _api(world, role)
    seen = {tier for tier in TIERS if sees(role, tier)}
    seen_unanswered = {tier for tier in TIERS if sees(role, tier, responsible=False)}

    # A public project names the decisions that launched it and its umbrella.
    hub = api.get(f"/api/v1/projects/{world.hub.pk}/").json()
    assert set(hub["launched_by"]) == {f"D-{t}" for t in seen}
    assert hub["parent"] == (world.projects["official"].pk if "official" in seen else None)
    page = _client(world, role).get(reverse("projects:detail", args=[world.hub.pk])).text
    for tier in TIERS:
        assert (f"D-{tier}" in page) is (tier in seen), (role, tier)
    assert ("P-official" in page) is ("official" in seen)

    # A decision names its meeting, a target its decision, only where the reader sees them.
    rows = {}
    sheet = get_sheet("decisions")
    for decision in sheet.queryset(None if role == "anonymous" else user):
        rows[decision.control_number] = sheet.column_map()["meeting"].export_value(decision)
    for i, tier in enumerate(TIERS):
        decision, meeting = world.decisions[tier], world.meetings[TIERS[(i + 1) % 3]]
        body = api.get(f"/api/v1/decisions/{decision.pk}/")
        assert (body.status_code == 200) is (tier in seen)
        if tier in seen:
            shown = meeting.access_tier in seen_unanswered
            assert body.json()["meeting"] == (meeting.pk if shown else None), (role, tier)
            assert rows[decision.control_number] == (meeting.number if shown else None)
            page = _client(world, role).get(reverse("decisions:detail", args=[decision.pk]))
            assert (reverse("meetings:detail", args=[meeting.pk]) in page.text) is shown
        target = world.targets[tier]
        body = api.get(f"/api/v1/targets/{target.pk}/")
        assert (body.status_code == 200) is (tier in seen_unanswered)
        if tier in seen_unanswered:
            linked = world.decisions[TIERS[(i + 2) % 3]]
            assert body.json()["decision"] == (
                linked.control_number if linked.access_tier in seen else None)

    # Aggregates: every figure shown counts only what every reader of its tier sees, and names
    # only what this reader sees; what is computed for the reader counts what it sees.
    my_projects = set(visible(user, Project.objects.all()).values_list("pk", flat=True))
    figures = api.get("/api/v1/portfolio-figures/").json()["results"]
    assert {f["access_tier"] for f in figures} == seen_unanswered
    counts = {"public": 2, "official": 3, "restricted": 4}  # with the public umbrella part
    for figure in figures:
        assert figure["project_count"] == counts[figure["access_tier"]]
        assert set(figure["project_ids"]) <= my_projects
    rules = api.get("/api/v1/portfolio-rules/").json()["results"]
    assert rules[0]["computed"]["project_count"] == len(my_projects)
    assert set(rules[0]["computed"]["project_ids"]) == my_projects
    stages = project_services.portfolio_by_stage(user)
    assert sum(row["count"] for row in stages) == len(my_projects)
    page = _client(world, role).get(reverse("projects:portfolio")).text
    assert page.count('class="stored"') == len(seen_unanswered)


def test_the_briefing_pack_counts_what_every_reader_of_a_snapshot_sees(world):
    """A snapshot is official: it counts public and official records, never restricted ones."""
    make_rule("ic-portfolio")
    as_of = datetime.date(2024, 7, 12)
    inputs = sources.gather(as_of=as_of, meeting=world.meetings["official"])
    portfolio = {p.code: p for p in inputs.portfolio}["all"]
    assert (portfolio.count, portfolio.value_usd) == (3, 1011.0)  # not the restricted project's 100
    assert inputs.target is not None and inputs.target.link.endswith(
        f"/{world.targets['public'].pk}/")
    # The session before the official one decided only the restricted decision: not counted.
    assert inputs.decisions == []
    later = sources.gather(as_of=as_of, meeting=world.meetings["restricted"])
    assert sum(row.count for row in later.decisions) == 2  # D-public, one part per side
