"""Load the joint projects, the portfolio rules and the figures reported beside them."""

from __future__ import annotations

from decimal import Decimal

from bilat.accounts.policy import reader_of
from bilat.core.languages import LANGUAGES
from bilat.core.models import AccessTier
from bilat.core.services import upsert_record
from bilat.projects.models import (
    Milestone,
    PortfolioFigure,
    PortfolioRule,
    Project,
    ProjectLocation,
    ProjectPartner,
)
from bilat.projects.services import (
    add_location,
    add_milestone,
    add_partner,
    compute_portfolio,
    create_project,
    record_computed_figure,
    record_reported_figure,
    update_project,
)

from ..data import projects as data
from ..data.directory import ILLUSTRATIVE, ILLUSTRATIVE_RU
from .common import DEMO_REASON, DemoRun, dec, ensure

IC = data.IC


def _split(total: Decimal, weights: list[int], places: int) -> list[Decimal]:
    """Share ``total`` out in proportion to ``weights``, rounded, summing exactly to it."""
    whole = sum(weights)
    parts = [dec(total * w / whole, places) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def illustrative_portfolio() -> list[dict]:
    """The implemented and pipeline projects no source lists, as a fixed, reproducible list."""
    specs = []
    for i, (title_en, title_ru, sector, value, jobs) in enumerate(
        data.ILLUSTRATIVE_IMPLEMENTED, start=1
    ):
        region = data.PIPELINE_REGIONS[i % len(data.PIPELINE_REGIONS)]
        specs.append({
            "code": f"IC-I{i:02d}", "kind": IC, "sector": sector, "stage": 4,
            "title_en": title_en, "title_ru": title_ru, "value_planned": value,
            "jobs_created": jobs, "provenance": "illustrative",
            "sources": ILLUSTRATIVE, "sources_ru": ILLUSTRATIVE_RU,
            "locations": [{"side": region[0], "region_en": region[1], "region_ru": region[2]}],
        })
    count = len(data.PIPELINE)
    values = _split(Decimal(data.PIPELINE_VALUE_MUSD), [3 + (i * 7) % 11 for i in range(count)], 1)
    jobs = _split(Decimal(data.PIPELINE_JOBS), [2 + (i * 5) % 9 for i in range(count)], 0)
    for i, ((title_en, product_ru, sector), value, job) in enumerate(
        zip(data.PIPELINE, values, jobs, strict=True), start=1
    ):
        region = data.PIPELINE_REGIONS[i % len(data.PIPELINE_REGIONS)]
        title_ru = ("Совместный проект: " if title_en.startswith("Joint greenhouse")
                    or "centre" in title_en else "Совместное производство ") + product_ru
        specs.append({
            "code": f"IC-P{i:02d}", "kind": IC, "sector": sector, "stage": 1,
            "title_en": title_en, "title_ru": title_ru, "value_planned": value,
            "jobs_planned": int(job), "provenance": "illustrative",
            "sources": ILLUSTRATIVE, "sources_ru": ILLUSTRATIVE_RU,
            "locations": [{"side": region[0], "region_en": region[1], "region_ru": region[2]}],
        })
    return specs


def _values(run: DemoRun, spec: dict) -> dict:
    """Every field of the project, so that a later load compares like with like."""
    implemented = spec["stage"] == 4 and spec["kind"] == IC
    musd = spec.get("value_planned")  # the data gives US$ millions; the registry holds US$
    value = dec(Decimal(str(musd)) * 1_000_000) if musd is not None else None
    jobs_created = spec.get("jobs_created")
    return {
        "title_en": spec["title_en"], "title_ru": spec.get("title_ru", ""),
        "description_en": spec.get("description_en", ""),
        "description_ru": spec.get("description_ru", ""),
        "kind": spec["kind"], "sector": run.sectors[spec["sector"]], "stage": spec["stage"],
        "value_planned": value, "value_invested": value if implemented else None,
        "currency": "USD",
        "jobs_planned": spec.get("jobs_planned", jobs_created),
        "jobs_created": jobs_created,
        "capacity_value": dec(spec.get("capacity_value"), 3),
        "capacity_unit_en": spec.get("capacity_unit_en", ""),
        "capacity_unit_ru": spec.get("capacity_unit_ru", ""),
        "planned_start_on": spec.get("planned_start_on"),
        "planned_end_on": spec.get("planned_end_on"),
        "actual_start_on": spec.get("actual_start_on"),
        "actual_end_on": spec.get("actual_end_on"),
        "progress_pct": 100 if spec["stage"] == 4 else spec.get("progress_pct"),
        "aggregation_eligible": True, "parent": None,
        "access_tier": spec.get("access_tier", "public"),
        "provenance": spec["provenance"], "sources_en": spec["sources"],
        "sources_ru": spec.get("sources_ru", ""),
    }


def _load_project(run: DemoRun, spec: dict) -> Project:
    actor = run.actor
    values = _values(run, spec)
    launched_by = [run.decisions[c] for c in spec.get("decisions", []) if c in run.decisions]
    project = Project.objects.filter(code=spec["code"]).first()
    if project is None:
        project = create_project(actor=actor, values={"code": spec["code"], **values},
                                 launched_by=launched_by, reason=DEMO_REASON)
    else:
        project = update_project(project, values, actor=actor, expected_version=None,
                                 launched_by=launched_by)
    for org, role in spec.get("partners", []):
        organisation = run.orgs[org]
        ensure(ProjectPartner, {"project": project, "organisation": organisation, "role": role},
               {}, actor=actor,
               create=lambda o=organisation, r=role: add_partner(
                   project, organisation=o, role=r, actor=actor))
    for location in spec.get("locations", []):
        lookup = {"project": project, "side": run.sides[location["side"]],
                  "region_en": location["region_en"],
                  "place_en": location.get("place_en", "")}
        latitude, longitude, approximate = data.coordinates(location)
        values = {"region_ru": location.get("region_ru", ""),
                  "place_ru": location.get("place_ru", ""),
                  "latitude": dec(latitude, 6), "longitude": dec(longitude, 6),
                  "approximate": approximate}
        ensure(ProjectLocation, lookup, values, actor=actor,
               create=lambda lk=lookup, v=values: add_location(
                   project, actor=actor,
                   values={k: w for k, w in {**lk, **v}.items() if k != "project"}))
    for title_en, title_ru, due_on, status in spec.get("milestones", []):
        values = {"title_ru": title_ru, "due_on": due_on, "status": status, "side": None}
        ensure(Milestone, {"project": project, "title_en": title_en}, values, actor=actor,
               create=lambda t=title_en, v=values: add_milestone(
                   project, actor=actor, values={"title_en": t, **v}))
    return project


def _load_portfolio(run: DemoRun) -> list[str]:
    actor = run.actor
    rules = {}
    for code, title_en, title_ru, kinds, stages, jobs_basis, value_basis in data.RULES:
        rules[code] = upsert_record(
            PortfolioRule, {"code": code},
            {"title_en": title_en, "title_ru": title_ru, "kinds": kinds, "stages": stages,
             "jobs_basis": jobs_basis, "value_basis": value_basis, "as_of": data.AS_OF,
             **{f"description_{lang}": text for lang, text in data.RULE_DESCRIPTION.items()}},
            actor=actor,
        )
    for code, count, value, jobs, reported_on, (source, source_ru), org, notes in data.REPORTED:
        lookup = {"rule": rules[code], "origin": PortfolioFigure.Origin.REPORTED,
                  "source_en": source}
        values = {"as_of": reported_on, "project_count": count,
                  "value_usd": dec(Decimal(value) * 1_000_000), "jobs": jobs,
                  "reported_by": run.orgs[org] if org else None, "reported_on": reported_on,
                  "provenance": "sourced", "source_ru": source_ru,
                  **{f"note_{lang}": note for lang, note in zip(LANGUAGES, notes,
                                                                 strict=True)}}
        ensure(PortfolioFigure, lookup, values, actor=actor,
               create=lambda lk=lookup, v=values: record_reported_figure(
                   actor=actor, values={"rule": lk["rule"], "source_en": lk["source_en"], **v}))
    lines = []
    for code, rule in rules.items():
        # What a public figure counts (record_computed_figure publishes it to everyone).
        totals = compute_portfolio(rule, user=reader_of(AccessTier.PUBLIC))
        latest = rule.figures.filter(origin=PortfolioFigure.Origin.COMPUTED).order_by(
            "-pk").first()
        current = (totals.project_count, totals.value_usd, totals.jobs)
        if latest is None or (latest.project_count, latest.value_usd, latest.jobs) != current:
            record_computed_figure(rule, actor=actor, notes=dict(zip(
                LANGUAGES, data.COMPUTED_NOTE, strict=True)))
        lines.append(f"{code}: {totals.project_count} projects, "
                     f"US$ {totals.value_usd / 1_000_000:,.1f} M, {totals.jobs:,} jobs")
    return lines


def load(run: DemoRun) -> None:
    """The named projects, the illustrative rest of the 69, and the portfolio figures."""
    specs = data.NAMED_PROJECTS + illustrative_portfolio()
    for spec in specs:
        run.projects[spec["code"]] = _load_project(run, spec)
    run.note(f"{len(specs)} projects")
    for line in _load_portfolio(run):
        run.note(line)
