import datetime

import pytest

from bilat.decisions.carryover import carried_over, implementation_status
from bilat.decisions.models import Decision, DecisionSide
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.directory.tests.factories import make_sector
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def sessions():
    cast = make_cast()
    m20 = make_meeting(20, D(2023, 6, 1))
    m21 = make_meeting(21, D(2024, 7, 12))
    m22 = make_meeting(22, D(2025, 7, 1))
    open_one = make_decision("IGC20-1", meeting=m20, kz_lead=cast.kz_lead)
    done = make_decision("IGC20-2", meeting=m20)
    DecisionSide.objects.filter(decision=done).update(status="done")
    removed_late = make_decision("IGC20-3", meeting=m20)
    Decision.objects.filter(pk=removed_late.pk).update(
        control_state="removed", removed_on=D(2024, 9, 1), removal_basis="Protocol 21"
    )
    removed_early = make_decision("IGC20-4", meeting=m20)
    Decision.objects.filter(pk=removed_early.pk).update(
        control_state="removed", removed_on=D(2024, 1, 1), removal_basis="Executed"
    )
    make_decision("IGC21-1", meeting=m21, sector=make_sector("water", "Water"))
    make_decision("IGC21-2", meeting=m21, due_on=D(2024, 8, 1))
    return cast, m20, m21, m22, open_one


def codes(queryset):
    return [d.control_number for d in queryset]


def test_open_decisions_of_earlier_sessions_are_carried_over(sessions):
    cast, m20, m21, m22, _ = sessions
    assert codes(carried_over(m21, unrestricted=True)) == ["IGC20-1", "IGC20-3"]
    assert codes(carried_over(m22, unrestricted=True)) == ["IGC20-1", "IGC21-1", "IGC21-2"]
    assert codes(carried_over(m20, unrestricted=True)) == []


def test_a_decision_finished_after_the_session_was_still_open_when_it_met(sessions):
    from django.utils import timezone

    from bilat.decisions import services
    from bilat.decisions.tests.factories import side_of

    cast, m20, m21, m22, open_one = sessions
    # Kazakhstan's report is typed in and verified today (the log's time), but it says the work
    # was accepted in December 2024: on 12 July 2024 the decision was still open.
    kz = side_of(open_one, "KZ")
    report = services.submit_report(kz, actor=cast.users["officer_kz_lead"],
                                    as_of=D(2024, 12, 1), text="Done.")
    services.accept_report(report, actor=cast.users["secretariat_kz"])
    DecisionSide.objects.filter(decision=open_one).exclude(pk=kz.pk).update(status="done")
    moment = timezone.make_aware(datetime.datetime(2024, 12, 10, 12))
    report.__class__.objects.filter(pk=report.pk).update(submitted_at=moment, verified_at=moment)

    assert "IGC20-1" in codes(carried_over(m21, unrestricted=True))  # open on 12 July 2024
    assert "IGC20-1" not in codes(carried_over(m22, unrestricted=True))  # done by July 2025


def test_carry_over_respects_what_the_user_may_see(sessions):
    cast, m20, m21, m22, _ = sessions
    assert codes(carried_over(m21, user=None)) == []  # official decisions, anonymous reader
    assert codes(carried_over(m21, user=cast.users["viewer"])) == ["IGC20-1", "IGC20-3"]


def test_the_implementation_report_counts_each_sides_parts_by_sector(sessions):
    cast, m20, m21, m22, _ = sessions
    DecisionSide.objects.filter(decision__control_number="IGC21-2", side=cast.kz).update(
        status="in_progress"
    )
    report = implementation_status(m21, unrestricted=True, today=D(2024, 10, 1))
    assert report.side_codes == ["KZ", "UZ"]
    assert [(b.label, [d.control_number for d in b.decisions]) for b in report.sectors] == [
        ("Trade", ["IGC21-2"]), ("Water", ["IGC21-1"])
    ]
    kz = report.totals["KZ"]
    assert (kz.count("in_progress"), kz.count("not_started"), kz.total) == (1, 1, 2)
    assert kz.overdue == 1 and report.totals["UZ"].overdue == 1  # IGC21-2, due 1 August
    assert [d.control_number for d in report.carried_over] == ["IGC20-1", "IGC20-3"]


# --- the report page and its export --------------------------------------------------------------


def test_the_implementation_page_lists_sectors_sides_and_carry_over(client, sessions):
    cast, m20, m21, m22, _ = sessions
    client.force_login(cast.users["viewer"])
    page = client.get(f"/decisions/sessions/{m21.pk}/implementation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "IGC21-1" in text and "Water" in text and "IGC20-1" in text and "IGC20-2" not in text
    assert "decisions of the 21st session" in text  # not "21th"
    russian = client.get(f"/decisions/sessions/{m21.pk}/implementation/",
                         HTTP_ACCEPT_LANGUAGE="ru", headers={"Cookie": "django_language=ru"})
    assert "решений 21-го заседания" in russian.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_implementation_report_downloads(client, sessions, fmt):
    from bilat.core.sheets import read_table

    cast, m20, m21, m22, _ = sessions
    client.force_login(cast.users["viewer"])
    response = client.get(f"/decisions/sessions/{m21.pk}/implementation/", {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    table = read_table(response.content, fmt)
    assert [(v["control_number"], v["carried_over"]) for _n, v in table.rows] == [
        ("IGC21-2", "no"), ("IGC21-1", "no"), ("IGC20-1", "yes"), ("IGC20-3", "yes")
    ]
    assert "kz_status" in table.header and "uz_overdue" in table.header


def test_the_implementation_page_of_an_unseen_meeting_is_not_found(client, sessions):
    cast, m20, m21, m22, _ = sessions
    m21.access_tier = "restricted"
    m21.save()
    assert client.get(f"/decisions/sessions/{m21.pk}/implementation/").status_code == 404


def test_the_public_progress_page_shows_public_decisions_only_and_no_account(client, sessions):
    from bilat.decisions.models import Decision

    cast, m20, m21, m22, _ = sessions
    Decision.objects.filter(control_number="IGC21-1").update(access_tier="public")
    Decision.objects.filter(control_number="IGC21-2").update(access_tier="restricted")
    client.force_login(cast.users["secretariat_kz"])  # even a secretariat sees the public view
    page = client.get(f"/decisions/sessions/{m21.pk}/progress/")
    text = page.content.decode()
    main = text.split('<main id="main">', 1)[1]
    assert page.status_code == 200 and "Water" in main
    public = Decision.objects.get(control_number="IGC21-1")
    assert public.title_en in main
    restricted = Decision.objects.get(control_number="IGC21-2")
    assert restricted.title_en not in main and "secretariat_kz" not in main
