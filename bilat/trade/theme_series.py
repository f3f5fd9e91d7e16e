"""Each product theme's trade each way over the years, from the pair's HS detail.

The series reads the pair's HS detail of every year once (the query of the HHI and
Grubel–Lloyd series), keeps one report per flow (``queries.pick_reports``) and sums, each year
and direction, the products a theme covers: the value, its share of the direction's trade and
its growth on the year before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import metrics
from .queries import PRODUCT_BASIS, pair_hs_rows, pick_reports
from .themes import Theme
from .warehouse import reader

# The order of provenance, the weakest last: a figure is as weak as its weakest input.
PROVENANCE = ("sourced", "derived", "illustrative", "synthetic")


@dataclass(frozen=True)
class ThemePoint:
    """A theme's trade in one direction ("KZ->UZ") in one year."""

    theme: str
    year: int
    direction: str
    value: float | None  # US$
    share: float | None  # % of the direction's trade in the year
    growth: float | None  # % on the year before
    null_reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeSeries:
    """Themes over the years, each direction, on one basis, each flow from one report."""

    reporter: str
    partner: str
    basis: str
    report: str
    themes: list[Theme]
    years: list[int]
    points: list[ThemePoint]
    sources: list[str]
    provenance: str  # the weakest of the figures read: synthetic for the demo's sample

    def point(self, theme: str, year: int, direction: str) -> ThemePoint | None:
        return next((p for p in self.points if (p.theme, p.year, p.direction)
                     == (theme, year, direction)), None)

    @property
    def directions(self) -> tuple[str, str]:
        """The reporter's exports, then its imports ("KZ->UZ", "UZ->KZ")."""
        return f"{self.reporter}->{self.partner}", f"{self.partner}->{self.reporter}"

    def rows(self) -> list[tuple[int, Theme, ThemePoint | None, ThemePoint | None]]:
        """The table: each year (the latest first) and theme, the reporter's exports and
        imports."""
        out, imp = self.directions
        return [(year, theme, self.point(theme.code, year, out), self.point(theme.code, year, imp))
                for year in reversed(self.years) for theme in self.themes]


def _provenance(flags: set[str | None]) -> str:
    held = {f if f in PROVENANCE else "sourced" for f in flags} or {"sourced"}
    return max(held, key=PROVENANCE.index)


def theme_series(
    reporter: str, partner: str, themes: list[Theme] | tuple[Theme, ...], *,
    basis: str = PRODUCT_BASIS, report: str = "exporter", warehouse: Path | None = None,
) -> ThemeSeries:
    """Each theme's trade each way in every year with HS detail: value, share of the
    direction's trade and growth on the year before (one read of the warehouse)."""
    with reader(warehouse) as wh:
        rows = pair_hs_rows(wh, reporter, partner, basis, 6)
    years = sorted({int(r["year"]) for r in rows})
    points: list[ThemePoint] = []
    sources: set[str] = set()
    flags: set[str | None] = set()
    previous: dict[tuple[str, str], tuple[int, float | None]] = {}
    for year in years:
        for exporter, importer in ((reporter, partner), (partner, reporter)):
            picked = pick_reports(rows, exporter, importer, year, report)
            direction = f"{exporter}->{importer}"
            if picked.source:
                sources.add(picked.source)
                flags.add(picked.flag)
            total = sum(picked.values.values())
            for theme in themes:
                value: float | None = None
                why: str | None = None
                if not picked.reporter:
                    why = f"no report of {direction} in {year}"
                elif picked.level < theme.width:
                    why = f"the report of {direction} in {year} is at HS{picked.level} only"
                else:
                    value = sum(v for code, v in picked.values.items() if theme.covers(code))
                before_year, before = previous.get((theme.code, direction), (None, None))
                growth = metrics.growth(value, before) if before_year == year - 1 else None
                points.append(ThemePoint(
                    theme.code, year, direction, value, metrics.share(value, total), growth,
                    metrics.reasons(
                        value=why,
                        share=None if value is None or total else f"no trade of {direction}",
                        growth=None if growth is not None else (
                            why or (f"no figure of {year - 1}" if before_year != year - 1
                                    else metrics.why_no_growth(value, before, str(year - 1)))),
                    ),
                ))
                previous[(theme.code, direction)] = (year, value)
    return ThemeSeries(reporter, partner, basis, report, list(themes), years, points,
                       sorted(sources), _provenance(flags))
