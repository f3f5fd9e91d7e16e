"""Indicators, the targets set on them, and the actual values reported (after IATI results)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import basis_choices, default_commission
from bilat.core.languages import Translated, in_language
from bilat.core.models import AccessTier, Provenance, Versioned, VersionedModel
from bilat.trade.display import UNITS
from bilat.trade.themes import Theme, builtin_themes, parse_hs_codes

ISO2 = RegexValidator(r"^[A-Z]{2}$", _("Use a two-letter ISO 3166 code, such as KZ."))
YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]


class Indicator(Versioned):
    """What is measured (mutual trade turnover, exports...), in which unit, between whom."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: US$ bn."))
    # A unit that is not US$ (hydroposts), as a reader of each language writes it after a number.
    unit_ru = models.CharField(_("unit (Russian)"), max_length=60, blank=True)
    unit_kk = models.CharField(_("unit (Kazakh)"), max_length=60, blank=True)
    unit_uz = models.CharField(_("unit (Uzbek)"), max_length=60, blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    definition_ru = models.TextField(_("definition (Russian)"), blank=True)
    trade_metric = models.CharField(
        _("trade metric"), max_length=60, blank=True,
        help_text=_("The code of the trade statistics metric that measures it, e.g. turnover."),
    )
    reporter_iso = models.CharField(
        _("reporter"), max_length=2, blank=True, validators=[ISO2]
    )
    partner_iso = models.CharField(_("partner"), max_length=2, blank=True, validators=[ISO2])

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    name = Translated()
    definition = Translated()

    @property
    def usd_per_unit(self) -> float:
        """US$ in one unit of the indicator ("US$ bn": 1e9; "US$ million": 1e6; else 1)."""
        unit = self.unit.lower()
        if "bn" in unit or "billion" in unit or "млрд" in unit:
            return 1e9
        if "million" in unit or "млн" in unit or unit.rstrip().endswith((" m", "$m")):
            return 1e6
        return 1.0

    @property
    def unit_shown(self) -> str:
        """The unit in the reader's language: US$ billions or millions from bilat's units ("млрд
        долл. США" for "US$ bn"); any other unit as the indicator gives it in that language
        (``unit_ru``…), else as written."""
        unit = next((u for u in UNITS.values() if u.factor == self.usd_per_unit), None)
        if unit and "$" in self.unit:
            return unit.label()
        return in_language({"en": self.unit, "ru": self.unit_ru, "kk": self.unit_kk,
                            "uz": self.unit_uz}) or self.unit


class Target(VersionedModel):
    """A value an indicator should reach by a year, or 'in the medium term', set by a decision."""

    class Horizon(models.TextChoices):
        YEAR = "year", _("By a given year")
        MEDIUM_TERM = "medium_term", _("In the medium term")

    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR
    )
    horizon = models.CharField(
        _("horizon"), max_length=12, choices=Horizon.choices, default=Horizon.YEAR
    )
    assumed_year = models.PositiveSmallIntegerField(
        _("assumed year"), null=True, blank=True, validators=YEAR,
        help_text=_("For a medium-term target: the year the pace is measured against."),
    )
    horizon_note = models.CharField(
        _("horizon note"), max_length=300, blank=True,
        help_text=_("For example: later reported as by 2030 (Trend, 1 Feb 2026)."),
    )
    decision = models.ForeignKey(
        "decisions.Decision", verbose_name=_("set by decision"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="targets",
    )
    access_tier = models.CharField(
        _("access"), max_length=16, choices=AccessTier.choices, default=AccessTier.PUBLIC
    )
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["indicator__code", "target_year", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("targets:detail", args=[self.pk])

    title = Translated()

    @property
    def pace_year(self) -> int | None:
        """The year the pace is measured against: the target year, or the assumed one."""
        return self.target_year if self.horizon == self.Horizon.YEAR else self.assumed_year

    @property
    def value_usd(self) -> float:
        """The target value in US$, from the indicator's unit."""
        return float(self.target_value) * self.indicator.usd_per_unit

    @property
    def year_is_assumed(self) -> bool:
        return self.horizon == self.Horizon.MEDIUM_TERM

    def clean(self) -> None:
        errors = {}
        if self.horizon == self.Horizon.YEAR and not self.target_year:
            errors["target_year"] = _("A target by a given year needs that year.")
        if self.horizon == self.Horizon.MEDIUM_TERM and self.target_year:
            errors["target_year"] = _(
                "A medium-term target has no year of its own: put the year used in "
                "'assumed year' and say why in the horizon note."
            )
        if self.assumed_year and not self.horizon_note:
            errors["horizon_note"] = _("Say where the assumed year comes from.")
        if self.baseline_year and self.pace_year and self.pace_year <= self.baseline_year:
            errors["target_year" if self.target_year else "assumed_year"] = _(
                "The target year must come after the baseline year."
            )
        if errors:
            raise ValidationError(errors)

    # The access policy's protocol: targets have no responsible organisations of their own.
    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return set()

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        return Q(pk__in=[])


class ActualValue(Versioned):
    """The value of a target's indicator for a period, as one side, the meeting or a source has it."""

    history_parent = "target"  # its writes are part of that record's history

    class Basis(models.TextChoices):
        """Bases that are no side's (a side's basis is its statistics office's, named by the
        commission: ``basis_choices``)."""

        MEETING = "meeting", _("The meeting's own figure")
        BACI = "BACI", _("CEPII BACI")
        COMTRADE = "comtrade", _("UN Comtrade")
        OTHER = "other", _("Other")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="actual_values")
    period_label = models.CharField(
        _("period"), max_length=40, help_text=_("As published: 2023, Jan–Apr 2024.")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    is_full_year = models.BooleanField(_("full year"), default=True)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    basis = models.CharField(
        _("basis"), max_length=10,
        help_text=_("A side's statistics basis (its office's, as the commission names it), the "
                    "meeting's own figure, CEPII BACI, UN Comtrade or other."),
    )
    reporting_side = models.ForeignKey(
        "directory.Side", verbose_name=_("reporting side"), null=True, blank=True,
        on_delete=models.PROTECT,
    )
    source = models.TextField(_("source"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["period_start", "basis", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_label", "basis"], name="actual_value_one_per_basis"
            )
        ]
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")

    def __str__(self) -> str:
        value = format(Decimal(str(self.value)).normalize(), "f") if self.value is not None else ""
        return f"{self.period_label} ({self.get_basis_display()}): {value}"

    @classmethod
    def value_labels(cls, name: str) -> dict:
        """The labels of a field's values that the field's own choices do not give (the change
        log asks): the bases that are no side's; a side's basis is its code (KZ)."""
        return dict(cls.Basis.choices) if name == "basis" else {}

    access_tier_field = "target__access_tier"  # seen with its target (accounts.policy)

    @property
    def access_tier(self) -> str:
        return self.target.access_tier

    @property
    def year(self) -> int:
        return self.period_end.year

    def basis_choices(self) -> list[tuple[str, str]]:
        """The bases a value may carry: its commission's sides', then the others."""
        commission_id = self.target.commission_id if self.target_id else None
        return [*basis_choices(commission_id), *self.Basis.choices]

    def get_basis_display(self) -> str:
        return str(dict(self.basis_choices()).get(self.basis, self.basis))

    def clean(self) -> None:
        errors = {}
        if self.basis and self.basis not in dict(self.basis_choices()):
            errors["basis"] = _("Choose one of the bases: %(list)s.") % {
                "list": ", ".join(code for code, _label in self.basis_choices())}
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                errors["period_end"] = _("The period ends before it starts.")
            elif self.is_full_year and not (
                self.period_start.year == self.period_end.year
                and (self.period_start.month, self.period_start.day) == (1, 1)
                and (self.period_end.month, self.period_end.day) == (12, 31)
            ):
                errors["is_full_year"] = _("A full year runs from 1 January to 31 December.")
        if errors:
            raise ValidationError(errors)


class TradeTheme(VersionedModel):
    """A product theme a commission follows in its trade (beyond the built-in agro-food,
    electrical goods and batteries): a name in each language and a list of HS codes."""

    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    code = models.SlugField(_("code"), max_length=40,
                            help_text=_("A short code the charts key the theme by: fertilisers."))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200, blank=True)
    hs_codes = models.CharField(
        _("HS codes"), max_length=500,
        help_text=_("Chapters, headings or subheadings and ranges of them, separated by commas: "
                    "31, 2814, 2834-2836."),
    )
    access_tier = models.CharField(
        _("access"), max_length=16, choices=AccessTier.choices, default=AccessTier.PUBLIC
    )

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["commission", "code"],
                                               name="trade_theme_code_per_commission")]
        verbose_name = _("trade theme")
        verbose_name_plural = _("trade themes")

    def __str__(self) -> str:
        return self.name

    name = Translated()

    def clean(self) -> None:
        errors = {}
        try:
            parse_hs_codes(self.hs_codes)
        except ValueError as exc:
            errors["hs_codes"] = _("The HS codes cannot be read: %(reason)s.") % {
                "reason": exc}
        if self.code in {t.code for t in builtin_themes()}:
            errors["code"] = _("This code is a built-in theme's: choose another.")
        if errors:
            raise ValidationError(errors)

    def as_theme(self) -> Theme:
        """The theme as the trade series reads it."""
        return Theme(self.code, {lang: getattr(self, f"name_{lang}") for lang in
                                 ("en", "ru", "kk", "uz")}, parse_hs_codes(self.hs_codes),
                     is_builtin=False)
