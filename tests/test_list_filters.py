"""Every list, page or API, answers a bad filter value with 400 naming the field, never a 500.

The routes are discovered, not listed: every page without parameters that renders a filter form,
and every API list. Each filter of each gets the values an attacker or a clumsy user sends.
"""

import datetime
import json

import pytest
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.core.filters import FilterSet
from bilat.directory.tests.factories import make_commission, make_sector, make_sides
from bilat.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "0", "-1", "10000", "1" + "0" * 19, "-" + "9" * 25, "1e400", "NaN", "-inf", "1.5", "abc",
    "\x00", "x" * 2000,
]
BAD_YEARS = ["0", "-1", "10000", "1" + "0" * 19]


def _routes(patterns=None, prefix=""):
    """(path, callback) of every URL pattern without parameters."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + prefix + route.lstrip("^").rstrip("$"), pattern.callback


def api_lists(user):
    """(path, FilterSet class or None) of every API list, as its filter backend builds it."""
    found = []
    for path, callback in _routes():
        cls = getattr(callback, "cls", None)
        if not path.startswith("/api/") or cls is None:
            continue
        actions = getattr(callback, "actions", None) or {}
        if not (actions.get("get") == "list" or (not actions and hasattr(cls, "list"))):
            continue
        view = cls(**callback.initkwargs)
        view.action, view.format_kwarg = "list", None
        view.request = Request(RequestFactory().get(path))
        view.request.user = user
        queryset = view.get_queryset()
        classes = [
            backend().get_filterset_class(view, queryset) for backend in view.filter_backends
            if issubclass(backend, DjangoFilterBackend)
        ]
        found.append((path, next((c for c in classes if c is not None), None)))
    return found


@pytest.fixture
def secretariat():
    kz, uz = make_sides()
    make_meeting(body=make_commission(kz, uz), held_on=datetime.date(2024, 7, 12))
    make_sector()
    return make_user("sec", Role.SECRETARIAT, side=kz)


@pytest.fixture
def client(secretariat):
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    return client


def page_lists(client):
    """(path, FilterSet class) of every page that renders a filtered list."""
    found = []
    for path, _callback in _routes():
        if path.startswith(("/api/", "/admin/")):
            continue
        response = client.get(path)
        if response.status_code == 200 and response.context is not None:
            filterset = response.context.get("filterset")
            if filterset is not None:
                found.append((path, type(filterset)))
    return found


def test_the_walk_finds_every_list(client, secretariat):
    pages = dict(page_lists(client))
    apis = dict(api_lists(secretariat))
    assert {"/meetings/", "/decisions/", "/projects/", "/targets/", "/changes/"} <= set(pages)
    assert {"/api/v1/meetings/", "/api/v1/decisions/", "/api/v1/projects/", "/api/v1/targets/",
            "/api/v1/portfolio-figures/", "/api/v1/changes/", "/api/v1/organisations/",
            "/api/v1/people/", "/api/v1/reports/", "/api/v1/extensions/"} <= {
        p for p, f in apis.items() if f is not None}


def test_every_list_filters_through_bilats_filterset(client, secretariat):
    # The base FilterSet is where a value the database cannot take becomes a 400.
    for path, filterset in page_lists(client) + api_lists(secretariat):
        assert filterset is None or issubclass(filterset, FilterSet), path


def _named_in(response, name) -> bool:
    if response["Content-Type"].startswith("application/json"):
        return name in json.loads(response.content)
    return name in response.context["filterset"].errors


def test_a_bad_filter_value_gets_400_naming_the_field_on_every_list(client, secretariat):
    routes = page_lists(client) + [(p, f) for p, f in api_lists(secretariat) if f is not None]
    wrong = []
    for path, filterset_class in routes:
        for name in filterset_class.base_filters:
            for value in BAD_VALUES:
                valid = filterset_class(
                    {name: value}, queryset=filterset_class._meta.model.objects.all()
                ).is_valid()
                response = client.get(path, {name: value})
                expected = 200 if valid else 400
                if response.status_code != expected or (
                    expected == 400 and not _named_in(response, name)
                ):
                    wrong.append((path, name, value[:20], response.status_code))
    assert not wrong


@pytest.mark.parametrize("path", ["/meetings/", "/api/v1/meetings/"])
@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_the_calendar_is_a_bad_request(client, path, year):
    response = client.get(path, {"year": year})
    assert response.status_code == 400
    assert _named_in(response, "year")


def test_a_page_with_a_bad_filter_shows_the_error_next_to_the_field(client):
    response = client.get("/meetings/", {"year": "0"})
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_a_good_year_still_filters(client):
    assert len(client.get("/meetings/", {"year": "2024"}).context["object_list"]) == 1
    assert len(client.get("/meetings/", {"year": "2023"}).context["object_list"]) == 0


def test_a_value_the_database_cannot_search_by_is_an_error_of_its_field():
    # Caught by the base class for any filter, even one declared without bounds.
    import django_filters

    from bilat.meetings.models import Meeting

    class Unbounded(FilterSet):
        year = django_filters.NumberFilter(field_name="held_on", lookup_expr="year")

        class Meta:
            model = Meeting
            fields = ["year"]

    filterset = Unbounded({"year": "0"}, queryset=Meeting.objects.all())
    assert not filterset.is_valid()
    assert filterset.errors == {"year": ["The registry cannot be searched by this value."]}
