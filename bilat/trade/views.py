"""Trade pages: the pairs of the region and a pair's statistics from the warehouse."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import queries
from .forms import PairQueryForm
from .indicators import pair_indicators
from .metrics import METRICS
from .warehouse import WarehouseError, WarehouseMissing


def _definitions() -> dict[str, dict[str, str]]:
    return {
        code: {"title": m.title, "definition": m.definition,
               "numerator": m.numerator, "denominator": m.denominator, "unit": m.unit,
               "rounding": m.rounding}
        for code, m in METRICS.items()
    }


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
    return render(request, "trade/trade_list.html", context)


def pair_detail(request: HttpRequest, reporter: str, partner: str) -> HttpResponse:
    """A pair's series on every basis, mirror, products, regional share, RCA and potential."""
    form = PairQueryForm({**request.GET.dict(), "reporter": reporter, "partner": partner})
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
    except WarehouseError as exc:
        context["error"] = str(exc)
        return render(request, "trade/pair_detail.html", context, status=200)
    bases = sorted({p.basis for p in series})
    years = sorted({p.year for p in series}, reverse=True)
    by_year = {y: {p.basis: p for p in series if p.year == y} for y in years}
    context.update(
        ind=ind, basis=ind.basis, bases=bases, years=years,
        rows=[(y, [by_year[y].get(b) for b in bases]) for y in years],
    )
    return render(request, "trade/pair_detail.html", context)
