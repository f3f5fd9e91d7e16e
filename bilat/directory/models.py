"""Who takes part: the two sides, their organisations and people, the commission's bodies."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilat.core.languages import Translated, in_language
from bilat.core.models import Provenance


class Side(models.Model):
    """A member state of the commission (a 'side'), keyed by its ISO code."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    m49 = models.PositiveSmallIntegerField(_("UN M49 code"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    # The forms a generated text needs ("Kazakh statistics", "торговли Казахстана с
    # Узбекистаном"); the name itself when empty.
    adjective_en = models.CharField(_("adjective (English)"), max_length=100, blank=True)
    name_ru_genitive = models.CharField(_("name (Russian, genitive)"), max_length=100, blank=True)
    name_ru_instrumental = models.CharField(_("name (Russian, instrumental)"), max_length=100,
                                            blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("side")
        verbose_name_plural = _("sides")

    def __str__(self) -> str:
        return self.name

    name = Translated()


class Sector(models.Model):
    """A field of cooperation (trade, water, transport...) used to group decisions and projects."""

    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name

    name = Translated()


class Organisation(models.Model):
    """A ministry, agency, company or international body, with its side and parent."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        REGION = "region", _("Regional administration")
        COMPANY = "company", _("Company")
        BANK = "bank", _("Bank or fund")
        INTERNATIONAL = "international", _("International body")
        SECRETARIAT = "secretariat", _("Secretariat")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    side = models.ForeignKey(
        Side, verbose_name=_("side"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations", help_text=_("Empty for international bodies."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["side__order", "name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.abbreviation if self.short_name or self.short_name_ru else self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.code])

    @property
    def abbreviation(self) -> str:
        """The short name in the reader's language (``short_name`` is the English one), else
        the code."""
        return in_language({"en": self.short_name, "ru": self.short_name_ru}) or self.code

    @property
    def label(self) -> str:
        """The acronym with the full name: an acronym alone is not a label."""
        short = self.abbreviation
        return f"{short} — {self.name}" if self.name and self.name != short else short

    name = Translated()


class Person(models.Model):
    """Someone who acts for an organisation: a co-chair, a delegate, a contact."""

    full_name_en = models.CharField(_("full name (English)"), max_length=200)
    full_name_ru = models.CharField(_("full name (Russian)"), max_length=200)
    position_en = models.CharField(_("position (English)"), max_length=300, blank=True)
    position_ru = models.CharField(_("position (Russian)"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
    )
    side = models.ForeignKey(Side, on_delete=models.PROTECT, related_name="people")
    email = models.EmailField(_("e-mail"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED,
        help_text=_("Illustrative: a stand-in for someone the sources do not name."),
    )

    class Meta:
        ordering = ["side__order", "full_name_en"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.pk])

    full_name = Translated()
    position = Translated()


class CommissionBody(models.Model):
    """The commission itself, a subcommission, or a working group on a sector."""

    class Kind(models.TextChoices):
        COMMISSION = "commission", _("Commission")
        SUBCOMMISSION = "subcommission", _("Subcommission")
        WORKING_GROUP = "working_group", _("Working group")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT)
    sides = models.ManyToManyField(Side, related_name="commission_bodies")
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("commission body")
        verbose_name_plural = _("commission bodies")

    def __str__(self) -> str:
        return self.name

    name = Translated()
