import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.decisions import reminders
from bilat.decisions.models import Decision, DecisionSide, Notification, ReminderLog
from bilat.decisions.tests.factories import make_cast, make_decision

pytestmark = pytest.mark.django_db

D = datetime.date
DUE = D(2025, 3, 14)


@pytest.fixture
def cast():
    return make_cast()


@pytest.fixture
def decision(cast):
    return make_decision("IGC21-1.1", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, due_on=DUE,
                         issued_on=D(2025, 1, 10))


def scan(day, capture):
    with capture(execute=True):
        return reminders.scan_reminders(day)


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(8, None), (7, "d7"), (4, "d7"), (3, "d3"), (2, "d3"), (1, "d1"), (0, "d1"), (-1, "missed"),
     (-7, "missed"), (-8, None)],
)
def test_each_day_before_and_after_a_due_date_has_at_most_one_reminder(days_left, expected):
    assert reminders.threshold_for(days_left) == expected


def test_a_reminder_goes_to_the_officers_of_each_lead_organisation(
    cast, decision, django_capture_on_commit_callbacks
):
    result = scan(DUE - datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert result.reminders == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "officer_kz_lead@example.org", "officer_uz@example.org"
    ]
    assert "IGC21-1.1" in mail.outbox[0].subject
    notes = Notification.objects.filter(decision=decision)
    assert sorted(n.user.username for n in notes) == ["officer_kz_lead", "officer_uz"]
    assert "2025-03-14" in notes[0].message
    # the other officer of Kazakhstan is not responsible for this decision
    assert not Notification.objects.filter(user=cast.users["officer_kz_other"]).exists()


def test_each_threshold_is_sent_once_however_often_the_scan_runs(
    cast, decision, django_capture_on_commit_callbacks
):
    for days_before in (7, 3, 1, -1):
        day = DUE - datetime.timedelta(days=days_before)
        scan(day, django_capture_on_commit_callbacks)
        scan(day, django_capture_on_commit_callbacks)  # the job ran twice
        # a restarted worker scans again
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", "--today", day.isoformat(), stdout=None)
    logs = ReminderLog.objects.filter(decision_side__decision=decision)
    assert sorted(logs.values_list("decision_side__side__code", "threshold")) == sorted(
        (code, t) for code in ("KZ", "UZ") for t in ("d1", "d3", "d7", "missed")
    )
    assert len(mail.outbox) == 8
    assert Notification.objects.count() == 8


def test_a_reminder_lost_in_a_race_is_not_sent_twice(
    cast, decision, django_capture_on_commit_callbacks, monkeypatch
):
    day = DUE - datetime.timedelta(days=3)
    stale = reminders.due_reminders(day)  # what a second scan saw before the first committed
    scan(day, django_capture_on_commit_callbacks)
    monkeypatch.setattr(reminders, "due_reminders", lambda today: stale)
    result = scan(day, django_capture_on_commit_callbacks)
    assert (result.reminders, result.already_sent) == (0, 2)
    assert len(mail.outbox) == 2


def test_a_scan_that_missed_days_sends_only_the_current_reminder(
    cast, decision, django_capture_on_commit_callbacks
):
    scan(DUE - datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    assert set(ReminderLog.objects.values_list("threshold", flat=True)) == {"d3"}
    scan(DUE + datetime.timedelta(days=8), django_capture_on_commit_callbacks)  # too late
    assert not ReminderLog.objects.filter(threshold="missed").exists()


def test_sides_that_reported_or_decisions_off_control_get_no_reminder(
    cast, decision, django_capture_on_commit_callbacks
):
    DecisionSide.objects.filter(decision=decision, side=cast.kz).update(
        status=DecisionSide.Status.REPORTED
    )
    other = make_decision("IGC21-1.2", kz_lead=cast.kz_lead, due_on=DUE,
                          issued_on=D(2025, 1, 10))
    Decision.objects.filter(pk=other.pk).update(
        control_state=Decision.ControlState.REMOVED, removed_on=D(2025, 2, 1),
        removal_basis="Executed",
    )
    result = scan(DUE - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert result.sent == [("IGC21-1.1", "UZ", "d1")]


def test_an_extended_due_date_gets_its_own_reminders(
    cast, decision, django_capture_on_commit_callbacks
):
    scan(DUE - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    new_due = DUE + datetime.timedelta(days=30)
    DecisionSide.objects.filter(decision=decision).update(due_on=new_due)
    result = scan(new_due - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert result.reminders == 2


def test_a_side_without_officers_is_reminded_once_an_officer_exists(
    cast, django_capture_on_commit_callbacks
):
    from bilat.directory.tests.factories import make_organisation

    lonely = make_organisation(cast.kz, "kz-water-committee")
    make_decision("IGC21-1.3", kz_lead=lonely, due_on=DUE, issued_on=D(2025, 1, 10))
    day = DUE - datetime.timedelta(days=3)
    result = scan(day, django_capture_on_commit_callbacks)
    assert (result.reminders, result.without_officers) == (0, 1)
    make_user("water_officer", Role.OFFICER, organisation=lonely)
    result = scan(day, django_capture_on_commit_callbacks)
    assert result.sent == [("IGC21-1.3", "KZ", "d3")]


def test_no_mail_leaves_when_the_scan_is_rolled_back(cast, decision):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        reminders.scan_reminders(DUE - datetime.timedelta(days=3))
        raise RuntimeError("crash before commit")
    assert mail.outbox == [] and not ReminderLog.objects.exists()


def test_mark_read_touches_only_the_users_own_notifications(cast, decision,
                                                           django_capture_on_commit_callbacks):
    scan(DUE - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    officer = cast.users["officer_kz_lead"]
    assert reminders.unread_count(officer) == 1
    assert reminders.mark_read(officer) == 1
    assert reminders.unread_count(officer) == 0
    assert reminders.unread_count(cast.users["officer_uz"]) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_in_batch_mode_queues_a_scan_and_runs_it(cast, monkeypatch):
    make_decision("IGC21-1.4", kz_lead=cast.kz_lead, due_on=DUE, issued_on=D(2025, 1, 10))
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: DUE - datetime.timedelta(days=7)
    )
    call_command("worker", "--batch", "--nice", "0", verbosity=0)
    assert list(ReminderLog.objects.values_list("threshold", flat=True)) == ["d7"]
    assert [m.to for m in mail.outbox] == [["officer_kz_lead@example.org"]]
    call_command("worker", "--batch", "--nice", "0", verbosity=0)  # a restart: nothing more goes out
    assert len(mail.outbox) == 1


def test_the_worker_declares_the_reminder_scan_as_a_periodic_job():
    from bilat.core.management.commands.worker import periodic_jobs

    jobs = {job.name: job.every_minutes for job in periodic_jobs()}
    assert jobs["reminder scan"] == 15


# --- the notifications page -------------------------------------------------------------------


def test_the_notifications_page_shows_only_the_users_own_and_marks_them_read(
    client, cast, decision, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    scan(DUE - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    scan(DUE - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    client.force_login(cast.users["officer_kz_lead"])
    with django_assert_max_num_queries(12):
        page = client.get("/decisions/notifications/")
    assert page.status_code == 200
    assert page.content.decode().count("IGC21-1.1</a>") == 2
    fragment = client.get("/decisions/notifications/", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b'id="results"' in fragment.content
    client.post("/decisions/notifications/read/")
    assert reminders.unread_count(cast.users["officer_kz_lead"]) == 0
    assert reminders.unread_count(cast.users["officer_uz"]) == 2


def test_the_notifications_page_needs_a_signed_in_user(client):
    assert client.get("/decisions/notifications/").status_code == 302
