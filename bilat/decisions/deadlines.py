"""Deadline rules of the control card: when each side's part of a decision falls due.

Pure functions over dates and side codes; the only outside knowledge is each side's calendar of
public holidays and transferred working days, from the ``holidays`` package (see docs/control.md).

Rules (after the CIS control rules: Decree 976 in Kazakhstan, Ijro in Uzbekistan):

- ``fixed``: the date written in the decision;
- ``urgent``: the 3rd working day after the day of issue;
- ``prompt``: the 10th working day after the day of issue;
- ``monthly``: the 10th of the month after the month of issue;
- ``quarterly``: the 10th of the first month of the quarter after the quarter of issue;
- ``standing``: no due date.

Working days are those of the responsible side's calendar. A due date that falls on a day off
moves back to the previous working day (a deadline is never extended by a holiday).
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable
from functools import cache
from typing import Any

import holidays

FIXED = "fixed"
URGENT = "urgent"
PROMPT = "prompt"
MONTHLY = "monthly"
QUARTERLY = "quarterly"
STANDING = "standing"
DEADLINE_TYPES = (FIXED, URGENT, PROMPT, MONTHLY, QUARTERLY, STANDING)

# Working days allowed for the types counted in working days.
WORKING_DAYS = {URGENT: 3, PROMPT: 10}
# Periodic reports are due by this day of the month after the period.
PERIODIC_DAY = 10

_lock = threading.Lock()


@cache
def _calendar(side_code: str) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(side_code.upper())
    except NotImplementedError as exc:
        raise ValueError(f"No holiday calendar is known for the side {side_code!r}.") from exc


def is_working_day(day: datetime.date, side_code: str) -> bool:
    """Whether ``day`` is a working day on the calendar of the side ``side_code`` (KZ, UZ).

    Saturdays and Sundays are days off unless the government moved a working day onto them;
    public holidays and the days off they were moved to are days off.
    """
    calendar = _calendar(side_code)
    with _lock:  # the calendar fills in a year the first time it is asked about it
        return calendar.is_working_day(day)


def previous_working_day(day: datetime.date, side_code: str) -> datetime.date:
    """``day`` itself if it is a working day, else the nearest working day before it."""
    while not is_working_day(day, side_code):
        day -= datetime.timedelta(days=1)
    return day


def add_working_days(start: datetime.date, count: int, side_code: str) -> datetime.date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day = start
    while count:
        day += datetime.timedelta(days=1)
        if is_working_day(day, side_code):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, side_code: str) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier).

    ``working_days_between(d, add_working_days(d, n, side), side) == n``.
    """
    if end < start:
        return -working_days_between(end, start, side_code)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + datetime.timedelta(days=offset), side_code)
    )


def _tenth_of(year: int, month: int) -> datetime.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, PERIODIC_DAY)


def _period_due(deadline_type: str, day: datetime.date) -> datetime.date:
    """The unadjusted due date of the report for the month or quarter containing ``day``."""
    if deadline_type == MONTHLY:
        return _tenth_of(day.year, day.month + 1)
    first_month_of_quarter = 3 * ((day.month - 1) // 3) + 1
    return _tenth_of(day.year, first_month_of_quarter + 3)


def unadjusted_due_date(
    deadline_type: str, issued_on: datetime.date, side_code: str,
    fixed_on: datetime.date | None = None,
) -> datetime.date | None:
    """The due date before moving it off a day off (working-day types are never moved)."""
    if deadline_type not in DEADLINE_TYPES:
        raise ValueError(f"Unknown deadline type {deadline_type!r}.")
    if deadline_type == STANDING:
        return None
    if deadline_type == FIXED:
        if fixed_on is None:
            raise ValueError("A fixed deadline needs its date.")
        return fixed_on
    if deadline_type in WORKING_DAYS:
        return add_working_days(issued_on, WORKING_DAYS[deadline_type], side_code)
    return _period_due(deadline_type, issued_on)


def due_date(
    deadline_type: str, issued_on: datetime.date, side_code: str,
    fixed_on: datetime.date | None = None,
) -> datetime.date | None:
    """When the side ``side_code`` must have executed a decision issued on ``issued_on``.

    ``None`` for a standing decision. The result is always a working day of that side.
    """
    day = unadjusted_due_date(deadline_type, issued_on, side_code, fixed_on)
    return None if day is None else previous_working_day(day, side_code)


def next_due_date(
    deadline_type: str, after: datetime.date, side_code: str
) -> datetime.date | None:
    """For a monthly or quarterly decision, the first report due date strictly after ``after``."""
    if deadline_type not in {MONTHLY, QUARTERLY}:
        raise ValueError("Only monthly and quarterly decisions recur.")
    # The report for the period before the one containing ``after`` may still be due after it
    # (on the 1st–10th); otherwise the report for the current period is next.
    step = 1 if deadline_type == MONTHLY else 3
    first_month = after.month if deadline_type == MONTHLY else 3 * ((after.month - 1) // 3) + 1
    for months_ahead in (0, step, 2 * step):
        candidate = previous_working_day(
            _tenth_of(after.year, first_month + months_ahead), side_code
        )
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a later period always falls due after ``after``")


def side_due_dates(decision: Any, sides: Iterable[Any] | None = None) -> dict[Any, Any]:
    """The due date of each side of ``decision`` on that side's own calendar.

    ``decision`` needs ``deadline_type``, ``issued_on`` and (for a fixed deadline) ``due_on``;
    each side needs ``side.code``. Returns ``{decision_side: due date or None}``.
    """
    sides = list(decision.sides.all() if sides is None else sides)
    return {
        side: due_date(
            decision.deadline_type, decision.issued_on, side.side.code,
            fixed_on=getattr(decision, "due_on", None),
        )
        for side in sides
    }


def apply_deadlines(decision: Any, sides: Iterable[Any] | None = None) -> list[Any]:
    """Set ``due_on`` of each side of ``decision`` (in memory) from its side's calendar.

    Returns the sides whose due date changed; the calling service saves and logs them as part
    of its own write (adopting a decision, changing its deadline type).
    """
    changed = []
    for side, due_on in side_due_dates(decision, sides).items():
        if side.due_on != due_on:
            side.due_on = due_on
            changed.append(side)
    return changed
