"""Rating curves: discharge from stage with the version valid at that time, never beyond its
range (a stage outside it gives no discharge, and the reading is flagged)."""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass


class RatingError(ValueError):
    """A rating curve's definition that cannot be used (names what is wrong)."""


@dataclass(frozen=True)
class Curve:
    """One version of a rating curve, ready to evaluate."""

    valid_from: datetime.datetime
    kind: str
    definition: tuple

    @property
    def stage_range(self) -> tuple[float, float]:
        if self.kind == "power":
            return self.definition[0]["from"], self.definition[-1]["to"]
        return self.definition[0][0], self.definition[-1][0]

    def discharge(self, stage_m: float) -> float | None:
        """Q in m³/s at ``stage_m``, or None outside the curve's range."""
        low, high = self.stage_range
        if not low <= stage_m <= high:
            return None
        if self.kind == "power":
            for seg in self.definition:
                if seg["from"] <= stage_m <= seg["to"]:
                    return seg["a"] * max(stage_m - seg["h0"], 0.0) ** seg["b"]
            return None
        stages = [p[0] for p in self.definition]
        i = bisect.bisect_right(stages, stage_m)
        if i >= len(stages):
            return float(self.definition[-1][1])
        (h0, q0), (h1, q1) = self.definition[i - 1], self.definition[i]
        return q0 + (q1 - q0) * (stage_m - h0) / (h1 - h0)


def check_definition(kind: str, definition) -> tuple:
    """The definition as a tuple, or RatingError naming what is wrong."""
    if kind == "power":
        segments = []
        for i, seg in enumerate(definition or []):
            try:
                segments.append({k: float(seg[k]) for k in ("from", "to", "a", "h0", "b")})
            except (KeyError, TypeError, ValueError) as exc:
                raise RatingError(f"segment {i + 1}: needs from, to, a, h0, b") from exc
            if segments[-1]["to"] <= segments[-1]["from"]:
                raise RatingError(f"segment {i + 1}: 'to' must be above 'from'")
        if not segments:
            raise RatingError("a power-law curve needs at least one segment")
        return tuple(sorted(segments, key=lambda s: s["from"]))
    if kind == "table":
        points = sorted((float(h), float(q)) for h, q in definition or [])
        if len(points) < 2:
            raise RatingError("a table needs at least two points")
        if len({h for h, _ in points}) != len(points):
            raise RatingError("a table has two points at the same stage")
        return tuple(points)
    raise RatingError(f"unknown kind {kind!r} (power or table)")


class RatingHistory:
    """Every version of a site's curve; picks the one valid at a moment."""

    def __init__(self, curves: list[Curve]):
        self.curves = sorted(curves, key=lambda c: c.valid_from)
        self.starts = [c.valid_from for c in self.curves]

    def at(self, moment: datetime.datetime) -> Curve | None:
        i = bisect.bisect_right(self.starts, moment)
        return self.curves[i - 1] if i else None

    def discharge(self, moment: datetime.datetime, stage_m: float) -> float | None:
        curve = self.at(moment)
        return curve.discharge(stage_m) if curve else None
