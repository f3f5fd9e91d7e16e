"""The overview page, the dashboard, snapshots and briefing downloads."""

from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from bilat.accounts.policy import Action, require, shown_all, visible
from bilat.core.citations import citation
from bilat.core.languages import LANGUAGES, language_names, language_order, reader_language
from bilat.meetings.models import Meeting
from bilat.projects.filters import ProjectFilterSet
from bilat.projects.models import Project

from . import pagecache, services, warm
from .dashboard import (
    PARTS,
    build_dashboard,
    dashboard_commission,
    map_chart,
    map_points,
    part_keys,
    water_key,
)
from .document import provenance_reason
from .forms import LANGUAGES as PACK_LANGUAGES
from .forms import PackForm
from .models import Snapshot
from .render import CONTENT_TYPES

# What each part of the dashboard renders (partials of ``briefings/home.html``), in page order.
PART_TEMPLATES = {
    "heading": ("heading",),
    "trade": ("trade", "trade_charts", "trade_specs"),
    "portfolio": ("portfolio", "stages_chart", "stages", "stages_specs"),
    "water": ("water",),
    "decisions": ("water_decisions", "decisions"),
    "map": ("map",),
}


@require_safe
def home(request):
    """The overview: the commission at a glance, as the user may see it, assembled from its
    parts (``dashboard.PARTS``), each cached under the areas it shows, so that after a write
    only the parts of that area are built again (one request builds each: ``built_once``;
    for the latest readers, the process that answered the write: ``warm``)."""
    today = timezone.localdate()
    warm.note(request)
    keys = part_keys(request.user, today)

    def assembled() -> dict:
        # Every part in one round trip to the cache (the decisions part under either water
        # answer).
        found = cache.get_many([*keys.values(), *(water_key(keys["decisions"], shown)
                                                  for shown in (False, True))])
        reading = DashboardReading(request, today)
        page = {}
        for part in PARTS:
            key = keys[part]
            if part == "decisions":  # it lists the water decisions when the water part shows any
                key = water_key(key, page["water_shown"])
            part_page = pagecache.kept(found.get(key))  # None: not kept, or before a load
            if part_page is not None:
                page.update(part_page)
                continue
            page.update(pagecache.built_once(key, lambda part=part: reading.rendered(
                [part], water_shown=page.get("water_shown"))))
        return page

    # The parts' keys name the whole page (the water part's key decides what the decisions
    # part lists): a page served before comes whole from the cache, without its parts.
    return pagecache.whole_page(request, ":".join(keys.values()),
                                 lambda marks: render_dashboard(request, assembled(), marks))


class DashboardReading:
    """What the parts of one request's dashboard share when they are built: the commission,
    and the context their partials see (as a cached page's blocks: ``block_context``, never
    the user's name or the CSRF token, computed once however many parts are built)."""

    def __init__(self, request, today) -> None:
        self.request, self.today = request, today

    @cached_property
    def commission(self):
        return dashboard_commission()

    @cached_property
    def context(self) -> dict:
        return {**pagecache.block_context(self.request),
                "filters": ProjectFilterSet(queryset=Project.objects.none())}

    def rendered(self, parts, *, water_shown: bool | None = None) -> dict:
        """The partials of ``parts`` (``PART_TEMPLATES``) rendered: their text by name (and, of
        the heading, the latest session's key; of the water part, whether it shows figures)."""
        dashboard = build_dashboard(self.request.user, self.today, parts,
                                    water_shown=water_shown, commission=self.commission)
        # The map carries its own spec: its filters redraw it alone (``project_map``).
        context = {**self.context, "d": dashboard, "links": dashboard.links,
                   "trade_specs": {f"spec-{c.key}": c.spec for c in dashboard.trade_charts},
                   "stages_specs": {f"spec-{c.key}": c.spec for c in [dashboard.stages_chart]
                                    if c is not None}}
        out = {name: str(render_to_string(f"briefings/home.html#{name}", context))
               for part in parts for name in PART_TEMPLATES[part]}
        if "heading" in parts:
            out["meeting_pk"] = dashboard.latest_meeting.pk if dashboard.latest_meeting else None
        if "water" in parts:
            out["water_shown"] = bool(dashboard.water_cards)
        return out


def whole_dashboard(request, today) -> HttpResponse:
    """The dashboard built in one go, every part from the same reading, without the cache: what
    the page assembled from cached parts must read as (the tests compare them)."""
    return render_dashboard(request, DashboardReading(request, today).rendered(list(PARTS)))


def render_dashboard(request, page: dict, marks: dict | None = None) -> HttpResponse:
    # The briefing pack's buttons carry the user's CSRF token: never part of the cached parts
    # (``marks``: what ``pagecache.whole_page`` puts in its place).
    parts = {name: mark_safe(text) for name, text in page.items()  # noqa: S308
             if isinstance(text, str)}
    return render(request, "briefings/home.html", {
        "parts": parts, "meeting_pk": page["meeting_pk"], **(marks or {})})


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
    data = services.produce_briefing(snapshot, lang=lang, fmt=fmt, hand_off=True)
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
    keys = shown_keys(m.key for m in moved)
    moved = [{"key": m.key, "lang": keys[m.key], "shown": [_value(m.before), _value(m.after)],
              "change": m.change} for m in moved if m.key in keys]
    figures = shown_figures(snapshot.figures.all())
    for f in figures:  # the badge's reason: what the figure was computed from
        f.reason = provenance_reason(f.provenance, f.inputs)
    return render(request, "briefings/snapshot_detail.html", {
        "snapshot": snapshot, "figures": figures, "earlier": earlier,
        "moved": moved, "pack_languages": [code for code, _name in PACK_LANGUAGES],
        "pack_formats": [("pdf", "PDF"), ("docx", "Word"), ("md", "Markdown")],
    })


# The units, bases and periods a snapshot freezes as codes, in the reader's words.
UNITS = {
    "USD million": gettext_lazy("US$ million"), "projects": gettext_lazy("projects"),
    "jobs": gettext_lazy("jobs"), "decisions": gettext_lazy("decisions"),
    "session": pgettext_lazy("unit", "session"), "year": pgettext_lazy("unit", "year"),
    "% a year": gettext_lazy("% a year"), "share": gettext_lazy("share"),
    "sources": gettext_lazy("sources"), "ha": pgettext_lazy("unit", "ha"),
    "t": pgettext_lazy("unit", "t"), "Mm3": "Mm³",
}
BASES = {"low–high": gettext_lazy("low–high range"), "meeting": gettext_lazy("the meeting's")}
CODE = re.compile(r"[a-z][a-z0-9_.,-]*")


def _family(key: str, keys: set[str]) -> tuple[str, str]:
    """The text a figure is one language of, and that language: ``sector.trade.ru`` is
    (``sector.trade``, "ru"); a key with language siblings (``claims.note.00`` beside
    ``claims.note.00.ru``) is their English text; ("", "") for a figure kept once."""
    base, _dot, suffix = key.rpartition(".")
    if base and suffix in LANGUAGES:
        return base, suffix
    if any(f"{key}.{code}" in keys for code in LANGUAGES):
        return key, "en"
    return "", ""


def _value(figure) -> tuple[str, bool]:
    """A frozen figure's value as shown, and whether it is a code: its number, else its text
    (a source's dates in the reader's language); ("—", False) for none."""
    if figure is None or (figure.value is None and not figure.text):
        return "—", False
    if figure.value is not None:
        return formats.localize(figure.value.normalize()), False
    if CODE.fullmatch(figure.text):
        return figure.text, True
    return citation(figure.text), False


def shown_keys(keys) -> dict[str, str]:
    """Of the figure keys ``keys``, those the reader sees, each with the language its text is
    in when that is not the reader's: of a text frozen in several languages only the reader's
    (or the first fallback's); a text frozen in one language with that language."""
    keys = set(keys)
    languages: dict[str, set[str]] = {}
    for key in keys:
        base, code = _family(key, keys)
        if base:
            languages.setdefault(base, set()).add(code)
    reader = reader_language()
    shown = {}
    for key in keys:
        base, code = _family(key, keys)
        if not base:
            shown[key] = ""
        elif code == next(c for c in (*language_order(reader), code) if c in languages[base]):
            shown[key] = "" if code == reader else code
    return shown


def shown_figures(figures) -> list:
    """A snapshot's figures as the reader sees them (``shown_keys``), the language of a text
    in another language said; codes (a kind, a status) as codes; units, bases and periods in
    the reader's words."""
    from bilat.water.models import SeasonLimit

    figures = list(figures)
    keys = shown_keys(f.key for f in figures)
    texts = {f.key: f.text for f in figures}
    notes = language_names()
    seasons = dict(SeasonLimit.Season.choices)
    # A unit the record words (a project's capacity: "km of railway line") is frozen beside the
    # figure in each language (``<key>_unit.ru``): the one the reader sees, by figure.
    units = {key.partition("_unit.")[0]: key for key in keys if "_unit." in key}
    shown = []
    for f in figures:
        if f.key not in keys:
            continue
        f.lang = keys[f.key]
        f.lang_note = notes.get(f.lang, "")
        f.is_code = f.value is None and bool(CODE.fullmatch(f.text or ""))
        f.unit_shown, f.unit_lang = UNITS.get(f.unit, f.unit), ""
        unit_key = units.get(f.key)
        if unit_key:
            f.unit_shown, f.unit_lang = texts[unit_key], keys[unit_key]
        f.basis_shown = BASES.get(f.basis, f.basis)
        year, _dash, season = f.period.partition("-")
        f.period_shown = (f"{year}, {str(seasons[season]).lower()}"
                          if year.isdigit() and season in seasons else f.period)
        f.source_shown = _(f.source) if f.source else ""
        shown.append(f)
    return shown
