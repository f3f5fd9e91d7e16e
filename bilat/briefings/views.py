"""The overview page, the dashboard, snapshots and briefing downloads."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bilat.accounts.policy import Action, require, shown_all, visible
from bilat.meetings.models import Meeting
from bilat.projects.filters import ProjectFilterSet
from bilat.projects.models import Project

from . import pagecache, services
from .dashboard import build_dashboard, cache_key, map_chart, map_points
from .document import provenance_reason
from .forms import PackForm
from .models import Snapshot
from .render import CONTENT_TYPES


@require_safe
def home(request):
    """The overview: the commission at a glance, as the user may see it."""
    today = timezone.localdate()
    key = cache_key(request.user, today)

    def build() -> dict:
        dashboard = build_dashboard(request.user, today)
        # The map carries its own spec: its filters redraw it alone (``project_map``).
        specs = {f"spec-{c.key}": c.spec for c in dashboard.charts}
        context = {"d": dashboard, "specs": specs, "links": dashboard.links,
                   "filters": ProjectFilterSet(queryset=Project.objects.none())}
        page = {part: str(render_to_string(f"briefings/home.html#{part}", context, request=request))
                for part in ("heading", "dashboard")}
        page["meeting_pk"] = dashboard.latest_meeting.pk if dashboard.latest_meeting else None
        return page

    page = pagecache.built_once(key, build)  # after a write, one request builds it
    # The briefing pack's buttons carry the user's CSRF token: never part of the cached page.
    return render(request, "briefings/home.html", {
        "heading": mark_safe(page["heading"]), "body": mark_safe(page["dashboard"]),  # noqa: S308
        "meeting_pk": page["meeting_pk"]})


@require_safe
def project_map(request):
    """The map of project locations, only the projects of the sector and stage chosen (GET
    ``sector`` by code, ``stage`` by number: the project list's filters); htmx asks for the map
    alone."""
    filters = ProjectFilterSet(request.GET or None,
                               queryset=visible(request.user, Project.objects.all()))
    status = 200
    if filters.is_bound and not filters.is_valid():
        projects, status = Project.objects.none(), 400
    else:
        projects = filters.qs
    chart = map_chart(map_points(request.user, projects))
    template = "briefings/map.html#map" if request.htmx else "briefings/map.html"
    return render(request, template, {"filters": filters, "chart": chart,
                                      "specs": {f"spec-{chart.key}": chart.spec}}, status=status)


@login_required
@require_POST
def briefing_download(request, meeting_pk: int):
    """Freeze a meeting's figures for its briefing in the user's name (or reuse the latest
    snapshot when nothing moved), then send the user to that snapshot's pack: POST lang, format."""
    meeting = get_object_or_404(visible(request.user, Meeting.objects.all()), pk=meeting_pk)
    form = PackForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown language or format."),
                                      content_type="text/plain; charset=utf-8")
    lang, fmt = form.choice()
    snapshot = services.snapshot_for(meeting, actor=request.user)
    url = reverse("briefings:snapshot_download", args=[snapshot.pk])
    response = redirect(f"{url}?{urlencode({'lang': lang, 'format': fmt})}")
    response.status_code = 303  # See Other: the pack is read with a GET
    return response


@login_required
@require_safe
def snapshot_download(request, pk: int):
    """The briefing pack of a frozen snapshot as a file: ?lang=en|ru&format=md|html|docx|pdf."""
    snapshot = get_object_or_404(Snapshot.objects.select_related("meeting"), pk=pk)
    require(request.user, Action.VIEW, snapshot)
    form = PackForm(request.GET)
    if not form.is_valid():
        raise Http404("Unknown language or format.")
    lang, fmt = form.choice()
    data = services.produce_briefing(snapshot, lang=lang, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"igc{snapshot.meeting.number}" if snapshot.meeting else snapshot.as_of.isoformat()
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="briefing-{name}-{lang}.{fmt}"'
    response["X-Bilat-Snapshot"] = f"{snapshot.pk} {snapshot.content_hash[:12]}"
    return response


@login_required
@require_safe
def snapshot_list(request):
    """The briefing packs of each meeting the user may see, in every language and format, then
    the snapshots they were written from, newest first."""
    meetings = visible(request.user, Meeting.objects.select_related("body")).order_by(
        "-held_on", "-number")
    snapshots = (Snapshot.objects.select_related("meeting", "created_by")
                 .order_by("-as_of", "-created_at", "-pk")[:100])
    return render(request, "briefings/snapshot_list.html",
                  {"meetings": meetings, "snapshots": shown_all(request.user, snapshots)})


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
    figures = list(snapshot.figures.all())
    for f in figures:  # the badge's reason: what the figure was computed from
        f.reason = provenance_reason(f.provenance, f.inputs)
    return render(request, "briefings/snapshot_detail.html", {
        "snapshot": snapshot, "figures": figures, "earlier": earlier,
        "moved": moved,
    })
