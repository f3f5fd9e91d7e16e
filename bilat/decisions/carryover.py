"""Carry-over between sessions, and the report on the implementation of one session's decisions.

- **Carried over** to a session: the decisions of earlier sessions of the same commission body
  that were still open when it met — on control that day (taken off control only after it, or
  not at all) with a side that had not finished (done or not done) by that day, as the change
  log and the reports' dates tell (``asof.py``).
- **Status of implementation of the decisions of the Nth session**: that session's decisions,
  by sector and by side, with how many parts stand in each status and how many are overdue.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from bilat.accounts.policy import visible
from bilat.core.sheets import BOOL, CHOICE, DATE, Column

from .asof import parts_as_of
from .models import Decision


def carried_over(meeting, *, user=None, unrestricted: bool = False) -> QuerySet[Decision]:
    """Decisions of earlier sessions of ``meeting``'s body still open when ``meeting`` was held:
    on control that day with a side that had not finished, as the parts stood that day
    (``asof.parts_as_of``), not as they stand today."""
    decisions = Decision.objects.all() if unrestricted else visible(user, Decision.objects.all())
    earlier = decisions.filter(meeting__body_id=meeting.body_id,
                               meeting__number__lt=meeting.number)
    day = meeting.held_on or timezone.localdate()
    still_open = {part.decision_id for part in parts_as_of(earlier, day)
                  if part.on_control and part.is_unfinished()}
    return (
        earlier.filter(pk__in=still_open)
        .with_sides()
        .order_by("meeting__number", "control_number")
    )


@dataclass
class SideTally:
    """How one side's parts of a group of decisions stand."""

    side_code: str
    statuses: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    def count(self, status: str) -> int:
        return self.statuses.get(status, 0)


@dataclass
class SectorBlock:
    """The decisions of one sector in the report, with each side's tally."""

    sector: object | None
    decisions: list[Decision]
    tallies: dict[str, SideTally]

    @property
    def label(self) -> str:
        return str(self.sector) if self.sector else "—"


@dataclass
class ImplementationReport:
    """Status of implementation of the decisions of one session, as of a date."""

    meeting: object
    as_of: datetime.date
    side_codes: list[str]
    sectors: list[SectorBlock]
    totals: dict[str, SideTally]
    carried_over: list[Decision]

    @property
    def decision_count(self) -> int:
        return sum(len(b.decisions) for b in self.sectors)


def _tally(decisions: list[Decision], side_codes: list[str], today: datetime.date):
    tallies = {code: SideTally(code) for code in side_codes}
    for decision in decisions:
        for part in decision.sides.all():
            tally = tallies.setdefault(part.side.code, SideTally(part.side.code))
            tally.statuses[part.status] += 1
            tally.overdue += part.is_overdue_on(today)
    return tallies


def implementation_status(
    meeting, *, user=None, today: datetime.date | None = None, unrestricted: bool = False
) -> ImplementationReport:
    """The report for ``meeting``: its decisions by sector and side, and those carried over."""
    today = today or timezone.localdate()
    decisions = Decision.objects.all() if unrestricted else visible(user, Decision.objects.all())
    own = list(
        decisions.filter(meeting=meeting)
        .with_sides()
        .order_by("sector__order", "sector__code", "control_number")
    )
    side_codes = sorted(
        {p.side.code for d in own for p in d.sides.all()},
        key=lambda c: next(
            (p.side.order for d in own for p in d.sides.all() if p.side.code == c), 0
        ),
    )
    blocks: list[SectorBlock] = []
    for decision in own:
        if not blocks or blocks[-1].sector != decision.sector:
            blocks.append(SectorBlock(decision.sector, [], {}))
        blocks[-1].decisions.append(decision)
    for block in blocks:
        block.tallies = _tally(block.decisions, side_codes, today)
    return ImplementationReport(
        meeting=meeting, as_of=today, side_codes=side_codes, sectors=blocks,
        totals=_tally(own, side_codes, today),
        carried_over=list(carried_over(meeting, user=user, unrestricted=unrestricted)),
    )


def report_columns(side_codes: list[str], today: datetime.date) -> list[Column]:
    """The columns of the report's export: one row per decision, each side's part beside it."""

    def part(code, getter):
        def get(decision):
            for p in decision.sides.all():
                if p.side.code == code:
                    return getter(p)
            return None

        return get

    columns = [
        Column("control_number", lambda d: d.control_number),
        Column("sector", lambda d: d.sector.code if d.sector_id else ""),
        Column("title", lambda d: d.title),
        Column("joint_status", lambda d: d.joint_status, CHOICE),
        Column("control_state", lambda d: d.control_state, CHOICE),
        Column("carried_over", lambda d: getattr(d, "is_carried_over", False), BOOL),
    ]
    for code in side_codes:
        p = code.lower()
        columns += [
            Column(f"{p}_lead", part(code, lambda s: s.lead.code if s.lead_id else "")),
            Column(f"{p}_status", part(code, lambda s: s.status), CHOICE),
            Column(f"{p}_due_on", part(code, lambda s: s.due_on), DATE),
            Column(f"{p}_overdue", part(code, lambda s: s.is_overdue_on(today)), BOOL),
        ]
    return columns


def report_rows(report: ImplementationReport) -> list[Decision]:
    """The decisions of the session, then those carried over from earlier ones (marked)."""
    rows = [d for block in report.sectors for d in block.decisions]
    for decision in report.carried_over:
        decision.is_carried_over = True
        rows.append(decision)
    return rows
