"""Decisions in a spreadsheet: one row per decision, keyed by control number, both sides' parts.

Columns (docs/control.md lists them with their meaning):

- shared part (the secretariat's): source_kind, paragraph_ref, title_en, title_ru, sector (code),
  access_tier, deadline_type, issued_on, due_on — written with ``update_decision``;
- each side's part, prefixed with the side's code in lower case (``kz_``, ``uz_``): lead
  (organisation code), co_executors (codes separated by ";"), status — written with
  ``set_side_executors`` (the side's secretariat) and ``set_side_status``, so an officer may
  change only the status of its own side where its organisation is responsible;
- read-only: version, meeting, control_state, removed_on, the sides' due dates (they change
  through their own actions); derived and ignored on import: joint_status, overdue.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bilat.accounts.policy import Action, can, visible
from bilat.commissions.models import sides_of
from bilat.core.models import AccessTier
from bilat.core.sheets import (
    BOOL,
    CHOICE,
    CODES,
    DATE,
    INT,
    Column,
    RowRejected,
    Sheet,
    SheetRegistry,
    row_errors,
)
from bilat.directory.models import Organisation, Sector, Side

from . import services
from .filters import DecisionFilterSet
from .models import Decision, DecisionSide

SHARED_FIELDS = (
    "source_kind", "paragraph_ref", "title_en", "title_ru", "sector", "access_tier",
    "deadline_type", "issued_on", "due_on",
)


def _part(decision: Decision, code: str) -> DecisionSide | None:
    for part in decision.sides.all():
        if part.side.code == code:
            return part
    return None


def _side_get(code: str, getter):
    def get(decision: Decision):
        part = _part(decision, code)
        return None if part is None else getter(part)

    return get


class DecisionSheet(Sheet):
    """Decisions on control with both sides' parts."""

    name = "decisions"
    key = "control_number"
    title = gettext_lazy("Decisions")
    filterset_class = DecisionFilterSet
    ordering = ("control_number",)

    def sides(self) -> list[Side]:
        return list(sides_of())

    def columns(self) -> list[Column]:
        derived = {"derived": True}
        columns = [
            Column("control_number", lambda d: d.control_number,
                   label=gettext_lazy("Control number (the key of the row)")),
            Column("version", lambda d: d.version, INT,
                   label=gettext_lazy("Version exported; a row changed since is refused")),
            # The session number of a meeting the reader may see (see base_queryset).
            Column("meeting", lambda d: d.shown_meeting_number, INT,
                   label=gettext_lazy("Session number"),
                   read_only_reason=gettext_lazy("The meeting is changed on the decision page.")),
            Column("source_kind", lambda d: d.source_kind, CHOICE,
                   choices=Decision.SourceKind.values, writable=True,
                   label=gettext_lazy("Source of the decision")),
            Column("paragraph_ref", lambda d: d.paragraph_ref, writable=True,
                   label=gettext_lazy("Paragraph of the source")),
            Column("title_en", lambda d: d.title_en, writable=True,
                   label=gettext_lazy("Title (English)")),
            Column("title_ru", lambda d: d.title_ru, writable=True,
                   label=gettext_lazy("Title (Russian)")),
            Column("sector", lambda d: d.sector.code if d.sector_id else "", writable=True,
                   label=gettext_lazy("Sector code")),
            Column("access_tier", lambda d: d.access_tier, CHOICE, choices=AccessTier.values,
                   writable=True, label=gettext_lazy("Access tier")),
            Column("deadline_type", lambda d: d.deadline_type, CHOICE,
                   choices=Decision.DeadlineType.values, writable=True,
                   label=gettext_lazy("Deadline type")),
            Column("issued_on", lambda d: d.issued_on, DATE, writable=True, nullable=False,
                   label=gettext_lazy("Date the term starts")),
            Column("due_on", lambda d: d.due_on, DATE, writable=True,
                   label=gettext_lazy("Due date of the decision (empty if standing)")),
            Column("control_state", lambda d: d.control_state, CHOICE,
                   choices=Decision.ControlState.values, label=gettext_lazy("Control state"),
                   read_only_reason=gettext_lazy(
                       "Removal from control (with its date and basis) is done on the "
                       "decision page.")),
            Column("removed_on", lambda d: d.removed_on, DATE,
                   label=gettext_lazy("Removed from control on"),
                   read_only_reason=gettext_lazy(
                       "Removal from control (with its date and basis) is done on the "
                       "decision page.")),
            Column("joint_status", lambda d: d.joint_status, CHOICE,
                   choices=Decision.JointStatus.values,
                   label=gettext_lazy("Joint status of both sides (not read on import)"),
                   **derived),
            Column("overdue", lambda d: d.is_overdue, BOOL,
                   label=gettext_lazy("Overdue today (not read on import)"), **derived),
        ]
        for side in self.sides():
            code, p = side.code, side.code.lower()
            columns += [
                Column(f"{p}_lead", _side_get(code, lambda s: s.lead.code if s.lead_id else ""),
                       writable=True, label=_("Lead organisation code, %(side)s") % {"side": code}),
                Column(f"{p}_co_executors",
                       _side_get(code, lambda s: [o.code for o in s.co_executors.all()]),
                       CODES, writable=True,
                       label=_("Co-executor codes separated by ';', %(side)s") % {"side": code}),
                Column(f"{p}_status", _side_get(code, lambda s: s.status), CHOICE,
                       choices=DecisionSide.Status.values, writable=True,
                       label=_("Status of the part of %(side)s") % {"side": code}),
                Column(f"{p}_due_on", _side_get(code, lambda s: s.due_on), DATE,
                       label=_("Due date of %(side)s on its working-day calendar") % {"side": code},
                       read_only_reason=gettext_lazy(
                           "A side's due date follows the decision's due date, or an approved "
                           "extension.")),
                Column(f"{p}_overdue", _side_get(code, lambda s: s.is_overdue), BOOL,
                       label=_("Overdue today, %(side)s (not read on import)") % {"side": code},
                       **derived),
            ]
        return columns

    # -- reading ---------------------------------------------------------------------------------

    def base_queryset(self, user):
        from bilat.meetings.models import Meeting

        # A decision names its meeting only to a reader who may see that meeting.
        meeting = visible(user, Meeting.objects.filter(pk=OuterRef("meeting_id")))
        # A row shows each side's part, not its reports.
        decisions = Decision.objects.with_sides(reports=False)
        return visible(user, decisions).select_related("sector").annotate(
            shown_meeting_number=Subquery(meeting.values("number")[:1])
        )

    def find(self, user, keys) -> dict[str, Decision]:
        found = self.base_queryset(user).filter(control_number__in=list(keys))
        return {d.control_number: d for d in found}

    def can_import(self, user) -> bool:
        return can(user, Action.IMPORT)

    def can_create(self, user) -> bool:
        return can(user, Action.ADD)

    # -- writing ---------------------------------------------------------------------------------

    def _organisations(self, codes, column: str, errors: list) -> dict[str, Organisation]:
        found = {o.code: o for o in Organisation.objects.filter(code__in=list(codes))}
        for code in codes:
            if code not in found:
                errors.append(
                    (column, _("No organisation has the code “%(code)s”.") % {"code": code})
                )
        return found

    def _shared(self, changes: dict[str, Any], errors: list) -> dict[str, Any]:
        shared = {name: changes[name] for name in SHARED_FIELDS if name in changes}
        if "sector" in shared:
            code = shared["sector"]
            shared["sector"] = Sector.objects.filter(code=code).first() if code else None
            if code and shared["sector"] is None:
                errors.append(("sector", _("No sector has the code “%(code)s”.") % {"code": code}))
        return shared

    def _apply_sides(self, decision: Decision, changes: dict[str, Any], *, actor, reason: str,
                     errors: list) -> None:
        for part in decision.side_parts():
            p = part.side.code.lower()
            lead_col, co_col, status_col = f"{p}_lead", f"{p}_co_executors", f"{p}_status"
            if lead_col in changes or co_col in changes:
                lead_code = changes.get(lead_col, part.lead.code if part.lead_id else "")
                co_codes = changes.get(co_col, tuple(o.code for o in part.co_executors.all()))
                before = len(errors)
                lead = self._organisations([lead_code] if lead_code else [], lead_col, errors)
                co = self._organisations(co_codes, co_col, errors)
                if len(errors) == before:
                    try:
                        services.set_side_executors(
                            part, actor=actor, lead=lead.get(lead_code),
                            co_executors=[co[c] for c in co_codes], reason=reason,
                        )
                    except (ValidationError, PermissionDenied) as exc:
                        errors.extend(row_errors(
                            exc, columns={"lead": lead_col, "co_executors": co_col},
                            default=lead_col if lead_col in changes else co_col))
            if status_col in changes:
                try:
                    services.set_side_status(part, changes[status_col], actor=actor, reason=reason)
                except (ValidationError, PermissionDenied) as exc:
                    errors.extend(row_errors(exc, columns={}, default=status_col))

    def apply(self, obj: Decision, changes: dict[str, Any], *, actor, reason: str) -> None:
        errors: list[tuple[str, str]] = []
        shared = self._shared(changes, errors)
        if shared and not errors:
            try:
                services.update_decision(
                    obj, shared, actor=actor, expected_version=None, reason=reason
                )
            except (ValidationError, PermissionDenied) as exc:
                errors.extend(row_errors(exc, columns={f: f for f in SHARED_FIELDS},
                                         default=next(iter(shared))))
        self._apply_sides(obj, changes, actor=actor, reason=reason, errors=errors)
        if errors:
            raise RowRejected(errors)

    def create(self, values: dict[str, Any], *, actor, reason: str) -> Decision:
        from bilat.meetings.models import Meeting

        errors: list[tuple[str, str]] = []
        state = values.get("control_state")
        if state and state != Decision.ControlState.ON_CONTROL:
            errors.append(("control_state", _("A new decision starts on control.")))
        shared = self._shared(values, errors)
        decision = Decision(control_number=values["control_number"], **shared)
        if values.get("meeting") is not None:
            meetings = list(Meeting.objects.filter(number=values["meeting"])[:2])
            if len(meetings) != 1:
                errors.append(("meeting", _(
                    "Session %(number)s is not one meeting of the registry: create this "
                    "decision on its page.") % {"number": values["meeting"]}))
            else:
                decision.meeting = meetings[0]
        parts = []
        for side in self.sides():
            p = side.code.lower()
            lead_code = values.get(f"{p}_lead") or ""
            co_codes = values.get(f"{p}_co_executors") or ()
            lead = self._organisations([lead_code] if lead_code else [], f"{p}_lead", errors)
            co = self._organisations(co_codes, f"{p}_co_executors", errors)
            parts.append({"side": side, "lead": lead.get(lead_code),
                          "co_executors": [co[c] for c in co_codes if c in co]})
        if errors:
            raise RowRejected(errors)
        try:
            services.adopt_decision(decision, actor=actor, parts=parts, reason=reason)
        except (ValidationError, PermissionDenied) as exc:
            errors.extend(row_errors(
                exc, columns={f: f for f in (*SHARED_FIELDS, "control_number")},
                default="control_number"))
            raise RowRejected(errors) from exc
        decision = Decision.objects.with_sides().get(pk=decision.pk)
        statuses = {
            name: value for name, value in values.items()
            if name.endswith("_status") and value != DecisionSide.Status.NOT_STARTED
        }
        self._apply_sides(decision, statuses, actor=actor, reason=reason, errors=errors)
        if errors:
            raise RowRejected(errors)
        return decision


def register(registry: SheetRegistry) -> None:
    """Add this app's sheets to the registry (called from the app's ``ready``)."""
    registry.register(DecisionSheet())
