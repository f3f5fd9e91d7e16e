"""Spreadsheet imports through the API: the import page's upload, dry run and apply, as JSON.

``POST /api/v1/imports/{sheet}/`` (multipart: ``file``, ``dry_run``) reads the file as the page
does (the same upload form, reader and planner, the same permission), runs the import through
the app's services in one transaction and answers the plan: every row with its changes and its
errors by row and column. A dry run (the default) writes nothing; an apply writes the whole file
or, when any row has an error, nothing (``applied`` says which).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ..api import ApiRouter, change_reason
from ..parsers import MultiPartParser
from .errors import CellError, SheetError
from .forms import UploadForm
from .planner import CHANGED, ERROR, NEW, UNCHANGED, ImportPlan, describe, run_import
from .readers import format_of, read_table
from .registry import get_sheet, sheet_names


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The edited XLSX or CSV file (at most 5 MB).")
    dry_run = serializers.BooleanField(
        default=True, help_text="true (the default): only preview; false: apply the whole "
                                "file, or nothing when any row has an error.")


class CellErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row of the file (1 is the header).")
    column = serializers.CharField()
    message = serializers.CharField()


class CellChangeSerializer(serializers.Serializer):
    column = serializers.CharField()
    old = serializers.CharField(help_text="As the import page shows it (∅: empty).")
    new = serializers.CharField()


class RowPlanSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    key = serializers.CharField()
    status = serializers.ChoiceField(choices=[NEW, CHANGED, UNCHANGED, ERROR])
    changes = CellChangeSerializer(many=True)
    errors = CellErrorSerializer(many=True)


class ImportCountsSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = serializers.IntegerField()


class ImportPlanSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    dry_run = serializers.BooleanField()
    applied = serializers.BooleanField(help_text="Whether the file was written (all of it).")
    counts = ImportCountsSerializer()
    errors = CellErrorSerializer(many=True, help_text="Every error, of the file and its rows.")
    rows = RowPlanSerializer(many=True)


def _error(error: CellError) -> dict:
    return {"row": error.row, "column": error.column, "message": error.message}


def plan_answer(plan: ImportPlan, *, dry_run: bool) -> dict:
    """An import plan as the API answers it."""
    return {
        "sheet": plan.sheet, "dry_run": dry_run, "applied": plan.applied,
        "counts": {"new": plan.count(NEW), "changed": plan.count(CHANGED),
                   "unchanged": plan.count(UNCHANGED), "errors": len(plan.errors)},
        "errors": [_error(e) for e in plan.errors],
        "rows": [{
            "row": row.row, "key": row.key, "status": row.status,
            "changes": [{"column": name, "old": describe(old) if row.status != NEW else "",
                         "new": describe(new)} for name, (old, new) in row.changes.items()],
            "errors": [_error(e) for e in row.errors],
        } for row in plan.rows],
    }


class ImportAPIView(APIView):
    """Import a spreadsheet (multipart `file`): a dry run previews, `dry_run=false` applies all.

    As the list's import page: the dry run (the default) shows every change and every error
    by row and column; an apply writes the whole file, or nothing when any row has an error."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        parameters=[OpenApiParameter("sheet", OpenApiTypes.STR, OpenApiParameter.PATH,
                                     enum=sheet_names() or None,
                                     description="The list the file holds.")],
        request={"multipart/form-data": ImportRequestSerializer},
        responses={200: ImportPlanSerializer},
    )
    def post(self, request, sheet: str):
        try:
            spec = get_sheet(sheet)
        except SheetError:
            raise NotFound() from None
        if not spec.can_import(request.user):
            raise PermissionDenied(_("Your role does not allow importing."))
        incoming = ImportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        upload = incoming.validated_data["file"]
        form = UploadForm(files={"file": upload})
        if not form.is_valid():
            raise ValidationError(form.errors)
        try:
            table = read_table(upload.read(), format_of(upload.name))
        except SheetError as exc:
            raise ValidationError({"file": [str(exc)]}) from None
        dry_run = incoming.validated_data["dry_run"]
        reason = (change_reason(request)
                  or _("Import of %(name)s") % {"name": Path(upload.name).name})
        plan = run_import(spec, table, user=request.user, dry_run=dry_run, reason=reason)
        return Response(plan_answer(plan, dry_run=dry_run))


def register(router: ApiRouter) -> None:
    """Add the import route to the API router."""
    router.register_view("imports/<str:sheet>/", ImportAPIView, name="api-import")
