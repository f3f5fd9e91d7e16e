"""Each role's day through "My work": a report goes from the officer's queue to the
secretariat's and back out, and an approved extension reaches the officer's calendar feed."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def open_part(side: str, lead_of: str | None = None):
    """An open part of ``side`` on control with a due date (led by ``lead_of``'s organisation)."""
    from bilat.accounts.models import Profile
    from bilat.decisions.models import Decision, DecisionSide, ExecutionReport

    parts = (DecisionSide.objects
             .filter(side__code=side, due_on__isnull=False,
                     decision__control_state=Decision.ControlState.ON_CONTROL,
                     status__in=["not_started", "in_progress"])
             .exclude(reports__verification=ExecutionReport.Verification.SUBMITTED))
    if lead_of:
        parts = parts.filter(lead_id=Profile.objects.get(user__username=lead_of).organisation_id)
    return parts.select_related("decision", "side").order_by("decision__control_number").first()


def assign_to(part, officer: str, secretariat: str):
    """The side's secretariat names the officer's ministry as the lead (as on its page)."""
    from django.contrib.auth.models import User

    from bilat.decisions import services

    lead = User.objects.get(username=officer).profile.organisation
    services.set_side_executors(part, actor=User.objects.get(username=secretariat), lead=lead,
                                co_executors=[])


def test_a_report_travels_through_the_queues(page, tmp_path):
    from bilat.decisions.models import ExecutionReport

    part = open_part("UZ")
    assert part is not None, "the demo has an open Uzbek decision"
    assign_to(part, "uz-officer", "uz-secretariat")
    number = part.decision.control_number

    sign_in(page, "uz-officer")
    page.goto(page.base + "/")
    awaiting = page.inner_text("#awaiting_report")
    assert number in awaiting
    shot(page, "my-work-officer")
    page.click(f"#awaiting_report a:text-is('{number}')")
    page.click(f"a[href$='{reverse('decisions:report_submit', args=[part.decision_id, 'UZ'])}']")
    page.fill("textarea[name=text]", "The protocol on hydroposts was signed.")
    act = tmp_path / "act.pdf"
    act.write_bytes(b"%PDF-1.7\n% act\n")
    page.set_input_files("input[name=evidence]", str(act))
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    report = part.reports.get(verification=ExecutionReport.Verification.SUBMITTED)
    assert report.evidence.count() == 1
    page.goto(page.base + "/")
    assert number not in page.inner_text("#awaiting_report")

    page.context.clear_cookies()
    sign_in(page, "uz-secretariat")
    assert page.locator("header .badge").count() == 1  # notified of the report
    page.goto(page.base + "/")
    assert number in page.inner_text("#reports")
    shot(page, "my-work-secretariat")
    page.click(f"#reports a:text-is('{number}')")
    page.click(f"a[href$='{reverse('decisions:report_accept', args=[report.pk])}']")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    report.refresh_from_db()
    assert report.verification == ExecutionReport.Verification.ACCEPTED
    page.goto(page.base + "/")
    assert number not in page.inner_text("#reports")
    assert page.errors == []


def test_an_approved_extension_reaches_the_officers_calendar_feed(page):
    from django.contrib.auth.models import User

    from bilat.decisions import services
    from bilat.work.models import CalendarFeed

    part = open_part("KZ", lead_of="kz-officer")
    assert part is not None, "the demo has an open Kazakh decision led by the officer's ministry"
    officer = User.objects.get(username="kz-officer")
    _feed, token = CalendarFeed.issue(officer)
    new_date = max(part.due_on, timezone.localdate()) + datetime.timedelta(days=45)
    services.request_extension(part, actor=officer, proposed_on=new_date,
                               reason="The tender takes longer.")
    extension = part.extensions.get(state="requested")

    sign_in(page, "kz-secretariat")
    page.goto(page.base + "/")
    assert part.decision.control_number in page.inner_text("#extensions")
    page.goto(page.base + reverse("decisions:extension_decide", args=[extension.pk]))
    page.select_option("select[name=verdict]", "approve")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state("networkidle")
    extension.refresh_from_db()
    assert extension.state == "approved"

    answer = Client().get(f"/calendar/feed/{token}.ics")
    cal = icalendar.Calendar.from_ical(answer.content)
    dates = {str(e["uid"]): e["dtstart"].dt for e in cal.walk("VEVENT")}
    assert dates[f"decision-side-{part.pk}@bilat"] == new_date
    assert page.errors == []
