"""A user's own settings: the private calendar feed (a secret address that calendar programs
subscribe to) and what the user wants by mail."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(token: str) -> str:
    """What is stored of a feed's token: its SHA-256, so a copy of the database opens no feed."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def open(self, token: str):
        """The active feed of ``token``, or None."""
        return self.active().select_related("user").filter(digest=token_digest(token)).first()


class CalendarFeed(models.Model):
    """A user's iCalendar feed; its token is shown once, at creation, and can be revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_read_at = models.DateTimeField(_("last read at"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, user) -> tuple[CalendarFeed, str]:
        """A new feed for ``user`` (revoking the previous ones) and its token, to show once."""
        token = secrets.token_urlsafe(32)
        cls.objects.active().filter(user=user).update(revoked_at=timezone.now())
        return cls.objects.create(user=user, digest=token_digest(token)), token

    @classmethod
    def revoke_all(cls, user) -> int:
        return cls.objects.active().filter(user=user).update(revoked_at=timezone.now())


class NotificationSettings(models.Model):
    """What a user wants by mail, and in which language its notifications are written.

    Every notification is kept in bilat whatever the settings; the settings decide only the mail.
    A user without a row gets the defaults: every kind by mail, in the installation's language.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminders of due dates")
        REPORT = "report", _("Reports to verify")
        EXTENSION = "extension", _("Requests for more time")
        RETURNED = "returned", _("Reports returned to me")
        COMMENT = "comment", _("Comments on decisions")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    language = models.CharField(_("language of notifications"), max_length=8, blank=True,
                                choices=settings.LANGUAGES,
                                help_text=_("Empty: the installation's language."))
    mail_reminder = models.BooleanField(_("mail reminders of due dates"), default=True)
    mail_report = models.BooleanField(_("mail reports to verify"), default=True)
    mail_extension = models.BooleanField(_("mail requests for more time"), default=True)
    mail_returned = models.BooleanField(_("mail reports returned to me"), default=True)
    mail_comment = models.BooleanField(_("mail comments on decisions"), default=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)

    def mails(self, kind: str) -> bool:
        return bool(getattr(self, f"mail_{kind}"))

    @property
    def language_code(self) -> str:
        return self.language or settings.LANGUAGE_CODE


class Comment(models.Model):
    """A message on one side's part of a decision, between the two secretariats and the
    organisations answerable for it (``policy.Action.COMMENT``); seen with its decision's tier.

    Comments are never edited or deleted: the conversation is part of the record, and each one is
    in the change log.
    """

    decision_side = models.ForeignKey(
        "decisions.DecisionSide", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    access_tier_field = "decision_side__decision__access_tier"

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.decision_side} · {self.author}"

    @property
    def access_tier(self) -> str:
        return self.decision_side.decision.access_tier
