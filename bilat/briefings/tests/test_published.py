"""The public's pages served in one round trip to the shared cache while the registry stands."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from bilat.accounts.tests.factories import client_of, make_user
from bilat.briefings import pagecache
from bilat.briefings.tests.pages import logged_write, page_text
from bilat.core.changelog import MOVED
from bilat.decisions.tests.factories import make_decision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("published_pages")]


@pytest.fixture
def published_pages():
    with override_settings(BILAT_PUBLISHED_PAGES=True):
        yield


def kept_page(path: str) -> tuple | None:
    """What ``published`` keeps for the public's English request of ``path``: (token, page)."""
    with translation.override("en"):
        return cache.get(pagecache.public_slot(RequestFactory().get(path)))


@pytest.mark.parametrize("name", ["decisions:list", "home", "work:overview", "meetings:list"])
def test_the_public_reads_the_kept_page_without_a_query_and_as_it_was_made(name):
    make_decision("IGC21-9.9", access_tier="public")
    client = Client()
    first = client.get(reverse(name))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse(name))
    assert first.status_code == again.status_code == 200
    assert len(queries) == 0  # neither the marks, nor the commissions, nor the session
    assert page_text(again) == page_text(first)
    assert pagecache.CSRF_MARK not in again.text and pagecache.NONCE_MARK not in again.text


def test_the_kept_page_carries_the_readers_own_token_and_nonce():
    make_decision(access_tier="public")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("decisions:list"))
    response = client.get(reverse("decisions:list"))
    nonce = response.text.split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    token = response.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    switched = client.post(reverse("set_language"), {"language": "ru", "next": "/decisions/",
                                                    "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_a_committed_write_moves_the_token_and_the_next_reader_sees_it(
        django_capture_on_commit_callbacks):
    decision = make_decision("IGC21-9.9", access_tier="public")
    client = Client()
    client.get(reverse("decisions:list"))
    token = cache.get(MOVED)
    with django_capture_on_commit_callbacks(execute=True):
        logged_write(decision, control_number="IGC21-9.8")
    assert cache.get(MOVED) not in (None, token)
    assert "IGC21-9.8" in client.get(reverse("decisions:list")).text


def test_a_write_uncommitted_moves_nothing(django_capture_on_commit_callbacks):
    decision = make_decision("IGC21-9.9", access_tier="public")
    Client().get(reverse("decisions:list"))
    token = cache.get(MOVED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        logged_write(decision, control_number="IGC21-9.8")
    assert cache.get(MOVED) == token  # until the commit: rolled back, it would never move
    assert len(callbacks) == 1


def test_a_transaction_of_many_writes_moves_the_token_once(django_capture_on_commit_callbacks):
    from django.db import transaction

    first, second = make_decision("IGC21-9.8"), make_decision("IGC21-9.9")
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        logged_write(first, title_en="One")
        logged_write(second, title_en="Two")
    assert len(callbacks) == 1


def test_a_write_in_a_savepoint_rolled_back_leaves_the_next_write_its_move(
        django_capture_on_commit_callbacks):
    from django.db import transaction

    first, second = make_decision("IGC21-9.8"), make_decision("IGC21-9.9")
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                logged_write(first, title_en="One")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        logged_write(second, title_en="Two")
    assert len(callbacks) == 1  # the rolled-back write's is gone, the second write's is there


def test_no_token_without_the_publics_pages(settings, django_capture_on_commit_callbacks):
    settings.BILAT_PUBLISHED_PAGES = False
    with django_capture_on_commit_callbacks() as callbacks:
        logged_write(make_decision(), title_en="One")
    assert callbacks == []


def test_a_page_made_while_a_write_commits_is_never_served_after_it(
        monkeypatch, django_capture_on_commit_callbacks):
    decision = make_decision("IGC21-9.9", access_tier="public")
    real = pagecache.whole_page

    def written_meanwhile(request, key, render_page, **shown):
        # The token was read when the request came; a write commits before the page is kept.
        with django_capture_on_commit_callbacks(execute=True):
            logged_write(decision, control_number="IGC21-9.8")
        return real(request, key, render_page, **shown)
    monkeypatch.setattr(pagecache, "whole_page", written_meanwhile)
    Client().get(reverse("decisions:list"))
    monkeypatch.setattr(pagecache, "whole_page", real)

    kept = kept_page(reverse("decisions:list"))
    assert kept is not None and kept[0] != cache.get(MOVED)  # kept under the token of before
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(reverse("decisions:list"))
    assert len(queries) > 0  # made again, not served from what was kept
    assert "IGC21-9.8" in response.text


def test_each_language_has_its_own_page():
    make_decision(access_tier="public")
    english = Client().get(reverse("decisions:list"))
    russian = Client(headers={"accept-language": "ru"}).get(reverse("decisions:list"))
    assert english["Content-Language"] == "en" and russian["Content-Language"] == "ru"
    assert page_text(english) != page_text(russian)


@pytest.mark.parametrize("case", ["session", "messages", "htmx", "commission", "post"])
def test_only_the_plain_public_request_is_served_a_kept_page(case, settings):
    factory = RequestFactory()
    plain = factory.get("/decisions/")
    asked = {
        "session": lambda: _with_cookie(factory.get("/decisions/"), settings.SESSION_COOKIE_NAME),
        "messages": lambda: _with_cookie(factory.get("/decisions/"), "messages"),
        "htmx": lambda: factory.get("/decisions/", headers={"hx-request": "true"}),
        "commission": lambda: factory.get("/decisions/", {"commission": "kz-uz"}),
        "post": lambda: factory.post("/decisions/"),
    }[case]()
    assert pagecache.public_slot(plain) is not None
    assert pagecache.public_slot(asked) is None


def _with_cookie(request, name: str):
    request.COOKIES[name] = "x"
    return request


def test_a_signed_in_reader_is_never_served_the_publics_page():
    make_decision("IGC21-9.9", access_tier="official")  # not the public's
    Client().get(reverse("decisions:list"))
    viewer = client_of(make_user("viewer"))
    assert "IGC21-9.9" in viewer.get(reverse("decisions:list")).text
    assert "IGC21-9.9" not in Client().get(reverse("decisions:list")).text


@override_settings(BILAT_PUBLISHED_PAGES=False)
def test_off_where_the_cache_is_not_shared():
    make_decision(access_tier="public")
    Client().get(reverse("decisions:list"))
    assert pagecache.public_slot(RequestFactory().get("/decisions/")) is None
    with CaptureQueriesContext(connection) as queries:
        Client().get(reverse("decisions:list"))
    assert len(queries) > 0


def test_a_cache_out_of_reach_serves_the_page_as_made(monkeypatch):
    make_decision("IGC21-9.9", access_tier="public")
    # What django-redis answers with IGNORE_EXCEPTIONS while Redis is down: nothing kept.
    monkeypatch.setattr(cache, "get_many", lambda keys, *a, **k: {})
    monkeypatch.setattr(cache, "get", lambda key, default=None, *a, **k: default)
    monkeypatch.setattr(cache, "add", lambda *a, **k: False)
    kept = []
    monkeypatch.setattr(cache, "set", lambda *a, **k: kept.append(a[0]))
    response = Client().get(reverse("decisions:list"))
    assert response.status_code == 200 and "IGC21-9.9" in response.text
    assert not any(key.startswith("bilat.published:") for key in kept)  # no token: not kept


def test_a_page_made_from_a_replica_behind_the_last_write_is_served_but_not_kept(
        monkeypatch, settings):
    from bilat.ops import router

    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "bilat.ops.router.ReadOnlyRequestMiddleware",
                           *settings.MIDDLEWARE[1:]]
    make_decision("IGC21-9.9", access_tier="public")
    cache.set(MOVED, "moved@0/5000000", timeout=None)  # the token of a write with a replica
    monkeypatch.setattr(router, "replayed_position", lambda: "0/4FFFFFF")
    response = Client().get(reverse("decisions:list"))
    assert response.status_code == 200 and "IGC21-9.9" in response.text
    assert kept_page(reverse("decisions:list")) is None  # it may not show that write yet
    monkeypatch.setattr(router, "replayed_position", lambda: "0/5000000")
    Client().get(reverse("decisions:list"))
    assert kept_page(reverse("decisions:list"))[0] == "moved@0/5000000"


def test_with_a_replica_the_token_says_where_the_write_left_the_log(
        monkeypatch, django_capture_on_commit_callbacks):
    from bilat.core import changelog

    monkeypatch.setattr(changelog, "write_position", lambda: "0/5000000")
    with django_capture_on_commit_callbacks(execute=True):
        logged_write(make_decision(), title_en="One")
    assert cache.get(MOVED).endswith("@0/5000000")
