"""Projects in a spreadsheet: one row per project, keyed by project code.

The secretariat's rows go through ``update_project`` (every shared field); an officer's through
``report_project_progress`` for its own side, which accepts only progress, jobs created and
investment to date. Partners are exported for reading (they change on the project page).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bilat.accounts.policy import Action, actor_of, can, visible
from bilat.core.models import AccessTier, Provenance
from bilat.core.sheets import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    Column,
    RowRejected,
    Sheet,
    SheetRegistry,
    field_range,
    row_errors,
)
from bilat.directory.models import Sector

from . import services
from .filters import ProjectFilterSet
from .models import Project

# column name = model field name for every writable column
FIELDS = (
    "title_en", "title_ru", "kind", "sector", "stage", "value_planned", "value_invested",
    "currency", "fx_rate_on", "value_planned_usd", "value_invested_usd", "jobs_planned",
    "jobs_created", "capacity_value", "capacity_unit_en", "capacity_unit_ru",
    "planned_start_on", "planned_end_on", "actual_start_on", "actual_end_on", "progress_pct",
    "aggregation_eligible", "access_tier", "provenance", "sources_en", "sources_ru",
)
COLUMNS = {name: name for name in FIELDS}  # a service's field errors go under their column


def _field(name: str):
    return lambda p: getattr(p, name)


class ProjectSheet(Sheet):
    """Joint projects with their stage, values, jobs and progress."""

    name = "projects"
    key = "code"
    title = gettext_lazy("Projects")
    filterset_class = ProjectFilterSet
    ordering = ("code",)

    def columns(self) -> list[Column]:
        def col(name, kind="text", **extra):
            field = Project._meta.get_field(name)
            return Column(name, _field(name), kind, writable=True, label=field.verbose_name,
                          **field_range(field), **extra)

        return [
            Column("code", _field("code"), label=gettext_lazy("Project code (the key of the row)")),
            Column("version", _field("version"), INT,
                   label=gettext_lazy("Version exported; a row changed since is refused")),
            col("title_en"),
            col("title_ru"),
            col("kind", CHOICE, choices=Project.Kind.values),
            Column("sector", lambda p: p.sector.code if p.sector_id else "", writable=True,
                   label=gettext_lazy("Sector code")),
            col("stage", CHOICE, choices=Project.Stage.values),
            col("value_planned", DECIMAL),
            col("value_invested", DECIMAL),
            col("currency"),
            col("fx_rate_on", DATE),
            col("value_planned_usd", DECIMAL),
            col("value_invested_usd", DECIMAL),
            col("jobs_planned", INT),
            col("jobs_created", INT),
            col("capacity_value", DECIMAL),
            col("capacity_unit_en"),
            col("capacity_unit_ru"),
            col("planned_start_on", DATE),
            col("planned_end_on", DATE),
            col("actual_start_on", DATE),
            col("actual_end_on", DATE),
            col("progress_pct", INT),
            col("aggregation_eligible", BOOL),
            col("access_tier", CHOICE, choices=AccessTier.values),
            col("provenance", CHOICE, choices=Provenance.values),
            col("sources_en"),
            col("sources_ru"),
            Column("partners", lambda p: ";".join(
                sorted(f"{x.organisation.code}:{x.role}" for x in p.partners.all())),
                label=gettext_lazy("Partners as code:role (not read on import)"), derived=True),
        ]

    def base_queryset(self, user):
        return visible(
            user,
            Project.objects.select_related("sector").prefetch_related("partners__organisation"),
        )

    def find(self, user, keys) -> dict[str, Project]:
        return {p.code: p for p in self.base_queryset(user).filter(code__in=list(keys))}

    def can_import(self, user) -> bool:
        return can(user, Action.IMPORT)

    def can_create(self, user) -> bool:
        return can(user, Action.ADD)

    def _values(self, changes: dict[str, Any]) -> dict[str, Any]:
        values = {name: changes[name] for name in FIELDS if name in changes}
        if "sector" in values:
            code = values["sector"]
            values["sector"] = Sector.objects.filter(code=code).first() if code else None
            if code and values["sector"] is None:
                raise RowRejected(
                    [("sector", _("No sector has the code “%(code)s”.") % {"code": code})]
                )
        return values

    def apply(self, obj: Project, changes: dict[str, Any], *, actor, reason: str) -> None:
        values = self._values(changes)
        first = next(iter(values))
        try:
            if can(actor, Action.CHANGE, obj):
                services.update_project(obj, values, actor=actor, expected_version=None,
                                        reason=reason)
            else:
                side_id = actor_of(actor).side_id
                if side_id is None:
                    raise PermissionDenied(_("Your role does not allow this."))
                services.report_project_progress(obj, values, actor=actor, side_id=side_id,
                                                 expected_version=None, reason=reason)
        except (ValidationError, PermissionDenied) as exc:
            # A permission refusal concerns every column the row changes.
            if isinstance(exc, PermissionDenied):
                raise RowRejected([(name, str(exc)) for name in values]) from exc
            raise RowRejected(row_errors(exc, columns=COLUMNS, default=first)) from exc

    def create(self, values: dict[str, Any], *, actor, reason: str) -> Project:
        data = self._values(values)
        data["code"] = values["code"]
        try:
            return services.create_project(actor=actor, values=data, reason=reason)
        except (ValidationError, PermissionDenied) as exc:
            raise RowRejected(row_errors(exc, columns=COLUMNS, default="code")) from exc


def register(registry: SheetRegistry) -> None:
    """Add this app's sheets to the registry (called from the app's ``ready``)."""
    registry.register(ProjectSheet())
