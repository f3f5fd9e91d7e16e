"""Decision API: the permission matrix, the error shape, 409 on stale edits and query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from bilat.core.models import ChangeLogEntry
from bilat.decisions.models import DeadlineExtension, Decision, ExecutionReport
from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of
from bilat.decisions.tests.test_services import ROLES, VIEW_TABLE

pytestmark = pytest.mark.django_db


def api_for(cast, role):
    client = APIClient()
    if cast.users[role] is not None:
        client.force_authenticate(cast.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tier_index, tier", [(0, "public"), (1, "official"), (2, "restricted")])
def test_the_api_shows_a_decision_only_to_those_who_may_see_it(role, tier_index, tier):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier=tier)
    api = api_for(cast, role)
    response = api.get(f"/api/v1/decisions/{decision.pk}/")
    assert response.status_code == (200 if VIEW_TABLE[role][tier_index] else 404)
    listed = [d["control_number"] for d in api.get("/api/v1/decisions/").json()["results"]]
    assert (decision.control_number in listed) is VIEW_TABLE[role][tier_index]


def test_the_representation_nests_sides_and_reports():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    make_report(side_of(decision, "KZ"), cast.users["officer_kz_lead"])
    body = api_for(cast, "viewer").get(f"/api/v1/decisions/{decision.pk}/").json()
    assert body["joint_status"] == "in_progress"
    kz = body["sides"][0]
    assert kz["side"] == "KZ" and kz["lead"] == "kz-trade-ministry" and kz["status"] == "reported"
    assert kz["reports"][0]["verification"] == "submitted"


def test_a_stale_patch_gets_409_and_the_first_save_stays():
    cast = make_cast()
    decision = make_decision()
    api = api_for(cast, "secretariat_kz")
    url = f"/api/v1/decisions/{decision.pk}/"
    assert api.patch(url, {"title_en": "First", "version": 1}, format="json").status_code == 200
    response = api.patch(url, {"title_en": "Second", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert Decision.objects.get(pk=decision.pk).title_en == "First"


def test_bad_input_gets_400_naming_the_fields_and_writes_nothing():
    cast = make_cast()
    api = api_for(cast, "secretariat_kz")
    logged = ChangeLogEntry.objects.count()
    response = api.post("/api/v1/decisions/", {
        "control_number": "BAD-1", "title_en": "x", "issued_on": "2024-07-12",
        "due_on": "2024-01-01"}, format="json")
    assert response.status_code == 400
    assert "due_on" in response.json()
    response = api.post("/api/v1/decisions/", {"title_en": "x"}, format="json")
    assert response.status_code == 400
    assert {"control_number", "issued_on"} <= set(response.json())
    assert not Decision.objects.exists() or not Decision.objects.filter(
        control_number="BAD-1").exists()
    assert ChangeLogEntry.objects.count() == logged


def test_a_transition_out_of_order_gets_400_with_the_reason():
    cast = make_cast()
    decision = make_decision()
    report = make_report(side_of(decision, "KZ"), cast.users["reporter"])
    api = api_for(cast, "secretariat_kz")
    accepted = api.post(f"/api/v1/reports/{report.pk}/accept/", {"version": 1}, format="json")
    assert accepted.status_code == 200 and accepted.json()["version"] == 2
    again = api.post(f"/api/v1/reports/{report.pk}/accept/", {"version": 2}, format="json")
    assert again.status_code == 400
    assert "already" in str(again.json())
    missing = api.post(f"/api/v1/reports/{report.pk}/return/", {"version": 2}, format="json")
    assert missing.status_code == 400 and "return_reason" in missing.json()


def test_reports_with_evidence_go_through_multipart():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead)
    api = api_for(cast, "officer_kz_lead")
    response = api.post(
        f"/api/v1/decisions/{decision.pk}/sides/kz/reports/",
        {"as_of": "2024-09-01", "text": "Signed.", "version": decision.version,
         "evidence": [SimpleUploadedFile("act.pdf", b"%PDF-1.4", content_type="application/pdf")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"][0]["original_name"] == "act.pdf"
    bad = api.post(f"/api/v1/decisions/{decision.pk}/sides/kz/reports/",
                   {"as_of": "2024-09-01", "text": "x", "version": Decision.objects.get(pk=decision.pk).version,
                    "evidence": [SimpleUploadedFile("a.exe", b"MZ")]}, format="multipart")
    assert bad.status_code == 400  # one report already awaits verification, or the type is wrong
    assert ExecutionReport.objects.count() == 1


def test_extension_actions_move_the_sides_date():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead)
    officer = api_for(cast, "officer_kz_lead")
    response = officer.post(f"/api/v1/decisions/{decision.pk}/sides/KZ/extensions/",
                            {"proposed_on": "2025-03-03", "reason": "Winter.",
                             "version": decision.version}, format="json")
    assert response.status_code == 201
    ext = DeadlineExtension.objects.get()
    assert officer.post(f"/api/v1/extensions/{ext.pk}/approve/", {"version": 1}, format="json"
                        ).status_code == 403
    sec = api_for(cast, "secretariat_kz")
    approved = sec.post(f"/api/v1/extensions/{ext.pk}/approve/", {"version": 1}, format="json")
    assert approved.status_code == 200 and approved.json()["version"] == 2
    assert str(side_of(decision, "KZ").due_on) == "2025-03-03"


@pytest.mark.parametrize("role", ["anonymous", "officer_kz_lead", "secretariat_kz"])
def test_the_api_list_query_count_does_not_grow(django_assert_max_num_queries, role):
    cast = make_cast()
    api = api_for(cast, role)
    for i in range(3):
        d = make_decision(f"Q-{i}", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                          access_tier="public")
        make_report(side_of(d, "KZ"), cast.users["officer_kz_lead"])
    with django_assert_max_num_queries(30) as small:
        api.get("/api/v1/decisions/")
    for i in range(20):
        d = make_decision(f"R-{i}", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                          access_tier="public")
        side_of(d, "KZ").co_executors.add(cast.kz_other)
        make_report(side_of(d, "UZ"), cast.users["officer_uz"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = api.get("/api/v1/decisions/?control_state=on_control")
    assert response.json()["count"] == 23
    with django_assert_max_num_queries(10):
        api.get("/api/v1/reports/")


def test_a_report_listed_and_nested_for_an_officer_opens_on_its_own_url():
    """Issue 8, item 5: uz-officer saw report 7 in /reports/ and nested in /decisions/10/, but
    /reports/7/ answered 403. One rule decides for the list, the detail and the nesting."""
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             access_tier="restricted")
    report = make_report(side_of(decision, "KZ"), cast.users["officer_kz_lead"])
    api = api_for(cast, "officer_uz")
    listed = [r["id"] for r in api.get("/api/v1/reports/").json()["results"]]
    nested = [r["id"] for part in api.get(f"/api/v1/decisions/{decision.pk}/").json()["sides"]
              for r in part["reports"]]
    assert listed == nested == [report.pk]
    detail = api.get(f"/api/v1/reports/{report.pk}/")
    assert detail.status_code == 200
    assert detail.json()["side"] == "KZ"
    extension = DeadlineExtension.objects.create(
        decision_side=side_of(decision, "KZ"), requested_by=cast.users["officer_kz_lead"],
        reason="Winter.", proposed_on="2025-03-03")
    assert api.get(f"/api/v1/extensions/{extension.pk}/").status_code == 200
    outsider = api_for(cast, "officer_kz_other")
    assert outsider.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert outsider.get("/api/v1/reports/").json()["count"] == 0
