"""The base view set of every registry API: visible records only, writes through services."""

from django.db import transaction
from rest_framework import viewsets

from bilat.core.api import VersionCheckedMixin
from bilat.core.services import create_record, update_record

from .policy import visible


class RegistryViewSet(VersionCheckedMixin, viewsets.ModelViewSet):
    """A registry list/detail API: visible records only, writes through the logged services.

    Every write to an existing record needs the version the client read (VersionCheckedMixin).
    """

    http_method_names = ["get", "post", "patch", "head", "options"]
    tier_field = "access_tier"

    def get_queryset(self):
        qs = super().get_queryset()
        if self.tier_field:
            qs = visible(self.request.user, qs, tier_field=self.tier_field)
        return qs

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        m2m = {f.name: data.pop(f.name) for f in serializer.Meta.model._meta.many_to_many if f.name in data}
        with transaction.atomic():
            serializer.instance = create_record(
                serializer.Meta.model(**data), actor=self.request.user, m2m=m2m
            )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        m2m = {f.name: data.pop(f.name) for f in serializer.Meta.model._meta.many_to_many if f.name in data}
        serializer.instance = update_record(
            serializer.instance, data, actor=self.request.user, expected_version=expected, m2m=m2m,
            reason=self.request.headers.get("X-Change-Reason", ""),
        )
