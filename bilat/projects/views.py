"""Pages of the projects app: list, detail, create/edit, a side's progress, the portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.changelog import history_for
from bilat.core.services import StaleVersionError
from bilat.core.views import list_page
from bilat.decisions.models import Decision

from . import services
from .filters import ProjectFilterSet
from .forms import MilestoneStatusForm, ProgressForm, ProjectForm
from .models import Milestone, PortfolioRule, Project, ProjectPartner

SORT_OPTIONS = {
    "code": "code",
    "title": "title_en",
    "value": "value_planned_usd",
    "jobs": "jobs_planned",
    "stage": ("stage", "code"),
}


def _visible_project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(visible(request.user, Project.objects.all()), pk=pk)


def project_list(request: HttpRequest) -> HttpResponse:
    """All projects the user may see, filtered, sorted and paginated."""
    projects = visible(request.user, Project.objects.select_related("sector"))
    return list_page(
        request, projects, template="projects/project_list.html",
        filterset_class=ProjectFilterSet, sort_options=SORT_OPTIONS, default_sort="code",
        context={"can_add": can(request.user, Action.ADD)},
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project: values, jobs, capacity, where, who, milestones, decisions and history."""
    project = get_object_or_404(
        visible(request.user, Project.objects.all())
        .select_related("sector", "parent")
        .prefetch_related(
            "locations__side",
            Prefetch(
                "partners", queryset=ProjectPartner.objects.select_related("organisation__side")
            ),
            Prefetch("milestones", queryset=Milestone.objects.select_related("side")),
            Prefetch("launched_by", queryset=visible(request.user, Decision.objects.all())),
            Prefetch("children", queryset=visible(request.user, Project.objects.all())),
        ),
        pk=pk,
    )
    locations_by_side: dict = {}
    for location in project.locations.all():
        locations_by_side.setdefault(location.side, []).append(location)
    return render(request, "projects/project_detail.html", {
        "project": project,
        "locations_by_side": locations_by_side,
        "history": history_for(project),
        "can_change": can(request.user, Action.CHANGE, project),
        "progress_side": services.can_report_progress(request.user, project),
    })


def _decisions_for(request: HttpRequest):
    return visible(request.user, Decision.objects.all()).order_by("control_number")


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """Register a new project (secretariat)."""
    require(request.user, Action.ADD)
    form = ProjectForm(request.POST or None, launched_by_queryset=_decisions_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(
                actor=request.user, values=form.changes(),
                launched_by=form.cleaned_data["launched_by"], reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Project registered."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project; a save made from a stale copy is refused with a clear message."""
    project = _visible_project(request, pk)
    require(request.user, Action.CHANGE, project)
    form = ProjectForm(
        request.POST or None, instance=project, launched_by_queryset=_decisions_for(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(
                project, form.changes(), actor=request.user,
                expected_version=form.cleaned_data["version"],
                launched_by=form.cleaned_data["launched_by"], reason=form.cleaned_data["reason"],
            )
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Project saved."))
            return redirect("projects:detail", pk=pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def project_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A side reports progress, jobs created and investment to date on its part of a project."""
    project = _visible_project(request, pk)
    side_id = services.can_report_progress(request.user, project)
    require(request.user, Action.CHANGE_SIDE, project, side_id=side_id)
    initial = {"version": project.version, "progress_pct": project.progress_pct,
               "jobs_created": project.jobs_created, "value_invested": project.value_invested}
    form = ProgressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data
                   if name in services.SIDE_REPORTABLE_FIELDS}
        try:
            services.report_project_progress(
                project, changes, actor=request.user, side_id=side_id,
                expected_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
            )
        except StaleVersionError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Progress reported."))
            return redirect("projects:detail", pk=pk)
    return render(request, "projects/project_progress.html", {"form": form, "project": project})


@login_required
@require_POST
def milestone_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Record whether a milestone was met (the side concerned, or either side if joint)."""
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    if not can(request.user, Action.VIEW, milestone.project):
        return HttpResponse(status=404)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_milestone_status(
                milestone, status=form.cleaned_data["status"], actor=request.user,
                progress_pct=form.cleaned_data["progress_pct"], reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Milestone updated."))
    else:
        messages.error(request, _("Choose a valid status and a progress between 0 and 100."))
    return redirect("projects:detail", pk=milestone.project_id)


def portfolio(request: HttpRequest) -> HttpResponse:
    """Every portfolio rule in words, with its computed figure beside the reported ones."""
    rows = []
    for rule in PortfolioRule.objects.prefetch_related("figures__reported_by"):
        computed = services.compute_portfolio(rule, user=request.user)
        rows.append({
            "rule": rule,
            "computed": computed,
            "comparisons": services.compare_figures(rule, computed=computed),
            "stored": [f for f in rule.figures.all() if f.origin == "computed"],
        })
    return render(request, "projects/portfolio.html", {
        "rows": rows,
        "by_stage": services.portfolio_by_stage(request.user),
    })
