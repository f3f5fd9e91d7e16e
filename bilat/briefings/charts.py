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

from .document import Chart, Table, Writer
from .formatting import number

# Colours of the series that are no side's (a side's is ``Pair.colour``: by its position in the
# commission, or the commission's own).
COLOURS = {"meeting": "#8a8f98", "target": "#b3261e"}
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
    depend only on the titles and sort orders in ``args``, so the data goes into the finished
    dict. ``builder`` puts its data in ``spec["data"]``.
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


def turnover_chart(w: Writer) -> Chart:
    """Turnover by year on each statistics basis, and the path the target needs."""
    data = []
    for fig in w.f.prefixed("trade.turnover."):
        if fig.period.isdigit() and fig.basis in (*(w.pair.bases if w.pair else ()), "meeting"):
            data.append({"year": int(fig.period), "series": w.basis(fig.basis),
                         "value": _bn(fig.value)})
    latest = w.f.get(f"trade.pace.{w.first_basis}.latest")
    required = w.f.value(f"trade.pace.{w.first_basis}.required")
    target_year = w.f.value("target.trade.year")
    if latest and required is not None and target_year is not None:
        start = int(latest.period)
        rate = 1 + float(required) / 100
        for year in range(start, int(target_year) + 1):
            data.append({"year": year, "series": _("Path to the target"),
                         "value": round(float(latest.value) * rate ** (year - start) / 1000, 3)})
    data.sort(key=lambda d: (d["series"], d["year"]))
    series = tuple(sorted({d["series"] for d in data}))
    title = _("Turnover and the path to the target (US$ billion)")
    spec = cached_spec(_turnover_spec, title, _("Year"), _("US$ billion"), _("Basis"), series,
                       values=data)
    rows = [[str(d["year"]), d["series"], w_num(w, d["value"])] for d in data]
    return _make("turnover", title, spec, [_("Year"), _("Series"), _("US$ billion")], rows,
                 (2,))


def _turnover_spec(title: str, year: str, value: str, basis: str, series: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_line(point=True).encode(
        x=alt.X("year:O", title=year),
        y=alt.Y("value:Q", title=value),
        color=alt.Color("series:N", title=basis, sort=list(series)),
        strokeDash=alt.StrokeDash("series:N", legend=None, sort=list(series)),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("series:N"), alt.Tooltip("value:Q")],
    )
    return _spec(chart.properties(title=title))


def w_num(w: Writer, value: float | None, places: int = 2) -> str:
    return "—" if value is None else number(value, w.lang, places)


def flows_chart(w: Writer) -> Chart:
    """Exports and imports by year as both sides report them."""
    data = []
    labels = {key: w.flow(key) for key in (w.x, w.m) if key}
    for measure, label in labels.items():
        for fig in w.f.prefixed(f"trade.{measure}."):
            if fig.period.isdigit() and fig.value is not None:
                data.append({"year": int(fig.period), "flow": label,
                             "basis": w.basis(fig.basis), "value": _bn(fig.value)})
    data.sort(key=lambda d: (d["flow"], d["basis"], d["year"]))
    for d in data:
        d["series"] = f"{d['flow']} · {d['basis']}"
    series = tuple(sorted({d["series"] for d in data}))
    title = _("Exports and imports as each side reports them (US$ billion)")
    spec = cached_spec(_flows_spec, title, _("Year"), _("US$ billion"), _("Flow and basis"),
                       series, values=data)
    rows = [[str(d["year"]), d["flow"], d["basis"], w_num(w, d["value"])] for d in data]
    return _make("flows", title, spec, [_("Year"), _("Flow"), _("Basis"), _("US$ billion")],
                 rows, (3,))


def _flows_spec(title: str, year: str, value: str, flow: str, series: tuple) -> dict:
    chart = alt.Chart(_empty()).mark_bar().encode(
        x=alt.X("year:O", title=year),
        xOffset=alt.XOffset("series:N", sort=list(series)),
        y=alt.Y("value:Q", title=value),
        color=alt.Color("series:N", title=flow, sort=list(series),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("series:N"), alt.Tooltip("value:Q")],
    )
    return _spec(chart.properties(title=title))


def portfolio_chart(w: Writer) -> Chart:
    """The portfolio figures side by side: projects and value."""
    labels = {"all": _("All projects"), "implemented": _("Implemented"),
              "implementation": _("In implementation")}
    data, codes = [], []
    for code, label in labels.items():
        value = w.f.value(f"portfolio.{code}.value")
        if value is not None:
            codes.append(code)
            data.append({"figure": label, "order": len(data),
                         "value": round(float(value), 1),
                         "count": int(w.f.value(f"portfolio.{code}.count") or 0)})
    title = _("Industrial cooperation portfolio (US$ million)")
    spec = cached_spec(_portfolio_spec, title, _("US$ million"), values=data)
    # The table marks the figures that are not facts, as the pack's text does.
    rows = [[d["figure"], w.mark(f"portfolio.{code}.count", str(d["count"])),
             w.mark(f"portfolio.{code}.value", w_num(w, d["value"], 0))]
            for code, d in zip(codes, data, strict=True)]
    return _make("portfolio", title, spec, [_("Figure"), _("Projects"), _("US$ million")], rows,
                 (1, 2))


def _portfolio_spec(title: str, value: str) -> dict:
    chart = alt.Chart(_empty()).mark_bar(color="#0b5cab").encode(
        y=alt.Y("figure:N", title=None, sort=alt.EncodingSortField("order")),
        x=alt.X("value:Q", title=value),
        tooltip=[alt.Tooltip("figure:N"), alt.Tooltip("count:Q"), alt.Tooltip("value:Q")],
    )
    return _spec(chart.properties(title=title))


def decisions_chart(w: Writer) -> Chart:
    """Decisions of the previous session by side and status."""
    data, keys = [], []
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4 and parts[2] == "all":
            keys.append(fig.key)
            data.append({"side": w.side(parts[1]), "status": w.status(parts[3]),
                         "count": int(fig.value or 0)})
    title = _("Decisions of the previous session by side and status")
    spec = cached_spec(_decisions_spec, title, _("Decisions"), _("Status"), values=data)
    rows = [[d["side"], d["status"], w.mark(key, str(d["count"]))]
            for key, d in zip(keys, data, strict=True)]
    return _make("decisions", title, spec, [_("Side"), _("Status"), _("Decisions")], rows, (2,))


def _decisions_spec(title: str, count: str, status: str) -> dict:
    chart = alt.Chart(_empty()).mark_bar().encode(
        y=alt.Y("side:N", title=None),
        x=alt.X("count:Q", title=count, stack="zero"),
        color=alt.Color("status:N", title=status),
        tooltip=[alt.Tooltip("side:N"), alt.Tooltip("status:N"), alt.Tooltip("count:Q")],
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
