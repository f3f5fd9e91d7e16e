"""The top bar's per-user rows (roles, unread notifications) kept in a shared cache: read once
per change, and a change counts on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bilat.accounts.models import Membership, Profile, Role
from bilat.accounts.tests.factories import client_of, make_user
from bilat.directory.tests.factories import make_sides

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(settings):
    settings.BILAT_SHARED_CACHE = True  # this process's cache stands for Redis


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def _role_reads(sql: list[str]) -> int:
    return sum(1 for q in sql if Profile._meta.db_table in q.split(" WHERE ")[0]
               or Membership._meta.db_table in q.split(" WHERE ")[0]
               or '"decisions_notification"' in q)


def test_a_signed_in_page_reads_the_roles_and_unread_count_once(shared):
    kz, _uz = make_sides()
    client = client_of(make_user("sec", Role.SECRETARIAT, side=kz))
    url = reverse("targets:list")
    assert _role_reads(_queries(client, url)) > 0
    assert _role_reads(_queries(client, url)) == 0


def test_without_a_shared_cache_every_request_reads_them():
    kz, _uz = make_sides()
    client = client_of(make_user("sec", Role.SECRETARIAT, side=kz))
    url = reverse("targets:list")
    _queries(client, url)
    assert _role_reads(_queries(client, url)) > 0


def test_a_change_of_role_counts_on_the_next_request(shared, django_capture_on_commit_callbacks):
    kz, _uz = make_sides()
    user = make_user("ada", Role.VIEWER, side=kz)
    client = client_of(user)
    url = reverse("targets:list")
    assert "Viewer · KZ" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        profile = Profile.objects.get(user=user)
        profile.role = Role.SECRETARIAT
        profile.save()
    page = client.get(url).text
    assert "Secretariat of a side · KZ" in page and "Viewer · KZ" not in page
    with django_capture_on_commit_callbacks(execute=True):
        Profile.objects.filter(user=user).delete()
    assert "Secretariat" not in client.get(url).text


def test_roles_read_before_a_write_commits_are_read_again_after(
        shared, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    from bilat.accounts.roles import stored_roles

    kz, _uz = make_sides()
    user = make_user("ada", Role.VIEWER, side=kz)
    with django_capture_on_commit_callbacks() as on_commit:
        profile = Profile.objects.get(user=user)
        profile.role = Role.SECRETARIAT
        profile.save()
        stored_roles(user)  # kept by a request that ran before the commit
    for callback in on_commit:
        callback()
    with CaptureQueriesContext(connection) as queries:
        assert stored_roles(User.objects.get(pk=user.pk)).profile.role == Role.SECRETARIAT
    assert len(queries) > 1  # read again (the next request's user), not the copy kept before


def test_a_notification_shows_in_the_badge_at_once_and_leaves_when_read(
        shared, django_capture_on_commit_callbacks):
    from bilat.decisions.models import Notification
    from bilat.decisions.reminders import mark_read

    user = make_user("ada")
    client = client_of(user)
    url = reverse("targets:list")
    assert 'class="badge"' not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        Notification.objects.create(user=user, message="A report to verify")
    assert 'title="Unread notifications">1</span>' in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        mark_read(user)
    assert 'class="badge"' not in client.get(url).text
