"""Writes to indicators, targets and actual values (policy-checked, logged); the pace to target.

Who may do what (docs/targets.md): the secretariat of either side creates and edits indicators
and targets (``Action.ADD`` / ``Action.CHANGE``). An actual value reported by one side (its
``reporting_side``) is recorded by that side's secretariat (``Action.CHANGE_SIDE``); values of
no side (the meeting's own figure, BACI, Comtrade) by the secretariat of either side.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bilat.accounts.policy import Action, AnyUser, actor_of, can, require, visible
from bilat.core.services import add_part, create_record, update_record
from bilat.decisions.models import Decision
from bilat.trade.pace import TargetPace, pace_to_target

from .models import ActualValue, Indicator, Target


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
class BasisPace:
    """The pace to target on one basis, with the actual values it was computed from."""

    basis: str
    label: str
    actuals: list[ActualValue]
    pace: TargetPace | None  # None when there is no year to aim at or no full-year value

    @property
    def signal(self) -> str:
        """The status as a CSS-friendly word: on_track, at_risk, off_track, reached, unknown."""
        return self.pace.status.replace(" ", "_") if self.pace else "unknown"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.pace.status if self.pace else "unknown"]


def pace_by_basis(target: Target, actuals: list[ActualValue] | None = None) -> list[BasisPace]:
    """Required and observed growth to the target on every basis that has full-year values.

    A medium-term target is measured against its assumed year (stated on screen).
    """
    actuals = list(target.actual_values.all()) if actuals is None else actuals
    year = target.pace_year
    out = []
    labels = dict(ActualValue(target=target).basis_choices())
    for basis in sorted({a.basis for a in actuals}):
        rows = [a for a in actuals if a.basis == basis]
        full = [(a.year, float(a.value)) for a in rows if a.is_full_year]
        pace = None
        if year and full:
            pace = pace_to_target(full, float(target.target_value), year, basis=basis)
        out.append(BasisPace(basis, str(labels.get(basis, basis)), rows, pace))
    return out
