"""Reviewing a conflicting reading: the owning side's water officers accept one revision as
the current value, with a reason; stale decisions are refused; the dekada follows."""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bilat.core.changelog import verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.water import services
from bilat.water.models import Reading, VolumeAggregate
from bilat.water.parsing import Row

from .factories import STEP, UTC, make_water, steady

pytestmark = pytest.mark.django_db
START = datetime.datetime(2024, 7, 11, 0, 0, tzinfo=UTC)
URL = "/api/v1/water/conflicts/"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _conflicted(w):
    """Ten readings of 80 m³/s, then the fifth sent again as 200 m³/s (a conflict)."""
    uz = w.users["uz_officer"]
    services.ingest(steady("dostyk-head-q", START, 10, value=80.0), actor=uz, door="api")
    at = START + 4 * STEP
    out = services.ingest([Row(1, "dostyk-head-q", at.isoformat(), 200.0)], actor=uz, door="api")
    assert out.conflict == 1
    return at


def _volume():
    return sum(a.volume_m3 for a in VolumeAggregate.objects.filter(series__code="dostyk-head-q"))


def test_the_owning_side_accepts_a_revision_with_a_reason_and_the_dekada_follows():
    w = make_water()
    at = _conflicted(w)
    with_conflict = _volume()
    listed = _api(w.users["kz_officer"]).get(URL).json()  # shared with KZ: KZ sees it
    assert [(c["series"], c["latest"], len(c["revisions"])) for c in listed] == [
        ("dostyk-head-q", 1, 2)]
    body = {"series": "dostyk-head-q", "time": at.isoformat(), "revision": 0, "latest": 1,
            "reason": "Logger re-sent a spike after a reset; field check confirms 80."}
    # KZ reads the series but does not own it: it may not decide.
    assert _api(w.users["kz_officer"]).post(URL + "resolve/", body, format="json"
                                            ).status_code == 403
    assert _api(w.users["uz_officer"]).post(URL + "resolve/", {**body, "reason": " "},
                                            format="json").status_code == 400
    response = _api(w.users["uz_officer"]).post(URL + "resolve/", body, format="json")
    assert response.status_code == 200, response.content
    assert [r["is_current"] for r in response.json()["revisions"]] == [True, False]
    assert not Reading.objects.filter(needs_review=True).exists()
    assert Reading.objects.filter(series__code="dostyk-head-q", at=at).count() == 2  # kept
    assert _volume() == pytest.approx(with_conflict - 120.0 * 600)
    entry = ChangeLogEntry.objects.filter(action="review").get()
    assert "field check" in entry.reason
    assert _api(w.users["uz_officer"]).get(URL).json() == []
    assert verify_chain().ok


def test_a_decision_on_revisions_that_changed_since_is_a_409():
    w = make_water()
    at = _conflicted(w)
    services.ingest([Row(1, "dostyk-head-q", at.isoformat(), 150.0)],
                    actor=w.users["uz_officer"], door="api")  # revision 2 arrives meanwhile
    body = {"series": "dostyk-head-q", "time": at.isoformat(), "revision": 0, "latest": 1,
            "reason": "spike"}
    response = _api(w.users["uz_officer"]).post(URL + "resolve/", body, format="json")
    assert response.status_code == 409 and response.json()["current_latest"] == 2
    assert Reading.objects.get(series__code="dostyk-head-q", at=at, is_current=True).value == 150
    assert not ChangeLogEntry.objects.filter(action="review").exists()


def test_the_review_page_lists_and_decides():
    w = make_water()
    at = _conflicted(w)
    page = Client()
    page.force_login(w.users["uz_officer"])
    listing = page.get("/water/conflicts/")
    assert listing.status_code == 200 and b"Accept this revision" in listing.content
    other = Client()
    other.force_login(w.users["other_officer"])  # no water authority: sees no series
    assert b"dostyk-head-q" not in other.get("/water/conflicts/").content
    page.post("/water/conflicts/resolve/", {"series": "dostyk-head-q", "time": at.isoformat(),
                                            "revision": 0, "latest": 1, "reason": "spike"})
    current = Reading.objects.get(series__code="dostyk-head-q", at=at, is_current=True)
    assert current.revision == 0 and not Reading.objects.filter(needs_review=True).exists()
