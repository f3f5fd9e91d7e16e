"""The trace through the API: ``/api/v1/trace/<kind>/<id>/`` answers the same chain as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.core.api import ApiRouter

from .trace import KINDS, record_trace

NODE = inline_serializer("TraceNode", {
    "kind": serializers.CharField(), "id": serializers.IntegerField(),
    "label": serializers.CharField(), "url": serializers.CharField(),
    "detail": serializers.CharField(),
    "children": serializers.ListField(child=serializers.DictField()),
})


class TraceAPIView(APIView):
    """Where a record comes from and what follows from it, as the caller may see it."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH,
                                     enum=list(KINDS)),
                    OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: inline_serializer("Trace", {
            "record": NODE, "up": serializers.ListField(child=serializers.ListField(
                child=serializers.DictField())), "down": NODE})},
    )
    def get(self, request, kind: str, pk: int):
        trace = record_trace(kind, int(pk), request.user) if kind in KINDS else None
        if trace is None:
            raise NotFound()
        return Response({"record": trace.record.as_dict(),
                         "up": [[n.as_dict() for n in chain] for chain in trace.up],
                         "down": trace.down.as_dict()})


def register(router: ApiRouter) -> None:
    router.register_view("trace/<str:kind>/<int:pk>/", TraceAPIView, name="trace")
