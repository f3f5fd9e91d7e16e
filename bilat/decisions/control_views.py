"""Pages and API of the control of execution: notifications, discipline, and the implementation
report of a session (the lists' spreadsheet export and import are ``bilat.core.sheets.views``)."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.accounts.policy import visible
from bilat.core.reports import XLSX, ReportColumn, attachment, pdf_from_template, report_xlsx
from bilat.core.sheets.views import download, requested_format
from bilat.core.views import list_page
from bilat.directory.models import Side
from bilat.meetings.models import Meeting

from . import reminders
from .carryover import implementation_status, report_columns, report_rows
from .discipline import BY_ORGANISATION, BY_SIDE, execution_discipline, total
from .models import Decision, DecisionSide, Notification

# --- notifications -----------------------------------------------------------------------------


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notifications (reminders, returned reports), newest first."""
    notes = Notification.objects.filter(user=request.user).select_related("decision")
    if request.GET.get("unread"):
        notes = notes.filter(read_at__isnull=True)
    return list_page(
        request, notes, template="decisions/control/notification_list.html",
        sort_options={"created_at": ("created_at",)}, default_sort="-created_at",
        context={"unread": reminders.unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of the user's notifications as read."""
    raw = request.POST.get("id")
    ids = [int(raw)] if raw and raw.isdigit() else None
    reminders.mark_read(request.user, ids)
    return HttpResponseRedirect(reverse("decisions:notifications"))


# --- execution discipline ----------------------------------------------------------------------


class DisciplineForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    by = forms.ChoiceField(
        label=gettext_lazy("Per"), required=False,
        choices=[(BY_ORGANISATION, gettext_lazy("lead organisation")),
                 (BY_SIDE, gettext_lazy("side"))],
    )
    side = forms.ChoiceField(label=gettext_lazy("Side"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = [("", gettext_lazy("Both sides")), *(
            (side.code, side.name) for side in Side.objects.all())]

    def period(self) -> dict:
        """The cleaned query, with the defaults: since the last session up to today, per organisation.

        The commission reviews execution session by session, so the period opens at the latest
        meeting held (or on 1 January when there is none).
        """
        today = timezone.localdate()
        data = self.cleaned_data
        last_session = (
            Meeting.objects.filter(held_on__lte=today).order_by("-held_on")
            .values_list("held_on", flat=True).first()
        )
        start = data.get("start") or last_session or today.replace(month=1, day=1)
        end = data.get("end") or today
        if end < start:
            raise forms.ValidationError({"end": _("The end of the period is before its start.")})
        return {"start": start, "end": end, "by": data.get("by") or BY_ORGANISATION,
                "side_code": (data.get("side") or "").upper() or None}


def _discipline(user, params) -> tuple[DisciplineForm, dict | None, list]:
    form = DisciplineForm({
        "start": params.get("from", params.get("start", "")),
        "end": params.get("to", params.get("end", "")),
        "by": params.get("by", ""), "side": params.get("side", ""),
    })
    if not form.is_valid():
        return form, None, []
    try:
        period = form.period()
    except forms.ValidationError as exc:
        form.add_error(None, exc)
        return form, None, []
    # The period the figures apply to, defaults filled in, is shown in the form's own fields.
    shown = DisciplineForm({"start": period["start"].isoformat(), "end": period["end"].isoformat(),
                            "by": period["by"], "side": period["side_code"] or ""})
    shown.is_valid()
    return shown, period, execution_discipline(user=user, **period)


def discipline_page(request: HttpRequest) -> HttpResponse:
    """Execution discipline per lead organisation or side over a period (done on time ÷ due)."""
    form, period, rows = _discipline(request.user, request.GET)
    return render(request, "decisions/control/discipline.html", {
        "form": form, "period": period, "rows": rows,
        "total": total(rows, _("Total")) if rows else None,
    }, status=200 if period else 400)  # a bad query is an error of its field, as on lists


class DisciplineRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Organisation code, or side code when by=side.")
    label = serializers.CharField()
    side = serializers.CharField()
    due = serializers.IntegerField(help_text="Parts that fell due in the period.")
    on_time = serializers.IntegerField(help_text="Done on time: accepted report by the due date.")
    late = serializers.IntegerField()
    not_done = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True,
                                    help_text="on_time ÷ due in per cent, one decimal.")


class DisciplineSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    by = serializers.ChoiceField(choices=[BY_ORGANISATION, BY_SIDE])
    rows = DisciplineRowSerializer(many=True)
    total = DisciplineRowSerializer()


class DisciplineAPIView(APIView):
    """Execution discipline per lead organisation or side (docs/control.md gives the formula)."""

    permission_classes = [AllowAny]  # counts only the decisions the caller may see

    @extend_schema(
        parameters=[
            OpenApiParameter("from", datetime.date, description="First due date counted "
                             "(default: 1 January of this year)."),
            OpenApiParameter("to", datetime.date, description="Last due date counted "
                             "(default and latest: today)."),
            OpenApiParameter("by", str, enum=[BY_ORGANISATION, BY_SIDE]),
            OpenApiParameter("side", str, description="Only this side (KZ, UZ)."),
        ],
        responses=DisciplineSerializer,
    )
    def get(self, request):
        form, period, rows = _discipline(request.user, request.query_params)
        if period is None:
            errors = {("from" if k == "start" else "to" if k == "end" else k): v
                      for k, v in form.errors.items()}
            raise APIValidationError(errors)
        return Response({
            "start": period["start"].isoformat(), "end": min(period["end"], timezone.localdate())
            .isoformat(), "by": period["by"],
            "rows": [r.as_dict() for r in rows], "total": total(rows).as_dict(),
        })


# --- the implementation report of a session ------------------------------------------------------


def implementation_report(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """Status of implementation of the decisions of the Nth session, by sector and side."""
    from bilat.meetings.models import Meeting

    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=meeting_pk)
    report = implementation_status(meeting, user=request.user)
    statuses = DecisionSide.Status.choices
    for block in report.sectors:
        for tally in block.tallies.values():
            tally.cells = [tally.count(value) for value, _label in statuses]
    if request.GET.get("format") == "report":
        covers = _("Session %(n)s, as of %(date)s") % {"n": meeting.number,
                                                       "date": report.as_of.isoformat()}
        data = report_xlsx(_("Implementation"), covers, _decision_columns(report.side_codes),
                           report_rows(report))
        return attachment(data, XLSX, f"implementation-session-{meeting.number}-report.xlsx")
    if request.GET.get("format") == "pdf":
        data = pdf_from_template("decisions/control/implementation_print.html", {
            "meeting": meeting, "report": report,
            "statuses": [label for _v, label in DecisionSide.Status.choices]}, request=request)
        return attachment(data, "application/pdf",
                          f"implementation-session-{meeting.number}.pdf")
    if "format" in request.GET:
        columns = report_columns(report.side_codes, report.as_of)
        rows = [[c.export_value(d) for c in columns] for d in report_rows(report)]
        stem = f"implementation-session-{meeting.number}-{report.as_of.isoformat()}"
        return download(columns, rows, requested_format(request), stem,
                        title=f"session {meeting.number}",
                        notes=[(_("as of"), report.as_of.isoformat())])
    return render(request, "decisions/control/implementation.html", {
        "meeting": meeting, "report": report, "statuses": [label for _v, label in statuses],
    })


@require_safe
def public_progress(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """A session's progress for the public, in the manner of Decidim's accountability: per sector,
    how many of its public decisions are done, under way or not started, each with its
    plain-language summary. Built as the public sees it whoever asks: no restricted or official
    record, no account name."""
    from bilat.meetings.models import Meeting

    meeting = get_object_or_404(visible(None, Meeting.objects.all()), pk=meeting_pk)
    report = implementation_status(meeting, user=None)
    J = Decision.JointStatus
    groups = {J.DONE: "done", J.NOT_DONE: "done", J.REPORTED: "under_way",
              J.IN_PROGRESS: "under_way", J.NOT_STARTED: "not_started"}
    sectors = []
    for block in report.sectors:
        counts = {"done": 0, "under_way": 0, "not_started": 0}
        items = []
        for decision in block.decisions:
            status = decision.joint_status
            counts[groups.get(status, "under_way")] += 1
            summary = (decision.text or "").split(". ")[0].strip()
            items.append({"decision": decision, "status": status,
                          "status_label": J(status).label if status in J.values else status,
                          "summary": summary})
        total = len(items)
        sectors.append({"label": block.label, "counts": counts, "items": items, "total": total})
    return render(request, "decisions/control/public_progress.html", {
        "meeting": meeting, "sectors": sectors, "as_of": report.as_of,
        "total": sum(s["total"] for s in sectors),
        "done": sum(s["counts"]["done"] for s in sectors),
    })


# --- documents people read ------------------------------------------------------------------------


def _side_columns(side_codes: list[str]) -> list[ReportColumn]:
    def part_of(decision, code):
        return next((p for p in decision.sides.all() if p.side.code == code), None)

    columns = []
    for code in side_codes:
        columns += [
            ReportColumn(_("Lead, %(side)s") % {"side": code},
                         lambda d, c=code: (p := part_of(d, c)) and p.lead and p.lead.label, True),
            ReportColumn(_("Status, %(side)s") % {"side": code},
                         lambda d, c=code: (p := part_of(d, c)) and p.get_status_display()),
            ReportColumn(_("Due on, %(side)s") % {"side": code},
                         lambda d, c=code: (p := part_of(d, c)) and p.due_on),
        ]
    return columns


def _decision_columns(side_codes: list[str]) -> list[ReportColumn]:
    J = Decision.JointStatus
    return [
        ReportColumn(_("Control number"), lambda d: d.control_number),
        ReportColumn(_("Title"), lambda d: d.title, True),
        ReportColumn(_("Meeting"), lambda d: str(d.meeting) if d.meeting else ""),
        ReportColumn(_("Sector"), lambda d: str(d.sector) if d.sector else ""),
        ReportColumn(_("Joint status"), lambda d: J(d.joint_status).label),
        *_side_columns(side_codes),
        ReportColumn(_("Control"), lambda d: d.get_control_state_display()),
    ]


@require_safe
def decision_report(request: HttpRequest) -> HttpResponse:
    """The decision list as a formatted XLSX report in the reader's language, with the list
    page's filters (a bad filter answers 400 naming it)."""
    from .filters import DecisionFilterSet

    decisions = visible(request.user, Decision.objects.all()).with_sides().order_by(
        "control_number")
    filters = DecisionFilterSet(request.GET or None, queryset=decisions, request=request)
    if filters.is_bound and not filters.is_valid():
        errors = "; ".join(f"{name}: {' '.join(e)}" for name, e in filters.errors.items())
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    records = list(filters.qs)
    side_codes = list(Side.objects.values_list("code", flat=True))
    today = timezone.localdate()
    covers = _("%(n)s decisions as of %(date)s") % {"n": len(records), "date": today.isoformat()}
    data = report_xlsx(_("Decisions"), covers, _decision_columns(side_codes), records)
    return attachment(data, XLSX, f"decisions-report-{today.isoformat()}.xlsx")


@require_safe
def decision_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision's control card as PDF: both sides, their reports and requests for more time,
    as the reader may see them."""
    decision = get_object_or_404(
        visible(request.user, Decision.objects.all()).with_sides().prefetch_related(
            "sides__extensions"), pk=pk)
    data = pdf_from_template("decisions/control/decision_card.html", {
        "decision": decision, "today": timezone.localdate()}, request=request)
    return attachment(data, "application/pdf", f"decision-{decision.control_number}.pdf")
