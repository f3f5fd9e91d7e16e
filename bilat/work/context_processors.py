"""The top bar's part of "My work": the unread notifications count and the search box."""

from django.urls import reverse

from bilat.decisions.reminders import unread_of

from .queues import has_work


def work(request):
    user = request.user
    if not user.is_authenticated:
        return {"unread_notifications": 0, "has_work": False}
    return {"unread_notifications": unread_of(request), "has_work": has_work(user),
            "notifications_url": reverse("decisions:notifications")}
