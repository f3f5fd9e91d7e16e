"""Load the decisions and bring each to its control state through the decisions services.

Due dates of open decisions are set relative to the day of the first load (so the demo always
shows something due soon and something overdue); a later load never moves them: decisions are
found by control number, and only their texts are brought up to date. Each transition checks
the current state first, so a second load performs none.

Reports on parts that fell due well before the load are dated as the story has it: submitted a
week before the due date (on time) or twelve days after it (late, ``data.LATE_REPORTS``), and
verified four days after submission, so that execution discipline is not 0 %. The dates are
set once, in the load that submits or verifies the report.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bilat.core.services import upsert_record
from bilat.decisions.models import Decision, DecisionSide, ExecutionReport
from bilat.decisions.services import (
    accept_report,
    adopt_decision,
    approve_extension,
    remove_from_control,
    request_extension,
    return_report,
    set_side_executors,
    set_side_status,
    submit_report,
    update_decision,
)

from ..data import meetings as data
from .common import DEMO_REASON, STORY_REASON, DemoRun

S = DecisionSide.Status
SUBMITTED = ExecutionReport.Verification.SUBMITTED


def _due_on(due, today: datetime.date) -> datetime.date | None:
    if due is None or isinstance(due, datetime.date):
        return due
    return today + datetime.timedelta(days=due)


def _shared_values(run: DemoRun, spec: dict) -> dict:
    """The fields of a decision that a later load keeps in line with the demo data."""
    meeting = run.meetings.get(spec["meeting"]) if spec["meeting"] else None
    return {
        "source_kind": spec.get("source_kind", Decision.SourceKind.PROTOCOL),
        "meeting": meeting,
        "paragraph": run.paragraphs.get(spec["control_number"]),
        "paragraph_ref": f"п. {spec['paragraph']}" if spec["paragraph"] else "",
        "source_date": meeting.held_on if meeting else data.ISSUED_21,
        "title_en": spec["title_en"], "title_ru": spec["title_ru"],
        "text_en": spec["text_en"], "text_ru": spec["text_ru"],
        "signed_language": "ru",
        "sector": run.sectors[spec["sector"]] if spec["sector"] else None,
        "access_tier": spec["access_tier"],
        "provenance": spec["provenance"],
    }


def _parts(run: DemoRun, spec: dict) -> list[dict]:
    return [
        {"side": run.sides[side], "lead": run.orgs[lead],
         "co_executors": [run.orgs[c] for c in co]}
        for side, (lead, co) in spec["leads"].items()
    ]


def _reporter(run: DemoRun, part: DecisionSide):
    """The demo officer of this side if their organisation answers for the part, else the
    side's secretariat."""
    officer = run.users[f"{part.side.code.lower()}-officer"]
    if officer.profile.organisation_id in part.organisation_ids():
        return officer
    return run.users[f"{part.side.code.lower()}-secretariat"]


def _secretariat(run: DemoRun, part: DecisionSide):
    return run.users[f"{part.side.code.lower()}-secretariat"]


def _verifier(run: DemoRun, part: DecisionSide, submitter_id: int):
    """The side's secretariat, unless it submitted the report or request itself: then the
    administrator, since nobody verifies their own (the four-eyes rule)."""
    secretariat = _secretariat(run, part)
    return run.actor if secretariat.pk == submitter_id else secretariat


def _report_text(part: DecisionSide) -> str:
    # The sides' officers write in the commission's language, Russian.
    return (f"Сторона {part.side.code}: работа по {part.decision.control_number} ведётся; "
            "см. приложенную записку (условный отчёт).")


REPORT_TIME = datetime.time(11, 0)


def _story_dates(part: DecisionSide, *, today: datetime.date):
    """As-of date, submission and verification moments of a report on a part that fell due at
    least two weeks before ``today``; None for other parts (their reports are dated as loaded)."""
    if part.due_on is None or part.due_on > today - datetime.timedelta(days=14):
        return None
    late = (part.decision.control_number, part.side.code) in data.LATE_REPORTS
    as_of = part.due_on + datetime.timedelta(days=10 if late else -10)
    submitted_on = part.due_on + datetime.timedelta(days=12 if late else -7)
    verified_on = submitted_on + datetime.timedelta(days=4)
    submitted_at = timezone.make_aware(datetime.datetime.combine(submitted_on, REPORT_TIME))
    verified_at = timezone.make_aware(datetime.datetime.combine(verified_on, REPORT_TIME))
    return as_of, submitted_at, min(verified_at, timezone.now())


def _bring_side(run: DemoRun, part: DecisionSide, target: str, *, extend_to, today) -> None:
    """Move one side's part to ``target`` through the services, doing only what is missing."""
    if extend_to is not None and not part.extensions.exists():
        extension = request_extension(
            part, actor=_reporter(run, part), proposed_on=today + datetime.timedelta(extend_to),
            reason="Оборудование поступает позже запланированного (условно).",
        )
        approve_extension(extension, actor=_verifier(run, part, extension.requested_by_id),
                          note="Одобрено: новый срок реалистичен (условно).")
        part.refresh_from_db()
    if target == S.NOT_STARTED:
        return
    if target == S.IN_PROGRESS:
        if part.status == S.NOT_STARTED:
            set_side_status(part, S.IN_PROGRESS, actor=_reporter(run, part))
        return
    # reported, returned, done: each needs a report first.
    story = _story_dates(part, today=today)
    if part.status in (S.NOT_STARTED, S.IN_PROGRESS) and not part.reports.exists():
        if story:
            as_of = story[0]
        else:  # as of shortly before the due date, or today
            as_of = min(today, part.due_on - datetime.timedelta(days=10)) if part.due_on else today
        report = submit_report(part, actor=_reporter(run, part), as_of=as_of,
                               text=_report_text(part))
        if story:
            upsert_record(ExecutionReport, {"pk": report.pk}, {"submitted_at": story[1]},
                          actor=run.actor, reason=STORY_REASON)
    pending = part.reports.filter(verification=SUBMITTED).first()
    if pending is None:
        return
    verifier = _verifier(run, part, pending.submitted_by_id)
    if target == S.RETURNED:
        return_report(pending, actor=verifier,
                      reason="Приложите подписанный акт выполнения работ (условно).")
    elif target == S.DONE:
        report = accept_report(pending, actor=verifier,
                               note="Исполнено (условно).")
        if story:
            upsert_record(ExecutionReport, {"pk": report.pk}, {"verified_at": story[2]},
                          actor=run.actor, reason=STORY_REASON)


def load(run: DemoRun) -> None:
    """Every decision of the demo, in every control state issue 3 needs."""
    today = timezone.localdate()
    created = 0
    for spec in data.DECISIONS:
        state = data.STATES[spec["state"]]
        values = _shared_values(run, spec)
        decision = Decision.objects.filter(control_number=spec["control_number"]).first()
        if decision is None:
            due_on = _due_on(state["due"], today)
            meeting = values["meeting"]
            decision = Decision(
                control_number=spec["control_number"],
                issued_on=meeting.held_on if meeting else data.ISSUED_21,
                due_on=due_on,
                deadline_type=(Decision.DeadlineType.STANDING if due_on is None
                               else Decision.DeadlineType.FIXED),
                **values,
            )
            adopt_decision(decision, actor=run.actor, parts=_parts(run, spec),
                           reason=DEMO_REASON)
            created += 1
        else:
            decision = update_decision(decision, values, actor=run.actor, expected_version=None)
            for spec_part in _parts(run, spec):
                part = decision.sides.get(side=spec_part["side"])
                set_side_executors(part, actor=run.actor, lead=spec_part["lead"],
                                   co_executors=spec_part["co_executors"])
        for part in decision.sides.select_related("side", "decision"):
            _bring_side(run, part, state["sides"][part.side.code],
                        extend_to=state.get("extend_to"), today=today)
        if state.get("removed_on") and decision.is_on_control:
            decision.refresh_from_db()
            remove_from_control(decision, actor=run.users["kz-secretariat"],
                                removed_on=state["removed_on"], basis=spec["removal_basis"])
        run.decisions[spec["control_number"]] = decision
    run.note(f"{len(data.DECISIONS)} decisions ({created} new)")
