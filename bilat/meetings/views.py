"""Pages of the meetings app: the list of sessions, a session with its protocol, the forms."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, shown, visible
from bilat.core.changelog import history_for
from bilat.core.pages import VersionForm, save_form, save_part
from bilat.core.views import list_page

from . import services
from .filters import MeetingFilterSet
from .forms import AgendaItemForm, AttendanceForm, MeetingForm, ProtocolParagraphForm
from .models import AgendaItem, Attendance, Meeting, ProtocolParagraph


def visible_meetings(request: HttpRequest):
    return visible(request.user, Meeting.objects.select_related("body"))


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


# Each part of a meeting: its form, the prefix of the form that adds one, and its section.
PARTS = {
    AgendaItem: (AgendaItemForm, "agenda", "agenda"),
    Attendance: (AttendanceForm, "attendance", "attendance"),
    ProtocolParagraph: (ProtocolParagraphForm, "paragraph", "protocol"),
}


def _add_part(request: HttpRequest, pk: int, model, add, *, success: str) -> HttpResponse:
    """Validate a part form of a meeting and call the service ``add`` that writes it."""
    form_class, prefix, section = PARTS[model]
    meeting = _changeable_meeting(request, pk)
    form = form_class(request.POST, prefix=prefix, meeting=meeting)
    return _save_section(request, pk, form,
                         lambda data: add(meeting, actor=request.user, **form.changes()),
                         form_name=f"{prefix}_form", section=section, success=success)


def _edit_part(request: HttpRequest, model, pk: int, *, success: str) -> HttpResponse:
    """The meeting's page with one part's form open; a POST saves it with the version check."""
    part = get_object_or_404(model, pk=pk)
    meeting = _changeable_meeting(request, services.meeting_of(part).pk)
    form_class, prefix, section = PARTS[model]
    form = form_class(request.POST or None, instance=part, prefix=f"edit-{prefix}-{pk}",
                      meeting=meeting)

    def perform(data):
        return services.update_meeting_part(part, form.changes(), actor=request.user,
                                            expected_version=data["version"])

    return _save_section(request, meeting.pk, form, perform, form_name="edit_form",
                         section=section, success=success, editing=part)


def _remove_part(request: HttpRequest, model, pk: int, *, success: str) -> HttpResponse:
    """Remove one part of a meeting, refused if it changed since the page was loaded."""
    part = get_object_or_404(model, pk=pk)
    meeting = _changeable_meeting(request, services.meeting_of(part).pk)

    def perform(data):
        services.remove_meeting_part(part, actor=request.user, expected_version=data["version"])

    return _save_section(request, meeting.pk, VersionForm(request.POST), perform,
                         form_name="remove_form", section=PARTS[model][2], success=success)


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an item on the meeting's agenda (secretariat)."""
    return _add_part(request, pk, AgendaItem, services.add_agenda_item,
                     success=_("Agenda item added."))


@login_required
def agenda_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an agenda item (secretariat)."""
    return _edit_part(request, AgendaItem, pk, success=_("Agenda item saved."))


@login_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an item off the agenda (secretariat)."""
    return _remove_part(request, AgendaItem, pk, success=_("Agenda item removed."))


@login_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a person attended the meeting for a side (secretariat)."""
    return _add_part(request, pk, Attendance, services.record_attendance,
                     success=_("Attendance recorded."))


@login_required
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an attendance: the person, the side, the role (secretariat)."""
    return _edit_part(request, Attendance, pk, success=_("Attendance saved."))


@login_required
@require_POST
def attendance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a person off the attendance (secretariat)."""
    return _remove_part(request, Attendance, pk, success=_("Attendance removed."))


@login_required
@require_POST
def paragraph_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a numbered paragraph to the meeting's protocol (secretariat)."""
    return _add_part(request, pk, ProtocolParagraph, services.add_meeting_paragraph,
                     success=_("Paragraph added."))


@login_required
def paragraph_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a paragraph of the protocol: its number or its text (secretariat)."""
    return _edit_part(request, ProtocolParagraph, pk, success=_("Paragraph saved."))


@login_required
@require_POST
def paragraph_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a paragraph out of the protocol (secretariat)."""
    return _remove_part(request, ProtocolParagraph, pk, success=_("Paragraph removed."))


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
