"""Pace towards a trade target: required growth, observed growth, when, and a status."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Literal

from .metrics import cagr, finite, reasons, why_no_cagr

Status = Literal["on track", "at risk", "off track", "reached", "unknown"]

# Documented thresholds (docs/trade.md, METRICS["target_pace"]): at the observed pace the
# target year's projection reaches the target -> on track; reaches at least AT_RISK_SHARE of
# it -> at risk; less -> off track.
AT_RISK_SHARE = 0.9
OBSERVED_YEARS = 5


@dataclass(frozen=True)
class TradeTarget:
    """A trade target as the pace reads it: US$, the year aimed at, and where it was set (the
    commission's Target record, or a value given for one question)."""

    value: float
    year: int
    source: str


@dataclass(frozen=True)
class TargetPace:
    """How far a series is from its target, and whether the observed pace gets there."""

    target_value: float
    target_year: int
    latest_year: int
    latest_value: float
    required_growth: float | None  # % a year from the latest actual to the target
    observed_from_year: int | None
    observed_growth: float | None  # % a year over the observation window
    projected_value: float | None  # at the target year, at the observed pace
    reached_year: int | None  # first year the target is reached at the observed pace
    status: Status
    basis: str | None = None
    null_reasons: dict[str, str] = field(default_factory=dict)  # why a number above is None
    target_source: str = ""  # where the target was set (TradeTarget.source)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def pace_to_target(
    actuals: list[tuple[int, float]],
    target_value: float,
    target_year: int,
    *,
    observed_years: int = OBSERVED_YEARS,
    at_risk_share: float = AT_RISK_SHARE,
    basis: str | None = None,
) -> TargetPace:
    """Required and observed yearly growth towards a target, on one statistics basis.

    ``actuals`` are (year, value) pairs of one basis, in any order; the latest is the base.
    The observed growth is the CAGR from the actual ``observed_years`` before the latest
    (or the earliest later one available) to the latest.
    """
    if not math.isfinite(target_value):
        raise ValueError(f"the target {target_value} is not a finite number")
    series = sorted((int(y), float(v)) for y, v in actuals if v is not None)
    if not series:
        raise ValueError("pace_to_target needs at least one actual value")
    if not all(math.isfinite(v) for _, v in series):
        raise ValueError("an actual value is not a finite number")
    latest_year, latest_value = series[-1]
    years_left = target_year - latest_year
    if latest_value >= target_value:
        return TargetPace(
            target_value, target_year, latest_year, latest_value, 0.0, None, None,
            latest_value, latest_year, "reached", basis,
            {"observed_growth": "the target is already reached"},
        )
    required = cagr(latest_value, target_value, years_left) if years_left > 0 else None
    why_required = (why_no_cagr(latest_value, target_value, years_left, str(latest_year))
                    if years_left > 0 else "the target year is not after the latest actual")

    window = [(y, v) for y, v in series if latest_year - observed_years <= y < latest_year]
    observed_from: int | None = None
    observed: float | None = None
    why_observed = f"no actual in the {observed_years} years before {latest_year}"
    if window:
        observed_from, first = window[0]
        observed = cagr(first, latest_value, latest_year - observed_from)
        why_observed = why_no_cagr(first, latest_value, latest_year - observed_from,
                                   str(observed_from))

    projected: float | None = None
    why_projected: str | None = "no observed pace"
    reached: int | None = None
    status: Status = "unknown"
    if observed is not None:
        rate = 1.0 + observed / 100.0
        try:
            projected = finite(latest_value * rate ** max(years_left, 0))
        except OverflowError:
            projected = None
        # Beyond the largest float the projection certainly passes the target.
        why_projected = None if projected is not None else "too large to be a number"
        if rate > 1.0:
            # Logarithms of each side: their quotient can overflow where they do not.
            reached = latest_year + math.ceil(
                (math.log(target_value) - math.log(latest_value)) / math.log(rate) - 1e-12
            )
        if years_left <= 0:
            status = "off track"
        elif projected is None or projected >= target_value:
            status = "on track"
        elif projected >= at_risk_share * target_value:
            status = "at risk"
        else:
            status = "off track"
    return TargetPace(
        target_value, target_year, latest_year, latest_value, required, observed_from,
        observed, projected, reached, status, basis,
        reasons(required_growth=why_required if required is None else None,
                observed_growth=why_observed, projected_value=why_projected),
    )
