"""Template context shared by every page: the navigation and the user's role."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("home", _("Overview")),
    ("meetings:list", _("Meetings")),
    ("decisions:list", _("Decisions")),
    ("projects:list", _("Projects")),
    ("targets:list", _("Targets")),
    ("trade:list", _("Trade")),
    ("core:changelog", _("Change log")),
]


def bilat(request):
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url) and url != "/"})
    profile = None
    if request.user.is_authenticated:
        profile = getattr(request.user, "profile", None) if hasattr(request.user, "profile") else None
    return {"navigation": items, "user_profile": profile}
