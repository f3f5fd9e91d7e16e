"""Gather a briefing's inputs from the registry and the trade warehouse, as of a date.

This is the one module of the briefings app that knows the other apps' query functions; the
arithmetic is in ``figures.py``. Trade figures published after the as-of date (by vintage)
are left out, so a snapshot frozen for a session shows what was known at that session.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from bilat.claims.services import release_notes
from bilat.core.languages import LANGUAGES
from bilat.core.models import AccessTier
from bilat.trade.warehouse import note_read, warehouse_stamp

from . import asof
from .figures import (
    BriefingInputs,
    DecisionCount,
    Figure,
    PortfolioInput,
    ProjectInput,
    TargetInput,
    TradePoint,
    dec,
)
from .pair import Pair, pair_of

log = logging.getLogger(__name__)

# Portfolio rules the briefing reports, by the code of their PortfolioRule record. The first
# code found in the registry is used for each figure.
PORTFOLIO_RULES = {
    "all": ("ic-portfolio", "industrial-cooperation", "portfolio"),
    "implemented": ("ic-implemented", "implemented"),
    "implementation": ("ic-under-way", "under-way", "implementation"),
}
# The source of the water figures bilat measures itself (its words are in the catalogues).
WATER_ACCOUNTING = gettext_noop("bilat water accounting")
# The named projects of the release, found by these words in their English titles.
NAMED_PROJECTS = {"taraz": "Taraz", "icic": "Industrial Cooperation"}


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except Exception:  # noqa: BLE001 - a page another app has not wired yet
        return ""


def _vintage_ok(vintage: str, as_of: date | None) -> bool:
    return as_of is None or not vintage or vintage[:10] <= as_of.isoformat()


# Figures read from the warehouse, per process, keyed by the warehouse file's identity: a load
# swaps a new file in (new inode, mtime and size), so a cached figure is never stale.
_warehouse_cache: dict[tuple, object] = {}
_warehouse_lock = threading.Lock()


def _from_warehouse(key: tuple, compute):
    """``compute()`` once per warehouse file (not cached while there is no warehouse)."""
    stamp = warehouse_stamp()
    if stamp is None:
        return compute()
    full = (stamp, *key)
    with _warehouse_lock:
        if full in _warehouse_cache:
            note_read(stamp)  # what is made with it shows that file, as if it read it
            return _warehouse_cache[full]
    value = compute()
    with _warehouse_lock:
        if len(_warehouse_cache) > 64:
            _warehouse_cache.clear()
        _warehouse_cache[full] = value
    return value


def trade_points(as_of: date | None, pair: Pair) -> list[TradePoint]:
    """The pair's trade by period and basis from the warehouse, as its first side sees it."""
    return list(_from_warehouse(("points", as_of, pair.codes),
                                lambda: tuple(_trade_points(as_of, pair))))


def _trade_points(as_of: date | None, pair: Pair) -> list[TradePoint]:
    from bilat.trade import queries
    from bilat.trade.warehouse import WarehouseError

    try:
        series = queries.pair_series(*pair.codes, period_kind=None)
    except WarehouseError as exc:
        log.warning("briefing without trade figures: %s", exc)
        return []
    points = []
    for p in series:
        if p.period_kind == "month":
            continue
        months = None if p.period_kind == "year" else p.month
        for measure, fig in (("turnover", p.turnover), (pair.exports_key, p.exports),
                             (pair.imports_key, p.imports)):
            if fig is None or not _vintage_ok(fig.vintage, as_of):
                continue
            if measure == "turnover" and p.turnover_is_sum and not (
                    _vintage_ok(p.exports.vintage, as_of) and _vintage_ok(p.imports.vintage, as_of)):
                continue
            points.append(TradePoint(
                fig.basis, p.year, months, measure, fig.value / 1e6, fig.source,
                fig.flag or "", fig.note or "",
            ))
    return points


def regional(year: int | None, pair: Pair) -> tuple[dict | None, dict | None]:
    """The second side's share of the first side's trade with the commission's region, and the
    pair's share of all trade within the region."""
    if year is None or len(pair.region) < 2:
        return None, None
    return _from_warehouse(("regional", year, pair.codes, pair.region),
                           lambda: _regional(year, pair))


def _regional(year: int, pair: Pair) -> tuple[dict | None, dict | None]:
    from bilat.trade import queries
    from bilat.trade.warehouse import WarehouseError

    first, second = pair.codes
    try:
        own = queries.share_of_reporter_region(first, second, year, basis=pair.first.basis,
                                               countries=pair.region)
        region = queries.share_of_region(first, second, year, countries=pair.region)
    except WarehouseError:
        return None, None
    return asdict(own), asdict(region)


def trade_target(user) -> TargetInput | None:
    """The mutual-trade target (US$ million) and the year its pace is measured against: the
    commission's Target record, as the trade pages and the target's page read it."""
    from bilat.targets.services import trade_target_record

    target = trade_target_record(user)
    if target is None or target.pace_year is None:
        return None
    wording = target.horizon_note or target.get_horizon_display()
    return TargetInput(
        target.value_usd / 1e6, int(target.pace_year),
        str(wording), target.source, _url("targets:detail", target.pk),
    )


def theme_figures(as_of: date, pair: Pair, user) -> list[Figure]:
    """The commission's product themes over the years, each way, before the year of ``as_of``:
    US$ million, share of the direction's trade and growth on the year before, each with the
    provenance of the HS detail read (synthetic for the demo's sample), and each theme's name
    in every language."""
    from bilat.targets.services import trade_themes
    from bilat.trade.metrics import METRICS
    from bilat.trade.theme_series import theme_series
    from bilat.trade.warehouse import WarehouseError

    themes = tuple(trade_themes(user))

    def compute():
        try:
            return theme_series(*pair.codes, themes)
        except WarehouseError:
            return None

    found = _from_warehouse(("themes", pair.codes, tuple((t.code, t.ranges) for t in themes)),
                            compute)
    if found is None or not found.years:
        return []
    out = [Figure(f"theme.{t.code}.title.{lang}", None, text=t.title(lang))
           for t in themes for lang in LANGUAGES]
    source = "; ".join(found.sources)
    rule = METRICS["product_share"].definition_en
    for p in found.points:
        if p.year >= as_of.year:  # a year's detail is published after it ends
            continue
        key = f"theme.{p.theme}.{p.direction.replace('->', '-')}.{p.year}"
        out += [
            Figure(f"{key}.value", dec(None if p.value is None else p.value / 1e6),
                   "USD million", str(p.year), found.basis, source, rule, found.provenance),
            Figure(f"{key}.share", dec(p.share), "%", str(p.year), found.basis, "", rule,
                   found.provenance),
            Figure(f"{key}.growth", dec(p.growth), "%", str(p.year), found.basis, "", rule,
                   found.provenance),
        ]
    return out


def portfolio(user, as_of: date | None = None) -> list[PortfolioInput]:
    """The portfolio figures, computed from the project records by their counting rules, with
    each project at the stage it had on ``as_of`` (``asof.stages_as_of``; today without one)."""
    from bilat.projects.models import PortfolioRule
    from bilat.projects.services import visible_projects

    rules = {r.code: r for r in PortfolioRule.objects.all()}
    eligible = {p.pk: p for p in visible_projects(user).filter(aggregation_eligible=True)
                .order_by("pk")}
    stages = asof.stages_as_of(eligible.values(), as_of or timezone.localdate())
    out = []
    for code, candidates in PORTFOLIO_RULES.items():
        rule = next((rules[c] for c in candidates if c in rules), None)
        if rule is None:
            continue
        # The rule without its stages: the stages are those of the as-of date.
        every_stage = PortfolioRule(kinds=rule.kinds, stages=[], as_of=rule.as_of)
        value_field = "value_invested_usd" if rule.value_basis == "invested" else (
            "value_planned_usd")
        jobs_field = "jobs_created" if rule.jobs_basis == "created" else "jobs_planned"
        taken = visible_projects(user).filter(every_stage.project_q()).values_list("pk", flat=True)
        counted = [eligible[pk] for pk in sorted(taken)
                   if pk in eligible and (not rule.stages or stages[pk] in rule.stages)]
        values = [p for p in counted if getattr(p, value_field) is not None]
        jobs = [p for p in counted if getattr(p, jobs_field) is not None]
        text = rule.description_en or "; ".join(
            [str(rule.title_en), ", ".join(rule.kinds) or "all kinds",
             "stages " + (", ".join(str(s) for s in rule.stages) or "all"),
             f"jobs {rule.jobs_basis}", f"value {rule.value_basis}"]
        )
        out.append(PortfolioInput(
            code, len(counted), float(sum(getattr(p, value_field) for p in values)),
            sum(getattr(p, jobs_field) for p in jobs), text,
            _url("projects:portfolio") or _url("projects:list"),
            tuple(p.provenance for p in counted), tuple(p.provenance for p in values),
            tuple(p.provenance for p in jobs),
            tuple((lang, getattr(rule, f"description_{lang}")) for lang in LANGUAGES
                  if getattr(rule, f"description_{lang}")),
        ))
    return out


def named_projects(commission_id: int | None = None,
                   as_of: date | None = None) -> list[ProjectInput]:
    """The transport projects and the named projects of the release, each at the stage it had
    on ``as_of`` (the sources published after it are taken out by ``asof.cite_as_of``)."""
    from bilat.projects.models import Project, ProjectLocation

    projects = Project.objects.filter(access_tier=AccessTier.PUBLIC)
    if commission_id is not None:
        projects = projects.filter(commission_id=commission_id)
    projects = list(projects.prefetch_related("locations").order_by("code"))
    stages = asof.stages_as_of(projects, as_of or timezone.localdate())
    out = []
    chosen: dict[str, Project] = {}
    for code, word in NAMED_PROJECTS.items():
        match = next((p for p in projects if word.lower() in p.title_en.lower()), None)
        if match:
            chosen[code] = match
    for p in projects:
        if p.kind in ("transport", "water") and p not in chosen.values():
            chosen[f"{p.kind}-{p.code}".lower().replace(".", "-")] = p
    for code, p in chosen.items():
        places_en = "; ".join(loc.region_en for loc in p.locations.all())
        places_ru = "; ".join(ProjectLocation.region.of(loc, "ru") for loc in p.locations.all())
        out.append(ProjectInput(
            code, p.title_en, p.kind, str(stages[p.pk]),
            float(p.capacity_value) if p.capacity_value is not None else None,
            _unit(p.capacity_unit_en), float(p.value_planned_usd) if p.value_planned_usd else None,
            p.jobs_planned, places_en, _url("projects:detail", p.pk), p.sources_en, p.provenance,
            name_ru=p.title_ru, place_ru=places_ru, capacity_unit_en=p.capacity_unit_en,
            capacity_unit_ru=p.capacity_unit_ru,
        ))
    return out


def _unit(text: str) -> str:
    t = text.lower()
    if "hectare" in t or t.strip() == "ha":
        return "ha"
    if "tonne" in t or "ton" in t:
        return "t"
    return text


def decisions(meeting, user, as_of: date | None = None) -> tuple[
        list[DecisionCount], int | None, int | None, tuple[str, ...]]:
    """Decisions of the session before ``meeting`` by side, sector and status as they stood on
    ``as_of`` (``decisions.asof.parts_as_of``), and overdue on that day; how many decisions were carried
    over to ``meeting`` (the decisions app's rule, ``carryover.carried_over``, so the pack agrees
    with the implementation report), and the provenance of each decision those count."""
    from bilat.accounts.policy import visible
    from bilat.decisions.asof import parts_as_of
    from bilat.decisions.carryover import carried_over
    from bilat.decisions.models import Decision

    previous = meeting.previous() if meeting is not None else None
    if previous is None:
        return [], None, None, ()
    day = as_of or timezone.localdate()
    decided = visible(user, Decision.objects.filter(meeting=previous))
    counts: Counter = Counter()
    late: Counter = Counter()
    provenances: dict[tuple, list[str]] = {}
    for part in parts_as_of(decided, day):
        key = (part.side, part.sector or "other", part.status)
        counts[key] += 1
        late[key] += part.is_overdue(day)
        provenances.setdefault(key, []).append(part.provenance)
    rows = [DecisionCount(side, sector, status, n, late[(side, sector, status)],
                          tuple(provenances[(side, sector, status)]))
            for (side, sector, status), n in sorted(counts.items())]
    carried = carried_over(meeting, user=user).order_by()
    return rows, previous.number, carried.count(), tuple(
        carried.values_list("provenance", flat=True))


def meeting_figures(meeting) -> list[Figure]:
    """The meeting's number, date and place, frozen with the snapshot."""
    from bilat.meetings.models import Meeting

    if meeting is None:
        return []
    return [
        Figure("meeting.number", Decimal(meeting.number), "session"),
        Figure("meeting.held_on", None, text=meeting.held_on.isoformat()),
        Figure("meeting.place.en", None, text=meeting.place_en or meeting.city),
        Figure("meeting.place.ru", None, text=Meeting.place.of(meeting, "ru")),
    ]


def sector_figures() -> list[Figure]:
    """Sector names in both languages (the pack speaks of sectors by name)."""
    from bilat.directory.models import Sector

    out = []
    for s in Sector.objects.all():
        out.append(Figure(f"sector.{s.code}.en", None, text=s.name_en))
        out.append(Figure(f"sector.{s.code}.ru", None, text=Sector.name.of(s, "ru")))
    return out


def release_figures(as_of: date, user, pair: Pair) -> list[Figure]:
    """The claims checker's notes on the latest stored release about the pair (the pack's data
    notes): each in English under its key, and under ``key.<lang>`` in each language the checker
    words."""
    out = []
    for n in release_notes(as_of=as_of, user=user, pair=pair.codes):
        out.append(Figure(n["key"], None, source=n["source"], text=n["text"], link=n["link"]))
        out.extend(Figure(f"{n['key']}.{lang}", None, source=n["source"], text=text,
                          link=n["link"]) for lang, text in n["texts"].items())
    return out


def water_figures(user, as_of: date) -> list[Figure]:
    """Each party's use of its season limits (the latest season begun by ``as_of``), measured
    from the water series ``user`` may read, dekadas ended by ``as_of`` only."""
    from bilat.accounts.policy import visible
    from bilat.water.allocation import season_use
    from bilat.water.models import SeasonLimit, Series
    from bilat.water.volumes import flow_series

    limits = [lim for lim in SeasonLimit.objects.select_related("side", "site__side")
              .prefetch_related("plans").order_by("-year", "season", "side__order", "site__code")
              if lim.starts_on <= as_of]
    if not limits:
        return []
    latest = (limits[0].year, limits[0].season)
    series_qs = visible(user, Series.objects.all())
    out = []
    for limit in limits:
        series = flow_series(limit.site, series_qs)
        if (limit.year, limit.season) != latest or series is None:
            continue
        use = season_use(limit, series_qs=series_qs)
        ended = [ln for ln in use.lines if ln.period_ends_on < as_of]
        measured = sum((ln.volume.measured_m3 for ln in ended if ln.volume), 0.0) / 1e6
        planned = sum(ln.planned_mm3 or 0.0 for ln in ended)
        covered = sum(ln.volume.covered_seconds for ln in ended if ln.volume)
        seconds = sum(ln.volume.seconds for ln in ended if ln.volume)
        key = f"water.limit.{limit.site.code}.{limit.kind}.{limit.side.code}"
        period = f"{limit.year}-{limit.season}"
        source = WATER_ACCOUNTING  # bilat's own measure: named in each reader's words
        provenance = "synthetic" if series.source == Series.Source.SYNTHETIC else "derived"
        out += [
            Figure(f"{key}.limit", Decimal(str(limit.limit_mm3)), "Mm3", period,
                   source="ICWC", provenance=limit.provenance),
            Figure(f"{key}.used", Decimal(str(round(measured, 3))), "Mm3", period,
                   source=source, rule="sum of Q·Δt over ended dekadas", provenance=provenance,
                   link=_url("water:site", limit.site.code)),
            Figure(f"{key}.planned", Decimal(str(round(planned, 3))), "Mm3", period,
                   source=source, provenance="illustrative"),
            Figure(f"{key}.coverage", Decimal(str(round(covered / seconds, 4))) if seconds
                   else None, "share", period, source=source, provenance=provenance),
            Figure(f"{key}.site.en", None, text=limit.site.name_en),
            Figure(f"{key}.site.ru", None, text=limit.site.name_ru),
            Figure(f"{key}.kind", None, text=limit.kind),
        ]
    return out


def commission_for(meeting=None, commission=None):
    """The commission a briefing is of: given, the meeting's, or the one the request or
    command works in (the installation's only one)."""
    from bilat.commissions.models import Commission, default_commission

    if commission is not None:
        return commission
    if meeting is not None:
        return meeting.commission
    chosen = default_commission()
    return Commission.objects.filter(pk=chosen).first() if chosen else None


# What a snapshot's inputs read of the registry, by part (``gather``): a write moves the marks
# of its area alone (``core.ChangeMark``), so asking for a pack again after a report on a
# decision recounts the decisions and reuses the rest (the claims check of the release, the
# portfolio, the water figures: nine tenths of the work). "rest" is every area but the
# decisions and the briefings' own snapshots, which none of it reads.
DECISION_AREAS = ("decisions", "meetings", "projects")
UNREAD_BY_REST = {"decisions", "briefings"}


def _rest_areas() -> tuple[str, ...]:
    from django.apps import apps

    return tuple(sorted(c.label for c in apps.get_app_configs()
                        if c.name.startswith("bilat.") and c.label not in UNREAD_BY_REST))


def _inputs_part(name: str, areas: tuple[str, ...], compute, *, user, as_of, meeting,
                 commission, named: bool):
    """``compute()`` once per state of ``areas`` (and of the day, the language and the reader:
    ``pagecache.state_key``; of the warehouse files it read: ``pagecache.Stamped``), shared by
    every process."""
    from . import pagecache

    key = pagecache.hashed(pagecache.state_key(
        f"briefings.inputs.{name}", user, as_of, getattr(meeting, "pk", None), commission.pk,
        named, areas=areas), "inputs")
    return pagecache.built_once(key, compute)


def gather(*, as_of: date, meeting=None, user=None, named: bool = True,
           commission=None) -> BriefingInputs:
    """Everything a briefing needs, read from the registry and the warehouse now, for the
    commission of ``meeting`` (or ``commission``, or the current one).

    With a ``user``, registry figures cover only the records that user may see (the
    dashboard); without one, the records every reader of a snapshot may see (a snapshot is
    ``Snapshot.figures_tier``: aggregates of public and official records, never of restricted
    ones), each part computed once per state of the areas it reads (``_inputs_part``).
    ``named=False`` leaves out the named projects (the dashboard does not show them).
    """
    from bilat.accounts.policy import reader_of
    from bilat.commissions.context import in_commission

    from .models import Snapshot

    shared = user is None
    if shared:
        user = reader_of(Snapshot.figures_tier)
    commission = commission_for(meeting, commission)
    pair = pair_of(commission)
    if pair is None:
        return BriefingInputs(extra=[*meeting_figures(meeting), *sector_figures(),
                                     *water_figures(user, as_of)])

    def rest() -> dict:
        points = trade_points(as_of, pair)
        first_years = [p.year for p in points if p.basis == pair.first.basis and p.months is None]
        own, region = regional(max(first_years) if first_years else None, pair)
        return dict(
            trade=points, regional_own=own, regional_all=region, target=trade_target(user),
            portfolio=portfolio(user, as_of),
            projects=named_projects(commission.pk, as_of) if named else [],
            extra=[*meeting_figures(meeting), *sector_figures(),
                   *(release_figures(as_of, user, pair) if named else []),
                   *(theme_figures(as_of, pair, user) if named else []),
                   *water_figures(user, as_of)])

    def decided() -> tuple:
        return decisions(meeting, user, as_of)

    with in_commission(commission.pk):  # the registry's figures of this commission only
        if shared:
            where = dict(user=user, as_of=as_of, meeting=meeting, commission=commission,
                         named=named)
            inputs = _inputs_part("rest", _rest_areas(), rest, **where)
            counts, previous_number, carried, carried_from = _inputs_part(
                "decisions", DECISION_AREAS, decided, **where)
        else:
            inputs = rest()
            counts, previous_number, carried, carried_from = decided()
        return BriefingInputs(
            **inputs, decisions=counts, carried_over=carried,
            carried_over_provenances=carried_from, decisions_meeting=previous_number, pair=pair)
