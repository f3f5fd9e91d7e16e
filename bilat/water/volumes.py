"""Volumes: Σ Q·Δt / 10⁶ in Mm³ per dekada, month and season, with the share of the period
covered by usable data.

Each series keeps one ``VolumeAggregate`` per dekada, recomputed from its current readings in
the transaction that brings a reading of that dekada (``recompute``); months and seasons add
dekadas up. A period covered below ``BILAT_WATER_MIN_COVERAGE`` is an *estimate* (the mean flow
of its covered time over the whole period), and one with no usable reading is *missing*.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from . import quality
from .models import RatingCurve, Reading, Series, Site, VolumeAggregate
from .periods import Dekada, dekada_of, season_dekadas
from .rating import Curve, RatingHistory, check_definition
from .units import to_base

COMPLETE, MEASURED, ESTIMATE, MISSING = "complete", "measured", "estimate", "missing"


def min_coverage() -> float:
    return float(getattr(settings, "BILAT_WATER_MIN_COVERAGE", 0.9))


def rating_history(site: Site) -> RatingHistory:
    return RatingHistory([
        Curve(c.valid_from, c.kind, check_definition(c.kind, c.definition))
        for c in RatingCurve.objects.filter(site=site)
    ])


def gives_volume(series: Series) -> bool:
    return series.parameter in (Series.Parameter.DISCHARGE, Series.Parameter.STAGE)


def touched_periods(series: Series, times: Iterable[datetime.datetime]) -> set[str]:
    """The dekadas whose figures a reading at each of ``times`` may change: its own, and the
    next one when its neighbours there look back at it (rate of change, stuck sensor).

    Worked out per UTC day the times fall on (both ends of the day): a superset, cheap for a
    batch of thousands of readings."""
    zone = series.site.zone
    reach = datetime.timedelta(seconds=series.step_seconds * (series.stuck_after + 1))
    day_end = datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
    periods = set()
    for day in {at.astimezone(datetime.UTC).date() for at in times}:
        first = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
        for moment in (first, first + day_end, first + reach, first + day_end + reach):
            periods.add(str(dekada_of(moment, zone)))
    return periods


def recompute(series: Series, periods: Iterable[str], *, history: RatingHistory | None = None,
              known: tuple | None = None) -> None:
    """Bring the dekada aggregates of ``series`` for ``periods`` up to date with its readings.

    ``known`` is ``(first, last, rows)``: every current reading of the series from ``first``
    to ``last`` inclusive as (time, value, to review), in time order, as the caller already
    holds them (a batch, once written); only the readings outside that span are read back."""
    if history is None and series.parameter == Series.Parameter.STAGE:
        history = rating_history(series.site)
    zone = series.site.zone
    limits = quality.Limits.of(series)
    step = datetime.timedelta(seconds=series.step_seconds)
    lookback = step * (series.stuck_after + 1)
    spans = sorted((*Dekada.parse(p).bounds(zone), p) for p in set(periods))
    stored = {a.period: a for a in VolumeAggregate.objects.filter(
        series=series, period__in=[p for _s, _e, p in spans])}
    changed, created = [], []
    for group in _runs(spans, lookback):
        # One read for a run of adjacent dekadas, sliced per dekada with its look-back.
        rows = _current(series, group[0][0] - lookback, group[-1][1], known)
        times = [at for at, _v, _r in rows]
        for start, end, period in group:
            window = rows[bisect.bisect_left(times, start - lookback):
                          bisect.bisect_left(times, end)]
            figures = _figures(series, window, start, end, limits, history)
            aggregate = stored.get(period)
            if aggregate is None:
                created.append(VolumeAggregate(series=series, period=period, starts_at=start,
                                               ends_at=end, **figures))
                continue
            for name, value in {"starts_at": start, "ends_at": end, **figures}.items():
                setattr(aggregate, name, value)
            changed.append(aggregate)
    if changed:
        VolumeAggregate.objects.bulk_update(changed, ["starts_at", "ends_at", *FIGURES])
    if created:
        VolumeAggregate.objects.bulk_create(created)


def _current(series: Series, lo: datetime.datetime, hi: datetime.datetime,
             known: tuple | None) -> list[tuple]:
    """The current readings of [lo, hi) in time order, from ``known`` where it covers them."""
    qs = Reading.objects.filter(series=series, is_current=True).order_by("at").values_list(
        "at", "value", "needs_review")
    if known is None or known[1] < lo or known[0] >= hi:
        return list(qs.filter(at__gte=lo, at__lt=hi))
    first, last, rows = known
    outside = [Q(at__gte=lo, at__lt=first)] if lo < first else []
    if last < hi:
        outside.append(Q(at__gt=last, at__lt=hi))
    edges = list(qs.filter(functools.reduce(operator.or_, outside))) if outside else []
    return ([r for r in edges if r[0] < first] + [r for r in rows if lo <= r[0] < hi]
            + [r for r in edges if r[0] > last])


FIGURES = ("readings", "good", "suspect", "poor", "gaps", "covered_seconds", "volume_m3",
           "conflicts")


def _runs(spans: list[tuple], lookback: datetime.timedelta) -> list[list[tuple]]:
    """Dekadas (start, end, period) in order, grouped into runs read with one query."""
    runs: list[list[tuple]] = []
    for span in spans:
        if runs and span[0] - lookback <= runs[-1][-1][1]:
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _figures(series: Series, rows: list[tuple], start: datetime.datetime,
             end: datetime.datetime, limits: quality.Limits, history: RatingHistory | None
             ) -> dict:
    """A dekada's counts, coverage and volume from its current readings (with the look-back
    the quality flags need before ``start``)."""
    flagged = quality.flag([(at, v) for at, v, _r in rows], limits)
    inside = [f for f in flagged if f.at >= start]
    counts = {quality.GOOD: 0, quality.SUSPECT: 0, quality.POOR: 0}
    covered = volume = 0.0
    step = series.step_seconds
    full_step_until = end - datetime.timedelta(seconds=step)  # later readings end at ``end``
    flow_factor = to_base(1.0, series.unit) \
        if series.parameter == Series.Parameter.DISCHARGE else None
    for f in inside:
        counts[f.quality] += 1
        if f.quality == quality.POOR:
            continue
        q = f.value * flow_factor if flow_factor is not None \
            else _discharge(series, f, history)
        if q is None:
            continue
        seconds = step if f.at <= full_step_until else (end - f.at).total_seconds()
        covered += seconds
        volume += q * seconds
    return {
        "readings": len(inside), "good": counts[quality.GOOD],
        "suspect": counts[quality.SUSPECT], "poor": counts[quality.POOR],
        "gaps": len(quality.gaps([f.at for f in inside], start, end, series.step_seconds)),
        "covered_seconds": covered,
        "volume_m3": volume if gives_volume(series) else None,
        "conflicts": sum(1 for at, _v, r in rows if r and at >= start),
    }


def _discharge(series: Series, f: quality.Flagged, history: RatingHistory | None) -> float | None:
    if series.parameter == Series.Parameter.DISCHARGE:
        return to_base(f.value, series.unit)
    if series.parameter == Series.Parameter.STAGE and history is not None:
        return history.discharge(f.at, to_base(f.value, series.unit))
    return None


@dataclass
class Volume:
    """The volume of one period at one site, with its coverage and what it is."""

    period: str
    seconds: float
    covered_seconds: float
    measured_m3: float
    readings: int = 0
    good: int = 0
    suspect: int = 0
    poor: int = 0
    gaps: int = 0
    conflicts: int = 0

    @property
    def coverage(self) -> float:
        return self.covered_seconds / self.seconds if self.seconds else 0.0

    @property
    def status(self) -> str:
        if self.covered_seconds <= 0:
            return MISSING
        if self.coverage >= 0.9995:
            return COMPLETE
        return MEASURED if self.coverage >= min_coverage() else ESTIMATE

    @property
    def mm3(self) -> float | None:
        """The period's volume in Mm³: the mean flow of the covered time over the period."""
        if self.status == MISSING:
            return None
        return self.measured_m3 / self.coverage / 1e6

    def add(self, other: Volume) -> None:
        for name in ("seconds", "covered_seconds", "measured_m3", "readings", "good", "suspect",
                     "poor", "gaps", "conflicts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {
            "period": self.period, "volume_mm3": self.mm3, "coverage": round(self.coverage, 6),
            "status": self.status, "readings": self.readings, "good": self.good,
            "suspect": self.suspect, "poor": self.poor, "gaps": self.gaps,
            "conflicts": self.conflicts,
        }


def flow_series(site: Site, series_qs=None) -> Series | None:
    """The series a site's volumes come from: its discharge, else its stage with the curve."""
    qs = series_qs if series_qs is not None else Series.objects.all()
    candidates = list(qs.filter(site=site, parameter__in=[
        Series.Parameter.DISCHARGE, Series.Parameter.STAGE]).order_by("parameter", "code"))
    return candidates[0] if candidates else None  # "discharge" sorts before "stage"


def dekada_volumes(series: Series, dekadas: list[Dekada]) -> list[Volume]:
    """One Volume per dekada of ``dekadas``, from the stored aggregates (missing if none)."""
    zone = series.site.zone
    stored = {a.period: a for a in VolumeAggregate.objects.filter(
        series=series, period__in=[str(d) for d in dekadas])}
    out = []
    for d in dekadas:
        start, end = d.bounds(zone)
        seconds = (end - start).total_seconds()
        a = stored.get(str(d))
        if a is None:
            out.append(Volume(str(d), seconds, 0.0, 0.0, gaps=1))
            continue
        out.append(Volume(str(d), seconds, a.covered_seconds, a.volume_m3 or 0.0, a.readings,
                          a.good, a.suspect, a.poor, a.gaps, a.conflicts))
    return out


def sum_volumes(label: str, volumes: list[Volume]) -> Volume:
    """Dekadas added up (a month, a season): coverage over the whole of them."""
    total = Volume(label, 0.0, 0.0, 0.0)
    for v in volumes:
        total.add(v)
    return total


def season_report(series: Series, year: int, season: str = "growing") -> dict:
    """A series' volumes per dekada, month and season (what `bilat water volumes` prints)."""
    dekadas = season_dekadas(year, season)
    per_dekada = dekada_volumes(series, dekadas)
    months: dict[str, list[Volume]] = {}
    for d, v in zip(dekadas, per_dekada, strict=True):
        months.setdefault(d.month_key, []).append(v)
    return {
        "site": series.site.code, "series": series.code, "season": season, "year": year,
        "unit": "Mm3", "min_coverage": min_coverage(),
        "dekadas": [v.as_dict() for v in per_dekada],
        "months": [sum_volumes(m, vs).as_dict() for m, vs in months.items()],
        "total": sum_volumes(f"{year}-{season}", per_dekada).as_dict(),
    }
