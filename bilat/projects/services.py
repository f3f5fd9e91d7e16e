"""Writes to projects and portfolio figures: each checks the access policy and logs itself.

Who may do what (docs/projects.md):

- the secretariat of either side creates and edits projects, their partners, locations and
  milestones (``Action.ADD`` / ``Action.CHANGE``);
- an officer whose organisation is a partner of the project on its side (and the secretariat of
  that side) may report progress for that side (``Action.CHANGE_SIDE``): the project's
  progress %, jobs created and value invested, and the status of that side's milestones or of
  joint ones. Other fields stay with the secretariat.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, AnyUser, actor_of, reader_of, require, visible
from bilat.core.languages import in_language, reader_language
from bilat.core.models import AccessTier
from bilat.core.services import (
    add_part,
    create_record,
    remove_part,
    update_part,
    update_record,
)
from bilat.decisions.models import Decision

from .models import (
    Milestone,
    PortfolioFigure,
    PortfolioRule,
    Project,
    ProjectLocation,
    ProjectPart,
    ProjectPartner,
)

# The fields a side may report on its own (Action.CHANGE_SIDE); everything else is CHANGE.
SIDE_REPORTABLE_FIELDS = frozenset({"progress_pct", "jobs_created", "value_invested",
                                    "value_invested_usd"})


def _fill_usd(values: dict, project: Project | None = None) -> dict:
    """A project in US dollars has its US$ values equal to its values; fill them in."""
    currency = values.get("currency", project.currency if project else "USD")
    if currency != "USD":
        return values
    for name in ("value_planned", "value_invested"):
        if name in values:
            values[f"{name}_usd"] = values[name]
    return values


def require_visible_decisions(actor: User, decisions: Iterable, *, field: str) -> None:
    """Refuse to link decisions the actor may not see, as if they did not exist (400, not 403)."""
    pks = {getattr(d, "pk", d) for d in decisions}
    if pks and visible(actor, Decision.objects.filter(pk__in=pks)).count() != len(pks):
        raise ValidationError({field: _("Choose among the decisions open to you.")})


@transaction.atomic
def create_project(
    *, actor: User, values: dict, launched_by: Iterable = (), reason: str = ""
) -> Project:
    """Register a new joint project (secretariat)."""
    require(actor, Action.ADD)
    require_visible_decisions(actor, launched_by, field="launched_by")
    project = Project(**_fill_usd(dict(values)))
    return create_record(project, actor=actor, reason=reason, m2m={"launched_by": list(launched_by)})


@transaction.atomic
def update_project(
    project: Project, changes: dict, *, actor: User, expected_version: int | None,
    launched_by: Iterable | None = None, reason: str = "",
) -> Project:
    """Edit a project's shared record (secretariat); refused if someone saved it meanwhile."""
    require(actor, Action.CHANGE, project)
    if launched_by is not None:
        launched_by = list(launched_by)
        require_visible_decisions(actor, launched_by, field="launched_by")
    m2m = {"launched_by": launched_by} if launched_by is not None else None
    return update_record(
        project, _fill_usd(dict(changes), project), actor=actor,
        expected_version=expected_version, reason=reason, m2m=m2m,
    )


@transaction.atomic
def report_project_progress(
    project: Project, changes: dict, *, actor: User, side_id: int, expected_version: int | None,
    reason: str = "",
) -> Project:
    """Report progress, jobs created or investment to date for one side's part of a project."""
    unknown = set(changes) - SIDE_REPORTABLE_FIELDS
    if unknown:
        raise ValidationError(
            {name: _("A side reports only progress, jobs created and investment.") for name in unknown}
        )
    require(actor, Action.CHANGE_SIDE, project, side_id=side_id)
    return update_record(
        project, _fill_usd(dict(changes), project), actor=actor,
        expected_version=expected_version, reason=reason, action="report",
    )


@transaction.atomic
def add_partner(
    project: Project, *, organisation, role: str, actor: User, reason: str = ""
) -> ProjectPartner:
    """Name an organisation as a project partner in a role (secretariat)."""
    require(actor, Action.CHANGE, project)
    partner = ProjectPartner(project=project, organisation=organisation, role=role)
    return add_part(project, partner, actor=actor, reason=reason)


@transaction.atomic
def add_location(project: Project, *, actor: User, values: dict,
                 reason: str = "") -> ProjectLocation:
    """Record where on one side the project is built (secretariat)."""
    require(actor, Action.CHANGE, project)
    return add_part(project, ProjectLocation(project=project, **values), actor=actor,
                    reason=reason)


@transaction.atomic
def add_milestone(project: Project, *, actor: User, values: dict, reason: str = "") -> Milestone:
    """Plan a step of the project (secretariat)."""
    require(actor, Action.CHANGE, project)
    return add_part(project, Milestone(project=project, **values), actor=actor, reason=reason)


@transaction.atomic
def update_project_part(part: ProjectPart, changes: dict, *, actor: User,
                        expected_version: int | None, reason: str = "") -> ProjectPart:
    """Correct a partner, a location or a milestone of a project (secretariat)."""
    require(actor, Action.CHANGE, part.project)
    return update_part(part, changes, parent=part.project, actor=actor,
                       expected_version=expected_version, reason=reason)


@transaction.atomic
def remove_project_part(part: ProjectPart, *, actor: User, expected_version: int | None,
                        reason: str = "") -> None:
    """Take a partner, a location or a milestone off a project (secretariat)."""
    require(actor, Action.CHANGE, part.project)
    remove_part(part, parent=part.project, actor=actor, expected_version=expected_version,
                reason=reason)


def require_milestone_status(actor: AnyUser, milestone: Milestone) -> None:
    """Refuse unless the actor may report this milestone: its side, or for a joint one its own."""
    side_id = milestone.side_id or actor_of(actor).side_id
    if side_id is None:
        require(actor, Action.CHANGE, milestone)
    else:
        require(actor, Action.CHANGE_SIDE, milestone, side_id=side_id)


def can_set_milestone_status(user: AnyUser, milestone: Milestone) -> bool:
    """Whether the user may say if this milestone was met (for showing the form)."""
    try:
        require_milestone_status(user, milestone)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def set_milestone_status(
    milestone: Milestone, *, status: str, actor: User, progress_pct: int | None = None,
    reason: str = "", expected_version: int | None = None,
) -> Milestone:
    """Say whether a milestone was met; a side's milestone is that side's to report.

    A joint milestone (no side) may be reported by either side, each acting for its own side.
    """
    require_milestone_status(actor, milestone)
    changes = {"status": status}
    if progress_pct is not None:
        changes["progress_pct"] = progress_pct
    return update_part(milestone, changes, parent=milestone.project, actor=actor,
                       expected_version=expected_version, reason=reason, action="set_status")


# --- Portfolio -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioTotals:
    """What a rule counts over the projects: how many, how much, how many jobs, and which."""

    project_count: int
    value_usd: Decimal
    jobs: int
    project_ids: list[int] = field(default_factory=list)
    value_missing: int = 0  # counted projects without a US$ value on the rule's basis
    jobs_missing: int = 0  # counted projects without a jobs figure on the rule's basis


def visible_projects(user):
    """Projects the user may see, without joins (safe to sum over)."""
    return Project.objects.filter(pk__in=visible(user, Project.objects.all()).values("pk"))


def _counted(rule: PortfolioRule, user=None):
    projects = Project.objects.all() if user is None else visible_projects(user)
    return projects.filter(rule.project_q())


def compute_portfolio(rule: PortfolioRule, *, user=None) -> PortfolioTotals:
    """Count the projects a rule takes in (eligible ones only; those ``user`` may see).

    Without a user the whole registry is counted (a figure computed by the system).
    """
    value_field = "value_invested_usd" if rule.value_basis == "invested" else "value_planned_usd"
    jobs_field = "jobs_created" if rule.jobs_basis == "created" else "jobs_planned"
    rows = list(_counted(rule, user).order_by("pk").values_list("pk", value_field, jobs_field))
    return PortfolioTotals(
        project_count=len(rows),
        value_usd=sum((v for _pk, v, _j in rows if v is not None), Decimal("0")),
        jobs=sum(j for _pk, _v, j in rows if j is not None),
        project_ids=[pk for pk, _v, _j in rows],
        value_missing=sum(1 for _pk, v, _j in rows if v is None),
        jobs_missing=sum(1 for _pk, _v, j in rows if j is None),
    )


def _require_tier(access_tier: str) -> None:
    if access_tier not in AccessTier.values:
        raise ValidationError({"access_tier": _("Choose public, official or restricted.")})


@transaction.atomic
def record_computed_figure(
    rule: PortfolioRule, *, actor: User, access_tier: str = AccessTier.PUBLIC, note: str = "",
    notes: Mapping[str, str] | None = None,
) -> PortfolioFigure:
    """Store what the rule counts today beside the reported figures, published at a tier
    (secretariat). ``note`` is kept as written in the author's language (the active one);
    ``notes`` gives a note in several languages at once ({"en": …, "ru": …}).

    The figure counts only the projects every reader of that tier may see: a public figure
    counts public projects, an official one public and official projects, a restricted one all
    of them; so a figure never counts, or names, a project hidden from someone it is shown to.
    """
    require(actor, Action.ADD)
    _require_tier(access_tier)
    totals = compute_portfolio(rule, user=reader_of(access_tier))
    figure = PortfolioFigure(
        # A rule without a date of its own counts the registry as it stands today.
        rule=rule, origin=PortfolioFigure.Origin.COMPUTED, as_of=rule.as_of or timezone.localdate(),
        project_count=totals.project_count, value_usd=totals.value_usd, jobs=totals.jobs,
        project_ids=totals.project_ids, source_en="bilat", source_ru="bilat",
        provenance="derived", access_tier=access_tier,
    )
    texts = dict(notes or {})
    if note:
        texts[reader_language()] = note
    for lang, text in texts.items():
        if hasattr(figure, f"note_{lang}"):
            setattr(figure, f"note_{lang}", text)
    return create_record(figure, actor=actor, reason=note or in_language(texts))


@transaction.atomic
def record_reported_figure(*, actor: User, values: dict, reason: str = "") -> PortfolioFigure:
    """Keep a figure an official or ministry reported, with its source (secretariat); it is
    public unless ``values`` gives another ``access_tier``."""
    require(actor, Action.ADD)
    _require_tier(values.get("access_tier", AccessTier.PUBLIC))
    figure = PortfolioFigure(**values, origin=PortfolioFigure.Origin.REPORTED)
    return create_record(figure, actor=actor, reason=reason)


@dataclass(frozen=True)
class FigureComparison:
    """A reported figure beside what the rule counts, and the differences (reported − computed)."""

    reported: PortfolioFigure
    computed: PortfolioTotals
    count_difference: int | None
    value_difference: Decimal | None
    jobs_difference: int | None


def compare_figures(rule: PortfolioRule, *, user=None, computed: PortfolioTotals | None = None
                    ) -> list[FigureComparison]:
    """Each reported figure of a rule against the count computed from the projects (the
    figures of ``rule.figures``: the caller prefetches those its reader may see)."""
    computed = computed or compute_portfolio(rule, user=user)
    # rule.figures.all() uses a prefetched list when the caller has one (the portfolio page).
    reported = [f for f in rule.figures.all() if f.origin == PortfolioFigure.Origin.REPORTED]
    return [
        FigureComparison(
            reported=figure,
            computed=computed,
            count_difference=(
                figure.project_count - computed.project_count
                if figure.project_count is not None else None
            ),
            value_difference=(
                figure.value_usd - computed.value_usd if figure.value_usd is not None else None
            ),
            jobs_difference=figure.jobs - computed.jobs if figure.jobs is not None else None,
        )
        for figure in reported
    ]


@dataclass(frozen=True)
class FigureRow:
    """A stored figure of a rule (reported or computed) and its differences from the count now."""

    figure: PortfolioFigure
    # The figure's as-of date, else the date it was reported; a computed figure's, the date it
    # was stored; None for a reported figure whose date was not given (never the storage date).
    on: datetime.date | None
    count_difference: int | None
    value_difference: Decimal | None
    jobs_difference: int | None


def visible_figures(user):
    """The stored figures ``user`` may see, for prefetching as ``rule.figures``."""
    return visible(user, PortfolioFigure.objects.select_related("reported_by"))


def figure_history(rule: PortfolioRule, *, computed: PortfolioTotals) -> list[FigureRow]:
    """Every stored figure of a rule, newest first, each minus what the rule counts now (the
    figures of ``rule.figures``: prefetch ``visible_figures(user)`` for a reader)."""
    rows = [
        FigureRow(
            figure=f,
            on=f.as_of or f.reported_on or (
                timezone.localdate(f.created_at) if f.origin == PortfolioFigure.Origin.COMPUTED
                else None),
            count_difference=(
                f.project_count - computed.project_count if f.project_count is not None else None
            ),
            value_difference=f.value_usd - computed.value_usd if f.value_usd is not None else None,
            jobs_difference=f.jobs - computed.jobs if f.jobs is not None else None,
        )
        for f in rule.figures.all()  # prefetched by the portfolio page
    ]
    return sorted(rows, key=lambda r: (r.on or datetime.date.min, r.figure.created_at),
                  reverse=True)


def portfolio_by_stage(user) -> list[dict]:
    """Eligible projects the user may see, per stage: count, planned US$ value, jobs."""
    rows = (
        visible_projects(user).eligible()
        .order_by()
        .values("stage")
        .annotate(
            count=Count("pk"),
            value_usd=Sum("value_planned_usd"),
            jobs_planned=Sum("jobs_planned"),
            jobs_created=Sum("jobs_created"),
        )
    )
    by_stage = {row["stage"]: row for row in rows}
    return [
        {
            "stage": stage.value,
            "label": stage.label,
            "count": by_stage.get(stage.value, {}).get("count", 0),
            "value_usd": by_stage.get(stage.value, {}).get("value_usd") or Decimal("0"),
            "jobs_planned": by_stage.get(stage.value, {}).get("jobs_planned") or 0,
            "jobs_created": by_stage.get(stage.value, {}).get("jobs_created") or 0,
        }
        for stage in Project.Stage
    ]


def can_report_progress(user: AnyUser, project: Project) -> int | None:
    """The side a user may report progress for on this project, if any (for showing buttons)."""
    side_id = actor_of(user).side_id
    if side_id is None:
        return None
    try:
        require(user, Action.CHANGE_SIDE, project, side_id=side_id)
    except PermissionDenied:
        return None
    return side_id
