"""The overview page, the dashboard, snapshots and briefing downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from bilat.accounts.policy import Action, require, shown_all, visible

from . import services
from .dashboard import build_dashboard, cache_key
from .models import Snapshot
from .render import CONTENT_TYPES, FORMATS


@require_safe
def home(request):
    """The overview: the commission at a glance, as the user may see it."""
    today = timezone.localdate()
    key = cache_key(request.user, today)
    body = cache.get(key)
    if body is None:
        dashboard = build_dashboard(request.user, today)
        specs = {f"spec-{c.key}": c.spec for c in [*dashboard.charts, dashboard.map_chart] if c}
        body = render_to_string("briefings/home.html#dashboard", {
            "d": dashboard, "specs": specs, "links": dashboard.links}, request=request)
        cache.set(key, str(body), timeout=3600)
    return render(request, "briefings/home.html", {"body": mark_safe(body)})  # noqa: S308


@login_required
@require_safe
def briefing_download(request, meeting_pk: int):
    """The briefing pack of a meeting as a file: ?lang=en|ru&format=md|html|docx|pdf."""
    from bilat.meetings.models import Meeting

    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=meeting_pk)
    require(request.user, Action.VIEW, meeting)
    lang = request.GET.get("lang") or (get_language() or "en")[:2]
    fmt = request.GET.get("format", "pdf")
    if lang not in ("en", "ru") or fmt not in FORMATS:
        raise Http404("Unknown language or format.")
    snapshot = services.snapshot_for(meeting, actor=None)
    data = services.produce_briefing(snapshot, lang=lang, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    filename = f"briefing-igc{meeting.number}-{lang}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Bilat-Snapshot"] = f"{snapshot.pk} {snapshot.content_hash[:12]}"
    return response


@login_required
@require_safe
def snapshot_list(request):
    """Snapshots frozen for briefings, newest first."""
    snapshots = (Snapshot.objects.select_related("meeting", "created_by")
                 .order_by("-as_of", "-created_at", "-pk")[:100])
    return render(request, "briefings/snapshot_list.html",
                  {"snapshots": shown_all(request.user, snapshots)})


@login_required
@require_safe
def snapshot_detail(request, pk: int):
    """One snapshot's figures, and what moved since the snapshot before it."""
    snapshot = get_object_or_404(Snapshot.objects.select_related("meeting"), pk=pk)
    require(request.user, Action.VIEW, snapshot)
    earlier = next(iter(shown_all(request.user, Snapshot.objects.select_related("meeting")
                                  .filter(as_of__lt=snapshot.as_of)
                                  .order_by("-as_of", "-created_at", "-pk")[:20])), None)
    moved = services.compare_snapshots(earlier, snapshot) if earlier else []
    return render(request, "briefings/snapshot_detail.html", {
        "snapshot": snapshot, "figures": snapshot.figures.all(), "earlier": earlier,
        "moved": moved,
    })
