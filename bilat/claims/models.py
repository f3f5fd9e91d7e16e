"""Press releases stored with their quantitative claims and the verdicts of the checker."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bilat.core.models import AccessTier, VersionedModel

from .consistency import VERDICTS
from .messages import period_label, quantity, render, render_html
from .vocabulary import INDICATORS

# Worded in the reader's language (``VERDICTS``' order).
VERDICT_CHOICES = list(zip(VERDICTS, (_("consistent"), _("differs by reporter"), _("inconsistent"),
                                      _("not checkable")), strict=True))
FLAGGED = ("inconsistent", "differs_by_reporter")
# Each indicator named in the reader's language (the catalogue's "claims indicator"); the code
# stays the stored value, the API's and the checker's.
INDICATOR_CHOICES = [(k, pgettext_lazy("claims indicator", k)) for k in INDICATORS]


class Document(VersionedModel):
    """A release as read: its text, where and when it was published, and in what language."""

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("HTML")
        DOCX = "docx", _("Word (.docx)")
        PDF = "pdf", _("PDF")

    class Lang(models.TextChoices):
        EN = "en", _("English")
        RU = "ru", _("Russian")

    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    source_format = models.CharField(_("format"), max_length=8, choices=Format.choices,
                                     default=Format.TEXT)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"))
    address = models.URLField(_("address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Lang.choices)
    reporter = models.CharField(
        _("reporting country"), max_length=2, blank=True,
        help_text=_("The country whose statistics the release should use (ISO code); by "
                    "default the first of a claim's countries."),
    )
    access_tier = models.CharField(
        _("access"), max_length=16, choices=AccessTier.choices, default=AccessTier.PUBLIC
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("claims:document", args=[self.pk])

    @property
    def repr_language(self) -> str:
        """The language the release's title (and so its name in the change log) is written in:
        the release's own, quoted as published."""
        return self.language

    # The access policy's protocol: no organisation answers for a document.
    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return set()

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        return Q(pk__in=[])


# How a claim words its figure (``vocabulary.QUALIFIERS``), said for the reader.
QUALIFIER_LABELS = {"exact": _("exact"), "more_than": _("more than"), "about": _("about"),
                    "less_than": _("less than")}


class Claim(models.Model):
    """One quantitative claim of a document (the fields of ``extract.Claim``) and its verdict."""

    access_tier_field = "document__access_tier"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims")
    position = models.PositiveIntegerField(_("position"))
    indicator = models.CharField(_("indicator"), max_length=40,
                                 choices=[(k, k) for k in INDICATORS])
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=20)
    period = models.CharField(_("period"), max_length=40)
    base_period = models.CharField(_("base period"), max_length=40, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=12)
    countries = models.JSONField(_("countries"), default=list)
    text = models.CharField(_("text"), max_length=300)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    verdict = models.CharField(_("verdict"), max_length=24, choices=VERDICT_CHOICES)
    explanation = models.TextField(_("explanation"))
    findings = models.JSONField(_("checks"), default=list, blank=True)
    # The explanation as a message (``messages``): worded in the reader's language when shown.
    message = models.JSONField(_("explanation message"), default=dict, blank=True)

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="claim_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.text} ({self.period})"

    @property
    def access_tier(self) -> str:
        return self.document.access_tier

    @property
    def qualifier_label(self) -> str:
        """How the text words the figure ("more than"…), in the reader's language."""
        return str(QUALIFIER_LABELS.get(self.qualifier, self.qualifier))

    @property
    def indicator_label(self) -> str:
        """The indicator in the reader's language ("товарооборот"); its code in English."""
        return str(dict(INDICATOR_CHOICES).get(self.indicator, self.indicator))

    @property
    def value_label(self) -> str:
        """The value with its unit in the reader's language ("100 гектаров", "4,4 млрд долл.
        США")."""
        return quantity(self.value, self.unit, get_language() or "en")

    @property
    def period_label(self) -> str:
        """The period in the reader's language ("среднесрочная перспектива" for medium_term)."""
        return period_label(self.period, get_language() or "en")

    @property
    def base_period_label(self) -> str:
        return period_label(self.base_period, get_language() or "en")

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED

    def explained(self, lang: str | None = None) -> str:
        """The explanation in ``lang`` (by default the active language); the stored English
        text for a claim checked before explanations were kept as messages."""
        if not self.message:
            return self.explanation
        return render(self.message, lang or get_language() or "en")

    def explained_findings(self, lang: str | None = None) -> list[str]:
        """Each check's explanation in ``lang`` (by default the active language)."""
        lang = lang or get_language() or "en"
        return [render(f["message"], lang) if f.get("message") else f["explanation"]
                for f in self.findings]

    @property
    def explained_html(self) -> str:
        """The explanation in the reader's language for a page, its quotations of the release
        marked with the release's language."""
        if not self.message:
            return self.explanation
        return render_html(self.message, get_language() or "en", self.document.language)

    @property
    def explained_findings_html(self) -> list[str]:
        """Each check's explanation as ``explained_html`` words it."""
        lang = get_language() or "en"
        return [render_html(f["message"], lang, self.document.language) if f.get("message")
                else f["explanation"] for f in self.findings]

    def as_dict(self) -> dict:
        """The claim as the CLI and the corpus write it, with its verdict and explanation."""
        return {
            "indicator": self.indicator, "value": self.value, "unit": self.unit,
            "period": self.period, "base_period": self.base_period or None,
            "qualifier": self.qualifier, "countries": list(self.countries), "text": self.text,
            "start": self.start, "end": self.end, "verdict": self.verdict,
            "explanation": self.explanation,
        }
