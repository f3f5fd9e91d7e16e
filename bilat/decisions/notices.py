"""Notifications about the work between the sides: in bilat always, by mail as each user wishes.

A secretariat hears when a report arrives for it to verify or a request for more time awaits
its answer; an officer hears when its report is returned. Each message is written in the
recipient's language (``NotificationSettings.language``). Mail leaves after the transaction that
wrote the notification commits (never for a write that was rolled back).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from bilat.accounts.models import Role
from bilat.work.models import NotificationSettings

from .models import Decision, Notification

logger = logging.getLogger(__name__)
Kind = NotificationSettings.Kind


def settings_of(user) -> NotificationSettings:
    """The user's notification settings (the defaults, unsaved, for a user without a row)."""
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user)


def secretariat_of(side_id: int):
    """The active secretariat users of a side."""
    return get_user_model().objects.filter(
        is_active=True, profile__role=Role.SECRETARIAT, profile__side_id=side_id
    ).order_by("pk")


def send_one(subject: str, body: str, address: str) -> None:
    """Hand one e-mail to the mailer; a failure is logged, never retried (at most once)."""
    try:
        send_mail(subject, body, None, [address])
    except Exception:  # noqa: BLE001 - one bad address or a mail server outage
        logger.exception("Notification e-mail to %s could not be sent", address)


def notify(users: Iterable, decision: Decision, kind: str,
           message: Callable[[], tuple[str, str]], *, skip=None) -> int:
    """Write ``message()`` (subject, body — built in each user's language) to each user, and mail
    it to those who want mail of ``kind``; ``skip`` (a user) is left out. Returns how many."""
    count = 0
    for user in users:
        if skip is not None and user.pk == skip.pk:
            continue
        prefs = settings_of(user)
        with translation.override(prefs.language_code):
            subject, body = message()
        Notification.objects.create(user=user, decision=decision, message=body,
                                    language=prefs.language_code)
        if prefs.mails(kind) and user.email:
            transaction.on_commit(lambda s=subject, b=body, a=user.email: send_one(s, b, a))
        count += 1
    return count
