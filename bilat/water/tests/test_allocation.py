"""Deviations from the plan raise alerts once, and the party acknowledges them."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from bilat.decisions.models import Notification
from bilat.water import allocation, services
from bilat.water.models import Agreement, Alert, SeasonLimit

from .factories import UTC, make_water, steady

pytestmark = pytest.mark.django_db
START = datetime.datetime(2024, 7, 10, 19, 0, tzinfo=UTC)  # 2024-07-2 at a UZ site


def _limit(w, kind="withdrawal"):
    agreement = Agreement.objects.create(code="icwc", title_en="ICWC", title_ru="МКВК",
                                         reference="ICWC protocol")
    return SeasonLimit.objects.create(agreement=agreement, side=w.kz, site=w.canal, kind=kind,
                                      season="growing", year=2024, limit_mm3=922)


def test_deviation_thresholds_follow_the_kind_of_limit():
    assert allocation.deviation_status("withdrawal", 100, 104) == "ok"
    assert allocation.deviation_status("withdrawal", 100, 107) == "warn"
    assert allocation.deviation_status("withdrawal", 100, 111) == "breach"
    assert allocation.deviation_status("withdrawal", 100, 50) == "ok"
    assert allocation.deviation_status("inflow", 100, 85) == "breach"
    assert allocation.deviation_status("inflow", 100, None) == "unknown"


def test_a_breach_raises_one_alert_however_often_the_scan_runs_and_the_party_acknowledges_it():
    w = make_water()
    limit = _limit(w)
    allocation.set_plan(limit, "2024-07-2", Decimal("70.00"), actor=None)
    # 90 m³/s for the whole dekada: 77.76 Mm³, 11 % over a 70 Mm³ plan.
    services.ingest(steady("dostyk-head-q", START, 1440, 90.0), actor=None, door="file",
                    as_system=True)
    first = allocation.scan_deviations()
    second = allocation.scan_deviations()
    assert (first.alerts, second.alerts, second.already_sent) == (1, 0, 1)
    alert = Alert.objects.get()
    assert alert.level == "breach" and alert.actual_mm3 == pytest.approx(77.76)
    kz_people = {w.users["kz_officer"].pk, w.users["kz_secretariat"].pk}
    assert set(Notification.objects.values_list("user_id", flat=True)) == kz_people
    with pytest.raises(PermissionDenied):
        allocation.acknowledge_alert(alert, actor=w.users["uz_officer"])
    allocation.acknowledge_alert(alert, actor=w.users["kz_officer"])
    assert Alert.objects.get().acknowledged_by == w.users["kz_officer"]


def test_alert_mail_goes_out_after_the_commit(django_capture_on_commit_callbacks):
    w = make_water()
    limit = _limit(w)
    allocation.set_plan(limit, "2024-07-2", Decimal("70.00"), actor=None)
    services.ingest(steady("dostyk-head-q", START, 1440, 90.0), actor=None, door="file",
                    as_system=True)
    with django_capture_on_commit_callbacks(execute=True):
        allocation.scan_deviations()
    assert len(mail.outbox) == 2 and "breached" in mail.outbox[0].subject


def test_the_volumes_command_prints_the_season_as_json():
    w = make_water()
    services.ingest(steady("dostyk-head-q", START, 1440, 90.0), actor=None, door="file",
                    as_system=True)
    out = StringIO()
    call_command("water", "volumes", "--site", w.canal.code, "--season", "2024", "--json",
                 stdout=out)
    report = json.loads(out.getvalue())
    dekada = next(d for d in report["dekadas"] if d["period"] == "2024-07-2")
    assert dekada["volume_mm3"] == pytest.approx(77.76) and dekada["status"] == "complete"
    assert report["total"]["status"] == "estimate"


def test_acknowledging_twice_keeps_the_first_acknowledgement():
    w = make_water()
    limit = _limit(w)
    alert = Alert.objects.create(limit=limit, period="2024-07-2", level="warn", planned_mm3=1,
                                 actual_mm3=1.07)
    allocation.acknowledge_alert(alert, actor=w.users["kz_officer"])
    allocation.acknowledge_alert(alert, actor=w.users["kz_secretariat"])
    assert Alert.objects.get().acknowledged_by == w.users["kz_officer"]
