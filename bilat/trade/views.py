"""Trade pages: the pairs of the region and a pair's statistics from the warehouse."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import queries
from .metrics import METRICS
from .warehouse import WarehouseError, WarehouseMissing

PAIR = re.compile(r"^[A-Z]{2}$")


def _definitions() -> dict[str, dict[str, str]]:
    return {
        code: {"title": m.title, "definition": m.definition,
               "numerator": m.numerator, "denominator": m.denominator, "unit": m.unit,
               "rounding": m.rounding}
        for code, m in METRICS.items()
    }


def trade_list(request: HttpRequest) -> HttpResponse:
    """The Central Asian pairs, with the commission's pair first."""
    pairs = [("KZ", "UZ")] + [
        (a, b) for i, a in enumerate(queries.CA5) for b in queries.CA5[i + 1:]
        if (a, b) != ("KZ", "UZ")
    ]
    context: dict[str, Any] = {"pairs": pairs, "error": None, "bases": []}
    try:
        context["bases"] = queries.bases("KZ", "UZ")
    except WarehouseMissing as exc:
        context["error"] = str(exc)
    return render(request, "trade/trade_list.html", context)


def pair_detail(request: HttpRequest, reporter: str, partner: str) -> HttpResponse:
    """A pair's series on every basis, mirror, products, regional share, RCA and potential."""
    reporter, partner = reporter.upper(), partner.upper()
    if not (PAIR.match(reporter) and PAIR.match(partner)) or reporter == partner:
        raise Http404
    basis = request.GET.get("basis") or reporter
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,20}", basis):
        basis = reporter
    year = request.GET.get("year")
    context: dict[str, Any] = {
        "reporter": reporter, "partner": partner, "basis": basis, "error": None,
        "definitions": _definitions(),
    }
    try:
        ind = queries.pair_indicators(reporter, partner, year=int(year) if year and
                                      year.isdigit() else None, basis=basis)
        series = queries.pair_series(reporter, partner)
    except WarehouseError as exc:
        context["error"] = str(exc)
        return render(request, "trade/pair_detail.html", context, status=200)
    bases = sorted({p.basis for p in series})
    years = sorted({p.year for p in series}, reverse=True)
    by_year = {y: {p.basis: p for p in series if p.year == y} for y in years}
    context.update(
        ind=ind, bases=bases, years=years,
        rows=[(y, [by_year[y].get(b) for b in bases]) for y in years],
    )
    return render(request, "trade/pair_detail.html", context)
