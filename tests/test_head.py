"""Every page answers HEAD as it answers GET, without a body (HTTP requires it of GET pages).

The walk covers every page route of the URLconf, so a new page that refuses HEAD (for example
one decorated with ``require_GET`` instead of ``require_safe``) fails here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from bilat.accounts.tests.factories import make_user

# Values for the route parameters: the demo's records have small ids; a 404 is fine as long as
# GET and HEAD agree on it.
PARAMETERS = {"side_code": "KZ", "reporter": "KZ", "partner": "UZ", "code": "demo"}
QUERIES = {"briefings/snapshots/<int:pk>/download/": "?format=md"}  # PDF takes seconds
NOT_PAGES = ("admin/", "api/")


def _routes(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def page_urls() -> list[str]:
    urls = []
    for route in sorted(set(_routes(get_resolver()))):
        if route.startswith(NOT_PAGES) or route.startswith("^"):
            continue
        url = re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m: "1" if m.group(1) == "int" else PARAMETERS.get(m.group(2), "x"),
            route,
        )
        urls.append("/" + url + QUERIES.get(route, ""))
    return urls


def test_the_walk_finds_the_pages():
    urls = page_urls()
    assert {"/", "/decisions/", "/decisions/1/", "/trade/KZ-UZ/", "/briefings/"} <= set(urls)
    assert not [u for u in urls if u.startswith(("/admin/", "/api/"))]


@pytest.fixture
def demo_registry(db, settings):
    from bilat.demo.tests.replay import load_or_replay_demo

    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS,
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    load_or_replay_demo()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "administrator"])
def test_every_page_answers_head_as_it_answers_get(client, demo_registry, signed_in):
    if signed_in:
        client.force_login(make_user("head-walker", superuser=True))
    disagree = []
    for url in page_urls():
        got = client.get(url)
        head = client.head(url)
        if head.status_code != got.status_code or head.content:
            disagree.append(f"{url}: GET {got.status_code}, HEAD {head.status_code}")
    assert not disagree, disagree


def test_head_on_the_overview_answers_200_without_a_body(client, db):
    response = client.head("/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"].startswith("text/html")
