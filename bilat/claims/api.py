"""REST API of the claims app: releases with their checked claims, and the claims across them.

``POST /api/v1/claim-documents/`` stores a release (a secretariat): a ``file`` (multipart: text,
HTML, Word or PDF) or its ``text``, with publisher, date, address, language and access tier;
the answer is the document with its claims and verdicts. ``POST …/{id}/recheck/`` checks it
again. ``GET /api/v1/claims/`` lists the claims of every release the caller may see, filtered
like the flagged-claims page (``?verdict=inconsistent``).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bilat.accounts.api import RegistryViewSet, VisiblePrimaryKeyRelatedField
from bilat.accounts.policy import visible
from bilat.core.api import ApiRouter, VersionCheckedMixin
from bilat.core.models import AccessTier

from . import services
from .filters import ClaimFilterSet, DocumentFilterSet
from .models import Claim, Document


class ClaimSerializer(serializers.ModelSerializer):
    document = VisiblePrimaryKeyRelatedField(read_only=True)
    base_period = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "document", "position", "indicator", "value", "unit", "period",
                  "base_period", "qualifier", "countries", "text", "start", "end", "verdict",
                  "explanation", "findings"]

    def get_base_period(self, claim: Claim) -> str | None:
        return claim.base_period or None

    def get_explanation(self, claim: Claim) -> str:
        """The explanation in the request's language."""
        return claim.explained()


class DocumentSerializer(serializers.ModelSerializer):
    claims = ClaimSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "version", "title", "publisher", "published_on", "address", "language",
                  "reporter", "access_tier", "source_format", "file_name", "checked_at", "text",
                  "claims", "created_at", "updated_at"]
        read_only_fields = fields


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(required=False)
    text = serializers.CharField(required=False, trim_whitespace=False)
    source_format = serializers.ChoiceField(choices=Document.Format.choices, required=False)
    title = serializers.CharField(required=False, default="", max_length=300)
    publisher = serializers.CharField(required=False, default="", max_length=200)
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.URLField(required=False, default="", max_length=500)
    language = serializers.ChoiceField(choices=Document.Lang.choices, required=False,
                                       allow_null=True, default=None)
    reporter = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, default="")
    access_tier = serializers.ChoiceField(choices=AccessTier.choices, default=AccessTier.PUBLIC)

    def validate(self, attrs):
        if bool(attrs.get("file")) == bool(attrs.get("text")):
            raise serializers.ValidationError({"file": "Send either a file or the text."})
        return attrs

    def upload(self) -> services.Upload:
        d = dict(self.validated_data)
        file = d.pop("file", None)
        text = d.pop("text", None)
        data = file.read() if file else text.encode("utf-8")
        name = file.name if file else ""
        return services.Upload(data=data, name=name, format=d.pop("source_format", None),
                               reporter=d.pop("reporter", "").upper(), **d)


class RecheckSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Why it is checked again (else X-Change-Reason).")


class DocumentViewSet(RegistryViewSet):
    """Stored releases the caller may see, each with its claims and their verdicts."""

    queryset = Document.objects.prefetch_related("claims")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = ["published_on", "title"]
    ordering = ["-published_on", "-pk"]

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentSerializer})
    def create(self, request, *args, **kwargs):
        """Store a release and check its claims (secretariat)."""
        incoming = DocumentUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        document = services.add_document(incoming.upload(), actor=request.user,
                                          reason=self.change_reason)
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RecheckSerializer, responses={200: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        """Check the release again against today's data and stored releases (secretariat)."""
        incoming = RecheckSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        document = services.recheck_document(
            self.get_object(), actor=request.user,
            reason=self.change_reason or incoming.validated_data["reason"])
        return Response(self.get_serializer(Document.objects.get(pk=document.pk)).data)


class ClaimViewSet(VersionCheckedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   viewsets.GenericViewSet):
    """The claims of every release the caller may see, with their verdicts (read only)."""

    queryset = Claim.objects.select_related("document")
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    ordering_fields = ["indicator", "verdict", "position"]
    ordering = ["-document__published_on", "document", "position"]

    def get_queryset(self):
        return visible(self.request.user, super().get_queryset())


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("claim-documents", DocumentViewSet, basename="claim-document")
    router.register("claims", ClaimViewSet, basename="claim")
