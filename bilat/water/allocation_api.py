"""REST API of agreements, season limits and plans, under /api/v1/water/ (registered by
``api.register``): read by every signed-in user, written through the same services as the
pages, with the version check of every registry write (409 on a stale version)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.core.api import VersionedSerializerMixin, change_reason, sent_version
from bilat.core.models import Provenance
from bilat.directory.models import Side

from . import allocation
from .models import Agreement, Plan, SeasonLimit, Site


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["period", "volume_mm3", "provenance"]


class LimitSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    agreement = serializers.SlugRelatedField(slug_field="code", queryset=Agreement.objects.all())
    side = serializers.SlugRelatedField(slug_field="code", queryset=Side.objects.all())
    site = serializers.SlugRelatedField(slug_field="code", queryset=Site.objects.all())
    plans = PlanSerializer(many=True, read_only=True)

    class Meta:
        model = SeasonLimit
        fields = ["id", "agreement", "side", "site", "kind", "season", "year", "limit_mm3",
                  "provenance", "version", "plans"]
        validators: list = []  # the unique key is checked by the model, as on the pages


class AgreementSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["code", "title_en", "title_ru", "reference", "reference_ru", "signed_on", "provenance",
                  "version"]


def _patch(request: Request, record, serializer_class, update) -> Response:
    """A change to ``record`` with the version read (400 without it; the service answers a
    stale one with 409): ``update(changes, version)`` writes it."""
    version = sent_version(request)
    data = serializer_class(record, data=request.data, partial=True)
    data.is_valid(raise_exception=True)
    return Response(serializer_class(update(dict(data.validated_data), version)).data)


class SignedInView(APIView):
    """The allocation's API answers signed-in users only (what they may change, the policy
    decides in ``allocation``)."""

    permission_classes = [IsAuthenticated]


class AgreementList(SignedInView):
    """Water agreements (GET); a new one (POST, the secretariats)."""

    @extend_schema(responses=AgreementSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(AgreementSerializer(Agreement.objects.all(), many=True).data)

    @extend_schema(request=AgreementSerializer, responses={201: AgreementSerializer})
    def post(self, request: Request) -> Response:
        data = AgreementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = allocation.create_agreement(data.validated_data, actor=request.user,
                                                reason=change_reason(request))
        return Response(AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementDetail(SignedInView):
    """One agreement (GET); a change (PATCH with the ``version`` read; 409 if stale)."""

    @extend_schema(responses=AgreementSerializer)
    def get(self, request: Request, code: str) -> Response:
        return Response(AgreementSerializer(get_object_or_404(Agreement, code=code)).data)

    @extend_schema(request=AgreementSerializer, responses=AgreementSerializer)
    def patch(self, request: Request, code: str) -> Response:
        agreement = get_object_or_404(Agreement, code=code)
        return _patch(request, agreement, AgreementSerializer, lambda changes, version:
                      allocation.update_agreement(agreement, changes, actor=request.user,
                                                  expected_version=version,
                                                  reason=change_reason(request)))


def _limits(request: Request):
    qs = SeasonLimit.objects.select_related("agreement", "side", "site").prefetch_related(
        "plans").order_by("year", "season", "side__order", "site__code", "kind")
    if request.query_params.get("year", "").isdigit():
        qs = qs.filter(year=int(request.query_params["year"]))
    if request.query_params.get("season"):
        qs = qs.filter(season=request.query_params["season"])
    return qs


class LimitList(SignedInView):
    """Season limits with their plans (GET, ``?year=&season=``); a new one under an agreement
    (POST, the secretariats; ``version``, if sent, is the agreement's as read)."""

    @extend_schema(responses=LimitSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(LimitSerializer(_limits(request), many=True).data)

    @extend_schema(request=LimitSerializer, responses={201: LimitSerializer})
    def post(self, request: Request) -> Response:
        data = LimitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        agreement = values.pop("agreement")
        version = sent_version(request) if request.data.get("version") not in (None, "") \
            else None
        limit = allocation.add_limit(agreement, values, actor=request.user,
                                     expected_version=version,
                                     reason=change_reason(request))
        return Response(LimitSerializer(limit).data, status=status.HTTP_201_CREATED)


class LimitDetail(SignedInView):
    """One season limit with its plans (GET); a change (PATCH with its ``version``)."""

    @extend_schema(responses=LimitSerializer)
    def get(self, request: Request, limit_id: int) -> Response:
        return Response(LimitSerializer(get_object_or_404(SeasonLimit, pk=limit_id)).data)

    @extend_schema(request=LimitSerializer, responses=LimitSerializer)
    def patch(self, request: Request, limit_id: int) -> Response:
        limit = get_object_or_404(SeasonLimit.objects.select_related("agreement"), pk=limit_id)
        return _patch(request, limit, LimitSerializer, lambda changes, version:
                      allocation.update_limit(
                          limit, {k: v for k, v in changes.items() if k != "agreement"},
                          actor=request.user, expected_version=version,
                          reason=change_reason(request)))


class PlansInSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The limit's version as read.")
    plans = serializers.DictField(
        child=serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True),
        help_text='Per month ("2024-07") or dekada ("2024-07-2"), Mm³; null removes a plan.')
    provenance = serializers.ChoiceField(Provenance.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class LimitPlans(SignedInView):
    """Set a limit's plans (the party's water officers and secretariat): the periods sent
    are written, all or none; 409 if the limit or its plans changed since ``version``."""

    @extend_schema(request=PlansInSerializer, responses=LimitSerializer)
    def post(self, request: Request, limit_id: int) -> Response:
        limit = get_object_or_404(SeasonLimit, pk=limit_id)
        data = PlansInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        limit = allocation.set_plans(limit, d["plans"], actor=request.user,
                                     expected_version=d["version"],
                                     provenance=d.get("provenance"),
                                     reason=d.get("reason", ""))
        return Response(LimitSerializer(SeasonLimit.objects.get(pk=limit.pk)).data)


def register(router) -> None:
    router.register_view("water/agreements/", AgreementList, name="water-agreements")
    router.register_view("water/agreements/<slug:code>/", AgreementDetail,
                         name="water-agreement")
    router.register_view("water/limits/", LimitList, name="water-limits")
    router.register_view("water/limits/<int:limit_id>/", LimitDetail, name="water-limit")
    router.register_view("water/limits/<int:limit_id>/plans/", LimitPlans,
                         name="water-limit-plans")
