"""API plumbing shared by every app: the error shape and the version check."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .services import StaleVersionError


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
    """Edits must send back the ``version`` they were based on; a stale one gets 409."""

    version = serializers.IntegerField(
        required=False,
        help_text="The version you read. Required when updating; a stale one is refused with 409.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "version" not in attrs:
            raise ValidationError({"version": ["Send the version of the record you are editing."]})
        return attrs
