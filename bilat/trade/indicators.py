"""Every indicator the commission uses for a pair, read once from the warehouse and typed.

``pair_indicators`` reads the pair's totals once (every basis, both directions) and computes
from them the series, the growth table, the year to date, the mirror panel, the target pace
and trade intensity; the region's turnovers once for both regional shares; then the product
detail (one read each for the years, the HS4 composition, the world totals, and each
country's RCA, each direction's complementarity and export potential).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import metrics, queries
from .metrics import METRICS, Metric
from .pace import TargetPace, TradeTarget
from .queries import (
    CA5,
    PRODUCT_BASIS,
    Growth,
    MirrorRow,
    PairPeriod,
    PairProducts,
    PotentialRow,
    ProductIndices,
    RcaRow,
    RegionShare,
    ReporterRegionShare,
    YtdComparison,
)

PERIOD_KINDS: tuple[str, ...] = ("year", "month", "ytd", "all")


@dataclass(frozen=True)
class PairQuery:
    """What is asked about a pair: parsed and checked once (``forms.PairQueryForm``) for the
    page, the API and the CLI.

    ``product_report`` says whose report a flow's HS detail is read from (the exporter's, or
    the importer's mirror report) where a basis holds both (Comtrade).
    ``basis`` is the statistics basis of the series (default: the reporter's own office, or
    every basis for the series route); ``product_basis`` that of the HS detail. ``period_kind``
    (year, month, ytd, all) and ``top`` serve the series and product routes. ``target`` is the
    trade target the pace is measured against: the commission's Target record unless a value
    was given; None when there is neither (no pace).
    """

    reporter: str
    partner: str
    year: int | None = None
    basis: str | None = None
    product_basis: str = PRODUCT_BASIS
    target: TradeTarget | None = None
    period_kind: str = "year"
    top: int = 10
    product_report: str = "exporter"

    @property
    def directions(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(exporter, importer) each way, the reporter's exports first."""
        return (self.reporter, self.partner), (self.partner, self.reporter)


@dataclass(frozen=True)
class DirectionalIndex:
    """An index of the pair each way (``"KZ->UZ"``), on one basis and year."""

    year: int
    basis: str
    by_direction: dict[str, float | None]
    null_reasons: dict[str, str]


@dataclass(frozen=True)
class ExportPotentials:
    """Each way's products with the largest untapped potential, on one basis and year."""

    year: int
    basis: str
    by_direction: dict[str, list[PotentialRow]]


@dataclass(frozen=True)
class PairIndicators:
    """Every indicator of a pair in US$, each with its period, basis and source.

    Without a year of turnover on the basis, only the series is there; without HS6 detail on
    the product basis, the product indicators are None.
    """

    reporter: str
    partner: str
    basis: str
    year: int | None
    unit: str
    series: list[PairPeriod]
    definitions: dict[str, Metric]
    basis_reason: str = ""
    empty_reason: str | None = None
    current: PairPeriod | None = None
    growth: dict[str, Growth] | None = None
    ytd: YtdComparison | None = None
    mirror: list[MirrorRow] | None = None
    share_of_reporter_region: ReporterRegionShare | None = None
    share_of_region: RegionShare | None = None
    target: TargetPace | None = None
    products: PairProducts | None = None
    product_indices: list[ProductIndices] | None = None
    rca: dict[str, list[RcaRow]] | None = None
    trade_intensity: DirectionalIndex | None = None
    complementarity: DirectionalIndex | None = None
    export_potential: ExportPotentials | None = None


def direction(exporter: str, importer: str) -> str:
    """The key of one direction of a pair's flows, as the API writes it."""
    return f"{exporter}->{importer}"


def pair_indicators(
    query: PairQuery, *, region: tuple[str, ...] = CA5, warehouse: Path | None = None
) -> PairIndicators:
    """Every indicator the commission uses for a pair, in US$, with period, basis and source."""
    reporter, partner = query.reporter, query.partner
    totals = queries.pair_totals(reporter, partner, warehouse=warehouse)
    basis, why = choose_basis(totals, query)
    series = totals.series(reporter, basis=basis)
    year = query.year
    if year is None:
        year = max((p.year for p in series if p.turnover), default=None)
    found = PairIndicators(reporter=reporter, partner=partner, basis=basis, year=year,
                           unit="US$", series=series, definitions=dict(METRICS),
                           basis_reason=why)
    if year is None:
        return replace(found, empty_reason=_why_empty(totals, query, basis))
    every_period = totals.series(reporter, period_kind=None)
    # The sides publish year-to-date figures on different bases: the basis asked, else the
    # latest of the partner's, else the reporter's.
    ytd = next(filter(None, (queries.ytd_from_series(every_period, basis=b)
                             for b in (basis, partner, reporter))), None)
    turnovers = queries.region_turnovers(year, region, warehouse=warehouse)
    current = next((p for p in series if p.year == year), None)
    found = replace(
        found,
        empty_reason=None if current else _why_empty(totals, query, basis),
        current=current,
        growth=queries.growth_table(series, year),
        ytd=ytd,
        mirror=queries.mirror_rows(totals, reporter, partner),
        share_of_reporter_region=queries.reporter_region_share(
            turnovers, reporter, partner, year, basis=basis, countries=region),
        share_of_region=queries.region_share(turnovers, reporter, partner, year,
                                             countries=region),
        target=queries.pace_from_series(series, query.target, basis=basis)
        if query.target else None,
    )
    return _with_products(found, query, totals, warehouse)


# Without a basis asked: the reporter's office, the partner's, then the sources of both
# reports, then any other basis held for the pair (by name).
PREFERRED_BASES: tuple[str, ...] = ("COMTRADE", "BACI")


def choose_basis(totals: queries.PairTotals, query: PairQuery) -> tuple[str, str]:
    """The basis of the series and the sentence that says why it was chosen."""
    reporter, partner = query.reporter, query.partner
    if query.basis:
        return query.basis, f"basis {query.basis}, as asked"
    held = sorted({r["basis"] for r in totals.rows if int(r["month"]) == 0})
    if not held or reporter in held:
        return reporter, f"basis {reporter}: the reporter's own statistics (the default)"
    order = [partner, *PREFERRED_BASES, *held]
    basis = next(b for b in order if b in held)
    return basis, (f"basis {basis}: no basis was asked and the warehouse holds no {reporter} "
                   f"statistics of {reporter}–{partner}; it holds {', '.join(held)}")


def _why_empty(totals: queries.PairTotals, query: PairQuery, basis: str) -> str:
    """Why a pair's indicators have no year: nothing held, nothing on the basis, or no year."""
    pair = f"{query.reporter}–{query.partner}"
    held = sorted({r["basis"] for r in totals.rows})
    if not held:
        return f"the warehouse holds no figures of {pair} on any basis: load them first"
    on_basis = [r for r in totals.rows if r["basis"] == basis]
    if not on_basis:
        return f"the warehouse holds no {basis} figures of {pair}; it holds {', '.join(held)}"
    years = sorted({int(r["year"]) for r in on_basis if int(r["month"]) == 0})
    if query.year is not None:
        return (f"no {basis} turnover of {pair} in {query.year}; "
                f"years held on {basis}: {', '.join(map(str, years)) or 'none (only months)'}")
    return (f"no {basis} turnover of {pair} in any year: a turnover needs a published one or "
            "both exports and imports")


def _with_products(
    found: PairIndicators, query: PairQuery, totals: queries.PairTotals, warehouse: Path | None
) -> PairIndicators:
    """The indicators with the product detail of the year (or the latest year with some)."""
    basis = query.product_basis
    years = queries.product_years(basis=basis, warehouse=warehouse)
    if not years:
        return found
    year = found.year if found.year in years else max(years)
    world = queries.world_totals(query.reporter, query.partner, year, basis=basis,
                                 warehouse=warehouse)
    intensity = {
        direction(a, b): queries.intensity(totals, world, a, b, year, basis=basis)
        for a, b in query.directions
    }
    complementarity = {
        direction(a, b): queries.complementarity(a, b, year, basis=basis, warehouse=warehouse)
        for a, b in query.directions
    }
    return replace(
        found,
        products=queries.pair_products(query.reporter, query.partner, year, basis=basis,
                                       report=query.product_report, warehouse=warehouse),
        product_indices=queries.product_index_series(
            query.reporter, query.partner, basis=basis, report=query.product_report,
            warehouse=warehouse),
        rca={c: queries.top_rca(c, year, basis=basis, warehouse=warehouse)
             for c in (query.reporter, query.partner)},
        trade_intensity=_each_way(intensity, query, year,
                                  "HS6 exports of {a} to {b}, or world totals"),
        complementarity=_each_way(complementarity, query, year,
                                  "HS6 exports of {a} or imports of {b}"),
        export_potential=ExportPotentials(year=year, basis=basis, by_direction={
            direction(a, b): queries.export_potential(a, b, year, basis=basis,
                                                      warehouse=warehouse)
            for a, b in query.directions
        }),
    )


def _each_way(
    values: dict[str, float | None], query: PairQuery, year: int, missing: str
) -> DirectionalIndex:
    """An index each way, with the reason for each one that could not be computed."""
    basis = query.product_basis
    return DirectionalIndex(
        year=year, basis=basis, by_direction=values,
        null_reasons=metrics.reasons(**{
            direction(a, b): f"no {missing.format(a=a, b=b)} on the {basis} basis in {year}"
            for a, b in query.directions if values[direction(a, b)] is None
        }),
    )
