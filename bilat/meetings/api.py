"""REST API of the meetings app: sessions, and their agenda, attendance and protocol paragraphs.

A part is added by an action on its meeting (``POST /meetings/{id}/agenda-items/``, with the
meeting's version), corrected or removed on its own route (``PATCH``/``DELETE
/agenda-items/{id}/``, with the part's version), through the services the meeting's page uses.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from bilat.accounts.api import (
    RegistryPartViewSet,
    RegistrySerializer,
    RegistryViewSet,
    VisibleSlugRelatedField,
    created_part,
)
from bilat.core.api import ApiRouter, VersionedSerializerMixin
from bilat.directory.models import Sector, Side

from . import services
from .filters import (
    AgendaItemFilterSet,
    AttendanceFilterSet,
    MeetingFilterSet,
    ProtocolParagraphFilterSet,
)
from .models import AgendaItem, Attendance, Meeting, ProtocolParagraph


class MeetingSerializer(VersionedSerializerMixin, RegistrySerializer):
    class Meta:
        model = Meeting
        fields = ["id", "version", "body", "number", "held_on", "place_en", "place_ru", "city",
                  "access_tier", "provenance", "co_chairs", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class AgendaItemSerializer(VersionedSerializerMixin, RegistrySerializer):
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all(),
                                          required=False, allow_null=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "version", "meeting", "number", "title_en", "title_ru", "sector"]
        read_only_fields = ["meeting"]


class AttendanceSerializer(VersionedSerializerMixin, RegistrySerializer):
    side = serializers.SlugRelatedField(slug_field="code", queryset=Side.objects.all())
    person_name = serializers.CharField(source="person.__str__", read_only=True,
                                        help_text="As the meeting's page shows it.")

    class Meta:
        model = Attendance
        fields = ["id", "version", "meeting", "person", "person_name", "side", "role_en",
                  "role_ru"]
        read_only_fields = ["meeting"]


class ProtocolParagraphSerializer(VersionedSerializerMixin, RegistrySerializer):
    meeting = serializers.IntegerField(source="protocol.meeting_id", read_only=True)
    decisions = VisibleSlugRelatedField(
        slug_field="control_number", many=True, read_only=True,
        help_text="The decisions the paragraph made that the caller may see (docs/trace.md).")

    class Meta:
        model = ProtocolParagraph
        fields = ["id", "version", "meeting", "protocol", "number", "text_en", "text_ru",
                  "order", "decisions"]
        read_only_fields = ["protocol", "order"]


class MeetingViewSet(RegistryViewSet):
    """Sessions of the commission and its bodies."""

    queryset = Meeting.objects.prefetch_related("co_chairs")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["held_on", "number"]
    ordering = ["-held_on"]

    def save_new(self, values, *, actor, reason):
        co_chairs = values.pop("co_chairs", [])
        return services.create_meeting(Meeting(**values), actor=actor, co_chairs=co_chairs,
                                       reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        co_chairs = changes.pop("co_chairs", None)
        return services.update_meeting(record, changes, actor=actor,
                                       expected_version=expected_version, co_chairs=co_chairs,
                                       reason=reason)

    @extend_schema(request=AgendaItemSerializer, responses={201: AgendaItemSerializer})
    @action(detail=True, methods=["post"], url_path="agenda-items")
    def agenda_items(self, request, pk=None):
        """Put an item on the session's agenda (secretariat; sends the meeting's version)."""
        meeting = self.get_object()
        return created_part(self, AgendaItemSerializer, lambda values, reason: (
            services.add_agenda_item(meeting, actor=request.user, reason=reason, **values)))

    @extend_schema(request=AttendanceSerializer, responses={201: AttendanceSerializer})
    @action(detail=True, methods=["post"])
    def attendances(self, request, pk=None):
        """Record a person's attendance for a side (secretariat; sends the meeting's version)."""
        meeting = self.get_object()
        return created_part(self, AttendanceSerializer, lambda values, reason: (
            services.record_attendance(meeting, actor=request.user, reason=reason, **values)))

    @extend_schema(request=ProtocolParagraphSerializer,
                   responses={201: ProtocolParagraphSerializer})
    @action(detail=True, methods=["post"])
    def paragraphs(self, request, pk=None):
        """Add a paragraph to the protocol, opened if there is none (secretariat; with version).

        The version sent is the meeting's."""
        meeting = self.get_object()
        return created_part(self, ProtocolParagraphSerializer, lambda values, reason: (
            services.add_meeting_paragraph(meeting, actor=request.user, reason=reason,
                                           **values)))


class MeetingPartViewSet(RegistryPartViewSet):
    update_part = staticmethod(services.update_meeting_part)
    remove_part = staticmethod(services.remove_meeting_part)


class AgendaItemViewSet(MeetingPartViewSet):
    """Agenda items of the sessions the caller may see; PATCH or DELETE one with its version.

    Correcting or removing an item is the secretariat's, as on the meeting's page."""

    queryset = AgendaItem.objects.select_related("sector")
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilterSet
    ordering_fields = ["number"]
    ordering = ["meeting", "number"]


class AttendanceViewSet(MeetingPartViewSet):
    """Who attended the sessions the caller may see, for which side; PATCH or DELETE one.

    Correcting or removing an attendance (with its version) is the secretariat's."""

    queryset = Attendance.objects.select_related("person", "side")
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet
    ordering = ["meeting", "side__order", "pk"]


class ProtocolParagraphViewSet(MeetingPartViewSet):
    """Protocol paragraphs the caller may see, with the decisions each made; PATCH or DELETE one.

    Correcting or removing a paragraph (with its version) is the secretariat's."""

    queryset = ProtocolParagraph.objects.select_related("protocol").prefetch_related("decisions")
    serializer_class = ProtocolParagraphSerializer
    filterset_class = ProtocolParagraphFilterSet
    ordering = ["protocol", "order", "pk"]


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("attendances", AttendanceViewSet, basename="attendance")
    router.register("protocol-paragraphs", ProtocolParagraphViewSet,
                    basename="protocol-paragraph")
