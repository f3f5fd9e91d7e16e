"""Which commission a request or a command works in: named, remembered, or the only one.

Pages take ``?commission=<code>`` (remembered in the session; ``?commission=all`` forgets it),
the API the same parameter, the command line ``--commission <code>``. Where nothing is named,
the commission is the user's only one, or the installation's only one; where several could be
meant, lists show every commission the reader may see, and what needs one (a dashboard, a
pack, a command) says which ones match and how to choose.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Commission

SESSION_KEY = "bilat_commission"
ALL = "all"


def by_code(code: str) -> Commission:
    """The commission with this code; an error naming the known codes otherwise."""
    found = Commission.objects.filter(code=code.strip().lower()).first()
    if found is None:
        raise ValidationError(
            _("No commission has the code %(code)s; choose one of: %(codes)s.") % {
                "code": code, "codes": ", ".join(Commission.objects.values_list("code", flat=True))
                or "—"})
    return found


def only_commission_id() -> int | None:
    """The installation's commission when it has exactly one."""
    ids = list(Commission.objects.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


def one_of(candidates, *, option: str = "--commission") -> Commission:
    """The one commission among ``candidates`` (a queryset or list); an error naming them and
    the option that chooses when there are several, or none."""
    candidates = list(candidates)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValidationError(_("No commission matches."))
    raise ValidationError(
        _("Several commissions match: %(list)s. Choose one with %(option)s <code>.") % {
            "list": "; ".join(f"{c.code} ({c})" for c in candidates), "option": option})


def chosen_for_request(request, member_of: list[int], known: list[Commission],
                       home: int | None = None) -> tuple[int | None, str]:
    """The commission id a request works in, and how it was chosen ("param", "session",
    "member", "home", "only" or "" for every commission), among the ``known`` ones: named,
    remembered, the user's only one, the user's home one (the profile's), the installation's
    only one. Raises ValidationError for an unknown code."""
    code = request.GET.get("commission", "").strip().lower()
    session = getattr(request, "session", None)
    remember = session is not None and not request.path_info.startswith("/api/")
    if code:
        if code == ALL:
            if remember:
                session[SESSION_KEY] = ALL
            return None, ""
        commission = next((c for c in known if c.code == code), None) or by_code(code)
        if remember:
            session[SESSION_KEY] = commission.pk
        return commission.pk, "param"
    remembered = session.get(SESSION_KEY) if session is not None else None
    if remembered == ALL:
        return None, ""
    if remembered:
        if any(c.pk == remembered for c in known):
            return remembered, "session"
        session.pop(SESSION_KEY, None)
    if len(member_of) == 1:
        return member_of[0], "member"
    if home and any(c.pk == home for c in known):
        return home, "home"
    if len(known) == 1:
        return known[0].pk, "only"
    return None, ""
