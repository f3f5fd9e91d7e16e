"""API plumbing shared by every app: the error shape and the version check."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .services import StaleVersionError, check_version


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
    """Shows a record's ``version``; VersionCheckedMixin requires it back on every write."""

    version = serializers.IntegerField(
        required=False,
        help_text="The version you read. Required when updating; a stale one is refused with 409.",
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


class VersionCheckedMixin:
    """Every write to an existing record through the API requires the version the client read.

    The one place of the rule for the whole API: a PATCH, and every action on ``/<id>/…``
    (the record's parts, its transitions), sends ``version``; without one the answer is 400,
    with a stale one 409 and nothing is written. The record's row stays locked from the
    comparison to the end of the request, so two writers cannot both pass it.
    """

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
            check_version(self.get_object(), sent_version(request))
