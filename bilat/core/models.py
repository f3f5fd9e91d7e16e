"""Building blocks shared by every registry app: access tiers, languages, versions, the change log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessTier(models.TextChoices):
    """Who may see a record: everybody, signed-in users of both sides, or those responsible."""

    PUBLIC = "public", _("Public")
    OFFICIAL = "official", _("Official use")
    RESTRICTED = "restricted", _("Restricted")


class Language(models.TextChoices):
    """Languages a signed text can be authoritative in."""

    EN = "en", _("English")
    RU = "ru", _("Russian")
    KK = "kk", _("Kazakh")
    UZ = "uz", _("Uzbek")


class Versioned(models.Model):
    """A record that refuses a save made from a stale copy (optimistic locking).

    Every write bumps ``version``; an editor sends back the version it read, and a stale one
    is refused (the API answers 409). Every record writable through the API has one.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class VersionedModel(Versioned):
    """A versioned registry record that also keeps when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Provenance(models.TextChoices):
    """Where a demo or registry figure comes from: a published source, or filled in."""

    SOURCED = "sourced", _("From a published source")
    DERIVED = "derived", _("Derived from published figures")
    ILLUSTRATIVE = "illustrative", _("Illustrative (not from a source)")


class ChangeLogEntry(models.Model):
    """One write to the registry: who did what to which record, before and after.

    Entries are append-only and chained: each carries the SHA-256 of its own content and of
    the entry before it, so that either side can check that nothing was altered or removed.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=16, blank=True)  # page, api, admin, cli, import
    action = models.CharField(max_length=32)
    object_type = models.CharField(max_length=64)  # "app_label.model"
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("change-log entry")
        verbose_name_plural = _("change log")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Change-log entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Change-log entries are append-only.")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """Field, old value and new value for every field the write changed."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class ChainHead(models.Model):
    """The single row that serialises appends to the change log (locked while appending)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


class ChangeMark(models.Model):
    """The latest change-log entry of one part of the registry, moved with every write to it.

    A write to a record moves the mark of its area (``decisions``), of the kind of record its
    history belongs to (``decisions.decision``: the top of its ``history_parent`` chain) and of
    the record and each record above it (``decisions.decision:12``), in the write's transaction.
    A cached page keys itself by the marks of what it shows, so a write elsewhere keeps it.
    """

    key = models.CharField(max_length=120, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} #{self.seq}"
