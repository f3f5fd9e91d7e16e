"""REST API of the briefings: snapshots of the figures and their packs, as the pages give them.

- ``GET /api/v1/snapshots/`` and ``/api/v1/snapshots/{id}/``: frozen snapshots with their figures
  (signed-in callers; each snapshot as the policy shows it);
- ``GET /api/v1/snapshots/{id}/pack/?lang=en|ru|kk|uz&file_format=md|html|docx|pdf``: its briefing pack;
- ``POST /api/v1/snapshots/`` ``{"meeting": id}``: freeze (or reuse) the meeting's snapshot in
  the caller's name, as the pages' download buttons do, and answer it.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bilat.accounts.api import VisiblePrimaryKeyRelatedField
from bilat.accounts.policy import Action, require, shown_all, visible
from bilat.core.api import ApiRouter
from bilat.meetings.models import Meeting

from . import services
from .forms import LANGUAGES, PackForm
from .models import Snapshot, SnapshotFigure
from .render import CONTENT_TYPES


class SnapshotFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = SnapshotFigure
        fields = ["key", "value", "text", "unit", "period", "basis", "source", "rule",
                  "provenance", "inputs", "qualifier"]


class SnapshotSerializer(serializers.ModelSerializer):
    figures = SnapshotFigureSerializer(many=True, read_only=True)
    meeting = VisiblePrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Snapshot
        fields = ["id", "meeting", "as_of", "created_at", "content_hash", "figures"]


class FreezeSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(help_text="The meeting whose figures are frozen.")


class SnapshotViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Frozen snapshots of a meeting's figures, each the source of its briefing packs."""

    serializer_class = SnapshotSerializer
    permission_classes = [IsAuthenticated]
    queryset = Snapshot.objects.none()
    lookup_value_regex = r"[0-9]+"  # anything else is not a snapshot: 404, never a server error

    def get_queryset(self):
        return Snapshot.objects.select_related("meeting").prefetch_related("figures").order_by(
            "-as_of", "-created_at", "-pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(shown_all(request.user, self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        snapshot = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        require(self.request.user, Action.VIEW, snapshot)
        return snapshot

    @extend_schema(request=FreezeSerializer, responses={201: SnapshotSerializer})
    def create(self, request, *args, **kwargs):
        """Freeze a meeting's figures for its briefing in the caller's name (or reuse the latest
        snapshot when nothing moved), as the pages' download buttons do."""
        body = FreezeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = visible(request.user, Meeting.objects.all()).filter(
            pk=body.validated_data["meeting"]).first()
        if meeting is None:
            raise ValidationError({"meeting": ["No such meeting open to you."]})
        require(request.user, Action.BRIEF, meeting)
        snapshot = services.snapshot_for(meeting, actor=request.user)
        return Response(self.get_serializer(snapshot).data, status=201)

    @extend_schema(
        parameters=[OpenApiParameter("lang", OpenApiTypes.STR, enum=[code for code, _n in LANGUAGES],
                                     description="The pack's language (default: the "
                                                 "reader's)."),
                    OpenApiParameter("file_format", OpenApiTypes.STR,
                                     enum=["md", "html", "docx", "pdf"],
                                     description="The pack's format (default: pdf)."),
                    ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def pack(self, request, pk=None):
        """The snapshot's briefing pack in one language and format."""
        snapshot = self.get_object()
        # "format" is DRF's own content-negotiation parameter: the pack's is "file_format".
        form = PackForm({"lang": request.query_params.get("lang", ""),
                         "format": request.query_params.get("file_format", "")})
        if not form.is_valid():
            raise ValidationError(form.errors)
        lang, fmt = form.choice()
        data = services.produce_briefing(snapshot, lang=lang, fmt=fmt, hand_off=True)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="briefing-{snapshot.pk}-{lang}.{fmt}"')
        return response


def register(router: ApiRouter) -> None:
    router.register("snapshots", SnapshotViewSet, basename="snapshot")
