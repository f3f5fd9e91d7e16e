"""Template context shared by every page: the navigation and the user's role."""

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .changelog import may_read_whole_log

NAVIGATION = [
    ("home", _("Overview")),
    ("meetings:list", _("Meetings")),
    ("decisions:list", _("Decisions")),
    ("projects:list", _("Projects")),
    ("targets:list", _("Targets")),
    ("trade:list", _("Trade")),
    ("claims:documents", _("Releases")),
    ("water:overview", _("Water")),
]
# Pages only a signed-in user can open: shown to them alone, so the public meets no sign-in wall.
SIGNED_IN_NAVIGATION = [
    ("briefings:list", _("Briefings")),
    ("decisions:notifications", _("Notifications")),
    ("core:changelog", _("Change log")),
]


def bilat(request):
    items = []
    entries = NAVIGATION + (SIGNED_IN_NAVIGATION if request.user.is_authenticated else [])
    if not may_read_whole_log(request.user):
        entries = [entry for entry in entries if entry[0] != "core:changelog"]
    for name, label in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": False})
    # Mark only the closest match: /decisions/notifications/ is Notifications, not Decisions too.
    matches = [i for i in items if request.path.startswith(i["url"]) and i["url"] != "/"]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    user = request.user
    # Read only by a page that shows it (the profile page); the top bar shows ``shell_role``.
    profile = SimpleLazyObject(
        lambda: getattr(user, "profile", None) if user.is_authenticated
        and hasattr(user, "profile") else None)
    return {"navigation": items, "user_profile": profile}
