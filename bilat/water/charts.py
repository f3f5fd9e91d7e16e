"""Charts of the water pages: the sites on the dashboard's offline map, and a series over a
dekada with its quality flags and gaps."""

from __future__ import annotations

import datetime

import altair as alt
from django.urls import reverse
from django.utils.translation import gettext as _

from bilat.briefings import charts
from bilat.briefings.dashboard import map_chart
from bilat.briefings.document import Chart, Table
from bilat.core import palette

from . import quality
from .models import Reading, Series, Site
from .periods import Dekada

QUALITIES = tuple(palette.QUALITIES)


def sites_map(sites: list[Site]) -> Chart:
    """Every site on the outlines of the two countries; approximate places say so."""
    points = [{
        "title": s.name, "place": s.side.name, "kind": s.kind,
        "stage": _("approximate location") if s.is_approximate else "",
        "lat": float(s.latitude), "lon": float(s.longitude),
        "url": reverse("water:site", args=[s.code]), "provenance": s.provenance,
    } for s in sites]
    return map_chart(points, title=_("Water sites"), item=_("Site"),
                     kinds={code: str(label) for code, label in Site.Kind.choices})


def series_chart(series: Series, dekada: Dekada) -> Chart:
    """The readings of one dekada, coloured by quality, with the gaps shaded."""
    start, end = dekada.bounds(series.site.zone)
    rows = list(Reading.objects.filter(series=series, is_current=True, at__gte=start, at__lt=end)
                .order_by("at").values_list("at", "value", "needs_review"))
    flagged = quality.flag([(at, v) for at, v, _r in rows], quality.Limits.of(series))
    review = {at for at, _v, r in rows if r}
    zone = series.site.zone

    def local(at: datetime.datetime) -> str:
        return at.astimezone(zone).strftime("%Y-%m-%dT%H:%M")

    values = [{"t": local(f.at), "v": f.value, "quality": f.quality,
               "reasons": ", ".join(f.reasons) + (" review" if f.at in review else "")}
              for f in flagged]
    holes = [{"from": local(a), "to": local(b)}
             for a, b in quality.gaps([f.at for f in flagged], start, end, series.step_seconds)]
    # The series by its site and what it measures, in the reader's words (not its code).
    named = f"{series.site.name}: {series.get_parameter_display().lower()}"
    title = _("%(series)s, dekada %(dekada)s (local time)") % {"series": named,
                                                              "dekada": dekada}
    spec = charts.skeleton(_series_spec, title, series.unit, _("Time"), _("Quality"),
                           (_("Good"), _("Suspect"), _("Poor")))
    # The readings go into the finished dict: Altair walks every value it is given (about
    # 0.2 s for a dekada of ten-minute readings; see briefings.charts.cached_spec).
    spec["layer"][0]["data"]["values"] = holes
    spec["layer"][1]["data"]["values"] = values
    spec["layer"][2]["data"]["values"] = values
    counts = {q: sum(1 for f in flagged if f.quality == q) for q in QUALITIES}
    table = Table(title, [_("Readings"), _("Good"), _("Suspect"), _("Poor"), _("Gaps")],
                  [[str(len(flagged)), str(counts["good"]), str(counts["suspect"]),
                    str(counts["poor"]), str(len(holes))]], (0, 1, 2, 3, 4))
    return Chart(f"series-{series.pk}", title, spec, table)


def _series_spec(title: str, unit: str, time: str, quality: str, labels: tuple) -> dict:
    gap_layer = alt.Chart(alt.Data(values=[])).mark_rect(opacity=0.15, color="#a00").encode(
        x="from:T", x2="to:T")
    line = alt.Chart(alt.Data(values=[])).mark_line(strokeWidth=1, color="#5b6475").encode(
        x=alt.X("t:T", title=time), y=alt.Y("v:Q", title=unit, scale=alt.Scale(zero=False)))
    dots = alt.Chart(alt.Data(values=[])).mark_circle(size=12).encode(
        x="t:T", y="v:Q",
        color=alt.Color("quality:N", title=quality, scale=alt.Scale(
            domain=list(QUALITIES), range=[palette.QUALITIES[q] for q in QUALITIES]),
            legend=alt.Legend(labelExpr=palette.label_expr(dict(zip(QUALITIES, labels,
                                                                    strict=True))))),
        tooltip=["t:T", "v:Q", "quality:N", "reasons:N"])
    spec = alt.layer(gap_layer, line, dots).properties(
        width="container", height=260, title=title).to_dict(validate=False)
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec
