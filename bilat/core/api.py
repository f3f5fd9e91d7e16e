"""API plumbing shared by every app: the router, the error shape, the version check, the schema."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.fields import empty
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from .services import StaleVersionError, check_version


class ApiRouter(DefaultRouter):
    """The one router of /api/v1/: each app's ``api.register(router)`` adds its routes to it.

    View sets are registered as on any DRF router (``router.register(prefix, ViewSet)``);
    a plain view (a statistic, the token door) with ``router.register_view(route, View)``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.views: list[URLPattern] = []

    def register_view(self, route: str, view: type[APIView], *, name: str) -> None:
        """Serve ``view`` at ``route`` (a ``path()`` route below /api/v1/)."""
        self.views.append(path(route, view.as_view(), name=name))

    def get_urls(self) -> list:
        return [*super().get_urls(), *self.views]


def exception_handler(exc, context):
    """Turn model validation into 400 with the fields named, a stale version into 409."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied(str(exc) or None)
    elif isinstance(exc, StaleVersionError):
        return Response(
            {"version": [str(exc)], "current_version": exc.current},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


class VersionedSerializerMixin(serializers.Serializer):
    """Shows a record's ``version``; VersionCheckedMixin requires it back on every write.

    Read-only here: the version sent is checked before the body is read, so it never reaches
    a serializer's validated data (the schema requires it in the body of every such write).
    """

    version = serializers.IntegerField(
        read_only=True,
        help_text="The version you read. Send it back when updating; a stale one is refused "
                  "with 409.",
    )


def sent_version(request) -> int:
    """The ``version`` a client sent with a write, or a 400 naming the field."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw is None or raw == "":
        raise ValidationError({"version": [_("Send the version of the record you are editing.")]})
    try:
        return serializers.IntegerField(min_value=1).run_validation(raw)
    except ValidationError as exc:
        raise ValidationError({"version": exc.detail}) from exc


def change_reason(request) -> str:
    """The reason the client gave for its write (``X-Change-Reason``), or '', for the change
    log."""
    return request.headers.get("X-Change-Reason", "")


class VersionCheckedMixin:
    """Every write to an existing record through the API requires the version the client read.

    The one place of the rule for the whole API: a PATCH, and every action on ``/<id>/…``
    (the record's parts, its transitions), sends ``version``; without one the answer is 400,
    with a stale one 409 and nothing is written. The record's row stays locked from the
    comparison to the end of the request, so two writers cannot both pass it.

    The one place too of what a write says about itself: ``checked_version`` (the version
    sent and checked, for the service's ``expected_version``) and ``change_reason`` (the
    optional ``X-Change-Reason`` header, for the change log).
    """

    checked_version: int | None = None

    @property
    def change_reason(self) -> str:
        """The reason the client gave for its write (``X-Change-Reason``), or ''."""
        return change_reason(self.request)

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS and (self.lookup_url_kwarg or self.lookup_field) in kwargs:
            # Before the body is parsed: a stale copy is refused whatever else it says.
            self.checked_version = sent_version(request)
            record = self.get_object()
            check_version(record, self.checked_version)
            if record.version == self.checked_version:
                # Read before the lock, and current under it: every write to a record or its
                # parts moves its version, so the action works on this copy instead of reading
                # the record (and the parts it prefetches) again.
                self._checked_record = record

    def get_object(self):
        return getattr(self, "_checked_record", None) or super().get_object()


# --- the schema: what each operation may answer besides success --------------------------------

ERROR_SCHEMAS = {
    "ValidationError": {
        "type": "object",
        "description": "400: each bad field named with its messages ({\"due_on\": [\"…\"]}); "
                       "problems of the whole request under non_field_errors; a body that "
                       "cannot be read under detail.",
        "properties": {
            "detail": {"type": "string"},
            "non_field_errors": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": {
            "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}],
        },
    },
    "ErrorDetail": {
        "type": "object",
        "description": "Why the request was refused (403), not found (404), held back (429) "
                       "or cannot be answered now (503).",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "StaleVersion": {
        "type": "object",
        "description": "409: someone saved the record after you read it; nothing was written.",
        "properties": {
            "version": {"type": "array", "items": {"type": "string"}},
            "current_version": {"type": "integer"},
        },
        "required": ["version", "current_version"],
    },
}
ERROR_RESPONSES = {
    "400": ("ValidationError", "The request is invalid: each bad field is named."),
    "403": ("ErrorDetail", "Not allowed: a wrong token, or the access policy refuses it."),
    "404": ("ErrorDetail", "No such record, or not one the caller may see."),
    "409": ("StaleVersion", "The version sent is stale: the record changed since it was read."),
    "415": ("ErrorDetail", "The body is not in a media type this operation reads."),
    "429": ("ErrorDetail", "Too many requests: wait and try again."),
    "503": ("ErrorDetail", "A store the answer comes from is not there yet (the trade warehouse)."),
}
VERSION_REQUIRED = {
    "type": "object",
    "properties": {"version": {
        "type": "integer", "minimum": 1,
        "description": "The version of the record you read; a stale one is refused with 409.",
    }},
    "required": ["version"],
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _may_be_null(field) -> bool:
    """Whether the API can give ``None`` for a field that does not say it allows null.

    A field with a default of None, or one read through a nullable model field (a lead
    organisation not named yet, a report not verified yet), comes out as null.
    """
    if getattr(field, "default", empty) is None:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*":
        return False
    for name in source.split("."):
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if getattr(model_field, "null", False):
            return True
        if not model_field.is_relation:
            return False
        model = model_field.related_model
    return False


class RegistryAutoSchema(AutoSchema):
    """drf-spectacular's schema, saying what the API really answers (the one place for it).

    Fields that can come out null say so; a write to an existing record requires ``version``;
    every operation lists the errors it can answer, in the shapes of exception_handler: 400
    when it takes a body or query parameters, 403 everywhere (a wrong token is refused on every
    route), 404 on a record's route or a paged list, 409 on a version-checked write, 415 where
    it reads a body (a DELETE's body is the version it removes), 429 where requests are
    throttled, and those a view names in its ``error_codes`` (503 where the trade warehouse
    may be missing).
    """

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and _may_be_null(field):
            meta["nullable"] = True
        return meta

    def _is_version_checked(self) -> bool:
        lookup = getattr(self.view, "lookup_url_kwarg", None) or getattr(
            self.view, "lookup_field", None)
        return (isinstance(self.view, VersionCheckedMixin) and self.method in UNSAFE
                and bool(lookup) and f"(?P<{lookup}>" in self.path_regex)

    def _error_codes(self, operation: dict) -> list[str]:
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        path = {p["name"] for p in parameters if p["in"] == "path"}
        codes = ["403"]
        if "requestBody" in operation or query - {"page", "ordering"} or path - {"id"}:
            codes.append("400")
        if "requestBody" in operation:
            codes.append("415")
        if path or "page" in query:
            codes.append("404")
        if self._is_version_checked():
            codes.append("409")
        if self.view.get_throttles():
            codes.append("429")
        codes.extend(getattr(self.view, "error_codes", ()))
        return sorted(codes)

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        if self._is_version_checked() and self.method == "DELETE":
            # drf-spectacular gives a DELETE no body; ours carries the version it removes.
            operation["requestBody"] = {"content": {
                media: {"schema": {"type": "object"}} for media in self.map_parsers()}}
        if self._is_version_checked() and "requestBody" in operation:
            for media in operation["requestBody"]["content"].values():
                media["schema"] = {"allOf": [media["schema"], VERSION_REQUIRED]}
            operation["requestBody"]["required"] = True
        for code in self._error_codes(operation):
            name, description = ERROR_RESPONSES[code]
            component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA,
                                          schema=ERROR_SCHEMAS[name], object=name)
            registry.register_on_missing(component)
            operation["responses"].setdefault(code, {
                "description": description,
                "content": {"application/json": {"schema": component.ref}},
            })
        return operation
