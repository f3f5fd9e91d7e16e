"""The dashboard: the commission at a glance, from the live records.

The figures are those of the registry and the warehouse at this moment, limited to what the
user may see (the anonymous public sees public records only). The view caches each part of the
rendered dashboard (``PARTS``) under ``part_keys``: the marks of the areas that part shows, the
day, the language and what the user may see; a part made from the warehouse (the trade part)
is kept with its file's stamp and made again after a load (``pagecache.Stamped``). So a cached
part is never stale and a write rebuilds only the parts that show its area.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import altair as alt
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bilat.accounts.policy import visible
from bilat.commissions.context import in_commission
from bilat.commissions.models import all_commissions
from bilat.core import palette
from bilat.core.languages import in_language

from . import charts, pagecache, sources
from .document import Chart, Table, Writer, provenance_reason
from .figures import BriefingInputs, build_figures, computed
from .formatting import number, percent
from .pack import water_uses
from .pair import pair_of

GEO_FILE = Path(__file__).resolve().parent / "static" / "briefings" / "geo" / "kz-uz.geojson"
# Railways and roads as lines joining their end places: a sketch, drawn dashed (facts.md §10).
LINES_FILE = GEO_FILE.with_name("linear-works.geojson")


@dataclass
class Card:
    """One headline figure with its source, definition, link and signal."""

    label: str
    value: str
    detail: str = ""
    source: str = ""
    definition: str = ""
    link: str = ""
    signal: str = ""  # on_track / at_risk / off_track, where one applies
    signal_label: str = ""
    provenance: str = ""
    reason: str = ""  # why the figure has its provenance (document.provenance_reason)


@dataclass
class Dashboard:
    """Everything the home page shows."""

    trade_cards: list[Card] = field(default_factory=list)
    water_cards: list[Card] = field(default_factory=list)
    water_decisions: list = field(default_factory=list)
    portfolio_cards: list[Card] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)  # the trade charts and the stages chart
    trade_charts: list[Chart] = field(default_factory=list)
    stages_chart: Chart | None = None
    stages: list[dict] = field(default_factory=list)
    decision_table: Table | None = None
    overdue: list = field(default_factory=list)
    overdue_count: int = 0
    sectors: list[dict] = field(default_factory=list)
    map_chart: Chart | None = None
    map_points: list[dict] = field(default_factory=list)
    latest_meeting: object | None = None
    carried_over: int | None = None  # decisions carried over to the latest session
    links: dict = field(default_factory=dict)
    # The provenance of the tables counted from records, and its reason (figures.computed).
    stages_provenance: tuple[str, str] = ("", "")
    decisions_provenance: tuple[str, str] = ("", "")


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except Exception:  # noqa: BLE001 - a page another app has not wired yet
        return ""


def _signal(status: str) -> str:
    return status if status in ("on_track", "at_risk", "off_track") else ""


def trade_cards(w: Writer) -> list[Card]:
    """Turnover against the target, the year to date and the regional share."""
    from bilat.trade.metrics import METRICS

    cards = []
    trade_link = _url("trade:list")
    for basis in w.pair.bases if w.pair else ():
        year = w.latest_year(basis)
        if not year:
            continue
        fig = w.f.get(f"trade.turnover.{year}.{basis}")
        status = w.f.text(f"trade.pace.{basis}.status")
        detail = ""
        if f"trade.pace.{basis}.required" in w.f:
            detail = _("Needs %(required)s a year to reach %(target)s by %(year)s; observed "
                       "%(observed)s a year.") % {
                "required": w.pct(f"trade.pace.{basis}.required", signed=False),
                "target": w.money("target.trade.value"), "year": w.year("target.trade.year"),
                "observed": w.pct(f"trade.pace.{basis}.observed", signed=False)}
        cards.append(Card(
            _("Turnover %(year)s, %(basis)s") % {"year": year, "basis": w.basis(basis)},
            w.money(f"trade.turnover.{year}.{basis}"), detail, fig.source if fig else "",
            METRICS["target_pace"].definition, trade_link,
            _signal(status), w.status(status) if status else "",
            *_provenance(fig),
        ))
    ytd = w.f.get("trade.ytd.turnover")
    if ytd:
        prev = w.f.get("trade.ytd.turnover.previous")
        growth = w.f.value("trade.ytd.growth")
        cards.append(Card(
            _("Year to date, %(period)s") % {"period": w.period(ytd.period)},
            w.money("trade.ytd.turnover"),
            _("%(previous)s in the same months of last year (%(growth)s)") % {
                "previous": w.money("trade.ytd.turnover.previous") if prev else "—",
                "growth": w.pct("trade.ytd.growth")} if prev else "",
            ytd.source, METRICS["ytd_growth"].definition, trade_link,
            ("on_track" if growth is not None and growth >= 0 else "off_track")
            if growth is not None else "",
            (_("up on last year") if growth >= 0 else _("down on last year"))
            if growth is not None else "",
            *_provenance(ytd),
        ))
    share = w.f.get(w.share_key) if w.share_key else None
    if share:
        region = ""
        if "trade.share.pair_of_region.low" in w.f:
            region = _("All trade within %(region_gen)s, each pair counted once: %(low)s to "
                       "%(high)s.") % {**w.words,
                "low": percent(w.f.value("trade.share.pair_of_region.low"), w.lang),
                "high": percent(w.f.value("trade.share.pair_of_region.high"), w.lang)}
        cards.append(Card(
            _("%(second_gen)s's share of %(first_gen)s's trade with %(region_ins)s, %(year)s") % {
                **w.words, "year": share.period},
            w.pct(w.share_key, signed=False), region, share.source,
            METRICS["share_of_reporter_ca"].definition, trade_link,
            provenance=share.provenance, reason=_provenance(share)[1],
        ))
    return cards


def portfolio_cards(w: Writer) -> list[Card]:
    """The portfolio figures computed from the project records by their counting rules."""
    labels = {"all": _("Industrial cooperation portfolio"), "implemented": _("Implemented"),
              "implementation": _("In implementation")}
    cards = []
    for code, label in labels.items():
        fig = w.f.get(f"portfolio.{code}.count")
        if fig is None:
            continue
        cards.append(Card(
            label, _("%(count)s projects") % {"count": w.count(f"portfolio.{code}.count")},
            _("%(value)s · %(jobs)s jobs") % {"value": w.money(f"portfolio.{code}.value"),
                                             "jobs": w.jobs(f"portfolio.{code}.jobs")},
            _("Computed from the project records"), w.rule(f"portfolio.{code}"), fig.link,
            *("", ""), *_provenance(fig),
        ))
    return cards


def _provenance(fig) -> tuple[str, str]:
    """A card's provenance and its reason, from the figure it shows."""
    if fig is None:
        return "", ""
    return fig.provenance, provenance_reason(fig.provenance, fig.inputs)


def water_cards(w: Writer) -> list[Card]:
    """Each party's season use against its limit, from the water records."""
    return [Card(
        _("%(side)s: %(site)s") % {"side": w.side(u["side"]), "site": u["site"]},
        _("%(used)s of %(limit)s Mm³") % {"used": u["used"], "limit": u["limit"]},
        _("%(share)s of the limit; planned so far %(planned)s Mm³; coverage %(coverage)s") % u,
        _("Water accounting (readings of the series you may read)"),
        _("Σ Q·Δt over the dekadas ended, against the ICWC season limit."), u["link"],
        *_provenance(w.f.get(f"{u['key']}.used")),
    ) for u in water_uses(w)]


def stages_chart(stages: list[dict], lang: str) -> Chart:
    """Projects by stage: count and planned value, in the order of the stage codes."""
    data = [{"stage": str(s["stage"]), "label": str(s["label"]), "count": s["count"],
             "value": round(float(s["value_usd"]) / 1e6, 1)} for s in stages if s["count"]]
    title = _("Projects by stage (planned value, US$ million)")
    codes = tuple(str(s["stage"]) for s in stages)
    spec = charts.cached_spec(_stages_spec, title, _("US$ million"), codes,
                              tuple(str(s["label"]) for s in stages), values=data)
    rows = [[d["label"], str(d["count"]), number(d["value"], lang, 1)] for d in data]
    return Chart("stages", title, spec, Table(title, [_("Stage"), _("Projects"),
                                                        _("US$ million")], rows, (1, 2)))


def _stages_spec(title: str, value: str, codes: tuple, labels: tuple) -> dict:
    chart = alt.Chart(alt.Data(values=[])).mark_bar(color=palette.BAR).encode(
        y=charts.coded_axis("stage", codes, labels),
        x=alt.X("value:Q", title=value),
        tooltip=[alt.Tooltip("label:N"), alt.Tooltip("count:Q"), alt.Tooltip("value:Q")],
    )
    return chart.properties(width="container", height=160, title=title).to_dict(validate=False)


@cache
def outlines() -> dict:
    """The simplified country outlines shipped with bilat."""
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def outlines_of(codes: tuple[str, ...]) -> list[dict]:
    """The outlines of these countries (those the file has)."""
    return [f for f in outlines()["features"]
            if not codes or f.get("properties", {}).get("iso2") in codes]


def project_kinds() -> dict[str, str]:
    """The kinds of project by code, each with its label in the reader's language."""
    from bilat.projects.models import Project

    return {code: str(label) for code, label in Project.Kind.choices}


def map_chart(points: list[dict], codes: tuple[str, ...] = (), *, title: str = "",
              item: str = "", kinds: dict[str, str] | None = None) -> Chart:
    """Project locations (or other places: water sites) over the outlines of the commission's
    countries (no tile server), with the linear works as dashed lines.

    Each point's ``kind`` is a code of ``kinds`` (the kinds of project by default): its colour
    is the palette's for that code's position, the same in every language.
    """
    title = title or _("Where the projects are")
    kinds = project_kinds() if kinds is None else kinds
    colours = dict(zip(kinds, palette.colours(kinds, palette.KINDS), strict=True))
    shown = tuple(k for k in kinds if any(p["kind"] == k for p in points))
    spec = charts.skeleton(_map_spec, title, _("Kind"), item or _("Project"), shown,
                           tuple(colours[k] for k in shown), tuple(kinds[k] for k in shown))
    # The outlines and points go into the finished dict (see charts.cached_spec).
    spec["layer"][0]["data"]["values"] = outlines_of(codes)
    spec["layer"][1]["data"]["values"] = linear_works({p.get("code") for p in points})
    spec["layer"][2]["data"]["values"] = points
    rows = [[p["title"], p["place"], p["stage"], f"{p['lat']:.2f}", f"{p['lon']:.2f}"
             + (" ≈" if p.get("approximate") else "")] for p in points]
    return Chart("map", title, spec, Table(
        title, [item or _("Project"), _("Place"), _("Stage"), _("Latitude"), _("Longitude")], rows,
        (3, 4)))


def _map_spec(title: str, kind: str, project: str, codes: tuple, colours: tuple,
              labels: tuple) -> dict:
    base = alt.Chart(alt.Data(values=[])).mark_geoshape(
        fill="#eef1f5", stroke="#5b6475", strokeWidth=0.8
    )
    dots = alt.Chart(alt.Data(values=[])).mark_circle(size=70, opacity=0.85).encode(
        longitude="lon:Q", latitude="lat:Q",
        color=charts.keyed("kind", kind, codes, colours, labels),
        tooltip=[alt.Tooltip("title:N", title=project), alt.Tooltip("place:N"),
                 alt.Tooltip("stage:N"), alt.Tooltip("where:N")],
        href="url:N",
    )
    lines = alt.Chart(alt.Data(values=[])).mark_geoshape(
        filled=False, stroke="#0b4a8b", strokeWidth=2, strokeDash=palette.DASHED
    ).encode(tooltip=[alt.Tooltip("properties.name:N", title=project)])
    return alt.layer(base, lines, dots).project("mercator").properties(
        width="container", height=320, title=title).to_dict(validate=False)


def map_points(user, projects=None) -> list[dict]:
    """Located projects the user may see (of ``projects`` when given: a filtered queryset)."""
    from bilat.projects.models import Project, ProjectLocation
    from bilat.projects.services import visible_projects

    shown = visible_projects(user)
    if projects is not None:
        shown = shown.filter(pk__in=projects.values("pk"))
    locations = (
        ProjectLocation.objects.filter(project__in=shown,
                                       latitude__isnull=False, longitude__isnull=False)
        .select_related("project").order_by("project__code", "pk")
    )
    # Labels translated once, not per point (get_FOO_display hashes every lazy choice label).
    stages = {value: str(label) for value, label in Project.Stage.choices}
    where = {True: str(_("approximate: the town or region centre")), False: str(_("the site"))}
    return [{
        "title": loc.project.title, "place": str(loc), "kind": loc.project.kind,
        "stage": stages.get(loc.project.stage, loc.project.stage), "lat": float(loc.latitude),
        "lon": float(loc.longitude), "url": _url("projects:detail", loc.project_id),
        "provenance": loc.project.provenance, "code": loc.project.code,
        "approximate": loc.approximate, "where": where[bool(loc.approximate)],
    } for loc in locations]


def linear_works(codes: set[str]) -> list[dict]:
    """The sketched lines of the linear works among the projects shown (``codes``)."""
    features = json.loads(LINES_FILE.read_text(encoding="utf-8"))["features"]
    return [f for f in features if f["properties"]["project"] in codes]


def _query(base: str, **params) -> str:
    return f"{base}?{urlencode(params)}" if base else ""


def decision_overview(user, w: Writer, today: date) -> tuple[Table | None, list, int, list[dict]]:
    """Decisions by side and status, the overdue ones (first ten, and how many), and sectors.

    Counts link to the decision and project lists with the filters that give the same number
    (``DecisionFilterSet``: ``sector`` by id, ``overdue``; ``ProjectFilterSet``: ``sector`` by
    code).
    """
    from django.db.models import Prefetch

    from bilat.decisions.models import Decision, DecisionSide
    from bilat.projects.services import visible_projects

    decisions = visible(user, Decision.objects.all())
    counts: Counter = Counter()
    for tally in decisions.side_counts(today):
        counts[(tally.side, tally.status)] += tally.count
    statuses = [s for s in DecisionSide.Status.values if any(k[1] == s for k in counts)]
    table = None
    if counts:
        rows = []
        for side in w.pair.codes if w.pair else ():
            rows.append([w.side(side), *[str(counts.get((side, st), 0)) for st in statuses]])
        table = Table(_("Decisions by side and status"),
                      [_("Side"), *[str(DecisionSide.Status(st).label) for st in statuses]],
                      rows, tuple(range(1, 1 + len(statuses))))
    late = decisions.overdue(today)
    # Each side with its side, all the list shows of them (not ``with_sides``'s co-executors
    # and reports).
    sides = Prefetch("sides", queryset=DecisionSide.objects.select_related("side"))
    overdue = [{"decision": d, "url": _url("decisions:detail", d.pk)}
               for d in late.prefetch_related(sides).order_by("due_on", "pk")[:10]]
    # The primary key keeps officers' DISTINCT from merging decisions of one sector.
    late_by_sector = Counter(code for code, _pk in late.values_list("sector__code", "pk")
                             .order_by())
    decision_list, project_list = _url("decisions:list"), _url("projects:list")
    by_sector: dict[str, dict] = {}

    def entry(code, sector_pk, name_en, name_ru) -> dict:
        if code not in by_sector:
            by_sector[code] = {
                "code": code or "", "decisions": 0, "projects": 0,
                "overdue": late_by_sector.get(code, 0),
                "name": in_language({"en": name_en, "ru": name_ru}) or _("No sector"),
                "decisions_url": _query(decision_list, sector=sector_pk) if code else "",
                "overdue_url": (_query(decision_list, sector=sector_pk, overdue="true")
                                if code else ""),
                "projects_url": _query(project_list, sector=code) if code else "",
            }
        return by_sector[code]

    for code, sector_pk, name_en, name_ru, _pk in decisions.values_list(
            "sector__code", "sector_id", "sector__name_en", "sector__name_ru", "pk").order_by():
        entry(code, sector_pk, name_en, name_ru)["decisions"] += 1
    for code, sector_pk, name_en, name_ru in visible_projects(user).values_list(
            "sector__code", "sector_id", "sector__name_en", "sector__name_ru").order_by():
        entry(code, sector_pk, name_en, name_ru)["projects"] += 1
    sectors = sorted(by_sector.values(), key=lambda e: (-e["decisions"] - e["projects"],
                                                         e["name"]))
    return table, overdue, sum(late_by_sector.values()), sectors


def counted_provenance(user) -> tuple[tuple[str, str], tuple[str, str]]:
    """The provenance, with its reason, of the projects by stage and the decisions by side and
    status: computed from the records counted (``figures.computed``)."""
    return stages_provenance(user), decisions_provenance(user)


def stages_provenance(user) -> tuple[str, str]:
    """The provenance, with its reason, of the projects by stage (the projects counted)."""
    from bilat.projects.services import visible_projects

    return _counted("project", visible_projects(user).eligible().values_list("provenance",
                                                                             flat=True))


def decisions_provenance(user) -> tuple[str, str]:
    """The provenance, with its reason, of the decisions by side and status (their parts)."""
    from bilat.decisions.models import Decision, DecisionSide

    return _counted("part", DecisionSide.objects.filter(
        decision__in=visible(user, Decision.objects.all()).values("pk")
    ).values_list("decision__provenance", flat=True))


def _counted(kind: str, provenances) -> tuple[str, str]:
    provenance, inputs = computed(kind, provenances)
    return provenance, provenance_reason(provenance, inputs)


def latest_meeting(user):
    """The most recent session the user may see."""
    from bilat.meetings.models import Meeting

    return visible(user, Meeting.objects.all()).order_by("-held_on", "-number").first()


# The parts of the dashboard, each with the areas of the registry it shows besides those every
# page shows (``pagecache.SHARED_AREAS``): each part is cached on its own, so a write rebuilds
# only the parts that show its area (a report on a decision, the decisions part alone). The
# trade part shows the warehouse too (kept with its file's stamp: ``pagecache.Stamped``). In the
# order of the page.
PARTS: dict[str, tuple[str, ...]] = {
    "heading": ("meetings",),
    "trade": ("targets", "trade"),
    "portfolio": ("projects",),
    "water": ("water",),
    "decisions": ("decisions", "meetings", "projects"),
    "map": ("projects",),
}


def part_keys(user, today: date) -> dict[str, str]:
    """Each part's cache key: what it depends on (``pagecache.state_key``), the registry as the
    marks of its own areas (``PARTS``), read in one query for all of them. The decisions part
    lists the session's water decisions under the water figures when there are any: its key
    takes the water part's answer too (``water_key``)."""
    states = pagecache.area_states(PARTS)
    reading = pagecache.reading_state(user, today)
    return {part: pagecache.hashed(pagecache.state_key(
        f"briefings.dashboard.{part}", user, state=states[part], reading=reading), "dashboard")
        for part in PARTS}


def water_key(key: str, water_shown: bool) -> str:
    """The decisions part's key (``part_keys``) when the water part shows figures or not."""
    return f"{key}:water={int(water_shown)}"


def dashboard_commission():
    """The commission the dashboard shows: the current one, or with several and none chosen,
    the first one."""
    commission = sources.commission_for()
    if commission is None:
        commission = next(iter(all_commissions()), None)
    return commission


def build_dashboard(user, today: date, parts=None, *, water_shown: bool | None = None,
                    commission=None) -> Dashboard:
    """The dashboard for one user, from the records as they stand now: every part, or only
    those named in ``parts`` (``PARTS``; the decisions part lists the session's water decisions
    when ``water_shown``, else when the water part has cards), of ``commission`` (by default
    ``dashboard_commission``)."""
    if commission is None:
        commission = dashboard_commission()
    with in_commission(commission.pk if commission else None):
        return _build_dashboard(user, today, commission, set(parts or PARTS), water_shown)


def _build_dashboard(user, today: date, commission, parts: set[str],
                     water_shown: bool | None) -> Dashboard:
    from bilat.projects.services import portfolio_by_stage

    lang = get_language() or "en"
    pair = pair_of(commission)
    meeting = latest_meeting(user) if parts & {"heading", "decisions"} else None
    d = Dashboard(latest_meeting=meeting, links={
        "projects": _url("projects:list"), "decisions": _url("decisions:list"),
        "trade": _url("trade:list"),
        "overdue": _query(_url("decisions:list"), overdue="true"),
        "implementation": _url("decisions:implementation", meeting.pk) if meeting else ""})

    def writer(**inputs) -> Writer:  # the part's own figures (``sources.gather``'s, in part)
        return Writer(build_figures(BriefingInputs(pair=pair, **inputs)), lang)

    if "trade" in parts:
        trade = {}
        if pair is not None:
            points = sources.trade_points(today, pair)
            first_years = [p.year for p in points
                           if p.basis == pair.first.basis and p.months is None]
            own, region = sources.regional(max(first_years) if first_years else None, pair)
            trade = {"trade": points, "regional_own": own, "regional_all": region,
                     "target": sources.trade_target(user)}
        w = writer(**trade)
        d.trade_cards = trade_cards(w)
        d.trade_charts = [c for c in (charts.turnover_chart(w), charts.flows_chart(w))
                          if c.table.rows]
    if "portfolio" in parts:
        if pair is not None:
            d.portfolio_cards = portfolio_cards(writer(portfolio=sources.portfolio(user, today)))
        d.stages = portfolio_by_stage(user)
        if any(s["count"] for s in d.stages):
            d.stages_chart = stages_chart(d.stages, lang)
        d.stages_provenance = stages_provenance(user)
    if "water" in parts:
        d.water_cards = water_cards(writer(extra=sources.water_figures(user, today)))
    if "decisions" in parts:
        if pair is not None and meeting is not None and meeting.previous() is not None:
            from bilat.decisions.carryover import carried_over

            # The figure ``sources.decisions`` gives the pack (``decisions.carried_over``): of
            # its figures the dashboard shows only this count, not the previous session's
            # decisions by status, which cost as much again to read.
            d.carried_over = carried_over(meeting, user=user).order_by().count()
        w = writer()
        shown = bool(d.water_cards) if water_shown is None else water_shown
        if shown and meeting is not None:
            from bilat.decisions.models import Decision

            d.water_decisions = list(visible(user, Decision.objects.filter(
                meeting=meeting, sector__code="water")).order_by("control_number"))
        d.decision_table, d.overdue, d.overdue_count, d.sectors = decision_overview(user, w,
                                                                                    today)
        d.decisions_provenance = decisions_provenance(user)
    if "map" in parts:
        d.map_points = map_points(user)
        d.map_chart = map_chart(d.map_points, pair.codes if pair else ())
    d.charts = [*d.trade_charts, *([d.stages_chart] if d.stages_chart else [])]
    for chart in [*d.charts, *([d.map_chart] if d.map_chart else [])]:
        chart.spec.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    return d
