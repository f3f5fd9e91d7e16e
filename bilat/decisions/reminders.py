"""Reminders of due dates: 7, 3 and 1 days before, and on the day after a due date is missed.

A scan finds the sides of decisions on control that still owe work, picks the reminder each one
is due for today, and sends it to the officers of that side's lead organisation: a
``Notification`` row (in bilat) and an e-mail.

Each reminder goes out once per side, threshold and due date, however often the scan runs and
even if the worker restarts mid-scan: the ``ReminderLog`` row is inserted first, in the same
transaction as the notifications, and its unique key refuses a second one. Mail is sent only
after that transaction commits, so it is *at most once*: a crash between the commit and the
mail server loses that e-mail (the notification in bilat stands). See docs/control.md.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bilat.accounts.models import Role

from . import notices
from .models import OPEN_SIDE_STATUSES, Decision, DecisionSide, Notification, ReminderLog

logger = logging.getLogger(__name__)

T = ReminderLog.Threshold
# threshold → (fewest, most) days left before the due date for which it is the one to send.
# Windows, not exact days, so that a scan missed for a day or two (the worker was down) still
# sends the reminder that is current; an older threshold that was skipped is not sent late.
WINDOWS: dict[str, tuple[int, int]] = {
    T.D7: (4, 7),
    T.D3: (2, 3),
    T.D1: (0, 1),
    T.MISSED: (-7, -1),  # a week of catching up after the due date, then silence
}
LOOKAHEAD_DAYS = max(high for _, high in WINDOWS.values())
LOOKBACK_DAYS = -min(low for low, _ in WINDOWS.values())


def threshold_for(days_left: int) -> str | None:
    """The reminder due when ``days_left`` days remain (negative once the date has passed)."""
    for threshold, (low, high) in WINDOWS.items():
        if low <= days_left <= high:
            return threshold
    return None


@dataclass
class ScanResult:
    """What one scan did: reminders recorded, notifications written, e-mails handed over."""

    today: datetime.date
    reminders: int = 0
    notifications: int = 0
    mails_queued: int = 0
    already_sent: int = 0
    without_officers: int = 0
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (control no., side, threshold)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        return data


def _message(part: DecisionSide, threshold: str, today: datetime.date) -> tuple[str, str]:
    decision = part.decision
    values = {
        "number": decision.control_number,
        "title": decision.title,
        "side": part.side.code,
        "due_on": part.due_on.isoformat(),
    }
    if threshold == T.MISSED:
        subject = _("Decision %(number)s is overdue") % values
        body = _(
            "Decision %(number)s (%(title)s) was due on %(due_on)s for side %(side)s and has not "
            "been reported on. Submit the execution report, or ask for an extension."
        ) % values
        return subject, body
    days = (part.due_on - today).days
    values["days"] = days
    subject = ngettext(
        "Decision %(number)s is due in %(days)s day",
        "Decision %(number)s is due in %(days)s days",
        days,
    ) % values
    body = ngettext(
        "Decision %(number)s (%(title)s) is due on %(due_on)s for side %(side)s: %(days)s day "
        "left. Submit the execution report in bilat before then.",
        "Decision %(number)s (%(title)s) is due on %(due_on)s for side %(side)s: %(days)s days "
        "left. Submit the execution report in bilat before then.",
        days,
    ) % values
    return subject, body


def _send_mails(mails: list[tuple[str, str, str]]) -> None:
    """Hand the e-mails to the mailer, each at most once (``notices.send_one``)."""
    for subject, body, address in mails:
        notices.send_one(subject, body, address)


def _officers_by_organisation(organisation_ids: set[int]) -> dict[int, list]:
    User = get_user_model()
    officers = User.objects.filter(
        is_active=True,
        profile__role=Role.OFFICER,
        profile__organisation_id__in=organisation_ids,
    ).select_related("profile").order_by("pk")
    by_org: dict[int, list] = defaultdict(list)
    for user in officers:
        by_org[user.profile.organisation_id].append(user)
    return by_org


def due_reminders(today: datetime.date) -> list[tuple[DecisionSide, str]]:
    """The sides owing work whose current reminder has not been sent yet, with that reminder."""
    parts = list(
        DecisionSide.objects.filter(
            status__in=OPEN_SIDE_STATUSES,
            decision__control_state=Decision.ControlState.ON_CONTROL,
            lead__isnull=False,
            due_on__gte=today - datetime.timedelta(days=LOOKBACK_DAYS),
            due_on__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS),
        )
        .select_related("decision", "side", "lead")
        .order_by("due_on", "decision__control_number", "side__order")
    )
    sent = set(
        ReminderLog.objects.filter(decision_side__in=[p.pk for p in parts]).values_list(
            "decision_side_id", "threshold", "due_on"
        )
    )
    due = []
    for part in parts:
        threshold = threshold_for((part.due_on - today).days)
        if threshold and (part.pk, threshold, part.due_on) not in sent:
            due.append((part, threshold))
    return due


def scan_reminders(today: datetime.date | None = None) -> ScanResult:
    """Send every reminder that is due today and was not sent before; safe to run any time."""
    today = today or timezone.localdate()
    result = ScanResult(today=today)
    due = due_reminders(today)
    officers = _officers_by_organisation({part.lead_id for part, _t in due})
    with translation.override(settings.LANGUAGE_CODE):
        for part, threshold in due:
            recipients = officers.get(part.lead_id, [])
            if not recipients:
                # Nobody to tell yet: leave it unrecorded so an officer added later still hears.
                result.without_officers += 1
                continue
            # Each recipient's message in the language of their notification settings.
            written = {}
            for u in recipients:
                with translation.override(notices.settings_of(u).language_code):
                    written[u.pk] = (*_message(part, threshold, today),
                                     translation.get_language())
            mails = [(*written[u.pk][:2], u.email) for u in recipients
                     if u.email and notices.settings_of(u).mails(notices.Kind.REMINDER)]
            try:
                with transaction.atomic():
                    ReminderLog.objects.create(
                        decision_side=part, threshold=threshold, due_on=part.due_on,
                        sent_at=timezone.now(),
                    )
                    Notification.objects.bulk_create(
                        Notification(user=u, decision=part.decision, message=written[u.pk][1],
                                     language=written[u.pk][2])
                        for u in recipients
                    )
                    forget_unread(u.pk for u in recipients)  # bulk_create sends no signal
                    # Mail leaves only once the log row is safely in: at most once.
                    transaction.on_commit(lambda mails=mails: _send_mails(mails))
            except IntegrityError:
                result.already_sent += 1  # another scan got there first
                continue
            result.reminders += 1
            result.notifications += len(recipients)
            result.mails_queued += len(mails)
            result.sent.append((part.decision.control_number, part.side.code, threshold))
    return result


def unread_count(user) -> int:
    """How many notifications the user has not read (the top bar's badge on every page).

    Where every server process shares the cache, the count is kept there until a notification
    of the user is written (``forget_unread``: at once and when the write commits, so no
    request keeps a count read before it); otherwise it is counted each time."""
    if not settings.BILAT_SHARED_CACHE:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()
    key = f"bilat.unread:{user.pk}"
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


UNREAD_TIMEOUT = 300  # the bound on a change missed while the cache could not be reached


def unread_of(request) -> int:
    """``unread_count`` of the request's user, read once per request (the top bar and the key
    of a page served whole both show it)."""
    count = getattr(request, "_bilat_unread", None)
    if count is None:
        count = request._bilat_unread = unread_count(request.user)
    return count


def forget_unread(user_ids) -> None:
    """The unread counts of these users are counted again: now and when the write commits."""
    if settings.BILAT_SHARED_CACHE:
        keys = [f"bilat.unread:{pk}" for pk in set(user_ids)]
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def on_notification_written(instance, **_kwargs) -> None:
    forget_unread([instance.user_id])


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or those in ``ids``) as read; returns how many.

    Notifications are personal messages, not registry records: marking them read is not logged.
    """
    notes = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        notes = notes.filter(pk__in=ids)
    marked = notes.update(read_at=timezone.now())
    forget_unread([user.pk])
    return marked
