"""Pages of the meetings app: the list of sessions, a session with its protocol, the forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bilat.accounts.policy import Action, can, require, shown, visible
from bilat.core.services import StaleVersionError
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


def _part_page(request: HttpRequest, pk: int, section: str, **forms) -> HttpResponse:
    """The detail page again (htmx: only the section's fragment), read after the write."""
    context = _detail_context(request, _meeting_for_detail(request, pk), **forms)
    if getattr(request, "htmx", False):
        return render(request, f"meetings/meeting_detail.html#{section}", context)
    return render(request, "meetings/meeting_detail.html", context)


def _part_written(request: HttpRequest, pk: int, section: str, message: str) -> HttpResponse:
    """After a successful write: the fresh fragment for htmx, else back to the page (PRG)."""
    if getattr(request, "htmx", False):
        return _part_page(request, pk, section)
    messages.success(request, message)
    return redirect(reverse("meetings:detail", args=[pk]) + f"#{section}")


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's validation errors on the form's fields where it has them."""
    for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        form.add_error(field if field in form.fields else None, errors)


def _add_part(request: HttpRequest, pk: int, *, form_class, prefix: str, section: str,
              perform, message: str) -> HttpResponse:
    """Validate a part form and call its service; on bad input the section with its errors."""
    meeting = get_object_or_404(visible_meetings(request), pk=pk)
    require(request.user, Action.CHANGE, meeting)
    form = form_class(request.POST, prefix=prefix, meeting=meeting)
    if form.is_valid():
        try:
            perform(meeting, form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _part_written(request, pk, section, message)
    return _part_page(request, pk, section, **{f"{prefix}_form": form})


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an item on the meeting's agenda (secretariat)."""
    def perform(meeting, data):
        services.add_agenda_item(meeting, actor=request.user, **data)

    return _add_part(request, pk, form_class=AgendaItemForm, prefix="agenda", section="agenda",
                     perform=perform, message=_("Agenda item added."))


@login_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a person attended the meeting for a side (secretariat)."""
    def perform(meeting, data):
        services.record_attendance(meeting, actor=request.user, **data)

    return _add_part(request, pk, form_class=AttendanceForm, prefix="attendance",
                     section="attendance", perform=perform, message=_("Attendance recorded."))


@login_required
@require_POST
def paragraph_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a numbered paragraph to the meeting's protocol (secretariat)."""
    def perform(meeting, data):
        services.add_meeting_paragraph(meeting, actor=request.user, **data)

    return _add_part(request, pk, form_class=ProtocolParagraphForm, prefix="paragraph",
                     section="protocol", perform=perform, message=_("Paragraph added."))


def _save(request, form, perform, *, title, meeting=None):
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = perform()
            except ValidationError as exc:
                _add_errors(form, exc)
            except StaleVersionError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, _("Saved."))
                return redirect(saved)
    return render(request, "meetings/meeting_form.html",
                  {"form": form, "title": title, "meeting": meeting}, status=status)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Register a session (secretariat)."""
    require(request.user, Action.ADD)
    form = MeetingForm(request.POST or None)

    def perform():
        return services.create_meeting(Meeting(**form.changes()), actor=request.user,
                                       co_chairs=form.cleaned_data["co_chairs"])

    return _save(request, form, perform, title=_("New meeting"))


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

    return _save(request, form, perform, title=_("Edit %(m)s") % {"m": meeting}, meeting=meeting)
