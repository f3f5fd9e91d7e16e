"""Quality of readings, after WaterML 2.0 and Delft-FEWS: a flag per reading from its series'
limits and its neighbours, and the gaps between readings.

Flags are worked out from the stored readings every time (never stored with the reading), so a
late or out-of-order reading gives its neighbours the same flags as an in-order one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

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


class Flagged(NamedTuple):
    at: datetime.datetime
    value: float
    quality: str
    reasons: tuple[str, ...]


def _outside(value: float, low: float | None, high: float | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


def flag(readings: list[tuple[datetime.datetime, float]], limits: Limits) -> list[Flagged]:
    """Each reading (in time order) with its quality and the reasons for it.

    Runs for every reading of every dekada a batch touches: kept to plain comparisons (a
    reading inside every limit, the common case, allocates nothing but its result)."""
    out: list[Flagged] = []
    append = out.append
    run = 0
    prev_at: datetime.datetime | None = None
    prev_value = 0.0
    near = datetime.timedelta(seconds=1.5 * limits.step_seconds)
    hard_min, hard_max = limits.hard_min, limits.hard_max
    soft_min, soft_max = limits.soft_min, limits.soft_max
    rate, stuck_after = limits.max_rate_per_hour, limits.stuck_after
    no_limits = hard_min is None and hard_max is None and soft_min is None and soft_max is None
    for at, value in readings:
        consecutive = prev_at is not None and at - prev_at <= near
        if no_limits and rate is None:
            run = run + 1 if consecutive and value == prev_value else 1
            if stuck_after and run >= stuck_after:
                append(Flagged(at, value, SUSPECT, ("stuck",)))
            else:
                append(Flagged(at, value, GOOD, ()))
            prev_at, prev_value = at, value
            continue
        reasons: list[str] = []
        hard = _outside(value, hard_min, hard_max)
        if hard:
            reasons.append("hard_limit")
        if _outside(value, soft_min, soft_max):
            reasons.append("soft_limit")
        if consecutive and rate is not None:
            hours = (at - prev_at).total_seconds() / 3600
            if hours > 0 and abs(value - prev_value) / hours > rate:
                reasons.append("rate_of_change")
        if not hard:
            run = run + 1 if consecutive and value == prev_value else 1
            if stuck_after and run >= stuck_after:
                reasons.append("stuck")
        quality = POOR if hard else SUSPECT if reasons else GOOD
        append(Flagged(at, value, quality, tuple(reasons)))
        if not hard:  # neighbours are compared with the last usable reading
            prev_at, prev_value = at, value
    return out


def gaps(times: list[datetime.datetime], start: datetime.datetime, end: datetime.datetime,
         step_seconds: int) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The stretches of [start, end) with no reading for more than one and a half steps."""
    step = datetime.timedelta(seconds=step_seconds)
    half = step / 2  # once, not per reading: a dekada holds 1,440 of 10 minutes
    found, expected = [], start
    for at in times:
        if at < start or at >= end:
            continue
        if at - expected > half:
            found.append((expected, at))
        expected = at + step
    if end - expected > half:
        found.append((expected, end))
    return found
