"""Pages of the decisions app: the registry, the control card, reports and their verification."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template import Context, Template
from django.template.loader import get_template, render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, can, reads_only, require, visible
from bilat.briefings.pagecache import (
    CSRF_MARK,
    PageRequest,
    block_context,
    built_once,
    cached_page,
    record_parts,
    render_blocks,
    request_key,
    whole_page,
)
from bilat.core.changelog import history_for
from bilat.core.pages import save_form
from bilat.core.views import list_page

from . import services
from .filters import DecisionFilterSet
from .forms import (
    AcceptForm,
    DecisionForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    RemovalForm,
    ReportForm,
    RestoreForm,
    ReturnForm,
    SideExecutorsForm,
    SideStatusForm,
)
from .models import (
    OPEN_SIDE_STATUSES,
    DeadlineExtension,
    Decision,
    DecisionSide,
    EvidenceFile,
    ExecutionReport,
)

SORT_OPTIONS = {
    "control_number": "control_number",
    # The sides' own dates (working days, approved extensions), not the decision's base date.
    "due_on": ("next_due", "control_number"),
    "status": ("done_sides", "control_number"),
}


def visible_decisions(request: HttpRequest):
    return visible(request.user, Decision.objects.all())


def _decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(visible_decisions(request).with_sides(), pk=pk)


def _part(request: HttpRequest, pk: int, side_code: str) -> DecisionSide:
    decision = _decision(request, pk)
    for part in decision.sides.all():
        if part.side.code == side_code.upper():
            part.decision = decision
            return part
    raise Http404(_("This decision has no part for that side."))


# The list shows the decisions and their sides, and filters by session (the paragraph's label).
@cached_page(areas=("decisions", "meetings"))
def decision_list(request: HttpRequest) -> HttpResponse:
    """The decisions the user may see, with filters, sorting and the overdue flag."""
    # What the "due on" and "status" orders sort by, computed only for the order asked for:
    # otherwise every list's count and query grouped the decisions' sides.
    sort = request.GET.get("sort", "control_number").lstrip("-")
    queryset = visible_decisions(request)
    if sort == "due_on":
        open_due = Min("sides__due_on", filter=Q(sides__status__in=OPEN_SIDE_STATUSES))
        queryset = queryset.annotate(next_due=Coalesce(open_due, Min("sides__due_on")))
    elif sort == "status":
        done = (DecisionSide.objects.filter(decision=OuterRef("pk"),
                                            status=DecisionSide.Status.DONE)
                .values("decision").annotate(n=Count("pk")).values("n"))
        queryset = queryset.annotate(done_sides=Subquery(done))
    response = list_page(
        request, queryset, template="decisions/decision_list.html",
        filterset_class=DecisionFilterSet, sort_options=SORT_OPTIONS,
        default_sort="control_number",
        context={"today": timezone.localdate(), "can_add": can(request.user, Action.ADD),
                 "filters": list_filters(request)},
    )
    # Each row from the cache under its decision's marks: a report on one decision, which
    # builds the list again for every reader, builds that decision's row alone. Only the rows
    # not in the cache read their sides, with side and lead: all a row shows of them (not the
    # co-executors, reports and evidence of ``with_sides``).
    sides = DecisionSide.objects.select_related("side", "lead").order_by("side__order",
                                                                        "side__code")
    row = get_template("decisions/_decision_row.html")
    response.context_data["rows"] = record_parts(
        "decisions.row", list(response.context_data["object_list"]),
        lambda decision: row.render({"decision": decision}), model=Decision, areas=("meetings",),
        prepare=lambda missing: prefetch_related_objects(missing, Prefetch("sides", sides)))
    return response


def list_filters(request: HttpRequest) -> str:
    """The decisions list's filter form (``core/_filters.html``), as ``list_page`` would render
    it, from the cache: its choices are sessions the user may see, sectors and organisations,
    so a write to the decisions (which rebuilds the list) keeps it; a seventh of the list's
    building was its select boxes."""
    sort = request.GET.get("sort", "control_number")
    if sort.lstrip("-") not in SORT_OPTIONS:
        sort = "control_number"

    def build() -> str:
        filterset = DecisionFilterSet(request.GET or None, queryset=Decision.objects.none(),
                                      request=request)
        return str(render_to_string("core/_filters.html", {
            "filterset": filterset, "sort": sort, "request": PageRequest(request)}))

    return mark_safe(built_once(  # noqa: S308
        request_key("decisions.filters", request, areas=("meetings",)), build))


DETAIL = "decisions/decision_detail.html"


# A decision's page shows it, its sides, reports and requests (its own marks), its session and
# paragraph, and the sides' conversation. Those who may only read share it by sight; for those
# who act on it, ``acting_detail`` caches all but their actions.
@cached_page(when=reads_only, record=(Decision, "pk"), areas=("meetings", "work"))
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The control card: both sides side by side, reports, extensions, control and history."""
    if not reads_only(request.user):
        return acting_detail(request, pk)
    return plain_detail(request, pk)


def plain_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    """A decision's page rendered in one go for ``request.user``, actions and all: what a
    reader's cached page and ``acting_detail`` read as."""
    decision = _shown_decision(request, pk)
    actions = decision_actions(request.user, decision, timezone.localdate())
    return TemplateResponse(request, DETAIL, detail_context(
        decision, lambda name: actions.get(name, "")))


def _shown_decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(
        visible_decisions(request).with_sides().select_related("paragraph", "removed_by")
        .prefetch_related(
            Prefetch("sides__extensions", queryset=DeadlineExtension.objects.select_related(
                "requested_by", "decided_by")),
        ),
        pk=pk,
    )


def detail_context(decision: Decision, action) -> dict:
    """What the page shows of ``decision``, with ``action(name)`` where a user's own action
    goes (``decision_actions``: the rendered action, or a place kept for it)."""
    today = timezone.localdate()
    parts = []
    for part in decision.side_parts():
        for report in part.reports.all():
            report.actions = action(f"report-{report.pk}")
        for ext in part.extensions.all():
            ext.actions = action(f"extension-{ext.pk}")
        parts.append({"part": part, "overdue": part.is_overdue_on(today),
                      "actions": action(f"side-{part.side.code}")})
    return {
        "decision": decision,
        "parts": parts,
        "overdue": decision.is_overdue_on(today),
        "actions": {"edit": action("edit"), "control": action("control"),
                    "conversation": action("conversation")},
        "history": history_for(decision),
    }


def decision_actions(user, decision: Decision, today) -> dict[str, str]:
    """What ``user`` may do on the decision's page, each rendered by name (an action not
    offered has no entry): edit, control, each side's actions, accepting or returning each
    report, answering each request for more time."""
    out = {}
    controls = False
    for part in decision.side_parts():
        sid = part.side_id
        item = {
            "can_change": can(user, Action.CHANGE_SIDE, decision, side_id=sid),
            "can_assign": can(user, Action.ASSIGN, decision, side_id=sid),
            "can_report": can(user, Action.REPORT, decision, side_id=sid),
        }
        controls |= can(user, Action.CONTROL, decision, side_id=sid)
        out[f"side-{part.side.code}"] = render_to_string(
            f"{DETAIL}#side", {"item": item, "part": part, "decision": decision})
        # Asked per report and request: nobody verifies or decides their own.
        for report in part.reports.all():
            if (report.verification == ExecutionReport.Verification.SUBMITTED
                    and can(user, Action.VERIFY, report, side_id=sid)):
                out[f"report-{report.pk}"] = render_to_string(f"{DETAIL}#report",
                                                              {"report": report})
        for ext in part.extensions.all():
            if (ext.state == DeadlineExtension.State.REQUESTED
                    and can(user, Action.CONTROL, ext, side_id=sid)):
                out[f"extension-{ext.pk}"] = render_to_string(f"{DETAIL}#extension",
                                                              {"ext": ext})
    if can(user, Action.CHANGE, decision):
        out["edit"] = render_to_string(f"{DETAIL}#edit", {"can_edit": True,
                                                          "decision": decision})
    if controls:
        out["control"] = render_to_string(f"{DETAIL}#control", {"can_control": True,
                                                                "decision": decision})
    return {name: mark_safe(text) for name, text in out.items()}  # noqa: S308


ACTION_MARK = "<!--bilat-action:{}-->"
ACTION_MARKS = re.compile(r"<!--bilat-action:([\w-]+)-->")


def acting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision's page for one who may act on it: what every reader of their sight sees,
    from the cache (keyed as a reader's page: the decision's marks, its session's and the
    conversation's areas, the sight), with places kept for the actions; the user's own actions
    and the conversation, cached for the user under the same state (the conversation's form
    with a mark where each request puts its reader's CSRF token)."""
    user = request.user
    state = {"areas": ("meetings", "work"), "record": (Decision, pk)}

    def build() -> dict:
        shown = _shown_decision(request, pk)
        context = {**block_context(request), **detail_context(
            shown, lambda name: mark_safe(ACTION_MARK.format(name)))}  # noqa: S308
        return {"blocks": render_blocks(get_template(DETAIL), context)}

    def own() -> dict:
        decision = get_object_or_404(visible_decisions(request).prefetch_related(
            Prefetch("sides", queryset=DecisionSide.objects.select_related("side", "lead")),
            "sides__co_executors", "sides__reports", "sides__extensions"), pk=pk)
        actions = decision_actions(user, decision, timezone.localdate())
        actions["conversation"] = CONVERSATION.render(Context({
            "decision": decision, "request": request, "csrf_token": CSRF_MARK}))
        return actions

    page_key = request_key("page.acting", request, **state)
    own_key = request_key("page.acting.own", request, user.pk, **state)

    def render_page(marks: dict) -> HttpResponse:
        page = built_once(page_key, build)
        token = marks.get("csrf_token") or get_token(request)
        actions = {name: text.replace(CSRF_MARK, token)
                   for name, text in built_once(own_key, own).items()}
        blocks = {name: mark_safe(ACTION_MARKS.sub(  # noqa: S308
            lambda m: actions.get(m.group(1), ""), text)) for name, text in page["blocks"].items()}
        return render(request, "core/cached_page.html", {"blocks": blocks, **marks})

    return whole_page(request, f"{page_key}:{own_key}", render_page)


CONVERSATION = Template("{% load work %}{% conversation decision %}")


def _save_form(request, form, perform, *, title: str, back, success: str,
               template: str = "decisions/decision_action.html", extra: dict | None = None):
    """The decision pages' call of the shared write path: the form page titled, with a way back."""
    return save_form(request, form, perform, template=template, success=success,
                     context={"title": title, "back": back, **(extra or {})})


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    """Take a new decision on control (secretariat)."""
    require(request.user, Action.ADD)
    form = DecisionForm(request.POST or None, with_leads=True)

    def perform(data):
        decision = Decision(**form.changes())
        return services.adopt_decision(decision, actor=request.user, parts=form.parts())

    return _save_form(request, form, perform, title=_("New decision"), back=None,
                      success=_("The decision is on control."),
                      template="decisions/decision_form.html")


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the shared part of a decision, with the version check."""
    decision = _decision(request, pk)
    require(request.user, Action.CHANGE, decision)
    form = DecisionForm(request.POST or None, instance=Decision.objects.get(pk=pk))

    def perform(data):
        return services.update_decision(decision, form.changes(), actor=request.user,
                                        expected_version=data.get("version"))

    return _save_form(request, form, perform, title=_("Edit %(n)s") % {"n": decision},
                      back=decision, success=_("Saved."), template="decisions/decision_form.html",
                      extra={"decision": decision})


@login_required
def side_status(request: HttpRequest, pk: int, side_code: str) -> HttpResponse:
    """Move one side's part to a new status."""
    part = _part(request, pk, side_code)
    require(request.user, Action.CHANGE_SIDE, part.decision, side_id=part.side_id)
    form = SideStatusForm(request.POST or None, initial={"status": part.status})

    def perform(data):
        services.set_side_status(part, data["status"], actor=request.user, reason=data["reason"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Status of %(part)s") % {"part": part},
                      success=_("The status is changed."))


@login_required
def side_executors(request: HttpRequest, pk: int, side_code: str) -> HttpResponse:
    """Name one side's lead organisation and co-executors (the side's secretariat)."""
    part = _part(request, pk, side_code)
    require(request.user, Action.ASSIGN, part.decision, side_id=part.side_id)
    form = SideExecutorsForm(
        request.POST or None, part=part,
        initial={"lead": part.lead_id, "co_executors": [o.pk for o in part.co_executors.all()]},
    )

    def perform(data):
        services.set_side_executors(part, actor=request.user, lead=data["lead"],
                                    co_executors=data["co_executors"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Executors of %(part)s") % {"part": part},
                      success=_("The executors are saved."))


@login_required
def report_submit(request: HttpRequest, pk: int, side_code: str) -> HttpResponse:
    """Submit one side's execution report, with evidence files."""
    part = _part(request, pk, side_code)
    require(request.user, Action.REPORT, part.decision, side_id=part.side_id)
    form = ReportForm(request.POST or None, request.FILES or None,
                      initial={"as_of": timezone.localdate()})

    def perform(data):
        services.submit_report(part, actor=request.user, as_of=data["as_of"], text=data["text"],
                               files=data.get("evidence") or [])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Report on %(part)s") % {"part": part},
                      success=_("The report is submitted for verification."),
                      extra={"multipart": True})


def _report(request: HttpRequest, pk: int) -> ExecutionReport:
    report = get_object_or_404(
        ExecutionReport.objects.select_related("decision_side__decision", "decision_side__side"),
        pk=pk,
    )
    if not visible_decisions(request).filter(pk=report.decision_side.decision_id).exists():
        raise Http404
    return report


@login_required
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a report (the side's secretariat): the side's part is done."""
    report = _report(request, pk)
    part = report.decision_side
    require(request.user, Action.VERIFY, report, side_id=part.side_id)
    form = AcceptForm(request.POST or None)

    def perform(data):
        services.accept_report(report, actor=request.user, note=data["note"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Accept the report on %(part)s") % {"part": part},
                      success=_("The report is accepted."), extra={"report": report})


@login_required
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Return a report for revision, with the reason."""
    report = _report(request, pk)
    part = report.decision_side
    require(request.user, Action.VERIFY, report, side_id=part.side_id)
    form = ReturnForm(request.POST or None)

    def perform(data):
        services.return_report(report, actor=request.user, reason=data["return_reason"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Return the report on %(part)s") % {"part": part},
                      success=_("The report is returned for revision."), extra={"report": report})


@login_required
def extension_request(request: HttpRequest, pk: int, side_code: str) -> HttpResponse:
    """Ask for more time for one side."""
    part = _part(request, pk, side_code)
    require(request.user, Action.REPORT, part.decision, side_id=part.side_id)
    form = ExtensionRequestForm(request.POST or None)

    def perform(data):
        services.request_extension(part, actor=request.user, proposed_on=data["proposed_on"],
                                   reason=data["reason"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Ask for more time for %(part)s") % {"part": part},
                      success=_("The request is sent to the secretariat."))


@login_required
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or refuse a request for more time (the side's secretariat)."""
    extension = get_object_or_404(
        DeadlineExtension.objects.select_related("decision_side__decision", "decision_side__side"),
        pk=pk,
    )
    part = extension.decision_side
    if not visible_decisions(request).filter(pk=part.decision_id).exists():
        raise Http404
    require(request.user, Action.CONTROL, extension, side_id=part.side_id)
    form = ExtensionDecisionForm(request.POST or None)

    def perform(data):
        if data["verdict"] == "approve":
            services.approve_extension(extension, actor=request.user, note=data["decision_note"])
        else:
            services.refuse_extension(extension, actor=request.user, note=data["decision_note"])
        return part.decision

    return _save_form(request, form, perform, back=part.decision,
                      title=_("Answer the request for more time for %(part)s") % {"part": part},
                      success=_("The answer is recorded."), extra={"extension": extension})


def _control_side_id(request, decision):
    return services.acting_side_id(request.user, decision)


@login_required
def decision_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a decision from control, with the date and the basis."""
    decision = _decision(request, pk)
    require(request.user, Action.CONTROL, decision, side_id=_control_side_id(request, decision))
    form = RemovalForm(request.POST or None,
                       initial={"version": decision.version, "removed_on": timezone.localdate()})

    def perform(data):
        return services.remove_from_control(
            decision, actor=request.user, removed_on=data["removed_on"],
            basis=data["removal_basis"], expected_version=data.get("version"))

    return _save_form(request, form, perform, back=decision,
                      title=_("Remove %(n)s from control") % {"n": decision},
                      success=_("The decision is removed from control."))


@login_required
def decision_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a decision back on control."""
    decision = _decision(request, pk)
    require(request.user, Action.CONTROL, decision, side_id=_control_side_id(request, decision))
    form = RestoreForm(request.POST or None, initial={"version": decision.version})

    def perform(data):
        return services.restore_to_control(decision, actor=request.user, reason=data["reason"],
                                           expected_version=data.get("version"))

    return _save_form(request, form, perform, back=decision,
                      title=_("Restore %(n)s to control") % {"n": decision},
                      success=_("The decision is back on control."))


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Send an evidence file to a user who may see its decision."""
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("report__decision_side"), pk=pk
    )
    decision_id = evidence.report.decision_side.decision_id
    if not visible_decisions(request).filter(pk=decision_id).exists():
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True,
                        filename=evidence.original_name, content_type=evidence.content_type
                        or "application/octet-stream")
