"""Pages of the meetings app: the list of sessions, a session with its protocol, the forms."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, shown, visible
from bilat.briefings.pagecache import cached_page
from bilat.core.changelog import history_for
from bilat.core.pages import VersionForm, save_form, save_part
from bilat.core.views import list_page

from . import services
from .filters import MeetingFilterSet
from .forms import AgendaItemForm, AttendanceForm, MeetingForm, ProtocolParagraphForm
from .models import AgendaItem, Attendance, Meeting, ProtocolParagraph


def visible_meetings(request: HttpRequest):
    return visible(request.user, Meeting.objects.select_related("body"))


@cached_page(areas=("meetings",))
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The sessions the user may see, by body, year and sector."""
    return list_page(
        request, visible_meetings(request).prefetch_related("co_chairs"),
        template="meetings/meeting_list.html", filterset_class=MeetingFilterSet,
        sort_options={"held_on": "held_on", "number": ("body__code", "number")},
        default_sort="-held_on", context={"can_add": can(request.user, Action.ADD)},
    )


def _meeting_for_detail(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        visible_meetings(request).prefetch_related(
            "co_chairs", "agenda_items__sector",
            Prefetch("attendances", queryset=Attendance.objects.select_related("person", "side")),
        ),
        pk=pk,
    )


def _detail_context(request: HttpRequest, meeting: Meeting, **forms) -> dict:
    """Everything the detail page and its fragments show; blank part forms for the secretariat."""
    from bilat.decisions.models import Decision

    protocol = getattr(meeting, "protocol", None) if hasattr(meeting, "protocol") else None
    if protocol is not None and not can(request.user, Action.VIEW, protocol):
        protocol = None
    paragraphs = []
    if protocol is not None:
        decisions = visible(request.user, Decision.objects.all())
        paragraphs = ProtocolParagraph.objects.filter(protocol=protocol).prefetch_related(
            Prefetch("decisions", queryset=decisions.order_by("control_number")))
    can_edit = can(request.user, Action.CHANGE, meeting)
    if can_edit:
        forms.setdefault("agenda_form", AgendaItemForm(prefix="agenda", meeting=meeting))
        forms.setdefault("attendance_form", AttendanceForm(prefix="attendance", meeting=meeting))
        forms.setdefault("paragraph_form",
                         ProtocolParagraphForm(prefix="paragraph", meeting=meeting))
    return {
        "meeting": meeting,
        "page_url": meeting.get_absolute_url(),
        "protocol": protocol,
        "paragraphs": paragraphs,
        "previous": shown(request.user, meeting.previous()),
        "can_edit": can_edit,
        "history": history_for(meeting),
        **forms,
    }


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: agenda, attendance, co-chairs, the protocol and the decisions it produced."""
    meeting = _meeting_for_detail(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


def _save_section(request: HttpRequest, pk: int, form, perform, *, form_name: str,
                  section: str, success: str, **shown) -> HttpResponse:
    """Write one part through the shared write path; answer with the meeting's page or section."""
    return save_part(
        request, form, perform, template="meetings/meeting_detail.html",
        page=lambda **forms: _detail_context(request, _meeting_for_detail(request, pk), **forms),
        url=reverse("meetings:detail", args=[pk]), form_name=form_name, section=section,
        success=success, **shown,
    )


def _changeable_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    require(request.user, Action.CHANGE, meeting)
    return meeting


class MeetingPartKind(NamedTuple):
    """One kind of part of a meeting, as its pages handle it."""

    model: type
    form_class: type
    prefix: str  # of the form fields ("agenda-number"; "edit-agenda-<pk>-number" on an edit)
    section: str  # of the meeting's page
    add: Callable
    added: str
    saved: str
    removed: str


# The parts of a meeting, by the name the URLs give them (meetings/urls.py).
PARTS = {
    "agenda": MeetingPartKind(AgendaItem, AgendaItemForm, "agenda", "agenda",
                          services.add_agenda_item, gettext_lazy("Agenda item added."),
                          gettext_lazy("Agenda item saved."), gettext_lazy("Agenda item removed.")),
    "attendance": MeetingPartKind(Attendance, AttendanceForm, "attendance", "attendance",
                              services.record_attendance, gettext_lazy("Attendance recorded."),
                              gettext_lazy("Attendance saved."),
                              gettext_lazy("Attendance removed.")),
    "paragraph": MeetingPartKind(ProtocolParagraph, ProtocolParagraphForm, "paragraph", "protocol",
                             services.add_meeting_paragraph, gettext_lazy("Paragraph added."),
                             gettext_lazy("Paragraph saved."), gettext_lazy("Paragraph removed.")),
}


@login_required
@require_POST
def part_add(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Put an item on the agenda, record an attendance or add a paragraph to the protocol
    (opening the protocol if there is none) (secretariat)."""
    kind = PARTS[part]
    meeting = _changeable_meeting(request, pk)
    form = kind.form_class(request.POST, prefix=kind.prefix, meeting=meeting)
    return _save_section(request, pk, form,
                         lambda data: kind.add(meeting, actor=request.user, **form.changes()),
                         form_name=f"{kind.prefix}_form", section=kind.section,
                         success=str(kind.added))


@login_required
def part_edit(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """The meeting's page with one agenda item's, attendance's or paragraph's form open; a POST
    saves it with the version check (secretariat)."""
    kind = PARTS[part]
    row = get_object_or_404(kind.model, pk=pk)
    meeting = _changeable_meeting(request, services.meeting_of(row).pk)
    form = kind.form_class(request.POST or None, instance=row, prefix=f"edit-{kind.prefix}-{pk}",
                           meeting=meeting)

    def perform(data):
        return services.update_meeting_part(row, form.changes(), actor=request.user,
                                            expected_version=data["version"])

    return _save_section(request, meeting.pk, form, perform, form_name="edit_form",
                         section=kind.section, success=str(kind.saved), editing=row)


@login_required
@require_POST
def part_remove(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Take an agenda item, an attendance or a paragraph off the meeting, refused if it changed
    since the page was loaded (secretariat)."""
    kind = PARTS[part]
    row = get_object_or_404(kind.model, pk=pk)
    meeting = _changeable_meeting(request, services.meeting_of(row).pk)

    def perform(data):
        services.remove_meeting_part(row, actor=request.user, expected_version=data["version"])

    return _save_section(request, meeting.pk, VersionForm(request.POST), perform,
                         form_name="remove_form", section=kind.section, success=str(kind.removed))


def _save_meeting(request: HttpRequest, form, perform, *, title: str, meeting=None):
    return save_form(request, form, lambda data: perform(), template="meetings/meeting_form.html",
                     context={"title": title, "meeting": meeting}, success=_("Saved."))


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Register a session (secretariat)."""
    require(request.user, Action.ADD)
    form = MeetingForm(request.POST or None)

    def perform():
        return services.create_meeting(Meeting(**form.changes()), actor=request.user,
                                       co_chairs=form.cleaned_data["co_chairs"])

    return _save_meeting(request, form, perform, title=_("New meeting"))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a session, with the version check."""
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    require(request.user, Action.CHANGE, meeting)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk))

    def perform():
        return services.update_meeting(
            meeting, form.changes(), actor=request.user,
            expected_version=form.cleaned_data.get("version"),
            co_chairs=form.cleaned_data["co_chairs"],
        )

    return _save_meeting(request, form, perform, title=_("Edit %(m)s") % {"m": meeting}, meeting=meeting)
