"""The briefings through the API: snapshots, packs, freezing; notifications; implementation."""

import pytest
from rest_framework.test import APIClient

from bilat.accounts.tests.factories import make_user
from bilat.decisions.models import Notification
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_a_signed_in_caller_freezes_lists_and_downloads_a_pack():
    meeting = make_meeting()
    client = APIClient()
    assert client.post("/api/v1/snapshots/", {"meeting": meeting.pk}).status_code == 403
    client.force_authenticate(make_user("reader"))
    frozen = client.post("/api/v1/snapshots/", {"meeting": meeting.pk}, format="json")
    assert frozen.status_code == 201 and frozen.json()["meeting"] == meeting.pk
    assert client.post("/api/v1/snapshots/", {"meeting": 999999}, format="json"
                       ).status_code == 400
    listed = client.get("/api/v1/snapshots/").json()
    assert [s["id"] for s in listed["results"]] == [frozen.json()["id"]]
    pack = client.get(f"/api/v1/snapshots/{frozen.json()['id']}/pack/",
                      {"lang": "ru", "file_format": "md"})
    assert pack.status_code == 200 and pack["Content-Disposition"].endswith('-ru.md"')
    bad = client.get(f"/api/v1/snapshots/{frozen.json()['id']}/pack/", {"file_format": "exe"})
    assert bad.status_code == 400 and "format" in bad.json()


@pytest.mark.parametrize(("lang", "fmt"), [("kk", "md"), ("uz", "html"), ("en", "docx")])
def test_a_pack_downloads_in_every_language_and_format_the_pages_offer(lang, fmt):
    meeting = make_meeting()
    client = APIClient()
    client.force_authenticate(make_user("reader"))
    frozen = client.post("/api/v1/snapshots/", {"meeting": meeting.pk}, format="json").json()
    pack = client.get(f"/api/v1/snapshots/{frozen['id']}/pack/",
                      {"lang": lang, "file_format": fmt})
    assert pack.status_code == 200, pack.content[:300]
    assert pack["Content-Disposition"].endswith(f'-{lang}.{fmt}"') and pack.content


def test_notifications_are_the_callers_own_and_can_be_marked_read():
    reader, other = make_user("reader"), make_user("other")
    Notification.objects.create(user=reader, message="one")
    Notification.objects.create(user=reader, message="two")
    Notification.objects.create(user=other, message="not yours")
    client = APIClient()
    client.force_authenticate(reader)
    listed = client.get("/api/v1/notifications/").json()
    assert sorted(n["message"] for n in listed["results"]) == ["one", "two"]
    assert client.post("/api/v1/notifications/read/", {"ids": "x"}, format="json"
                       ).status_code == 400
    assert client.post("/api/v1/notifications/read/", {}, format="json").json() == {"marked": 2}
    assert client.get("/api/v1/notifications/", {"unread": "true"}).json()["count"] == 0


def test_the_implementation_report_as_data():
    meeting = make_meeting()
    answer = APIClient().get(f"/api/v1/meetings/{meeting.pk}/implementation/")
    assert answer.status_code == 200 and answer.json()["meeting"] == meeting.pk
    assert APIClient().get("/api/v1/meetings/999999/implementation/").status_code == 404
