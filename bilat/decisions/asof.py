"""Each side's part of a decision as it stood on a date.

A side's part becomes *reported* when its report was submitted, *done* or *returned* when the
report was verified, and takes a new due date when the extension was decided; a decision leaves
control on its ``removed_on`` date; any other change (a part set *in progress*) counts at its
log time, and a part's state when it was entered holds from the beginning
(``core/asof.py`` replays the change log).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from bilat.core.asof import changes_by_row, log_day, replay

from .models import OPEN_SIDE_STATUSES, DeadlineExtension, Decision, DecisionSide, ExecutionReport


@dataclass(frozen=True)
class PartAsOf:
    """One side's part of a decision as it stood on a date."""

    decision_id: int
    side: str  # the side's code
    sector: str | None
    status: str
    due_on: datetime.date | None
    on_control: bool
    provenance: str

    def is_open(self) -> bool:
        return self.status in OPEN_SIDE_STATUSES

    def is_unfinished(self) -> bool:
        """Neither done nor found not done: open, or reported and awaiting verification."""
        return self.status not in (DecisionSide.Status.DONE, DecisionSide.Status.NOT_DONE)

    def is_overdue(self, day: datetime.date) -> bool:
        return bool(self.due_on and self.on_control and self.is_open() and self.due_on < day)


def parts_as_of(decisions, as_of: datetime.date) -> list[PartAsOf]:
    """Every side's part of ``decisions`` (a queryset) with its status, due date and control
    state as they were on ``as_of`` (the rule of the module's docstring)."""
    parts = list(
        DecisionSide.objects.filter(decision__in=decisions.values("pk"))
        .select_related("side", "decision__sector").order_by("pk")
    )
    ids = [p.pk for p in parts]
    reports: dict[int, list] = defaultdict(list)
    for r in ExecutionReport.objects.filter(decision_side_id__in=ids).order_by("pk"):
        reports[r.decision_side_id].append(r)
    extensions: dict[int, list] = defaultdict(list)
    for e in DeadlineExtension.objects.filter(
            decision_side_id__in=ids, state=DeadlineExtension.State.APPROVED).order_by("pk"):
        extensions[e.decision_side_id].append(e)
    logged = changes_by_row(DecisionSide, ids)
    return [_part_as_of(part, logged.get(part.pk, []), reports[part.pk], extensions[part.pk],
                        as_of) for part in parts]


def _claim(moments: list, logged: datetime.datetime) -> datetime.datetime | None:
    """The moment of the change logged at ``logged``: the latest of ``moments`` (reports'
    submissions, verifications, extensions' decisions) not after it and not paired yet, taken
    from the list. Paired by time, not by order: a report entered without a log entry (the
    demo's, an import's) never lends its date to a later change."""
    earlier = [i for i, moment in enumerate(moments) if moment <= logged]
    if not earlier:
        return None
    return moments.pop(max(earlier, key=lambda i: moments[i]))


def _part_as_of(part, entries: list, reports: list, extensions: list,
                as_of: datetime.date) -> PartAsOf:
    S = DecisionSide.Status
    submitted = [r.submitted_at for r in reports if r.submitted_at]
    verified = [r.verified_at for r in reports if r.verified_at]
    decided = [e.decided_at for e in extensions if e.decided_at]
    days: dict[int, datetime.date] = {}
    for entry in entries:  # pair each report or extension with the change it made
        before, after = entry.before or {}, entry.after or {}
        moment = None
        if after.get("status") == S.REPORTED and before.get("status") != S.REPORTED:
            moment = _claim(submitted, entry.at)
        elif before.get("status") == S.REPORTED and after.get("status") in (S.DONE, S.RETURNED):
            moment = _claim(verified, entry.at)
        elif entry.action == "extend_deadline":
            moment = _claim(decided, entry.at)
        days[entry.pk] = log_day(moment or entry.at)
    current = {"status": part.status, "due_on": part.due_on and part.due_on.isoformat()}
    state = replay(current, entries, ("status", "due_on"), lambda e: days[e.pk], as_of)
    decision = part.decision
    removed = (decision.control_state == Decision.ControlState.REMOVED
               and (decision.removed_on is None or decision.removed_on <= as_of))
    due = state["due_on"]
    return PartAsOf(
        decision.pk, part.side.code, decision.sector.code if decision.sector else None,
        state["status"], datetime.date.fromisoformat(due) if due else None, not removed,
        decision.provenance,
    )
