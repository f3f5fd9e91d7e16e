"""REST API of the meetings app."""


from bilat.accounts.api import RegistrySerializer, RegistryViewSet
from bilat.core.api import ApiRouter, VersionedSerializerMixin

from . import services
from .filters import MeetingFilterSet
from .models import Meeting


class MeetingSerializer(VersionedSerializerMixin, RegistrySerializer):
    class Meta:
        model = Meeting
        fields = ["id", "version", "body", "number", "held_on", "place_en", "place_ru", "city",
                  "access_tier", "provenance", "co_chairs", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class MeetingViewSet(RegistryViewSet):
    """Sessions of the commission and its bodies."""

    queryset = Meeting.objects.prefetch_related("co_chairs")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["held_on", "number"]
    ordering = ["-held_on"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        co_chairs = data.pop("co_chairs", [])
        serializer.instance = services.create_meeting(Meeting(**data), actor=self.request.user,
                                                      co_chairs=co_chairs)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        co_chairs = data.pop("co_chairs", None)
        serializer.instance = services.update_meeting(
            serializer.instance, data, actor=self.request.user, expected_version=expected,
            co_chairs=co_chairs, reason=self.request.headers.get("X-Change-Reason", ""),
        )


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("meetings", MeetingViewSet, basename="meeting")
