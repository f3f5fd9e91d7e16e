"""Charts as Vega-Lite specs built with Altair, each with the table of its numbers.

The browser draws them with the vega-embed bundle bilat serves itself; documents embed them as
SVG or PNG rendered by vl-convert (no browser, no network).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

import altair as alt
from django.utils.translation import gettext as _

from bilat.core import palette

from .document import Chart, Table, Writer
from .formatting import number

WIDTH, HEIGHT = 520, 240


def _bn(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value) / 1000, 3)


def _spec(chart: alt.TopLevelMixin) -> dict:
    # Vega-Lite JSON with no external data and a fixed schema URL: identical bytes each time.
    spec = chart.properties(width=WIDTH, height=HEIGHT).to_dict(validate=False)
    spec.pop("$schema", None)
    spec["$schema"] = alt.SCHEMA_URL  # the Vega-Lite version of the bundle bilat serves
    return spec


@lru_cache(maxsize=128)
def _frozen(builder: Callable[..., dict], *args) -> str:
    return json.dumps(builder(*args), allow_nan=False)


def cached_spec(builder: Callable[..., dict], *args, values: list[dict]) -> dict:
    """The spec ``builder(*args)`` makes with no data, built once per ``args``, with ``values``.

    Altair validates and walks everything it is given (about 30 ms a chart); the encodings
    depend only on the titles, codes, colours and labels in ``args``, so the data goes into the
    finished dict. ``builder`` puts its data in ``spec["data"]``.
    """
    spec = skeleton(builder, *args)
    spec["data"]["values"] = values
    return spec


def skeleton(builder: Callable[..., dict], *args) -> dict:
    """A fresh copy of the spec ``builder(*args)`` makes, built once per ``args``."""
    return json.loads(_frozen(builder, *args))


def _make(key: str, title: str, spec: dict, header: list[str],
          rows: list[list[str]], numeric: tuple[int, ...]) -> Chart:
    return Chart(key, title, spec, Table(title, header, rows, numeric))


def _empty() -> alt.Data:
    return alt.Data(values=[])


def _names(codes: tuple, labels: tuple) -> str:
    """The label expression naming each code by its label (the two in the same order)."""
    return palette.label_expr(dict(zip(codes, labels, strict=True)))


# A line's legend shows a stretch of line, so a dashed series looks dashed there too.
LINE_LEGEND = {"symbolType": "stroke", "symbolStrokeWidth": 2, "symbolSize": 300}


def keyed(field: str, title: str | None, codes: tuple, colours: tuple, labels: tuple,
          **legend) -> alt.Color:
    """Colour by the code in ``field``: ``codes[i]`` is drawn in ``colours[i]`` and named
    ``labels[i]`` in the legend, in every language."""
    return alt.Color(f"{field}:N", title=title, sort=list(codes),
                     scale=alt.Scale(domain=list(codes), range=list(colours)),
                     legend=alt.Legend(labelExpr=_names(codes, labels), **legend))


def dashed(field: str, title: str | None, codes: tuple, dashes: tuple, labels: tuple,
           **legend) -> alt.StrokeDash:
    """Dash by the code in ``field`` (a legend merged with the colour's when they share it)."""
    return alt.StrokeDash(f"{field}:N", title=title, sort=list(codes),
                          scale=alt.Scale(domain=list(codes), range=[list(d) for d in dashes]),
                          legend=alt.Legend(labelExpr=_names(codes, labels), **LINE_LEGEND,
                                            **legend))


# A dash legend of its own draws its lines in grey (Vega-Lite honours the stroke colour only
# beside a fill colour).
GREY_LINES = {"symbolStrokeColor": palette.OTHER, "symbolFillColor": "transparent"}


def year_axis(title: str) -> alt.X:
    """Years at their true distances (2017, 2018, 2022), labelled without thousands marks."""
    return alt.X("year:Q", title=title, scale=alt.Scale(zero=False, nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def turnover_chart(w: Writer) -> Chart:
    """Turnover by year on each statistics basis, and the path the target needs.

    Each series is keyed by its code (a basis, ``meeting``, ``path``): a side's basis in the
    side's colour, the path to the target dashed red, whatever the language.
    """
    bases = w.pair.bases if w.pair else ()
    data = []
    for fig in w.f.prefixed("trade.turnover."):
        if fig.period.isdigit() and fig.basis in (*bases, "meeting"):
            data.append({"year": int(fig.period), "code": fig.basis, "series": w.basis(fig.basis),
                         "value": _bn(fig.value)})
    latest = w.f.get(f"trade.pace.{w.first_basis}.latest")
    required = w.f.value(f"trade.pace.{w.first_basis}.required")
    target_year = w.f.value("target.trade.year")
    if latest and required is not None and target_year is not None:
        start = int(latest.period)
        rate = 1 + float(required) / 100
        for year in range(start, int(target_year) + 1):
            data.append({"year": year, "code": "path", "series": _("Path to the target"),
                         "value": round(float(latest.value) * rate ** (year - start) / 1000, 3)})
    codes = (*bases, "meeting", "path")
    data.sort(key=lambda d: (codes.index(d["code"]), d["year"]))
    shown = tuple(c for c in codes if any(d["code"] == c for d in data))
    labels = tuple(w.basis(c) if c != "path" else _("Path to the target") for c in shown)
    colours = tuple((w.pair.colour(c) if w.pair else "") or palette.SERIES.get(c, palette.OTHER)
                    for c in shown)
    dashes = tuple(tuple(palette.DASHES["path" if c == "path" else "actual"]) for c in shown)
    title = _("Turnover and the path to the target (US$ billion)")
    spec = cached_spec(_turnover_spec, title, _("Year"), _("US$ billion"), _("Basis"), shown,
                       colours, dashes, labels, values=data)
    rows = [[str(d["year"]), d["series"], w_num(w, d["value"])] for d in data]
    return _make("turnover", title, spec, [_("Year"), _("Series"), _("US$ billion")], rows,
                 (2,))


def _turnover_spec(title: str, year: str, value: str, basis: str, codes: tuple, colours: tuple,
                   dashes: tuple, labels: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_line(point=True).encode(
        x=year_axis(year),
        y=alt.Y("value:Q", title=value),
        color=keyed("code", basis, codes, colours, labels, **LINE_LEGEND),
        strokeDash=dashed("code", basis, codes, dashes, labels),
        tooltip=[alt.Tooltip("year:Q", title=year, format="d"),
                 alt.Tooltip("series:N", title=basis), alt.Tooltip("value:Q", title=value)],
    )
    return _spec(chart.properties(title=title))


def w_num(w: Writer, value: float | None, places: int = 2) -> str:
    return "—" if value is None else number(value, w.lang, places)


def flows_chart(w: Writer) -> Chart:
    """Exports and imports by year as both sides report them: colour by flow, dash by basis."""
    flows = tuple(key for key in (w.x, w.m) if key)
    bases = tuple(w.pair.bases) if w.pair else ()
    data = []
    for measure in flows:
        for fig in w.f.prefixed(f"trade.{measure}."):
            if fig.period.isdigit() and fig.value is not None:
                data.append({"year": int(fig.period), "flow": measure, "basis": fig.basis,
                             "flow_label": w.flow(measure), "basis_label": w.basis(fig.basis),
                             "value": _bn(fig.value)})
    present = {d["basis"] for d in data}
    bases = (*(b for b in bases if b in present), *sorted(present - set(bases)))
    data.sort(key=lambda d: (flows.index(d["flow"]), bases.index(d["basis"]), d["year"]))
    title = _("Exports and imports as each side reports them (US$ billion)")
    spec = cached_spec(
        _flows_spec, title, _("Year"), _("US$ billion"), _("Flow"), _("Basis"), flows,
        tuple(palette.colours(flows, palette.SIDES)), tuple(w.flow(f) for f in flows), bases,
        # The first side's statistics solid, any other's dashed, whichever are present.
        tuple(tuple(palette.SOLID if b == w.first_basis else palette.DASHED) for b in bases),
        tuple(w.basis(b) for b in bases), values=data)
    rows = [[str(d["year"]), d["flow_label"], d["basis_label"], w_num(w, d["value"])]
            for d in data]
    return _make("flows", title, spec, [_("Year"), _("Flow"), _("Basis"), _("US$ billion")],
                 rows, (3,))


def _flows_spec(title: str, year: str, value: str, flow: str, basis: str, flows: tuple,
                colours: tuple, flow_labels: tuple, bases: tuple, dashes: tuple,
                basis_labels: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_line(point=True).encode(
        x=year_axis(year),
        y=alt.Y("value:Q", title=value),
        color=keyed("flow", flow, flows, colours, flow_labels, orient="bottom", columns=1,
                    labelLimit=400),
        strokeDash=dashed("basis", basis, bases, dashes, basis_labels, **GREY_LINES),
        detail="basis:N",
        tooltip=[alt.Tooltip("year:Q", title=year, format="d"),
                 alt.Tooltip("flow_label:N", title=flow),
                 alt.Tooltip("basis_label:N", title=basis), alt.Tooltip("value:Q", title=value)],
    )
    return _spec(chart.properties(title=title))


PORTFOLIO = ("all", "implemented", "implementation")


def portfolio_chart(w: Writer) -> Chart:
    """The portfolio figures side by side: projects and value."""
    labels = {"all": _("All projects"), "implemented": _("Implemented"),
              "implementation": _("In implementation")}
    data = []
    for code in PORTFOLIO:
        value = w.f.value(f"portfolio.{code}.value")
        if value is not None:
            data.append({"code": code, "figure": labels[code], "value": round(float(value), 1),
                         "count": int(w.f.value(f"portfolio.{code}.count") or 0)})
    title = _("Industrial cooperation portfolio (US$ million)")
    spec = cached_spec(_portfolio_spec, title, _("US$ million"),
                       tuple(labels[c] for c in PORTFOLIO), values=data)
    # The table marks the figures that are not facts, as the pack's text does.
    rows = [[d["figure"], w.mark(f"portfolio.{d['code']}.count", str(d["count"])),
             w.mark(f"portfolio.{d['code']}.value", w_num(w, d["value"], 0))] for d in data]
    return _make("portfolio", title, spec, [_("Figure"), _("Projects"), _("US$ million")], rows,
                 (1, 2))


def _portfolio_spec(title: str, value: str, labels: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_bar(color=palette.BAR).encode(
        y=coded_axis("code", PORTFOLIO, labels),
        x=alt.X("value:Q", title=value),
        tooltip=[alt.Tooltip("figure:N"), alt.Tooltip("count:Q"), alt.Tooltip("value:Q")],
    )
    return _spec(chart.properties(title=title))


def coded_axis(field: str, codes: tuple, labels: tuple) -> alt.Y:
    """A band axis of codes in their own order, each labelled in the reader's words."""
    return alt.Y(f"{field}:N", title=None, sort=list(codes),
                 axis=alt.Axis(labelExpr=_names(codes, labels),
                               labelLimit=260))


def decisions_chart(w: Writer) -> Chart:
    """Decisions of the previous session by side and status, each status in its own colour."""
    data = []
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4 and parts[2] == "all":
            data.append({"side": parts[1], "status": parts[3], "side_label": w.side(parts[1]),
                         "status_label": w.status(parts[3]), "count": int(fig.value or 0)})
    present = {d["status"] for d in data}
    known = tuple(palette.STATUSES)
    statuses = (*(s for s in known if s in present), *sorted(present - set(known)))
    for d in data:
        d["order"] = statuses.index(d["status"])
    sides = tuple(w.pair.codes) if w.pair else ()
    sides = (*sides, *sorted({d["side"] for d in data} - set(sides)))
    title = _("Decisions of the previous session by side and status")
    spec = cached_spec(_decisions_spec, title, _("Decisions"), _("Status"), _("Side"), statuses,
                       tuple(palette.status_colour(s) for s in statuses),
                       tuple(w.status(s) for s in statuses), sides,
                       tuple(w.side(s) for s in sides), values=data)
    rows = [[d["side_label"], d["status_label"],
             w.mark(f"decisions.{d['side']}.all.{d['status']}", str(d["count"]))] for d in data]
    return _make("decisions", title, spec, [_("Side"), _("Status"), _("Decisions")], rows, (2,))


def _decisions_spec(title: str, count: str, status: str, side: str, statuses: tuple,
                    colours: tuple, labels: tuple, sides: tuple, side_labels: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_bar().encode(
        y=coded_axis("side", sides, side_labels),
        x=alt.X("count:Q", title=count, stack="zero", axis=alt.Axis(format="d", tickMinStep=1)),
        color=keyed("status", status, statuses, colours, labels),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("side_label:N", title=side),
                 alt.Tooltip("status_label:N", title=status), alt.Tooltip("count:Q", title=count)],
    )
    return _spec(chart.properties(title=title))


def to_svg(spec: dict) -> str:
    """The chart as SVG, drawn by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG, drawn by vl-convert (for Word)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=scale)
