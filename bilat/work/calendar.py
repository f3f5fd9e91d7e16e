"""Deadlines as a calendar: a month grid per side, ministry and sector, and an iCalendar feed.

One event per side of a decision still on control with a due date; the event's UID is the side's,
so when a due date moves (an approved extension) calendar programs update the event instead of
adding a second one, and its SEQUENCE counts the approved extensions.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from icalendar import Calendar, Event

from bilat.accounts.policy import actor_of, visible
from bilat.decisions.models import DeadlineExtension, Decision, DecisionSide

from .queues import responsible_sides


def deadlines(user) -> QuerySet:
    """The side deadlines ``user`` may see: open sides of decisions on control, with a date."""
    return (
        visible(user, DecisionSide.objects.all())
        .filter(decision__control_state=Decision.ControlState.ON_CONTROL, due_on__isnull=False)
        .exclude(status__in=("done", "not_done"))
        .select_related("decision", "side", "lead", "decision__sector")
        .order_by("due_on", "decision__control_number", "side__order")
    )


def feed_deadlines(user) -> QuerySet:
    """The deadlines of a user's own feed: an officer's organisation's, a secretariat's side's,
    everything visible for a user without a side."""
    a = actor_of(user)
    if a.is_officer and a.side_id:
        ids = responsible_sides(user).values("pk")
        return deadlines(user).filter(pk__in=ids)
    if a.side_id:
        return deadlines(user).filter(side_id=a.side_id)
    return deadlines(user)


def _summary(part: DecisionSide) -> str:
    title = part.decision.title or ""
    return f"{part.decision.control_number} · {part.side.code}: {title}"[:250]


def ical_feed(user, *, base_url: str, name: str) -> bytes:
    """The user's deadlines as an iCalendar (RFC 5545) document."""
    cal = Calendar()
    cal.add("prodid", "-//bilat//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    approved = DeadlineExtension.objects.filter(
        decision_side=OuterRef("pk"), state=DeadlineExtension.State.APPROVED
    ).values("decision_side").annotate(n=Count("pk")).values("n")
    parts = list(feed_deadlines(user).annotate(moved=Coalesce(Subquery(approved), 0)))
    now = timezone.now()
    for part in parts:
        event = Event()
        event.add("uid", f"decision-side-{part.pk}@bilat")
        event.add("summary", _summary(part))
        event.add("dtstart", part.due_on)
        event.add("dtend", part.due_on + datetime.timedelta(days=1))
        event.add("dtstamp", now)
        event.add("sequence", part.moved)
        event.add("url", base_url + part.decision.get_absolute_url())
        lead = part.lead.name if part.lead else "—"
        event.add("description", f"{lead} · {part.get_status_display()}")
        cal.add_component(event)
    return cal.to_ical()


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    items: list


def month_grid(parts, year: int, month: int) -> list[list[Day]]:
    """Weeks (Monday first) of ``year``-``month`` with each day's deadlines."""
    by_day: dict[datetime.date, list] = {}
    for part in parts:
        by_day.setdefault(part.due_on, []).append(part)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[Day(d, d.month == month, by_day.get(d, [])) for d in week] for week in weeks]


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = pycalendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)
