"""Pages of the protocol's scan: attach (POST) and download (GET, by the protocol's tier)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bilat.accounts.policy import visible

from . import scans
from .models import Meeting, ProtocolScan


@login_required
@require_POST
def scan_attach(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=pk)
    try:
        scans.attach_scan(meeting, request.FILES.get("scan"), actor=request.user)
    except ValidationError as exc:
        text = "; ".join(m for ms in exc.message_dict.values() for m in ms)
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    messages.success(request, _("The scan of the signed protocol is attached."))
    return redirect(f"{meeting.get_absolute_url()}#protocol")


@require_safe
def scan_download(request: HttpRequest, pk: int) -> FileResponse:
    scan = get_object_or_404(visible(request.user, ProtocolScan.objects.all()), pk=pk)
    return FileResponse(scan.file.open("rb"), as_attachment=True, filename=scan.original_name,
                        content_type=scan.content_type or "application/octet-stream")
