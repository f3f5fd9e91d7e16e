"""Pages of the meetings app: the list of sessions, a session with its protocol, the forms."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, shown, visible
from bilat.core.pages import save_form
from bilat.core.views import list_page

from . import services
from .filters import MeetingFilterSet
from .forms import AgendaItemForm, AttendanceForm, MeetingForm, ProtocolParagraphForm
from .models import Attendance, Meeting, ProtocolParagraph


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
        "protocol": protocol,
        "paragraphs": paragraphs,
        "previous": shown(request.user, meeting.previous()),
        "can_edit": can_edit,
        "history": services.meeting_history(meeting),
        **forms,
    }


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: agenda, attendance, co-chairs, the protocol and the decisions it produced."""
    meeting = _meeting_for_detail(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


def _save_section(request: HttpRequest, pk: int, form, perform, *, form_name: str,
                  section: str, success: str) -> HttpResponse:
    """Write one part through the shared write path; answer with the meeting's page or section."""
    return save_form(
        request, form, perform, template="meetings/meeting_detail.html",
        context=lambda **forms: _detail_context(request, _meeting_for_detail(request, pk), **forms),
        form_name=form_name, section=section, success=success,
        next_url=reverse("meetings:detail", args=[pk]) + f"#{section}",
    )


def _changeable_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    require(request.user, Action.CHANGE, meeting)
    return meeting


def _add_part(request: HttpRequest, pk: int, form_class, add, *, prefix: str, section: str,
              success: str) -> HttpResponse:
    """Validate a part form of a meeting and call the service ``add`` that writes it."""
    meeting = _changeable_meeting(request, pk)
    form = form_class(request.POST, prefix=prefix, meeting=meeting)
    return _save_section(request, pk, form,
                         lambda data: add(meeting, actor=request.user, **data),
                         form_name=f"{prefix}_form", section=section, success=success)


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an item on the meeting's agenda (secretariat)."""
    return _add_part(request, pk, AgendaItemForm, services.add_agenda_item, prefix="agenda",
                     section="agenda", success=_("Agenda item added."))


@login_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a person attended the meeting for a side (secretariat)."""
    return _add_part(request, pk, AttendanceForm, services.record_attendance,
                     prefix="attendance", section="attendance",
                     success=_("Attendance recorded."))


@login_required
@require_POST
def paragraph_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a numbered paragraph to the meeting's protocol (secretariat)."""
    return _add_part(request, pk, ProtocolParagraphForm, services.add_meeting_paragraph,
                     prefix="paragraph", section="protocol", success=_("Paragraph added."))


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
