"""What a user must do today: the queues of "My work".

An officer's queues hold the sides of decisions its organisation leads or co-executes on its own
side; a secretariat's hold what waits for its side's secretariat. Every queue starts from
``policy.visible``, so a queue never shows a record its reader may not open.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from bilat.accounts.policy import actor_of, visible
from bilat.decisions.models import (
    OPEN_SIDE_STATUSES,
    DeadlineExtension,
    Decision,
    DecisionSide,
    ExecutionReport,
)

SOON_DAYS = 7  # "due within 7 days"


@dataclass
class Queue:
    """One group of things to do, with a stable key (for tests and anchors) and a label."""

    key: str
    label: str
    items: list = field(default_factory=list)
    kind: str = "side"  # what the items are: "side", "report", "extension"

    def __len__(self) -> int:
        return len(self.items)


def has_work(user) -> bool:
    """Whether ``user`` has a "My work" home: a signed-in officer or secretariat of a side."""
    a = actor_of(user)
    return a.is_authenticated and (a.is_officer or a.is_secretariat) and a.side_id is not None


def _sides(user) -> QuerySet:
    return (
        visible(user, DecisionSide.objects.all())
        .filter(decision__control_state=Decision.ControlState.ON_CONTROL)
        .select_related("decision", "side", "lead", "decision__sector")
        .order_by("due_on", "decision__control_number")
    )


def responsible_sides(user) -> QuerySet:
    """The sides of decisions the user's organisation answers for, on the user's side."""
    a = actor_of(user)
    return _sides(user).filter(side_id=a.side_id).filter(
        Q(lead_id=a.organisation_id) | Q(co_executors__id=a.organisation_id)
    ).distinct()


def officer_queues(user, today: datetime.date) -> list[Queue]:
    """An officer's day: what awaits its report, what came back, what falls due or is late."""
    mine = list(responsible_sides(user).prefetch_related("extensions"))
    soon = today + datetime.timedelta(days=SOON_DAYS)
    pending = {
        e.decision_side_id
        for e in DeadlineExtension.objects.filter(
            decision_side__in=[p.pk for p in mine], state=DeadlineExtension.State.REQUESTED
        )
    }
    S = DecisionSide.Status
    queues = [
        Queue("awaiting_report", _("Awaiting my report"),
              [p for p in mine if p.status in (S.NOT_STARTED, S.IN_PROGRESS)]),
        Queue("returned", _("Returned to me"), [p for p in mine if p.status == S.RETURNED]),
        Queue("due_soon", _("Due within 7 days"),
              [p for p in mine if p.status in OPEN_SIDE_STATUSES and p.due_on
               and today <= p.due_on <= soon]),
        Queue("overdue", _("Overdue"), [p for p in mine if p.is_overdue_on(today)]),
        Queue("extension_pending", _("Extension pending"), [p for p in mine if p.pk in pending]),
    ]
    return queues


def secretariat_queues(user, today: datetime.date) -> list[Queue]:
    """A secretariat's day: reports and requests to decide, late work by ministry, no lead."""
    a = actor_of(user)
    reports = list(
        visible(user, ExecutionReport.objects.all())
        .filter(decision_side__side_id=a.side_id,
                verification=ExecutionReport.Verification.SUBMITTED)
        .exclude(submitted_by_id=getattr(user, "pk", None))
        .select_related("decision_side__decision", "decision_side__side", "submitted_by")
        .order_by("submitted_at")
    )
    extensions = list(
        visible(user, DeadlineExtension.objects.all())
        .filter(decision_side__side_id=a.side_id, state=DeadlineExtension.State.REQUESTED)
        .exclude(requested_by_id=getattr(user, "pk", None))
        .select_related("decision_side__decision", "decision_side__side", "requested_by")
        .order_by("requested_at")
    )
    own = _sides(user).filter(side_id=a.side_id)
    overdue = [p for p in own.filter(status__in=OPEN_SIDE_STATUSES, due_on__lt=today)]
    overdue.sort(key=lambda p: ((p.lead.code if p.lead else "~"), p.due_on))
    without_lead = list(own.filter(lead__isnull=True).exclude(status__in=("done", "not_done")))
    return [
        Queue("reports", _("Reports awaiting verification"), reports, kind="report"),
        Queue("extensions", _("Extension requests awaiting approval"), extensions,
              kind="extension"),
        Queue("overdue", _("Overdue decisions by ministry"), overdue),
        Queue("without_lead", _("Decisions without a lead"), without_lead),
    ]


def queues_for(user, today: datetime.date) -> list[Queue]:
    """The queues of the user's "My work" (none for a viewer or the public)."""
    a = actor_of(user)
    if not has_work(user):
        return []
    if a.is_secretariat:
        return secretariat_queues(user, today)
    return officer_queues(user, today)
