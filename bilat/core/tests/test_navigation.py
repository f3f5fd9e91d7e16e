"""The main navigation: what the public and signed-in users are offered, and which is current."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import RequestFactory

from bilat.accounts.tests.factories import make_user
from bilat.core.context_processors import bilat
from bilat.directory.tests.factories import make_sides

pytestmark = pytest.mark.django_db


def _navigation(path, user):
    request = RequestFactory().get(path)
    request.user = user
    return bilat(request)["navigation"]


def test_the_public_is_not_offered_pages_that_need_a_sign_in():
    urls = [item["url"] for item in _navigation("/", AnonymousUser())]
    assert "/decisions/" in urls
    assert "/changes/" not in urls and "/decisions/notifications/" not in urls


def test_a_signed_in_user_is_offered_notifications_and_briefings():
    user = User.objects.create_user("reader")
    urls = [item["url"] for item in _navigation("/", user)]
    assert {"/decisions/notifications/", "/briefings/"} <= set(urls)


def test_the_whole_change_log_is_offered_only_to_who_may_read_it():
    reader = User.objects.create_user("reader")
    root = User.objects.create_superuser("root")
    assert "/changes/" not in [item["url"] for item in _navigation("/", reader)]
    assert "/changes/" in [item["url"] for item in _navigation("/", root)]


def test_only_the_closest_entry_is_marked_current():
    user = User.objects.create_user("reader")
    active = [item["url"] for item in _navigation("/decisions/notifications/", user)
              if item["active"]]
    assert active == ["/decisions/notifications/"]


def test_the_top_bar_keeps_the_role_in_a_title_when_the_screen_is_too_narrow_for_it(client):
    kz, _uz = make_sides()
    client.force_login(make_user("kz-sec", "secretariat", side=kz))

    html = client.get("/meetings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'title="Secretariat of a side · KZ">kz-sec<span class="role"> · Secretariat' in html
