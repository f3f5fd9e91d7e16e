"""The figures a briefing uses, computed from typed inputs with their rule, basis and source.

The inputs (trade points, portfolio counts, projects, decisions) are gathered from the other
apps by ``sources.py``; this module only does arithmetic, so it is tested on hand-made data.
Money is held in US$ million, as the statistics offices publish it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bilat.trade.metrics import METRICS, growth
from bilat.trade.pace import pace_to_target

from .pair import Pair, PairSide, infer_pair, with_table_names

# Statistics bases: the statistics office whose report a figure follows, one per side of the
# commission (``Pair.bases``). "meeting" is the commission's own rounding, kept for the data
# notes but never used for arithmetic.
FIVE_YEARS = 5

# Where a figure comes from, strongest first. A figure computed from inputs is as weak as its
# weakest input (a figure computed from one illustrative record is illustrative), and at least
# derived: computing is not publishing.
PROVENANCES = ("sourced", "derived", "illustrative", "synthetic")


def weakest(provenances: Iterable[str]) -> str:
    """The weakest of these provenances (synthetic > illustrative > derived > sourced)."""
    rank = {p: i for i, p in enumerate(PROVENANCES)}
    return max(provenances, key=lambda p: rank.get(p, 0), default="sourced")


def computed(kind: str, provenances: Iterable[str]) -> tuple[str, str]:
    """The provenance of a figure computed from inputs of one kind ("project", "decision",
    "part" of a decision, "figure"), and its inputs tallied by provenance as ``kind:illustrative=54,sourced=15`` (the
    reason a page or pack gives). This is the one rule that decides a computed figure's
    provenance."""
    tally = Counter(p or "sourced" for p in provenances)
    text = ",".join(f"{p}={tally[p]}" for p in reversed(PROVENANCES) if tally[p])
    return weakest(["derived", *tally]), f"{kind}:{text}" if text else ""


def inputs_of(text: str) -> tuple[str, dict[str, int]]:
    """The kind and the tally of ``computed``'s inputs text ("", {} when there is none)."""
    kind, _sep, parts = text.partition(":")
    tally = {}
    for part in parts.split(","):
        name, _eq, n = part.partition("=")
        if n.isdigit():
            tally[name] = int(n)
    return kind, tally


@dataclass(frozen=True)
class Figure:
    """One figure with everything needed to show, check and reproduce it."""

    key: str
    value: Decimal | None
    unit: str = ""
    period: str = ""
    basis: str = ""
    source: str = ""
    rule: str = ""
    provenance: str = "sourced"
    qualifier: str = ""  # "", "more_than" or "about": how the published figure is worded
    text: str = ""
    link: str = ""
    inputs: str = ""  # what a computed figure was computed from: ``computed``'s tally

    def as_dict(self) -> dict[str, str]:
        return {
            "key": self.key,
            "value": "" if self.value is None else format(self.value, "f"),
            "unit": self.unit, "period": self.period, "basis": self.basis,
            "source": self.source, "rule": self.rule, "provenance": self.provenance,
            "qualifier": self.qualifier, "text": self.text, "link": self.link,
            **({"inputs": self.inputs} if self.inputs else {}),
        }


def dec(value: float | int | Decimal | None, places: int = 6) -> Decimal | None:
    """A figure value as a Decimal with a fixed number of places (stable across platforms)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class FigureSet:
    """The figures of one snapshot, by key."""

    def __init__(self, figures: Iterable[Figure] = ()):
        self._by_key: dict[str, Figure] = {}
        for f in figures:
            self._by_key[f.key] = f

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def __iter__(self):
        return iter(sorted(self._by_key.values(), key=lambda f: f.key))

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> Figure | None:
        return self._by_key.get(key)

    def value(self, key: str) -> Decimal | None:
        f = self._by_key.get(key)
        return f.value if f else None

    def text(self, key: str) -> str:
        f = self._by_key.get(key)
        return f.text if f else ""

    def prefixed(self, prefix: str) -> list[Figure]:
        return [f for f in self if f.key.startswith(prefix)]


# --- inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TradePoint:
    """One published value of the pair's trade: a measure, a period and a basis.

    ``measure`` is "turnover" or a flow between the sides (``Pair.exports_key``,
    ``Pair.imports_key``); ``months`` is None for a whole year
    and the last month for a January-to-month period; the value is in US$ million.
    """

    basis: str
    year: int
    months: int | None
    measure: str
    value: float
    source: str
    flag: str = ""
    note: str = ""


@dataclass(frozen=True)
class TargetInput:
    """The trade target set by the heads of state."""

    value: float  # US$ million
    year: int
    wording: str = ""
    source: str = ""
    link: str = ""


@dataclass(frozen=True)
class PortfolioInput:
    """A portfolio figure computed from project records by a counting rule."""

    code: str  # "all", "implemented", "implementation"
    count: int
    value_usd: float
    jobs: int
    rule: str
    link: str = ""
    # The provenance of each project counted, and of those whose value and jobs are summed.
    provenances: tuple[str, ...] = ()
    value_provenances: tuple[str, ...] = ()
    jobs_provenances: tuple[str, ...] = ()
    # The rule in words in each language the rule record has it in: ("ru", "Правило…").
    rule_texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ProjectInput:
    """A named project the briefing speaks of."""

    code: str
    name: str
    kind: str
    stage: str
    capacity: float | None = None
    capacity_unit: str = ""
    value_usd: float | None = None
    jobs: int | None = None
    place: str = ""
    link: str = ""
    source: str = ""
    provenance: str = "sourced"
    name_ru: str = ""
    place_ru: str = ""
    capacity_unit_en: str = ""  # the capacity's unit as the record words it, in each language
    capacity_unit_ru: str = ""


@dataclass(frozen=True)
class DecisionCount:
    """How many decisions of a meeting stand at one status, for one side and sector."""

    side: str
    sector: str
    status: str
    count: int
    overdue: int = 0
    provenances: tuple[str, ...] = ()  # of the decisions whose parts are counted


@dataclass
class BriefingInputs:
    """Everything gathered from the registry and the warehouse for one as-of date."""

    trade: list[TradePoint] = field(default_factory=list)
    regional_own: dict | None = None  # trade.queries.share_of_reporter_region(...)
    regional_all: dict | None = None  # trade.queries.share_of_region(...)
    target: TargetInput | None = None
    portfolio: list[PortfolioInput] = field(default_factory=list)
    projects: list[ProjectInput] = field(default_factory=list)
    decisions: list[DecisionCount] = field(default_factory=list)
    carried_over: int | None = None
    carried_over_provenances: tuple[str, ...] = ()  # of the earlier sessions' decisions
    decisions_meeting: int | None = None
    extra: list[Figure] = field(default_factory=list)
    pair: Pair | None = None  # the commission's two sides; inferred from the bases without one

    def the_pair(self) -> Pair | None:
        """The pair these inputs speak of: given, or read off the bases of the figures."""
        if self.pair is not None:
            return self.pair
        own = self.regional_own or {}
        order = None
        partner = own.get("partner")
        if own.get("basis") and partner:
            order = (own["basis"], partner)
        return infer_pair({p.basis for p in self.trade}, order)


# --- trade -------------------------------------------------------------------------------

def measure_keys(pair: Pair | None) -> tuple[str, ...]:
    """Turnover and the two flows between the sides."""
    return ("turnover", pair.exports_key, pair.imports_key) if pair else ("turnover",)


def _period(year: int, months: int | None) -> str:
    return str(year) if months is None else f"{year}-01/{year}-{months:02d}"


def _qualifier(point: TradePoint) -> str:
    # A published "more than $1.2 bn" is a lower bound: keep the wording with the figure.
    note = point.note.lower()
    if "more than" in note or "exceeded" in note:
        return "more_than"
    return ""


def point_provenance(point: TradePoint) -> str:
    """A trade value's provenance: its warehouse flag (derived, illustrative, synthetic), else
    sourced."""
    return point.flag if point.flag in PROVENANCES else "sourced"


def trade_figures(points: list[TradePoint], pair: Pair | None = None) -> list[Figure]:
    """Annual and year-to-date values, five-year growth and year-to-date growth."""
    out: list[Figure] = []
    annual: dict[tuple[str, str, int], TradePoint] = {}
    ytd: dict[tuple[str, str, int, int], TradePoint] = {}
    for p in points:
        if p.months is None:
            annual[(p.basis, p.measure, p.year)] = p
        else:
            ytd[(p.basis, p.measure, p.year, p.months)] = p
    for (basis, measure, year), p in sorted(annual.items()):
        out.append(Figure(
            f"trade.{measure}.{year}.{basis}", dec(p.value), "USD million", str(year), basis,
            p.source, METRICS["turnover" if measure == "turnover" else "exports"].definition_en,
            point_provenance(p), _qualifier(p),
        ))
    # Five-year growth on each statistics basis, from its latest year.
    for basis in pair.bases if pair else ():
        years = sorted({y for (b, m, y) in annual if b == basis and m == "turnover"})
        if not years:
            continue
        last = years[-1]
        for measure in measure_keys(pair):
            now, then = annual.get((basis, measure, last)), annual.get(
                (basis, measure, last - FIVE_YEARS))
            if now and then:
                g = growth(now.value, then.value)
                provenance, inputs = computed("figure", map(point_provenance, (then, now)))
                out.append(Figure(
                    f"trade.growth5.{measure}.{last}.{basis}", dec(g), "%",
                    f"{last - FIVE_YEARS}/{last}", basis, f"{then.source}; {now.source}",
                    METRICS["growth_n"].definition_en, provenance, inputs=inputs,
                ))
        out.append(Figure(f"trade.latest_year.{basis}", dec(last, 0), "year", str(last), basis))
    # Year to date: the latest January-to-month period, against the same months a year before.
    if ytd:
        candidates = sorted(((b, m, y, n) for (b, m, y, n) in ytd if m == "turnover"),
                            key=lambda k: (k[2], k[3]))
        # The latest January-to-month period that can be set against the year before.
        paired = [k for k in candidates if (k[0], k[1], k[2] - 1, k[3]) in ytd]
        basis, measure, year, months = (paired or candidates or [(None,) * 4])[-1]
        if basis is not None:
            now = ytd[(basis, "turnover", year, months)]
            out.append(Figure(
                "trade.ytd.turnover", dec(now.value), "USD million", _period(year, months), basis,
                now.source, METRICS["ytd_growth"].definition_en, point_provenance(now),
                _qualifier(now),
            ))
            before = ytd.get((basis, "turnover", year - 1, months))
            if before:
                out.append(Figure(
                    "trade.ytd.turnover.previous", dec(before.value), "USD million",
                    _period(year - 1, months), basis, before.source,
                    METRICS["ytd_growth"].definition_en, point_provenance(before),
                ))
                provenance, inputs = computed("figure", map(point_provenance, (before, now)))
                out.append(Figure(
                    "trade.ytd.growth", dec(growth(now.value, before.value)), "%",
                    f"{_period(year - 1, months)}/{_period(year, months)}", basis,
                    f"{before.source}; {now.source}", METRICS["ytd_growth"].definition_en,
                    provenance, inputs=inputs,
                ))
    return out


def regional_figures(own: dict | None, region: dict | None, pair: Pair | None) -> list[Figure]:
    """The second side's share of the first side's trade with the region, and the pair's share
    of all trade within the region (each pair counted once, as a low–high range).

    ``own`` and ``region`` are the answers of ``trade.queries.share_of_reporter_region`` and
    ``share_of_region`` (values in US$).
    """
    out: list[Figure] = []
    if pair is None:
        return out
    key = pair.share_key
    if own and own.get("share") is not None:
        sources = sorted({p["source"] for p in own["parts"].values() if p})
        out.append(Figure(
            key, dec(own["share"]), "%", str(own["year"]), own["basis"], "; ".join(sources),
            METRICS["share_of_reporter_ca"].definition_en, "derived",
        ))
        out.append(Figure(
            f"{key}.denominator", dec(own["denominator"] / 1e6), "USD million", str(own["year"]),
            own["basis"], "", own.get("denominator_label", ""), "derived",
        ))
    if region and region.get("share_low") is not None and (
            region.get("pairs") == region.get("pairs_expected")):
        sources = sorted({f["source"] for by_basis in region["matrix"].values()
                          for f in by_basis.values()})
        rule = METRICS["share_of_region"].definition_en
        year = str(region["year"])
        out += [
            Figure("trade.share.pair_of_region.low", dec(region["share_low"]), "%", year,
                   "low–high", "; ".join(sources), rule, "derived"),
            Figure("trade.share.pair_of_region.high", dec(region["share_high"]), "%", year,
                   "low–high", "", rule, "derived"),
        ]
    return out


def target_figures(target: TargetInput | None, points: list[TradePoint],
                   pair: Pair | None = None) -> list[Figure]:
    """The target and, per statistics basis, the growth it needs against the growth observed."""
    if target is None:
        return []
    out = [
        Figure("target.trade.value", dec(target.value), "USD million", str(target.year), "",
               target.source, target.wording, link=target.link),
        Figure("target.trade.year", dec(target.year, 0), "year", str(target.year), "",
               target.source, target.wording),
    ]
    rule = METRICS["target_pace"].definition_en
    for basis in pair.bases if pair else ():
        used = [p for p in points
                if p.basis == basis and p.measure == "turnover" and p.months is None]
        if not used:
            continue
        pace = pace_to_target([(p.year, p.value) for p in used], target.value, target.year,
                              basis=basis)
        base = f"trade.pace.{basis}"
        period = f"{pace.latest_year}/{target.year}"
        prov, inputs = computed("figure", map(point_provenance, used))
        out += [
            Figure(f"{base}.required", dec(pace.required_growth), "% a year", period, basis,
                   target.source, rule, prov, inputs=inputs),
            Figure(f"{base}.observed", dec(pace.observed_growth), "% a year",
                   f"{pace.observed_from_year}/{pace.latest_year}", basis, "", rule, prov,
                   inputs=inputs),
            Figure(f"{base}.projected", dec(pace.projected_value), "USD million",
                   str(target.year), basis, "", rule, prov, inputs=inputs),
            Figure(f"{base}.status", None, "", period, basis, "", rule, prov,
                   text=pace.status.replace(" ", "_"), inputs=inputs),
            Figure(f"{base}.latest", dec(pace.latest_value), "USD million",
                   str(pace.latest_year), basis, "", rule, prov, inputs=inputs),
        ]
    return out


# --- registry ----------------------------------------------------------------------------


def portfolio_figures(portfolio: list[PortfolioInput]) -> list[Figure]:
    """Count, value and jobs of each portfolio figure, with its counting rule."""
    out = []
    for p in portfolio:
        base = f"portfolio.{p.code}"
        for name, value, unit, inputs in (
                ("count", dec(p.count, 0), "projects", p.provenances),
                ("value", dec(p.value_usd / 1e6), "USD million", p.value_provenances),
                ("jobs", dec(p.jobs, 0), "jobs", p.jobs_provenances)):
            provenance, tally = computed("project", inputs)
            out.append(Figure(f"{base}.{name}", value, unit, "", "", "", p.rule, provenance,
                              link=p.link, inputs=tally))
        out.extend(Figure(f"{base}.rule.{code}", None, text=text) for code, text in p.rule_texts)
    return out


def project_figures(projects: list[ProjectInput]) -> list[Figure]:
    """The named projects: name, kind, stage, capacity, value and jobs."""
    out = []
    for p in projects:
        base = f"project.{p.code}"
        out.append(Figure(f"{base}.name.en", None, "", "", "", p.source, "", p.provenance,
                          text=p.name, link=p.link))
        out.append(Figure(f"{base}.name.ru", None, text=p.name_ru or p.name))
        out.append(Figure(f"{base}.kind", None, text=p.kind))
        out.append(Figure(f"{base}.stage", None, text=p.stage))
        if p.place:
            out.append(Figure(f"{base}.place.en", None, text=p.place))
            out.append(Figure(f"{base}.place.ru", None, text=p.place_ru or p.place))
        if p.capacity is not None:
            out.append(Figure(f"{base}.capacity", dec(p.capacity), p.capacity_unit, "", "",
                              p.source, "", p.provenance, link=p.link))
            for lang, unit in (("en", p.capacity_unit_en), ("ru", p.capacity_unit_ru)):
                if unit:
                    out.append(Figure(f"{base}.capacity_unit.{lang}", None, text=unit))
        if p.value_usd is not None:
            out.append(Figure(f"{base}.value", dec(p.value_usd / 1e6), "USD million", "", "",
                              p.source, "", p.provenance, link=p.link))
        if p.jobs is not None:
            out.append(Figure(f"{base}.jobs", dec(p.jobs, 0), "jobs", "", "", p.source, "",
                              p.provenance, link=p.link))
    return out


CARRIED_OVER_RULE = (
    "decisions of earlier sessions of the commission still open when this session met: on "
    "control with a side not yet done or not done, or removed from control after its date"
)


def decision_figures(counts: list[DecisionCount], *, meeting: int | None,
                     carried_over: int | None,
                     carried_over_provenances: Iterable[str] = ()) -> list[Figure]:
    """Decisions of the previous session by side, sector and status; overdue; carried over."""
    out = []
    rule = "decisions of the protocol of the previous session, status as each side reports it"
    totals: dict[tuple[str, str], int] = defaultdict(int)
    overdue: dict[str, int] = defaultdict(int)
    counted: dict[tuple[str, str], list[str]] = defaultdict(list)  # provenances counted
    period = str(meeting or "")

    def figure(key: str, n: int, side: str, provenances, text_rule: str = rule,
               kind: str = "part") -> Figure:
        provenance, inputs = computed(kind, provenances)
        return Figure(key, dec(n, 0), "decisions", period, side, "", text_rule, provenance,
                      inputs=inputs)

    for c in counts:
        out.append(figure(f"decisions.{c.side}.{c.sector}.{c.status}", c.count, c.side,
                          c.provenances))
        totals[(c.side, c.status)] += c.count
        overdue[c.side] += c.overdue
        counted[(c.side, c.status)] += c.provenances
        counted[(c.side, "")] += c.provenances
    for (side, status), n in sorted(totals.items()):
        out.append(figure(f"decisions.{side}.all.{status}", n, side, counted[(side, status)]))
    for side, n in sorted(overdue.items()):
        out.append(figure(f"decisions.{side}.overdue", n, side, counted[(side, "")]))
    if carried_over is not None:
        out.append(figure("decisions.carried_over", carried_over, "",
                          carried_over_provenances, CARRIED_OVER_RULE, "decision"))
    if meeting is not None:
        out.append(Figure("decisions.meeting", dec(meeting, 0), "session", str(meeting)))
    return out


def pair_figures(pair: Pair | None) -> list[Figure]:
    """The pair's sides and region, frozen with the figures so a pack names them as they were."""
    if pair is None:
        return []
    out = []
    for which, side in (("first", pair.first), ("second", pair.second)):
        for name, value in (("code", side.code), ("basis", side.basis), ("name.en", side.name_en),
                            ("name.ru", side.name_ru), ("adjective.en", side.adjective_en),
                            ("genitive.ru", side.genitive_ru),
                            ("instrumental.ru", side.instrumental_ru), ("colour", side.colour),
                            ("basis.en", side.basis_en), ("basis.ru", side.basis_ru)):
            out.append(Figure(f"pair.{which}.{name}", None, text=value))
    for name, value in (("codes", ",".join(pair.region)), ("name.en", pair.region_en),
                        ("name.ru", pair.region_ru), ("genitive.ru", pair.region_genitive_ru),
                        ("instrumental.ru", pair.region_instrumental_ru)):
        out.append(Figure(f"pair.region.{name}", None, text=value))
    return out


def pair_from_figures(figures: FigureSet) -> Pair | None:
    """The pair frozen with the figures; read off their bases for figures frozen without one."""
    if "pair.first.code" in figures:
        def side(which: str) -> PairSide:
            t = lambda name: figures.text(f"pair.{which}.{name}")  # noqa: E731
            return with_table_names(PairSide(
                t("code"), t("basis"), t("name.en"), t("name.ru"), t("adjective.en"),
                t("genitive.ru"), t("instrumental.ru"), t("colour"), t("basis.en"),
                t("basis.ru")))

        r = lambda name: figures.text(f"pair.region.{name}")  # noqa: E731
        return Pair(side("first"), side("second"),
                    tuple(c for c in r("codes").split(",") if c), r("name.en"), r("name.ru"),
                    r("genitive.ru"), r("instrumental.ru"))
    bases = {f.key.rsplit(".", 1)[1] for f in figures.prefixed("trade.latest_year.")}
    share = next((f.key for f in figures.prefixed("trade.share.") if f.key.endswith("_ca")), "")
    order = None
    if share:  # trade.share.<second>_of_<first>_ca
        second, _of, first = share.split(".")[2][:-3].partition("_of_")
        order = (first.upper(), second.upper())
    return infer_pair(bases, order)


def build_figures(inputs: BriefingInputs) -> FigureSet:
    """Every figure of a briefing, computed from the gathered inputs."""
    pair = inputs.the_pair()
    figures = [
        *trade_figures(inputs.trade, pair),
        *regional_figures(inputs.regional_own, inputs.regional_all, pair),
        *target_figures(inputs.target, inputs.trade, pair),
        *portfolio_figures(inputs.portfolio),
        *project_figures(inputs.projects),
        *decision_figures(inputs.decisions, meeting=inputs.decisions_meeting,
                          carried_over=inputs.carried_over,
                          carried_over_provenances=inputs.carried_over_provenances),
        *inputs.extra,
        *pair_figures(pair),
    ]
    return FigureSet(figures)
