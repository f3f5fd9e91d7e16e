"""Pages of the trace: one view per session, and the trace of one record."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from bilat.accounts.policy import visible
from bilat.meetings.models import Meeting

from .trace import KINDS, meeting_trace, record_trace


@require_safe
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=pk)
    return render(request, "trace/meeting.html", {"trace": meeting_trace(meeting, request.user)})


@require_safe
def record_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("No such kind of record.")
    trace = record_trace(kind, pk, request.user)
    if trace is None:
        raise Http404("No such record.")
    return render(request, "trace/record.html", {"trace": trace, "kind": kind})
