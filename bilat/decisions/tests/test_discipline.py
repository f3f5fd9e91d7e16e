import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from bilat.decisions.control_views import DisciplineForm
from bilat.decisions.discipline import BY_SIDE, execution_discipline, total
from bilat.decisions.models import Decision, DecisionSide, ExecutionReport
from bilat.decisions.tests.factories import make_cast, make_decision, side_of
from bilat.directory.tests.factories import make_commission, make_sides
from bilat.meetings.models import Meeting

pytestmark = pytest.mark.django_db

D = datetime.date
START, END, TODAY = D(2025, 1, 1), D(2025, 12, 31), D(2025, 6, 30)


def at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def report(part, user, *, as_of, submitted_on, verification="accepted"):
    ExecutionReport.objects.create(
        decision_side=part, as_of=as_of, text="Done.", submitted_by=user,
        submitted_at=at(submitted_on), verification=verification,
    )


@pytest.fixture
def cast():
    cast = make_cast()
    officer = cast.users["officer_kz_lead"]
    due = D(2025, 3, 20)
    on_time = make_decision("A", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, due_on=due)
    # submitted late in the evening of the due date (local time): still on time
    report(side_of(on_time, "KZ"), officer, as_of=due, submitted_on=due)
    late = make_decision("B", kz_lead=cast.kz_lead, due_on=due)
    report(side_of(late, "KZ"), officer, as_of=due, submitted_on=due + datetime.timedelta(days=1))
    returned = make_decision("C", kz_lead=cast.kz_lead, due_on=due)
    report(side_of(returned, "KZ"), officer, as_of=due, submitted_on=due, verification="returned")
    lapsed = make_decision("D", kz_lead=cast.kz_lead, due_on=due)
    Decision.objects.filter(pk=lapsed.pk).update(
        control_state="removed", removed_on=D(2025, 2, 1), removal_basis="Overtaken by events"
    )
    make_decision("E", kz_lead=cast.kz_lead, due_on=D(2025, 9, 1))  # not yet due on TODAY
    make_decision("F", kz_lead=cast.kz_lead, due_on=D(2024, 12, 31))  # before the period
    return cast


def test_discipline_is_done_on_time_over_due_per_lead_organisation(cast):
    rows = {r.key: r for r in execution_discipline(START, END, today=TODAY, unrestricted=True)}
    kz = rows["kz-trade-ministry"]
    assert (kz.due, kz.on_time, kz.late, kz.not_done) == (3, 1, 1, 1)
    assert kz.rate == Decimal("33.3")
    uz = rows["uz-investment-ministry"]
    assert (uz.due, uz.on_time, uz.rate) == (1, 0, Decimal("0.0"))
    # the UZ parts of B, C and D have no lead organisation named
    assert rows["-UZ"].due == 2


def test_discipline_per_side_and_in_total(cast):
    rows = execution_discipline(START, END, by=BY_SIDE, today=TODAY, unrestricted=True)
    assert [(r.key, r.due, r.on_time) for r in rows] == [("KZ", 3, 1), ("UZ", 3, 0)]
    assert total(rows).rate == Decimal("16.7")


def test_a_report_speaking_for_a_date_after_the_due_date_is_not_on_time(cast):
    part = side_of(Decision.objects.get(control_number="A"), "UZ")
    report(part, cast.users["officer_uz"], as_of=D(2025, 3, 21), submitted_on=D(2025, 3, 19))
    rows = {r.key: r for r in execution_discipline(START, END, today=TODAY, unrestricted=True)}
    assert (rows["uz-investment-ministry"].on_time, rows["uz-investment-ministry"].late) == (0, 1)


def test_a_lapsed_decision_done_on_time_still_counts(cast):
    part = side_of(Decision.objects.get(control_number="D"), "KZ")
    report(part, cast.users["officer_kz_lead"], as_of=D(2025, 1, 20), submitted_on=D(2025, 1, 20))
    DecisionSide.objects.filter(pk=part.pk).update(status="done")
    rows = {r.key: r for r in execution_discipline(START, END, today=TODAY, unrestricted=True)}
    assert (rows["kz-trade-ministry"].due, rows["kz-trade-ministry"].on_time) == (4, 2)


def test_nothing_due_gives_no_rate_and_the_count_follows_visibility(cast):
    assert execution_discipline(D(2030, 1, 1), D(2030, 12, 31), today=TODAY) == []
    assert execution_discipline(START, END, today=TODAY, user=None) == []  # all are official
    assert len(execution_discipline(START, END, today=TODAY, user=cast.users["viewer"])) == 3


# --- page and API -------------------------------------------------------------------------------


def test_the_discipline_page_shows_each_lead_organisation(client, cast):
    client.force_login(cast.users["viewer"])
    page = client.get("/decisions/discipline/", {"from": "2025-01-01", "to": "2025-06-30"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "kz-trade-ministry" in text and "33.3" in text


def test_the_discipline_page_reports_a_period_that_ends_before_it_starts(client, cast):
    page = client.get("/decisions/discipline/", {"from": "2025-06-01", "to": "2025-01-01"})
    assert page.status_code == 400 and "before its start" in page.content.decode()


def test_the_discipline_api_gives_rows_and_total(cast):
    from rest_framework.test import APIRequestFactory, force_authenticate

    from bilat.decisions.control_views import DisciplineAPIView

    request = APIRequestFactory().get(
        "/api/v1/discipline/", {"from": "2025-01-01", "to": "2025-06-30", "by": "side"}
    )
    force_authenticate(request, cast.users["viewer"])
    response = DisciplineAPIView.as_view()(request)
    assert response.status_code == 200
    assert response.data["end"] == "2025-06-30"
    assert [(r["key"], r["due"], r["on_time"], r["rate"]) for r in response.data["rows"]] == [
        ("KZ", 3, 1, "33.3"), ("UZ", 3, 0, "0.0")
    ]
    assert response.data["total"]["rate"] == "16.7"
    bad = APIRequestFactory().get("/api/v1/discipline/", {"from": "2025-13-01"})
    response = DisciplineAPIView.as_view()(bad)
    assert response.status_code == 400 and "from" in response.data


@pytest.mark.django_db
def test_the_default_period_opens_at_the_latest_session():
    body = make_commission(*make_sides())
    Meeting.objects.create(body=body, number=20, held_on=datetime.date(2023, 6, 14))
    Meeting.objects.create(body=body, number=21, held_on=datetime.date(2024, 7, 12))
    form = DisciplineForm({})
    assert form.is_valid()
    assert form.period()["start"] == datetime.date(2024, 7, 12)


def test_the_discipline_page_offers_sides_shows_its_period_and_drills_down(client, cast):
    client.force_login(cast.users["viewer"])
    page = client.get("/decisions/discipline/")
    form = page.context["form"]
    assert dict(form.fields["side"].choices) == {"": "Both sides", "KZ": "Kazakhstan",
                                                "UZ": "Uzbekistan"}
    assert form["start"].value() and form["end"].value()  # the default period, shown
    bad = client.get("/decisions/discipline/", {"side": "XX"})
    assert bad.status_code == 400 and "side" in bad.context["form"].errors
    page = client.get("/decisions/discipline/", {"from": "2025-01-01", "to": "2025-06-30"})
    html = page.content.decode()
    assert f'href="/directory/organisations/{cast.kz_lead.code}/"' in html
