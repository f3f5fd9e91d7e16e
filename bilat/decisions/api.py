"""REST API of the decisions app: the registry, and its transitions as explicit actions."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bilat.accounts.api import RegistrySerializer, RegistryViewSet
from bilat.accounts.policy import visible
from bilat.core.api import ApiRouter, VersionCheckedMixin, VersionedSerializerMixin
from bilat.directory.models import Organisation

from . import control_views, services
from .control_views import DisciplineAPIView
from .filters import DecisionFilterSet
from .models import DeadlineExtension, Decision, DecisionSide, ExecutionReport


class EvidenceFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()


class ExecutionReportSerializer(serializers.ModelSerializer):
    submitted_by = serializers.StringRelatedField()
    verified_by = serializers.StringRelatedField()
    evidence = EvidenceFileSerializer(many=True, read_only=True)
    side = serializers.CharField(source="decision_side.side.code", read_only=True)

    class Meta:
        model = ExecutionReport
        fields = ["id", "version", "side", "as_of", "text", "submitted_by", "submitted_at",
                  "verification", "verified_by", "verified_at", "return_reason", "evidence"]
        read_only_fields = fields


class DeadlineExtensionSerializer(serializers.ModelSerializer):
    requested_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = DeadlineExtension
        fields = ["id", "version", "requested_by", "requested_at", "reason", "proposed_on",
                  "previous_due_on", "state", "decided_by", "decided_at", "decision_note"]
        read_only_fields = fields


class DecisionSideSerializer(serializers.ModelSerializer):
    side = serializers.CharField(source="side.code")
    lead = serializers.SlugRelatedField(slug_field="code", read_only=True)
    co_executors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    reports = ExecutionReportSerializer(many=True, read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = DecisionSide
        fields = ["id", "side", "lead", "co_executors", "status", "due_on", "is_overdue",
                  "reports"]
        read_only_fields = fields


class DecisionSerializer(VersionedSerializerMixin, RegistrySerializer):
    sides = DecisionSideSerializer(many=True, read_only=True)
    joint_status = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id", "version", "control_number", "source_kind", "meeting", "paragraph",
            "source_number", "source_date", "paragraph_ref", "title_en", "title_ru", "text_en",
            "text_ru", "signed_language", "sector", "access_tier", "deadline_type", "issued_on",
            "due_on", "control_state", "removed_on", "removal_basis", "provenance",
            "joint_status", "is_overdue", "sides", "created_at", "updated_at",
        ]
        read_only_fields = ["control_state", "removed_on", "removal_basis", "created_at",
                            "updated_at"]


class ReportSubmitSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    text = serializers.CharField()
    evidence = serializers.ListField(child=serializers.FileField(), required=False)


class SideStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DecisionSide.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SideExecutorsSerializer(serializers.Serializer):
    lead = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(),
                                        allow_null=True)
    co_executors = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), many=True, required=False)


class ExtensionRequestSerializer(serializers.Serializer):
    proposed_on = serializers.DateField()
    reason = serializers.CharField()


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    return_reason = serializers.CharField()


class RefuseSerializer(serializers.Serializer):
    decision_note = serializers.CharField()


class RemovalSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    removal_basis = serializers.CharField()


class RestoreSerializer(serializers.Serializer):
    reason = serializers.CharField()


def _parse(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class DecisionViewSet(RegistryViewSet):
    """Decisions with both sides' parts and reports; transitions are explicit actions."""

    queryset = Decision.objects.all()
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    ordering_fields = ["control_number", "due_on", "issued_on"]
    ordering = ["control_number"]

    def get_queryset(self):
        return super().get_queryset().with_sides().select_related("paragraph__protocol")

    def save_new(self, values, *, actor, reason):
        return services.adopt_decision(Decision(**values), actor=actor, reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        return services.update_decision(record, changes, actor=actor,
                                        expected_version=expected_version, reason=reason)

    def _part(self, side_code) -> DecisionSide:
        decision = self.get_object()
        return get_object_or_404(decision.sides.select_related("side", "decision"),
                                 side__code=side_code.upper())

    def _card(self, decision, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(DecisionSerializer(fresh, context=self.get_serializer_context()).data,
                        status=code)

    @extend_schema(request=ReportSubmitSerializer, responses={201: ExecutionReportSerializer})
    @action(detail=True, methods=["post"], url_path=r"sides/(?P<side_code>[A-Za-z]{2})/reports")
    def reports(self, request, pk=None, side_code=None):
        """Submit one side's execution report (multipart for evidence files)."""
        part = self._part(side_code)
        data = _parse(ReportSubmitSerializer, request)
        files = data.get("evidence") or request.FILES.getlist("evidence")
        report = services.submit_report(part, actor=request.user, as_of=data["as_of"],
                                        text=data["text"], files=files)
        return Response(ExecutionReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SideStatusSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"], url_path=r"sides/(?P<side_code>[A-Za-z]{2})/status")
    def side_status(self, request, pk=None, side_code=None):
        """Move one side's part to a new status."""
        part = self._part(side_code)
        data = _parse(SideStatusSerializer, request)
        services.set_side_status(part, data["status"], actor=request.user, reason=data["reason"])
        return self._card(part.decision)

    @extend_schema(request=SideExecutorsSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"],
            url_path=r"sides/(?P<side_code>[A-Za-z]{2})/executors")
    def side_executors(self, request, pk=None, side_code=None):
        """Name one side's lead organisation and co-executors (by organisation code)."""
        part = self._part(side_code)
        data = _parse(SideExecutorsSerializer, request)
        services.set_side_executors(part, actor=request.user, lead=data["lead"],
                                    co_executors=data.get("co_executors", []))
        return self._card(part.decision)

    @extend_schema(request=ExtensionRequestSerializer,
                   responses={201: DeadlineExtensionSerializer})
    @action(detail=True, methods=["post"],
            url_path=r"sides/(?P<side_code>[A-Za-z]{2})/extensions")
    def extensions(self, request, pk=None, side_code=None):
        """Ask for more time for one side."""
        part = self._part(side_code)
        data = _parse(ExtensionRequestSerializer, request)
        ext = services.request_extension(part, actor=request.user,
                                         proposed_on=data["proposed_on"], reason=data["reason"])
        return Response(DeadlineExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RemovalSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"], url_path="remove-from-control")
    def remove_from_control(self, request, pk=None):
        """Remove the decision from control, with the date and basis."""
        decision = self.get_object()
        data = _parse(RemovalSerializer, request)
        services.remove_from_control(decision, actor=request.user, removed_on=data["removed_on"],
                                     basis=data["removal_basis"],
                                     expected_version=self.checked_version)
        return self._card(decision)

    @extend_schema(request=RestoreSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"], url_path="restore-to-control")
    def restore_to_control(self, request, pk=None):
        """Put the decision back on control."""
        decision = self.get_object()
        data = _parse(RestoreSerializer, request)
        services.restore_to_control(decision, actor=request.user, reason=data["reason"],
                                    expected_version=self.checked_version)
        return self._card(decision)


class ExecutionReportViewSet(VersionCheckedMixin, mixins.ListModelMixin,
                             mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Execution reports on the decisions the user may see; accept or return them."""

    serializer_class = ExecutionReportSerializer
    filterset_fields = ["verification"]

    def get_queryset(self):
        qs = ExecutionReport.objects.select_related(
            "submitted_by", "verified_by", "decision_side__side").prefetch_related("evidence")
        return visible(self.request.user, qs, tier_field="decision_side__decision__access_tier")

    @extend_schema(request=NoteSerializer, responses=ExecutionReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept the report (secretariat of its side): the side's part is done."""
        data = _parse(NoteSerializer, request)
        report = services.accept_report(self.get_object(), actor=request.user, note=data["note"])
        return Response(ExecutionReportSerializer(report).data)

    @extend_schema(request=ReturnSerializer, responses=ExecutionReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Return the report for revision, with the reason."""
        data = _parse(ReturnSerializer, request)
        report = services.return_report(self.get_object(), actor=request.user,
                                        reason=data["return_reason"])
        return Response(ExecutionReportSerializer(report).data)


class DeadlineExtensionViewSet(VersionCheckedMixin, mixins.ListModelMixin,
                               mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Requests for more time on the decisions the user may see; approve or refuse them."""

    serializer_class = DeadlineExtensionSerializer
    filterset_fields = ["state"]

    def get_queryset(self):
        qs = DeadlineExtension.objects.select_related("requested_by", "decided_by")
        return visible(self.request.user, qs, tier_field="decision_side__decision__access_tier")

    @extend_schema(request=NoteSerializer, responses=DeadlineExtensionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve the request: the side's due date moves."""
        data = _parse(NoteSerializer, request)
        ext = services.approve_extension(self.get_object(), actor=request.user, note=data["note"])
        return Response(DeadlineExtensionSerializer(ext).data)

    @extend_schema(request=RefuseSerializer, responses=DeadlineExtensionSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        """Refuse the request, saying why."""
        data = _parse(RefuseSerializer, request)
        ext = services.refuse_extension(self.get_object(), actor=request.user,
                                        note=data["decision_note"])
        return Response(DeadlineExtensionSerializer(ext).data)


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("reports", ExecutionReportViewSet, basename="report")
    router.register("extensions", DeadlineExtensionViewSet, basename="extension")
    router.register_view("discipline/", DisciplineAPIView, name="discipline")
    router.register("notifications", control_views.NotificationViewSet, basename="notification")
    router.register_view("meetings/<int:pk>/implementation/", control_views.ImplementationAPIView,
                         name="meeting-implementation")
