"""REST API of the targets app: indicators with their targets and actual values, targets."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from bilat.accounts.api import (
    RegistrySerializer,
    RegistryViewSet,
    VisibleListSerializer,
    VisibleSlugRelatedField,
)
from bilat.accounts.policy import visible
from bilat.core.api import ApiRouter, VersionedSerializerMixin
from bilat.decisions.models import Decision
from bilat.directory.models import Side

from . import services
from .filters import TargetFilterSet
from .forms import ACTUAL_FIELDS, TARGET_FIELDS
from .models import ActualValue, Indicator, Target


class ActualValueSerializer(serializers.ModelSerializer):
    reporting_side = serializers.SlugRelatedField(
        slug_field="code", queryset=Side.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ActualValue
        fields = ["id", *ACTUAL_FIELDS]


class PaceSerializer(serializers.Serializer):
    basis = serializers.CharField()
    status = serializers.CharField(source="pace.status", default="unknown")
    target_year = serializers.IntegerField(source="pace.target_year", default=None)
    latest_year = serializers.IntegerField(source="pace.latest_year", default=None)
    latest_value = serializers.FloatField(source="pace.latest_value", default=None)
    required_growth = serializers.FloatField(source="pace.required_growth", default=None)
    observed_from_year = serializers.IntegerField(source="pace.observed_from_year", default=None)
    observed_growth = serializers.FloatField(source="pace.observed_growth", default=None)
    reached_year = serializers.IntegerField(source="pace.reached_year", default=None)


class TargetSerializer(VersionedSerializerMixin, RegistrySerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    decision = VisibleSlugRelatedField(
        slug_field="control_number", queryset=Decision.objects.all(), required=False,
        allow_null=True,
    )
    actual_values = ActualValueSerializer(many=True, read_only=True)
    pace = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "version", *TARGET_FIELDS, "actual_values", "pace", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema(responses=PaceSerializer(many=True))
    def get_pace(self, target) -> list:
        return PaceSerializer(
            services.pace_by_basis(target, list(target.actual_values.all())), many=True
        ).data


class TargetViewSet(RegistryViewSet):
    """Targets with their actual values per basis and the pace to each."""

    queryset = Target.objects.select_related("indicator", "decision").prefetch_related(
        Prefetch("actual_values", queryset=ActualValue.objects.select_related("reporting_side"))
    )
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    ordering_fields = ["title_en", "target_year", "target_value"]
    ordering = ["indicator__code", "target_year", "pk"]

    def save_new(self, values, *, actor, reason):
        return services.create_target(actor=actor, values=values, reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        return services.update_target(record, changes, actor=actor,
                                      expected_version=expected_version, reason=reason)

    @extend_schema(request=ActualValueSerializer, responses={201: ActualValueSerializer})
    @action(detail=True, methods=["post"], url_path="actual-values")
    def actual_values(self, request, pk=None):
        """Record an actual value on one basis (the reporting side's secretariat)."""
        target = self.get_object()
        incoming = ActualValueSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        actual = services.record_actual_value(
            target, actor=request.user, values=dict(incoming.validated_data),
            reason=self.change_reason,
        )
        return Response(ActualValueSerializer(actual).data, status=status.HTTP_201_CREATED)


class IndicatorTargetSerializer(serializers.ModelSerializer):
    actual_values = ActualValueSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        list_serializer_class = VisibleListSerializer
        fields = ["id", "title_en", "title_ru", "target_value", "target_year", "horizon",
                  "assumed_year", "actual_values"]


class IndicatorSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    targets = IndicatorTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "version", "code", "name_en", "name_ru", "unit", "unit_ru", "unit_kk",
                  "unit_uz", "definition_en", "definition_ru",
                  "trade_metric", "reporter_iso", "partner_iso", "targets"]


class IndicatorViewSet(RegistryViewSet):
    """Indicators, each with the targets set on it (those the caller may see) and their values."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    tier_field = None
    ordering = ["code"]

    def get_queryset(self):
        targets = visible(self.request.user, Target.objects.all()).prefetch_related(
            Prefetch("actual_values",
                     queryset=ActualValue.objects.select_related("reporting_side"))
        )
        return super().get_queryset().prefetch_related(Prefetch("targets", queryset=targets))

    def save_new(self, values, *, actor, reason):
        return services.create_indicator(actor=actor, values=values, reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        return services.update_indicator(record, changes, actor=actor,
                                         expected_version=expected_version, reason=reason)


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("targets", TargetViewSet, basename="target")
