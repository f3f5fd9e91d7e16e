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


def chosen_for_request(request, member_of: list[int],
                       known: list[Commission]) -> tuple[int | None, str]:
    """The commission id a request works in, and how it was chosen ("param", "session",
    "member", "only" or "" for none), among the ``known`` commissions: raises ValidationError
    for an unknown code."""
    code = request.GET.get("commission", "").strip().lower()
    session = getattr(request, "session", None)
    if code:
        if code == ALL:
            if session is not None:
                session.pop(SESSION_KEY, None)
            return None, ""
        commission = next((c for c in known if c.code == code), None) or by_code(code)
        if session is not None and not request.path_info.startswith("/api/"):
            session[SESSION_KEY] = commission.pk
        return commission.pk, "param"
    if session is not None and session.get(SESSION_KEY):
        remembered = session[SESSION_KEY]
        if any(c.pk == remembered for c in known):
            return remembered, "session"
        session.pop(SESSION_KEY, None)
    if len(member_of) == 1:
        return member_of[0], "member"
    if len(known) == 1:
        return known[0].pk, "only"
    return None, ""
