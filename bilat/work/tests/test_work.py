"""My work, the calendar and its feed, search, and notifications between the sides."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from bilat.accounts.tests.factories import client_of
from bilat.decisions import services
from bilat.decisions.models import DeadlineExtension, Notification
from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of
from bilat.work.models import CalendarFeed, NotificationSettings
from bilat.work.queues import queues_for
from bilat.work.search import search

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 12, 20)



@pytest.fixture
def cast():
    return make_cast()


def queue(queues, key):
    return next(q for q in queues if q.key == key)


def test_officer_queues_group_its_own_sides(cast):
    due_soon = make_decision("IGC21-01", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             due_on=TODAY + datetime.timedelta(days=3))
    late = make_decision("IGC21-02", kz_lead=cast.kz_lead, due_on=TODAY - datetime.timedelta(days=1))
    make_decision("IGC21-03", kz_lead=cast.kz_other, due_on=TODAY)  # another ministry's
    officer = cast.users["officer_kz_lead"]
    queues = queues_for(officer, TODAY)
    awaiting = [p.decision.control_number for p in queue(queues, "awaiting_report").items]
    assert awaiting == ["IGC21-02", "IGC21-01"]
    assert [p.decision.control_number for p in queue(queues, "due_soon").items] == ["IGC21-01"]
    assert [p.decision.control_number for p in queue(queues, "overdue").items] == ["IGC21-02"]
    assert all(p.side.code == "KZ" for q in queues for p in q.items)
    assert side_of(due_soon, "KZ").pk in {p.pk for p in queue(queues, "due_soon").items}
    assert side_of(late, "UZ").pk not in {p.pk for q in queues for p in q.items}


def test_secretariat_sees_reports_and_requests_of_its_side_only(cast):
    decision = make_decision("IGC21-04", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    make_report(side_of(decision, "UZ"), cast.users["officer_uz"])
    DeadlineExtension.objects.create(
        decision_side=side_of(decision, "KZ"), requested_by=cast.users["officer_kz_lead"],
        reason="Needs a tender", proposed_on=datetime.date(2025, 3, 1),
        previous_due_on=datetime.date(2024, 12, 31))
    uz = queues_for(cast.users["secretariat_uz"], TODAY)
    kz = queues_for(cast.users["secretariat_kz"], TODAY)
    assert len(queue(uz, "reports")) == 1 and len(queue(kz, "reports")) == 0
    assert len(queue(kz, "extensions")) == 1 and len(queue(uz, "extensions")) == 0


def test_home_is_my_work_for_officers_and_the_overview_for_viewers(cast):
    make_decision("IGC21-05", kz_lead=cast.kz_lead, due_on=TODAY)
    page = client_of(cast.users["officer_kz_lead"]).get("/")
    assert page.status_code == 200
    assert b'id="awaiting_report"' in page.content and b"IGC21-05" in page.content
    assert b'href="/overview/"' in page.content
    viewer = client_of(cast.users["viewer"]).get("/")
    assert viewer.status_code == 200 and b'id="awaiting_report"' not in viewer.content
    assert client_of(cast.users["officer_kz_lead"]).get("/overview/").status_code == 200


def test_report_and_extension_notify_the_secretariat_in_its_language(cast, django_capture_on_commit_callbacks):
    decision = make_decision("IGC21-06", uz_lead=cast.uz_lead, due_on=timezone.localdate()
                             + datetime.timedelta(days=30))
    uz_secretariat = cast.users["secretariat_uz"]
    uz_secretariat.email = "sec@uz.example"
    uz_secretariat.save()
    NotificationSettings.objects.create(user=uz_secretariat, language="ru", mail_extension=False)
    part = side_of(decision, "UZ")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(part, actor=cast.users["officer_uz"],
                               as_of=timezone.localdate(), text="Done")
    note = Notification.objects.get(user=uz_secretariat)
    assert "IGC21-06" in note.message and "ожидает" in note.message
    assert note.language == "ru"  # kept with the language it was written in
    # Read in Uzbek, the Russian message says it is Russian; read in Russian, it is the page's.
    reader = client_of(uz_secretariat)
    reader.cookies["django_language"] = "uz"
    assert f'lang="ru"><strong>{note.message}' in reader.get("/decisions/notifications/").content.decode()
    reader.cookies["django_language"] = "ru"
    page = reader.get("/decisions/notifications/").content.decode()
    assert f"<td><strong>{note.message}" in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sec@uz.example"]
    # The secretariat of the other side hears nothing.
    assert not Notification.objects.filter(user=cast.users["secretariat_kz"]).exists()
    # A request for more time: notified in bilat, but no mail (switched off).
    other = make_decision("IGC21-07", uz_lead=cast.uz_lead,
                          due_on=timezone.localdate() + datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_extension(side_of(other, "UZ"), actor=cast.users["officer_uz"],
                                   proposed_on=timezone.localdate() + datetime.timedelta(days=60),
                                   reason="Tender")
    assert Notification.objects.filter(user=uz_secretariat, decision=other).count() == 1
    assert len(mail.outbox) == 1


def test_unread_count_in_the_top_bar(cast):
    user = cast.users["secretariat_kz"]
    Notification.objects.create(user=user, message="x")
    Notification.objects.create(user=user, message="y")
    page = client_of(user).get("/decisions/")
    assert b'<span class="badge" title="Unread notifications">2</span>' in page.content


def test_calendar_feed_validates_and_has_one_event_per_visible_deadline(cast):
    make_decision("IGC21-08", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                  due_on=datetime.date(2025, 2, 3))
    make_decision("IGC21-09", kz_lead=cast.kz_lead, due_on=datetime.date(2025, 3, 3),
                  access_tier="restricted")
    make_decision("IGC21-10", kz_lead=cast.kz_other, due_on=datetime.date(2025, 3, 4))
    officer = cast.users["officer_kz_lead"]
    client = client_of(officer)
    page = client.post("/calendar/feed/", {"action": "create"})
    assert page.status_code == 200
    url = page.context["new_url"]
    path = url.split("testserver", 1)[1]
    answer = Client().get(path)  # no sign-in: calendar programs cannot sign in
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(answer.content)
    events = [c for c in cal.walk("VEVENT")]
    assert sorted(str(e["summary"]).split(" ·")[0] for e in events) == ["IGC21-08", "IGC21-09"]
    assert {e["dtstart"].dt for e in events} == {datetime.date(2025, 2, 3), datetime.date(2025, 3, 3)}
    # Revoked: the address no longer answers.
    client.post("/calendar/feed/", {"action": "revoke"})
    assert Client().get(path).status_code == 404
    assert CalendarFeed.objects.active().count() == 0
    assert Client().get("/calendar/feed/not-a-token.ics").status_code == 404


def test_feed_event_moves_with_an_approved_extension(cast):
    decision = make_decision("IGC21-11", uz_lead=cast.uz_lead,
                             due_on=timezone.localdate() + datetime.timedelta(days=20))
    officer = cast.users["officer_uz"]
    _feed, token = CalendarFeed.issue(officer)
    new_date = timezone.localdate() + datetime.timedelta(days=90)
    extension = services.request_extension(side_of(decision, "UZ"), actor=officer,
                                           proposed_on=new_date, reason="Tender")
    services.approve_extension(extension, actor=cast.users["secretariat_uz"])
    cal = icalendar.Calendar.from_ical(Client().get(f"/calendar/feed/{token}.ics").content)
    (event,) = cal.walk("VEVENT")
    assert event["dtstart"].dt == new_date and int(event["sequence"]) == 1
    assert str(event["uid"]) == f"decision-side-{side_of(decision, 'UZ').pk}@bilat"


def test_month_calendar_filters_and_refuses_a_bad_month(cast):
    make_decision("IGC21-12", kz_lead=cast.kz_lead, due_on=datetime.date(2025, 2, 3))
    make_decision("IGC21-13", kz_lead=cast.kz_other, due_on=datetime.date(2025, 2, 4))
    client = client_of(cast.users["secretariat_kz"])
    page = client.get("/calendar/", {"month": "2025-02", "organisation": cast.kz_lead.code})
    assert page.status_code == 200 and b"IGC21-12" in page.content and b"IGC21-13" not in page.content
    assert page.context["count"] == 1  # IGC21-12's Kazakh side; its Uzbek side has no lead
    bad = client.get("/calendar/", {"month": "February"})
    assert bad.status_code == 400 and "YYYY-MM" in bad.content.decode()
    assert client.get("/calendar/", {"side": "XX"}).status_code == 400


def test_search_finds_latin_and_cyrillic_and_respects_access(cast):
    railway = make_decision("IGC21-14", access_tier="public")
    railway.title_en, railway.title_ru = "Darbaza–Maktaaral railway", "Дорога Дарбаза–Мактаарал"
    railway.save()
    annex = make_decision("IGC21-15", access_tier="restricted")
    annex.title_en = "Secret Darbaza annex"
    annex.save()
    public = search(None, "Дарбаза")
    assert [h.label.split(" —")[0] for g in public for h in g.hits] == ["IGC21-14"]
    secretariat = search(cast.users["secretariat_kz"], "darbaza")
    assert {h.label.split(" —")[0] for g in secretariat for h in g.hits} == {"IGC21-14", "IGC21-15"}
    by_number = search(None, "IGC21-14")
    assert by_number[0].key == "decisions"
    assert client_of(None).get("/search/", {"q": "x"}).status_code == 400
    assert client_of(None).get("/search/", {"q": "Дарбаза"}).status_code == 200


def test_notification_settings_form(cast):
    client = client_of(cast.users["officer_uz"])
    assert client.post("/notifications/settings/", {"language": "xx"}).status_code == 400
    answer = client.post("/notifications/settings/", {"language": "ru", "mail_report": "on"})
    assert answer.status_code == 302
    prefs = NotificationSettings.objects.get(user=cast.users["officer_uz"])
    assert prefs.language == "ru" and prefs.mail_report and not prefs.mail_reminder
