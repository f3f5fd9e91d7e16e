"""Agreements, season limits and plans kept through pages and API: who may, the version
check, errors by field, the change log; month plans against actual and against the sum of
their dekada plans; a plan changed after approval reopens the bulletin."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bilat.core.changelog import verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.water import allocation, bulletin, services
from bilat.water.models import Agreement, Alert, Plan, SeasonLimit
from bilat.water.periods import Dekada

from .factories import UTC, make_water, steady

pytestmark = pytest.mark.django_db
JULY = datetime.datetime(2024, 6, 30, 19, 0, tzinfo=UTC)  # 1 July 00:00 at a UZ site


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _limit(w) -> SeasonLimit:
    agreement = Agreement.objects.create(code="icwc-2024", title_en="ICWC 2024",
                                         title_ru="МКВК 2024", reference="ICWC protocol")
    return SeasonLimit.objects.create(agreement=agreement, side=w.kz, site=w.canal,
                                      kind="withdrawal", season="growing", year=2024,
                                      limit_mm3=922)


def test_the_secretariat_keeps_agreements_and_limits_on_pages_and_an_officer_may_not():
    w = make_water()
    sec = _page(w.users["kz_secretariat"])
    assert sec.get("/water/agreements/new/").status_code == 200
    response = sec.post("/water/agreements/new/", {
        "code": "icwc-2024", "title_en": "ICWC 2024", "title_ru": "МКВК 2024",
        "reference": "Protocol 85", "signed_on": "2024-03-28", "provenance": "sourced"})
    assert response.status_code == 302
    agreement = Agreement.objects.get(code="icwc-2024")
    assert _page(w.users["kz_officer"]).get("/water/agreements/new/").status_code == 403
    response = sec.post("/water/agreements/icwc-2024/limits/new/", {
        "version": agreement.version, "side": w.kz.pk, "site": w.canal.pk, "kind": "withdrawal",
        "season": "growing", "year": 2024, "limit_mm3": "922", "provenance": "sourced"})
    assert response.status_code == 302
    limit = SeasonLimit.objects.get()
    # The same limit twice: 400 naming the problem, nothing written.
    again = sec.post("/water/agreements/icwc-2024/limits/new/", {
        "version": Agreement.objects.get().version, "side": w.kz.pk, "site": w.canal.pk,
        "kind": "withdrawal", "season": "growing", "year": 2024, "limit_mm3": "900",
        "provenance": "sourced"})
    assert again.status_code == 400 and SeasonLimit.objects.count() == 1
    # An edit from a stale copy is refused (409) and changes nothing.
    url = f"/water/limits/{limit.pk}/edit/"
    fields = {"side": w.kz.pk, "site": w.canal.pk, "kind": "withdrawal", "season": "growing",
              "year": 2024, "provenance": "sourced"}
    assert sec.post(url, {**fields, "version": limit.version, "limit_mm3": "930"}
                    ).status_code == 302
    stale = sec.post(url, {**fields, "version": limit.version, "limit_mm3": "940"})
    assert stale.status_code == 409
    assert SeasonLimit.objects.get().limit_mm3 == Decimal("930")
    assert sec.post(url, {**fields, "limit_mm3": "940"}).status_code == 400  # no version
    assert sec.get("/water/agreements/").status_code == 200
    assert sec.get("/water/agreements/icwc-2024/").status_code == 200


def test_a_party_keeps_its_own_plans_with_the_version_check_and_errors_by_field():
    w = make_water()
    limit = _limit(w)
    url = f"/water/limits/{limit.pk}/plans/"
    officer = _page(w.users["kz_officer"])
    page = officer.get(f"/water/limits/{limit.pk}/")
    assert page.status_code == 200 and 'name="2024-07-2"' in page.content.decode()
    saved = officer.post(url, {"version": limit.version, "provenance": "illustrative",
                               "2024-07": "210", "2024-07-1": "70", "2024-07-2": "70",
                               "reason": "BWO schedule"})
    assert saved.status_code == 302
    assert dict(Plan.objects.values_list("period", "volume_mm3")) == {
        "2024-07": Decimal("210.00"), "2024-07-1": Decimal("70.00"),
        "2024-07-2": Decimal("70.00")}
    # The other party's officers read the plans but do not keep them.
    assert _page(w.users["uz_officer"]).post(url, {"version": 99, "provenance": "illustrative",
                                                   "2024-07-1": "1"}).status_code == 403
    assert 'name="2024-07-2"' not in _page(w.users["uz_officer"]).get(
        f"/water/limits/{limit.pk}/").content.decode()
    # Stale: another save came in since the form was read.
    stale = officer.post(url, {"version": limit.version, "provenance": "illustrative",
                               "2024-07-1": "75"})
    assert stale.status_code == 409 and Plan.objects.get(period="2024-07-1").volume_mm3 == 70
    # A negative volume: 400 on that field, nothing written.
    version = SeasonLimit.objects.get().version
    bad = officer.post(url, {"version": version, "provenance": "illustrative",
                             "2024-07-1": "-5", "2024-07-2": "80"})
    assert bad.status_code == 400 and Plan.objects.get(period="2024-07-2").volume_mm3 == 70
    # Emptying a field removes that plan.
    assert officer.post(url, {"version": version, "provenance": "illustrative",
                              "2024-07": "210", "2024-07-1": "70", "2024-07-2": ""}
                        ).status_code == 302
    assert not Plan.objects.filter(period="2024-07-2").exists()
    actions = list(ChangeLogEntry.objects.filter(object_type="water.plan").values_list(
        "action", flat=True))
    assert sorted(actions) == ["create", "create", "create", "delete"]
    assert verify_chain().ok


def test_the_api_keeps_agreements_limits_and_plans_with_the_version_check():
    w = make_water()
    sec = _api(w.users["uz_secretariat"])
    created = sec.post("/api/v1/water/agreements/", {
        "code": "icwc-2024", "title_en": "ICWC", "title_ru": "МКВК", "reference": "P-85",
        "provenance": "sourced"}, format="json")
    assert created.status_code == 201 and created.json()["version"] == 1
    assert _api(w.users["kz_officer"]).post("/api/v1/water/agreements/", {
        "code": "x", "title_en": "x", "title_ru": "x", "reference": "x"},
        format="json").status_code == 403
    assert sec.patch("/api/v1/water/agreements/icwc-2024/", {"reference": "P-86"},
                     format="json").status_code == 400  # the version read is required
    assert sec.patch("/api/v1/water/agreements/icwc-2024/", {"reference": "P-86",
                     "version": 1}, format="json").json()["version"] == 2
    assert sec.patch("/api/v1/water/agreements/icwc-2024/", {"reference": "P-87",
                     "version": 1}, format="json").status_code == 409
    limit = sec.post("/api/v1/water/limits/", {
        "agreement": "icwc-2024", "side": "KZ", "site": "dostyk-head", "kind": "withdrawal",
        "season": "growing", "year": 2024, "limit_mm3": "922"}, format="json")
    assert limit.status_code == 201, limit.json()
    limit_id, version = limit.json()["id"], limit.json()["version"]
    plans_url = f"/api/v1/water/limits/{limit_id}/plans/"
    officer = _api(w.users["kz_officer"])
    outside = officer.post(plans_url, {"version": version, "plans": {"2024-11-1": "5"}},
                           format="json")
    assert outside.status_code == 400 and "2024-11-1" in outside.json()
    done = officer.post(plans_url, {"version": version, "plans": {"2024-07": "210.5",
                                                                   "2024-07-1": "70"}},
                        format="json")
    assert done.status_code == 200
    assert {p["period"] for p in done.json()["plans"]} == {"2024-07", "2024-07-1"}
    assert officer.post(plans_url, {"version": version, "plans": {"2024-07-1": "71"}},
                        format="json").status_code == 409
    assert _api(w.users["uz_officer"]).post(plans_url, {
        "version": done.json()["version"], "plans": {"2024-07-1": "71"}},
        format="json").status_code == 403
    listed = officer.get("/api/v1/water/limits/?year=2024").json()
    assert [x["id"] for x in listed] == [limit_id]
    assert officer.patch(f"/api/v1/water/limits/{limit_id}/", {
        "limit_mm3": "1", "version": done.json()["version"]}, format="json").status_code == 403


def test_a_plan_changed_after_approval_reopens_the_bulletin():
    w = make_water()
    limit = _limit(w)
    allocation.set_plan(limit, "2024-07-2", Decimal("70.00"), actor=None)
    services.ingest(steady("dostyk-head-q", JULY + datetime.timedelta(days=10), 1440, 80.0),
                    actor=None, door="file", as_system=True)
    officer = w.users["kz_officer"]
    bulletin.approve_bulletin("2024-07-2", side=w.kz, actor=officer)
    assert bulletin.approvals("2024-07-2")["KZ"]["state"] == "approved"
    limit.refresh_from_db()
    allocation.set_plans(limit, {"2024-07-2": Decimal("72.00")}, actor=officer,
                         expected_version=limit.version)
    assert bulletin.approvals("2024-07-2")["KZ"]["state"] == "reopened"


def test_month_plans_against_actual_and_against_their_dekada_plans():
    w = make_water()
    limit = _limit(w)
    for period, volume in {"2024-07": "230", "2024-07-1": "70", "2024-07-2": "70",
                           "2024-07-3": "77"}.items():
        allocation.set_plan(limit, period, Decimal(volume), actor=None)
    # 90 m³/s the whole of July: 241.056 Mm³ against a 230 Mm³ month plan (+4.8 %: ok).
    services.ingest(steady("dostyk-head-q", JULY, 31 * 144, 90.0), actor=None, door="file",
                    as_system=True)
    use = allocation.season_use(SeasonLimit.objects.get())
    july = next(m for m in use.months if m.period == "2024-07")
    assert july.actual_mm3 == pytest.approx(241.056)
    assert july.dekada_planned_mm3 == pytest.approx(217) and july.plans_disagree
    assert july.status == "ok"
    assert not next(m for m in use.months if m.period == "2024-08").plans_disagree
    # The bulletin shows the month in its last dekada, judged; in the others, still open.
    rows = bulletin.bulletin_rows(Dekada.parse("2024-07-3"))
    assert rows[0].month_dict()["month_status"] == "ok"
    assert bulletin.bulletin_rows(Dekada.parse("2024-07-1"))[0].month_dict()[
        "month_status"] == "open"
    assert bulletin.bulletin_rows(Dekada.parse("2024-08-1"))[0].month is None
    html = bulletin.to_html(Dekada.parse("2024-07-3"), "en")
    assert "Month plans" in html and "do not add up to the month plan" in html
    page = _page(w.users["kz_officer"]).get(f"/water/limits/{limit.pk}/").content.decode()
    assert "do not add up to the month plan" in page


def test_a_month_over_plan_raises_one_alert_once_the_month_is_over():
    w = make_water()
    limit = _limit(w)
    allocation.set_plan(limit, "2024-07", Decimal("200"), actor=None)
    services.ingest(steady("dostyk-head-q", JULY, 31 * 144, 90.0), actor=None, door="file",
                    as_system=True)
    first, second = allocation.scan_deviations(), allocation.scan_deviations()
    assert (first.alerts, second.alerts) == (1, 0)
    alert = Alert.objects.get()
    assert (alert.period, alert.level) == ("2024-07", "breach")
