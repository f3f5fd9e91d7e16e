"""Typed questions the commission asks of the trade warehouse.

All values are US$ (not millions); every figure carries its basis, source, vintage and flag.
Pages, the API and the CLI call these functions and nothing else in the warehouse.
"""

from __future__ import annotations

import csv
import math
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import metrics
from .pace import TargetPace, pace_to_target
from .warehouse import DATA_DIR, WarehouseError, reader

CA5: tuple[str, ...] = ("KZ", "UZ", "KG", "TJ", "TM")
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


def pair_series(
    reporter: str,
    partner: str,
    *,
    basis: str | None = None,
    period_kind: str | None = "year",
    warehouse: Path | None = None,
) -> list[PairPeriod]:
    """The pair's trade by period on each basis, as the reporter sees it."""
    with reader(warehouse) as wh:
        rows = wh.rows("pair_totals", {"reporter": reporter, "partner": partner, "basis": basis})
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


def _value(p: PairPeriod | None, measure: str) -> float | None:
    fig = getattr(p, measure) if p else None
    return fig.value if fig else None


def growth_table(
    series: list[PairPeriod], year: int, years: int = 5
) -> dict[str, dict[str, float | None]]:
    """Growth year on year, over N years and CAGR for each measure of one basis's series."""
    by_year = {p.year: p for p in series if p.period_kind == "year"}
    now, last, base = by_year.get(year), by_year.get(year - 1), by_year.get(year - years)
    out: dict[str, dict[str, Any]] = {}
    for measure in ("turnover", "exports", "imports"):
        value, previous, base_value = (_value(now, measure), _value(last, measure),
                                       _value(base, measure))
        out[measure] = {
            "value": value,
            "yoy": metrics.growth(value, previous),
            "previous_year": year - 1,
            "n_years": years,
            "base_year": year - years,
            "base_value": base_value,
            "growth_n": metrics.growth(value, base_value),
            "cagr": metrics.cagr(base_value, value, years),
            "null_reasons": metrics.reasons(
                yoy=metrics.why_no_growth(value, previous, str(year - 1)),
                growth_n=metrics.why_no_growth(value, base_value, str(year - years)),
                cagr=metrics.why_no_cagr(base_value, value, years, str(year - years)),
            ),
        }
    return out


def ytd_comparison(
    reporter: str,
    partner: str,
    *,
    basis: str,
    year: int | None = None,
    month: int | None = None,
    warehouse: Path | None = None,
) -> dict[str, Any] | None:
    """January to the latest month against the same months of the previous year."""
    periods = [
        p for p in pair_series(reporter, partner, basis=basis, period_kind=None, warehouse=warehouse)
        # A January on its own is the year to date of January.
        if p.period_kind == "ytd" or (p.period_kind == "month" and p.month == 1)
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
    out: dict[str, Any] = {"basis": basis, "year": now.year, "months": now.month,
                           "period": now.label, "previous_period": before.label}
    for measure in ("turnover", "exports", "imports"):
        a, b = getattr(now, measure), getattr(before, measure)
        value, previous = (a.value if a else None), (b.value if b else None)
        out[measure] = {
            "value": value,
            "previous": previous,
            "growth": metrics.growth(value, previous),
            "source": a.source if a else None,
            "previous_source": b.source if b else None,
            "null_reasons": metrics.reasons(
                growth=metrics.why_no_growth(value, previous, before.label)),
        }
    return out


@dataclass
class MirrorRow:
    """One flow in one year as each side reports it."""

    year: int
    exporter: str
    importer: str
    exporter_report: Figure | None
    importer_report: Figure | None
    gap: float | None = None
    gap_pct: float | None = None
    null_reasons: dict[str, str] = field(default_factory=dict)


def mirror(reporter: str, partner: str, *, warehouse: Path | None = None) -> list[MirrorRow]:
    """The mirror panel: the exporter's and the importer's report of each annual flow."""
    out: list[MirrorRow] = []
    mine = {(p.year): p for p in pair_series(reporter, partner, basis=reporter, warehouse=warehouse)}
    theirs = {(p.year): p for p in pair_series(partner, reporter, basis=partner, warehouse=warehouse)}
    for year in sorted(mine.keys() | theirs.keys()):
        a, b = mine.get(year), theirs.get(year)
        for exporter, importer, x, m in (
            (reporter, partner, a.exports if a else None, b.imports if b else None),
            (partner, reporter, b.exports if b else None, a.imports if a else None),
        ):
            if x is None and m is None:
                continue
            row = MirrorRow(year, exporter, importer, x, m)
            if x and m:
                row.gap = m.value - x.value
                row.gap_pct = metrics.share(row.gap, x.value)
                row.null_reasons = metrics.reasons(gap_pct=metrics.why_no_share(
                    row.gap, x.value, "the exporter's report"))
            else:
                missing = f"no report from {importer if m is None else exporter}"
                row.null_reasons = {"gap": missing, "gap_pct": missing}
            out.append(row)
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


def region_matrix(
    year: int, countries: tuple[str, ...] = CA5, *, bases: tuple[str, ...] | None = None,
    warehouse: Path | None = None,
) -> dict[tuple[str, str], dict[str, Figure]]:
    """Turnover of every pair in the region, per basis: the de-duplicated pair matrix.

    By default a pair keeps only its two statistics offices' reports (basis = one of the
    pair), so a meeting's rounding or a synthetic sample never enters a regional total.
    """
    with reader(warehouse) as wh:
        rows = wh.rows("region_totals", {"year": year, "countries": list(countries)})
    matrix = _pair_turnovers(rows)
    out: dict[tuple[str, str], dict[str, Figure]] = {}
    for pair, by_basis in matrix.items():
        kept = {b: f for b, f in by_basis.items() if (b in bases if bases else b in pair)}
        if kept:
            out[pair] = kept
    return out


def share_of_reporter_region(
    reporter: str, partner: str, year: int, *, basis: str | None = None,
    countries: tuple[str, ...] = CA5, warehouse: Path | None = None,
) -> dict[str, Any]:
    """The partner's share of the reporter's trade with the region, all on one basis."""
    basis = basis or reporter
    matrix = region_matrix(year, countries, bases=(basis,), warehouse=warehouse)
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
    return {
        "metric": "share_of_reporter_ca",
        "year": year,
        "basis": basis,
        "numerator": num.value if num else None,
        "numerator_label": f"{reporter}–{partner} turnover",
        "denominator": total or None,
        "denominator_label": f"{reporter}'s turnover with " + ", ".join(
            c for c in countries if c != reporter),
        "share": share,
        "missing": missing,
        "null_reasons": metrics.reasons(share=why),
        "parts": {c: (asdict(f) if f else None) for c, f in parts.items()},
    }


def share_of_region(
    reporter: str, partner: str, year: int, *, countries: tuple[str, ...] = CA5,
    bases: tuple[str, ...] | None = None, warehouse: Path | None = None,
) -> dict[str, Any]:
    """The pair's share of all trade within the region, each pair counted once (a range)."""
    matrix = region_matrix(year, countries, bases=bases, warehouse=warehouse)
    key = tuple(sorted((reporter, partner)))
    low_total = sum(min(f.value for f in b.values()) for b in matrix.values())
    high_total = sum(max(f.value for f in b.values()) for b in matrix.values())
    own = matrix.get(key, {})  # type: ignore[call-overload]
    expected = len(countries) * (len(countries) - 1) // 2
    low = metrics.share(min(f.value for f in own.values()), high_total) if own else None
    high = metrics.share(max(f.value for f in own.values()), low_total) if own else None
    no_pair = f"no turnover of {reporter}–{partner} in {year}" if not own else None
    return {
        "metric": "share_of_region",
        "year": year,
        "numerator_low": min((f.value for f in own.values()), default=None),
        "numerator_high": max((f.value for f in own.values()), default=None),
        "denominator_low": low_total or None,
        "denominator_high": high_total or None,
        "share_low": low,
        "share_high": high,
        "null_reasons": metrics.reasons(
            share_low=no_pair or (low is None and "the region's trade is zero") or None,
            share_high=no_pair or (high is None and "the region's trade is zero") or None,
        ),
        "pairs": len(matrix),
        "pairs_expected": expected,
        "matrix": {f"{a}–{b}": {basis: asdict(f) for basis, f in v.items()}
                   for (a, b), v in sorted(matrix.items())},
    }


# --- products ----------------------------------------------------------------------------


@cache
def hs_chapters() -> dict[str, str]:
    """HS chapter titles shipped with the package."""
    with (DATA_DIR / "hs_chapters.csv").open(encoding="utf-8") as fh:
        return {r["chapter"]: r["title"] for r in csv.DictReader(fh)}


@cache
def themes() -> dict[str, dict[str, str]]:
    """The commission's product themes (agro-food, electrical, batteries) as HS ranges."""
    with (DATA_DIR / "themes.csv").open(encoding="utf-8") as fh:
        return {r["theme"]: r for r in csv.DictReader(fh)}


def theme_of(code: str) -> list[str]:
    """Themes an HS code (4 or 6 digits) belongs to."""
    found = []
    for name, t in themes().items():
        width = len(t["code_from"])
        head = code[:width]
        if t["code_from"] <= head <= t["code_to"]:
            found.append(name)
    return found


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


def pair_products(
    reporter: str, partner: str, year: int, *, basis: str = PRODUCT_BASIS, top: int = 10,
    warehouse: Path | None = None,
) -> dict[str, Any]:
    """Product composition of the pair's trade: top headings, theme shares, HHI, Grubel–Lloyd."""
    with reader(warehouse) as wh:
        rows = wh.rows(
            "pair_hs4", {"reporter": reporter, "partner": partner, "year": year, "basis": basis}
        )
    total_x = sum(r["exports"] for r in rows)
    total_m = sum(r["imports"] for r in rows)
    chapters = hs_chapters()
    items = [
        ProductRow(
            r["hs4"], chapters.get(r["hs4"][:2], ""), r["exports"], r["imports"],
            metrics.share(r["exports"], total_x), metrics.share(r["imports"], total_m),
            theme_of(r["hs4"]),
        )
        for r in rows
    ]
    theme_shares = {}
    for name, t in themes().items():
        x = sum(i.exports for i in items if name in i.themes)
        m = sum(i.imports for i in items if name in i.themes)
        theme_shares[name] = {
            "title_en": t["title_en"], "title_ru": t["title_ru"],
            "exports": x, "imports": m,
            "export_share": metrics.share(x, total_x), "import_share": metrics.share(m, total_m),
        }
    return {
        "year": year,
        "basis": basis,
        "source": rows[0]["source"] if rows else None,
        "flag": rows[0]["flag"] if rows else None,
        "exports_total": total_x,
        "imports_total": total_m,
        "top_exports": [asdict(i) for i in sorted(items, key=lambda i: -i.exports)[:top]
                        if i.exports > 0],
        "top_imports": [asdict(i) for i in sorted(items, key=lambda i: -i.imports)[:top]
                        if i.imports > 0],
        "themes": theme_shares,
        "hhi_exports": metrics.hhi([i.exports for i in items]),
        "hhi_imports": metrics.hhi([i.imports for i in items]),
        "grubel_lloyd": metrics.grubel_lloyd([(i.exports, i.imports) for i in items]),
        "null_reasons": metrics.reasons(
            hhi_exports=None if total_x else f"no exports of {reporter} to {partner} in {year}",
            hhi_imports=None if total_m else f"no imports of {reporter} from {partner} in {year}",
            grubel_lloyd=None if total_x or total_m else f"no trade of the pair in {year}",
        ),
    }


def pair_hs4_series(
    reporter: str, partner: str, *, basis: str = PRODUCT_BASIS, warehouse: Path | None = None
) -> list[dict[str, Any]]:
    """The pair's trade by HS heading and year (each year's latest vintage, then first source)."""
    with reader(warehouse) as wh:
        rows = wh.tuples(
            "pair_hs4_series", {"reporter": reporter, "partner": partner, "basis": basis}
        )
    # (year, vintage, source, hs4, value, to_partner); str order is DuckDB's binary order.
    latest: dict[int, tuple[str, str]] = {}
    for year, vintage, source, *_ in rows:
        best = latest.get(year)
        if best is None or vintage > best[0] or (vintage == best[0] and source < best[1]):
            latest[year] = (vintage, source)
    totals: dict[tuple[int, str], list[float]] = {}
    for year, vintage, source, hs4, value, to_partner in rows:
        if latest[year] == (vintage, source):
            pair = totals.setdefault((year, hs4), [0.0, 0.0])
            pair[0 if to_partner else 1] += value
    return [{"year": year, "hs4": hs4, "exports": x, "imports": m}
            for (year, hs4), (x, m) in sorted(totals.items())]


def rca(
    *, country: str | None = None, year: int | None = None, basis: str = PRODUCT_BASIS,
    warehouse: Path | None = None,
) -> Any:
    """Balassa RCA for every country (or one) x HS6 product x year, as an Arrow table."""
    with reader(warehouse) as wh:
        return wh.arrow("rca", {"basis": basis, "country": country, "year": year})


def top_rca(
    country: str, year: int, *, basis: str = PRODUCT_BASIS, top: int = 10,
    warehouse: Path | None = None,
) -> list[dict[str, Any]]:
    """A country's products with the highest RCA (among those it exports)."""
    table = rca(country=country, year=year, basis=basis, warehouse=warehouse)
    rows = sorted((r for r in table.to_pylist() if r["rca"] is not None),
                  key=lambda r: (-r["rca"], r["product"]))
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


def trade_intensity(
    exporter: str, importer: str, year: int, *, basis: str = PRODUCT_BASIS,
    warehouse: Path | None = None,
) -> float | None:
    """Trade intensity: the importer's share in the exporter's exports over its world share."""
    with reader(warehouse) as wh:
        totals = wh.rows(
            "world_totals", {"exporter": exporter, "importer": importer, "year": year,
                             "basis": basis},
        )[0]
    flows = pair_series(exporter, importer, basis=basis, warehouse=warehouse)
    x_ab = next((p.exports.value for p in flows if p.year == year and p.exports), None)
    a, b, world = totals["exporter_total"], totals["importer_total"], totals["world_total"]
    if not x_ab or not a or not b or not world:
        return None
    return metrics.finite((x_ab / a) / (b / world))


def export_potential(
    exporter: str, importer: str, year: int, *, basis: str = PRODUCT_BASIS, top: int = 10,
    growth_years: int = 3, warehouse: Path | None = None,
) -> list[dict[str, Any]]:
    """Products with the largest untapped potential for the exporter in the importer's market."""
    with reader(warehouse) as wh:
        return wh.rows(
            "export_potential",
            {"exporter": exporter, "importer": importer, "year": year, "basis": basis,
             "top": top, "growth_years": growth_years},
        )


def product_years(*, basis: str = PRODUCT_BASIS, warehouse: Path | None = None) -> list[int]:
    """Years with HS6 detail on a basis."""
    with reader(warehouse) as wh:
        return [int(r["year"]) for r in wh.rows("product_basis_years", {"basis": basis})]


def bases(reporter: str, partner: str, *, warehouse: Path | None = None) -> list[dict[str, Any]]:
    """Which bases and sources the warehouse holds for the pair."""
    with reader(warehouse) as wh:
        return wh.rows("bases", {"reporter": reporter, "partner": partner})


def target_pace(
    reporter: str, partner: str, target_value: float, target_year: int, *,
    basis: str | None = None, warehouse: Path | None = None,
) -> TargetPace | None:
    """Pace of the pair's turnover towards a target on one basis."""
    basis = basis or reporter
    actuals = [
        (p.year, p.turnover.value)
        for p in pair_series(reporter, partner, basis=basis, warehouse=warehouse)
        if p.turnover
    ]
    if not actuals:
        return None
    return pace_to_target(actuals, target_value, target_year, basis=basis)


def pair_indicators(
    reporter: str,
    partner: str,
    *,
    year: int | None = None,
    basis: str | None = None,
    product_basis: str = PRODUCT_BASIS,
    target_value: float = 10e9,
    target_year: int = 2030,
    region: tuple[str, ...] = CA5,
    warehouse: Path | None = None,
) -> dict[str, Any]:
    """Every indicator the commission uses for a pair, in US$, with period, basis and source."""
    basis = basis or reporter
    series = pair_series(reporter, partner, basis=basis, warehouse=warehouse)
    years = [p.year for p in series if p.turnover]
    if year is None and years:
        year = max(years)
    out: dict[str, Any] = {
        "reporter": reporter, "partner": partner, "basis": basis, "year": year,
        "unit": "US$",
        "series": [_period_dict(p) for p in series],
        "definitions": {code: m.as_dict() for code, m in metrics.METRICS.items()},
    }
    if year is None:
        return out
    current = next((p for p in series if p.year == year), None)
    out["current"] = _period_dict(current) if current else None
    out["growth"] = growth_table(series, year)
    out["ytd"] = ytd_comparison(reporter, partner, basis=basis, warehouse=warehouse)
    if out["ytd"] is None:
        # The sides publish year-to-date figures on different bases: show the latest one.
        for other in (partner, reporter):
            out["ytd"] = ytd_comparison(reporter, partner, basis=other, warehouse=warehouse)
            if out["ytd"]:
                break
    out["mirror"] = [asdict(r) for r in mirror(reporter, partner, warehouse=warehouse)]
    out["share_of_reporter_region"] = share_of_reporter_region(
        reporter, partner, year, basis=basis, countries=region, warehouse=warehouse)
    out["share_of_region"] = share_of_region(
        reporter, partner, year, countries=region, warehouse=warehouse)
    pace = target_pace(reporter, partner, target_value, target_year, basis=basis,
                       warehouse=warehouse)
    out["target"] = pace.as_dict() if pace else None
    p_years = product_years(basis=product_basis, warehouse=warehouse)
    if p_years:
        p_year = year if year in p_years else max(p_years)
        out["products"] = pair_products(reporter, partner, p_year, basis=product_basis,
                                        warehouse=warehouse)
        out["rca"] = {
            c: top_rca(c, p_year, basis=product_basis, warehouse=warehouse)
            for c in (reporter, partner)
        }
        directions = ((reporter, partner), (partner, reporter))
        for key, index, missing in (
            ("trade_intensity", trade_intensity, "HS6 exports of {a} to {b}, or world totals"),
            ("complementarity", complementarity, "HS6 exports of {a} or imports of {b}"),
        ):
            values = {f"{a}->{b}": index(a, b, p_year, basis=product_basis, warehouse=warehouse)
                      for a, b in directions}
            out[key] = {
                "year": p_year, "basis": product_basis, **values,
                "null_reasons": metrics.reasons(**{
                    f"{a}->{b}": f"no {missing.format(a=a, b=b)} on the {product_basis} basis "
                                 f"in {p_year}"
                    for a, b in directions if values[f"{a}->{b}"] is None
                }),
            }
        out["export_potential"] = {
            "year": p_year, "basis": product_basis,
            f"{reporter}->{partner}": export_potential(reporter, partner, p_year,
                                                      basis=product_basis, warehouse=warehouse),
            f"{partner}->{reporter}": export_potential(partner, reporter, p_year,
                                                      basis=product_basis, warehouse=warehouse),
        }
    return out


def _period_dict(p: PairPeriod) -> dict[str, Any]:
    d = asdict(p)
    d["period"] = p.label
    return d
