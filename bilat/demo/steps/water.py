"""Load the water demo: sites, series, curves, the 922 Mm³ limit in dekada plans, and a
synthetic season of 10-minute telemetry with an outage, a stuck sensor, a late correction and
a breach of the plan (bilat/demo/data/water.py)."""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from bilat.core.changelog import record_change
from bilat.directory.models import Organisation
from bilat.water import allocation, bulletin, services
from bilat.water.models import (
    Agreement,
    Gauging,
    SeasonLimit,
    Series,
    Site,
    WaterAuthority,
)
from bilat.water.parsing import Row
from bilat.water.periods import Dekada, season_dekadas

from ..data import water as data
from .common import DemoRun

SEED = 20240712


def load(run: DemoRun) -> None:
    """Everything once: a second run finds the sites and changes nothing."""
    if Site.objects.filter(code="dostyk-head").exists():
        return
    actor = run.actor
    for code in data.AUTHORITIES:
        authority = WaterAuthority.objects.create(organisation=Organisation.objects.get(code=code))
        record_change(authority, action="create", actor=actor)
    sites = {}
    for code, en, ru, kind, side, lat, lon, provenance in data.SITES:
        sites[code] = Site.objects.create(
            code=code, name_en=en, name_ru=ru, kind=kind, side=run.sides[side],
            latitude=Decimal(str(lat)), longitude=Decimal(str(lon)), provenance=provenance)
        record_change(sites[code], action="create", actor=actor)
    series = {}
    for code, site, parameter, unit, step, owner, shared, tier, limits in data.SERIES:
        s = Series.objects.create(
            code=code, site=sites[site], parameter=parameter, unit=unit, step_seconds=step,
            owner_side=run.sides[owner], access_tier=tier, source=Series.Source.SYNTHETIC,
            **limits)
        s.shared_with.set([run.sides[c] for c in shared])
        record_change(s, action="create", actor=actor)
        series[code] = s
    for site, valid_from, kind, definition in data.RATING_CURVES:
        services.add_rating_curve(sites[site], valid_from=_at(valid_from), kind=kind,
                                  definition=definition, actor=actor)
    for site, at, stage, q, method in data.GAUGINGS:
        g = Gauging.objects.create(site=sites[site], measured_at=_at(at), stage_m=stage,
                                   discharge_m3s=q, method=method)
        record_change(g, action="create", actor=actor)
    limits = _limits(run, sites)
    _telemetry(run, series, limits)
    run.note("water: 4 sites, 4 series, a season of synthetic telemetry, dekada plans")


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).astimezone(datetime.UTC)


def _limits(run: DemoRun, sites: dict) -> dict:
    agreement = Agreement.objects.create(**data.AGREEMENT, signed_on=datetime.date(2024, 3, 28),
                                         provenance="illustrative")
    record_change(agreement, action="create", actor=run.actor)
    limits = {}
    for side, site, kind, season, year, mm3, provenance in data.LIMITS:
        limit = SeasonLimit.objects.create(
            agreement=agreement, side=run.sides[side], site=sites[site], kind=kind,
            season=season, year=year, limit_mm3=Decimal(mm3), provenance=provenance)
        record_change(limit, action="create", actor=run.actor)
        for period, volume in plan_split(Decimal(mm3), year).items():
            allocation.set_plan(limit, period, volume, actor=run.actor)
        limits[site] = limit
    return limits


def plan_split(total: Decimal, year: int) -> dict[str, Decimal]:
    """A season limit in dekada plans by the month weights (illustrative), adding up exactly."""
    dekadas = season_dekadas(year)
    weights = [data.MONTH_WEIGHTS[d.month] * d.days for d in dekadas]
    plans = {str(d): (total * Decimal(w / sum(weights))).quantize(Decimal("0.01"))
             for d, w in zip(dekadas, weights, strict=True)}
    last = str(dekadas[-1])
    plans[last] += total - sum(plans.values())
    return plans


def _telemetry(run: DemoRun, series: dict, limits: dict) -> None:
    rng = random.Random(SEED)
    dostyk = series["dostyk-head-q"]
    points = _flows(dostyk, limits["dostyk-head"], rng, breach=True)
    outage_start = _local(dostyk, data.OUTAGE[0])
    outage_end = outage_start + datetime.timedelta(hours=data.OUTAGE[1])
    held = [(at, v) for at, v in points if outage_start <= at < outage_end]
    services.load_archive(dostyk, [(at, v) for at, v in points
                                   if not outage_start <= at < outage_end],
                          actor=run.actor, batch_id="demo:dostyk-head-q:2024")
    services.load_archive(series["shardara-release-q"],
                          _flows(series["shardara-release-q"], limits["shardara-release"], rng),
                          actor=run.actor, batch_id="demo:shardara-release-q:2024")
    services.load_archive(series["kokbulak-h"], _stages(series["kokbulak-h"], rng),
                          actor=run.actor, batch_id="demo:kokbulak-h:2024")
    # The logger flushes its buffer after the outage: the held readings and a day either side.
    day = datetime.timedelta(days=1)
    flush = [(at, v) for at, v in points if outage_start - day <= at < outage_end + day]
    services.ingest(_rows(dostyk, flush), actor=None, door="mqtt", as_system=True,
                    batch_id="demo:dostyk-head-q:2024-flush")
    assert len(held) == data.OUTAGE[1] * 6
    # Kazakhstan's water authority approves the dekada with the breach...
    kz_secretariat = run.users["kz-secretariat"]
    bulletin.approve_bulletin("2024-07-1", side=run.sides["KZ"], actor=kz_secretariat)
    bulletin.approve_bulletin("2024-07-1", side=run.sides["UZ"], actor=run.users["uz-officer"])
    bulletin.approve_bulletin(data.BREACH_DEKADA, side=run.sides["KZ"], actor=kz_secretariat)
    # ...then a late correction from Uzbekistan's hydromet service conflicts with 12 readings
    # and reopens that bulletin.
    start, count, delta = data.CORRECTION
    first = _local(dostyk, start)
    by_time = dict(points)
    corrected = [(first + i * datetime.timedelta(minutes=10),
                  round(by_time[first + i * datetime.timedelta(minutes=10)] + delta, 2))
                 for i in range(count)]
    services.ingest(_rows(dostyk, corrected), actor=run.users["uz-officer"], door="api",
                    batch_id="demo:uz-hydromet-correction-2024-07-15")
    allocation.scan_deviations()


def _local(series: Series, text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=series.site.zone).astimezone(
        datetime.UTC)


def _rows(series: Series, points) -> list[Row]:
    return [Row(i + 1, series.code, at.isoformat(), v) for i, (at, v) in enumerate(points)]


def _season_times(series: Series, dekada: Dekada):
    start, end = dekada.bounds(series.site.zone)
    step = datetime.timedelta(seconds=series.step_seconds)
    at = start
    while at < end:
        yield at
        at += step


def _flows(series: Series, limit: SeasonLimit, rng: random.Random, *, breach: bool = False
           ) -> list[tuple[datetime.datetime, float]]:
    """Discharge following the dekada plans, with a daily wave and noise (synthetic)."""
    plans = {p.period: float(p.volume_mm3) for p in limit.plans.all()}
    points = []
    for d in season_dekadas(limit.year):
        factor = 1 + rng.uniform(-0.03, 0.03)
        if breach and str(d) == data.BREACH_DEKADA:
            factor = data.BREACH_FACTOR
        mean = plans[str(d)] * 1e6 / (d.days * 86_400) * factor
        for at in _season_times(series, d):
            wave = 0.03 * math.sin(2 * math.pi * (at.hour * 60 + at.minute) / 1440)
            points.append((at, round(mean * (1 + wave) + rng.gauss(0, 0.4), 2)))
    return points


def _stages(series: Series, rng: random.Random) -> list[tuple[datetime.datetime, float]]:
    """River stage over the season (synthetic), with a stuck sensor for twelve hours."""
    stuck_from = _local(series, data.STUCK[0])
    stuck_until = stuck_from + datetime.timedelta(minutes=10 * data.STUCK[1])
    points, held = [], None
    for d in season_dekadas(2024):
        for at in _season_times(series, d):
            day = (at - datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC)).days
            value = round(2.0 + 0.6 * math.sin(math.pi * day / 183) + rng.gauss(0, 0.01), 3)
            if stuck_from <= at < stuck_until:
                held = held if held is not None else value
                value = held
            points.append((at, value))
    return points
