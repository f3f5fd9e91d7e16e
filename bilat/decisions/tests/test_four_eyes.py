"""The four-eyes rule: whoever submits a report (or asks for more time) may not verify it.

Issue 8, item 1: kz-secretariat submitted a report through the API and accepted it itself, so
its side was done on one person's word. Each door is tried: service, page and API.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, can
from bilat.accounts.tests.factories import make_user
from bilat.core.models import ChangeLogEntry
from bilat.decisions import services
from bilat.decisions.models import DeadlineExtension, DecisionSide, ExecutionReport
from bilat.decisions.tests.factories import make_cast, make_decision, side_of

pytestmark = pytest.mark.django_db


def _own_report(cast, who="secretariat_kz"):
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    report = services.submit_report(side_of(decision, "KZ"), actor=cast.users[who],
                                    as_of=datetime.date(2024, 9, 1), text="x")
    return decision, report


@pytest.mark.parametrize("who", ["secretariat_kz", "superuser"])
@pytest.mark.parametrize("verb", ["accept", "return"])
def test_the_submitter_of_a_report_cannot_verify_it_through_the_service(who, verb):
    cast = make_cast()
    decision, report = _own_report(cast, who)
    logged = ChangeLogEntry.objects.count()
    with pytest.raises(PermissionDenied, match="four-eyes"):
        if verb == "accept":
            services.accept_report(report, actor=cast.users[who])
        else:
            services.return_report(report, actor=cast.users[who], reason="Why.")
    assert ExecutionReport.objects.get().verification == ExecutionReport.Verification.SUBMITTED
    assert side_of(decision, "KZ").status == DecisionSide.Status.REPORTED
    assert ChangeLogEntry.objects.count() == logged
    assert not can(cast.users[who], Action.VERIFY, report, side_id=cast.kz.pk)


def test_another_member_of_the_secretariat_verifies_what_a_colleague_submitted():
    cast = make_cast()
    decision, report = _own_report(cast)
    colleague = make_user("secretariat_kz_2", Role.SECRETARIAT, side=cast.kz)
    services.accept_report(report, actor=colleague)
    assert side_of(decision, "KZ").status == DecisionSide.Status.DONE
    assert ExecutionReport.objects.get().verified_by == colleague


def test_the_api_refuses_the_submitter_its_own_verification():
    """The exact requests of the issue: 201, then 403 (it was 200) and the side stays reported."""
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    api = APIClient()
    api.force_authenticate(cast.users["secretariat_kz"])
    created = api.post(f"/api/v1/decisions/{decision.pk}/sides/KZ/reports/",
                       {"as_of": "2024-09-01", "text": "x", "version": decision.version},
                       format="json")
    assert created.status_code == 201
    report_id = created.json()["id"]
    version = created.json()["version"]
    accepted = api.post(f"/api/v1/reports/{report_id}/accept/", {"version": version},
                        format="json")
    assert accepted.status_code == 403
    assert "four-eyes" in accepted.json()["detail"]
    returned = api.post(f"/api/v1/reports/{report_id}/return/", {"return_reason": "Why.",
                                                                  "version": version},
                        format="json")
    assert returned.status_code == 403
    assert side_of(decision, "KZ").status == DecisionSide.Status.REPORTED
    colleague = make_user("secretariat_kz_2", Role.SECRETARIAT, side=cast.kz)
    api.force_authenticate(colleague)
    assert api.post(f"/api/v1/reports/{report_id}/accept/", {"version": version},
                    format="json").status_code == 200
    assert side_of(decision, "KZ").status == DecisionSide.Status.DONE


def test_the_pages_refuse_the_submitter_and_do_not_offer_it_the_buttons(client):
    cast = make_cast()
    decision, report = _own_report(cast)
    client.force_login(cast.users["secretariat_kz"])
    page = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert reverse("decisions:report_accept", args=[report.pk]) not in page.text
    assert client.post(reverse("decisions:report_accept", args=[report.pk]),
                       {"note": ""}).status_code == 403
    assert client.post(reverse("decisions:report_return", args=[report.pk]),
                       {"return_reason": "Why."}).status_code == 403
    assert side_of(decision, "KZ").status == DecisionSide.Status.REPORTED


def test_whoever_asks_for_more_time_cannot_grant_it():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead)
    secretariat = cast.users["secretariat_kz"]
    extension = services.request_extension(side_of(decision, "KZ"), actor=secretariat,
                                           proposed_on=datetime.date(2025, 3, 3), reason="Winter.")
    with pytest.raises(PermissionDenied, match="four-eyes"):
        services.approve_extension(extension, actor=secretariat)
    with pytest.raises(PermissionDenied, match="four-eyes"):
        services.refuse_extension(extension, actor=secretariat, note="No.")
    assert DeadlineExtension.objects.get().state == DeadlineExtension.State.REQUESTED
    api = APIClient()
    api.force_authenticate(secretariat)
    assert api.post(f"/api/v1/extensions/{extension.pk}/approve/", {"version": extension.version},
                    format="json").status_code == 403
    colleague = make_user("secretariat_kz_2", Role.SECRETARIAT, side=cast.kz)
    services.approve_extension(extension, actor=colleague)
    assert side_of(decision, "KZ").due_on == datetime.date(2025, 3, 3)
