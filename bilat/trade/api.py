"""REST API of the trade warehouse, under /api/v1/trade/ (read-only statistics)."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.core.api import ApiRouter

from . import queries
from .metrics import METRICS
from .warehouse import WarehouseError, WarehouseMissing

COUNTRY = r"[A-Za-z]{2}"


class PairQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    basis = serializers.RegexField(r"^[A-Za-z0-9_-]{1,20}$", required=False)
    product_basis = serializers.RegexField(r"^[A-Za-z0-9_-]{1,20}$", required=False)
    period_kind = serializers.ChoiceField(("year", "month", "ytd", "all"), required=False)
    top = serializers.IntegerField(required=False, min_value=1, max_value=100)
    target = serializers.FloatField(required=False, min_value=0)
    target_year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)


class RcaQuerySerializer(serializers.Serializer):
    country = serializers.RegexField(r"^[A-Za-z]{2}$")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    basis = serializers.RegexField(r"^[A-Za-z0-9_-]{1,20}$", required=False)
    top = serializers.IntegerField(required=False, min_value=1, max_value=10000)


class TradeAPIView(APIView):
    """Parse the query, call one query function, answer; a missing warehouse is a 503."""

    query_serializer: type[serializers.Serializer] = PairQuerySerializer

    @extend_schema(parameters=[PairQuerySerializer], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, **kwargs: str) -> Response:
        params = self.query_serializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        codes = {k: v.upper() for k, v in kwargs.items()}
        bad = [k for k, v in codes.items() if not re.fullmatch(COUNTRY, v)]
        if bad:
            return Response({k: ["Use an ISO 3166 alpha-2 country code."] for k in bad},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            return Response(self.answer(params.validated_data, **codes))
        except WarehouseMissing as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        except WarehouseError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)

    def answer(self, q: dict[str, Any], **codes: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class PairIndicators(TradeAPIView):
    """Every indicator of a pair in US$, with its period, basis, source and definition."""

    def answer(self, q, reporter, partner):
        kwargs = {k: q[k] for k in ("year", "basis", "product_basis") if k in q}
        if "target" in q:
            kwargs["target_value"] = q["target"]
        if "target_year" in q:
            kwargs["target_year"] = q["target_year"]
        return queries.pair_indicators(reporter, partner, **kwargs)


class PairSeries(TradeAPIView):
    """The pair's exports, imports, turnover and balance by period and basis."""

    def answer(self, q, reporter, partner):
        kind = q.get("period_kind", "year")
        series = queries.pair_series(reporter, partner, basis=q.get("basis"),
                                     period_kind=None if kind == "all" else kind)
        return [queries._period_dict(p) for p in series]


class PairMirror(TradeAPIView):
    """Both statistics offices' reports of each flow of the pair, with the gap."""

    def answer(self, q, reporter, partner):
        return [asdict(r) for r in queries.mirror(reporter, partner)]


class PairProducts(TradeAPIView):
    """Product composition of the pair's trade (HS4), themes, HHI and Grubel–Lloyd."""

    def answer(self, q, reporter, partner):
        basis = q.get("basis", queries.PRODUCT_BASIS)
        year = q.get("year") or max(queries.product_years(basis=basis), default=None)
        if year is None:
            return {"detail": "No product detail on this basis."}
        return queries.pair_products(reporter, partner, year, basis=basis, top=q.get("top", 10))


class PairPotential(TradeAPIView):
    """Products with the largest untapped export potential, each way."""

    def answer(self, q, reporter, partner):
        basis = q.get("basis", queries.PRODUCT_BASIS)
        year = q.get("year") or max(queries.product_years(basis=basis), default=None)
        if year is None:
            return {"detail": "No product detail on this basis."}
        top = q.get("top", 10)
        return {
            "year": year, "basis": basis, "definition": METRICS["export_potential"].as_dict(),
            f"{reporter}->{partner}": queries.export_potential(reporter, partner, year,
                                                               basis=basis, top=top),
            f"{partner}->{reporter}": queries.export_potential(partner, reporter, year,
                                                               basis=basis, top=top),
        }


class CountryRca(TradeAPIView):
    """A country's Balassa RCA by HS6 product (highest first)."""

    query_serializer = RcaQuerySerializer

    @extend_schema(parameters=[RcaQuerySerializer], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, **kwargs: str) -> Response:
        return super().get(request, **kwargs)

    def answer(self, q):
        basis = q.get("basis", queries.PRODUCT_BASIS)
        table = queries.rca(country=q["country"].upper(), year=q.get("year"), basis=basis)
        rows = sorted((r for r in table.to_pylist() if r["rca"] is not None),
                      key=lambda r: (-r["year"], -r["rca"], r["product"]))
        return {"basis": basis, "definition": METRICS["rca"].as_dict(),
                "results": rows[: q.get("top", 100)]}


class MetricSerializer(serializers.Serializer):
    code = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    unit = serializers.CharField()
    rounding = serializers.CharField()
    definition_en = serializers.CharField()
    definition_ru = serializers.CharField()


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
