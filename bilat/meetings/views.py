"""Pages of the meetings app: the list of sessions, a session with its protocol, the forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, can, require, visible
from bilat.core.changelog import history_for
from bilat.core.services import StaleVersionError
from bilat.core.views import list_page

from . import services
from .filters import MeetingFilterSet
from .forms import MeetingForm
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


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: agenda, attendance, co-chairs, the protocol and the decisions it produced."""
    from bilat.decisions.models import Decision

    decisions = visible(request.user, Decision.objects.all())
    meeting = get_object_or_404(
        visible_meetings(request).prefetch_related(
            "co_chairs", "agenda_items__sector",
            Prefetch("attendances", queryset=Attendance.objects.select_related("person", "side")),
        ),
        pk=pk,
    )
    protocol = getattr(meeting, "protocol", None) if hasattr(meeting, "protocol") else None
    paragraphs = []
    if protocol is not None and can(request.user, Action.VIEW, protocol):
        paragraphs = ProtocolParagraph.objects.filter(protocol=protocol).prefetch_related(
            Prefetch("decisions", queryset=decisions.order_by("control_number")))
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting,
        "protocol": protocol if protocol is not None and can(request.user, Action.VIEW, protocol)
        else None,
        "paragraphs": paragraphs,
        "previous": meeting.previous(),
        "can_edit": can(request.user, Action.CHANGE, meeting),
        "history": history_for(meeting),
    })


def _save(request, form, perform, *, title, meeting=None):
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = perform()
            except ValidationError as exc:
                for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
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
