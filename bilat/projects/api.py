"""REST API of the projects app: projects, portfolio rules (with their computed totals), figures."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bilat.accounts.api import (
    RegistryPartViewSet,
    RegistrySerializer,
    RegistryViewSet,
    VisibleIdListField,
    VisibleSlugRelatedField,
    created_part,
)
from bilat.accounts.policy import actor_of, reader_of, visible
from bilat.core.api import ApiRouter, VersionedSerializerMixin
from bilat.core.models import AccessTier
from bilat.decisions.models import Decision
from bilat.directory.models import Organisation, Sector, Side

from . import services
from .filters import (
    MilestoneFilterSet,
    PortfolioFigureFilterSet,
    ProjectFilterSet,
    ProjectLocationFilterSet,
    ProjectPartnerFilterSet,
)
from .forms import PROJECT_FIELDS
from .models import (
    Milestone,
    PortfolioFigure,
    PortfolioRule,
    Project,
    ProjectLocation,
    ProjectPartner,
)


class ProjectLocationSerializer(VersionedSerializerMixin, RegistrySerializer):
    side = serializers.SlugRelatedField(slug_field="code", queryset=Side.objects.all())

    class Meta:
        model = ProjectLocation
        fields = ["id", "version", "project", "side", "region_en", "region_ru", "place_en",
                  "place_ru", "latitude", "longitude", "approximate"]
        read_only_fields = ["project", "approximate"]

    def validate(self, attrs):
        # The rule of the location form (projects/forms.py), for the whole location after a PATCH.
        point = {name: attrs.get(name, getattr(self.instance, name, None))
                 for name in ("latitude", "longitude")}
        if (point["latitude"] is None) != (point["longitude"] is None):
            missing = "longitude" if point["longitude"] is None else "latitude"
            raise serializers.ValidationError({missing: [_("Give both coordinates, or neither.")]})
        return attrs


class ProjectPartnerSerializer(VersionedSerializerMixin, RegistrySerializer):
    organisation = VisibleSlugRelatedField(slug_field="code",
                                           queryset=Organisation.objects.all())
    side = serializers.SerializerMethodField()

    class Meta:
        model = ProjectPartner
        fields = ["id", "version", "project", "organisation", "role", "side"]
        read_only_fields = ["project"]

    def get_side(self, obj) -> str | None:
        return obj.organisation.side.code if obj.organisation.side_id else None


class MilestoneSerializer(VersionedSerializerMixin, RegistrySerializer):
    side = serializers.SlugRelatedField(slug_field="code", queryset=Side.objects.all(),
                                        required=False, allow_null=True,
                                        help_text="Empty for a joint milestone.")

    class Meta:
        model = Milestone
        fields = ["id", "version", "project", "side", "title_en", "title_ru", "due_on",
                  "status", "progress_pct"]
        read_only_fields = ["project", "status", "progress_pct"]


class MilestoneStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Milestone.Status.choices)
    progress_pct = serializers.IntegerField(min_value=0, max_value=100, required=False,
                                            allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


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
        # ``sources``: the sources in the reader's language (read-only; ``sources_en``/``_ru``
        # are written).
        fields = ["id", "version", *PROJECT_FIELDS, "sources", "locations", "partners",
                  "milestones", "created_at", "updated_at"]
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

    @extend_schema(request=ProjectLocationSerializer, responses={201: ProjectLocationSerializer})
    @action(detail=True, methods=["post"])
    def locations(self, request, pk=None):
        """Record where on one side the project is built (secretariat; sends its version)."""
        project = self.get_object()
        return created_part(self, ProjectLocationSerializer, lambda values, reason: (
            services.add_location(project, actor=request.user, values=values, reason=reason)))

    @extend_schema(request=ProjectPartnerSerializer, responses={201: ProjectPartnerSerializer})
    @action(detail=True, methods=["post"])
    def partners(self, request, pk=None):
        """Name an organisation (by code) a partner in a role (secretariat; sends its version)."""
        project = self.get_object()
        return created_part(self, ProjectPartnerSerializer, lambda values, reason: (
            services.add_partner(project, actor=request.user, reason=reason, **values)))

    @extend_schema(request=MilestoneSerializer, responses={201: MilestoneSerializer})
    @action(detail=True, methods=["post"])
    def milestones(self, request, pk=None):
        """Plan a step of the project (secretariat; sends the project's version)."""
        project = self.get_object()
        return created_part(self, MilestoneSerializer, lambda values, reason: (
            services.add_milestone(project, actor=request.user, values=values, reason=reason)))


class ProjectPartViewSet(RegistryPartViewSet):
    update_part = staticmethod(services.update_project_part)
    remove_part = staticmethod(services.remove_project_part)


class ProjectLocationViewSet(ProjectPartViewSet):
    """Where the projects the caller may see are built; PATCH or DELETE one with its version.

    Correcting or removing a location is the secretariat's, as on the project's page."""

    queryset = ProjectLocation.objects.select_related("project", "side")
    serializer_class = ProjectLocationSerializer
    filterset_class = ProjectLocationFilterSet
    ordering = ["project", "side__order", "region_en", "pk"]


class ProjectPartnerViewSet(ProjectPartViewSet):
    """Partners of the projects the caller may see, in their roles; PATCH or DELETE one.

    Correcting or removing a partner (with its version) is the secretariat's."""

    queryset = ProjectPartner.objects.select_related("project", "organisation__side")
    serializer_class = ProjectPartnerSerializer
    filterset_class = ProjectPartnerFilterSet
    ordering = ["project", "organisation__side__order", "role", "pk"]


class MilestoneViewSet(ProjectPartViewSet):
    """Milestones of the projects the caller may see; PATCH or DELETE one with its version.

    Correcting or removing a milestone is the secretariat's; whether it was met, its side's."""

    http_method_names = [*ProjectPartViewSet.http_method_names, "post"]  # its status
    queryset = Milestone.objects.select_related("project", "side")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ["due_on"]
    ordering = ["project", "due_on", "pk"]

    @extend_schema(request=MilestoneStatusSerializer, responses=MilestoneSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Say whether the milestone was met: its side's to report, either side's if joint."""
        milestone = self.get_object()
        incoming = MilestoneStatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        milestone = services.set_milestone_status(
            milestone, actor=request.user, expected_version=self.checked_version,
            status=data["status"], progress_pct=data.get("progress_pct"),
            reason=data["reason"] or self.change_reason)
        return Response(MilestoneSerializer(milestone, context=self.get_serializer_context()).data)


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
                  "jobs", "project_ids", "reported_by", "source", "source_en", "source_ru",
                  "reported_on", "provenance", "note", "note_en", "note_ru", "note_kk",
                  "note_uz", "created_at"]


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
                  "value_basis", "as_of", "description", "description_en", "description_ru",
                  "description_kk", "description_uz", "computed"]

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
    router.register("project-locations", ProjectLocationViewSet, basename="project-location")
    router.register("project-partners", ProjectPartnerViewSet, basename="project-partner")
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("portfolio-rules", PortfolioRuleViewSet, basename="portfolio-rule")
    router.register("portfolio-figures", PortfolioFigureViewSet, basename="portfolio-figure")

