"""The registry as it stood on a date: decision parts, due dates, project stages, sources.

The registry keeps each record's current state, and the change log (``core/changelog.py``)
every write with its before and after. A write's time in the log is when it was typed in, not
when it happened (the demo loads every record today), so each change is placed at the business
date the records give it, and at its log time only when they give none:

- a record's state when it was entered holds from the beginning;
- a side's part becomes *reported* when its report was submitted, *done* or *returned* when the
  report was verified, and takes a new due date when the extension was decided;
- a decision leaves control on its ``removed_on`` date;
- a project reaches *implemented* on its actual end date and *implementation* on its actual
  start date, where it has them;
- any other change (a part set *in progress*, a stage moved without dates) at its log time.

A source is cited as of a date only if it was published by then (``published_on`` reads the date
a citation names: "Kazinform, 7 Aug 2024", "kun.uz, Jan 2025", "Kazinform, 2025").
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .figures import Figure, FigureSet

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
# "7 Aug 2024", "Aug 2024", "August 2024", "2024"; the first date a citation names.
CITED_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>[A-Za-z]{3})[a-z]*\.?\s+)?(?P<year>(?:19|20)\d{2})\b"
)


def published_on(citation: str) -> datetime.date | None:
    """The earliest day a citation can have been published, from the date it names (the first of
    the month or year when it names no day); None when it names no date."""
    for m in CITED_DATE.finditer(citation):
        month = MONTHS.get((m["month"] or "").lower())
        if m["month"] and month is None:
            continue  # "in 2024" after a word that is not a month: try the year alone below
        day = int(m["day"]) if m["day"] and month else 1
        try:
            return datetime.date(int(m["year"]), month or 1, day)
        except ValueError:
            return datetime.date(int(m["year"]), month or 1, 1)
    return None


def cited_by(sources: str, as_of: datetime.date | None) -> tuple[str, list[str]]:
    """The citations of ``sources`` (separated by ";") published by ``as_of``, and those
    published after it (left out). Citations that name no date are kept."""
    if as_of is None:
        return sources, []
    kept, later = [], []
    for citation in (c.strip() for c in sources.split(";")):
        if not citation:
            continue
        day = published_on(citation)
        (later if day is not None and day > as_of else kept).append(citation)
    return "; ".join(kept), later


def cite_as_of(figures: FigureSet, as_of: datetime.date) -> FigureSet:
    """The figures with the citations published after ``as_of`` taken out of their sources, and
    how many were taken out (``sources.later``, for the data notes)."""
    out, later = [], set()
    for f in figures:
        kept, left_out = cited_by(f.source, as_of)
        later.update(left_out)
        out.append(Figure(**{**f.__dict__, "source": kept}) if left_out else f)
    if later:
        out.append(Figure("sources.later", Decimal(len(later)), "sources", as_of.isoformat()))
    return FigureSet(out)


# --- changes placed at their business dates -----------------------------------------------------

BEGINNING = datetime.date.min


def _log_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _entries(model, pks) -> dict[int, list]:
    """Change-log entries of these rows, oldest first, by row."""
    from bilat.core.models import ChangeLogEntry

    by_row: dict[int, list] = defaultdict(list)
    rows = ChangeLogEntry.objects.filter(
        object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in pks]
    ).order_by("seq").only("object_id", "action", "at", "before", "after")
    for entry in rows:
        by_row[int(entry.object_id)].append(entry)
    return by_row


def _replay(current: dict, entries: list, fields: tuple[str, ...], day_of,
            as_of: datetime.date) -> dict:
    """The values of ``fields`` as of ``as_of``: the state the record was entered with, then
    each logged change to them whose business date (``day_of(entry)``) is on or before
    ``as_of``, in the order they were logged. A record written without the log keeps its
    current values."""
    if not entries:
        return dict(current)
    first = entries[0]
    state = {f: (first.after or {}).get(f, current[f]) if first.action == "create"
             else (first.before or {}).get(f, current[f]) for f in fields}
    for entry in entries:
        if entry.action == "create":
            continue
        before, after = entry.before or {}, entry.after or {}
        changed = [f for f in fields if f in after and before.get(f) != after.get(f)]
        if changed and day_of(entry) <= as_of:
            state.update({f: after[f] for f in changed})
    return state


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
        from bilat.decisions.models import OPEN_SIDE_STATUSES

        return self.status in OPEN_SIDE_STATUSES

    def is_overdue(self, day: datetime.date) -> bool:
        return bool(self.due_on and self.on_control and self.is_open() and self.due_on < day)


def parts_as_of(decisions, as_of: datetime.date) -> list[PartAsOf]:
    """Every side's part of ``decisions`` (a queryset) with its status, due date and control
    state as they were on ``as_of`` (the rule of the module's docstring)."""
    from bilat.decisions.models import DeadlineExtension, DecisionSide, ExecutionReport

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
    logged = _entries(DecisionSide, ids)
    out = []
    for part in parts:
        out.append(_part_as_of(part, logged.get(part.pk, []), reports[part.pk],
                               extensions[part.pk], as_of))
    return out


def _part_as_of(part, entries: list, reports: list, extensions: list,
                as_of: datetime.date) -> PartAsOf:
    from bilat.decisions.models import Decision, DecisionSide

    S = DecisionSide.Status
    submitted = iter(r.submitted_at for r in reports)
    verified = iter(r.verified_at for r in reports if r.verified_at)
    decided = iter(e.decided_at for e in extensions if e.decided_at)
    days: dict[int, datetime.date] = {}
    for entry in entries:  # pair each report or extension with the change it made, in order
        before, after = entry.before or {}, entry.after or {}
        moment = None
        if after.get("status") == S.REPORTED and before.get("status") != S.REPORTED:
            moment = next(submitted, None)
        elif before.get("status") == S.REPORTED and after.get("status") in (S.DONE, S.RETURNED):
            moment = next(verified, None)
        elif entry.action == "extend_deadline":
            moment = next(decided, None)
        days[entry.pk] = _log_day(moment or entry.at)
    current = {"status": part.status, "due_on": part.due_on and part.due_on.isoformat()}
    state = _replay(current, entries, ("status", "due_on"), lambda e: days[e.pk], as_of)
    decision = part.decision
    removed = (decision.control_state == Decision.ControlState.REMOVED
               and (decision.removed_on is None or decision.removed_on <= as_of))
    due = state["due_on"]
    return PartAsOf(
        decision.pk, part.side.code, decision.sector.code if decision.sector else None,
        state["status"], datetime.date.fromisoformat(due) if due else None, not removed,
        decision.provenance,
    )


def stages_as_of(projects, as_of: datetime.date) -> dict[int, int]:
    """Each project's stage on ``as_of`` (the rule of the module's docstring), by id."""
    from bilat.projects.models import Project

    Stage = Project.Stage
    projects = list(projects)
    logged = _entries(Project, [p.pk for p in projects])
    out = {}
    for p in projects:
        state = _replay({"stage": p.stage}, logged.get(p.pk, []), ("stage",),
                        lambda e, p=p: _stage_day(e, p), as_of)
        stage = int(state["stage"])
        # The record's own dates say when it got where it is.
        if stage in (Stage.FINALISATION, Stage.CLOSED) and p.actual_end_on and (
                p.actual_end_on > as_of):
            stage = Stage.IMPLEMENTATION
        if stage == Stage.IMPLEMENTATION and p.actual_start_on and p.actual_start_on > as_of:
            stage = Stage.PIPELINE
        out[p.pk] = stage
    return out


def _stage_day(entry, project) -> datetime.date:
    from bilat.projects.models import Project

    stage = (entry.after or {}).get("stage")
    if stage == Project.Stage.CLOSED and project.actual_end_on:
        return project.actual_end_on
    if stage == Project.Stage.IMPLEMENTATION and project.actual_start_on:
        return project.actual_start_on
    return _log_day(entry.at)
