"""Sessions of the commission and its bodies: agenda, attendance and the signed protocol."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import default_commission
from bilat.core.languages import Translated
from bilat.core.models import AccessTier, Language, Provenance, Versioned, VersionedModel


class Meeting(VersionedModel):
    """A numbered session of a commission body (the 21st meeting of the IGC, in Almaty)."""

    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    body = models.ForeignKey(
        "directory.CommissionBody", verbose_name=_("commission body"), on_delete=models.PROTECT,
        related_name="meetings",
    )
    number = models.PositiveIntegerField(_("session number"))
    held_on = models.DateField(_("held on"))
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_ru = models.CharField(_("place (Russian)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    access_tier = models.CharField(
        _("access tier"), max_length=12, choices=AccessTier.choices, default=AccessTier.PUBLIC
    )
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )
    co_chairs = models.ManyToManyField(
        "directory.Person", verbose_name=_("co-chairs"), blank=True, related_name="chaired_meetings"
    )

    class Meta:
        ordering = ["-held_on", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_unique_per_body")
        ]

    def __str__(self) -> str:
        return _("Meeting %(number)s, %(date)s") % {
            "number": self.number, "date": self.held_on.isoformat() if self.held_on else "—"
        }

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    place = Translated()
    # The city is kept by its English name (the place is in place_en and place_ru).
    field_languages = {"city": "en"}

    def previous(self) -> "Meeting | None":
        """The session of the same body held just before this one."""
        return (
            Meeting.objects.filter(body_id=self.body_id, number__lt=self.number)
            .order_by("-number")
            .first()
        )


class AgendaItem(Versioned):
    """One numbered item on a meeting's agenda."""

    history_parent = "meeting"  # its writes are part of that record's history

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    sector = models.ForeignKey(
        "directory.Sector", verbose_name=_("sector"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    title = Translated()

    access_tier_field = "meeting__access_tier"  # seen with its meeting (accounts.policy)

    @property
    def access_tier(self) -> str:
        return self.meeting.access_tier


class Attendance(Versioned):
    """A person present at a meeting, for one side, in a role (head of delegation, member)."""

    history_parent = "meeting"  # its writes are part of that record's history

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), on_delete=models.PROTECT,
        related_name="attendances",
    )
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    role_ru = models.CharField(_("role (Russian)"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "side__order", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"

    role = Translated()

    access_tier_field = "meeting__access_tier"  # seen with its meeting (accounts.policy)

    @property
    def access_tier(self) -> str:
        return self.meeting.access_tier


class Protocol(VersionedModel):
    """The signed protocol of a meeting: its numbered paragraphs are the commission's decisions."""

    history_parent = "meeting"  # its writes are part of that record's history

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="protocol")
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place_en = models.CharField(_("signed at (English)"), max_length=200, blank=True)
    signed_place_ru = models.CharField(_("signed at (Russian)"), max_length=200, blank=True)
    signed_language = models.CharField(
        _("authoritative language"), max_length=2, choices=Language.choices, default=Language.RU
    )
    access_tier = models.CharField(
        _("access tier"), max_length=12, choices=AccessTier.choices, default=AccessTier.OFFICIAL
    )

    class Meta:
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")

    def __str__(self) -> str:
        return self.title or str(_("Protocol"))

    signed_place = Translated()

    title = Translated()


class ProtocolParagraph(Versioned):
    """A numbered paragraph of a protocol ("3.2"): usually one decision of the commission."""

    history_parent = "protocol"  # its writes are part of that record's history

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.CharField(_("paragraph number"), max_length=20)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["protocol", "order", "pk"]
        verbose_name = _("protocol paragraph")
        verbose_name_plural = _("protocol paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["protocol", "number"], name="protocol_paragraph_number_unique"
            )
        ]

    def __str__(self) -> str:
        return _("p. %(number)s") % {"number": self.number}

    text = Translated()

    access_tier_field = "protocol__access_tier"  # seen with its protocol (accounts.policy)

    @property
    def access_tier(self) -> str:
        return self.protocol.access_tier


def _scan_storage():
    from bilat.decisions.models import evidence_storage

    return evidence_storage()


class ProtocolScan(models.Model):
    """The signed protocol's scan (PDF or picture), kept with the protocol and seen by its tier.

    Files are checked by their content, as evidence is (bilat/meetings/scans.py), and served only
    through the permission-checked download view."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="scans")
    file = models.FileField(_("file"), storage=_scan_storage, upload_to="protocols/%Y/",
                            max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    access_tier_field = "protocol__access_tier"

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("scan of the signed protocol")
        verbose_name_plural = _("scans of the signed protocol")

    def __str__(self) -> str:
        return self.original_name

    @property
    def access_tier(self) -> str:
        return self.protocol.access_tier
