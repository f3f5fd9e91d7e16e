"""The API door and the read routes: contract, permissions, both parties see the same totals."""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bilat.water import services
from bilat.water.models import BulletinApproval, Reading, SeasonLimit

from .factories import STEP, UTC, make_water, varying

pytestmark = pytest.mark.django_db
START = datetime.datetime(2024, 7, 10, 19, 0, tzinfo=UTC)


def _client(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def _body(count=20, batch_id="b-1"):
    return {"batch_id": batch_id, "readings": [
        {"series": "dostyk-head-q", "time": (START + i * STEP).isoformat(), "value": 80 + i}
        for i in range(count)]}


def test_a_batch_answers_its_counts_and_the_same_batch_id_answers_the_first_answer():
    w = make_water()
    client = _client(w.users["uz_officer"])
    first = client.post("/api/v1/water/batches/", _body(), format="json")
    assert first.status_code == 201
    assert first.json() == {"batch_id": "b-1", "new": 20, "duplicate": 0, "conflict": 0,
                            "rejected": 0, "rejected_rows": []}
    again = client.post("/api/v1/water/batches/", _body(), format="json")
    assert again.status_code == 200 and again.json() == first.json()
    other_id = client.post("/api/v1/water/batches/", _body(batch_id="b-2"), format="json")
    assert other_id.json()["duplicate"] == 20 and Reading.objects.count() == 20


def test_a_csv_body_is_read_and_bad_rows_are_named():
    w = make_water()
    csv = "series,time,value\ndostyk-head-q,2024-07-11T00:00:00Z,85.1\nnowhere,2024-07-11,1\n"
    response = _client(w.users["uz_officer"]).post(
        "/api/v1/water/batches/?batch_id=csv-1", csv, content_type="text/csv")
    assert response.status_code == 201
    body = response.json()
    assert (body["new"], body["rejected"]) == (1, 1)
    assert body["rejected_rows"] == [{"row": 3, "reason": "unknown series 'nowhere'"}]


def test_a_malformed_body_is_a_400_and_writes_nothing():
    w = make_water()
    client = _client(w.users["uz_officer"])
    bad = client.post("/api/v1/water/batches/", {"readings": [{"series": "x"}]}, format="json")
    assert bad.status_code == 400 and "readings" in bad.json()
    assert client.post("/api/v1/water/batches/", "series,value\nx,2", content_type="text/csv"
                       ).status_code == 400
    assert client.post("/api/v1/water/batches/", "\rH", content_type="text/csv").status_code == 400
    assert Reading.objects.count() == 0


def test_signed_out_callers_cannot_send_readings():
    make_water()
    assert _client().post("/api/v1/water/batches/", _body(), format="json").status_code in (
        401, 403)


def test_the_series_list_shows_what_the_caller_may_read():
    w = make_water()

    def codes(user):
        return {s["code"] for s in _client(user).get("/api/v1/water/series/").json()}

    assert codes(w.users["kz_officer"]) == {"dostyk-head-q", "kokbulak-h"}  # shared with KZ
    assert codes(w.users["uz_officer"]) == {"dostyk-head-q"}
    assert codes(w.users["other_officer"]) == set()
    assert codes(w.users["uz_secretariat"]) == {"dostyk-head-q", "kokbulak-h"}


def test_both_parties_views_give_the_same_dekada_totals():
    w = make_water()
    services.ingest(varying("dostyk-head-q", START, 1440), actor=w.users["uz_officer"],
                    door="api")
    answers = [
        _client(w.users[name]).get("/api/v1/water/sites/dostyk-head/volumes/?year=2024").json()
        for name in ("kz_officer", "uz_officer", "kz_secretariat", "uz_secretariat")
    ]
    assert all(a == answers[0] for a in answers)
    july2 = next(d for d in answers[0]["dekadas"] if d["period"] == "2024-07-2")
    assert july2["status"] == "complete" and july2["volume_mm3"] > 0


def test_volumes_of_a_series_not_open_to_the_caller_are_a_404():
    w = make_water()
    response = _client(w.users["other_officer"]).get(
        "/api/v1/water/sites/dostyk-head/volumes/?year=2024")
    assert response.status_code == 404
    assert _client(w.users["uz_officer"]).get(
        "/api/v1/water/sites/dostyk-head/volumes/?year=x").status_code == 400


def test_a_party_approves_the_bulletin_and_a_change_reopens_it():
    w = make_water()
    from bilat.water.models import Agreement

    agreement = Agreement.objects.create(code="icwc-2024", title_en="ICWC", title_ru="МКВК",
                                         reference="ICWC protocol")
    SeasonLimit.objects.create(agreement=agreement, side=w.kz, site=w.canal, kind="withdrawal",
                               season="growing", year=2024, limit_mm3=922)
    officer = w.users["kz_officer"]
    services.ingest(varying("dostyk-head-q", START, 100), actor=w.users["uz_officer"], door="api")
    url = "/api/v1/water/bulletins/2024-07-2/"
    seen = _client(officer).get(url).json()["digest"]
    assert _client(officer).post(url + "approve/", {"side": "KZ"}, format="json"
                                 ).status_code == 400  # the version read is required
    response = _client(officer).post(url + "approve/", {"side": "KZ", "digest": seen},
                                     format="json")
    assert response.status_code == 201
    states = {a["party"]: a["state"] for a in response.json()["approvals"]}
    assert states == {"KZ": "approved", "UZ": "pending"}
    assert _client(officer).post(url + "approve/", {"side": "UZ", "digest": seen},
                                 format="json").status_code == 403
    services.ingest(varying("dostyk-head-q", START + 100 * STEP, 10),
                    actor=w.users["uz_officer"], door="api")
    states = {a["party"]: a["state"] for a in _client(officer).get(url).json()["approvals"]}
    assert states["KZ"] == "reopened"
    # Approving the figures as first read, after they changed, is stale: 409, nothing written.
    stale = _client(officer).post(url + "approve/", {"side": "KZ", "digest": seen}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_digest"] == _client(officer).get(url).json()["digest"] != seen
    assert BulletinApproval.objects.count() == 1
    page = Client()
    page.force_login(officer)
    page.post("/water/bulletins/2024-07-2/approve/", {"side": "KZ", "digest": seen})
    assert BulletinApproval.objects.count() == 1
    page.post("/water/bulletins/2024-07-2/approve/",
              {"side": "KZ", "digest": stale.json()["current_digest"]})
    assert BulletinApproval.objects.count() == 2
    assert _client(officer).get("/api/v1/water/bulletins/2024-13-9/").status_code == 400
