"""Water accounting on the Syr Darya: sites, series, readings, rating curves, limits, bulletins.

Shapes after OGC SensorThings (site → sensor → series → observation) and WaterML 2.0 (quality
of each observation). A reading is keyed by (series, time) and never changed: a different value
for the same key is a new revision, flagged for review (docs/water.md).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bilat.core.countries import country
from bilat.core.languages import Translated, language_order
from bilat.core.models import AccessTier, Provenance, Versioned

from .periods import season_dekadas

# Dekadas and bulletins are counted in the local time of the side operating a site (the
# reference table of countries gives each country's zone).


class WaterAuthority(models.Model):
    """An organisation answering for water on one side: its officers write that side's series
    and read the series shared with that side (a water ministry, a hydromet service)."""

    organisation = models.OneToOneField(
        "directory.Organisation", on_delete=models.PROTECT, related_name="water_authority"
    )

    class Meta:
        verbose_name = _("water authority")
        verbose_name_plural = _("water authorities")

    def __str__(self) -> str:
        return str(self.organisation)


class Site(models.Model):
    """A place where water is measured: a river gauge, a canal head, a reservoir, a border
    section; operated by one side."""

    class Kind(models.TextChoices):
        RIVER_GAUGE = "river_gauge", _("River gauge")
        CANAL_HEAD = "canal_head", _("Canal head")
        RESERVOIR = "reservoir", _("Reservoir")
        BORDER_SECTION = "border_section", _("Border section")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("operating side"), on_delete=models.PROTECT,
        related_name="water_sites",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    is_approximate = models.BooleanField(_("approximate location"), default=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["side__order", "code"]
        verbose_name = _("water site")
        verbose_name_plural = _("water sites")

    def __str__(self) -> str:
        return self.name

    name = Translated()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The local time zone dekadas of this site are counted in."""
        known = country(self.side.code)
        return zoneinfo.ZoneInfo(known.time_zone if known else settings.TIME_ZONE)


class Sensor(models.Model):
    """An instrument at a site (a radar stage sensor, an acoustic flow meter, a logger)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sensors")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    model = models.CharField(_("model"), max_length=120, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sensor")
        verbose_name_plural = _("sensors")

    def __str__(self) -> str:
        return self.code


class Series(models.Model):
    """A time series of one parameter at one site, owned by one side and shared with others."""

    class Parameter(models.TextChoices):
        STAGE = "stage", _("Stage")
        DISCHARGE = "discharge", _("Discharge")
        VOLUME = "volume", _("Volume")
        RESERVOIR_LEVEL = "reservoir_level", _("Reservoir level")
        STORAGE = "storage", _("Storage")

    class Statistic(models.TextChoices):
        INSTANTANEOUS = "instantaneous", _("Instantaneous")
        MEAN = "mean", _("Mean over the step")
        TOTAL = "total", _("Total over the step")

    class Level(models.TextChoices):
        RAW = "raw", _("Raw")
        VALIDATED = "validated", _("Validated")
        DERIVED = "derived", _("Derived")

    class Source(models.TextChoices):
        TELEMETRY = "telemetry", _("Telemetry")
        MANUAL = "manual", _("Manual reading")
        SYNTHETIC = "synthetic", _("Synthetic (demo)")

    code = models.SlugField(_("code"), max_length=80, unique=True)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="series")
    sensor = models.ForeignKey(
        Sensor, null=True, blank=True, on_delete=models.SET_NULL, related_name="series"
    )
    parameter = models.CharField(_("parameter"), max_length=20, choices=Parameter.choices)
    unit = models.CharField(_("unit"), max_length=10)
    step_seconds = models.PositiveIntegerField(_("time step (s)"), default=600)
    statistic = models.CharField(
        _("statistic"), max_length=20, choices=Statistic.choices, default=Statistic.INSTANTANEOUS
    )
    processing_level = models.CharField(
        _("processing level"), max_length=12, choices=Level.choices, default=Level.RAW
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.TELEMETRY
    )
    owner_side = models.ForeignKey(
        "directory.Side", verbose_name=_("owning side"), on_delete=models.PROTECT,
        related_name="water_series",
    )
    shared_with = models.ManyToManyField(
        "directory.Side", verbose_name=_("shared with"), blank=True, related_name="+"
    )
    access_tier = models.CharField(
        _("access"), max_length=12, choices=AccessTier.choices, default=AccessTier.RESTRICTED
    )
    # Quality limits in the series' unit: outside the hard ones a reading is poor (excluded);
    # outside the soft ones, too steep or stuck it is suspect (counted, and shown as such).
    hard_min = models.FloatField(_("hard minimum"), null=True, blank=True)
    hard_max = models.FloatField(_("hard maximum"), null=True, blank=True)
    soft_min = models.FloatField(_("soft minimum"), null=True, blank=True)
    soft_max = models.FloatField(_("soft maximum"), null=True, blank=True)
    max_rate_per_hour = models.FloatField(_("largest change per hour"), null=True, blank=True)
    stuck_after = models.PositiveSmallIntegerField(
        _("identical readings before a sensor counts as stuck"), default=18,
    )

    access_tier_field = "access_tier"

    class Meta:
        ordering = ["site__code", "parameter", "code"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.code

    # The policy's protocol (accounts/policy.py): the owning side's water authorities write;
    # the water authorities of every side the series is shared with read.
    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        if side_id is None:
            sides = {self.owner_side_id, *self.shared_with.values_list("pk", flat=True)}
        elif side_id == self.owner_side_id:
            sides = {side_id}
        else:
            return set()
        return set(WaterAuthority.objects.filter(
            organisation__side__in=sides).values_list("organisation_id", flat=True))

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        side_ids = WaterAuthority.objects.filter(organisation_id=organisation_id).values(
            "organisation__side")
        return Q(**{f"{prefix}owner_side__in": side_ids}) | Q(
            **{f"{prefix}shared_with__in": side_ids})


class Batch(models.Model):
    """One delivery of readings (an API call, an MQTT message, a file), answered once: the same
    client batch id again gets the first answer."""

    class Door(models.TextChoices):
        API = "api", _("API")
        MQTT = "mqtt", _("MQTT")
        FILE = "file", _("File import")
        DEMO = "demo", _("Demo load")

    client_batch_id = models.CharField(_("client batch id"), max_length=200, unique=True)
    door = models.CharField(_("door"), max_length=8, choices=Door.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    digest = models.CharField(_("digest of the rows"), max_length=64)
    answer = models.JSONField(_("answer"))

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("batch of readings")
        verbose_name_plural = _("batches of readings")

    def __str__(self) -> str:
        return self.client_batch_id


class Reading(models.Model):
    """One observation of a series at one time (UTC). Never changed: a different value for
    the same time is a new revision, and the newest revision is the current one."""

    # No index of its own on series: the key (series, at, revision) serves every lookup by
    # series and by series and time; each extra index is paid on every reading written.
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="readings",
                               db_index=False)
    at = models.DateTimeField(_("time"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    value = models.FloatField(_("value"))
    is_current = models.BooleanField(_("current"), default=True)
    needs_review = models.BooleanField(_("conflict to review"), default=False)
    # No database constraint: a reading is written only by ``services.insert_readings`` in
    # the transaction that created its batch, and a batch is never deleted (PROTECT). The
    # constraint's check ran once per reading at commit, about 40 % of a 5,000-reading batch's
    # commit, for a row the same transaction had just inserted.
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="readings", db_constraint=False)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            models.UniqueConstraint(fields=["series", "at", "revision"], name="reading_key"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id}@{self.at.isoformat()}#{self.revision}"


class RatingCurve(models.Model):
    """Stage → discharge at a site, valid from a moment until the next version. Either
    power-law segments Q = a·(h − h0)^b, or a table of points interpolated linearly; never
    used beyond its stage range."""

    class Kind(models.TextChoices):
        POWER = "power", _("Power-law segments")
        TABLE = "table", _("Table of points")

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="rating_curves")
    valid_from = models.DateTimeField(_("valid from"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # power: [{"from": h, "to": h, "a": .., "h0": .., "b": ..}, ...] (stage in m, Q in m³/s);
    # table: [[h, q], ...] in increasing stage.
    definition = models.JSONField(_("definition"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.ILLUSTRATIVE
    )

    class Meta:
        ordering = ["site", "valid_from"]
        verbose_name = _("rating curve")
        verbose_name_plural = _("rating curves")
        constraints = [
            models.UniqueConstraint(fields=["site", "valid_from"], name="rating_curve_version"),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} from {self.valid_from:%Y-%m-%d}"


class Gauging(models.Model):
    """A field measurement of discharge at a known stage (what rating curves are fitted to)."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="gaugings")
    measured_at = models.DateTimeField(_("measured at"))
    stage_m = models.FloatField(_("stage (m)"))
    discharge_m3s = models.FloatField(_("discharge (m³/s)"))
    method = models.CharField(_("method"), max_length=60, blank=True)

    class Meta:
        ordering = ["site", "measured_at"]
        verbose_name = _("gauging")
        verbose_name_plural = _("gaugings")

    def __str__(self) -> str:
        return f"{self.site.code} {self.measured_at:%Y-%m-%d}"


class VolumeAggregate(models.Model):
    """A series' quality counts and volume over one dekada, recomputed from its readings
    whenever a reading of that dekada arrives (in the same transaction)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="aggregates")
    period = models.CharField(_("dekada"), max_length=10)  # 2024-07-2
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    readings = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    suspect = models.PositiveIntegerField(default=0)
    poor = models.PositiveIntegerField(default=0)
    gaps = models.PositiveIntegerField(default=0)
    covered_seconds = models.FloatField(default=0)
    volume_m3 = models.FloatField(null=True, blank=True)  # over the covered time only
    conflicts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["series", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "period"], name="aggregate_once"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.period}"


class Agreement(Versioned):
    """A water-sharing decision (an ICWC protocol) setting season limits per party."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    reference = models.CharField(_("protocol reference"), max_length=200)
    reference_ru = models.CharField(_("protocol reference (Russian)"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["-signed_on", "code"]
        verbose_name = _("water agreement")
        verbose_name_plural = _("water agreements")

    def __str__(self) -> str:
        return self.title

    title = Translated()

    def reference_shown(self, lang: str | None = None) -> tuple[str, str]:
        """The protocol reference for a reader of ``lang`` (the active language by default)
        and the language it is written in: ``reference`` is the English wording,
        ``reference_ru`` the Russian (Kazakh and Uzbek readers read the Russian)."""
        texts = {"en": self.reference, "ru": self.reference_ru}
        code = next((c for c in language_order(lang) if texts.get(c)), "")
        return code, texts.get(code, "")

    def get_absolute_url(self) -> str:
        return reverse("water:agreement", args=[self.code])


class SeasonLimit(Versioned):
    """One party's limit for one season at one intake, in Mm³ (a withdrawal limit, a
    guaranteed inflow or an environmental release)."""

    class Kind(models.TextChoices):
        WITHDRAWAL = "withdrawal", _("Withdrawal limit")
        INFLOW = "inflow", _("Guaranteed inflow")
        ENVIRONMENTAL = "environmental", _("Environmental release")

    class Season(models.TextChoices):
        GROWING = "growing", _("Growing season (1 Apr – 30 Sep)")
        NON_GROWING = "non_growing", _("Non-growing season (1 Oct – 31 Mar)")

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="limits")
    side = models.ForeignKey("directory.Side", verbose_name=_("party"), on_delete=models.PROTECT,
                             related_name="+")
    site = models.ForeignKey(Site, verbose_name=_("intake"), on_delete=models.PROTECT,
                             related_name="limits")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    season = models.CharField(_("season"), max_length=12, choices=Season.choices)
    year = models.PositiveSmallIntegerField(_("year the season starts"))
    limit_mm3 = models.DecimalField(_("limit (Mm³)"), max_digits=10, decimal_places=1)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )

    class Meta:
        ordering = ["year", "season", "side__order", "site__code"]
        verbose_name = _("season limit")
        verbose_name_plural = _("season limits")
        constraints = [models.UniqueConstraint(
            fields=["side", "site", "kind", "season", "year"], name="season_limit_once")]

    def __str__(self) -> str:
        # In the reader's words: the party, the site's name, the season by its label.
        return (f"{self.side.code}, {self.site.name}: {self.get_kind_display()}, {self.year}, "
                f"{self.get_season_display()}")

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 4 if self.season == self.Season.GROWING else 10, 1)

    @property
    def ends_on(self) -> datetime.date:
        if self.season == self.Season.GROWING:
            return datetime.date(self.year, 9, 30)
        return datetime.date(self.year + 1, 3, 31)

    def get_absolute_url(self) -> str:
        return reverse("water:limit", args=[self.pk])

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        """The party's water authorities: their officers keep its plans."""
        if side_id is not None and side_id != self.side_id:
            return set()
        return set(WaterAuthority.objects.filter(
            organisation__side=self.side_id).values_list("organisation_id", flat=True))

    def periods(self) -> list[str]:
        """Every period a plan of this limit may cover: the season's months and dekadas."""
        dekadas = season_dekadas(self.year, self.season)
        months = list(dict.fromkeys(d.month_key for d in dekadas))
        return [*months, *(str(d) for d in dekadas)]


class Plan(Versioned):
    """The planned volume of one limit over one dekada (2024-07-2) or month (2024-07), Mm³."""

    limit = models.ForeignKey(SeasonLimit, on_delete=models.CASCADE, related_name="plans")
    period = models.CharField(_("period"), max_length=10)
    volume_mm3 = models.DecimalField(_("planned volume (Mm³)"), max_digits=10, decimal_places=2)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.ILLUSTRATIVE
    )

    class Meta:
        ordering = ["limit", "period"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [models.UniqueConstraint(fields=["limit", "period"], name="plan_once")]

    def __str__(self) -> str:
        return f"{self.limit} {self.period}"

    @property
    def is_month(self) -> bool:
        return len(self.period) == 7

    def clean(self) -> None:
        if self.limit_id and self.period not in self.limit.periods():
            raise ValidationError({"period": _(
                "A month (2024-07) or a dekada (2024-07-2) of the limit's season, "
                "%(first)s – %(last)s.") % {"first": self.limit.starts_on,
                                           "last": self.limit.ends_on}})
        if self.volume_mm3 is not None and self.volume_mm3 < 0:
            raise ValidationError({"volume_mm3": _("A planned volume cannot be negative.")})


class Alert(models.Model):
    """A deviation from the plan over one dekada, raised once per limit, dekada and level."""

    class Level(models.TextChoices):
        WARN = "warn", _("Warning")
        BREACH = "breach", _("Breach")

    limit = models.ForeignKey(SeasonLimit, on_delete=models.CASCADE, related_name="alerts")
    period = models.CharField(_("dekada"), max_length=10)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    planned_mm3 = models.FloatField(_("planned (Mm³)"))
    actual_mm3 = models.FloatField(_("actual (Mm³)"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("deviation alert")
        verbose_name_plural = _("deviation alerts")
        constraints = [models.UniqueConstraint(
            fields=["limit", "period", "level"], name="alert_once_per_dekada")]

    def __str__(self) -> str:
        return f"{self.limit}; {self.period}: {self.get_level_display()}"

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        if side_id is not None and side_id != self.limit.side_id:
            return set()
        return set(WaterAuthority.objects.filter(
            organisation__side=self.limit.side_id).values_list("organisation_id", flat=True))


class Bulletin(models.Model):
    """The dekada bulletin: plan against actual per site and party; each party approves the
    figures it saw (their digest), and a change of the figures reopens it."""

    period = models.CharField(_("dekada"), max_length=10, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-period"]
        verbose_name = _("dekada bulletin")
        verbose_name_plural = _("dekada bulletins")

    def __str__(self) -> str:
        return self.period

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        authorities = WaterAuthority.objects.all()
        if side_id is not None:
            authorities = authorities.filter(organisation__side=side_id)
        return set(authorities.values_list("organisation_id", flat=True))


class BulletinApproval(models.Model):
    """One party's approval of a bulletin's figures as they stood (their digest)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="approvals")
    side = models.ForeignKey("directory.Side", on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)
    digest = models.CharField(_("digest of the figures approved"), max_length=64)

    class Meta:
        ordering = ["approved_at", "pk"]
        verbose_name = _("bulletin approval")
        verbose_name_plural = _("bulletin approvals")

    def __str__(self) -> str:
        return f"{self.bulletin} {self.side.code}"
