"""Writes to indicators, targets and actual values (policy-checked, logged); the pace to target.

Who may do what (docs/targets.md): the secretariat of either side creates and edits indicators
and targets (``Action.ADD`` / ``Action.CHANGE``). An actual value reported by one side (its
``reporting_side``) is recorded by that side's secretariat (``Action.CHANGE_SIDE``); values of
no side (the meeting's own figure, BACI, Comtrade) by the secretariat of either side.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bilat.accounts.policy import Action, AnyUser, actor_of, can, require, visible
from bilat.core.services import add_part, create_record, update_record
from bilat.decisions.models import Decision
from bilat.trade import queries as trade_queries
from bilat.trade.pace import TargetPace, TradeTarget, pace_to_target
from bilat.trade.themes import Theme, builtin_themes
from bilat.trade.warehouse import WarehouseError

from .models import ActualValue, Indicator, Target, TradeTheme


@transaction.atomic
def create_indicator(*, actor: User, values: dict, reason: str = "") -> Indicator:
    """Define what is measured (secretariat)."""
    require(actor, Action.ADD)
    return create_record(Indicator(**values), actor=actor, reason=reason)


@transaction.atomic
def update_indicator(
    indicator: Indicator, changes: dict, *, actor: User, expected_version: int | None,
    reason: str = "",
) -> Indicator:
    """Edit an indicator's definition (secretariat)."""
    require(actor, Action.CHANGE, indicator)
    return update_record(indicator, changes, actor=actor, expected_version=expected_version,
                         reason=reason)


def require_visible_decision(actor: User, decision) -> None:
    """Refuse to link a decision the actor may not see, as if it did not exist (400, not 403)."""
    if decision is None:
        return
    pk = getattr(decision, "pk", decision)
    if not visible(actor, Decision.objects.filter(pk=pk)).exists():
        raise ValidationError({"decision": _("Choose among the decisions open to you.")})


@transaction.atomic
def create_target(*, actor: User, values: dict, reason: str = "") -> Target:
    """Record a target the commission set (secretariat)."""
    require(actor, Action.ADD)
    require_visible_decision(actor, values.get("decision"))
    return create_record(Target(**values), actor=actor, reason=reason)


@transaction.atomic
def update_target(
    target: Target, changes: dict, *, actor: User, expected_version: int | None,
    reason: str = "",
) -> Target:
    """Edit a target; refused if someone saved it since the editor loaded it."""
    require(actor, Action.CHANGE, target)
    if "decision" in changes and changes["decision"] != target.decision:
        require_visible_decision(actor, changes["decision"])
    return update_record(target, changes, actor=actor, expected_version=expected_version,
                         reason=reason)


@transaction.atomic
def record_actual_value(target: Target, *, actor: User, values: dict,
                        reason: str = "") -> ActualValue:
    """Add the value of a period on one basis; a side's figure is that side's to record."""
    actual = ActualValue(target=target, **values)
    if actual.reporting_side_id:
        require(actor, Action.CHANGE_SIDE, target, side_id=actual.reporting_side_id)
    else:
        require(actor, Action.CHANGE, target)
    return add_part(target, actual, actor=actor, reason=reason)


def can_record_actuals(user: AnyUser, target: Target) -> bool:
    """Whether the user may record some actual value of the target (for showing the form)."""
    side_id = actor_of(user).side_id
    return can(user, Action.CHANGE, target) or bool(
        side_id and can(user, Action.CHANGE_SIDE, target, side_id=side_id)
    )


STATUS_LABELS = {
    "on track": _("on track"), "at risk": _("at risk"), "off track": _("off track"),
    "reached": _("reached"), "unknown": _("unknown"),
}


# What each figure of the pace means, shown beside it on the target's page.
PACE_FIGURES = [
    ("latest", _("Latest full-year value"),
     _("The last full calendar year (1 January – 31 December) on this basis; part-year values "
       "are shown but not used.")),
    ("required", _("Required growth"),
     _("The yearly rate needed to go from the latest full-year value to the target by the "
       "target year (compound annual growth).")),
    ("observed", _("Observed growth"),
     _("The compound yearly rate over up to five years before the latest full-year value, on "
       "the same basis.")),
    ("projected", _("Projected at the target year"),
     _("The latest full-year value carried forward to the target year at the observed rate.")),
    ("reached", _("Reached in"),
     _("The first year the target is reached at the observed rate.")),
    ("status", _("Status"),
     # xgettext:no-python-format
     _("On track when the projection reaches the target by the target year; at risk when it "
       "reaches at least 90 % of it; off track otherwise; reached when the latest value is "
       "already at or above it.")),
]


@dataclass(frozen=True)
class WarehouseValue:
    """A value of a trade target's indicator as the trade warehouse holds it (read, never
    recorded): the same attributes the page reads of an ``ActualValue``."""

    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    is_full_year: bool
    value: Decimal  # in the indicator's unit
    basis: str
    reporting_side: str | None  # the country whose office reported it
    source: str
    provenance: str

    @property
    def year(self) -> int:
        return self.period_end.year


@dataclass(frozen=True)
class BasisPace:
    """The pace to target on one basis, with the actual values it was computed from."""

    basis: str
    label: str
    actuals: list[ActualValue | WarehouseValue]
    pace: TargetPace | None  # None when there is no year to aim at or no full-year value
    from_warehouse: bool = False

    @property
    def signal(self) -> str:
        """The status as a CSS-friendly word: on_track, at_risk, off_track, reached, unknown."""
        return self.pace.status.replace(" ", "_") if self.pace else "unknown"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.pace.status if self.pace else "unknown"]


TRADE_MEASURES = ("turnover", "exports", "imports")  # trade metrics a target can follow


def _period_bounds(period: trade_queries.PairPeriod) -> tuple[datetime.date, datetime.date]:
    """1 January to the last day of a year or of a year to date."""
    last = period.month or 12
    end = (datetime.date(period.year + (last == 12), last % 12 + 1, 1)
           - datetime.timedelta(days=1))
    return datetime.date(period.year, 1, 1), end


def warehouse_values(target: Target) -> list[WarehouseValue]:
    """The values of a trade target's indicator (its trade metric between its two countries)
    on every basis the trade warehouse holds, years and parts of years; none for an indicator
    that is not a trade series or when there is no warehouse."""
    indicator = target.indicator
    measure = indicator.trade_metric
    if not (measure in TRADE_MEASURES and indicator.reporter_iso and indicator.partner_iso):
        return []
    try:
        series = trade_queries.pair_series(indicator.reporter_iso, indicator.partner_iso,
                                           period_kind=None)
    except WarehouseError:
        return []
    per_unit = Decimal(str(indicator.usd_per_unit))
    out = []
    for period in series:
        figure = getattr(period, measure)
        if figure is None or period.period_kind == "month":
            continue
        start, end = _period_bounds(period)
        out.append(WarehouseValue(
            period.label, start, end, period.period_kind == "year",
            (Decimal(str(figure.value)) / per_unit).quantize(Decimal("0.0001")),
            period.basis, figure.reported_by, figure.source, figure.flag or "sourced",
        ))
    return out


def pace_by_basis(target: Target, recorded: list[ActualValue] | None = None) -> list[BasisPace]:
    """Required and observed growth to the target on every basis that has full-year values.

    A trade target's values come from the trade warehouse on every basis it holds for the
    pair; recorded values count only on the other bases (one source of truth per basis). A
    medium-term target is measured against its assumed year (stated on screen).
    """
    recorded = list(target.actual_values.all()) if recorded is None else recorded
    held = warehouse_values(target)
    held_bases = {v.basis for v in held}
    actuals = [*held, *(a for a in recorded if a.basis not in held_bases)]
    year = target.pace_year
    out = []
    labels = dict(ActualValue(target=target).basis_choices())
    for basis in sorted({a.basis for a in actuals}):
        rows = sorted((a for a in actuals if a.basis == basis),
                      key=lambda a: (a.period_start, a.period_end))
        full = [(a.year, float(a.value)) for a in rows if a.is_full_year]
        pace = None
        if year and full:
            pace = pace_to_target(full, float(target.target_value), year, basis=basis)
        out.append(BasisPace(basis, str(labels.get(basis, basis)), rows, pace,
                             from_warehouse=basis in held_bases))
    return out


def trade_target_record(user: AnyUser) -> Target | None:
    """The commission's target of mutual trade (turnover) among those ``user`` may see, in
    the commission the request or command works in; the first recorded when there are more."""
    return (
        visible(user, Target.objects.select_related("indicator"))
        .filter(indicator__trade_metric="turnover")
        .order_by("pk").first()
    )


def trade_target(user: AnyUser) -> TradeTarget | None:
    """The commission's trade target as the trade pages, API and CLI measure the pace against
    it (US$ and its year), or None without one (or without a year to aim at)."""
    target = trade_target_record(user)
    if target is None or target.pace_year is None:
        return None
    return TradeTarget(target.value_usd, int(target.pace_year),
                       f"target record {target.pk} ({target.title_en})")


@transaction.atomic
def create_theme(*, actor: User, values: dict, reason: str = "") -> TradeTheme:
    """Define a product theme the commission follows in its trade (secretariat)."""
    require(actor, Action.ADD)
    return create_record(TradeTheme(**values), actor=actor, reason=reason)


@transaction.atomic
def update_theme(
    theme: TradeTheme, changes: dict, *, actor: User, expected_version: int | None,
    reason: str = "",
) -> TradeTheme:
    """Rename a theme or change its HS codes (secretariat); a stale edit is refused."""
    require(actor, Action.CHANGE, theme)
    return update_record(theme, changes, actor=actor, expected_version=expected_version,
                         reason=reason)


def trade_themes(user: AnyUser) -> list[Theme]:
    """The themes of the trade series: the built-in ones, then those the commission the
    request or command works in defined."""
    own = visible(user, TradeTheme.objects.all())
    return [*builtin_themes(), *(t.as_theme() for t in own)]
