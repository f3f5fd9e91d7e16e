"""The dashboard made again after a write for those who read it lately (``briefings.warm``):
the page each reader then gets from the cache is the one they would have been served, and
nothing is made for a request that wrote nothing, a reader gone, or where it is off."""

import logging

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from bilat.accounts.tests.factories import client_of
from bilat.briefings import views, warm
from bilat.briefings.tests.pages import logged_write, open_and_secret, page_text, parts_built
from bilat.decisions.tests.factories import make_decision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("warm_pages")]

OVERVIEW = reverse("work:overview")
HOME = reverse("home")


@pytest.fixture
def warm_pages(monkeypatch):
    """Pages made again, in the request's own thread (the test's database is its own)."""
    cache.clear()
    warm.forget_readers()
    monkeypatch.setattr(warm, "IN_THREAD", False)
    with override_settings(BILAT_WARM_PAGES=True, BILAT_PUBLISHED_PAGES=True):
        yield
    cache.clear()
    warm.forget_readers()


@pytest.fixture
def built(monkeypatch) -> list:
    return parts_built(monkeypatch)


@pytest.fixture
def in_request(django_capture_on_commit_callbacks):
    """Run a function as a request would: its writes committed inside it, then the request
    finished (the signals a server sends; the connection kept, as the test client keeps it).
    ``started=False`` or ``finished=False`` sends only one end of the request."""

    def run(write, *, started=True, finished=True):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            if started:
                request_started.send(sender=None, environ={})
            if write is not None:
                with django_capture_on_commit_callbacks(execute=True):
                    write()
            if finished:
                request_finished.send(sender=None)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
    return run


READERS = [("anonymous", HOME), ("viewer", HOME), ("secretariat_kz", OVERVIEW),
           ("superuser", OVERVIEW)]


def test_after_a_write_each_latest_reader_gets_the_page_made_for_them_as_they_would(
        built, in_request):
    cast = open_and_secret()
    decision = make_decision("IGC21-LATE", access_tier="public")
    clients = {role: client_of(cast.users[role]) for role, _path in READERS}
    for role, path in READERS:
        clients[role].get(path)
    assert len(warm.latest_readers()) == len(READERS)
    built.clear()

    in_request(lambda: logged_write(decision, title_en="A late decision, renamed"))
    assert built and set(built) == {"decisions"}  # the parts the write moved, for each sight
    built.clear()
    warmed = {}
    for role, path in READERS:
        warmed[role] = page_text(clients[role].get(path))
        assert built == [], role  # every reader's page from the cache
    cache.clear()
    for role, path in READERS:
        made_now = page_text(clients[role].get(path))
        assert warmed[role] == made_now, role
        assert "A late decision, renamed" in made_now, role
    assert "IGC21-SECRET" in warmed["secretariat_kz"]
    assert "IGC21-SECRET" not in warmed["anonymous"] + warmed["viewer"]


def test_the_reader_is_asked_again_in_their_language_and_commission(in_request):
    cast = open_and_secret()
    client = client_of(cast.users["viewer"])
    with translation.override("ru"):
        client.cookies["django_language"] = "ru"
        client.get(HOME)
    ((_scheme, _host, path, language, _session, user, _backend, _commission),) = (
        warm.latest_readers())
    assert (path, language, user) == (HOME, "ru", cast.users["viewer"].pk)
    decision = make_decision("IGC21-LATE", access_tier="public")
    language = translation.get_language()
    in_request(lambda: logged_write(decision, title_en="A late decision, renamed"))
    assert translation.get_language() == language  # the writer's own, back after the page
    assert "Портфель" in client.get(HOME).text


def test_a_request_that_writes_nothing_makes_nothing(built, in_request):
    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    built.clear()
    in_request(lambda: None)
    assert built == []


def test_a_write_outside_a_request_makes_nothing(built, django_capture_on_commit_callbacks):
    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    built.clear()
    with django_capture_on_commit_callbacks(execute=True):  # a command, the worker
        logged_write(make_decision("IGC21-LATE", access_tier="public"), title_en="Renamed")
    assert built == []


def test_the_pages_made_again_do_not_count_as_readings(in_request):
    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    before = cache.get(warm.READERS)
    warm.forget_readers()
    cache.set(warm.READERS, before)
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    assert cache.get(warm.READERS) == before


def test_only_the_latest_readers_of_the_last_minutes_are_made_again(monkeypatch):
    cast = open_and_secret()
    clock = [1_000_000.0]
    monkeypatch.setattr(warm, "clock", lambda: clock[0])
    for role in ("anonymous", "viewer", "secretariat_kz", "superuser", "officer_kz_lead",
                 "officer_uz", "officer_kz_other"):
        clock[0] += 1
        client_of(cast.users[role]).get(OVERVIEW)
    latest = warm.latest_readers()
    assert len(latest) == warm.MOST
    assert latest[0][5] == cast.users["officer_kz_other"].pk  # the latest first
    assert None not in [reader[5] for reader in latest]  # the first, the public, dropped
    clock[0] += warm.KEEP
    assert warm.latest_readers() == []


def test_a_reader_noted_lately_by_this_process_is_not_written_again():
    cast = open_and_secret()
    client = client_of(cast.users["viewer"])
    client.get(HOME)
    cache.delete(warm.READERS)
    client.get(HOME)  # within NOTE_EVERY: this process does not tell the cache again
    assert cache.get(warm.READERS) is None


def test_a_reader_who_cannot_sign_in_any_more_is_not_asked_for(built, in_request):
    cast = open_and_secret()
    viewer = cast.users["viewer"]
    client_of(viewer).get(HOME)
    viewer.is_active = False
    viewer.save()
    built.clear()
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    assert built == []


def test_a_page_that_fails_is_logged_and_the_writer_is_not_troubled(
        monkeypatch, in_request, caplog):
    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)

    def broken(*args, **kwargs):
        raise RuntimeError("broken part")
    monkeypatch.setattr(views, "build_dashboard", broken)
    with caplog.at_level(logging.WARNING, logger="bilat.briefings.warm"):
        in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                        title_en="Renamed"))
    assert "could not be made again" in caplog.text


@override_settings(BILAT_WARM_PAGES=False)
def test_off_it_notes_no_reader_and_makes_nothing(built, in_request):
    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    assert cache.get(warm.READERS) is None
    built.clear()
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    assert built == []


def test_a_signed_in_readers_page_made_again_never_reaches_the_public(in_request):
    cast = open_and_secret()
    client_of(cast.users["superuser"]).get(HOME)  # the only reader: made again first
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    public = client_of(None).get(HOME).text
    assert "IGC21-OPEN" in public and "IGC21-SECRET" not in public


def test_in_a_server_the_pages_are_made_in_a_thread_after_the_request_returns(
        monkeypatch, in_request):
    import threading

    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    release, done, ran_in = threading.Event(), threading.Event(), []

    def held_warm(**_kwargs):  # the pages, made only once the test has seen the request return
        ran_in.append(threading.current_thread().name)
        release.wait(10)
        done.set()
        return 0
    monkeypatch.setattr(warm, "IN_THREAD", True)
    monkeypatch.setattr(warm, "warm_readers", held_warm)
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    assert not done.is_set()  # the request returned while the pages were still to be made
    release.set()
    assert done.wait(10)
    assert ran_in == ["bilat-warm"]


def test_in_a_server_each_page_waits_until_the_process_answers_no_request(monkeypatch,
                                                                           in_request):
    import threading

    cast = open_and_secret()
    client_of(cast.users["viewer"]).get(HOME)
    asked = threading.Event()

    def ask_as(reader):
        asked.set()
    monkeypatch.setattr(warm, "IN_THREAD", True)
    monkeypatch.setattr(warm, "QUIET_WAIT", 10)
    monkeypatch.setattr(warm, "ask_as", ask_as)
    in_request(lambda: None, finished=False)  # another request, still being answered
    in_request(lambda: logged_write(make_decision("IGC21-LATE", access_tier="public"),
                                    title_en="Renamed"))
    assert not asked.wait(0.5)  # the page waits for the other request to be answered
    in_request(None, started=False)
    assert asked.wait(5)
