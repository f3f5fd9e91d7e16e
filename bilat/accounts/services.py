"""Writes about signing in: the change-log entry of a lockout, and lifting a lockout."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bilat.core.changelog import record_change
from bilat.core.models import ChangeLogEntry

from .models import FailedSignIn
from .policy import Action, can


def _summary(row: FailedSignIn) -> dict:
    return {
        "username": row.username,
        "ip_address": row.ip_address,
        "user_agent": row.user_agent,
        "path_info": row.path_info,
        "failures_since_start": row.failures_since_start,
        "attempt_time": row.attempt_time,
    }


def _failures(rows) -> int:
    return rows.aggregate(n=Sum("failures_since_start"))["n"] or 0


def record_lockout(
    *, username: str | None, ip_address: str | None, user_agent: str
) -> ChangeLogEntry | None:
    """Log that an account, an address or both were just locked out of signing in."""
    row = FailedSignIn.objects.filter(
        username=username, ip_address=ip_address, user_agent=user_agent
    ).first()
    if row is None:
        return None
    limit = settings.AXES_FAILURE_LIMIT
    cool_off = settings.AXES_COOLOFF_TIME
    recent = FailedSignIn.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    locked = [
        name for name, rows in (("account", recent.filter(username=username)),
                                ("address", recent.filter(ip_address=ip_address)))
        if _failures(rows) >= limit
    ]
    until = timezone.localtime(row.attempt_time + cool_off)
    return record_change(
        row, action="lock_out", actor=None, before=None,
        after={**_summary(row), "locked": " and ".join(locked), "locked_until": until},
        message=f"{limit} failed sign-ins: locked until {until.isoformat(timespec='seconds')}",
    )


@transaction.atomic
def lift_lockout(*, actor: User, username: str = "", ip_address: str = "") -> int:
    """Clear the failed sign-ins of an account and/or from an address: it may sign in at once.

    Returns how many records of failed sign-ins were cleared (each is logged).
    """
    if not can(actor, Action.LIFT_LOCKOUT):
        raise PermissionDenied(_("Only an administrator can lift a sign-in lockout."))
    if not (username or ip_address):
        raise ValueError("Name the account or the address whose lockout to lift.")
    matching = Q(pk__in=[])
    if username:
        matching |= Q(username=username)
    if ip_address:
        matching |= Q(ip_address=ip_address)
    rows = list(FailedSignIn.objects.select_for_update().filter(matching).order_by("pk"))
    for row in rows:
        before = _summary(row)
        record_change(row, action="lift_lockout", actor=actor, before=before,
                      after={**before, "failures_since_start": 0})
        row.delete()
    return len(rows)
