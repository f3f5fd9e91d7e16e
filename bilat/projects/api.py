"""REST API of the projects app: projects, portfolio rules (with their computed totals), figures."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bilat.accounts.api import (
    RegistrySerializer,
    RegistryViewSet,
    VisibleIdListField,
    VisibleSlugRelatedField,
)
from bilat.accounts.policy import actor_of, reader_of, visible
from bilat.core.api import ApiRouter, VersionedSerializerMixin
from bilat.core.models import AccessTier
from bilat.decisions.models import Decision
from bilat.directory.models import Sector, Side

from . import services
from .filters import PortfolioFigureFilterSet, ProjectFilterSet
from .forms import PROJECT_FIELDS
from .models import (
    Milestone,
    PortfolioFigure,
    PortfolioRule,
    Project,
    ProjectLocation,
    ProjectPartner,
)


class ProjectLocationSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ProjectLocation
        fields = ["id", "side", "region_en", "region_ru", "place_en", "place_ru", "latitude",
                  "longitude"]


class ProjectPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    side = serializers.SerializerMethodField()

    class Meta:
        model = ProjectPartner
        fields = ["id", "organisation", "role", "side"]

    def get_side(self, obj) -> str | None:
        return obj.organisation.side.code if obj.organisation.side_id else None


class MilestoneSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "side", "title_en", "title_ru", "due_on", "status", "progress_pct"]


class ProjectSerializer(VersionedSerializerMixin, RegistrySerializer):
    sector = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), required=False, allow_null=True
    )
    launched_by = VisibleSlugRelatedField(
        slug_field="control_number", many=True, queryset=Decision.objects.all(), required=False
    )
    locations = ProjectLocationSerializer(many=True, read_only=True)
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = ["id", "version", *PROJECT_FIELDS, "locations", "partners", "milestones",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class ProgressSerializer(serializers.Serializer):
    side = serializers.SlugRelatedField(
        slug_field="code", queryset=Side.objects.all(), required=False,
        help_text="The side reported for; defaults to the user's own side.",
    )
    progress_pct = serializers.IntegerField(min_value=0, max_value=100, required=False,
                                            allow_null=True)
    jobs_created = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    value_invested = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0,
                                              required=False, allow_null=True)


class ProjectViewSet(RegistryViewSet):
    """Joint projects, with their locations, partners and milestones."""

    queryset = Project.objects.select_related("sector", "parent").prefetch_related(
        "locations__side", "milestones__side",
        Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation__side")),
        "launched_by",
    )
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["code", "title_en", "value_planned_usd", "jobs_planned", "stage"]
    ordering = ["code"]

    def save_new(self, values, *, actor, reason):
        launched_by = values.pop("launched_by", [])
        return services.create_project(actor=actor, values=values, launched_by=launched_by,
                                       reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        launched_by = changes.pop("launched_by", None)
        return services.update_project(record, changes, actor=actor,
                                       expected_version=expected_version,
                                       launched_by=launched_by, reason=reason)

    @extend_schema(request=ProgressSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Report progress, jobs created and investment for one side's part (CHANGE_SIDE)."""
        project = self.get_object()
        incoming = ProgressSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        side = data.pop("side", None)
        side_id = side.pk if side else actor_of(request.user).side_id
        project = services.report_project_progress(
            project, data, actor=request.user, side_id=side_id,
            expected_version=self.checked_version, reason=self.change_reason,
        )
        return Response(ProjectSerializer(project, context={"request": request}).data,
                        status=status.HTTP_200_OK)


class PortfolioFigureSerializer(RegistrySerializer):
    rule = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reported_by = serializers.SlugRelatedField(slug_field="code", read_only=True)
    project_ids = VisibleIdListField(
        model=Project, read_only=True,
        help_text="The projects counted that the caller may see (the count is the figure's).",
    )

    class Meta:
        model = PortfolioFigure
        fields = ["id", "rule", "origin", "as_of", "access_tier", "project_count", "value_usd",
                  "jobs", "project_ids", "reported_by", "source", "reported_on", "provenance",
                  "note", "created_at"]


class PortfolioTotalsSerializer(serializers.Serializer):
    project_count = serializers.IntegerField()
    value_usd = serializers.DecimalField(max_digits=20, decimal_places=2)
    jobs = serializers.IntegerField()
    project_ids = serializers.ListField(child=serializers.IntegerField())
    value_missing = serializers.IntegerField()
    jobs_missing = serializers.IntegerField()


class PortfolioRuleSerializer(serializers.ModelSerializer):
    computed = serializers.SerializerMethodField()

    class Meta:
        model = PortfolioRule
        fields = ["id", "code", "title_en", "title_ru", "kinds", "stages", "jobs_basis",
                  "value_basis", "as_of", "description", "computed"]

    @extend_schema(responses=PortfolioTotalsSerializer)
    def get_computed(self, rule) -> dict:
        request = self.context.get("request")
        # Counted over what the caller may see; without a request, what the public may see.
        user = request.user if request else reader_of(AccessTier.PUBLIC)
        totals = services.compute_portfolio(rule, user=user)
        return PortfolioTotalsSerializer(totals).data


class PortfolioRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """Portfolio rules, each with what it counts now over the projects the caller may see."""

    queryset = PortfolioRule.objects.all()
    serializer_class = PortfolioRuleSerializer
    ordering = ["code"]


class PortfolioFigureViewSet(viewsets.ReadOnlyModelViewSet):
    """Reported and stored computed portfolio figures published to the caller's tier."""

    queryset = PortfolioFigure.objects.select_related("rule", "reported_by")
    serializer_class = PortfolioFigureSerializer
    filterset_class = PortfolioFigureFilterSet
    ordering = ["rule__code", "origin", "-reported_on", "-pk"]

    def get_queryset(self):
        return visible(self.request.user, super().get_queryset())


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("projects", ProjectViewSet, basename="project")
    router.register("portfolio-rules", PortfolioRuleViewSet, basename="portfolio-rule")
    router.register("portfolio-figures", PortfolioFigureViewSet, basename="portfolio-figure")

