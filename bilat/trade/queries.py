"""Typed questions the commission asks of the trade warehouse.

All values are US$ (not millions); every figure carries its basis, source, vintage and flag.
Pages, the API and the CLI call these functions (and ``indicators``) and nothing else in the
warehouse. A function that reads the warehouse reads it once; the arithmetic on what it read
is a function of its own (``PairTotals.series``, ``growth_table``, ``ytd_from_series``,
``mirror_rows``, ``reporter_region_share``, ``region_share``, ``pace_from_series``,
``intensity``), so that ``indicators.pair_indicators`` reads each series once and computes
everything else from it.
"""

from __future__ import annotations

import csv
import heapq
import math
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop

from bilat.core.countries import CENTRAL_ASIA

from . import metrics
from .pace import TargetPace, TradeTarget, pace_to_target
from .themes import builtin_themes
from .warehouse import DATA_DIR, Warehouse, WarehouseError, country_numbers, reader

CA5: tuple[str, ...] = CENTRAL_ASIA.countries  # the default region (core.countries)
PRODUCT_BASIS = "BACI"


@dataclass(frozen=True)
class Figure:
    """One number with where it comes from."""

    value: float
    basis: str
    source: str
    vintage: str = ""
    flag: str | None = None
    note: str | None = None
    reported_by: str | None = None


@dataclass
class PairPeriod:
    """A pair's exports, imports, turnover and balance in one period on one basis."""

    basis: str
    year: int
    month: int  # 0 for a whole year; else the last month of the period
    period_kind: str
    exports: Figure | None = None
    imports: Figure | None = None
    turnover: Figure | None = None
    turnover_is_sum: bool = False
    balance: float | None = None

    @property
    def label(self) -> str:
        if self.period_kind == "year":
            return str(self.year)
        if self.period_kind == "month":
            return f"{self.year}-{self.month:02d}"
        return f"{self.year} Jan–{_MONTHS[self.month - 1]}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _finite(row: dict[str, Any]) -> float:
    """A row's value, which no load since issue 8 stores unless it is a finite number."""
    value = float(row["value"])
    if not math.isfinite(value):
        raise WarehouseError(
            f"The trade warehouse holds a figure that is not a finite number ({value} from "
            f"{row['source']}), loaded before bilat refused such figures: reload that file."
        )
    return value


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(
        value=_finite(row), basis=row["basis"], source=row["source"],
        vintage=row["vintage"], flag=row["flag"], note=row["note"],
        reported_by=row["reported_by"],
    )


def _pair_measures(rows: list[dict[str, Any]], reporter: str) -> list[dict[str, Any]]:
    """Each measure of each basis and period once, ordered by basis, year, month and measure.

    The reporter's own report wins, then the latest vintage, then the first source by name
    (str order is DuckDB's binary order).
    """
    for row in rows:
        kind, exporter = row.pop("kind"), row.pop("exporter")
        row["measure"] = ("turnover" if kind == "turnover"
                          else "exports" if exporter == reporter else "imports")
    rows = sorted(rows, key=lambda r: r["source"])
    rows.sort(key=lambda r: (r["reported_by"] == reporter, r["vintage"]), reverse=True)
    picked: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["basis"], row["year"], row["month"], row["period_kind"], row["measure"])
        picked.setdefault(key, row)
    return sorted(picked.values(),
                  key=lambda r: (r["basis"], r["year"], r["month"], r["measure"]))


@dataclass(frozen=True)
class PairTotals:
    """A pair's totals as the warehouse holds them, both directions, read once."""

    pair: tuple[str, str]
    rows: tuple[dict[str, Any], ...]

    def series(
        self, reporter: str, *, basis: str | None = None, period_kind: str | None = "year"
    ) -> list[PairPeriod]:
        """The pair's trade by period on each basis (or one), as ``reporter`` sees it."""
        if reporter not in self.pair:
            raise ValueError(f"{reporter} is not one of the pair {'–'.join(self.pair)}")
        # Copies: _pair_measures rewrites its rows, and these serve every viewpoint and basis.
        rows = [dict(r) for r in self.rows if basis is None or r["basis"] == basis]
        periods: dict[tuple[str, int, int, str], PairPeriod] = {}
        for row in _pair_measures(rows, reporter):
            if period_kind and row["period_kind"] != period_kind:
                continue
            key = (row["basis"], int(row["year"]), int(row["month"]), row["period_kind"])
            period = periods.setdefault(key, PairPeriod(*key))
            setattr(period, row["measure"], _figure(row))
        for p in periods.values():
            if p.turnover is None and p.exports and p.imports:
                # No published turnover: the sum of the two flows, from the same basis.
                p.turnover = Figure(
                    p.exports.value + p.imports.value, p.basis,
                    "; ".join(sorted({p.exports.source, p.imports.source})),
                    max(p.exports.vintage, p.imports.vintage),
                    "derived" if "derived" in (p.exports.flag, p.imports.flag) else None,
                    "exports + imports",
                )
                p.turnover_is_sum = True
            if p.exports and p.imports:
                p.balance = p.exports.value - p.imports.value
        return sorted(periods.values(), key=lambda p: (p.basis, p.year, p.month))


def pair_totals(
    reporter: str, partner: str, *, basis: str | None = None, warehouse: Path | None = None
) -> PairTotals:
    """Every total of the pair on one basis (or all of them), both directions: one read."""
    with reader(warehouse) as wh:
        rows = wh.rows("pair_totals", {"reporter": reporter, "partner": partner, "basis": basis})
    return PairTotals((reporter, partner), tuple(rows))


def pair_series(
    reporter: str,
    partner: str,
    *,
    basis: str | None = None,
    period_kind: str | None = "year",
    warehouse: Path | None = None,
) -> list[PairPeriod]:
    """The pair's trade by period on each basis, as the reporter sees it."""
    totals = pair_totals(reporter, partner, basis=basis, warehouse=warehouse)
    return totals.series(reporter, basis=basis, period_kind=period_kind)


def _value(p: PairPeriod | None, measure: str) -> float | None:
    fig = getattr(p, measure) if p else None
    return fig.value if fig else None


MEASURES: tuple[str, ...] = ("turnover", "exports", "imports")


@dataclass(frozen=True)
class Growth:
    """One measure in a year: its growth on the year before, over N years, and its CAGR."""

    value: float | None
    yoy: float | None
    previous_year: int
    n_years: int
    base_year: int
    base_value: float | None
    growth_n: float | None
    cagr: float | None
    null_reasons: dict[str, str]


def growth_table(series: list[PairPeriod], year: int, years: int = 5) -> dict[str, Growth]:
    """Growth year on year, over N years and CAGR for each measure of one basis's series."""
    by_year = {p.year: p for p in series if p.period_kind == "year"}
    now, last, base = by_year.get(year), by_year.get(year - 1), by_year.get(year - years)
    out: dict[str, Growth] = {}
    for measure in MEASURES:
        value, previous, base_value = (_value(now, measure), _value(last, measure),
                                       _value(base, measure))
        out[measure] = Growth(
            value=value,
            yoy=metrics.growth(value, previous),
            previous_year=year - 1,
            n_years=years,
            base_year=year - years,
            base_value=base_value,
            growth_n=metrics.growth(value, base_value),
            cagr=metrics.cagr(base_value, value, years),
            null_reasons=metrics.reasons(
                yoy=metrics.why_no_growth(value, previous, str(year - 1)),
                growth_n=metrics.why_no_growth(value, base_value, str(year - years)),
                cagr=metrics.why_no_cagr(base_value, value, years, str(year - years)),
            ),
        )
    return out


@dataclass(frozen=True)
class YtdMeasure:
    """One measure from January to a month, and over the same months a year before."""

    value: float | None
    previous: float | None
    growth: float | None
    source: str | None
    previous_source: str | None
    null_reasons: dict[str, str]


@dataclass(frozen=True)
class YtdComparison:
    """The year to date on one basis against the same months of the previous year."""

    basis: str
    year: int
    months: int
    period: str
    previous_period: str
    turnover: YtdMeasure
    exports: YtdMeasure
    imports: YtdMeasure


def ytd_comparison(
    reporter: str,
    partner: str,
    *,
    basis: str,
    year: int | None = None,
    month: int | None = None,
    warehouse: Path | None = None,
) -> YtdComparison | None:
    """January to the latest month against the same months of the previous year."""
    series = pair_series(reporter, partner, basis=basis, period_kind=None, warehouse=warehouse)
    return ytd_from_series(series, basis=basis, year=year, month=month)


def ytd_from_series(
    series: list[PairPeriod], *, basis: str, year: int | None = None, month: int | None = None
) -> YtdComparison | None:
    """The year to date on ``basis`` from a series of every period kind (None if it has none)."""
    periods = [
        p for p in series if p.basis == basis
        # A January on its own is the year to date of January.
        and (p.period_kind == "ytd" or (p.period_kind == "month" and p.month == 1))
    ]
    index = {(p.year, p.month): p for p in periods}
    candidates = sorted(
        (p for p in periods if (year is None or p.year == year) and (month is None or p.month == month)
         and (p.year - 1, p.month) in index),
        key=lambda p: (p.year, p.month),
    )
    if not candidates:
        return None
    now = candidates[-1]
    before = index[(now.year - 1, now.month)]
    measures: dict[str, YtdMeasure] = {}
    for measure in MEASURES:
        a, b = getattr(now, measure), getattr(before, measure)
        value, previous = (a.value if a else None), (b.value if b else None)
        measures[measure] = YtdMeasure(
            value=value,
            previous=previous,
            growth=metrics.growth(value, previous),
            source=a.source if a else None,
            previous_source=b.source if b else None,
            null_reasons=metrics.reasons(
                growth=metrics.why_no_growth(value, previous, before.label)),
        )
    return YtdComparison(basis=basis, year=now.year, months=now.month, period=now.label,
                         previous_period=before.label, **measures)


# Marked for the catalogue; the page translates it (``gettext(note)``), the API and CLI keep it.
CIF_FOB_NOTE = gettext_noop(
    "Exporters value goods FOB (at their border), importers CIF (with freight and insurance "
    "to theirs): an importer's report is usually some 5–10 % above the exporter's; a larger "
    "gap, or one the other way, points to timing, re-exports, confidential items or errors."
)


@dataclass
class MirrorRow:
    """One flow in one year as each side reports it, on one basis.

    ``basis`` is "national" when each figure comes from its own office's statistics (KZ's and
    UZ's), else the basis both reports are held on (COMTRADE, …)."""

    year: int
    exporter: str
    importer: str
    exporter_report: Figure | None
    importer_report: Figure | None
    gap: float | None = None
    gap_pct: float | None = None
    null_reasons: dict[str, str] = field(default_factory=dict)
    basis: str = "national"
    note: str | None = None


def mirror(reporter: str, partner: str, *, warehouse: Path | None = None) -> list[MirrorRow]:
    """The mirror panel: the exporter's and the importer's report of each annual flow."""
    return mirror_rows(pair_totals(reporter, partner, warehouse=warehouse), reporter, partner)


def _mirror_row(year: int, exporter: str, importer: str, x: Figure | None, m: Figure | None,
                basis: str) -> MirrorRow:
    row = MirrorRow(year, exporter, importer, x, m, basis=basis)
    if x and m:
        row.gap = m.value - x.value
        row.gap_pct = metrics.share(row.gap, x.value)
        row.null_reasons = metrics.reasons(gap_pct=metrics.why_no_share(
            row.gap, x.value, "the exporter's report"))
        row.note = CIF_FOB_NOTE
    else:
        missing = f"no report from {importer if m is None else exporter}"
        row.null_reasons = {"gap": missing, "gap_pct": missing}
    return row


def _reports_by_side(totals: PairTotals, basis: str) -> dict[tuple[int, str, str], Figure]:
    """(year, exporter, reporter) -> the annual flow as that reporter reports it on ``basis``
    (latest vintage, then the first source by name)."""
    rows = sorted((r for r in totals.rows if r["basis"] == basis and r["kind"] != "turnover"
                   and r["period_kind"] == "year"), key=lambda r: r["source"])
    rows.sort(key=lambda r: r["vintage"], reverse=True)
    out: dict[tuple[int, str, str], Figure] = {}
    for r in rows:
        out.setdefault((int(r["year"]), r["exporter"], r["reported_by"]), _figure(r))
    return out


def mirror_rows(totals: PairTotals, reporter: str, partner: str) -> list[MirrorRow]:
    """The mirror panel from the pair's totals: each office's report on its own basis
    ("national"), then each other basis that holds both sides' reports of a flow."""
    out: list[MirrorRow] = []
    mine = {p.year: p for p in totals.series(reporter, basis=reporter)}
    theirs = {p.year: p for p in totals.series(partner, basis=partner)}
    for year in sorted(mine.keys() | theirs.keys()):
        a, b = mine.get(year), theirs.get(year)
        for exporter, importer, x, m in (
            (reporter, partner, a.exports if a else None, b.imports if b else None),
            (partner, reporter, b.exports if b else None, a.imports if a else None),
        ):
            if x is None and m is None:
                continue
            out.append(_mirror_row(year, exporter, importer, x, m, "national"))
    others = sorted({r["basis"] for r in totals.rows} - {reporter, partner})
    for basis in others:
        reports = _reports_by_side(totals, basis)
        both = [(y, e) for (y, e, by) in reports if by == e
                and (y, e, partner if e == reporter else reporter) in reports]
        if not both:
            continue  # one report per flow (BACI, a meeting): nothing to mirror
        for year in sorted({y for y, _e, _b in reports}):
            for exporter, importer in ((reporter, partner), (partner, reporter)):
                x = reports.get((year, exporter, exporter))
                m = reports.get((year, exporter, importer))
                if x or m:
                    out.append(_mirror_row(year, exporter, importer, x, m, basis))
    return out


def _pair_turnovers(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Figure]]:
    """(a, b) -> basis -> turnover: published where there is one, else exports + imports."""
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        g = grouped.setdefault((r["a"], r["b"], r["basis"]), {"flows": {}, "turnover": None})
        if r["kind"] == "turnover":
            g["turnover"] = r
        else:
            g["flows"][r["exporter"]] = r
    out: dict[tuple[str, str], dict[str, Figure]] = {}
    for (a, b, basis), g in grouped.items():
        if g["turnover"]:
            t = g["turnover"]
            fig = Figure(_finite(t), basis, t["source"], t["vintage"], t["flag"])
        elif len(g["flows"]) == 2:
            f1, f2 = g["flows"].values()
            fig = Figure(_finite(f1) + _finite(f2), basis, f1["source"],
                         f1["vintage"], f1["flag"], "exports + imports")
        else:
            continue
        out.setdefault((a, b), {})[basis] = fig
    return out


RegionMatrix = dict[tuple[str, str], dict[str, Figure]]


def region_turnovers(
    year: int, countries: tuple[str, ...] = CA5, *, warehouse: Path | None = None
) -> RegionMatrix:
    """Turnover of every pair in the region on every basis it is reported on: one read."""
    with reader(warehouse) as wh:
        rows = wh.rows("region_totals", {"year": year, "countries": list(countries)})
    return _pair_turnovers(rows)


def kept_bases(turnovers: RegionMatrix, bases: tuple[str, ...] | None = None) -> RegionMatrix:
    """The de-duplicated pair matrix: each pair's turnover on the given bases only.

    By default a pair keeps only its two statistics offices' reports (basis = one of the
    pair), so a meeting's rounding or a synthetic sample never enters a regional total.
    """
    out: RegionMatrix = {}
    for pair, by_basis in turnovers.items():
        kept = {b: f for b, f in by_basis.items() if (b in bases if bases else b in pair)}
        if kept:
            out[pair] = kept
    return out


def region_matrix(
    year: int, countries: tuple[str, ...] = CA5, *, bases: tuple[str, ...] | None = None,
    warehouse: Path | None = None,
) -> RegionMatrix:
    """Turnover of every pair in the region, per basis: the de-duplicated pair matrix."""
    return kept_bases(region_turnovers(year, countries, warehouse=warehouse), bases)


@dataclass(frozen=True)
class ReporterRegionShare:
    """The partner's share of the reporter's trade with the region, on one basis."""

    metric: str
    year: int
    basis: str
    numerator: float | None
    numerator_label: str
    denominator: float | None
    denominator_label: str
    share: float | None
    missing: list[str]
    null_reasons: dict[str, str]
    parts: dict[str, Figure | None]


def share_of_reporter_region(
    reporter: str, partner: str, year: int, *, basis: str | None = None,
    countries: tuple[str, ...] = CA5, warehouse: Path | None = None,
) -> ReporterRegionShare:
    """The partner's share of the reporter's trade with the region, all on one basis."""
    turnovers = region_turnovers(year, countries, warehouse=warehouse)
    return reporter_region_share(turnovers, reporter, partner, year, basis=basis,
                                 countries=countries)


def reporter_region_share(
    turnovers: RegionMatrix, reporter: str, partner: str, year: int, *,
    basis: str | None = None, countries: tuple[str, ...] = CA5,
) -> ReporterRegionShare:
    """share_of_reporter_region from the region's turnovers already read."""
    basis = basis or reporter
    matrix = kept_bases(turnovers, (basis,))
    parts: dict[str, Figure | None] = {}
    for other in countries:
        if other == reporter:
            continue
        key = tuple(sorted((reporter, other)))
        parts[other] = matrix.get(key, {}).get(basis)  # type: ignore[arg-type]
    missing = [c for c, f in parts.items() if f is None]
    total = sum(f.value for f in parts.values() if f)
    num = parts.get(partner)
    share = metrics.share(num.value if num else None, total) if not missing else None
    if share is not None:
        why = None
    elif missing:
        why = f"no {basis} turnover of {reporter} with {', '.join(missing)} in {year}"
    else:
        why = metrics.why_no_share(num.value if num else None, total, "the denominator")
    return ReporterRegionShare(
        metric="share_of_reporter_ca",
        year=year,
        basis=basis,
        numerator=num.value if num else None,
        numerator_label=f"{reporter}–{partner} turnover",
        denominator=total or None,
        denominator_label=f"{reporter}'s turnover with " + ", ".join(
            c for c in countries if c != reporter),
        share=share,
        missing=missing,
        null_reasons=metrics.reasons(share=why),
        parts=parts,
    )


@dataclass(frozen=True)
class RegionShare:
    """The pair's share of all trade within the region, as a range over the offices' reports."""

    metric: str
    year: int
    numerator_low: float | None
    numerator_high: float | None
    denominator_low: float | None
    denominator_high: float | None
    share_low: float | None
    share_high: float | None
    null_reasons: dict[str, str]
    pairs: int
    pairs_expected: int
    matrix: dict[str, dict[str, Figure]]


def share_of_region(
    reporter: str, partner: str, year: int, *, countries: tuple[str, ...] = CA5,
    bases: tuple[str, ...] | None = None, warehouse: Path | None = None,
) -> RegionShare:
    """The pair's share of all trade within the region, each pair counted once (a range)."""
    turnovers = region_turnovers(year, countries, warehouse=warehouse)
    return region_share(turnovers, reporter, partner, year, countries=countries, bases=bases)


def region_share(
    turnovers: RegionMatrix, reporter: str, partner: str, year: int, *,
    countries: tuple[str, ...] = CA5, bases: tuple[str, ...] | None = None,
) -> RegionShare:
    """share_of_region from the region's turnovers already read."""
    matrix = kept_bases(turnovers, bases)
    key = tuple(sorted((reporter, partner)))
    low_total = sum(min(f.value for f in b.values()) for b in matrix.values())
    high_total = sum(max(f.value for f in b.values()) for b in matrix.values())
    own = matrix.get(key, {})  # type: ignore[call-overload]
    expected = len(countries) * (len(countries) - 1) // 2
    low = metrics.share(min(f.value for f in own.values()), high_total) if own else None
    high = metrics.share(max(f.value for f in own.values()), low_total) if own else None
    no_pair = f"no turnover of {reporter}–{partner} in {year}" if not own else None
    return RegionShare(
        metric="share_of_region",
        year=year,
        numerator_low=min((f.value for f in own.values()), default=None),
        numerator_high=max((f.value for f in own.values()), default=None),
        denominator_low=low_total or None,
        denominator_high=high_total or None,
        share_low=low,
        share_high=high,
        null_reasons=metrics.reasons(
            share_low=no_pair or (low is None and "the region's trade is zero") or None,
            share_high=no_pair or (high is None and "the region's trade is zero") or None,
        ),
        pairs=len(matrix),
        pairs_expected=expected,
        matrix={f"{a}–{b}": dict(v) for (a, b), v in sorted(matrix.items())},
    )


# --- products ----------------------------------------------------------------------------


@cache
def hs_chapters() -> dict[str, str]:
    """HS chapter titles shipped with the package."""
    with (DATA_DIR / "hs_chapters.csv").open(encoding="utf-8") as fh:
        return {r["chapter"]: r["title"] for r in csv.DictReader(fh)}


@cache
def theme_of(code: str) -> list[str]:
    """The built-in themes an HS code (4 or 6 digits) belongs to (a cached list: do not change
    it)."""
    return [t.code for t in builtin_themes() if t.covers(code)]


@dataclass
class ProductRow:
    """A pair's trade in one HS heading."""

    hs4: str
    chapter_title: str
    exports: float
    imports: float
    export_share: float | None = None
    import_share: float | None = None
    themes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeShare:
    """A product theme's part of the pair's trade, each way."""

    title_en: str
    title_ru: str
    exports: float
    imports: float
    export_share: float | None
    import_share: float | None


@dataclass(frozen=True)
class PairProducts:
    """Product composition of the pair's trade in one year on one basis.

    Each flow is read from one report (``report``: the exporter's by default, else the
    importer's mirror report; the other when the one asked is missing): ``reports`` names,
    for each direction ("KZ->UZ"), whose report the figures are.
    """

    year: int
    basis: str
    source: str | None
    flag: str | None
    exports_total: float
    imports_total: float
    top_exports: list[ProductRow]
    top_imports: list[ProductRow]
    themes: dict[str, ThemeShare]
    hhi_exports: float | None
    hhi_imports: float | None
    grubel_lloyd: float | None
    null_reasons: dict[str, str]
    report: str = "exporter"
    reports: dict[str, str] = field(default_factory=dict)
    # For each direction, whose report and which side's it is (``display.report_label``).
    report_sides: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


REPORTS: tuple[str, ...] = ("exporter", "importer")


@dataclass(frozen=True)
class PickedReport:
    """The HS rows of one flow of the pair in one year, from one report."""

    exporter: str
    importer: str
    reporter: str | None  # whose report; None when neither side reports the flow
    side: str | None  # "exporter" or "importer"
    source: str | None
    vintage: str | None
    flag: str | None
    level: int  # 6 (HS6) or 4 (HS4)
    values: dict[str, float]  # product code -> US$

    @property
    def label(self) -> str:
        return f"{self.reporter} ({self.side}'s report)" if self.reporter else "no report"


def pair_hs_sources(wh: Warehouse, basis: str) -> tuple[bool, dict[int, tuple[Any, ...]]]:
    """Where the pair's HS detail on ``basis`` can be: whether flow_rows holds HS rows of the
    basis, and the basis's BACI loads (id -> source, vintage, flag), from what the warehouse
    file holds (read once per file: ``Warehouse.held``)."""
    flows, loads = False, {}
    for kind, held_basis, load_id, source, vintage, flag in wh.held("pair_hs_held"):
        if held_basis != basis:
            continue
        if kind == "flow":
            flows = True
        else:
            loads[load_id] = (source, vintage, flag)
    return flows, loads


def pair_hs_rows(
    wh: Warehouse, reporter: str, partner: str, basis: str, digits: int, year: int | None = None,
) -> list[dict[str, Any]]:
    """The pair's HS rows on ``basis`` in ``year`` (None: every year), added up to ``digits``
    digits per year, code, HS level, reporter, flow and load (a load has one source and
    vintage for its HS rows): what ``pick_reports`` chooses from. The SQL reads the rows as
    held, and only from the tables that hold rows of the basis (pair_hs_flow.sql for national
    and Comtrade rows, pair_hs_baci.sql for BACI's); on a few hundred rows adding up in Python
    costs less than DuckDB's grouping and join pipelines."""
    flows, loads = pair_hs_sources(wh, basis)
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    if flows:
        found = wh.tuples("pair_hs_flow", {"reporter": reporter, "partner": partner,
                                           "basis": basis, "year": year})
        for yr, product, by, flow, load_id, value, source, vintage, flag, exporter in found:
            key = (yr, product[:digits], len(product), by, flow, load_id)
            row = grouped.get(key)
            if row is None:
                grouped[key] = {"year": yr, "product": product[:digits], "level": len(product),
                                "reporter": by, "flow": flow, "source": source,
                                "vintage": vintage, "flag": flag, "exporter": exporter,
                                "value": value}
            else:
                row["value"] += value
    if loads:
        numbers = country_numbers()
        names = {n: reporter for n in numbers.get(reporter, ())}
        names.update({n: partner for n in numbers.get(partner, ())})
        found = wh.tuples("pair_hs_baci", {"year": year, "numbers": list(names)})
        # BACI rows are exports reported by the exporter, at HS6, of their load's source,
        # vintage and flag; rows of loads of another basis are left out.
        # A country with two numbers (France: 250, 251) is one reporter.
        sums: dict[tuple[Any, ...], float] = {}
        for yr, product, number, load_id, value in found:
            if load_id in loads:
                key = (yr, product[:digits], len(product), names[number], load_id)
                sums[key] = sums.get(key, 0.0) + value
        for (yr, code, level, by, load_id), value in sums.items():
            source, vintage, flag = loads[load_id]
            grouped[(yr, code, level, by, "export", load_id)] = {
                "year": yr, "product": code, "level": level, "reporter": by, "flow": "export",
                "source": source, "vintage": vintage, "flag": flag, "exporter": by,
                "value": value}
    return list(grouped.values())


def pick_reports(
    rows: list[dict[str, Any]], exporter: str, importer: str, year: int, report: str = "exporter"
) -> PickedReport:
    """One report of the flow exporter -> importer in ``year``: the side asked (else the
    other), its latest vintage (then the first source by name), its finest HS level."""
    if report not in REPORTS:
        raise ValueError(f"report must be one of {', '.join(REPORTS)}")
    sides = {"exporter": (exporter, "export"), "importer": (importer, "import")}
    order = (report, *(s for s in REPORTS if s != report))
    for side in order:
        reporter, flow = sides[side]
        mine = [r for r in rows if r["year"] == year and r["exporter"] == exporter
                and r["reporter"] == reporter and r["flow"] == flow]
        if not mine:
            continue
        latest = max(r["vintage"] for r in mine)
        mine = [r for r in mine if r["vintage"] == latest]
        source = min(r["source"] for r in mine)
        mine = [r for r in mine if r["source"] == source]
        level = max(int(r["level"]) for r in mine)
        values: dict[str, float] = {}
        for r in mine:
            if r["level"] == level:
                values[r["product"]] = values.get(r["product"], 0.0) + _finite(r)
        return PickedReport(exporter, importer, reporter, side, source, latest,
                            mine[0]["flag"], level, values)
    return PickedReport(exporter, importer, None, None, None, None, None, 6, {})


def _by_heading(values: dict[str, float], digits: int = 4) -> dict[str, float]:
    out: dict[str, float] = {}
    for code, value in values.items():
        out[code[:digits]] = out.get(code[:digits], 0.0) + value
    return out


def pair_products(
    reporter: str, partner: str, year: int, *, basis: str = PRODUCT_BASIS, top: int = 10,
    report: str = "exporter", warehouse: Path | None = None,
) -> PairProducts:
    """Product composition of the pair's trade: top headings, theme shares, HHI, Grubel–Lloyd,
    each flow from one report (``report``: the exporter's by default)."""
    with reader(warehouse) as wh:
        rows = pair_hs_rows(wh, reporter, partner, basis, 4, year)
    out_flow = pick_reports(rows, reporter, partner, year, report)
    in_flow = pick_reports(rows, partner, reporter, year, report)
    exports, imports = _by_heading(out_flow.values), _by_heading(in_flow.values)
    total_x = sum(exports.values())
    total_m = sum(imports.values())
    # Every heading as (code, exports, imports), the largest trade first (ties by code); the
    # themes' sums, HHI and Grubel–Lloyd add up in that order. Only the top headings become
    # ProductRows (the rest are a few hundred objects nobody reads).
    both = sorted(((hs4, exports.get(hs4, 0.0), imports.get(hs4, 0.0))
                   for hs4 in sorted(exports.keys() | imports.keys())),
                  key=lambda i: -(i[1] + i[2]))
    themes = builtin_themes()
    theme_x = dict.fromkeys((t.code for t in themes), 0)
    theme_m = dict.fromkeys(theme_x, 0)
    for hs4, x, m in both:
        for code in theme_of(hs4):
            theme_x[code] += x
            theme_m[code] += m
    theme_shares = {
        t.code: ThemeShare(
            title_en=t.titles["en"], title_ru=t.titles["ru"], exports=theme_x[t.code],
            imports=theme_m[t.code], export_share=metrics.share(theme_x[t.code], total_x),
            import_share=metrics.share(theme_m[t.code], total_m),
        ) for t in themes
    }
    chapters = hs_chapters()
    rows: dict[str, ProductRow] = {}

    def row(hs4: str, x: float, m: float) -> ProductRow:
        if hs4 not in rows:
            rows[hs4] = ProductRow(hs4, chapters.get(hs4[:2], ""), x, m,
                                   metrics.share(x, total_x), metrics.share(m, total_m),
                                   list(theme_of(hs4)))
        return rows[hs4]

    # heapq.nsmallest is sorted(...)[:top], ties in the same order.
    top_exports = [row(*i) for i in heapq.nsmallest(top, both, key=lambda i: -i[1]) if i[1] > 0]
    top_imports = [row(*i) for i in heapq.nsmallest(top, both, key=lambda i: -i[2]) if i[2] > 0]
    first = out_flow if out_flow.reporter else in_flow
    return PairProducts(
        year=year,
        basis=basis,
        source="; ".join(sorted({p.source for p in (out_flow, in_flow) if p.source})) or None,
        flag=first.flag,
        exports_total=total_x,
        imports_total=total_m,
        top_exports=top_exports,
        top_imports=top_imports,
        themes=theme_shares,
        hhi_exports=metrics.hhi([x for _, x, _ in both]),
        hhi_imports=metrics.hhi([m for _, _, m in both]),
        grubel_lloyd=metrics.grubel_lloyd([(x, m) for _, x, m in both]),
        null_reasons=metrics.reasons(
            hhi_exports=None if total_x else f"no exports of {reporter} to {partner} in {year}",
            hhi_imports=None if total_m else f"no imports of {reporter} from {partner} in {year}",
            grubel_lloyd=None if total_x or total_m else f"no trade of the pair in {year}",
        ),
        report=report,
        reports={f"{p.exporter}->{p.importer}": p.label for p in (out_flow, in_flow)},
        report_sides={f"{p.exporter}->{p.importer}": (p.reporter, p.side)
                      for p in (out_flow, in_flow)},
    )


@dataclass(frozen=True)
class ProductIndices:
    """HHI of each way's exports and the pair's Grubel–Lloyd at one HS level in one year,
    each flow from one report."""

    year: int
    level: int
    basis: str
    hhi_exports: float | None
    hhi_imports: float | None
    grubel_lloyd: float | None
    reports: dict[str, str]


def product_index_series(
    reporter: str, partner: str, *, basis: str = PRODUCT_BASIS, report: str = "exporter",
    warehouse: Path | None = None,
) -> list[ProductIndices]:
    """HHI and Grubel–Lloyd at HS4 and HS6 for every year with HS detail: one read.

    At HS6 a flow reported only at HS4 has no index (None)."""
    with reader(warehouse) as wh:
        rows = pair_hs_rows(wh, reporter, partner, basis, 6)
    out: list[ProductIndices] = []
    for year in sorted({int(r["year"]) for r in rows}):
        picked = (pick_reports(rows, reporter, partner, year, report),
                  pick_reports(rows, partner, reporter, year, report))
        for level in (4, 6):
            if level == 6 and any(p.reporter and p.level < 6 for p in picked):
                x = m = None
            else:
                x, m = (_by_heading(p.values, level) for p in picked)
            out.append(ProductIndices(
                year=year, level=level, basis=basis,
                hhi_exports=metrics.hhi(list(x.values())) if x is not None else None,
                hhi_imports=metrics.hhi(list(m.values())) if m is not None else None,
                grubel_lloyd=metrics.grubel_lloyd(
                    [(x.get(k, 0.0), m.get(k, 0.0)) for k in x.keys() | m.keys()]
                ) if x is not None and m is not None else None,
                reports={f"{p.exporter}->{p.importer}": p.label for p in picked},
            ))
    return out


def rca(
    *, country: str | None = None, year: int | None = None, basis: str = PRODUCT_BASIS,
    warehouse: Path | None = None,
) -> Any:
    """Balassa RCA for every country (or one) x HS6 product x year, as an Arrow table."""
    with reader(warehouse) as wh:
        return wh.arrow("rca", {"basis": basis, "country": country, "year": year})


@dataclass(frozen=True)
class RcaRow:
    """A country's revealed comparative advantage in one HS6 product and year."""

    country: str
    year: int
    product: str
    value: float
    rca: float


def top_rca(
    country: str, year: int | None = None, *, basis: str = PRODUCT_BASIS, top: int = 10,
    warehouse: Path | None = None,
) -> list[RcaRow]:
    """A country's products with the highest RCA (among those it exports), latest year first."""
    table = rca(country=country, year=year, basis=basis, warehouse=warehouse)
    rows = sorted((RcaRow(**r) for r in table.to_pylist() if r["rca"] is not None),
                  key=lambda r: (-r.year, -r.rca, r.product))
    return rows[:top]


def complementarity(
    exporter: str, importer: str, year: int, *, basis: str = PRODUCT_BASIS,
    warehouse: Path | None = None,
) -> float | None:
    """Trade complementarity of the exporter's exports with the importer's imports (0–100)."""
    with reader(warehouse) as wh:
        row = wh.rows(
            "complementarity",
            {"exporter": exporter, "importer": importer, "year": year, "basis": basis},
        )[0]
    if not row["export_products"] or not row["import_products"]:
        return None
    return float(row["complementarity"])


@dataclass(frozen=True)
class WorldTotals:
    """What trade intensity divides by: each country's HS6 exports and imports, world exports."""

    exports: dict[str, float | None]
    imports: dict[str, float | None]
    world: float | None


def world_totals(
    a: str, b: str, year: int, *, basis: str = PRODUCT_BASIS, warehouse: Path | None = None
) -> WorldTotals:
    """Both countries' HS6 exports and imports and the world's exports in a year: one read."""
    with reader(warehouse) as wh:
        row = wh.rows("world_totals", {"a": a, "b": b, "year": year, "basis": basis})[0]
    return WorldTotals(exports={a: row["a_exports"], b: row["b_exports"]},
                       imports={a: row["a_imports"], b: row["b_imports"]},
                       world=row["world_total"])


def trade_intensity(
    exporter: str, importer: str, year: int, *, basis: str = PRODUCT_BASIS,
    warehouse: Path | None = None,
) -> float | None:
    """Trade intensity: the importer's share in the exporter's exports over its world share."""
    totals = pair_totals(exporter, importer, basis=basis, warehouse=warehouse)
    world = world_totals(exporter, importer, year, basis=basis, warehouse=warehouse)
    return intensity(totals, world, exporter, importer, year, basis=basis)


def intensity(
    totals: PairTotals, world: WorldTotals, exporter: str, importer: str, year: int, *,
    basis: str,
) -> float | None:
    """trade_intensity from the pair's totals and the world totals already read."""
    flows = totals.series(exporter, basis=basis)
    x_ab = next((p.exports.value for p in flows if p.year == year and p.exports), None)
    a, b = world.exports.get(exporter), world.imports.get(importer)
    if not x_ab or not a or not b or not world.world:
        return None
    return metrics.finite((x_ab / a) / (b / world.world))


@dataclass(frozen=True)
class PotentialRow:
    """A product's untapped export potential for an exporter in an importer's market."""

    product: str
    description: str | None
    rca: float | None
    market_share: float | None
    demand: float | None
    demand_growth: float
    potential: float | None
    actual: float
    untapped: float | None


def export_potential(
    exporter: str, importer: str, year: int, *, basis: str = PRODUCT_BASIS, top: int = 10,
    growth_years: int = 3, warehouse: Path | None = None,
) -> list[PotentialRow]:
    """Products with the largest untapped potential for the exporter in the importer's market."""
    with reader(warehouse) as wh:
        rows = wh.rows(
            "export_potential",
            {"exporter": exporter, "importer": importer, "year": year, "basis": basis,
             "top": top, "growth_years": growth_years},
        )
    return [PotentialRow(**r) for r in rows]


def product_years(*, basis: str = PRODUCT_BASIS, warehouse: Path | None = None) -> list[int]:
    """Years with HS6 detail on a basis."""
    with reader(warehouse) as wh:
        return [int(r["year"]) for r in wh.rows("product_basis_years", {"basis": basis})]


def bases(reporter: str, partner: str, *, warehouse: Path | None = None) -> list[dict[str, Any]]:
    """Which bases and sources the warehouse holds for the pair."""
    with reader(warehouse) as wh:
        return wh.rows("bases", {"reporter": reporter, "partner": partner})


def target_pace(
    reporter: str, partner: str, target: TradeTarget, *,
    basis: str | None = None, warehouse: Path | None = None,
) -> TargetPace | None:
    """Pace of the pair's turnover towards a target on one basis."""
    basis = basis or reporter
    series = pair_series(reporter, partner, basis=basis, warehouse=warehouse)
    return pace_from_series(series, target, basis=basis)


def pace_from_series(
    series: list[PairPeriod], target: TradeTarget, *, basis: str
) -> TargetPace | None:
    """target_pace from the pair's annual series on ``basis`` (None without a turnover)."""
    actuals = [(p.year, p.turnover.value) for p in series if p.turnover]
    if not actuals:
        return None
    return replace(pace_to_target(actuals, target.value, target.year, basis=basis),
                   target_source=target.source)
