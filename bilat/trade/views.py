"""Trade pages: the pairs of the region and a pair's statistics from the warehouse."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from bilat.briefings.pagecache import cached_page

from . import products, queries, visuals
from .display import Unit, unit_for
from .forms import PairQueryForm, commission_target, commission_themes
from .indicators import PairIndicators, PairQuery, pair_indicators
from .metrics import METRICS, Metric
from .templatetags.trade_tags import marked
from .theme_series import ThemeSeries, theme_series
from .themes import builtin_themes
from .warehouse import WarehouseError, WarehouseMissing


def _definitions() -> dict[str, dict[str, str]]:
    """Each metric's title and definition in the reader's language; where they fall back to
    another (Russian for readers of Kazakh and Uzbek), marked with its language, and the
    definition followed by "(in Russian)"."""
    out = {}
    for code, m in METRICS.items():
        title = Metric.title.shown(m)  # type: ignore[attr-defined]
        definition = Metric.definition.shown(m)  # type: ignore[attr-defined]
        out[code] = {"title": marked(*title, note=False), "definition": marked(*definition),
                     "numerator": m.numerator, "denominator": m.denominator, "unit": m.unit,
                     "rounding": m.rounding}
    return out


def shown_pair(request: HttpRequest) -> tuple:
    """The commission's pair, as the commission middleware gives it (the pages' own part of
    their key; the trade target and themes they show are the targets area's, by its marks)."""
    return tuple(getattr(request, "commission_pair", tuple)())


# The trade pages show the warehouse and, of the registry, the commission's pair and its trade
# target and themes (the targets area): they are kept across writes to other areas, and a new
# load or a change of those shows at once. Keyed by the area's marks, no request reads the
# target or the themes to find its page.
@cached_page(areas=("targets",), vary=shown_pair)
def trade_list(request: HttpRequest) -> HttpResponse:
    """The Central Asian pairs, with the commission's pair first."""
    codes = tuple(getattr(request, "commission_pair", tuple)())  # the commission middleware's
    own = codes if len(codes) == 2 else queries.CA5[:2]
    pairs = [own] + [
        (a, b) for i, a in enumerate(queries.CA5) for b in queries.CA5[i + 1:]
        if {a, b} != set(own)
    ]
    context: dict[str, Any] = {"pairs": pairs, "error": None, "bases": []}
    try:
        context["bases"] = queries.bases(*own)
    except WarehouseMissing as exc:
        context["error"] = str(exc)
    return TemplateResponse(request, "trade/trade_list.html", context)


@cached_page(areas=("targets",), vary=shown_pair)
def pair_detail(request: HttpRequest, reporter: str, partner: str) -> HttpResponse:
    """A pair's series on every basis, mirror, products, regional share, RCA and potential."""
    form = PairQueryForm({**request.GET.dict(), "reporter": reporter, "partner": partner},
                         default_target=commission_target(request))
    context: dict[str, Any] = {
        "reporter": reporter.upper(), "partner": partner.upper(), "form": form, "error": None,
        "definitions": _definitions(),
    }
    if not form.is_valid():
        return render(request, "trade/pair_detail.html", context, status=400)
    query = form.query()
    try:
        ind = pair_indicators(query)
        series = queries.pair_series(query.reporter, query.partner)
        themes = pair_themes(request, query, ind)
    except WarehouseError as exc:
        context["error"] = str(exc)
        return TemplateResponse(request, "trade/pair_detail.html", context)

    lang = get_language() or "en"
    bases = sorted({p.basis for p in series})
    years = sorted({p.year for p in series}, reverse=True)
    by_year = {y: {p.basis: p for p in series if p.year == y} for y in years}
    context.update(
        ind=ind, basis=ind.basis, bases=bases, years=years,
        units=_units(ind, series, bases, themes),
        themes=themes,
        theme_rows=[(year, theme.shown(lang), x, m) for year, theme, x, m in themes.rows()]
        if themes else [],
        theme_titles={t.code: t.shown(lang)
                      for t in (*builtin_themes(), *commission_themes(request))},
        mirror_note=next((gettext(r.note) for r in ind.mirror or [] if r.note), None),
        rows=[(y, [(by_year[y].get(b), _series_unit(series, b)) for b in bases]) for y in years],
    )
    context["table_query"] = "?" + request.GET.urlencode() if request.GET else ""
    context["product_titles"] = (products.described() if ind.rca or ind.export_potential
                                 else {})
    context["charts"] = visuals.pair_charts(ind, series, query.reporter, query.partner, lang,
                                            themes)
    return TemplateResponse(request, "trade/pair_detail.html", context)


def pair_themes(request: HttpRequest, query: PairQuery,
                ind: PairIndicators) -> ThemeSeries | None:
    """The commission's themes over the years on the pair's product basis (None without HS
    detail)."""
    if ind.products is None:
        return None
    return theme_series(query.reporter, query.partner, commission_themes(request),
                        basis=query.product_basis, report=query.product_report)


def _series_unit(series: list[queries.PairPeriod], basis: str) -> Unit:
    return unit_for(getattr(p, m).value for p in series if p.basis == basis
                    for m in ("exports", "imports", "turnover") if getattr(p, m))


def _units(ind: Any, series: list[queries.PairPeriod], bases: list[str],
           themes: ThemeSeries | None = None) -> dict[str, Any]:
    """One unit per table column, from the column's largest figure (never bn beside M)."""
    mirror = ind.mirror or []
    products = ind.products
    units: dict[str, Any] = {
        "series": {b: _series_unit(series, b) for b in bases},
        "growth": unit_for(g.value for g in (ind.growth or {}).values()),
        "mirror_x": unit_for(r.exporter_report.value for r in mirror if r.exporter_report),
        "mirror_m": unit_for(r.importer_report.value for r in mirror if r.importer_report),
        "mirror_gap": unit_for(r.gap for r in mirror),
        "themes_x": unit_for(t.exports for t in products.themes.values()) if products else None,
        "themes_m": unit_for(t.imports for t in products.themes.values()) if products else None,
        "top": unit_for(i.exports for i in products.top_exports) if products else None,
        "potential": {},
    }
    if themes:
        out, imp = themes.directions
        units["theme_series_x"] = unit_for(p.value for p in themes.points if p.direction == out)
        units["theme_series_m"] = unit_for(p.value for p in themes.points if p.direction == imp)

    if ind.export_potential:
        units["potential"] = {
            k: {col: unit_for(getattr(r, col) for r in rows)
                for col in ("potential", "actual", "untapped")}
            for k, rows in ind.export_potential.by_direction.items()
        }
    return units
