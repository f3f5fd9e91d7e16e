"""The registry as it stood on a date, for a snapshot: project stages and cited sources.

Each logged change is placed at the business date the records give it, and at its log time only
when they give none (``core/asof.py`` replays the change log; ``decisions/asof.py`` does it for
each side's part of a decision: reported on the report's submission, done or returned on its
verification, a new due date on the extension's decision, off control on ``removed_on``):

- a project reaches *implemented* on its actual end date and *implementation* on its actual
  start date, where it has them; a stage moved without dates counts at its log time;
- a record's state when it was entered holds from the beginning.

A source is cited as of a date only if it was published by then (``published_on`` reads the date
a citation names: "Kazinform, 7 Aug 2024", "kun.uz, Jan 2025", "Kazinform, 2025").
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from bilat.core.asof import changes_by_row, log_day, replay
from bilat.core.citations import published_on

from .figures import Figure, FigureSet


def cited_by(sources: str, as_of: datetime.date | None) -> tuple[str, list[str]]:
    """The citations of ``sources`` (separated by ";") published by ``as_of``, and those
    published after it (left out). Citations that name no date are kept."""
    if as_of is None:
        return sources, []
    kept, later = [], []
    for citation in (c.strip() for c in sources.split(";")):
        if not citation:
            continue
        day = published_on(citation)
        (later if day is not None and day > as_of else kept).append(citation)
    return "; ".join(kept), later


def cite_as_of(figures: FigureSet, as_of: datetime.date) -> FigureSet:
    """The figures with the citations published after ``as_of`` taken out of their sources, and
    how many were taken out (``sources.later``, for the data notes)."""
    out, later = [], set()
    for f in figures:
        kept, left_out = cited_by(f.source, as_of)
        later.update(left_out)
        out.append(Figure(**{**f.__dict__, "source": kept}) if left_out else f)
    if later:
        out.append(Figure("sources.later", Decimal(len(later)), "sources", as_of.isoformat()))
    return FigureSet(out)


# --- project stages at their business dates ----------------------------------------------------

def stages_as_of(projects, as_of: datetime.date) -> dict[int, int]:
    """Each project's stage on ``as_of`` (the rule of the module's docstring), by id."""
    from bilat.projects.models import Project

    Stage = Project.Stage
    projects = list(projects)
    logged = changes_by_row(Project, [p.pk for p in projects])
    out = {}
    for p in projects:
        state = replay({"stage": p.stage}, logged.get(p.pk, []), ("stage",),
                        lambda e, p=p: _stage_day(e, p), as_of)
        stage = int(state["stage"])
        # The record's own dates say when it got where it is.
        if stage in (Stage.FINALISATION, Stage.CLOSED) and p.actual_end_on and (
                p.actual_end_on > as_of):
            stage = Stage.IMPLEMENTATION
        if stage == Stage.IMPLEMENTATION and p.actual_start_on and p.actual_start_on > as_of:
            stage = Stage.PIPELINE
        out[p.pk] = stage
    return out


def _stage_day(entry, project) -> datetime.date:
    from bilat.projects.models import Project

    stage = (entry.after or {}).get("stage")
    if stage == Project.Stage.CLOSED and project.actual_end_on:
        return project.actual_end_on
    if stage == Project.Stage.IMPLEMENTATION and project.actual_start_on:
        return project.actual_start_on
    return log_day(entry.at)
