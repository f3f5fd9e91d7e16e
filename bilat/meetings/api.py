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

    def save_new(self, values, *, actor, reason):
        co_chairs = values.pop("co_chairs", [])
        return services.create_meeting(Meeting(**values), actor=actor, co_chairs=co_chairs,
                                       reason=reason)

    def save_changes(self, record, changes, *, actor, expected_version, reason):
        co_chairs = changes.pop("co_chairs", None)
        return services.update_meeting(record, changes, actor=actor,
                                       expected_version=expected_version, co_chairs=co_chairs,
                                       reason=reason)


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("meetings", MeetingViewSet, basename="meeting")
