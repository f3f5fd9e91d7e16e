"""The base view set and serializer of every registry API: visible records only, related
records named only where the caller may see them, writes through the logged services; and the
token door."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from rest_framework import mixins, relations, serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from bilat.core.api import ApiRouter, VersionCheckedMixin
from bilat.core.services import create_record, update_record

from .permissions import PartPolicyPermission
from .policy import Visibility, is_tiered, visible
from .signin import SignInRateThrottle, lockout_response


def visibility_of(field) -> Visibility:
    """The caller's visibility, kept once per response in the root serializer's context."""
    context = field.context
    if "visibility" not in context:
        request = context.get("request")
        context["visibility"] = Visibility(getattr(request, "user", None))
    return context["visibility"]


class VisibleManyRelatedField(relations.ManyRelatedField):
    """A to-many reference that lists only the related records the caller may see."""

    def get_attribute(self, instance):
        return visibility_of(self).shown_all(super().get_attribute(instance))


class VisibleRelatedMixin:
    """A reference to registry records that names only those the caller may see (others are
    null, or left out of a list) and accepts only those (any other is refused with 400 exactly
    like an unknown one, so the API does not tell that it exists)."""

    def use_pk_only_optimization(self):
        # The record itself is needed to ask about its tier; untiered ones keep the shortcut.
        queryset = getattr(self, "queryset", None)
        return super().use_pk_only_optimization() and (
            queryset is not None and not is_tiered(queryset.model))

    def get_attribute(self, instance):
        return visibility_of(self).shown(super().get_attribute(instance))

    def get_queryset(self):
        queryset = super().get_queryset()
        if is_tiered(queryset.model):
            queryset = visible(visibility_of(self).user, queryset)
        return queryset

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in relations.MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return VisibleManyRelatedField(**list_kwargs)


class VisiblePrimaryKeyRelatedField(VisibleRelatedMixin, relations.PrimaryKeyRelatedField):
    """A reference by id to records the caller may see."""


class VisibleSlugRelatedField(VisibleRelatedMixin, relations.SlugRelatedField):
    """A reference by code (a control number, an organisation code) to records the caller may
    see."""


class VisibleIdListField(serializers.ListField):
    """Ids of registry records kept in a list (the projects a stored figure counted): only
    those the caller may see."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(child=serializers.IntegerField(), **kwargs)

    def to_representation(self, data):
        return super().to_representation(visibility_of(self).shown_ids(self.model, data))


class VisibleListSerializer(serializers.ListSerializer):
    """Nested records of their own tier (an indicator's targets): only those the caller sees."""

    def to_representation(self, data):
        records = data.all() if hasattr(data, "all") else data
        return super().to_representation(visibility_of(self).shown_all(records))


class RegistrySerializer(serializers.ModelSerializer):
    """A registry record: every reference to another record goes through the policy."""

    serializer_related_field = VisiblePrimaryKeyRelatedField
    serializer_related_to_field = VisibleSlugRelatedField


class RegistryViewSet(VersionCheckedMixin, viewsets.ModelViewSet):
    """A registry list/detail API: visible records only, writes through the logged services.

    Every write to an existing record needs the version the client read (VersionCheckedMixin,
    which also gives the reason sent with it). A view set says which service writes its
    records in ``save_new`` and ``save_changes``; nothing else of a write is its to handle.
    """

    http_method_names = ["get", "post", "patch", "head", "options"]
    tier_field = "access_tier"

    def get_queryset(self):
        qs = super().get_queryset()
        if self.tier_field:
            qs = visible(self.request.user, qs, tier_field=self.tier_field)
        return qs

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = self.save_new(
            dict(serializer.validated_data), actor=self.request.user, reason=self.change_reason)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = self.save_changes(
            serializer.instance, dict(serializer.validated_data), actor=self.request.user,
            expected_version=self.checked_version, reason=self.change_reason)

    def save_new(self, values: dict[str, Any], *, actor: User, reason: str) -> models.Model:
        """Create a record from the values sent (by default the generic logged create)."""
        model = self.get_serializer_class().Meta.model
        m2m = {f.name: values.pop(f.name) for f in model._meta.many_to_many if f.name in values}
        return create_record(model(**values), actor=actor, reason=reason, m2m=m2m)

    def save_changes(self, record: models.Model, changes: dict[str, Any], *, actor: User,
                     expected_version: int | None, reason: str) -> models.Model:
        """Apply the changes sent to a record (by default the generic logged update)."""
        m2m = {f.name: changes.pop(f.name) for f in record._meta.many_to_many if f.name in changes}
        return update_record(record, changes, actor=actor, expected_version=expected_version,
                             reason=reason, m2m=m2m)


class RegistryPartViewSet(VersionCheckedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                          viewsets.GenericViewSet):
    """The parts of registry records (agenda items, a project's locations…): list them, correct
    one (PATCH) or remove one (DELETE), each with the part's version, as the record's page does.

    A part is seen with its record (``visible`` through the model's ``access_tier_field``) and
    added by an action on its record (``POST /meetings/{id}/agenda-items/``, see
    ``created_part``). A view set names its app's services in ``update_part`` and
    ``remove_part`` (wrapped in ``staticmethod``); they check the policy and log the change.
    """

    http_method_names = ["get", "patch", "delete", "head", "options"]
    permission_classes = [PartPolicyPermission]
    update_part: Callable[..., models.Model]
    remove_part: Callable[..., None]

    def get_queryset(self):
        return visible(self.request.user, super().get_queryset())

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = self.update_part(
            serializer.instance, dict(serializer.validated_data), actor=self.request.user,
            expected_version=self.checked_version, reason=self.change_reason)

    def perform_destroy(self, instance: models.Model) -> None:
        self.remove_part(instance, actor=self.request.user, expected_version=self.checked_version,
                         reason=self.change_reason)


def created_part(view: VersionCheckedMixin, serializer_class: type[serializers.Serializer],
                 add: Callable[..., models.Model]) -> Response:
    """Add a part to the record a route names (its version already checked) and answer it.

    ``add(values, reason=...)`` calls the app's service with the values sent, as the record's
    page does; the answer is the new part, 201.
    """
    context = view.get_serializer_context()
    incoming = serializer_class(data=view.request.data, context=context)
    incoming.is_valid(raise_exception=True)
    part = add(dict(incoming.validated_data), reason=view.change_reason)
    return Response(serializer_class(part, context=context).data, status=status.HTTP_201_CREATED)


class SignInTokenView(ObtainAuthToken):
    """A user's API token for their username and password (rate-limited, with lockout).

    Rate-limited per address, and counted and locked out like every other sign-in (see
    signin.py)."""

    throttle_classes = [SignInRateThrottle]

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # axes marks DRF's request, which Django's middleware never sees: answer here.
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            raise


def register(router: ApiRouter) -> None:
    """Add the token door to the API router."""
    router.register_view("auth/token/", SignInTokenView, name="api-token")
