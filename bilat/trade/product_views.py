"""Trade product pages: a search by HS code or words, and a product's trade between a pair
each way over the years, with its chart and a table downloadable as CSV and XLSX; the pair
page's chart tables as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bilat.core.reports import XLSX, ReportColumn, attachment, report_xlsx

from . import products, queries, visuals
from .display import MILLION, report_label
from .forms import PairQueryForm
from .indicators import pair_indicators
from .queries import PRODUCT_BASIS
from .views import pair_themes
from .warehouse import WarehouseError

COUNTRY = re.compile(r"^[A-Z]{2}$")
BASIS = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


@require_safe
def product_search(request: HttpRequest) -> HttpResponse:
    """Products found by HS code or by words of their titles."""
    text = request.GET.get("q", "")[:100]
    context: dict[str, Any] = {"q": text, "hits": [], "error": None}
    try:
        context["hits"] = products.search(text, get_language() or "en")
    except WarehouseError as exc:
        context["error"] = str(exc)
    return render(request, "trade/product_search.html", context)


def _question(request: HttpRequest, code: str) -> tuple[str, str, str]:
    # The pair defaults to the commission's the request works in (the commission middleware).
    codes = tuple(getattr(request, "commission_pair", tuple)())
    own = codes if len(codes) == 2 else queries.CA5[:2]
    reporter = request.GET.get("reporter", own[0]).upper()
    partner = request.GET.get("partner", own[1]).upper()
    basis = request.GET.get("basis", PRODUCT_BASIS)
    if not products.CODE.match(code) or not COUNTRY.match(reporter) or not COUNTRY.match(
            partner) or reporter == partner or not BASIS.match(basis):
        raise Http404(_("No such product or pair."))
    return reporter, partner, basis


def _table(code: str, reporter: str, partner: str, basis: str
           ) -> tuple[tuple[str, str], list[Any]]:
    """The product's title as shown (language, text) and its flows."""
    shown = products.shown_title(code, products.described(), get_language() or "en")
    return shown, products.product_flows(code, reporter, partner, basis=basis)


@require_safe
def product_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A product's trade between a pair, each way, in every year with HS detail."""
    reporter, partner, basis = _question(request, code)
    lang = get_language() or "en"
    context: dict[str, Any] = {"code": code, "reporter": reporter, "partner": partner,
                               "basis": basis, "error": None, "charts": [], "unit": MILLION}
    try:
        shown, flows = _table(code, reporter, partner, basis)
    except WarehouseError as exc:
        context["error"] = str(exc)
        return render(request, "trade/product_detail.html", context)
    section = products.section_of(code)
    label = shown[1]
    context.update(
        label=label, label_shown=shown, flows=flows, section=section,
        section_title=section.shown(lang) if section else None,
        query=request.GET.urlencode(),
        charts=[visuals.product_chart(code, label, flows, reporter, partner, lang)] if flows
        else [],
    )
    return render(request, "trade/product_detail.html", context)


def _columns(reporter: str, partner: str) -> list[ReportColumn]:
    return [
        ReportColumn(_("Year"), lambda f: f.year),
        ReportColumn(f"{reporter} → {partner}, US$", lambda f: f.exports),
        ReportColumn(f"{partner} → {reporter}, US$", lambda f: f.imports),
        ReportColumn(_("Reports"), lambda f: "; ".join(
            f"{k.replace('->', ' → ')}: {report_label(*v)}" for k, v in f.report_sides.items()),
            wrap=True),
        ReportColumn(_("Sources"), lambda f: f.sources, wrap=True),
    ]


@require_safe
def product_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The product page's table as CSV or XLSX, values in US$."""
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("No such format."))
    reporter, partner, basis = _question(request, code)
    try:
        (_language, label), flows = _table(code, reporter, partner, basis)
    except WarehouseError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    columns = _columns(reporter, partner)
    name = f"trade-{code}-{reporter}-{partner}-{basis}.{fmt}"
    if fmt == "xlsx":
        title = f"HS {code} {label}"
        covers = _("%(reporter)s–%(partner)s, basis %(basis)s") % {
            "reporter": reporter, "partner": partner, "basis": basis}
        return attachment(report_xlsx(title, covers, columns, flows), XLSX, name)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for f in flows:
        writer.writerow(["" if v is None else v for v in (c.value(f) for c in columns)])
    return attachment(out.getvalue().encode("utf-8"), "text/csv; charset=utf-8", name)


@require_safe
def pair_table_download(request: HttpRequest, reporter: str, partner: str, key: str,
                        fmt: str) -> HttpResponse:
    """The table of one of the pair page's charts as CSV or XLSX, as the page shows it."""
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("No such format."))
    form = PairQueryForm({**request.GET.dict(), "reporter": reporter, "partner": partner})
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400,
                            content_type="text/plain; charset=utf-8")
    query = form.query()
    try:
        ind = pair_indicators(query)
        series = queries.pair_series(query.reporter, query.partner)
        charts = visuals.pair_charts(ind, series, query.reporter, query.partner,
                                     get_language() or "en", pair_themes(request, query, ind))
    except WarehouseError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    chart = next((c for c in charts if c.key == key), None)
    if chart is None:
        raise Http404(_("No such table."))
    table = chart.table
    name = f"{key}-{query.reporter}-{query.partner}.{fmt}"
    if fmt == "xlsx":
        columns = [ReportColumn(h, lambda row, i=i: row[i]) for i, h in enumerate(table.header)]
        return attachment(report_xlsx(chart.title[:31], table.caption, columns, table.rows),
                          XLSX, name)
    out = io.StringIO()
    csv.writer(out).writerows([table.header, *table.rows])
    return attachment(out.getvalue().encode("utf-8"), "text/csv; charset=utf-8", name)
