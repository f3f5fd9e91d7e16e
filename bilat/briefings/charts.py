"""Charts as Vega-Lite specs built with Altair, each with the table of its numbers.

The browser draws them with the vega-embed bundle bilat serves itself; documents embed them as
SVG or PNG rendered by vl-convert (no browser, no network).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import altair as alt
from django.utils.translation import gettext as _

if TYPE_CHECKING:  # pragma: no cover
    from .pack import Chart, Writer

COLOURS = {"KZ": "#00a3d9", "UZ": "#1a9e4b", "meeting": "#8a8f98", "target": "#b3261e"}
WIDTH, HEIGHT = 520, 240


def _bn(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value) / 1000, 3)


def _spec(chart: alt.TopLevelMixin) -> dict:
    # Vega-Lite JSON with no external data and a fixed schema URL: identical bytes each time.
    spec = chart.properties(width=WIDTH, height=HEIGHT).to_dict(validate=False)
    spec.pop("$schema", None)
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json"
    return spec


def _make(key: str, title: str, chart: alt.TopLevelMixin, header: list[str],
          rows: list[list[str]], numeric: tuple[int, ...]) -> Chart:
    from .pack import Chart, Table

    return Chart(key, title, _spec(chart.properties(title=title)),
                 Table(title, header, rows, numeric))


def turnover_chart(w: Writer) -> Chart:
    """Turnover by year on each statistics basis, and the path the target needs."""
    data = []
    for fig in w.f.prefixed("trade.turnover."):
        if fig.period.isdigit() and fig.basis in ("KZ", "UZ", "meeting"):
            data.append({"year": int(fig.period), "series": w.basis(fig.basis),
                         "value": _bn(fig.value)})
    latest = w.f.get("trade.pace.KZ.latest")
    required = w.f.value("trade.pace.KZ.required")
    target_year = w.f.value("target.trade.year")
    if latest and required is not None and target_year is not None:
        start = int(latest.period)
        rate = 1 + float(required) / 100
        for year in range(start, int(target_year) + 1):
            data.append({"year": year, "series": _("Path to the target"),
                         "value": round(float(latest.value) * rate ** (year - start) / 1000, 3)})
    data.sort(key=lambda d: (d["series"], d["year"]))
    series = sorted({d["series"] for d in data})
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=alt.X("year:O", title=_("Year")),
        y=alt.Y("value:Q", title=_("US$ billion")),
        color=alt.Color("series:N", title=_("Basis"), sort=series),
        strokeDash=alt.StrokeDash("series:N", legend=None, sort=series),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("series:N"), alt.Tooltip("value:Q")],
    )
    rows = [[str(d["year"]), d["series"], w_num(w, d["value"])] for d in data]
    return _make("turnover", _("Turnover and the path to the target (US$ billion)"), chart,
                 [_("Year"), _("Series"), _("US$ billion")], rows, (2,))


def w_num(w: Writer, value: float | None, places: int = 2) -> str:
    from .formatting import number

    return "—" if value is None else number(value, w.lang, places)


def flows_chart(w: Writer) -> Chart:
    """Exports and imports by year as both sides report them."""
    data = []
    labels = {"kz_to_uz": _("Kazakhstan → Uzbekistan"), "uz_to_kz": _("Uzbekistan → Kazakhstan")}
    for measure, label in labels.items():
        for fig in w.f.prefixed(f"trade.{measure}."):
            if fig.period.isdigit() and fig.value is not None:
                data.append({"year": int(fig.period), "flow": label,
                             "basis": w.basis(fig.basis), "value": _bn(fig.value)})
    data.sort(key=lambda d: (d["flow"], d["basis"], d["year"]))
    for d in data:
        d["series"] = f"{d['flow']} · {d['basis']}"
    series = sorted({d["series"] for d in data})
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        x=alt.X("year:O", title=_("Year")),
        xOffset=alt.XOffset("series:N", sort=series),
        y=alt.Y("value:Q", title=_("US$ billion")),
        color=alt.Color("series:N", title=_("Flow and basis"), sort=series,
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("series:N"), alt.Tooltip("value:Q")],
    )
    rows = [[str(d["year"]), d["flow"], d["basis"], w_num(w, d["value"])] for d in data]
    return _make("flows", _("Exports and imports as each side reports them (US$ billion)"),
                 chart, [_("Year"), _("Flow"), _("Basis"), _("US$ billion")], rows, (3,))


def portfolio_chart(w: Writer) -> Chart:
    """The portfolio figures side by side: projects and value."""
    labels = {"all": _("All projects"), "implemented": _("Implemented"),
              "implementation": _("In implementation")}
    data = []
    for code, label in labels.items():
        value = w.f.value(f"portfolio.{code}.value")
        if value is not None:
            data.append({"figure": label, "order": len(data),
                         "value": round(float(value), 1),
                         "count": int(w.f.value(f"portfolio.{code}.count") or 0)})
    chart = alt.Chart(alt.Data(values=data)).mark_bar(color="#0b5cab").encode(
        y=alt.Y("figure:N", title=None, sort=alt.EncodingSortField("order")),
        x=alt.X("value:Q", title=_("US$ million")),
        tooltip=[alt.Tooltip("figure:N"), alt.Tooltip("count:Q"), alt.Tooltip("value:Q")],
    )
    rows = [[d["figure"], str(d["count"]), w_num(w, d["value"], 0)] for d in data]
    return _make("portfolio", _("Industrial cooperation portfolio (US$ million)"), chart,
                 [_("Figure"), _("Projects"), _("US$ million")], rows, (1, 2))


def decisions_chart(w: Writer) -> Chart:
    """Decisions of the previous session by side and status."""
    data = []
    for fig in w.f.prefixed("decisions."):
        parts = fig.key.split(".")
        if len(parts) == 4 and parts[2] == "all":
            data.append({"side": w.side(parts[1]), "status": w.status(parts[3]),
                         "count": int(fig.value or 0)})
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        y=alt.Y("side:N", title=None),
        x=alt.X("count:Q", title=_("Decisions"), stack="zero"),
        color=alt.Color("status:N", title=_("Status")),
        tooltip=[alt.Tooltip("side:N"), alt.Tooltip("status:N"), alt.Tooltip("count:Q")],
    )
    rows = [[d["side"], d["status"], str(d["count"])] for d in data]
    return _make("decisions", _("Decisions of the previous session by side and status"), chart,
                 [_("Side"), _("Status"), _("Decisions")], rows, (2,))


def to_svg(spec: dict) -> str:
    """The chart as SVG, drawn by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """The chart as PNG, drawn by vl-convert (for Word)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=scale)
