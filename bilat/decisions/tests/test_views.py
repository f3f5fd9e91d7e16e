"""Decision pages: the permission matrix, the log, stale saves, bad input and query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bilat.core.models import ChangeLogEntry
from bilat.decisions import services
from bilat.decisions.models import Decision, DecisionSide, ExecutionReport
from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of
from bilat.decisions.tests.test_services import ROLES, VIEW_TABLE
from bilat.directory.tests.factories import make_sector

pytestmark = pytest.mark.django_db


def client_for(client, cast, role):
    if cast.users[role] is not None:
        client.force_login(cast.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tier_index, tier", [(0, "public"), (1, "official"), (2, "restricted")])
def test_the_detail_page_is_shown_only_to_those_who_may_see_it(client, role, tier_index, tier):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier=tier)
    response = client_for(client, cast, role).get(reverse("decisions:detail", args=[decision.pk]))
    assert response.status_code == (200 if VIEW_TABLE[role][tier_index] else 404)
    listed = client.get(reverse("decisions:list"))
    assert (decision.control_number in listed.text) is VIEW_TABLE[role][tier_index]


def _page_request(action, cast, decision):
    """URL and POST data for an action on the official decision of make_cast()."""
    if action == "create":
        return reverse("decisions:create"), {
            "control_number": "NEW-1", "source_kind": "protocol", "title_en": "New",
            "signed_language": "ru", "access_tier": "official", "deadline_type": "fixed",
            "issued_on": "2024-07-12", "due_on": "2024-12-31", "provenance": "sourced",
            "sector": make_sector().pk}
    if action == "edit":
        return reverse("decisions:edit", args=[decision.pk]), {
            "control_number": decision.control_number, "source_kind": "protocol",
            "title_en": "Changed", "signed_language": "ru", "access_tier": "official",
            "deadline_type": "fixed", "issued_on": "2024-07-12", "due_on": "2024-12-31",
            "provenance": "sourced", "version": decision.version}
    if action.startswith("status_"):
        code = action[-2:].upper()
        return reverse("decisions:side_status", args=[decision.pk, code]), {
            "status": "in_progress"}
    if action.startswith("report_"):
        code = action[-2:].upper()
        return reverse("decisions:report_submit", args=[decision.pk, code]), {
            "as_of": "2024-09-01", "text": "Done."}
    if action.startswith(("accept_", "return_")):
        report = make_report(side_of(decision, action[-2:].upper()), cast.users["reporter"])
        if action.startswith("accept"):
            return reverse("decisions:report_accept", args=[report.pk]), {"note": ""}
        return reverse("decisions:report_return", args=[report.pk]), {"return_reason": "Why."}
    if action == "remove":
        return reverse("decisions:remove", args=[decision.pk]), {
            "removed_on": "2024-09-01", "removal_basis": "Executed.", "version": decision.version}
    raise AssertionError(action)


def test_verification_buttons_are_shown_only_to_the_sides_secretariat(client):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    report = make_report(side_of(decision, "KZ"), cast.users["officer_kz_lead"])
    accept = reverse("decisions:report_accept", args=[report.pk])
    for role, shown in [("secretariat_kz", True), ("secretariat_uz", False),
                        ("officer_kz_lead", False), ("viewer", False)]:
        client.force_login(cast.users[role])
        page = client.get(reverse("decisions:detail", args=[decision.pk]))
        assert (accept in page.text) is shown, role


def test_a_stale_edit_page_shows_the_refusal_and_keeps_the_first_save(client):
    cast = make_cast()
    decision = make_decision()
    url, data = _page_request("edit", cast, decision)
    client.force_login(cast.users["secretariat_kz"])
    assert client.post(url, {**data, "title_en": "First"}).status_code == 302
    response = client.post(url, {**data, "title_en": "Second"})
    assert response.status_code == 409
    assert "Someone else saved this record" in response.text
    assert Decision.objects.get(pk=decision.pk).title_en == "First"


def test_bad_input_shows_field_errors_and_writes_nothing(client):
    cast = make_cast()
    client.force_login(cast.users["secretariat_kz"])
    url, data = _page_request("create", cast, None)
    logged = ChangeLogEntry.objects.count()
    response = client.post(url, {**data, "due_on": "2024-01-01", "title_en": ""})
    assert response.status_code == 400
    assert "has-error" in response.text
    assert "The due date cannot be before the date of issue." in response.text
    assert not Decision.objects.filter(control_number="NEW-1").exists()
    assert ChangeLogEntry.objects.count() == logged


def test_a_returned_report_without_a_reason_shows_the_field_error(client):
    cast = make_cast()
    decision = make_decision()
    report = make_report(side_of(decision, "KZ"), cast.users["reporter"])
    client.force_login(cast.users["secretariat_kz"])
    response = client.post(reverse("decisions:report_return", args=[report.pk]),
                           {"return_reason": ""})
    assert response.status_code == 400 and "has-error" in response.text
    report.refresh_from_db()
    assert report.verification == ExecutionReport.Verification.SUBMITTED


def test_a_report_page_stores_evidence_and_refuses_a_wrong_type(client):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead)
    client.force_login(cast.users["officer_kz_lead"])
    url = reverse("decisions:report_submit", args=[decision.pk, "KZ"])
    bad = client.post(url, {"as_of": "2024-09-01", "text": "x",
                            "evidence": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 400 and "only PDF" in bad.text
    assert not ExecutionReport.objects.exists()
    good = client.post(url, {"as_of": "2024-09-01", "text": "Signed.", "evidence": [
        SimpleUploadedFile("act.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
        SimpleUploadedFile("note.txt", b"plain", content_type="text/plain")]})
    assert good.status_code == 302
    files = list(ExecutionReport.objects.get().evidence.all())
    assert [f.original_name for f in files] == ["act.pdf", "note.txt"]


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 404), ("viewer", 404), ("officer_kz_other", 404), ("officer_kz_lead", 200),
    ("secretariat_uz", 200)])
def test_evidence_is_sent_only_to_those_who_may_see_the_decision(client, role, status):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, access_tier="restricted")
    report = services.submit_report(
        side_of(decision, "KZ"), actor=cast.users["secretariat_kz"], as_of=datetime.date(2024, 9, 1),
        text="x", files=[SimpleUploadedFile("act.pdf", b"%PDF-1.4 x", "application/pdf")])
    evidence = report.evidence.get()
    response = client_for(client, cast, role).get(reverse("decisions:evidence", args=[evidence.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 x"


def _many_decisions(cast, n):
    for i in range(n):
        decision = make_decision(f"Q-{i:03d}", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
        side_of(decision, "KZ").co_executors.add(cast.kz_other)
        make_report(side_of(decision, "UZ"), cast.users["officer_uz"])


@pytest.mark.parametrize("role", ["anonymous", "officer_kz_lead", "secretariat_kz"])
def test_the_list_page_query_count_does_not_grow_with_the_number_of_decisions(
        client, django_assert_max_num_queries, role):
    cast = make_cast()
    client = client_for(client, cast, role)
    _many_decisions(cast, 3)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("decisions:list"))
    _many_decisions_offset = 3
    for i in range(20):
        make_decision(f"R-{i:03d}", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("decisions:list") + "?overdue=true&joint_status=in_progress")
    assert response.status_code == 200
    assert _many_decisions_offset


def test_the_list_filters_by_joint_status_and_answers_htmx_with_the_fragment(client):
    cast = make_cast()
    done = make_decision("D-1")
    DecisionSide.objects.filter(decision=done).update(status="done")
    make_decision("D-2")
    client.force_login(cast.users["viewer"])
    response = client.get(reverse("decisions:list") + "?joint_status=done", HTTP_HX_REQUEST="true")
    assert "D-1" in response.text and "D-2" not in response.text
    assert "<h1>" not in response.text


def test_an_htmx_sort_replaces_the_results_and_tells_the_filter_form_the_new_order(client):
    make_decision("D-1")
    page = client.get(reverse("decisions:list"))
    assert page.text.count('id="filters-sort"') == 1
    assert 'hx-swap="outerHTML"' in page.text
    fragment = client.get(reverse("decisions:list") + "?sort=-due_on", HTTP_HX_REQUEST="true")
    assert fragment.text.count('id="results"') == 1
    assert '<input type="hidden" name="sort" value="-due_on" id="filters-sort" hx-swap-oob="true">' \
        in fragment.text


def test_a_refused_officer_sees_why_on_a_page_with_the_navigation(client):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    client.force_login(cast.users["officer_kz_lead"])
    response = client.get(reverse("decisions:report_submit", args=[decision.pk, "UZ"]))
    assert response.status_code == 403
    assert "You can act only for your own side." in response.text
    assert reverse("decisions:list") in response.text  # the navigation is there


def test_a_hidden_decision_answers_with_a_page_that_offers_to_sign_in(client):
    decision = make_decision(access_tier="official")
    response = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert response.status_code == 404
    assert "not open to you" in response.text and reverse("accounts:login") in response.text


def test_the_list_offers_the_export_with_its_filters_and_the_control_pages(client):
    make_decision("D-1")
    response = client.get(reverse("decisions:list") + "?joint_status=done")
    assert reverse("decisions:export") + "?joint_status=done&amp;format=csv" in response.text
    assert reverse("decisions:discipline") in response.text
    assert reverse("decisions:import") not in response.text  # the public cannot import


def test_the_overdue_filter_offers_a_blank_choice_not_unknown(client):
    response = client.get(reverse("decisions:list"))
    assert "Unknown" not in response.text
    assert '<option value="true">Yes</option>' in response.text


@pytest.mark.parametrize("sort", ["due_on", "-due_on"])
def test_a_standing_decision_comes_last_whichever_way_the_due_date_is_sorted(client, sort):
    make_decision("D-DATED", due_on=datetime.date(2025, 1, 1), access_tier="public")
    make_decision("D-STANDING", due_on=None, deadline_type="standing", access_tier="public")
    response = client.get(reverse("decisions:list") + f"?sort={sort}")
    assert response.text.index("D-DATED") < response.text.index("D-STANDING")
