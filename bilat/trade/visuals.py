"""Trade charts in the manner of OEC and the Atlas of Economic Complexity, drawn with Altair.

Each chart is a Vega-Lite spec with the table of its numbers (``briefings.document.Chart``),
drawn in the browser by the vega-embed bundle bilat serves and by vl-convert offline. Colour,
dash and order follow stable codes — HS section numbers, measure codes (``exports``), basis
codes (``KZ``), directions (``KZ->UZ``) — never translated labels, so a chart means the same
in every language; legends show the reader's words through a label expression. Years are a
temporal axis: 2017, 2018 and 2022 sit at their true distances.

The pair's products are a 100 % stacked bar by HS section for each direction (Vega-Lite has no
treemap, and a bar keeps the two directions on one scale side by side).
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
from django.utils.translation import gettext as _

from bilat.briefings.document import Chart, Table
from bilat.core import palette

from . import display
from .products import ProductYear, SectionShare, pair_sections, sections
from .queries import MirrorRow, PairPeriod
from .theme_series import ThemeSeries

HEIGHT = 240

# One colour per theme, by its place among the themes shown (built-in ones first, always in the
# same order), so agro-food has the same colour in every language and on every page.
THEME_COLOURS = ("#59a14f", "#4e79a7", "#f28e2b", "#b07aa1", "#e15759", "#76b7b2", "#edc948",
                 "#9c755f", "#ff9da7", "#bab0ac")

# One colour per HS section number (1..22), as the Atlas colours its sectors: fixed by code.
SECTION_COLOURS = (
    "#e15759", "#59a14f", "#edc948", "#f28e2b", "#7f3c8d", "#b07aa1", "#4e79a7", "#9c755f",
    "#8cd17d", "#d4a6c8", "#ff9da7", "#bab0ac", "#79706e", "#f1ce63", "#499894", "#2f4b7c",
    "#86bcb6", "#a0cbe8", "#d37295", "#b6992d", "#fabfd2", "#5b6475",
)
MEASURES = ("turnover", "exports", "imports")
MEASURE_COLOURS = ("#0f2747", "#00a3d9", "#d08c00")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 3])
ARROW = "replace(datum.label, '->', ' → ')"  # a direction code "KZ->UZ" shown as "KZ → UZ"


def _label_expr(labels: dict[str, str]) -> str:
    """A Vega expression showing each code's label in a legend (codes stay the data)."""
    return palette.label_expr(labels)


def _basis_expr() -> str:
    """Basis codes as they are, but "national" and "meeting" in words."""
    return _label_expr({code: display.basis_label(code) for code in ("national", "meeting")})


def _year(year: int) -> str:
    return f"{year:04d}-01-01"


def _x_year() -> alt.X:
    return alt.X("date:T", timeUnit="utcyear", title=_("Year"), axis=alt.Axis(format="%Y"))


def _spec(chart: alt.TopLevelMixin, title: str) -> dict:
    spec = chart.properties(width="container", height=HEIGHT, title=title).to_dict(
        validate=False)
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def _m(value: float | None, lang: str) -> str:
    return display.plain_text(None if value is None else value / 1e6, 1, lang)


def _bases(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


def series_chart(series: list[PairPeriod], reporter: str, partner: str, lang: str) -> Chart:
    """Turnover, exports and imports by year on every basis: colour by measure, dash by basis."""
    data = []
    for p in series:
        for measure in MEASURES:
            fig = getattr(p, measure)
            if fig is not None and p.period_kind == "year":
                data.append({"date": _year(p.year), "year": p.year, "measure": measure,
                             "basis": p.basis, "value": round(fig.value / 1e6, 1)})
    bases = _bases(d["basis"] for d in data)
    labels = display.measure_labels()
    title = _("Trade %(reporter)s–%(partner)s by year, every basis (US$ M)") % {
        "reporter": reporter, "partner": partner}
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=_x_year(),
        y=alt.Y("value:Q", title=_("US$ M")),
        color=alt.Color("measure:N", title=_("Measure"), scale=alt.Scale(
            domain=list(MEASURES), range=list(MEASURE_COLOURS)),
            legend=alt.Legend(labelExpr=_label_expr(labels))),
        strokeDash=alt.StrokeDash("basis:N", title=_("Basis"), scale=alt.Scale(
            domain=bases, range=[DASHES[i % len(DASHES)] for i in range(len(bases))]),
            legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, symbolSize=300,
                              symbolStrokeColor="#333", symbolFillColor="transparent",
                              labelExpr=_basis_expr())),
        detail="basis:N",
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("basis:N", title=_("Basis")),
                 alt.Tooltip("measure:N", title=_("Measure")),
                 alt.Tooltip("value:Q", title=_("US$ M"), format=",.1f")],
    )
    rows = [[str(d["year"]), display.basis_label(d["basis"]), labels[d["measure"]],
             _m(d["value"] * 1e6, lang)] for d in data]
    table = Table(title, [_("Year"), _("Basis"), _("Measure"), _("US$ M")], rows, (3,))
    return Chart("trade-series", title, _spec(chart, title), table)


def mirror_chart(rows: list[MirrorRow], lang: str) -> Chart:
    """The mirror gap (importer's report − exporter's, % of the exporter's) over the years."""
    data = [{"date": _year(r.year), "year": r.year, "flow": f"{r.exporter}->{r.importer}",
             "basis": r.basis, "gap_pct": round(r.gap_pct, 1),
             "gap": round(r.gap / 1e6, 1) if r.gap is not None else None}
            for r in rows if r.gap_pct is not None]
    flows = _bases(d["flow"] for d in data)
    bases = _bases(d["basis"] for d in data)
    title = _("Mirror gap over the years (importer's report − exporter's, %)")
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=_x_year(),
        y=alt.Y("gap_pct:Q", title=_("Gap, % of the exporter's report")),
        color=alt.Color("flow:N", title=_("Flow"), scale=alt.Scale(
            domain=flows, range=list(MEASURE_COLOURS[1:]) * len(flows)),
            legend=alt.Legend(labelExpr=ARROW)),
        strokeDash=alt.StrokeDash("basis:N", title=_("Basis"), scale=alt.Scale(
            domain=bases, range=[DASHES[i % len(DASHES)] for i in range(len(bases))]),
            legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, symbolSize=300,
                              symbolStrokeColor="#333", symbolFillColor="transparent",
                              labelExpr=_basis_expr())),
        detail="basis:N",
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("flow:N", title=_("Flow")),
                 alt.Tooltip("basis:N", title=_("Basis")),
                 alt.Tooltip("gap_pct:Q", title="%", format=",.1f")],
    )
    table_rows = [[str(d["year"]), d["flow"].replace("->", " → "), display.basis_label(d["basis"]),
                   _m(None if d["gap"] is None else d["gap"] * 1e6, lang),
                   display.plain_text(d["gap_pct"], 1, lang, signed=True)] for d in data]
    table = Table(title, [_("Year"), _("Flow"), _("Basis"), _("Gap, US$ M"), _("Gap, %")],
                  table_rows, (3, 4))
    return Chart("trade-mirror", title, _spec(chart, title), table)


def sections_chart(shares: list[SectionShare], year: int, basis: str, lang: str) -> Chart:
    """Each direction's trade by HS section as a 100 % bar, coloured by section number."""
    numerals = [s.numeral for s in sections()]
    data = [{"direction": s.direction.replace("->", " → "), "section": s.section.numeral,
             "order": s.section.section, "title": s.section.title(lang),
             "value": round(s.value / 1e6, 3), "share": round(s.share * 100, 1)}
            for s in shares]
    title = _("Products by HS section, each direction, %(year)s (%(basis)s)") % {
        "year": year, "basis": display.basis_label(basis)}
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        y=alt.Y("direction:N", title=None),
        x=alt.X("value:Q", stack="normalize", title=_("Share of the direction's trade"),
                axis=alt.Axis(format="%")),
        color=alt.Color("section:N", title=_("HS section"), scale=alt.Scale(
            domain=numerals, range=list(SECTION_COLOURS[:len(numerals)])),
            legend=alt.Legend(columns=2, orient="right")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("direction:N", title=_("Flow")),
                 alt.Tooltip("section:N", title=_("HS section")),
                 alt.Tooltip("title:N", title=_("Title")),
                 alt.Tooltip("value:Q", title=_("US$ M"), format=",.1f"),
                 alt.Tooltip("share:Q", title="%", format=".1f")],
    )
    spec = chart.properties(width="container", height=120, title=title).to_dict(validate=False)
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    rows = [[d["direction"], f"{d['section']}. {d['title']}", _m(d["value"] * 1e6, lang),
             display.plain_text(d["share"], 1, lang)] for d in data]
    table = Table(title, [_("Flow"), _("HS section"), _("US$ M"), "%"], rows, (2, 3))
    return Chart("trade-sections", title, spec, table)


def product_chart(code: str, label: str, flows: list[ProductYear], reporter: str,
                  partner: str, lang: str) -> Chart:
    """One product's trade each way over the years."""
    data = []
    for f in flows:
        for direction, value in ((f"{reporter}->{partner}", f.exports),
                                 (f"{partner}->{reporter}", f.imports)):
            if value is not None:
                data.append({"date": _year(f.year), "year": f.year, "flow": direction,
                             "value": round(value / 1e6, 3)})
    directions = [f"{reporter}->{partner}", f"{partner}->{reporter}"]
    title = _("%(code)s %(label)s: %(reporter)s–%(partner)s each way (US$ M)") % {
        "code": code, "label": label, "reporter": reporter, "partner": partner}
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=_x_year(),
        y=alt.Y("value:Q", title=_("US$ M")),
        color=alt.Color("flow:N", title=_("Flow"), scale=alt.Scale(
            domain=directions, range=list(MEASURE_COLOURS[1:])),
            legend=alt.Legend(labelExpr=ARROW)),
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("flow:N", title=_("Flow")),
                 alt.Tooltip("value:Q", title=_("US$ M"), format=",.3f")],
    )
    rows = [[str(d["year"]), d["flow"].replace("->", " → "), _m(d["value"] * 1e6, lang)]
            for d in data]
    table = Table(title, [_("Year"), _("Flow"), _("US$ M")], rows, (2,))
    return Chart("trade-product", title, _spec(chart, title), table)


def theme_chart(found: ThemeSeries, lang: str) -> Chart:
    """Each theme's trade each way over the years: colour by theme code, dash by direction."""
    data = [{"date": _year(p.year), "year": p.year, "theme": p.theme,
             "direction": p.direction, "value": round(p.value / 1e6, 3),
             "share": None if p.share is None else round(p.share, 1)}
            for p in found.points if p.value is not None]
    codes = [t.code for t in found.themes]
    titles = {t.code: t.title(lang) for t in found.themes}
    directions = list(found.directions)
    title = _("Themes over the years, %(reporter)s–%(partner)s each way (US$ M, %(basis)s)") % {
        "reporter": found.reporter, "partner": found.partner,
        "basis": display.basis_label(found.basis)}
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=_x_year(),
        y=alt.Y("value:Q", title=_("US$ M")),
        color=alt.Color("theme:N", title=_("Theme"), scale=alt.Scale(
            domain=codes, range=[THEME_COLOURS[i % len(THEME_COLOURS)]
                                 for i in range(len(codes))]),
            legend=alt.Legend(labelExpr=_label_expr(titles))),
        strokeDash=alt.StrokeDash("direction:N", title=_("Flow"), scale=alt.Scale(
            domain=directions, range=[DASHES[0], DASHES[1]]),
            legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, symbolSize=300,
                              symbolStrokeColor="#333", symbolFillColor="transparent",
                              labelExpr=ARROW)),
        detail="direction:N",
        tooltip=[alt.Tooltip("year:O", title=_("Year")), alt.Tooltip("theme:N", title=_("Theme")),
                 alt.Tooltip("direction:N", title=_("Flow")),
                 alt.Tooltip("value:Q", title=_("US$ M"), format=",.1f"),
                 alt.Tooltip("share:Q", title="%", format=".1f")],
    )
    rows = [[str(p.year), titles[p.theme], p.direction.replace("->", " → "), _m(p.value, lang),
             display.plain_text(p.share, 1, lang)]
            for p in found.points if p.value is not None]
    table = Table(title, [_("Year"), _("Theme"), _("Flow"), _("US$ M"), "%"], rows, (3, 4))
    return Chart("trade-themes", title, _spec(chart, title), table)


def pair_charts(ind, series: list[PairPeriod], reporter: str, partner: str,
                lang: str, themes: ThemeSeries | None = None) -> list[Chart]:
    """The pair page's charts: products by section, the series, the mirror gap over years,
    the themes over the years."""
    charts = []
    if ind.products is not None:
        shares = pair_sections(reporter, partner, ind.products.year, basis=ind.products.basis,
                               report=ind.products.report)
        if shares:
            charts.append(sections_chart(shares, ind.products.year, ind.products.basis, lang))
    if series:
        charts.append(series_chart(series, reporter, partner, lang))
    if ind.mirror:
        charts.append(mirror_chart(ind.mirror, lang))
    if themes is not None and themes.points:
        charts.append(theme_chart(themes, lang))
    return charts
