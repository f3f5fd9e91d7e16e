"""An agency officer submits an execution report and the secretariat accepts it."""

import pytest
from django.urls import reverse

from .conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def open_part_led_by(username: str):
    """A Kazakh part on control, led by the user's organisation, open and awaiting no report."""
    from bilat.accounts.models import Profile
    from bilat.decisions.models import Decision, DecisionSide, ExecutionReport

    officer = Profile.objects.get(user__username=username)
    return (DecisionSide.objects
            .filter(side__code="KZ", lead_id=officer.organisation_id,
                    decision__control_state=Decision.ControlState.ON_CONTROL,
                    status__in=["not_started", "in_progress", "returned"])
            .exclude(reports__verification=ExecutionReport.Verification.SUBMITTED)
            .select_related("decision").order_by("decision__control_number").first())


def test_an_agency_officer_submits_a_report_and_the_secretariat_accepts_it(page):
    from bilat.decisions.models import DecisionSide, ExecutionReport

    part = open_part_led_by("kz-officer")
    assert part is not None, "the demo has an open Kazakh decision led by the officer's ministry"
    url = page.base + reverse("decisions:detail", args=[part.decision_id])

    sign_in(page, "kz-officer")
    page.goto(url)
    page.click(f"a[href$='{reverse('decisions:report_submit', args=[part.decision_id, 'KZ'])}']")
    page.fill("textarea[name=text]", "Work completed; the agreement was signed.")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    shot(page, "report-submitted")
    assert page.url == url
    report = part.reports.get(verification=ExecutionReport.Verification.SUBMITTED)
    assert DecisionSide.objects.get(pk=part.pk).status == DecisionSide.Status.REPORTED
    assert "Work completed; the agreement was signed." in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, "kz-secretariat")
    page.goto(url)
    page.click(f"a[href$='{reverse('decisions:report_accept', args=[report.pk])}']")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    shot(page, "report-accepted")
    assert page.url == url
    report.refresh_from_db()
    assert report.verification == ExecutionReport.Verification.ACCEPTED
    assert report.verified_by.username == "kz-secretariat"
    assert DecisionSide.objects.get(pk=part.pk).status == DecisionSide.Status.DONE
    assert "Accepted (kz-secretariat)" in page.inner_text("main")
    assert page.errors == []
