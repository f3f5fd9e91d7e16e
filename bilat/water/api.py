"""REST API of water accounting, under /api/v1/water/: the batch door, sites, series, volumes,
season use, bulletins with approvals, alerts, conflicting revisions to review."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers, serializers, status
from rest_framework.exceptions import NotAuthenticated, ParseError, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bilat.accounts.policy import visible
from bilat.core.api import ApiRouter
from bilat.core.parsers import JSONParser
from bilat.directory.models import Side

from . import allocation, allocation_api, bulletin, services
from .models import Alert, SeasonLimit, Series, Site
from .parsing import ParseError as RowsParseError
from .parsing import Row, rows_from_csv
from .periods import Dekada
from .volumes import flow_series, season_report

MAX_READINGS = 50_000


class CSVParser(parsers.BaseParser):
    """A CSV body (text/csv), handed to the view as text."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None) -> str:
        try:
            text = stream.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ParseError("A CSV body must be UTF-8.") from exc
        if "\x00" in text:
            raise ParseError("A CSV body must not hold a NUL character.")
        return text


class ReadingInSerializer(serializers.Serializer):
    series = serializers.CharField(max_length=80)
    time = serializers.CharField(max_length=40, help_text="ISO 8601; without an offset: the "
                                                          "site's local time.")
    value = serializers.FloatField()


class BatchInSerializer(serializers.Serializer):
    batch_id = serializers.CharField(max_length=180, required=False, allow_blank=True,
                                     help_text="Idempotency key: the same id gets the first "
                                               "answer.")
    readings = ReadingInSerializer(many=True, max_length=MAX_READINGS)


class RejectedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    reason = serializers.CharField()


class BatchAnswerSerializer(serializers.Serializer):
    batch_id = serializers.CharField()
    new = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    conflict = serializers.IntegerField()
    rejected = serializers.IntegerField()
    rejected_rows = RejectedRowSerializer(many=True)


def _batch_from_json(data, batch_id: str) -> tuple[str, list[Row]]:
    """The batch id and rows of a JSON body, checked as BatchInSerializer would check them
    (the same errors, by field and index) without building a serializer per reading: a batch
    holds thousands."""
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": ["Expected an object."]})
    given = data.get("batch_id", "")
    if given is not None and not isinstance(given, str):
        raise serializers.ValidationError({"batch_id": ["Not a valid string."]})
    readings = data.get("readings")
    if not isinstance(readings, list):
        raise serializers.ValidationError({"readings": ["A list of readings is required."]})
    if len(readings) > MAX_READINGS:
        raise serializers.ValidationError({"readings": [
            f"Ensure this field has no more than {MAX_READINGS} elements."]})
    rows, errors = [], {}
    append = rows.append
    for i, item in enumerate(readings):
        # What a logger sends, checked with exact types (JSON gives no subclasses): the
        # general checks below, with their messages, only for a row that fails these.
        if type(item) is dict:
            series, time, value = item.get("series"), item.get("time"), item.get("value")
            if (type(series) is str and 0 < len(series) <= 80 and type(time) is str
                    and 0 < len(time) <= 40 and (type(value) is float or type(value) is int)):
                append(Row(i + 1, series, time, value))
                continue
        if not isinstance(item, dict):
            errors[i] = {"non_field_errors": ["Expected an object."]}
            continue
        series, time, value = item.get("series"), item.get("time"), item.get("value")
        problems = {}
        if not isinstance(series, str) or not series or len(series) > 80:
            problems["series"] = ["A series code of at most 80 characters is required."]
        if not isinstance(time, str) or not time or len(time) > 40:
            problems["time"] = ["An ISO 8601 time of at most 40 characters is required."]
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems["value"] = ["A valid number is required."]
        if problems:
            errors[i] = problems
            continue
        rows.append(Row(i + 1, series, time, value))
    if errors:
        raise serializers.ValidationError({"readings": {
            str(i): e for i, e in list(errors.items())[:20]}})
    return (given or batch_id), rows


class BatchView(APIView):
    """Send readings (JSON, or CSV with ``?batch_id=``): counts of new, duplicate, conflict and
    rejected rows, and each rejected row with its reason. 201 for a new batch, 200 for a batch
    id already answered (the first answer again)."""

    parser_classes: ClassVar[list] = [JSONParser, CSVParser]

    @extend_schema(
        request={"application/json": BatchInSerializer, "text/csv": OpenApiTypes.STR},
        parameters=[OpenApiParameter("batch_id", OpenApiTypes.STR, OpenApiParameter.QUERY,
                                     description="Idempotency key of a CSV body.")],
        responses={200: BatchAnswerSerializer, 201: BatchAnswerSerializer},
    )
    def post(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        with services.collection_paused():  # the body's readings too, parsed and checked
            return self._post(request)

    def _post(self, request: Request) -> Response:
        batch_id = request.query_params.get("batch_id", "")
        if isinstance(request.data, str):
            try:
                rows = rows_from_csv(request.data)
            except RowsParseError as exc:
                raise serializers.ValidationError({"body": [str(exc)]}) from exc
        else:
            batch_id, rows = _batch_from_json(request.data, batch_id)
        if len(rows) > MAX_READINGS or len(batch_id) > 180 or "\x00" in batch_id:
            raise serializers.ValidationError({"readings": [
                f"At most {MAX_READINGS} readings and a batch id of 180 characters."]})
        outcome = services.ingest(rows, actor=request.user, door="api",
                                  batch_id=f"api:{batch_id}" if batch_id else "")
        answer = outcome.as_dict()
        if batch_id:
            answer["batch_id"] = batch_id
        code = status.HTTP_200_OK if outcome.replayed else status.HTTP_201_CREATED
        return Response(BatchAnswerSerializer(answer).data, status=code)


class SiteSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Site
        fields = ["code", "name", "name_en", "name_ru", "kind", "side", "latitude", "longitude",
                  "is_approximate", "provenance"]


class SiteList(APIView):
    """Every water site with its coordinates and operating side."""

    @extend_schema(responses=SiteSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(SiteSerializer(Site.objects.select_related("side"), many=True).data)


class SeriesSerializer(serializers.ModelSerializer):
    site = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner_side = serializers.SlugRelatedField(slug_field="code", read_only=True)
    shared_with = serializers.SlugRelatedField(slug_field="code", read_only=True, many=True)

    class Meta:
        model = Series
        fields = ["code", "site", "parameter", "unit", "step_seconds", "statistic",
                  "processing_level", "source", "owner_side", "shared_with", "access_tier"]


class SeriesList(APIView):
    """The series the caller may read."""

    @extend_schema(responses=SeriesSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs = visible(request.user, Series.objects.select_related("site", "owner_side")
                     .prefetch_related("shared_with").order_by("code"))
        return Response(SeriesSerializer(qs, many=True).data)


class VolumeSerializer(serializers.Serializer):
    period = serializers.CharField()
    volume_mm3 = serializers.FloatField(allow_null=True)
    coverage = serializers.FloatField()
    status = serializers.ChoiceField(["complete", "measured", "estimate", "missing"])
    readings = serializers.IntegerField()
    good = serializers.IntegerField()
    suspect = serializers.IntegerField()
    poor = serializers.IntegerField()
    gaps = serializers.IntegerField()
    conflicts = serializers.IntegerField()


class SeasonReportSerializer(serializers.Serializer):
    site = serializers.CharField()
    series = serializers.CharField()
    season = serializers.CharField()
    year = serializers.IntegerField()
    unit = serializers.CharField()
    min_coverage = serializers.FloatField()
    dekadas = VolumeSerializer(many=True)
    months = VolumeSerializer(many=True)
    total = VolumeSerializer()


class SeasonQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    season = serializers.ChoiceField(["growing", "non_growing"], default="growing")


SEASON_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True),
    OpenApiParameter("season", OpenApiTypes.STR, OpenApiParameter.QUERY,
                     enum=["growing", "non_growing"]),
]


def _season(request: Request) -> dict[str, Any]:
    query = SeasonQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


class SiteVolumes(APIView):
    """A site's volumes per dekada, month and season, with coverage and quality counts."""

    @extend_schema(parameters=SEASON_PARAMETERS, responses=SeasonReportSerializer)
    def get(self, request: Request, code: str) -> Response:
        q = _season(request)
        site = get_object_or_404(Site.objects.select_related("side"), code=code)
        series = flow_series(site, visible(request.user, Series.objects.all()))
        if series is None:
            return Response({"detail": "No series of this site is open to you."},
                            status=status.HTTP_404_NOT_FOUND)
        return Response(SeasonReportSerializer(season_report(series, q["year"], q["season"])).data)


class MonthLineSerializer(serializers.Serializer):
    period = serializers.CharField()
    planned_mm3 = serializers.FloatField(allow_null=True, help_text="The month's own plan.")
    dekada_plans_mm3 = serializers.FloatField(source="dekada_planned_mm3", allow_null=True,
                                              help_text="The sum of its dekada plans.")
    plans_disagree = serializers.BooleanField()
    actual_mm3 = serializers.FloatField(allow_null=True)
    deviation_mm3 = serializers.FloatField(allow_null=True)
    status = serializers.CharField()


class SeasonUseSerializer(serializers.Serializer):
    party = serializers.CharField(source="limit.side.code")
    site = serializers.CharField(source="limit.site.code")
    kind = serializers.CharField(source="limit.kind")
    limit_mm3 = serializers.FloatField(source="limit.limit_mm3")
    limit_provenance = serializers.CharField(source="limit.provenance")
    planned_mm3 = serializers.FloatField()
    measured_mm3 = serializers.FloatField()
    share_of_limit = serializers.FloatField(allow_null=True)
    coverage = serializers.FloatField(source="total.coverage", default=0.0)
    months = MonthLineSerializer(many=True)


class SeasonUseList(APIView):
    """Each party's use of its season limits, from the series the caller may read."""

    @extend_schema(parameters=SEASON_PARAMETERS, responses=SeasonUseSerializer(many=True))
    def get(self, request: Request) -> Response:
        q = _season(request)
        series_qs = visible(request.user, Series.objects.all())
        uses = []
        for limit in SeasonLimit.objects.filter(year=q["year"], season=q["season"]) \
                .select_related("side", "site__side").prefetch_related("plans"):
            if flow_series(limit.site, series_qs) is not None:
                uses.append(allocation.season_use(limit, series_qs=series_qs))
        return Response(SeasonUseSerializer(uses, many=True).data)


class BulletinRowSerializer(serializers.Serializer):
    party = serializers.CharField()
    site = serializers.CharField()
    kind = serializers.CharField()
    planned_mm3 = serializers.FloatField(allow_null=True)
    actual_mm3 = serializers.FloatField(allow_null=True)
    deviation_mm3 = serializers.FloatField(allow_null=True)
    status = serializers.CharField()
    coverage = serializers.FloatField()
    volume_status = serializers.CharField()
    good = serializers.IntegerField()
    suspect = serializers.IntegerField()
    poor = serializers.IntegerField()
    gaps = serializers.IntegerField()
    season_measured_mm3 = serializers.FloatField(allow_null=True)
    season_limit_mm3 = serializers.FloatField(allow_null=True)


class ApprovalStateSerializer(serializers.Serializer):
    party = serializers.CharField()
    state = serializers.ChoiceField(["approved", "reopened", "pending"])
    approved_by = serializers.CharField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


class BulletinSerializer(serializers.Serializer):
    dekada = serializers.CharField()
    digest = serializers.CharField()
    rows = BulletinRowSerializer(many=True)
    approvals = ApprovalStateSerializer(many=True)


def _dekada(period: str) -> Dekada:
    try:
        return Dekada.parse(period)
    except ValueError as exc:
        raise serializers.ValidationError({"period": [str(exc)]}) from exc


def _bulletin_data(dekada: Dekada) -> dict:
    rows = bulletin.bulletin_rows(dekada)
    states = bulletin.approvals(str(dekada), rows)
    return {
        "dekada": str(dekada), "digest": bulletin.digest(rows),
        "rows": [r.as_dict() for r in rows],
        "approvals": [{"party": code, "state": s["state"],
                       "approved_by": s["approval"].approved_by.get_username()
                       if s["approval"] else None,
                       "approved_at": s["approval"].approved_at if s["approval"] else None}
                      for code, s in states.items()],
    }


class BulletinDetail(APIView):
    """The dekada bulletin (YYYY-MM-N): plan against actual per party and site, approvals."""

    @extend_schema(responses=BulletinSerializer)
    def get(self, request: Request, period: str) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        return Response(BulletinSerializer(_bulletin_data(_dekada(period))).data)


class ApproveInSerializer(serializers.Serializer):
    side = serializers.SlugRelatedField(slug_field="code", queryset=Side.objects.all())
    digest = serializers.CharField(max_length=64, help_text=(
        "The bulletin's digest as read (its version): 409 if the figures changed since."))


class StaleDigestSerializer(serializers.Serializer):
    digest = serializers.ListField(child=serializers.CharField())
    current_digest = serializers.CharField()


class BulletinApprove(APIView):
    """Approve a dekada's figures as they stand, for one party (its water authority or its
    secretariat); a later change reopens it."""

    @extend_schema(request=ApproveInSerializer,
                   responses={201: BulletinSerializer, 409: StaleDigestSerializer})
    def post(self, request: Request, period: str) -> Response:
        dekada = _dekada(period)
        data = ApproveInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            bulletin.approve_bulletin(str(dekada), side=data.validated_data["side"],
                                      actor=request.user,
                                      expected_digest=data.validated_data["digest"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except bulletin.StaleFiguresError as exc:
            return Response({"digest": [str(exc)], "current_digest": exc.current},
                            status=status.HTTP_409_CONFLICT)
        return Response(BulletinSerializer(_bulletin_data(dekada)).data,
                        status=status.HTTP_201_CREATED)


class AlertSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="limit.side.code")
    site = serializers.CharField(source="limit.site.code")
    acknowledged_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Alert
        fields = ["id", "party", "site", "period", "level", "planned_mm3", "actual_mm3",
                  "raised_at", "acknowledged_by", "acknowledged_at"]


class AlertList(APIView):
    """Deviation alerts, newest first (signed-in users)."""

    @extend_schema(responses=AlertSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        alerts = Alert.objects.select_related("limit__side", "limit__site", "acknowledged_by")
        return Response(AlertSerializer(alerts[:500], many=True).data)


class AlertAcknowledge(APIView):
    """Acknowledge an alert for its party; the first acknowledgement stands (a second changes
    nothing), so the action needs no version."""

    @extend_schema(request=None, responses=AlertSerializer)
    def post(self, request: Request, alert_id: int) -> Response:
        alert = get_object_or_404(Alert.objects.select_related("limit__side", "limit__site"),
                                  pk=alert_id)
        try:
            allocation.acknowledge_alert(alert, actor=request.user)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(AlertSerializer(alert).data)


class RevisionSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    value = serializers.FloatField()
    is_current = serializers.BooleanField()
    needs_review = serializers.BooleanField()
    batch_id = serializers.CharField(source="batch.client_batch_id", allow_null=True,
                                     default=None)


class ConflictSerializer(serializers.Serializer):
    series = serializers.CharField(source="series.code")
    time = serializers.DateTimeField(source="at")
    latest = serializers.IntegerField(help_text="The newest revision: send it back to decide.")
    revisions = RevisionSerializer(many=True)


class ResolveInSerializer(serializers.Serializer):
    series = serializers.CharField(max_length=80)
    time = serializers.DateTimeField()
    revision = serializers.IntegerField(min_value=0, help_text="The revision accepted.")
    latest = serializers.IntegerField(min_value=0, help_text=(
        "The newest revision as read (the version): 409 if another came in since."))
    reason = serializers.CharField(max_length=500)


class StaleRevisionsSerializer(serializers.Serializer):
    latest = serializers.ListField(child=serializers.CharField())
    current_latest = serializers.IntegerField()


class ConflictList(APIView):
    """Readings with conflicting revisions to review, of the series the caller may read."""

    @extend_schema(responses=ConflictSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        items = services.conflicts(visible(request.user, Series.objects.select_related(
            "site__side")))
        return Response(ConflictSerializer(items, many=True).data)


class ConflictResolve(APIView):
    """Accept one revision of a conflicting reading as its current value, with a reason (the
    owning side's water officers); its dekadas are recomputed and the change log keeps it."""

    error_codes: ClassVar[tuple] = ("404",)  # a series the caller may not read, or no such one

    @extend_schema(request=ResolveInSerializer,
                   responses={200: ConflictSerializer, 409: StaleRevisionsSerializer})
    def post(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = ResolveInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        series = get_object_or_404(visible(request.user, Series.objects.select_related(
            "site__side")), code=d["series"])
        try:
            services.resolve_conflict(series, d["time"], d["revision"], actor=request.user,
                                      reason=d["reason"], latest=d["latest"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.ConflictChangedError as exc:
            return Response({"latest": [str(exc)], "current_latest": exc.current},
                            status=status.HTTP_409_CONFLICT)
        except ValueError as exc:
            field, _sep, message = str(exc).partition(": ")
            raise serializers.ValidationError({field: [message]}) from exc
        revisions = list(series.readings.filter(at=d["time"]).select_related("batch")
                         .order_by("revision"))
        return Response(ConflictSerializer({
            "series": series, "at": d["time"], "revisions": revisions,
            "latest": revisions[-1].revision}).data)


def register(router: ApiRouter) -> None:
    """Add the water routes to the API router."""
    router.register_view("water/batches/", BatchView, name="water-batches")
    router.register_view("water/sites/", SiteList, name="water-sites")
    router.register_view("water/sites/<str:code>/volumes/", SiteVolumes, name="water-volumes")
    router.register_view("water/series/", SeriesList, name="water-series")
    router.register_view("water/season-use/", SeasonUseList, name="water-season-use")
    router.register_view("water/bulletins/<str:period>/", BulletinDetail, name="water-bulletin")
    router.register_view("water/bulletins/<str:period>/approve/", BulletinApprove,
                         name="water-bulletin-approve")
    router.register_view("water/alerts/", AlertList, name="water-alerts")
    router.register_view("water/conflicts/", ConflictList, name="water-conflicts")
    router.register_view("water/conflicts/resolve/", ConflictResolve,
                         name="water-conflict-resolve")
    router.register_view("water/alerts/<int:alert_id>/acknowledge/", AlertAcknowledge,
                         name="water-alert-acknowledge")
    allocation_api.register(router)
