"""The commissions one installation serves: each a pair of countries, as data.

A commission has two sides (``CommissionSide``, in order), each with the statistics office
whose reports are its statistics basis, a co-chair and a colour for charts; its working
languages; and the region its regional shares are counted in. Meetings, decisions, projects,
targets and briefing snapshots belong to one commission; roles are held per commission and
side (``accounts.Membership``).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from bilat.core import palette
from bilat.core.countries import country
from bilat.core.languages import Translated, in_language

from .context import current_commission_id


class CommissionQuerySet(models.QuerySet):
    def for_codes(self, codes) -> CommissionQuerySet:
        """Commissions whose two sides are exactly these countries (ISO codes, any order)."""
        codes = sorted({c.upper() for c in codes})
        matches = [c.pk for c in self.prefetch_related("sides__side")
                   if sorted(c.side_codes) == codes]
        return self.filter(pk__in=matches)


class Commission(models.Model):
    """An intergovernmental commission of two countries (Kazakhstan–Uzbekistan)."""

    code = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("Used in addresses and commands: ?commission=kz-uz."))
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    short_name_en = models.CharField(_("short name (English)"), max_length=80, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=80, blank=True)
    languages = models.CharField(
        _("working languages"), max_length=40, default="en,ru",
        help_text=_("Language codes, comma-separated, in the order the commission uses them."),
    )
    region_name_en = models.CharField(_("region (English)"), max_length=100, blank=True)
    region_name_ru = models.CharField(_("region (Russian)"), max_length=100, blank=True)
    region_name_ru_genitive = models.CharField(
        _("region (Russian, genitive)"), max_length=100, blank=True)
    region_name_ru_instrumental = models.CharField(
        _("region (Russian, instrumental)"), max_length=100, blank=True)
    region_codes = models.JSONField(
        _("region's countries"), default=list, blank=True,
        help_text=_("ISO codes of the countries regional shares are counted among."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = CommissionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")

    def __str__(self) -> str:
        return self.short_name or self.name

    name = Translated()
    short_name = Translated()
    region_name = Translated()

    def ordered_sides(self) -> list[CommissionSide]:
        """The two sides in the commission's order (free for one of ``all_commissions()``)."""
        cached = self.__dict__.get("cached_sides")
        parts = cached if cached is not None else self.sides.select_related("side")
        return sorted(parts, key=lambda s: s.position)

    @property
    def side_codes(self) -> tuple[str, ...]:
        return tuple(s.side.code for s in self.ordered_sides())

    @property
    def side_ids(self) -> tuple[int, ...]:
        return tuple(s.side_id for s in self.ordered_sides())

    @property
    def bases(self) -> tuple[str, ...]:
        """The statistics bases of the two sides, in order (a side's basis is its office's)."""
        return tuple(s.basis for s in self.ordered_sides())

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.languages.split(",") if c.strip())

    @property
    def region(self) -> tuple[str, ...]:
        return tuple(c.upper() for c in self.region_codes or ())


class CommissionSide(models.Model):
    """One side of a commission: its country, statistics office, co-chair and colour."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="sides")
    side = models.ForeignKey("directory.Side", verbose_name=_("country"),
                             on_delete=models.PROTECT, related_name="commission_sides")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    statistics_basis = models.CharField(
        _("statistics basis"), max_length=10, blank=True,
        help_text=_("The basis its office's figures carry in the trade warehouse; the country "
                    "code when empty."),
    )
    statistics_office_en = models.CharField(_("statistics office (English)"), max_length=200,
                                            blank=True)
    statistics_office_ru = models.CharField(_("statistics office (Russian)"), max_length=200,
                                            blank=True)
    statistics_label_en = models.CharField(
        _("statistics basis, as a text names it (English)"), max_length=100, blank=True,
        help_text=_("'Kazakh statistics'; from the table of countries when empty."))
    statistics_label_ru = models.CharField(
        _("statistics basis, as a text names it (Russian)"), max_length=100, blank=True,
        help_text=_("'статистика Казахстана'; from the table of countries when empty."))
    co_chair = models.ForeignKey("directory.Person", verbose_name=_("co-chair"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    colour = models.CharField(_("chart colour"), max_length=7, blank=True,
                              help_text=_("#rrggbb; the palette's colour for its position when "
                                          "empty."))

    class Meta:
        ordering = ["commission", "position"]
        verbose_name = _("side of a commission")
        verbose_name_plural = _("sides of a commission")
        constraints = [
            models.UniqueConstraint(fields=["commission", "side"], name="commission_side_once"),
            models.UniqueConstraint(fields=["commission", "position"],
                                    name="commission_side_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.commission}: {self.side}"

    statistics_office = Translated()
    statistics_label = Translated()

    @property
    def basis(self) -> str:
        return self.statistics_basis or self.side.code

    @property
    def basis_label(self) -> str:
        """'Kazakh statistics' in the reader's language: the commission's own words, else the
        table of countries', else the office's name."""
        if self.statistics_label:
            return self.statistics_label
        known = country(self.side.code)
        if known is not None:
            return in_language({"en": known.statistics_en, "ru": known.statistics_ru,
                                "kk": known.statistics_kk, "uz": known.statistics_uz})
        return self.statistics_office or self.basis

    @property
    def chart_colour(self) -> str:
        return palette.side_colour(self.position - 1, self.colour)


CACHE_KEY = "bilat:commissions"
CACHE_SECONDS = 30


# The list as one request read it (``read_once``): the policy, the shell and the page each ask
# for it, and each asking would read it from the shared cache again.
_read: contextvars.ContextVar[dict | None] = contextvars.ContextVar("bilat_commissions_read",
                                                                    default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Inside the block (a request), ``all_commissions`` reads the list once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def all_commissions() -> list[Commission]:
    """Every commission with its sides, read once and cached for a few seconds: every request
    asks which commission it works in (once a request inside ``read_once``)."""
    memo = _read.get()
    if memo is not None and CACHE_KEY in memo:
        return memo[CACHE_KEY]
    found = _all_commissions()
    if memo is not None:
        memo[CACHE_KEY] = found
    return found


def _all_commissions() -> list[Commission]:
    found = cache.get(CACHE_KEY)
    if found is None:
        by_id: dict[int, Commission] = {}
        parts = CommissionSide.objects.select_related("commission", "side").order_by(
            "commission__order", "commission__code", "position")
        for part in parts:  # one query: each commission with its sides
            commission = by_id.setdefault(part.commission_id, part.commission)
            commission.__dict__.setdefault("cached_sides", []).append(part)
        found = list(by_id.values())
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget_commissions(**_kwargs) -> None:
    """Drop the cached list (a commission or one of its sides was written), and the one the
    request read."""
    cache.delete(CACHE_KEY)
    memo = _read.get()
    if memo is not None:
        memo.clear()


# Not a business rule: only keeps the cached list of commissions in step with the table.
for _model in (Commission, CommissionSide):
    post_save.connect(forget_commissions, sender=_model, dispatch_uid=f"forget-{_model.__name__}")
    post_delete.connect(forget_commissions, sender=_model,
                        dispatch_uid=f"forget-del-{_model.__name__}")


def default_commission() -> int | None:
    """The commission a new record belongs to when none is given: the one the request or
    command works in, else the installation's only commission."""
    chosen = current_commission_id()
    if chosen is not None:
        return chosen
    known = all_commissions()
    return known[0].pk if len(known) == 1 else None


def sides_of(commission_id: int | None = None):
    """The sides (``directory.Side``) of a commission in its order: of ``commission_id``, else
    of the commission a new record would belong to; every side when none is known."""
    from bilat.directory.models import Side

    commission_id = commission_id or default_commission()
    if commission_id is None:
        return Side.objects.all()
    return Side.objects.filter(commission_sides__commission_id=commission_id).order_by(
        "commission_sides__position")


def basis_choices(commission_id: int | None = None) -> list[tuple[str, str]]:
    """The statistics bases of a commission's two sides, labelled (of the current or only
    commission by default)."""
    commission_id = commission_id or default_commission()
    commission = next((c for c in all_commissions() if c.pk == commission_id), None)
    if commission is None:
        return []
    return [(part.basis, part.basis_label) for part in commission.ordered_sides()]
