"""Checks of claims against each other: inside a release, across releases, and against data.

Pure functions over ``Claim`` objects. A stated figure is an interval, not a point: its
precision and qualifier say how far the truth may be ("$4.4 billion" is [4.35, 4.45) billion,
"more than $1.2 billion" is above 1.2, "almost" is [0.9·v, v], "about" ±10 %). The checks:

* ``two_values`` — one indicator and period given two values that cannot both be right;
* ``parts_sum`` — exports and imports that do not add up to the turnover given;
* ``growth_rates`` — a growth rate that the values it joins do not give, with the values the
  release does not state derived from those it does (turnover = exports + imports, a value =
  its base × (1 + growth)) by interval arithmetic;
* ``share_denominators`` — a share whose figure fits another denominator than the one named
  (needs a ``FactsProvider``);
* ``compare_releases`` — the same claim in earlier releases, with the drift;
* ``check_claim`` — one claim against the data of a ``FactsProvider``: *consistent*, *differs by
  reporter*, *inconsistent* or *not checkable*, with the explanation. The warehouse and registry
  provide facts later; ``StaticFacts`` holds a few by hand.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from bilat.claims.extract import Claim
from bilat.claims.messages import NAMES, figure, join, msg, render, span
from bilat.claims.numbers import find_numbers
from bilat.claims.reading import detect_language
from bilat.claims.vocabulary import BELOW_WORDS, CENTRAL_ASIA, GROWTH_OF, INDICATORS

CONSISTENT = "consistent"
DIFFERS_BY_REPORTER = "differs_by_reporter"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not_checkable"
VERDICTS = (CONSISTENT, DIFFERS_BY_REPORTER, INCONSISTENT, NOT_CHECKABLE)



# ---- Intervals ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    """The range of values a stated figure allows, from ``low`` up to ``high``."""

    low: float
    high: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        products = [self.low * other.low, self.low * other.high, self.high * other.low,
                    self.high * other.high]
        products = [0.0 if math.isnan(p) else p for p in products]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.low <= 0 <= other.high:
            return Interval(-math.inf, math.inf)
        return self * Interval(1 / other.high, 1 / other.low)

    def __and__(self, other: Interval) -> Interval:
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both; a rounding range excludes its upper end, so
        [4.45, 4.55) and [4.35, 4.45) — "$4.5 billion" and "$4.4 billion" — do not meet."""
        if self.low == self.high or other.low == other.high:
            return self.low <= other.high and other.low <= self.high
        return self.low < other.high and other.low < self.high

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)

    @property
    def empty(self) -> bool:
        return self.low > self.high


ANY = Interval(0.0, math.inf)


def precision(claim: Claim) -> float:
    """The unit of the last digit the claim's text writes, in base units ($4.4 billion: 0.1e9)."""
    lang = detect_language(claim.text) if re.search(r"[а-яА-Я]", claim.text) else "en"
    numbers = find_numbers(claim.text, lang)
    if not numbers:
        return 1.0
    number = max(numbers, key=lambda n: n.end - n.start)
    if number.value == 0:
        return float(number.step)
    return float(number.step * Decimal(str(abs(claim.value))) / number.value)


def stated_interval(claim: Claim, text: str | None = None) -> Interval:
    """The values a claim allows, from its precision and qualifier ("almost" needs the text)."""
    v = claim.value
    half = precision(claim) / 2
    if claim.qualifier == "more_than":
        return Interval(v, math.inf)
    if claim.qualifier == "less_than":
        return Interval(-math.inf if v < 0 else 0.0, v)
    if claim.qualifier == "about":
        below = text is not None and BELOW_WORDS.search(
            text[max(0, claim.start - 20):claim.start])
        low, high = sorted((0.9 * v, v if below else 1.1 * v))
        return Interval(low, high)
    return Interval(v - half, v + half)


def _range(i: Interval, unit: str) -> dict:
    """The values an interval allows, as a message parameter ("$4.35 bn–$4.45 bn")."""
    return span(i.low, i.high, unit)


# ---- Findings -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """The outcome of one check: which claims, the verdict, and why, in words and figures."""

    check: str
    verdict: str
    claims: tuple[Claim, ...]
    explanation: str
    figures: dict = field(default_factory=dict, compare=False)
    message: dict = field(default_factory=dict, compare=False)


def _finding(check: str, verdict: str, claims: tuple[Claim, ...], message: dict,
             figures: dict | None = None) -> Finding:
    """A finding with its message and the message's English wording."""
    return Finding(check, verdict, claims, render(message), figures or {}, message)


def _key(claim: Claim) -> tuple:
    countries = tuple(claim.countries) if INDICATORS[claim.indicator].directional \
        else tuple(sorted(claim.countries))
    return claim.indicator, claim.period, countries


def two_values(claims: Sequence[Claim], text: str | None = None) -> list[Finding]:
    """One indicator, period and pair with two values whose ranges do not meet.

    Flows, growth rates, shares, ranks and targets only: two stocks or events of one
    indicator can be of different things (a portfolio and one plant in it)."""
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        # A stock or an event can be of different things (a portfolio and one plant in it).
        if INDICATORS[c.indicator].kind not in ("stock", "event"):
            groups.setdefault(_key(c), []).append(c)
    out = []
    for (indicator, period, _countries), group in groups.items():
        values = {c.value for c in group}
        if len(values) < 2:
            continue
        unit = group[0].unit
        ranges = [stated_interval(c, text) for c in group]
        disjoint = any(not a.overlaps(b) for i, a in enumerate(ranges) for b in ranges[i + 1:])
        stated = join("and", (msg("stated_at", value=figure(c.value, unit), text={"quote": c.text},
                                  start=str(c.start)) for c in group))
        about = {"indicator": {"indicator": indicator}, "period": {"period": period},
                 "stated": stated}
        if not disjoint:
            out.append(_finding("two_values", CONSISTENT, tuple(group),
                                msg("two_values.rounding", **about), {"values": sorted(values)}))
            continue
        reporters = _sources(group, text) if text else {}
        if len(set(reporters.values())) > 1:
            sources = join("; ", (r or msg("the_release") for r in sorted(
                set(reporters.values()), key=lambda r: r or "the release")))
            out.append(_finding("two_values", DIFFERS_BY_REPORTER, tuple(group),
                                msg("two_values.reporters", **about, sources=sources),
                                {"values": sorted(values)}))
            continue
        spread = max(values) - min(values)
        out.append(_finding(
            "two_values", INCONSISTENT, tuple(group),
            msg("two_values.apart", **about, ranges=join(", ", (_range(r, unit) for r in ranges)),
                gap=figure(spread, unit)), {"values": sorted(values), "spread": spread}))
    return out


_SOURCE = re.compile(r"(?:according\s+to|data\s+(?:from|of)|по\s+данным|согласно)\s+([^,.;]{3,80})",
                     re.I)


def _sources(group: Sequence[Claim], text: str) -> dict[int, str]:
    """The source each claim's sentence names ("По данным Главного таможенного управления КНР")."""
    out = {}
    for c in group:
        start = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start)) + 1
        m = _SOURCE.search(text, start, c.start)
        out[c.start] = m.group(1).strip() if m else ""
    return out


def parts_sum(claims: Sequence[Claim]) -> list[Finding]:
    """Exports and imports of one reporter against the turnover of the same pair and period."""
    out = []
    by_key = {(c.indicator, c.period, tuple(c.countries)): c for c in claims}
    for t in (c for c in claims if c.indicator == "trade_turnover"):
        pair = sorted(t.countries)
        for reporter in pair:
            partner = next((p for p in pair if p != reporter), None)
            e = by_key.get(("exports", t.period, (reporter, partner)))
            i = by_key.get(("imports", t.period, (reporter, partner)))
            if not (e and i):
                continue
            nominal = e.value + i.value
            parts = stated_interval(e) + stated_interval(i)
            step = precision(t)
            rounded = round(nominal / step) * step
            names = msg("parts.sum", exports=figure(e.value), imports=figure(i.value),
                        sum=figure(nominal))
            figures = {"exports": e.value, "imports": i.value, "sum": nominal,
                       "turnover": t.value, "parts_range": (parts.low, parts.high)}
            turnover = figure(t.value)
            if math.isclose(rounded, t.value, rel_tol=1e-9):
                verdict, why = CONSISTENT, msg("parts.equal", sum=names, turnover=turnover)
            elif parts.overlaps(stated_interval(t)):
                verdict, why = CONSISTENT, msg("parts.edge", sum=names, turnover=turnover,
                                               parts=_range(parts, "USD"))
            else:
                verdict, why = INCONSISTENT, msg("parts.apart", sum=names, turnover=turnover,
                                                 parts=_range(parts, "USD"))
            out.append(_finding("parts_sum", verdict, (e, i, t), why, figures))
    return out


# ---- Growth rates, with the values the release leaves out derived --------------------------

def _value_key(indicator: str, period: str, countries: Sequence[str]) -> tuple:
    if indicator == "trade_turnover":
        return indicator, period, tuple(sorted(countries))
    return indicator, period, tuple(countries)


def _propagate(known: dict[tuple, Interval], growths: Sequence[Claim],
               periods: set[str], reporters: set[tuple[str, str]]) -> dict[tuple, Interval]:
    """Narrow every value by turnover = exports + imports and value = base × (1 + growth)."""
    v = dict(known)

    def get(key: tuple) -> Interval:
        return v.get(key, ANY)

    for _ in range(30):
        for period in periods:
            for reporter, partner in reporters:
                t = _value_key("trade_turnover", period, (reporter, partner))
                e = ("exports", period, (reporter, partner))
                i = ("imports", period, (reporter, partner))
                v[t] = get(t) & (get(e) + get(i))
                v[e] = get(e) & (get(t) - get(i)) & ANY
                v[i] = get(i) & (get(t) - get(e)) & ANY
        for g in growths:
            family = GROWTH_OF[g.indicator]
            now = _value_key(family, g.period, g.countries)
            then = _value_key(family, g.base_period, g.countries)
            factor = Interval(1, 1) + stated_interval(g) * Interval(0.01, 0.01)
            v[now] = get(now) & (get(then) * factor)
            v[then] = get(then) & (get(now) / factor)
    return v


def _derive(g: Claim, values: Sequence[Claim], others: Sequence[Claim], periods: set[str],
            pairs: set[tuple[str, str]]) -> dict[tuple, Interval] | None:
    """The values around a growth rate, derived from the rest of the release.

    Where a value is stated twice ($4.5 and $4.4 billion), each choice is tried, the one
    nearest the rate first, and the first that contradicts nothing is kept."""
    options: dict[tuple, list[Claim]] = {}
    for c in sorted(values, key=lambda c: abs(c.start - g.start)):
        options.setdefault(_value_key(c.indicator, c.period, c.countries), []).append(c)
    keys = list(options)
    for choice in itertools.islice(itertools.product(*(options[k] for k in keys)), 64):
        known = {k: stated_interval(c) for k, c in zip(keys, choice, strict=True)}
        derived = _propagate(known, others, periods, pairs)
        if not any(v.empty for v in derived.values()):
            return derived
    return None


def growth_rates(claims: Sequence[Claim]) -> list[Finding]:
    """Each growth rate against the values it joins, stated or derived from the other claims."""
    growths = [c for c in claims if c.indicator in GROWTH_OF and c.base_period]
    values = [c for c in claims if c.indicator in ("trade_turnover", "exports", "imports")]
    out = []
    for g in growths:
        family = GROWTH_OF[g.indicator]
        periods = {g.period, g.base_period} | {o.period for o in growths} | {
            o.base_period for o in growths}
        pairs = {tuple(c.countries) for c in values if c.indicator != "trade_turnover"}
        pairs |= {tuple(g.countries)} if family != "trade_turnover" else set()
        derived = _derive(g, values, [o for o in growths if o is not g], periods, pairs)
        if derived is None:
            out.append(_finding("growth", NOT_CHECKABLE, (g,), msg(
                "growth.contradict", indicator={"indicator": g.indicator},
                value=figure(g.value, "percent"))))
            continue
        now = derived.get(_value_key(family, g.period, g.countries), ANY)
        then = derived.get(_value_key(family, g.base_period, g.countries), ANY)
        stated = stated_interval(g)
        if not (now.bounded and then.bounded) or then.low <= 0:
            missing = g.period if not now.bounded else g.base_period
            out.append(_finding("growth", NOT_CHECKABLE, (g,), msg(
                "growth.missing", indicator={"indicator": g.indicator},
                value=figure(g.value, "percent"), family={"indicator": family},
                period={"period": missing})))
            continue
        implied = (now / then - Interval(1, 1)) * Interval(100, 100)
        direct = [c for c in values if c.indicator == family and c.period in (g.period,
                                                                              g.base_period)]
        nominal = None
        if {c.period for c in direct} == {g.period, g.base_period}:
            a = min((c for c in direct if c.period == g.period), key=lambda c: abs(c.start - g.start))
            b = min((c for c in direct if c.period == g.base_period),
                    key=lambda c: abs(c.start - g.start))
            nominal = (a.value / b.value - 1) * 100
        figures = {"implied_range": (implied.low, implied.high), "nominal": nominal,
                   "now": (now.low, now.high), "base": (then.low, then.high)}
        how = (msg("growth.nominal", value=figure(nominal, "percent")) if nominal is not None
               else "")
        basis = msg("growth.basis", family={"indicator": family},
                    base_period={"period": g.base_period}, then=_range(then, "USD"),
                    period={"period": g.period}, now=_range(now, "USD"))
        why = {"indicator": {"indicator": g.indicator}, "value": figure(g.value, "percent"),
               "base_period": {"period": g.base_period}, "period": {"period": g.period},
               "nominal": how, "implied": _range(implied, "percent"), "basis": basis}
        if implied.overlaps(stated):
            out.append(_finding("growth", CONSISTENT, (g,), msg("growth.holds", **why), figures))
        else:
            out.append(_finding("growth", INCONSISTENT, (g,), msg("growth.fails", **why),
                                figures))
    return out


# ---- Facts: the interface a checker against the warehouse and registry implements ------------

@dataclass(frozen=True)
class Fact:
    """A figure from the data: its value, who reports it, where it comes from, its precision."""

    value: float
    reporter: str  # ISO code of the reporting statistics office, or "mirror", "BACI", "registry"
    source: str | dict  # a message (``messages``) when the checker words it
    step: float = 0.0  # the precision it was published with (0: exact)

    @property
    def interval(self) -> Interval:
        return Interval(self.value - self.step / 2, self.value + self.step / 2)


class FactsProvider(Protocol):
    """Where the checker gets data: the warehouse for trade, the registry for projects."""

    def facts(self, indicator: str, period: str, countries: Sequence[str]) -> Sequence[Fact]:
        """The figures known for an indicator, a period and countries, each with its reporter.

        ``period`` uses the claims' grammar; ``countries`` the claims' order (a pair's
        turnover in either order). An empty answer means nothing is known."""
        ...


class StaticFacts:
    """Facts held in memory, keyed like the claims: for tests and for figures typed by hand."""

    def __init__(self, rows: Iterable[tuple[str, str, Sequence[str], Fact]] = ()):
        self._rows: dict[tuple, list[Fact]] = {}
        for indicator, period, countries, fact in rows:
            self.add(indicator, period, countries, fact)

    def add(self, indicator: str, period: str, countries: Sequence[str], fact: Fact) -> None:
        self._rows.setdefault(_value_key(indicator, period, countries), []).append(fact)

    def facts(self, indicator: str, period: str, countries: Sequence[str]) -> Sequence[Fact]:
        return list(self._rows.get(_value_key(indicator, period, countries), []))


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict against the data and its explanation."""

    verdict: str
    explanation: str
    message: dict = field(default_factory=dict, compare=False)


def _verdict(verdict: str, message: dict) -> Verdict:
    return Verdict(verdict, render(message), message)


def reference_year(period: str) -> str | None:
    """The year whose statistics an as-of claim refers to: the last full one before it."""
    if period.startswith("asof:"):
        return str(date.fromisoformat(period[5:]).year - 1)
    if re.fullmatch(r"\d{4}", period):
        return period
    return None


def growth_facts(claim: Claim, facts: FactsProvider) -> list[Fact]:
    """A growth rate's facts: each reporter's figure for the period over its figure for the
    base period, in percent, as wide as the two figures' precision allows."""
    family = GROWTH_OF[claim.indicator]
    now = facts.facts(family, claim.period, claim.countries)
    then = facts.facts(family, claim.base_period, claim.countries)
    out = []
    for a in now:
        for b in then:
            if a.reporter != b.reporter or b.value <= 0:
                continue
            rate = (a.value / b.value - 1) * 100
            span = (a.interval / b.interval - Interval(1, 1)) * Interval(100, 100)
            out.append(Fact(rate, a.reporter,
                            msg("data.growth_source", then=figure(b.value),
                                base_period={"period": claim.base_period}, now=figure(a.value),
                                period={"period": claim.period}, source=a.source),
                            max(2 * max(span.high - rate, rate - span.low), 0.0)))
    return out


def check_claim(claim: Claim, facts: FactsProvider, *, reporter: str | None = None,
                text: str | None = None) -> Verdict:
    """One claim against the data: consistent, differs by reporter, inconsistent, not checkable.

    ``reporter`` is the country whose figures the release should use (its publisher's); by
    default the first of the claim's countries. The registry's own figures (reporter
    ``registry``) count as the release's side. A growth rate is checked against the rate of
    the figures each reporter gives for its two periods."""
    info = INDICATORS[claim.indicator]
    indicator = {"indicator": claim.indicator}
    if not info.core:
        return _verdict(NOT_CHECKABLE, msg("data.not_core", indicator=indicator))
    if claim.unit == "KZT":
        return _verdict(NOT_CHECKABLE, msg("data.tenge", indicator=indicator))
    if claim.indicator == "share_of_regional_trade_pct":
        finding = share_denominator(claim, facts, text=text)
        return Verdict(finding.verdict, finding.explanation, finding.message)
    if claim.indicator in GROWTH_OF and claim.base_period:
        known = growth_facts(claim, facts)
    else:
        known = list(facts.facts(claim.indicator, claim.period, claim.countries))
    if not known and claim.period in ("unspecified", "medium_term"):
        return _verdict(NOT_CHECKABLE, msg("data.no_year", indicator=indicator,
                                           period={"period": claim.period}))
    if not known:
        base = (msg("data.against", period={"period": claim.base_period}) if claim.base_period
                else "")
        return _verdict(NOT_CHECKABLE, msg(
            "data.no_figure", indicator=indicator, period={"period": claim.period}, base=base,
            countries="–".join(claim.countries)))
    stated = stated_interval(claim, text)
    own_side = {reporter or (claim.countries[0] if claim.countries else None), "registry"}
    matching = [f for f in known if f.interval.overlaps(stated)]
    listed = join("; ", (_fact(f, claim.unit) for f in known))
    value = figure(claim.value, claim.unit)
    if any(f.reporter in own_side for f in matching) or (matching and len(matching) == len(known)):
        return _verdict(CONSISTENT, msg("data.consistent", value=value, listed=listed))
    if matching:
        others = ", ".join(sorted(own_side - {None, "registry"})) or msg("data.publisher")
        return _verdict(DIFFERS_BY_REPORTER, msg(
            "data.differs", value=value, reporter={"reporter": matching[0].reporter},
            source=matching[0].source, others=others, listed=listed))
    return _verdict(INCONSISTENT, msg("data.inconsistent", value=value,
                                      range=_range(stated, claim.unit), listed=listed))


def _fact(fact: Fact, unit: str) -> dict:
    """A fact as the explanation lists it: its value, whose figure it is and its source (the
    registry's sources name the registry already)."""
    if fact.reporter == "registry":
        return msg("data.registry_fact", value=figure(fact.value, unit), source=fact.source)
    return msg("data.fact", value=figure(fact.value, unit), reporter={"reporter": fact.reporter},
               source=fact.source)


# ---- Shares and their denominators --------------------------------------------------------

_ALL_REGION = re.compile(r"all\s+(?:the\s+)?trade\s+(?:in|of|within)\s+(?:the\s+)?Central\s+Asia"
                         r"|всей\s+торговл\w+\s+(?:в|стран)\s+Центральн\w+\s+Ази\w*"
                         r"|(?:intra|внутри)[\s-]?(?:regional|региональн\w*)", re.I)


def _turnover(facts: FactsProvider, year: str, a: str, b: str,
              reporter: str | None = None) -> Interval | None:
    known = list(facts.facts("trade_turnover", year, (a, b)))
    if reporter is not None:
        own = [f for f in known if f.reporter == reporter]
        known = own or known
    if not known:
        return None
    return Interval(min(f.interval.low for f in known), max(f.interval.high for f in known))


def _share(part: Interval, rest: Interval) -> Interval:
    """part ÷ (part + rest), in percent, knowing both bounds move the share the same way."""
    return Interval(100 * part.low / (part.low + rest.high), 100 * part.high / (part.high + rest.low))


def share_readings(pair: Sequence[str], year: str, facts: FactsProvider) -> dict[str, Interval]:
    """The share a pair's trade is, under each denominator the data can give.

    * ``region``: of all trade in Central Asia, each pair of the five counted once;
    * ``of:XX``: the partner's share of XX's trade with Central Asia, on XX's own figures."""
    a, b = pair
    out: dict[str, Interval] = {}
    pair_trade = _turnover(facts, year, a, b)
    others = [(x, y) for i, x in enumerate(CENTRAL_ASIA) for y in CENTRAL_ASIA[i + 1:]
              if {x, y} != {a, b}]
    rest = [_turnover(facts, year, x, y) for x, y in others]
    if pair_trade and all(rest):
        total = Interval(0, 0)
        for r in rest:
            total = total + r
        out["region"] = _share(pair_trade, total)
    for country in (a, b):
        own = _turnover(facts, year, a, b, reporter=country)
        partners = [_turnover(facts, year, country, p, reporter=country)
                    for p in CENTRAL_ASIA if p not in (a, b)]
        if own and all(partners):
            total = Interval(0, 0)
            for r in partners:
                total = total + r
            out[f"of:{country}"] = _share(own, total)
    return out


def share_denominator(claim: Claim, facts: FactsProvider, *, text: str | None = None) -> Finding:
    """Whether a regional share fits the denominator it names, or another one."""
    year = reference_year(claim.period)
    pair = sorted(claim.countries)
    readings = share_readings(pair, year, facts) if year and len(pair) == 2 else {}
    sentence = _sentence(text, claim) if text else ""
    named = "region" if (not sentence or _ALL_REGION.search(sentence)) else None
    if named is None:
        named = next((f"of:{c}" for c in pair if re.search(
            re.escape(NAMES[c][:6]) + r"\w*'s\s+trade|торговл\w+\s+" + NAMES[c][:5], sentence)),
            "region")
    if not readings:
        return _finding("denominator", NOT_CHECKABLE, (claim,),
                        msg("share.no_data", year=str(year)))
    stated = stated_interval(claim)
    fits = [name for name, r in readings.items() if r.overlaps(stated)]
    figures = {name: (r.low, r.high) for name, r in readings.items()}

    def say(name: str) -> dict:
        if name == "region":
            return msg("share.region")
        country = name[3:]
        partner = next(c for c in pair if c != country)
        return msg("share.of", partner={"country": partner, "case": "gen"},
                   country={"country": country, "case": "gen"})

    described = join("; ", (msg("share.reading", denominator=say(n),
                                range=_range(r, "percent")) for n, r in readings.items()))
    value = figure(claim.value, "percent")
    if named in fits:
        return _finding("denominator", CONSISTENT, (claim,), msg(
            "share.fits", value=value, denominator=say(named), year=str(year),
            described=described), figures)
    if fits:
        return _finding("denominator", INCONSISTENT, (claim,), msg(
            "share.mismatch", value=value, fits=say(fits[0]),
            fits_range=_range(readings[fits[0]], "percent"), year=str(year), named=say(named),
            named_range=_range(readings[named], "percent")), {**figures, "fits": fits[0]})
    return _finding("denominator", INCONSISTENT, (claim,), msg(
        "share.none", value=value, year=str(year), described=described), figures)


def _sentence(text: str, claim: Claim) -> str:
    start = max(text.rfind(". ", 0, claim.start), text.rfind("\n", 0, claim.start)) + 1
    end = text.find(".", claim.end)
    return text[start:end if end >= 0 else len(text)]


def share_denominators(claims: Sequence[Claim], facts: FactsProvider,
                       text: str | None = None) -> list[Finding]:
    """Every regional share of a release against its named denominator."""
    return [share_denominator(c, facts, text=text) for c in claims
            if c.indicator == "share_of_regional_trade_pct"]


def check_document(claims: Sequence[Claim], *, text: str | None = None,
                   facts: FactsProvider | None = None) -> list[Finding]:
    """All the checks inside one release (the denominator one only with facts)."""
    findings = two_values(claims, text) + parts_sum(claims) + growth_rates(claims)
    if facts is not None:
        findings += share_denominators(claims, facts, text)
    return findings


# ---- Across releases ----------------------------------------------------------------------

@dataclass(frozen=True)
class EarlierRelease:
    """A release published before the one being checked, with its claims."""

    name: str
    published: date
    claims: Sequence[Claim]


def compare_releases(claims: Sequence[Claim], earlier: Sequence[EarlierRelease]) -> list[Finding]:
    """Each claim against the same indicator, period and countries in earlier releases."""
    out = []
    for c in claims:
        if c.period.startswith("asof:") or c.period in ("unspecified",):
            continue
        for release in sorted(earlier, key=lambda r: r.published):
            for old in release.claims:
                if _key(old) != _key(c):
                    continue
                drift = c.value - old.value
                relative = drift / old.value * 100 if old.value else math.nan
                same = stated_interval(c).overlaps(stated_interval(old))
                text = msg("earlier.compare", indicator={"indicator": c.indicator},
                           period={"period": c.period}, now=figure(c.value, c.unit),
                           then=figure(old.value, c.unit), release=release.name,
                           published={"date": release.published.isoformat()})
                if same:
                    why = msg("earlier.same", compare=text)
                else:
                    why = msg("earlier.drift", compare=text, drift={"signed": drift, "unit": c.unit},
                              relative={"pct": relative if math.isfinite(relative) else None})
                out.append(_finding("earlier_release", CONSISTENT if same else INCONSISTENT,
                                    (c, old), why, {"drift": drift, "relative_pct": relative,
                                                    "release": release.name}))
    return out

