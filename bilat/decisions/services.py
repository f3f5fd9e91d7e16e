"""Writes to the decisions registry: control, execution reports, verification, extensions.

Every service asks ``accounts.policy`` first, validates the transition, writes, and records a
change-log entry for each row it changes. Pages, the API, the admin and the command line all
come through here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, AnyUser, actor_of, require, visible
from bilat.commissions.models import sides_of
from bilat.core.changelog import record_change, snapshot
from bilat.core.services import StaleVersionError, bump_version, create_record, update_record
from bilat.directory.models import Side

from . import deadlines, notices
from .models import (
    DeadlineExtension,
    Decision,
    DecisionSide,
    EvidenceFile,
    ExecutionReport,
)

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Allowed evidence: extension → (content types a browser may send, how the file starts).
EVIDENCE_TYPES: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    ".pdf": (("application/pdf",), (b"%PDF",)),
    ".docx": (
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "application/octet-stream", "application/zip"),
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "application/octet-stream", "application/zip"),
        (b"PK\x03\x04",),
    ),
    ".png": (("image/png",), (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": (("image/jpeg", "image/pjpeg"), (b"\xff\xd8\xff",)),
    ".jpeg": (("image/jpeg", "image/pjpeg"), (b"\xff\xd8\xff",)),
    ".txt": (("text/plain",), ()),
}


# A file system keeps at most 255 bytes of a file's name; the storage may add "_" and seven
# characters to make a stored name unique.
EVIDENCE_NAME_BYTES = 255 - 8


def fitted_name(name: str, *, max_chars: int | None = None, max_bytes: int | None = None) -> str:
    """A file name shortened to at most so many characters or UTF-8 bytes, keeping its extension."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = dot + ext
    if max_chars is not None:
        stem = stem[: max(max_chars - len(ext), 0)]
    if max_bytes is not None:
        stem = stem.encode()[: max(max_bytes - len(ext.encode()), 0)].decode("utf-8", "ignore")
    return stem + ext


def check_evidence(upload) -> None:
    """Refuse an evidence file that is too large or not a PDF, DOCX, XLSX, PNG, JPEG or text."""
    name = getattr(upload, "name", "") or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {"evidence": _("%(name)s is larger than 20 MB.") % {"name": name}}
        )
    if ext not in EVIDENCE_TYPES:
        raise ValidationError(
            {"evidence": _("%(name)s: only PDF, DOCX, XLSX, PNG, JPG and TXT files are accepted.")
             % {"name": name}}
        )
    content_types, magics = EVIDENCE_TYPES[ext]
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip()
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    ok_type = not content_type or content_type in content_types
    if magics:
        ok_content = any(head.startswith(m) for m in magics)
    else:
        try:
            head.decode("utf-8")
            ok_content = b"\x00" not in head
        except UnicodeDecodeError:
            ok_content = False
    if not (ok_type and ok_content):
        raise ValidationError(
            {"evidence": _("%(name)s does not look like a %(kind)s file.")
             % {"name": name, "kind": ext[1:].upper()}}
        )


def _check_version(decision: Decision, expected_version: int | None) -> None:
    if expected_version is not None:
        current = Decision.objects.only("version").get(pk=decision.pk).version
        if current != expected_version:
            decision.version = current
            raise StaleVersionError(decision, expected_version)


def _log_side(part: DecisionSide, before: dict, *, action: str, actor: User,
              reason: str = "") -> None:
    record_change(part, action=action, actor=actor, before=before, message=reason)
    bump_version(part.decision)


def _require_on_control(decision: Decision) -> None:
    if not decision.is_on_control:
        raise ValidationError(_("This decision has been removed from control."))


def side_due_on(decision: Decision, side: Side) -> datetime.date | None:
    """The due date of one side's part on that side's working-day calendar."""
    return deadlines.due_date(
        decision.deadline_type, decision.issued_on, side.code, fixed_on=decision.due_on
    )


def base_due_on(deadline_type: str, issued_on, due_on,
                commission_id: int | None = None) -> datetime.date | None:
    """The decision's own due date: given for a fixed date, computed for the other types.

    For a term counted in working days (urgent, prompt) it is the later of the two sides'
    dates; for monthly and quarterly reports the calendar date before any holiday shift.
    """
    if deadline_type == Decision.DeadlineType.STANDING:
        return None
    if deadline_type == Decision.DeadlineType.FIXED or not issued_on:
        return due_on
    codes = list(sides_of(commission_id).values_list("code", flat=True))
    if not codes:
        return due_on
    if deadline_type in (Decision.DeadlineType.URGENT, Decision.DeadlineType.PROMPT):
        return max(deadlines.due_date(deadline_type, issued_on, code) for code in codes)
    return deadlines.unadjusted_due_date(deadline_type, issued_on, codes[0])


# --- the decision itself -----------------------------------------------------------------------


@transaction.atomic
def adopt_decision(
    decision: Decision, *, actor: User, parts: Iterable[dict] | None = None, reason: str = ""
) -> Decision:
    """Take a new decision on control, with a part for each side.

    ``parts`` lists ``{"side": Side, "lead": Organisation | None, "co_executors": [...]}``;
    without it the decision gets an empty part for every side of the commission.
    """
    if decision.meeting_id:  # a meeting's decision belongs to the meeting's commission
        decision.commission_id = decision.meeting.commission_id
    require(actor, Action.ADD, commission_id=decision.commission_id)
    decision.control_state = Decision.ControlState.ON_CONTROL
    decision.due_on = base_due_on(decision.deadline_type, decision.issued_on, decision.due_on,
                                  decision.commission_id)
    create_record(decision, actor=actor, reason=reason)
    if parts is None:
        parts = [{"side": side} for side in sides_of(decision.commission_id)]
    for spec in parts:
        part = DecisionSide(
            decision=decision, side=spec["side"], lead=spec.get("lead"),
            due_on=side_due_on(decision, spec["side"]),
        )
        _validate_executors(part, spec.get("lead"), spec.get("co_executors", ()))
        part.save()
        part.co_executors.set(spec.get("co_executors", ()))
        record_change(part, action="create", actor=actor, message=reason)
    return decision


EDITABLE_DECISION_FIELDS = {
    "control_number", "source_kind", "meeting", "paragraph", "source_number", "source_date",
    "paragraph_ref", "title_en", "title_ru", "text_en", "text_ru", "signed_language", "sector",
    "access_tier", "deadline_type", "issued_on", "due_on", "provenance",
}


@transaction.atomic
def update_decision(
    decision: Decision, changes: dict, *, actor: User, expected_version: int | None,
    reason: str = "",
) -> Decision:
    """Edit the shared part of a decision; sides not given an extension follow a new due date."""
    require(actor, Action.CHANGE, decision)
    unknown = set(changes) - EDITABLE_DECISION_FIELDS
    if unknown:
        raise ValidationError(
            {name: _("This field is changed through its own action.") for name in sorted(unknown)}
        )
    current = Decision.objects.get(pk=decision.pk)
    changes = dict(changes)
    term = {name: changes.get(name, getattr(current, name))
            for name in ("deadline_type", "issued_on", "due_on")}
    if term["deadline_type"] != Decision.DeadlineType.FIXED:
        changes["due_on"] = base_due_on(term["deadline_type"], term["issued_on"], term["due_on"],
                                        decision.commission_id)
    fresh = update_record(
        decision, changes, actor=actor, expected_version=expected_version, reason=reason
    )
    term_changed = any(getattr(fresh, n) != getattr(current, n) for n in term)
    if term_changed:
        # A side keeps a date its secretariat approved as an extension; the others follow.
        for part in fresh.sides.select_related("side"):
            if part.extensions.filter(state=DeadlineExtension.State.APPROVED).exists():
                continue
            new_due_on = side_due_on(fresh, part.side)
            if part.due_on != new_due_on:
                before = snapshot(part)
                part.due_on = new_due_on
                part.save()
                record_change(part, action="update", actor=actor, before=before, message=reason)
    return fresh


@transaction.atomic
def remove_from_control(
    decision: Decision, *, actor: User, removed_on: datetime.date | None, basis: str,
    expected_version: int | None = None,
) -> Decision:
    """Take a decision off control, with the date and the basis (a protocol, a report)."""
    require(actor, Action.CONTROL, decision, side_id=acting_side_id(actor, decision))
    errors = {}
    if not decision.is_on_control:
        raise ValidationError(_("This decision is already removed from control."))
    if not removed_on:
        errors["removed_on"] = _("Give the date of removal from control.")
    if not (basis or "").strip():
        errors["removal_basis"] = _("Give the basis for removal from control.")
    if errors:
        raise ValidationError(errors)
    return update_record(
        decision,
        {"control_state": Decision.ControlState.REMOVED, "removed_on": removed_on,
         "removal_basis": basis.strip(), "removed_by": actor},
        actor=actor, expected_version=expected_version, action="remove_from_control",
        reason=basis.strip(),
    )


@transaction.atomic
def restore_to_control(
    decision: Decision, *, actor: User, reason: str, expected_version: int | None = None
) -> Decision:
    """Put a decision removed from control back on control."""
    require(actor, Action.CONTROL, decision, side_id=acting_side_id(actor, decision))
    if decision.is_on_control:
        raise ValidationError(_("This decision is already on control."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for restoring it to control.")})
    return update_record(
        decision,
        {"control_state": Decision.ControlState.ON_CONTROL, "removed_on": None,
         "removal_basis": "", "removed_by": None},
        actor=actor, expected_version=expected_version, action="restore_to_control",
        reason=reason.strip(),
    )


def linkable_decisions(user: AnyUser):
    """The decisions a user may link a project or a target to: those open to them, in order."""
    return visible(user, Decision.objects.all()).order_by("control_number")


def acting_side_id(actor: User, decision: Decision) -> int | None:
    """The side for which ``actor`` controls the decision as a whole: its own when that side
    takes part in it, else the decision's side of lowest id (a secretariat of another side is
    then refused by the policy)."""
    # Control of the decision as a whole is exercised by the secretariat of a side that takes
    # part in it; the change log records which one.
    side_id = actor_of(actor).side_id
    side_ids = {p.side_id for p in decision.sides.all()}
    return side_id if side_id in side_ids else (min(side_ids) if side_ids else None)


# --- one side's part -----------------------------------------------------------------------------


def _validate_executors(part: DecisionSide, lead, co_executors) -> None:
    errors = {}
    if lead is not None and lead.side_id != part.side_id:
        errors["lead"] = _("The lead organisation must belong to this side.")
    wrong = [str(o) for o in co_executors if o.side_id not in (part.side_id, None)]
    if wrong:
        errors["co_executors"] = _("Co-executors must belong to this side: %(names)s.") % {
            "names": ", ".join(wrong)
        }
    if lead is not None and any(o.pk == lead.pk for o in co_executors):
        errors["co_executors"] = _("The lead organisation is not also a co-executor.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_side_executors(
    part: DecisionSide, *, actor: User, lead, co_executors: Iterable = (),
    expected_version: int | None = None, reason: str = "",
) -> DecisionSide:
    """Name the lead organisation and co-executors of one side's part (its secretariat)."""
    decision = part.decision
    require(actor, Action.ASSIGN, decision, side_id=part.side_id)
    _check_version(decision, expected_version)
    co_executors = list(co_executors)
    _validate_executors(part, lead, co_executors)
    before = snapshot(part)
    part.lead = lead
    part.save()
    part.co_executors.set(co_executors)
    if snapshot(part) != before:
        _log_side(part, before, action="set_executors", actor=actor, reason=reason)
    return part


# Status changes made by hand; "reported" comes only from a report and "done" only from
# accepting one. Closing a part as not done, and reopening a closed part, is control (VERIFY/
# CONTROL belongs to the side's secretariat).
S = DecisionSide.Status
MANUAL_TRANSITIONS: dict[str, set[str]] = {
    S.NOT_STARTED: {S.IN_PROGRESS, S.NOT_DONE},
    S.IN_PROGRESS: {S.NOT_STARTED, S.NOT_DONE},
    S.RETURNED: {S.IN_PROGRESS, S.NOT_DONE},
    S.REPORTED: set(),
    S.DONE: {S.IN_PROGRESS},
    S.NOT_DONE: {S.IN_PROGRESS},
}
CONTROL_TRANSITIONS = {(s, S.NOT_DONE) for s in S} | {(S.DONE, S.IN_PROGRESS),
                                                      (S.NOT_DONE, S.IN_PROGRESS)}


@transaction.atomic
def set_side_status(
    part: DecisionSide, status: str, *, actor: User, expected_version: int | None = None,
    reason: str = "",
) -> DecisionSide:
    """Move one side's part to a new status (reports and verification have their own services)."""
    decision = part.decision
    require(actor, Action.CHANGE_SIDE, decision, side_id=part.side_id)
    part = DecisionSide.objects.select_for_update().get(pk=part.pk)
    if status not in S.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == part.status:
        raise ValidationError({"status": _("This side already has that status.")})
    if status not in MANUAL_TRANSITIONS[part.status]:
        if part.status == S.REPORTED:
            message = _("A report is awaiting verification: accept or return it first.")
        elif status == S.REPORTED:
            message = _("A side becomes reported by submitting a report.")
        elif status == S.DONE:
            message = _("A side becomes done when its secretariat accepts its report.")
        else:
            message = _("This status cannot follow the current one.")
        raise ValidationError({"status": message})
    if (part.status, status) in CONTROL_TRANSITIONS:
        require(actor, Action.CONTROL, decision, side_id=part.side_id)
    _check_version(decision, expected_version)
    before = snapshot(part)
    part.status = status
    part.save()
    _log_side(part, before, action="set_status", actor=actor, reason=reason)
    return part


# --- execution reports -------------------------------------------------------------------------


@transaction.atomic
def submit_report(
    part: DecisionSide, *, actor: User, as_of: datetime.date, text: str, files: Iterable = (),
) -> ExecutionReport:
    """Report how one side executed a decision, with evidence; the side becomes reported."""
    decision = part.decision
    require(actor, Action.REPORT, decision, side_id=part.side_id)
    part = DecisionSide.objects.select_for_update().get(pk=part.pk)
    _require_on_control(decision)
    if part.status in (S.DONE, S.NOT_DONE):
        raise ValidationError(_("This side's part is closed: it takes no more reports."))
    if part.status == S.REPORTED or part.reports.filter(
        verification=ExecutionReport.Verification.SUBMITTED
    ).exists():
        raise ValidationError(_("A report of this side is already awaiting verification."))
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Write what was done.")
    if not as_of:
        errors["as_of"] = _("Give the date the report speaks for.")
    elif as_of > timezone.localdate():
        errors["as_of"] = _("A report cannot speak for a date in the future.")
    files = list(files)
    for upload in files:
        try:
            check_evidence(upload)
        except ValidationError as exc:
            errors.setdefault("evidence", []).extend(exc.message_dict["evidence"])
    if errors:
        raise ValidationError(errors)
    report = ExecutionReport.objects.create(
        decision_side=part, as_of=as_of, text=text.strip(), submitted_by=actor,
        submitted_at=timezone.now(),
    )
    for upload in files:
        name = Path(upload.name or "").name
        EvidenceFile.objects.create(
            report=report, file=File(upload, name=fitted_name(name, max_bytes=EVIDENCE_NAME_BYTES)),
            original_name=fitted_name(name, max_chars=255), size=upload.size,
            content_type=(getattr(upload, "content_type", "") or "")[:120],
        )
    record_change(
        report, action="submit", actor=actor,
        after=snapshot(report, extra={"evidence": [e.original_name for e in report.evidence.all()]}),
    )
    before = snapshot(part)
    part.status = S.REPORTED
    part.save()
    _log_side(part, before, action="set_status", actor=actor)
    notices.notify(
        notices.secretariat_of(part.side_id), decision, notices.Kind.REPORT,
        lambda: (_("Report to verify: %(decision)s") % {"decision": decision.control_number},
                 _("%(user)s reported on %(decision)s for side %(side)s; it awaits your "
                   "verification.") % {"user": actor.get_username(),
                                       "decision": decision.control_number,
                                       "side": part.side.code}),
        skip=actor,
    )
    return report


def _verification_target(report: ExecutionReport, actor: User) -> DecisionSide:
    part = report.decision_side
    # The report itself is asked about, so that its submitter cannot verify it (four eyes).
    require(actor, Action.VERIFY, report, side_id=part.side_id)
    if report.verification != ExecutionReport.Verification.SUBMITTED:
        raise ValidationError(
            _("This report was already %(state)s.") % {"state": report.get_verification_display().lower()}
        )
    return part


@transaction.atomic
def accept_report(report: ExecutionReport, *, actor: User, note: str = "") -> ExecutionReport:
    """Accept a side's execution report: that side's part is done."""
    report = ExecutionReport.objects.select_for_update().get(pk=report.pk)
    part = _verification_target(report, actor)
    before = snapshot(report)
    report.verification = ExecutionReport.Verification.ACCEPTED
    report.version += 1
    report.verified_by = actor
    report.verified_at = timezone.now()
    report.save()
    record_change(report, action="accept", actor=actor, before=before, message=note)
    before = snapshot(part)
    part.status = S.DONE
    part.save()
    _log_side(part, before, action="set_status", actor=actor, reason=note)
    return report


@transaction.atomic
def return_report(report: ExecutionReport, *, actor: User, reason: str) -> ExecutionReport:
    """Return a side's report for revision, with the reason; the submitter is notified."""
    report = ExecutionReport.objects.select_for_update().get(pk=report.pk)
    part = _verification_target(report, actor)
    if not (reason or "").strip():
        raise ValidationError({"return_reason": _("Say why the report is returned.")})
    before = snapshot(report)
    report.verification = ExecutionReport.Verification.RETURNED
    report.version += 1
    report.verified_by = actor
    report.verified_at = timezone.now()
    report.return_reason = reason.strip()
    report.save()
    record_change(report, action="return", actor=actor, before=before, message=reason.strip())
    before = snapshot(part)
    part.status = S.RETURNED
    part.save()
    _log_side(part, before, action="set_status", actor=actor, reason=reason.strip())
    notices.notify(
        [report.submitted_by], part.decision, notices.Kind.RETURNED,
        lambda: (_("Report returned: %(decision)s") % {"decision": part.decision.control_number},
                 _("Your report on %(decision)s was returned: %(reason)s")
                 % {"decision": part.decision.control_number, "reason": reason.strip()}),
    )
    return report


# --- deadline extensions -----------------------------------------------------------------------


@transaction.atomic
def request_extension(
    part: DecisionSide, *, actor: User, proposed_on: datetime.date | None, reason: str
) -> DeadlineExtension:
    """Ask to move one side's due date, giving the reason."""
    decision = part.decision
    require(actor, Action.REPORT, decision, side_id=part.side_id)
    _require_on_control(decision)
    if not part.is_open:
        raise ValidationError(_("Only a side that still owes work can ask for more time."))
    if part.due_on is None:
        raise ValidationError(_("A standing decision has no due date to extend."))
    if part.extensions.filter(state=DeadlineExtension.State.REQUESTED).exists():
        raise ValidationError(_("This side already has a request awaiting an answer."))
    errors = {}
    if not proposed_on:
        errors["proposed_on"] = _("Give the proposed due date.")
    elif proposed_on <= part.due_on:
        errors["proposed_on"] = _("The proposed date must be later than the current due date.")
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the extension.")
    if errors:
        raise ValidationError(errors)
    extension = DeadlineExtension.objects.create(
        decision_side=part, requested_by=actor, requested_at=timezone.now(),
        reason=reason.strip(), proposed_on=proposed_on, previous_due_on=part.due_on,
    )
    record_change(extension, action="request", actor=actor, message=reason.strip())
    bump_version(decision)
    notices.notify(
        notices.secretariat_of(part.side_id), decision, notices.Kind.EXTENSION,
        lambda: (_("More time asked: %(decision)s") % {"decision": decision.control_number},
                 _("%(user)s asks to move the due date of %(decision)s for side %(side)s "
                   "from %(old)s to %(new)s: %(reason)s")
                 % {"user": actor.get_username(), "decision": decision.control_number,
                    "side": part.side.code, "old": part.due_on, "new": proposed_on,
                    "reason": reason.strip()}),
        skip=actor,
    )
    return extension


def _decide_target(extension: DeadlineExtension, actor: User) -> DecisionSide:
    part = extension.decision_side
    require(actor, Action.CONTROL, extension, side_id=part.side_id)  # not one's own request
    if extension.state != DeadlineExtension.State.REQUESTED:
        raise ValidationError(
            _("This request was already %(state)s.") % {"state": extension.get_state_display().lower()}
        )
    return part


@transaction.atomic
def approve_extension(
    extension: DeadlineExtension, *, actor: User, note: str = ""
) -> DeadlineExtension:
    """Approve a request for more time: the side's due date moves, the old one is kept."""
    extension = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
    part = _decide_target(extension, actor)
    before = snapshot(extension)
    extension.state = DeadlineExtension.State.APPROVED
    extension.version += 1
    extension.previous_due_on = part.due_on
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    record_change(extension, action="approve", actor=actor, before=before, message=note)
    before = snapshot(part)
    part.due_on = extension.proposed_on
    part.save()
    _log_side(part, before, action="extend_deadline", actor=actor, reason=extension.reason)
    return extension


@transaction.atomic
def refuse_extension(extension: DeadlineExtension, *, actor: User, note: str) -> DeadlineExtension:
    """Refuse a request for more time, saying why; the due date stays."""
    extension = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
    _decide_target(extension, actor)
    if not (note or "").strip():
        raise ValidationError({"decision_note": _("Say why the request is refused.")})
    before = snapshot(extension)
    extension.state = DeadlineExtension.State.REFUSED
    extension.version += 1
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    record_change(extension, action="refuse", actor=actor, before=before, message=note.strip())
    bump_version(extension.decision_side.decision)
    return extension
