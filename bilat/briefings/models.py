"""As-of snapshots: every figure a briefing uses, frozen with its rule, basis and source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import default_commission
from bilat.core.models import AccessTier


class Snapshot(models.Model):
    """The figures of the commission as they stood on one date, frozen for a briefing."""

    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="snapshots",
    )
    as_of = models.DateField(_("as of"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    content_hash = models.CharField(_("content hash"), max_length=64)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-as_of", "-created_at", "-pk"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        indexes = [models.Index(fields=["meeting", "as_of"])]

    def __str__(self) -> str:
        return _("Snapshot as of %(date)s") % {"date": self.as_of.isoformat()}

    # Snapshots are read by everyone who may see the briefing: the figures in them are
    # aggregates of public and official records, frozen for the commission's own use
    # (sources.gather counts what a reader of this tier sees, never restricted records).
    figures_tier = AccessTier.OFFICIAL

    @property
    def access_tier(self) -> str:
        """Who may read the snapshot: its figures' tier, or its meeting's when that is
        restricted (the figures name the meeting)."""
        if self.meeting_id and self.meeting.access_tier == AccessTier.RESTRICTED:
            return AccessTier.RESTRICTED
        return self.figures_tier


class FigureProvenance(models.TextChoices):
    """Where a frozen figure comes from; a computed one is as weak as its weakest input
    (``figures.computed``)."""

    SOURCED = "sourced", _("sourced")
    DERIVED = "derived", _("derived")
    ILLUSTRATIVE = "illustrative", _("illustrative")
    SYNTHETIC = "synthetic", _("synthetic")


class SnapshotFigure(models.Model):
    """One frozen figure: its key, value, unit, period, basis, source and counting rule."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(_("key"), max_length=120)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)  # a data note can run past 300 characters
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    period = models.CharField(_("period"), max_length=40, blank=True)
    basis = models.CharField(_("basis"), max_length=40, blank=True)
    source = models.TextField(_("source"), blank=True)
    rule = models.TextField(_("counting rule or definition"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=FigureProvenance.choices,
        default=FigureProvenance.SOURCED,
    )
    inputs = models.CharField(_("computed from"), max_length=200, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=16, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)

    class Meta:
        ordering = ["snapshot", "key"]
        verbose_name = _("snapshot figure")
        verbose_name_plural = _("snapshot figures")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "key"], name="snapshot_figure_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value if self.value is not None else self.text}"
