"""Volumes: order does not matter, an outage flushed loses nothing, curves switch at their
date, quality flags, coverage, and both parties see the same totals."""

import datetime
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilat.core.changelog import verify_chain
from bilat.water import quality, services
from bilat.water.models import VolumeAggregate
from bilat.water.periods import Dekada
from bilat.water.volumes import ESTIMATE, MISSING, dekada_volumes, recompute, season_report

from .factories import STEP, UTC, make_water, steady, varying

pytestmark = pytest.mark.django_db
# 2024-07-2 at a UZ site starts at 19:00 UTC on 10 July.
DEKADA = Dekada.parse("2024-07-2")
START = datetime.datetime(2024, 7, 10, 19, 0, tzinfo=UTC)


def _totals(series):
    return [(v.period, round(v.measured_m3, 6), v.covered_seconds)
            for v in dekada_volumes(series, [Dekada.parse("2024-07-1"), DEKADA,
                                             Dekada.parse("2024-07-3")])]


def test_a_full_dekada_of_steady_flow_is_q_times_its_seconds():
    w = make_water()
    services.ingest(steady("dostyk-head-q", START, 1440, 85.0), actor=None, door="file",
                    as_system=True)
    v = dekada_volumes(w.discharge, [DEKADA])[0]
    assert v.status == "complete" and v.coverage == 1
    assert v.mm3 == pytest.approx(85.0 * 10 * 0.0864)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(order_seed=st.integers(0, 2**32 - 1), chunks=st.integers(1, 7))
def test_out_of_order_and_backfilled_readings_give_the_same_volumes(order_seed, chunks):
    from django.db import transaction

    with transaction.atomic():
        w = make_water(soft_max=89.0, max_rate_per_hour=20.0, stuck_after=4)
        rows = varying("dostyk-head-q", START - 40 * STEP, 240)
        rows += steady("dostyk-head-q", START + 240 * STEP, 8, 84.0, first_row=300)
        services.ingest(rows, actor=None, door="file", as_system=True)
        in_order = _totals(w.discharge)
        flags_in_order = list(VolumeAggregate.objects.order_by("period").values_list(
            "period", "good", "suspect", "poor", "gaps"))
        transaction.set_rollback(True)
    with transaction.atomic():
        w = make_water(soft_max=89.0, max_rate_per_hour=20.0, stuck_after=4)
        shuffled = list(rows)
        random.Random(order_seed).shuffle(shuffled)
        size = len(shuffled) // chunks + 1
        for i in range(0, len(shuffled), size):
            services.ingest(shuffled[i:i + size], actor=None, door="file", as_system=True)
        assert _totals(w.discharge) == in_order
        assert list(VolumeAggregate.objects.order_by("period").values_list(
            "period", "good", "suspect", "poor", "gaps")) == flags_in_order
        # A batch's recompute takes the batch's readings from memory: the same as the table.
        fields = ("period", "readings", "good", "suspect", "poor", "gaps", "covered_seconds",
                  "volume_m3", "conflicts")
        from_batches = list(VolumeAggregate.objects.order_by("period").values_list(*fields))
        recompute(w.discharge, [p[0] for p in from_batches])
        assert list(VolumeAggregate.objects.order_by("period").values_list(*fields)) == [
            pytest.approx(a) for a in from_batches]
        transaction.set_rollback(True)


def test_a_72_hour_outage_flushed_by_the_logger_loses_nothing():
    w = make_water()
    officer = w.users["uz_officer"]
    everything = varying("dostyk-head-q", START, 1440)
    outage = set(range(300, 300 + 72 * 6))
    live = [r for i, r in enumerate(everything) if i not in outage]
    services.ingest(live, actor=officer, door="mqtt")
    during = dekada_volumes(w.discharge, [DEKADA])[0]
    assert during.coverage == pytest.approx(1 - 432 / 1440) and during.status == ESTIMATE
    assert during.gaps == 1
    # The logger flushes its buffer: everything it holds, including what got through.
    flush = services.ingest(everything, actor=officer, door="mqtt")
    assert (flush.new, flush.duplicate) == (432, 1008)
    after = dekada_volumes(w.discharge, [DEKADA])[0]
    assert after.status == "complete" and after.gaps == 0 and after.readings == 1440
    expected = sum(float(r.value) for r in everything) * 600 / 1e6
    assert after.mm3 == pytest.approx(expected)
    assert verify_chain().ok


def test_quality_flags_hard_limits_exclude_soft_limits_rate_and_stuck_mark_suspect():
    limits = quality.Limits(hard_min=0, hard_max=230, soft_max=120, max_rate_per_hour=30,
                            stuck_after=3)
    t = [START + i * STEP for i in range(8)]
    flagged = quality.flag(list(zip(t, [80, 81, 300, 82, 125, 82, 82, 82], strict=True)),
                           limits)
    assert [f.quality for f in flagged] == [
        "good", "good", "poor", "good", "suspect", "suspect", "good", "suspect"]
    assert flagged[4].reasons == ("soft_limit", "rate_of_change")
    assert flagged[5].reasons == ("rate_of_change",) and flagged[7].reasons == ("stuck",)
    assert quality.gaps([t[0], t[1], t[5]], t[0], t[7], 600) == [(t[2], t[5]), (t[6], t[7])]


def test_poor_readings_are_excluded_and_lower_the_coverage():
    w = make_water(hard_max=230.0)
    rows = steady("dostyk-head-q", START, 1440, 85.0)
    rows[10] = rows[10]._replace(value=999.0)
    services.ingest(rows, actor=None, door="file", as_system=True)
    v = dekada_volumes(w.discharge, [DEKADA])[0]
    assert v.poor == 1 and v.readings == 1440
    assert v.covered_seconds == 1439 * 600 and v.status == "measured"


def test_a_rating_curve_version_switches_at_its_date():
    w = make_water()
    zone = w.gauge.zone  # KZ: Asia/Almaty
    start, _end = DEKADA.bounds(zone)
    switch = start + datetime.timedelta(days=5)
    services.add_rating_curve(w.gauge, valid_from=start - datetime.timedelta(days=30),
                              kind="power", definition=[{"from": 0.5, "to": 6, "a": 10, "h0": 0,
                                                         "b": 1}], actor=None)
    services.ingest(steady("kokbulak-h", start, 1440, 2.0), actor=None, door="file",
                    as_system=True)
    before = dekada_volumes(w.stage, [DEKADA])[0]
    assert before.mm3 == pytest.approx(20.0 * 10 * 0.0864)
    services.add_rating_curve(w.gauge, valid_from=switch, kind="table",
                              definition=[[0.5, 5], [3, 35]], actor=None)
    after = dekada_volumes(w.stage, [DEKADA])[0]
    # h = 2 m gives 20 m³/s on the first curve and 5 + 30·1.5/2.5 = 23 m³/s on the second.
    assert after.mm3 == pytest.approx((20.0 * 5 + 23.0 * 5) * 0.0864)


def test_a_stage_beyond_the_curve_is_not_extrapolated():
    w = make_water()
    start, _end = DEKADA.bounds(w.gauge.zone)
    services.add_rating_curve(w.gauge, valid_from=start, kind="table",
                              definition=[[0.5, 5], [3, 35]], actor=None)
    services.ingest(steady("kokbulak-h", start, 1440, 3.5), actor=None, door="file",
                    as_system=True)
    v = dekada_volumes(w.stage, [DEKADA])[0]
    assert v.status == MISSING and v.mm3 is None and v.readings == 1440


def test_the_season_report_adds_dekadas_into_months_and_the_season():
    w = make_water()
    services.ingest(steady("dostyk-head-q", START, 1440 * 2, 50.0), actor=None, door="file",
                    as_system=True)
    report = season_report(w.discharge, 2024)
    july = next(m for m in report["months"] if m["period"] == "2024-07")
    assert july["readings"] == 2880 and july["status"] == ESTIMATE
    assert report["total"]["coverage"] == pytest.approx(20 / 183, abs=1e-6)
