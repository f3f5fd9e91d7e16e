"""Execution discipline: the share of sides' parts done on time among those that fell due.

For a period [start, end] (``end`` no later than today), per lead organisation or per side:

- **due**: parts of decisions (one side's part of one decision) whose due date falls in the
  period; a part of a decision taken off control on or before that due date is left out unless
  it was done on time (removal before the term means the instruction lapsed);
- **done on time**: the part has an *accepted* execution report that was submitted on or before
  the due date (date of ``submitted_at`` in the site's time zone) and speaks for a date
  (``as_of``) on or before it. The secretariat may verify later: verification time is not held
  against the executor. An approved extension moves the due date, and the new date counts;
- **late**: an accepted report exists, but none was on time;
- **not done**: neither (no accepted report yet, or the part was closed as not done);
- **discipline** = done on time ÷ due, as a percentage rounded half-up to one decimal;
  empty when nothing fell due.

See docs/control.md.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from bilat.accounts.policy import visible

from .models import Decision, DecisionSide, ExecutionReport

BY_ORGANISATION = "organisation"
BY_SIDE = "side"


@dataclass
class DisciplineRow:
    """The discipline of one organisation or one side over a period."""

    key: str  # organisation code, or side code
    label: str
    side_code: str
    due: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def not_done(self) -> int:
        return self.due - self.on_time - self.late

    @property
    def rate(self) -> Decimal | None:
        """Done on time ÷ due, in per cent, one decimal; None when nothing fell due."""
        if not self.due:
            return None
        return (Decimal(100 * self.on_time) / Decimal(self.due)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def as_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, "side": self.side_code, "due": self.due,
            "on_time": self.on_time, "late": self.late, "not_done": self.not_done,
            "rate": None if self.rate is None else str(self.rate),
        }


@dataclass(frozen=True)
class PartOutcome:
    """How one side's part of a decision stands against its due date."""

    part: DecisionSide
    counted: bool
    on_time: bool
    late: bool


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def report_is_on_time(report: ExecutionReport, due_on: datetime.date) -> bool:
    """An accepted report submitted by the due date and speaking for a date no later than it."""
    return (
        report.verification == ExecutionReport.Verification.ACCEPTED
        and report.as_of <= due_on
        and _local_date(report.submitted_at) <= due_on
    )


def outcomes(
    start: datetime.date, end: datetime.date, *, user=None, today: datetime.date | None = None,
    side_code: str | None = None, unrestricted: bool = False,
) -> list[PartOutcome]:
    """Every part falling due in the period, with whether it counts and how it ended."""
    today = today or timezone.localdate()
    end = min(end, today)
    decisions = Decision.objects.all() if unrestricted else visible(user, Decision.objects.all())
    parts = (
        DecisionSide.objects.filter(
            decision__in=decisions.values("pk"), due_on__gte=start, due_on__lte=end
        )
        .select_related("decision", "side", "lead")
        .order_by("due_on", "decision__control_number", "side__order")
    )
    if side_code:
        parts = parts.filter(side__code=side_code)
    parts = list(parts)
    accepted: dict[int, list[ExecutionReport]] = defaultdict(list)
    for report in ExecutionReport.objects.filter(
        decision_side__in=[p.pk for p in parts],
        verification=ExecutionReport.Verification.ACCEPTED,
    ).only("decision_side_id", "as_of", "submitted_at", "verification"):
        accepted[report.decision_side_id].append(report)
    result = []
    for part in parts:
        reports = accepted.get(part.pk, [])
        on_time = any(report_is_on_time(r, part.due_on) for r in reports)
        decision = part.decision
        lapsed = (
            decision.control_state == Decision.ControlState.REMOVED
            and decision.removed_on is not None
            and decision.removed_on <= part.due_on
        )
        counted = on_time or not lapsed
        result.append(
            PartOutcome(part, counted, on_time=on_time, late=bool(reports) and not on_time)
        )
    return result


def execution_discipline(
    start: datetime.date, end: datetime.date, *, by: str = BY_ORGANISATION, user=None,
    today: datetime.date | None = None, side_code: str | None = None, unrestricted: bool = False,
) -> list[DisciplineRow]:
    """Discipline per lead organisation (or per side) for parts due between start and end.

    Only decisions ``user`` may see are counted, unless ``unrestricted`` (internal reports).
    """
    rows: dict[str, DisciplineRow] = {}
    for outcome in outcomes(
        start, end, user=user, today=today, side_code=side_code, unrestricted=unrestricted
    ):
        if not outcome.counted:
            continue
        part = outcome.part
        if by == BY_SIDE:
            key, label = part.side.code, str(part.side)
        elif part.lead is not None:
            key, label = part.lead.code, str(part.lead)
        else:
            key, label = f"-{part.side.code}", "—"
        row = rows.get(key)
        if row is None:
            row = rows[key] = DisciplineRow(key=key, label=label, side_code=part.side.code)
        row.due += 1
        row.on_time += outcome.on_time
        row.late += outcome.late
    return sorted(rows.values(), key=lambda r: (r.side_code, r.label.lower(), r.key))


def total(rows: Iterable[DisciplineRow], label: str = "") -> DisciplineRow:
    """All rows added up into one."""
    result = DisciplineRow(key="", label=label, side_code="")
    for row in rows:
        result.due += row.due
        result.on_time += row.on_time
        result.late += row.late
    return result
