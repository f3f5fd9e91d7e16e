"""The export and import pages of every list that has a sheet (decisions, projects).

Each app routes its ``export/`` and ``import/`` paths here with the name of its sheet.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .columns import Column
from .errors import SheetError
from .forms import UploadForm
from .planner import NEW, describe, run_import
from .readers import format_of, read_table
from .registry import get_sheet
from .writers import export_rows, table_bytes

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
NOT_FILTERS = {"format", "page", "per_page", "sort"}


def requested_format(request: HttpRequest) -> str:
    """The format the query asks for (``?format=csv``); XLSX unless it names another we write."""
    fmt = request.GET.get("format", "xlsx")
    return fmt if fmt in CONTENT_TYPES else "xlsx"


def download(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], fmt: str, stem: str, *,
    title: str = "data", notes: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    """A file of these rows for the browser to save as ``<stem>.<fmt>``."""
    data = table_bytes(columns, rows, fmt, title=title, notes=notes)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def sheet_export(request: HttpRequest, sheet: str) -> HttpResponse:
    """Download a list (decisions, projects) as XLSX or CSV, with the list page's filters."""
    spec = get_sheet(sheet)
    filters = request.GET.copy()
    for name in NOT_FILTERS:
        filters.pop(name, None)
    try:
        records = spec.queryset(request.user, filters or None)
    except SheetError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    columns, rows = export_rows(spec, records)
    stem = f"{spec.name}-{timezone.localdate().isoformat()}"
    return download(columns, rows, requested_format(request), stem, title=spec.name)


def _upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _list_url(sheet: str) -> str:
    try:
        return reverse(f"{sheet}:list")
    except NoReverseMatch:
        return "/"


@login_required
def sheet_import(request: HttpRequest, sheet: str) -> HttpResponse:
    """Upload an edited spreadsheet: first a dry run that shows every change and error, then apply.

    The uploaded file waits under the data folder, known to this user's session only, until it
    is applied or another file replaces it.
    """
    spec = get_sheet(sheet)
    if not spec.can_import(request.user):
        raise PermissionDenied(_("Your role does not allow importing."))
    session_key = f"bilat-import-{spec.name}"
    pending = request.session.get(session_key)
    form = UploadForm()
    plan = None
    if request.method == "POST" and "apply" in request.POST and pending:
        if request.POST.get("token") != pending["token"]:
            messages.error(request, _("That preview is out of date: upload the file again."))
            return HttpResponseRedirect(request.path)
        path = _upload_dir() / f"{pending['token']}.{pending['fmt']}"
        try:
            table = read_table(path.read_bytes(), pending["fmt"])
        except (OSError, SheetError):
            messages.error(request, _("The uploaded file is gone: upload it again."))
            request.session.pop(session_key, None)
            return HttpResponseRedirect(request.path)
        plan = run_import(spec, table, user=request.user, dry_run=False,
                          reason=_("Import of %(name)s") % {"name": pending["name"]})
        if plan.applied:
            path.unlink(missing_ok=True)
            request.session.pop(session_key, None)
            messages.success(request, _("Imported %(name)s: %(summary)s.")
                             % {"name": pending["name"], "summary": plan.summary()})
            return HttpResponseRedirect(_list_url(spec.name))
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            fmt = format_of(upload.name)
            data = upload.read()
            try:
                table = read_table(data, fmt)
            except SheetError as exc:
                form.add_error("file", str(exc))
            else:
                plan = run_import(spec, table, user=request.user, dry_run=True)
                if pending:
                    (_upload_dir() / f"{pending['token']}.{pending['fmt']}").unlink(missing_ok=True)
                pending = {"token": uuid.uuid4().hex, "fmt": fmt, "name": Path(upload.name).name}
                (_upload_dir() / f"{pending['token']}.{fmt}").write_bytes(data)
                request.session[session_key] = pending
    rows = []
    if plan is not None:
        for row in plan.rows:
            rows.append({
                "row": row.row, "key": row.key, "status": row.status,
                "changes": [(name, describe(old) if row.status != NEW else "", describe(new))
                            for name, (old, new) in row.changes.items()],
                "errors": row.errors,
            })
    return render(request, "core/sheet_import.html", {
        "sheet": spec, "form": form, "plan": plan, "rows": rows, "pending": pending,
        "list_url": _list_url(spec.name),
    })
