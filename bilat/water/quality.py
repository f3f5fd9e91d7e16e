"""Quality of readings, after WaterML 2.0 and Delft-FEWS: a flag per reading from its series'
limits and its neighbours, and the gaps between readings.

Flags are worked out from the stored readings every time (never stored with the reading), so a
late or out-of-order reading gives its neighbours the same flags as an in-order one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

GOOD, SUSPECT, POOR = "good", "suspect", "poor"


@dataclass(frozen=True)
class Limits:
    """A series' quality limits, in its own unit."""

    hard_min: float | None = None
    hard_max: float | None = None
    soft_min: float | None = None
    soft_max: float | None = None
    max_rate_per_hour: float | None = None
    stuck_after: int = 18
    step_seconds: int = 600

    @classmethod
    def of(cls, series) -> Limits:
        return cls(series.hard_min, series.hard_max, series.soft_min, series.soft_max,
                   series.max_rate_per_hour, series.stuck_after, series.step_seconds)


@dataclass(frozen=True)
class Flagged:
    at: datetime.datetime
    value: float
    quality: str
    reasons: tuple[str, ...]


def _outside(value: float, low: float | None, high: float | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


def flag(readings: list[tuple[datetime.datetime, float]], limits: Limits) -> list[Flagged]:
    """Each reading (in time order) with its quality and the reasons for it."""
    out: list[Flagged] = []
    run = 0
    prev: tuple[datetime.datetime, float] | None = None
    for at, value in readings:
        reasons: list[str] = []
        if _outside(value, limits.hard_min, limits.hard_max):
            reasons.append("hard_limit")
        if _outside(value, limits.soft_min, limits.soft_max):
            reasons.append("soft_limit")
        consecutive = prev is not None and (at - prev[0]).total_seconds() <= 1.5 * limits.step_seconds
        if consecutive and limits.max_rate_per_hour is not None:
            hours = (at - prev[0]).total_seconds() / 3600
            if hours > 0 and abs(value - prev[1]) / hours > limits.max_rate_per_hour:
                reasons.append("rate_of_change")
        if "hard_limit" not in reasons:
            run = run + 1 if consecutive and value == prev[1] else 1
            if limits.stuck_after and run >= limits.stuck_after:
                reasons.append("stuck")
        quality = POOR if "hard_limit" in reasons else SUSPECT if reasons else GOOD
        out.append(Flagged(at, value, quality, tuple(reasons)))
        if quality != POOR:  # neighbours are compared with the last usable reading
            prev = (at, value)
    return out


def gaps(times: list[datetime.datetime], start: datetime.datetime, end: datetime.datetime,
         step_seconds: int) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The stretches of [start, end) with no reading for more than one and a half steps."""
    step = datetime.timedelta(seconds=step_seconds)
    found, expected = [], start
    for at in times:
        if at < start or at >= end:
            continue
        if at - expected > step / 2:
            found.append((expected, at))
        expected = at + step
    if end - expected > step / 2:
        found.append((expected, end))
    return found
