"""A briefing pack asked for by a page is made by the background worker when one runs."""

import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from bilat.accounts.tests.factories import make_user
from bilat.briefings import services
from bilat.core import workers
from bilat.core.management.commands.worker import Heartbeat

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def snapshot():
    from bilat.meetings.tests.factories import make_meeting

    return services.snapshot_for(make_meeting(), actor=None)


@pytest.fixture
def queued(monkeypatch):
    """The packs queued for the worker: (snapshot, language, format) each time."""
    from django.tasks import Task

    asked = []
    enqueue = Task.enqueue

    def spied(task, *args, **kwargs):
        if task.func is services.make_pack.func:
            asked.append(args)
        return enqueue(task, *args, **kwargs)

    monkeypatch.setattr(Task, "enqueue", spied)
    return asked


def _download(client, snapshot, fmt="md"):
    url = reverse("briefings:snapshot_download", args=[snapshot.pk])
    return client.get(f"{url}?lang=en&format={fmt}")


@override_settings(TASKS=IMMEDIATE, BILAT_SHARED_CACHE=True)
def test_a_page_hands_the_pack_to_a_running_worker_once(client, snapshot, queued):
    workers.beat("host:1:abc")
    client.force_login(make_user("viewer"))
    first = _download(client, snapshot)
    assert first.status_code == 200 and first.content.decode().startswith("# ")
    assert queued == [(snapshot.pk, "en", "md")]
    again = _download(client, snapshot)  # made already: from the cache, nothing queued
    assert again.content == first.content and len(queued) == 1


@override_settings(TASKS=IMMEDIATE, BILAT_SHARED_CACHE=True)
def test_without_a_worker_the_page_makes_the_pack_itself(client, snapshot, queued):
    cache.delete(workers.HEARTBEAT)
    client.force_login(make_user("viewer"))
    assert _download(client, snapshot).status_code == 200
    assert queued == []


@override_settings(TASKS=IMMEDIATE, BILAT_SHARED_CACHE=False)
def test_a_worker_that_shares_no_cache_is_never_handed_a_pack(client, snapshot, queued):
    workers.beat("host:1:abc")  # in this process's memory only: the server could not see it
    client.force_login(make_user("viewer"))
    assert _download(client, snapshot).status_code == 200
    assert queued == []


@override_settings(TASKS=DUMMY, BILAT_SHARED_CACHE=True)
def test_a_worker_that_never_makes_the_pack_leaves_the_page_to_make_it(
        client, snapshot, queued, monkeypatch):
    monkeypatch.setattr(services, "PACK_BUILD_WAIT", 0.05)
    workers.beat("host:1:abc")  # beats, but the queue is never run (a stuck worker)
    client.force_login(make_user("viewer"))
    response = _download(client, snapshot)
    assert response.status_code == 200 and response.content.decode().startswith("# ")
    assert queued == [(snapshot.pk, "en", "md")]


@override_settings(BILAT_SHARED_CACHE=True)
def test_a_worker_beats_while_it_runs_and_stops_beating_when_it_stops():
    cache.delete(workers.HEARTBEAT)
    assert not workers.worker_alive()
    heartbeat = Heartbeat("host:2:def")
    heartbeat.start()
    try:
        deadline = time.monotonic() + 5
        while not workers.worker_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert workers.worker_alive()
    finally:
        heartbeat.stop()
        heartbeat.join(5)
    assert not workers.worker_alive()
    workers.beat("host:3:other")  # a worker that beat since another stopped keeps its beat
    workers.stop_beating("host:2:def")
    assert workers.worker_alive()


def test_the_worker_lowers_its_priority_unless_told_not_to(monkeypatch):
    from django.core.management import call_command

    niced = []
    from bilat.core.management.commands import worker

    monkeypatch.setattr(worker, "lower", lambda n: niced.append(n))
    monkeypatch.setattr(worker, "call_command", lambda *a, **k: None)
    call_command("worker", "--batch", verbosity=0)
    call_command("worker", "--batch", "--nice", "0", verbosity=0)
    call_command("worker", "--batch", "--nice", "5", verbosity=0)
    assert niced == [10, 0, 5]
