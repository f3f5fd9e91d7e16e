"""The change log through the API: read it, and check its hash chain."""

from django.utils.translation import gettext_lazy as _
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import ApiRouter
from .changelog import may_read_whole_log, verify_chain
from .filters import ChangeLogFilterSet
from .models import ChangeLogEntry


class ChangeLogEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ChangeLogEntry
        fields = [
            "seq", "at", "actor_label", "request_id", "channel", "action", "object_type",
            "object_id", "object_repr", "before", "after", "reason", "prev_hash", "hash",
        ]


class ReadsWholeLog(permissions.BasePermission):
    message = _("The whole change log is open to the secretariats and administrators.")

    def has_permission(self, request, view):
        return may_read_whole_log(request.user)


class ChangeLogList(generics.ListAPIView):
    """Every write, newest first (secretariats, administrators); filter by object and action."""

    serializer_class = ChangeLogEntrySerializer
    permission_classes = [permissions.IsAuthenticated, ReadsWholeLog]
    filterset_class = ChangeLogFilterSet
    ordering_fields = ["seq"]

    def get_queryset(self):
        return ChangeLogEntry.objects.order_by("-seq")


class ChainReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField()
    head_hash = serializers.CharField()
    problem_count = serializers.IntegerField(help_text="Every problem found.")
    problems = serializers.ListField(child=serializers.CharField(),
                                     help_text="The first 20 problems, described.")


class ChangeLogVerify(APIView):
    """Recompute the hash chain; ``ok`` is false and ``problems`` lists what was altered."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ChainReportSerializer

    def get(self, request):
        report = verify_chain()
        return Response(
            {"ok": report.ok, "checked": report.checked, "head_hash": report.head_hash,
             "problem_count": report.problem_count, "problems": report.problems}
        )


def register(router: ApiRouter) -> None:
    """Add the change log's routes to the API router."""
    router.register_view("changes/", ChangeLogList, name="api-changes")
    router.register_view("changes/verify/", ChangeLogVerify, name="api-changes-verify")
