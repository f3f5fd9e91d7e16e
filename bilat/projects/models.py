"""Joint cooperation projects and the portfolio figures counted from them (after AMP, IATI, OC4IDS)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bilat.commissions.models import default_commission
from bilat.core.languages import Translated
from bilat.core.models import AccessTier, Provenance, Versioned, VersionedModel

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code, such as USD."))


class ProjectQuerySet(models.QuerySet):
    """Reusable filters over projects."""

    def eligible(self) -> ProjectQuerySet:
        """Projects that may enter a portfolio count (umbrella records are not)."""
        return self.filter(aggregation_eligible=True)

    def on_side(self, side_id: int) -> ProjectQuerySet:
        """Projects located on, or with a partner from, one side."""
        return self.filter(
            Q(locations__side_id=side_id) | Q(partners__organisation__side_id=side_id)
        ).distinct()


class Project(VersionedModel):
    """A joint cooperation project: what is built, by whom, where, for how much, how far along."""

    class Kind(models.TextChoices):
        INDUSTRIAL_COOPERATION = "industrial_cooperation", _("Industrial cooperation")
        INVESTMENT = "investment", _("Investment")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        TRANSPORT = "transport", _("Transport")
        WATER = "water", _("Water")
        ENERGY = "energy", _("Energy")
        AGRO_INDUSTRIAL = "agro_industrial", _("Agro-industrial")
        DIGITAL = "digital", _("Digital")

    class Stage(models.IntegerChoices):
        """IATI activity-status codes."""

        PIPELINE = 1, _("Pipeline")
        IMPLEMENTATION = 2, _("Implementation")
        FINALISATION = 3, _("Finalisation")
        CLOSED = 4, _("Implemented (closed)")
        CANCELLED = 5, _("Cancelled")
        SUSPENDED = 6, _("Suspended")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    commission = models.ForeignKey(
        "commissions.Commission", verbose_name=_("commission"), on_delete=models.PROTECT,
        related_name="+", default=default_commission,
    )
    sector = models.ForeignKey(
        "directory.Sector", verbose_name=_("sector"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="projects",
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices, default=Stage.PIPELINE)
    value_planned = models.DecimalField(
        _("value planned"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    value_invested = models.DecimalField(
        _("value invested to date"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD", validators=[CURRENCY])
    fx_rate_on = models.DateField(
        _("exchange rate of"), null=True, blank=True,
        help_text=_("The date of the exchange rate used for the US$ values."),
    )
    value_planned_usd = models.DecimalField(
        _("value planned (US$)"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The planned value in US dollars, used in portfolio totals."),
    )
    value_invested_usd = models.DecimalField(
        _("value invested (US$)"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The value invested to date in US dollars, at the same rate."),
    )
    jobs_planned = models.PositiveIntegerField(_("jobs planned"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    capacity_value = models.DecimalField(
        _("capacity"), max_digits=18, decimal_places=3, null=True, blank=True
    )
    capacity_unit_en = models.CharField(_("capacity unit (English)"), max_length=120, blank=True)
    capacity_unit_ru = models.CharField(_("capacity unit (Russian)"), max_length=120, blank=True)
    planned_start_on = models.DateField(_("planned start"), null=True, blank=True)
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    actual_start_on = models.DateField(_("actual start"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    progress_pct = models.PositiveSmallIntegerField(
        _("progress %"), null=True, blank=True, validators=PERCENT
    )
    aggregation_eligible = models.BooleanField(
        _("counted in portfolio totals"), default=True,
        help_text=_("Untick for umbrella records whose parts are listed separately."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("umbrella project"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    access_tier = models.CharField(
        _("access"), max_length=16, choices=AccessTier.choices, default=AccessTier.PUBLIC
    )
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )
    sources_en = models.TextField(
        _("sources (English)"), blank=True,
        help_text=_("Where the figures come from, e.g. Kazinform, 7 Aug 2024."),
    )
    sources_ru = models.TextField(
        _("sources (Russian)"), blank=True,
        help_text=_("The same sources in Russian; a citation's dates are shown in the reader's "
                    "language either way."),
    )
    launched_by = models.ManyToManyField(
        "decisions.Decision", verbose_name=_("launched by"), blank=True, related_name="projects",
        help_text=_("The decisions that launched or instructed the project."),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    title = Translated()
    description = Translated()
    capacity_unit = Translated()
    sources = Translated()

    @property
    def is_illustrative(self) -> bool:
        return self.provenance == Provenance.ILLUSTRATIVE

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.currency != "USD" and (self.value_planned is not None) and (
            self.value_planned_usd is None
        ):
            errors["value_planned_usd"] = _(
                "The value is not in US dollars: give the US$ value used for totals."
            )
        if self.currency != "USD" and (
            self.value_planned_usd is not None or self.value_invested_usd is not None
        ) and not self.fx_rate_on:
            errors["fx_rate_on"] = _("Give the date of the exchange rate used for the US$ values.")
        if self.planned_start_on and self.planned_end_on and self.planned_end_on < self.planned_start_on:
            errors["planned_end_on"] = _("The planned end is before the planned start.")
        if self.actual_start_on and self.actual_end_on and self.actual_end_on < self.actual_start_on:
            errors["actual_end_on"] = _("The actual end is before the actual start.")
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("A project cannot be its own umbrella.")
        if errors:
            raise ValidationError(errors)

    # The access policy's protocol (accounts/policy.py).
    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        """Partner organisations of the project on that side (on any side when None)."""
        return {
            p.organisation_id for p in self.partners.all()
            if side_id is None or p.organisation.side_id == side_id
        }

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Projects where the organisation is a partner (restricted ones are open to it)."""
        return Q(**{f"{prefix}partners__organisation_id": organisation_id})

    def value_usd(self, basis: str = "planned"):
        """The planned or invested value in US$, as counted in portfolio totals."""
        return self.value_invested_usd if basis == "invested" else self.value_planned_usd

    def jobs(self, basis: str = "planned") -> int | None:
        """Jobs planned or created."""
        return self.jobs_created if basis == "created" else self.jobs_planned


class ProjectPart(Versioned):
    """A part of a project: access follows the project."""

    history_parent = "project"  # its writes are part of that record's history

    class Meta:
        abstract = True

    access_tier_field = "project__access_tier"

    @property
    def access_tier(self) -> str:
        return self.project.access_tier

    def responsible_org_ids(self, side_id: int | None) -> set[int]:
        return self.project.responsible_org_ids(side_id)

    @classmethod
    def responsible_q(cls, organisation_id: int | None, prefix: str = "") -> Q:
        """Parts of projects the organisation is a partner of (``prefix`` leads to the project)."""
        return Project.responsible_q(organisation_id, prefix=prefix)


class ProjectLocation(ProjectPart):
    """Where on one side a project is built: region, place, coordinates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locations")
    side = models.ForeignKey("directory.Side", verbose_name=_("side"), on_delete=models.PROTECT)
    region_en = models.CharField(_("region (English)"), max_length=200)
    region_ru = models.CharField(_("region (Russian)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_ru = models.CharField(_("place (Russian)"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    approximate = models.BooleanField(
        _("approximate"), default=False,
        help_text=_("The coordinates are the town's or the region centre's (about ±15 km), not "
                    "the site's."),
    )

    class Meta:
        ordering = ["side__order", "region_en", "pk"]
        verbose_name = _("project location")
        verbose_name_plural = _("project locations")

    def __str__(self) -> str:
        place = self.place
        return f"{self.region}, {place}" if place else self.region

    region = Translated()
    place = Translated()


class ProjectPartner(ProjectPart):
    """An organisation taking part in a project, in one role; its side is the organisation's."""

    class Role(models.TextChoices):
        INVESTOR = "investor", _("Investor")
        OPERATOR = "operator", _("Operator")
        IMPLEMENTER = "implementer", _("Implementer")
        FINANCIER = "financier", _("Financier")
        CUSTOMER = "customer", _("Customer")
        GOVERNMENT = "government", _("Government")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation__side__order", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="project_partner_unique_role"
            )
        ]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def side(self):
        return self.organisation.side


class Milestone(ProjectPart):
    """A dated step of a project with its OCDS status; one side's, or joint when no side is set."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MET = "met", _("Met")
        NOT_MET = "notMet", _("Not met")
        PARTIALLY_MET = "partiallyMet", _("Partially met")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    side = models.ForeignKey(
        "directory.Side", verbose_name=_("side"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("Empty for a joint milestone."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    progress_pct = models.PositiveSmallIntegerField(
        _("progress %"), null=True, blank=True, validators=PERCENT
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    title = Translated()


class PortfolioRule(models.Model):
    """What a portfolio figure counts: which kinds, which stages, which jobs and value, as of when.

    A project counts when it is eligible for aggregation (not an umbrella), its kind is in
    ``kinds`` and its stage *as recorded now* is in ``stages`` (an empty list means all), and,
    when ``as_of`` is set, it had not actually started after that date (a project with an actual
    start later than ``as_of`` did not exist as such on that date; projects without an actual
    start count). Past stages are not rebuilt: the registry keeps the current stage only.
    """

    class JobsBasis(models.TextChoices):
        PLANNED = "planned", _("Jobs planned")
        CREATED = "created", _("Jobs created")

    class ValueBasis(models.TextChoices):
        PLANNED = "planned", _("Value planned")
        INVESTED = "invested", _("Value invested to date")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    stages = models.JSONField(_("stages"), default=list, blank=True)
    jobs_basis = models.CharField(
        _("jobs"), max_length=10, choices=JobsBasis.choices, default=JobsBasis.PLANNED
    )
    value_basis = models.CharField(
        _("value"), max_length=10, choices=ValueBasis.choices, default=ValueBasis.PLANNED
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("portfolio rule")
        verbose_name_plural = _("portfolio rules")

    def __str__(self) -> str:
        return self.title

    title = Translated()
    description = Translated()

    def clean(self) -> None:
        errors = {}
        kinds = set(Project.Kind.values)
        if not isinstance(self.kinds, list) or any(k not in kinds for k in self.kinds):
            errors["kinds"] = _("Give a list of project kinds.")
        stages = set(Project.Stage.values)
        if not isinstance(self.stages, list) or any(s not in stages for s in self.stages):
            errors["stages"] = _("Give a list of stage codes (1 to 6).")
        if errors:
            raise ValidationError(errors)

    def kind_labels(self) -> list[str]:
        return [str(Project.Kind(k).label) for k in self.kinds]

    def stage_labels(self) -> list[str]:
        return [str(Project.Stage(s).label) for s in self.stages]

    def counts_on(self, project: Project) -> bool:
        """Whether one project meets the rule (the same test as ``compute_portfolio``'s query)."""
        if not project.aggregation_eligible:
            return False
        if self.kinds and project.kind not in self.kinds:
            return False
        if self.stages and project.stage not in self.stages:
            return False
        return not (self.as_of and project.actual_start_on and project.actual_start_on > self.as_of)

    def project_q(self) -> Q:
        """The rule as a query condition over projects."""
        q = Q(aggregation_eligible=True)
        if self.kinds:
            q &= Q(kind__in=self.kinds)
        if self.stages:
            q &= Q(stage__in=self.stages)
        if self.as_of:
            q &= Q(actual_start_on__isnull=True) | Q(actual_start_on__lte=self.as_of)
        return q


class PortfolioFigure(models.Model):
    """A portfolio figure: reported by an official or ministry, or computed here from projects.

    A figure is published at an access tier and shown only to readers of that tier; a computed
    one counts only the projects every such reader may see (``record_computed_figure``).
    """

    class Origin(models.TextChoices):
        COMPUTED = "computed", _("Computed from the projects")
        REPORTED = "reported", _("Reported")

    rule = models.ForeignKey(
        PortfolioRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="figures",
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    project_count = models.PositiveIntegerField(_("projects"), null=True, blank=True)
    value_usd = models.DecimalField(
        _("value (US$)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    project_ids = models.JSONField(_("projects counted"), default=list, blank=True)
    reported_by = models.ForeignKey(
        "directory.Organisation", verbose_name=_("reported by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="portfolio_figures",
    )
    source_en = models.TextField(_("source (English)"), blank=True)
    source_ru = models.TextField(_("source (Russian)"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SOURCED
    )
    # A note is written in its author's language: kept in each language it is given in.
    note_en = models.TextField(_("note (English)"), blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_kk = models.TextField(_("note (Kazakh)"), blank=True)
    note_uz = models.TextField(_("note (Uzbek)"), blank=True)
    access_tier = models.CharField(
        _("published to"), max_length=16, choices=AccessTier.choices, default=AccessTier.PUBLIC,
        help_text=_("Who may see the figure; a computed one counts only what they may see."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rule__code", "origin", "-reported_on", "-pk"]
        verbose_name = _("portfolio figure")
        verbose_name_plural = _("portfolio figures")

    source = Translated()
    note = Translated()

    def __str__(self) -> str:
        return f"{self.get_origin_display()}: {self.project_count} / {self.value_usd} / {self.jobs}"

    def clean(self) -> None:
        if self.origin == self.Origin.REPORTED and not (self.source_en or self.source_ru
                                                        or self.reported_by_id):
            raise ValidationError({"source_en": _("Say who reported the figure, or where.")})
