"""The overview page, the dashboard and briefing packs."""

from django.shortcuts import render


def home(request):
    """The overview: the commission at a glance, as the user may see it."""
    return render(request, "briefings/home.html", {})
