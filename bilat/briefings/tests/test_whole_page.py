"""Pages rendered once, shell and all, with each request's own token and nonce."""

import re

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from bilat.accounts.tests.factories import client_of, make_user
from bilat.briefings import pagecache
from bilat.briefings.tests.pages import logged_write, page_text
from bilat.decisions.tests.factories import make_decision

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def shells(monkeypatch) -> list[str]:
    """The shells rendered around cached parts (each call of the pages' ``render``)."""
    made = []
    real = pagecache.render

    def counting(request, template, *args, **kwargs):
        made.append(template)
        return real(request, template, *args, **kwargs)
    monkeypatch.setattr(pagecache, "render", counting)
    return made


@pytest.mark.parametrize("name", ["decisions:list", "home"])
def test_the_public_page_is_rendered_once_and_reads_as_the_page_rendered_for_them(name, shells):
    make_decision("IGC21-9.9", access_tier="public")
    client = Client()
    first = client.get(reverse(name))
    again = client.get(reverse(name))
    assert first.status_code == again.status_code == 200
    assert pagecache.CSRF_MARK not in again.text and pagecache.NONCE_MARK not in again.text
    assert page_text(again) == page_text(first)
    if name == "decisions:list":
        assert shells == ["core/cached_page.html"]  # the second request rendered no shell
        assert "IGC21-9.9" in again.text


def test_each_request_gets_a_token_of_its_own_cookie_and_the_nonce_of_its_header():
    make_decision(access_tier="public")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("decisions:list"))
    response = client.get(reverse("decisions:list"))
    nonce = NONCE.search(response.text).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    token = TOKEN.search(response.text).group(1)
    switched = client.post(reverse("set_language"), {"language": "ru", "next": "/decisions/",
                                                    "csrfmiddlewaretoken": token})
    assert switched.status_code == 302  # the token the cached page carried is the reader's own
    other = Client(enforce_csrf_checks=True)
    assert TOKEN.search(other.get(reverse("decisions:list")).text).group(1) != token


def test_a_write_shows_on_the_public_page_at_once():
    decision = make_decision(access_tier="public")
    client = Client()
    assert "After" not in client.get(reverse("decisions:list")).text
    logged_write(decision, title_en="After")
    assert "After" in client.get(reverse("decisions:list")).text


def test_a_signed_in_reader_gets_a_whole_page_of_their_own(shells):
    """Their name, role and unread notifications are in the page's key: two readers of the
    same sight share the page's parts, never their top bars; a notification shows at once."""
    from bilat.decisions.models import Notification

    make_decision(access_tier="public")
    Client().get(reverse("decisions:list"))
    first, second = make_user("reader-one"), make_user("reader-two")
    one, two = client_of(first), client_of(second)
    for _ in range(2):
        page = one.get(reverse("decisions:list")).text
        assert "reader-one" in page and "reader-two" not in page and "Sign out" in page
    assert len(shells) == 2  # the public's once, the first reader's once
    page = two.get(reverse("decisions:list")).text
    assert "reader-two" in page and "reader-one" not in page
    assert 'class="badge"' not in page
    Notification.objects.create(user=second, message="Due soon.")  # its count is forgotten
    assert 'class="badge"' in two.get(reverse("decisions:list")).text


def test_a_reader_with_messages_to_read_gets_a_shell_of_their_own(rf):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.cache import SessionStore

    request = rf.get("/decisions/")
    request.user, request.session = AnonymousUser(), SessionStore()
    request._messages = FallbackStorage(request)
    messages.info(request, "Signed out.")
    asked = []
    response = pagecache.whole_page(request, "key", lambda marks: asked.append(marks)
                                     or HttpResponse("page"))
    assert asked == [{}] and response.content == b"page"
