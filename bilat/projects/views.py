"""Pages of the projects app: list, detail, create/edit, a side's progress, the portfolio."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, reads_only, require, visible
from bilat.briefings.pagecache import cached_page
from bilat.core.changelog import history_for
from bilat.core.models import AccessTier
from bilat.core.pages import VersionForm, save_form, save_part
from bilat.core.views import list_page
from bilat.decisions.models import Decision
from bilat.decisions.services import linkable_decisions

from . import services
from .filters import ProjectFilterSet
from .forms import (
    FigureRecordForm,
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


@cached_page(areas=("projects",))
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
        "page_url": project.get_absolute_url(),
        "locations_by_side": locations_by_side,
        "milestones": milestones,
        "history": history_for(project),
        "can_change": can_change,
        "progress_side": services.can_report_progress(request.user, project),
        **forms,
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project: values, jobs, capacity, where, who, milestones, decisions and history."""
    project = _project_for_detail(request, pk)
    return render(request, "projects/project_detail.html", _detail_context(request, project))


def _save_section(request: HttpRequest, pk: int, form, perform, *, section: str,
                  success: str, form_name: str = "", **shown) -> HttpResponse:
    """Write one part through the shared write path; answer with the project's page or section."""
    return save_part(
        request, form, perform, template="projects/project_detail.html",
        page=lambda **forms: _detail_context(request, _project_for_detail(request, pk), **forms),
        url=reverse("projects:detail", args=[pk]), section=section, success=success,
        form_name=form_name or f"{section[:-1]}_form", **shown)


def _changeable_project(request: HttpRequest, pk: int) -> Project:
    project = _visible_project(request, pk)
    require(request.user, Action.CHANGE, project)
    return project


class ProjectPartKind(NamedTuple):
    """One kind of part of a project, as its pages handle it."""

    model: type
    form_class: type
    section: str  # of the project's page
    saved: str
    removed: str


# The parts of a project, by the name the URLs give them (projects/urls.py).
PARTS = {
    "partner": ProjectPartKind(ProjectPartner, PartnerForm, "partners",
                           gettext_lazy("Partner saved."), gettext_lazy("Partner removed.")),
    "location": ProjectPartKind(ProjectLocation, LocationForm, "locations",
                            gettext_lazy("Location saved."), gettext_lazy("Location removed.")),
    "milestone": ProjectPartKind(Milestone, MilestoneForm, "milestones",
                             gettext_lazy("Milestone saved."), gettext_lazy("Milestone removed.")),
}


def _changeable_part(request: HttpRequest, model, pk: int):
    row = get_object_or_404(model.objects.select_related("project"), pk=pk)
    row.project = _changeable_project(request, row.project_id)
    return row


@login_required
def part_edit(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """The project's page with one partner's, location's or milestone's form open; a POST saves
    it with the version check (secretariat)."""
    kind = PARTS[part]
    row = _changeable_part(request, kind.model, pk)
    form = kind.form_class(request.POST or None, instance=row, prefix=f"edit-{row.pk}")
    return _save_section(
        request, row.project_id, form,
        lambda data: services.update_project_part(row, form.changes(), actor=request.user,
                                                  expected_version=data["version"]),
        section=kind.section, form_name="edit_form", editing=row, success=str(kind.saved))


@login_required
@require_POST
def part_remove(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Take a partner, a location or a milestone off a project, refused if it changed since the
    page was loaded (secretariat)."""
    kind = PARTS[part]
    row = _changeable_part(request, kind.model, pk)
    return _save_section(
        request, row.project_id, VersionForm(request.POST),
        lambda data: services.remove_project_part(row, actor=request.user,
                                                  expected_version=data["version"]),
        section=kind.section, form_name="remove_form", success=str(kind.removed))


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Name an organisation as a partner of the project in a role (secretariat)."""
    project = _changeable_project(request, pk)
    form = PartnerForm(request.POST, prefix="partner")
    return _save_section(
        request, pk, form,
        lambda data: services.add_partner(project, actor=request.user, **form.changes()),
        section="partners", success=_("Partner added."))


@login_required
@require_POST
def location_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record where on one side the project is built (secretariat)."""
    project = _changeable_project(request, pk)
    form = LocationForm(request.POST, prefix="location")
    return _save_section(
        request, pk, form,
        lambda data: services.add_location(project, actor=request.user, values=form.changes()),
        section="locations", success=_("Location added."))


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan a step of the project (secretariat)."""
    project = _changeable_project(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    return _save_section(
        request, pk, form,
        lambda data: services.add_milestone(project, actor=request.user, values=form.changes()),
        section="milestones", success=_("Milestone added."))


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """Register a new project (secretariat)."""
    require(request.user, Action.ADD)
    form = ProjectForm(request.POST or None,
                       launched_by_queryset=linkable_decisions(request.user))

    def perform(data):
        return services.create_project(actor=request.user, values=form.changes(),
                                       launched_by=data["launched_by"], reason=data["reason"])

    return save_form(request, form, perform, template="projects/project_form.html",
                     context={"project": None}, success=_("Project registered."))


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a project; a save made from a stale copy is refused with a clear message."""
    project = _visible_project(request, pk)
    require(request.user, Action.CHANGE, project)
    form = ProjectForm(request.POST or None, instance=project,
                       launched_by_queryset=linkable_decisions(request.user))

    def perform(data):
        return services.update_project(
            project, form.changes(), actor=request.user, expected_version=data["version"],
            launched_by=data["launched_by"], reason=data["reason"])

    return save_form(request, form, perform, template="projects/project_form.html",
                     context={"project": project}, success=_("Project saved."))


@login_required
def project_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """A side reports progress, jobs created and investment to date on its part of a project."""
    project = _visible_project(request, pk)
    side_id = services.can_report_progress(request.user, project)
    require(request.user, Action.CHANGE_SIDE, project, side_id=side_id)
    initial = {"version": project.version, "progress_pct": project.progress_pct,
               "jobs_created": project.jobs_created, "value_invested": project.value_invested}
    form = ProgressForm(request.POST or None, initial=initial)

    def perform(data):
        changes = {name: data[name] for name in form.changed_data
                   if name in services.SIDE_REPORTABLE_FIELDS}
        return services.report_project_progress(
            project, changes, actor=request.user, side_id=side_id,
            expected_version=data["version"], reason=data["reason"])

    return save_form(request, form, perform, template="projects/project_progress.html",
                     context={"project": project}, success=_("Progress reported."))


@login_required
@require_POST
def milestone_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Record whether a milestone was met (the side concerned, or either side if joint)."""
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    milestone.project = _visible_project(request, milestone.project_id)
    services.require_milestone_status(request.user, milestone)

    def perform(data):
        return services.set_milestone_status(
            milestone, status=data["status"], actor=request.user,
            progress_pct=data["progress_pct"], reason=data["reason"],
            expected_version=data["version"])

    return _save_section(
        request, milestone.project_id, MilestoneStatusForm(request.POST), perform,
        section="milestones", form_name="status_form", status_milestone=milestone,
        success=_("Milestone updated."))


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


# Computed from every project on each request (40–45 ms of CPU): those who may only read share
# it by sight until a write to the projects area; a secretariat's page carries its forms.
@cached_page(when=reads_only, areas=("projects",))
def portfolio(request: HttpRequest) -> HttpResponse:
    """Every portfolio rule in words, its figure computed now, and the history of its figures."""
    return TemplateResponse(request, "projects/portfolio.html", _portfolio_context(request))


def _portfolio_context(request: HttpRequest) -> dict:
    return {
        "rows": [_portfolio_row(request, rule) for rule in _rules(request.user)],
        "by_stage": services.portfolio_by_stage(request.user),
        "can_record": can(request.user, Action.ADD),
        "tiers": AccessTier.choices,
    }


@login_required
@require_POST
def portfolio_record(request: HttpRequest, code: str) -> HttpResponse:
    """Store what a rule counts today beside the reported figures, published at the tier
    chosen (secretariat)."""
    rule = get_object_or_404(_rules(request.user), code=code)
    require(request.user, Action.ADD)

    def perform(data):
        return services.record_computed_figure(rule, actor=request.user, note=data["note"],
                                               access_tier=data["access_tier"] or AccessTier.PUBLIC)

    def context(**forms) -> dict:
        fresh = _rules(request.user).get(pk=rule.pk)  # read the new figure back
        return {**_portfolio_context(request), "row": _portfolio_row(request, fresh),
                "record_rule": rule.code, **forms}

    return save_form(request, FigureRecordForm(request.POST), perform,
                     template="projects/portfolio.html", context=context,
                     form_name="record_form", section="rule", success=_("Figure stored."),
                     next_url=reverse("projects:portfolio") + f"#rule-{rule.code}")
