"""Decisions of the commission on control: each side's part, execution reports, extensions.

A decision is *paired*: every side has its own part (``DecisionSide``) with a lead organisation,
co-executors, a status and a due date; each side reports and is verified separately, and the
decision's joint status follows from the two parts (see ``Decision.joint_status``).
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import default_commission
from bilat.core.languages import Translated
from bilat.core.models import (
    AccessTier,
    Language,
    Provenance,
    Versioned,
    VersionedModel,
)


class EvidenceStorage(FileSystemStorage):
    """Evidence files under ``settings.EVIDENCE_ROOT``, looked up at each use (never at import)."""

    @property
    def base_location(self):
        return str(settings.EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # evidence is served only through the permission-checked download view

    def _save(self, name, content):
        """Save, or leave nothing: a file cut short (a full disk) is removed, and the writer
        told in words; the report it belongs to is rolled back with it."""
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise ValidationError({"evidence": _(
                "The server has no room left for this file: nothing was saved. Try again "
                "later, or tell the administrator.")}) from exc


_evidence_storage: EvidenceStorage | None = None


def evidence_storage() -> EvidenceStorage:
    """The storage of evidence files, created on first use."""
    global _evidence_storage
    if _evidence_storage is None:
        _evidence_storage = EvidenceStorage()
    return _evidence_storage


# Side statuses in which the side still owes work: they can become overdue. A side that has
# reported waits for its secretariat, not for its executors, so it is not counted as overdue.
OPEN_SIDE_STATUSES = ("not_started", "in_progress", "returned")
CLOSED_SIDE_STATUSES = ("done", "not_done")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


@dataclass(frozen=True)
class SideCount:
    """How many parts of a group of decisions stand in one status, for one side and sector."""

    side: str  # the side's code
    sector: str | None  # the decision's sector code, None for a decision without a sector
    status: str
    count: int
    overdue: int  # of them, how many are overdue on the day asked about


class DecisionQuerySet(models.QuerySet):
    """Reusable questions about many decisions at once."""

    def on_control(self) -> DecisionQuerySet:
        return self.filter(control_state=Decision.ControlState.ON_CONTROL)

    def open(self) -> DecisionQuerySet:
        """On control, and at least one side has not finished (done or not done)."""
        unfinished = DecisionSide.objects.filter(decision=OuterRef("pk")).exclude(
            status__in=CLOSED_SIDE_STATUSES
        )
        return self.on_control().filter(Exists(unfinished))

    def overdue(self, today: datetime.date | None = None) -> DecisionQuerySet:
        """On control, with a side whose due date has passed while it still owes work."""
        late = DecisionSide.objects.filter(
            decision=OuterRef("pk"), status__in=OPEN_SIDE_STATUSES, due_on__lt=_today(today)
        )
        return self.on_control().filter(Exists(late))

    def due_within(self, days: int, today: datetime.date | None = None) -> DecisionQuerySet:
        """On control, with a side still owing work that falls due in the next ``days`` days."""
        start = _today(today)
        soon = DecisionSide.objects.filter(
            decision=OuterRef("pk"), status__in=OPEN_SIDE_STATUSES,
            due_on__gte=start, due_on__lte=start + datetime.timedelta(days=days),
        )
        return self.on_control().filter(Exists(soon))

    def for_side(self, side) -> DecisionQuerySet:
        """Decisions in which ``side`` (a Side or its id) has a part."""
        side_id = getattr(side, "pk", side)
        return self.filter(
            Exists(DecisionSide.objects.filter(decision=OuterRef("pk"), side_id=side_id))
        )

    def side_counts(self, today: datetime.date | None = None) -> list[SideCount]:
        """The sides of these decisions counted by side, sector and status, with how many of
        them are overdue on ``today`` (by the rule of ``DecisionSide.is_overdue_on``)."""
        late = Q(due_on__lt=_today(today), status__in=OPEN_SIDE_STATUSES,
                 decision__control_state=Decision.ControlState.ON_CONTROL)
        rows = (
            DecisionSide.objects.filter(decision__in=self.values("pk"))
            .values_list("side__code", "decision__sector__code", "status")
            .annotate(count=Count("pk"), overdue=Count("pk", filter=late))
            .order_by("side__code", "decision__sector__code", "status")
        )
        return [SideCount(*row) for row in rows]

    def with_sides(self, *, reports: bool = True) -> DecisionQuerySet:
        """Fetch the sides, their organisations and (unless ``reports`` is false) their reports
        with their evidence, in a fixed number of queries."""
        parts = self.select_related("sector", "meeting").prefetch_related(
            models.Prefetch(
                "sides",
                queryset=DecisionSide.objects.select_related("side", "lead").order_by(
                    "side__order", "side__code"
                ),
            ),
            "sides__co_executors",
        )
        if not reports:
            return parts
        return parts.prefetch_related(
            models.Prefetch(
                "sides__reports",
                queryset=ExecutionReport.objects.select_related(
                    "submitted_by", "verified_by", "decision_side__side"
                ).prefetch_related("evidence"),
            ),
        )


# "п. 3.2", "p. 3", "para. 12а", "§ 4" or a bare "3.2": a reference to one paragraph.
PARAGRAPH_REF = re.compile(
    r"(?:(?:п|p|para|paragraph)\.?|§)?\s*(?P<number>\d+(?:\.\d+)*[a-zа-я]?)", re.IGNORECASE
)


class Decision(VersionedModel):
    """One instruction of the commission or of the heads of state, taken on control."""

    class SourceKind(models.TextChoices):
        SUMMIT = "summit", _("Summit statement")
        PROTOCOL = "protocol", _("Protocol of a meeting")
        ROAD_MAP = "road_map", _("Road map")
        AGREEMENT = "agreement", _("Agreement")

    class DeadlineType(models.TextChoices):
        FIXED = "fixed", _("Fixed date")
        URGENT = "urgent", _("Urgent (3 working days)")
        PROMPT = "prompt", _("Prompt (10 working days)")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        STANDING = "standing", _("Standing")

    class ControlState(models.TextChoices):
        ON_CONTROL = "on_control", _("On control")
        REMOVED = "removed", _("Removed from control")

    class JointStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORTED = "reported", _("Reported")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")

    control_number = models.CharField(_("control number"), max_length=40, unique=True)
    source_kind = models.CharField(
        _("source"), max_length=12, choices=SourceKind.choices, default=SourceKind.PROTOCOL
    )
    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions",
    )
    paragraph = models.ForeignKey(
        "meetings.ProtocolParagraph", verbose_name=_("protocol paragraph"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions",
    )
    source_number = models.CharField(_("source document number"), max_length=60, blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    paragraph_ref = models.CharField(_("paragraph"), max_length=30, blank=True,
                                     help_text=_('As written in the source, e.g. "п. 3.2".'))
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    signed_language = models.CharField(
        _("authoritative language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    sector = models.ForeignKey(
        "directory.Sector", verbose_name=_("sector"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions",
    )
    access_tier = models.CharField(
        _("access tier"), max_length=12, choices=AccessTier.choices, default=AccessTier.OFFICIAL
    )
    deadline_type = models.CharField(
        _("deadline type"), max_length=12, choices=DeadlineType.choices, default=DeadlineType.FIXED
    )
    issued_on = models.DateField(_("issued on"), help_text=_("The date the term starts."))
    due_on = models.DateField(
        _("due on"), null=True, blank=True,
        help_text=_("Give it for a fixed date; computed for the other types; empty if standing."),
    )
    control_state = models.CharField(
        _("control state"), max_length=12, choices=ControlState.choices,
        default=ControlState.ON_CONTROL,
    )
    removed_on = models.DateField(_("removed from control on"), null=True, blank=True)
    removal_basis = models.TextField(_("basis for removal"), blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("removed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["control_number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.control_number

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])

    @property
    def paragraph_label(self) -> str:
        """The paragraph reference in the reader's language ("para. 3.2", "п. 3.2"); one that
        is not a plain paragraph number ("пп. 3.2", "раздел II") is shown as written."""
        match = PARAGRAPH_REF.fullmatch(self.paragraph_ref.strip())
        if match is None:
            return self.paragraph_ref
        return str(_("para. %(number)s") % {"number": match["number"]})

    def clean(self) -> None:
        errors = {}
        if not (self.title_en or self.title_ru):
            errors["title_en"] = _("Give the title in at least one language.")
        if self.deadline_type == self.DeadlineType.STANDING:
            if self.due_on:
                errors["due_on"] = _("A standing decision has no due date.")
        elif self.deadline_type == self.DeadlineType.FIXED and not self.due_on:
            errors["due_on"] = _("Give the due date of a decision with a fixed date.")
        if self.due_on and self.issued_on and self.due_on < self.issued_on:
            errors["due_on"] = _("The due date cannot be before the date of issue.")
        if self.paragraph_id and self.meeting_id:
            if self.paragraph.protocol.meeting_id != self.meeting_id:
                errors["paragraph"] = _("The paragraph belongs to another meeting's protocol.")
        if self.control_state == self.ControlState.REMOVED and not (
            self.removed_on and self.removal_basis
        ):
            errors["removal_basis"] = _("Removal from control needs a date and a basis.")
        if errors:
            raise ValidationError(errors)

    title = Translated()
    text = Translated()

    @property
    def is_on_control(self) -> bool:
        return self.control_state == self.ControlState.ON_CONTROL

    def side_parts(self) -> list[DecisionSide]:
        """This decision's sides in side order (uses the prefetch of ``with_sides()``)."""
        return sorted(self.sides.all(), key=lambda s: (s.side.order, s.side.code))

    @property
    def joint_status(self) -> str:
        """The decision's status for both sides together, derived from each side's status.

        Rule (docs/decisions.md): all sides done → done; all sides finished (done or not done)
        with at least one not done → not done; all not started → not started; all reported →
        reported; anything else (one side ahead of the other, reported or returned) → in
        progress. A decision without sides is not started. Overdue is separate: see is_overdue.
        """
        statuses = [s.status for s in self.sides.all()]
        return joint_status_of(statuses)

    def is_overdue_on(self, today: datetime.date | None = None) -> bool:
        """On control, and some side still owes work after its due date."""
        if not self.is_on_control:
            return False
        return any(s.is_overdue_on(today) for s in self.sides.all())

    @property
    def is_overdue(self) -> bool:
        """Overdue as of today (derived each time, never stored)."""
        return self.is_overdue_on(None)

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        """The lead organisation and co-executors answerable for this decision on a side (on
        either side when ``side_id`` is None)."""
        ids: set[int] = set()
        for part in self.sides.all():
            if side_id is None or part.side_id == side_id:
                ids |= part.organisation_ids()
        return ids

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Decisions an organisation answers for, as lead or co-executor on either side."""
        return Q(**{f"{prefix}sides__lead_id": organisation_id}) | Q(
            **{f"{prefix}sides__co_executors": organisation_id}
        )


def joint_status_of(statuses: list[str]) -> str:
    """Apply the joint-status rule to the list of the sides' statuses."""
    S = DecisionSide.Status
    J = Decision.JointStatus
    if not statuses:
        return J.NOT_STARTED
    as_set = set(statuses)
    if as_set == {S.DONE}:
        return J.DONE
    if as_set <= {S.DONE, S.NOT_DONE}:
        return J.NOT_DONE
    if as_set == {S.NOT_STARTED}:
        return J.NOT_STARTED
    if as_set == {S.REPORTED}:
        return J.REPORTED
    return J.IN_PROGRESS


class DecisionSide(models.Model):
    """One side's part of a decision: who leads, who helps, how far it has got, when it is due."""

    history_parent = "decision"  # its writes are part of that record's history

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORTED = "reported", _("Reported, awaiting verification")
        RETURNED = "returned", _("Returned for revision")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="sides")
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    lead = models.ForeignKey(
        "directory.Organisation", verbose_name=_("lead organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_decision_sides",
    )
    co_executors = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("co-executors"), blank=True,
        related_name="co_executed_decision_sides",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True,
        help_text=_("This side's due date, counted on this side's working-day calendar."),
    )

    class Meta:
        ordering = ["decision", "side__order"]
        verbose_name = _("side of a decision")
        verbose_name_plural = _("sides of decisions")
        constraints = [
            models.UniqueConstraint(fields=["decision", "side"], name="decision_side_unique")
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.side.code}"

    def clean(self) -> None:
        if self.lead_id and self.side_id and self.lead.side_id != self.side_id:
            raise ValidationError(
                {"lead": _("The lead organisation must belong to this side.")}
            )

    # The access policy's protocol: a side's part is seen by whoever sees its decision.
    access_tier_field = "decision__access_tier"

    @property
    def access_tier(self) -> str:
        return self.decision.access_tier

    def organisation_ids(self) -> set[int]:
        ids = {o.pk for o in self.co_executors.all()}
        if self.lead_id:
            ids.add(self.lead_id)
        return ids

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return self.decision.responsible_org_ids(side_id)

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Parts of decisions the organisation answers for (``prefix`` leads to the decision)."""
        return Decision.responsible_q(organisation_id, prefix=prefix)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SIDE_STATUSES

    @property
    def takes_report(self) -> bool:
        """Whether a report may be submitted now: the side owes work and none awaits verification
        (the rule ``services.submit_report`` enforces; pages offer the action only then)."""
        return self.is_open and not any(
            r.verification == ExecutionReport.Verification.SUBMITTED for r in self.reports.all()
        )

    @property
    def takes_extension_request(self) -> bool:
        """Whether more time may be asked now: the side owes work, has a date, and no request of
        it awaits an answer (the rule ``services.request_extension`` enforces)."""
        return self.is_open and self.due_on is not None and not any(
            e.state == DeadlineExtension.State.REQUESTED for e in self.extensions.all()
        )

    def is_overdue_on(self, today: datetime.date | None = None) -> bool:
        """This side still owes work and its due date has passed."""
        return bool(
            self.due_on
            and self.is_open
            and self.decision.is_on_control
            and self.due_on < _today(today)
        )

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(None)


class ExecutionReport(Versioned):
    """A side's report on how it executed a decision, verified by that side's secretariat."""

    history_parent = "decision_side"  # its writes are part of that record's history

    class Verification(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for revision")

    decision_side = models.ForeignKey(
        DecisionSide, verbose_name=_("side of the decision"), on_delete=models.CASCADE,
        related_name="reports",
    )
    as_of = models.DateField(_("as of"))
    text = models.TextField(_("report"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices,
        default=Verification.SUBMITTED,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        ordering = ["decision_side", "-submitted_at", "-pk"]
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")

    def __str__(self) -> str:
        return _("Report on %(side)s as of %(date)s") % {
            "side": self.decision_side, "date": self.as_of.isoformat() if self.as_of else "—"
        }

    # The access policy's protocol: a report is seen by whoever sees its decision (both sides'
    # reports are on the control card), and verified by someone other than its submitter.
    access_tier_field = "decision_side__decision__access_tier"

    @property
    def access_tier(self) -> str:
        return self.decision_side.decision.access_tier

    @property
    def submitter_id(self) -> int | None:
        return self.submitted_by_id

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return self.decision_side.decision.responsible_org_ids(side_id)

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Reports on decisions the organisation answers for (``prefix`` leads to the decision)."""
        return Decision.responsible_q(organisation_id, prefix=prefix)


class EvidenceFile(models.Model):
    """A document attached to an execution report as evidence."""

    report = models.ForeignKey(ExecutionReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), storage=evidence_storage, upload_to="%Y/%m/",
                            max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=120)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class DeadlineExtension(Versioned):
    """A side's request to move its due date, with the reason and its secretariat's answer."""

    history_parent = "decision_side"  # its writes are part of that record's history

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    decision_side = models.ForeignKey(
        DecisionSide, verbose_name=_("side of the decision"), on_delete=models.CASCADE,
        related_name="extensions",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    reason = models.TextField(_("reason"))
    proposed_on = models.DateField(_("proposed due date"))
    previous_due_on = models.DateField(_("previous due date"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["decision_side", "-requested_at", "-pk"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return _("Extension of %(side)s to %(date)s") % {
            "side": self.decision_side, "date": self.proposed_on.isoformat()
        }

    # The access policy's protocol, as for reports: seen with the decision, decided by
    # someone other than the one who asked.
    access_tier_field = "decision_side__decision__access_tier"

    @property
    def access_tier(self) -> str:
        return self.decision_side.decision.access_tier

    @property
    def submitter_id(self) -> int | None:
        return self.requested_by_id

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return self.decision_side.decision.responsible_org_ids(side_id)

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Requests on decisions the organisation answers for (``prefix`` leads to the decision)."""
        return Decision.responsible_q(organisation_id, prefix=prefix)


class Notification(models.Model):
    """A message to one user about a decision (a reminder, a returned report)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.TextField(_("message"))
    # The language the message was written in: its recipient's (their notification settings).
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message[:80]


class ReminderLog(models.Model):
    """A reminder sent about a side's due date; the unique key makes each one go out once."""

    class Threshold(models.TextChoices):
        D7 = "d7", _("7 days before")
        D3 = "d3", _("3 days before")
        D1 = "d1", _("1 day before")
        MISSED = "missed", _("Due date missed")

    decision_side = models.ForeignKey(
        DecisionSide, on_delete=models.CASCADE, related_name="reminders"
    )
    threshold = models.CharField(_("threshold"), max_length=8, choices=Threshold.choices)
    due_on = models.DateField(_("due date reminded of"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_side", "threshold", "due_on"], name="reminder_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_side} {self.threshold} {self.due_on}"
