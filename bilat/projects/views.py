"""Pages of the projects app: list, detail, create/edit, a side's progress, the portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.models import AccessTier
from bilat.core.services import StaleVersionError
from bilat.core.views import list_page
from bilat.decisions.models import Decision

from . import services
from .filters import ProjectFilterSet
from .forms import (
    LocationForm,
    MilestoneForm,
    MilestoneStatusForm,
    PartnerForm,
    ProgressForm,
    ProjectForm,
)
from .models import Milestone, PortfolioRule, Project, ProjectLocation, ProjectPartner

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


def _project_for_detail(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(
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


def _detail_context(request: HttpRequest, project: Project, **forms) -> dict:
    """Everything the detail page and its fragments show; blank part forms for the secretariat."""
    can_change = can(request.user, Action.CHANGE, project)
    locations_by_side: dict = {}
    for location in project.locations.all():
        locations_by_side.setdefault(location.side, []).append(location)
    milestones = list(project.milestones.all())
    for milestone in milestones:
        milestone.can_set_status = services.can_set_milestone_status(request.user, milestone)
    if can_change:
        forms.setdefault("partner_form", PartnerForm(prefix="partner"))
        forms.setdefault("location_form", LocationForm(prefix="location"))
        forms.setdefault("milestone_form", MilestoneForm(prefix="milestone"))
    return {
        "project": project,
        "locations_by_side": locations_by_side,
        "milestones": milestones,
        "history": services.project_history(project),
        "can_change": can_change,
        "progress_side": services.can_report_progress(request.user, project),
        **forms,
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project: values, jobs, capacity, where, who, milestones, decisions and history."""
    project = _project_for_detail(request, pk)
    return render(request, "projects/project_detail.html", _detail_context(request, project))


def _part_page(request: HttpRequest, pk: int, section: str, **forms) -> HttpResponse:
    """The detail page again (htmx: only the section's fragment), read after the write."""
    context = _detail_context(request, _project_for_detail(request, pk), **forms)
    if getattr(request, "htmx", False):
        return render(request, f"projects/project_detail.html#{section}", context)
    return render(request, "projects/project_detail.html", context)


def _part_written(request: HttpRequest, pk: int, section: str, message: str) -> HttpResponse:
    """After a successful write: the fresh fragment for htmx, else back to the page (PRG)."""
    if getattr(request, "htmx", False):
        return _part_page(request, pk, section)
    messages.success(request, message)
    return redirect(reverse("projects:detail", args=[pk]) + f"#{section}")


def _changeable_project(request: HttpRequest, pk: int) -> Project:
    project = _visible_project(request, pk)
    require(request.user, Action.CHANGE, project)
    return project


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Name an organisation as a partner of the project in a role (secretariat)."""
    project = _changeable_project(request, pk)
    form = PartnerForm(request.POST, prefix="partner")
    if form.is_valid():
        try:
            services.add_partner(project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _part_written(request, pk, "partners", _("Partner added."))
    return _part_page(request, pk, "partners", partner_form=form)


@login_required
@require_POST
def partner_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an organisation off a project (secretariat)."""
    partner = get_object_or_404(ProjectPartner.objects.select_related("project"), pk=pk)
    project = _changeable_project(request, partner.project_id)
    partner.project = project
    services.remove_partner(partner, actor=request.user)
    return _part_written(request, project.pk, "partners", _("Partner removed."))


@login_required
@require_POST
def location_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record where on one side the project is built (secretariat)."""
    project = _changeable_project(request, pk)
    form = LocationForm(request.POST, prefix="location")
    if form.is_valid():
        try:
            services.add_location(project, actor=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _part_written(request, pk, "locations", _("Location added."))
    return _part_page(request, pk, "locations", location_form=form)


@login_required
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a location: the detail page with that location's form open (secretariat)."""
    location = get_object_or_404(ProjectLocation.objects.select_related("project"), pk=pk)
    project = _changeable_project(request, location.project_id)
    form = LocationForm(request.POST or None, instance=location, prefix=f"edit-{location.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_location(location, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _part_written(request, project.pk, "locations", _("Location saved."))
    return _part_page(request, project.pk, "locations", edit_location=location,
                      edit_location_form=form)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan a step of the project (secretariat)."""
    project = _changeable_project(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    if form.is_valid():
        try:
            services.add_milestone(project, actor=request.user, values=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _part_written(request, pk, "milestones", _("Milestone added."))
    return _part_page(request, pk, "milestones", milestone_form=form)


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
    milestone.project = _visible_project(request, milestone.project_id)
    services.require_milestone_status(request.user, milestone)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_milestone_status(
                milestone, status=form.cleaned_data["status"], actor=request.user,
                progress_pct=form.cleaned_data["progress_pct"], reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _part_written(request, milestone.project_id, "milestones",
                                 _("Milestone updated."))
    return _part_page(request, milestone.project_id, "milestones", status_milestone=milestone,
                      status_form=form)


def _portfolio_row(request: HttpRequest, rule: PortfolioRule) -> dict:
    computed = services.compute_portfolio(rule, user=request.user)
    return {
        "rule": rule,
        "computed": computed,
        "figures": services.figure_history(rule, computed=computed),
    }


def _rules(user):
    """The rules, each with the stored figures ``user`` may see."""
    return PortfolioRule.objects.prefetch_related(
        Prefetch("figures", queryset=services.visible_figures(user)))


def portfolio(request: HttpRequest) -> HttpResponse:
    """Every portfolio rule in words, its figure computed now, and the history of its figures."""
    return render(request, "projects/portfolio.html", {
        "rows": [_portfolio_row(request, rule) for rule in _rules(request.user)],
        "by_stage": services.portfolio_by_stage(request.user),
        "can_record": can(request.user, Action.ADD),
        "tiers": AccessTier.choices,
    })


@login_required
@require_POST
def portfolio_record(request: HttpRequest, code: str) -> HttpResponse:
    """Store what a rule counts today beside the reported figures, published at the tier
    chosen (secretariat)."""
    rule = get_object_or_404(_rules(request.user), code=code)
    require(request.user, Action.ADD)
    try:
        services.record_computed_figure(
            rule, actor=request.user, note=request.POST.get("note", "")[:500],
            access_tier=request.POST.get("access_tier", AccessTier.PUBLIC),
        )
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    if getattr(request, "htmx", False):
        rule = _rules(request.user).get(pk=rule.pk)  # read the new figure back
        return render(request, "projects/portfolio.html#rule", {
            "row": _portfolio_row(request, rule), "can_record": True,
            "tiers": AccessTier.choices,
        })
    messages.success(request, _("Figure stored."))
    return redirect(reverse("projects:portfolio") + f"#rule-{rule.code}")
