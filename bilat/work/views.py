"""My work, the deadline calendar and its feed, and search."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bilat.accounts.policy import visible
from bilat.briefings import views as briefing_views
from bilat.briefings.pagecache import published
from bilat.briefings.warm import noted
from bilat.core.languages import LanguageSelect
from bilat.decisions.models import Decision
from bilat.directory.models import Organisation, Sector, Side

from . import calendar as deadlines
from . import services
from .models import CalendarFeed, NotificationSettings
from .queues import has_work, queues_for
from .search import MIN_LENGTH, search


@require_safe
@noted
@published
def home(request: HttpRequest) -> HttpResponse:
    """The home page: "My work" for an officer or a secretariat, the overview for anyone else."""
    if has_work(request.user):
        return my_work(request)
    return briefing_views.home(request)


@require_safe
@noted
@published
def overview(request: HttpRequest) -> HttpResponse:
    """The overview (the dashboard) at an address of its own, one click from "My work"."""
    return briefing_views.home(request)


def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    queues = queues_for(request.user, today)
    return render(request, "work/my_work.html", {
        "queues": queues, "today": today, "total": sum(len(q) for q in queues),
    })


class CalendarForm(forms.Form):
    month = forms.CharField(label=gettext_lazy("Month"), required=False,
                            widget=forms.TextInput(attrs={"type": "month"}))
    side = forms.ModelChoiceField(label=gettext_lazy("Side"), required=False,
                                  queryset=Side.objects.all(), to_field_name="code",
                                  empty_label=gettext_lazy("All sides"))
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Lead organisation"), required=False, to_field_name="code",
        queryset=Organisation.objects.exclude(side=None).order_by("side__order", "code"),
        empty_label=gettext_lazy("All organisations"))
    sector = forms.ModelChoiceField(label=gettext_lazy("Sector"), required=False,
                                    queryset=Sector.objects.all(), to_field_name="code",
                                    empty_label=gettext_lazy("All sectors"))

    def clean_month(self) -> tuple[int, int]:
        raw = self.cleaned_data.get("month") or ""
        if not raw:
            today = timezone.localdate()
            return today.year, today.month
        try:
            first = datetime.datetime.strptime(raw, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM, e.g. 2024-07.")) from None
        return first.year, first.month


@require_safe
def calendar_month(request: HttpRequest) -> HttpResponse:
    """Deadlines of a month per side, lead organisation and sector (GET month=YYYY-MM, side,
    organisation, sector); a bad value answers 400 with the field's error."""
    form = CalendarForm(request.GET)
    if not form.is_valid():
        return render(request, "work/calendar.html", {"form": form, "weeks": []}, status=400)
    year, month = form.cleaned_data["month"]
    first, last = deadlines.month_bounds(year, month)
    parts = deadlines.deadlines(request.user).filter(due_on__gte=first, due_on__lte=last)
    for name, lookup in (("side", "side"), ("organisation", "lead"), ("sector", "decision__sector")):
        if form.cleaned_data.get(name):
            parts = parts.filter(**{lookup: form.cleaned_data[name]})
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    query = request.GET.copy()
    query.pop("month", None)
    return render(request, "work/calendar.html", {
        "form": form, "weeks": deadlines.month_grid(parts, year, month), "first": first,
        "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}",
        "query": query.urlencode(), "count": len(parts),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed_settings(request: HttpRequest) -> HttpResponse:
    """The user's private calendar feed: create (showing its address once) or revoke it."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.revoke_all(request.user)
            messages.success(request, _("Your calendar feed was revoked: its address no longer answers."))
            return redirect("work:feed_settings")
        _feed, token = CalendarFeed.issue(request.user)
        url = request.build_absolute_uri(f"/calendar/feed/{token}.ics")
        return render(request, "work/feed_settings.html", {
            "new_url": url, "active": True})
    active = CalendarFeed.objects.active().filter(user=request.user).first()
    return render(request, "work/feed_settings.html", {"active": active})


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a secret address (no sign-in: calendar programs cannot)."""
    feed = CalendarFeed.objects.open(token)
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed.")
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    body = deadlines.ical_feed(
        feed.user, base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("bilat deadlines of %(user)s") % {"user": feed.user.get_username()},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """Search across the registry (GET q), grouped by kind, as the user may see it."""
    text = request.GET.get("q", "")
    groups = search(request.user, text)
    status = 200
    error = ""
    if text.strip() and len(" ".join(text.split())) < MIN_LENGTH:
        error, status = _("Type at least %(n)s characters.") % {"n": MIN_LENGTH}, 400
    return render(request, "work/search.html", {
        "q": text, "groups": groups, "error": error,
        "total": sum(len(g.hits) for g in groups)}, status=status)


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["language", "mail_reminder", "mail_report", "mail_extension", "mail_returned"]
        widgets = {"language": LanguageSelect}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    """What the user wants by mail, and the language of its notifications (400 on bad input)."""
    instance = NotificationSettings.objects.filter(user=request.user).first() or \
        NotificationSettings(user=request.user)
    form = NotificationSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings were saved."))
            return redirect("work:notification_settings")
        return render(request, "work/notification_settings.html", {"form": form}, status=400)
    return render(request, "work/notification_settings.html", {"form": form})


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int, side: str) -> HttpResponse:
    """Write a comment on one side of a decision (POST text); 403 for those who take no part,
    400 naming the field on an empty or too long comment."""
    decision = get_object_or_404(visible(request.user, Decision.objects.all()), pk=pk)
    part = get_object_or_404(decision.sides.select_related("side"), side__code=side.upper())
    try:
        comment = services.add_comment(part, actor=request.user, text=request.POST.get("text", ""))
    except ValidationError as exc:
        errors = "; ".join(m for ms in exc.message_dict.values() for m in ms)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    return redirect(f"{decision.get_absolute_url()}#comment-{comment.pk}")
