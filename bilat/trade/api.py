"""REST API of the trade warehouse, under /api/v1/trade/ (read-only statistics)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.core.api import ApiRouter

from . import queries
from .forms import (
    PairQueryForm,
    RcaQueryForm,
    cleaned,
    commission_target,
    commission_themes,
    parse_pair_query,
)
from .indicators import ExportPotentials, PairQuery, direction, pair_indicators
from .metrics import METRICS
from .serializers import (
    CountryRcaSerializer,
    MetricSerializer,
    MirrorRowSerializer,
    PairIndicatorsSerializer,
    PairPeriodSerializer,
    PairPotentialSerializer,
    PairProductsSerializer,
    ThemeSeriesSerializer,
)
from .theme_series import theme_series
from .warehouse import WarehouseError, WarehouseMissing

SCHEMA_TYPES: dict[type[forms.Field], OpenApiTypes] = {
    forms.IntegerField: OpenApiTypes.INT,
    forms.FloatField: OpenApiTypes.DOUBLE,
}


def query_parameters(
    form_class: type[forms.Form], *, skip: tuple[str, ...] = ()
) -> list[OpenApiParameter]:
    """The query parameters of a form, for the schema: the form stays the one parser."""
    parameters = []
    for name, field in form_class.base_fields.items():
        if name in skip:
            continue
        kind = next((t for cls, t in SCHEMA_TYPES.items() if isinstance(field, cls)),
                    OpenApiTypes.STR)
        choices = [c for c, _label in getattr(field, "choices", [])] or None
        parameters.append(OpenApiParameter(
            name, kind, OpenApiParameter.QUERY, required=field.required, enum=choices,
            description=str(field.help_text or ""),
        ))
    return parameters


def _pair_path() -> list[OpenApiParameter]:
    return [OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH,
                             description=str(PairQueryForm.base_fields[name].help_text))
            for name in ("reporter", "partner")]


def _no_product_detail(basis: str) -> NotFound:
    return NotFound(f"No product detail on the {basis} basis.")


class TradeAPIView(APIView):
    """Parse the question, ask the warehouse, answer; a missing warehouse is a 503."""

    error_codes: ClassVar[tuple[str, ...]] = ("503",)

    def get(self, request: Request, **kwargs: str) -> Response:
        try:
            return Response(self.answer(request, **kwargs))
        except WarehouseMissing as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        except WarehouseError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)

    def answer(self, request: Request, **kwargs: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class PairView(TradeAPIView):
    """A question about a pair: the path's countries and the query's parameters, one form."""

    shows_pace: ClassVar[bool] = False  # whether the answer needs the commission's target

    def answer(self, request: Request, **kwargs: str) -> Any:
        target = commission_target(request) if self.shows_pace else None
        query = parse_pair_query({**request.query_params.dict(), **kwargs},
                                 default_target=target)
        return self.answer_pair(query)

    def answer_pair(self, q: PairQuery) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


def pair_schema(
    response: type[serializers.Serializer] | serializers.Serializer,
) -> Callable[[type[APIView]], type[APIView]]:
    """The schema of a pair route: its path, the form's parameters and its answer."""
    return extend_schema(
        parameters=[*_pair_path(), *query_parameters(PairQueryForm,
                                                     skip=("reporter", "partner"))],
        responses={200: response},
    )


@pair_schema(PairIndicatorsSerializer)
class PairIndicators(PairView):
    """Every indicator of a pair in US$, with its period, basis, source and definition."""

    shows_pace = True

    def answer_pair(self, q: PairQuery) -> Any:
        return PairIndicatorsSerializer(pair_indicators(q)).data


@pair_schema(PairPeriodSerializer(many=True))
class PairSeries(PairView):
    """The pair's exports, imports, turnover and balance by period and basis."""

    def answer_pair(self, q: PairQuery) -> Any:
        kind = None if q.period_kind == "all" else q.period_kind
        series = queries.pair_series(q.reporter, q.partner, basis=q.basis, period_kind=kind)
        return PairPeriodSerializer(series, many=True).data


@pair_schema(MirrorRowSerializer(many=True))
class PairMirror(PairView):
    """Both statistics offices' reports of each flow of the pair, with the gap."""

    def answer_pair(self, q: PairQuery) -> Any:
        return MirrorRowSerializer(queries.mirror(q.reporter, q.partner), many=True).data


def _product_year(q: PairQuery, basis: str) -> int:
    """The year asked, else the latest with product detail on the basis (404 without any)."""
    year = q.year or max(queries.product_years(basis=basis), default=None)
    if year is None:
        raise _no_product_detail(basis)
    return year


@pair_schema(PairProductsSerializer)
class PairProducts(PairView):
    """Product composition of the pair's trade (HS4), themes, HHI and Grubel–Lloyd."""

    def answer_pair(self, q: PairQuery) -> Any:
        basis = q.basis or queries.PRODUCT_BASIS
        products = queries.pair_products(q.reporter, q.partner, _product_year(q, basis),
                                         basis=basis, top=q.top, report=q.product_report)
        return PairProductsSerializer(products).data


@pair_schema(PairPotentialSerializer)
class PairPotential(PairView):
    """Products with the largest untapped export potential, each way."""

    def answer_pair(self, q: PairQuery) -> Any:
        basis = q.basis or queries.PRODUCT_BASIS
        year = _product_year(q, basis)
        potentials = ExportPotentials(year=year, basis=basis, by_direction={
            direction(a, b): queries.export_potential(a, b, year, basis=basis, top=q.top)
            for a, b in q.directions
        })
        return PairPotentialSerializer(potentials).data


@pair_schema(ThemeSeriesSerializer)
class PairThemes(PairView):
    """Each product theme's trade each way over the years: value, share and growth."""

    def answer(self, request: Request, **kwargs: str) -> Any:
        q = parse_pair_query({**request.query_params.dict(), **kwargs})
        basis = q.basis or queries.PRODUCT_BASIS
        found = theme_series(q.reporter, q.partner, commission_themes(request), basis=basis,
                             report=q.product_report)
        if not found.years:
            raise _no_product_detail(basis)
        return ThemeSeriesSerializer(found).data


@extend_schema(parameters=query_parameters(RcaQueryForm),
               responses={200: CountryRcaSerializer})
class CountryRca(TradeAPIView):
    """A country's Balassa RCA by HS6 product (highest first)."""

    def answer(self, request: Request, **kwargs: str) -> Any:
        q = cleaned(RcaQueryForm(request.query_params.dict()))
        basis = q["basis"] or queries.PRODUCT_BASIS
        rows = queries.top_rca(q["country"], q["year"], basis=basis, top=q["top"] or 100)
        return CountryRcaSerializer({"basis": basis, "results": rows}).data


class MetricList(APIView):
    """The written definition of every trade metric (English and Russian)."""

    @extend_schema(responses={200: MetricSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(MetricSerializer(METRICS.values(), many=True).data)


def register(router: ApiRouter) -> None:
    """Add the trade warehouse's routes to the API router."""
    pair = "trade/pairs/<str:reporter>/<str:partner>/"
    router.register_view("trade/metrics/", MetricList, name="trade-metrics")
    router.register_view("trade/rca/", CountryRca, name="trade-rca")
    router.register_view(pair, PairIndicators, name="trade-indicators")
    router.register_view(f"{pair}series/", PairSeries, name="trade-series")
    router.register_view(f"{pair}mirror/", PairMirror, name="trade-mirror")
    router.register_view(f"{pair}products/", PairProducts, name="trade-products")
    router.register_view(f"{pair}potential/", PairPotential, name="trade-potential")
    router.register_view(f"{pair}themes/", PairThemes, name="trade-themes")
