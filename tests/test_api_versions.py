"""Every write to an existing record through the API needs the version the client read.

The test walks the OpenAPI schema, so a new writable route is covered the day it is added.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from bilat.core.models import ChangeLogEntry
from bilat.targets.models import Indicator

WRITE_METHODS = ("post", "put", "patch", "delete")


def _writes_to_existing_records() -> list[tuple[str, str]]:
    """(method, path) of every write on a route naming a record (``/{id}/…``)."""
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return sorted(
        (method, path)
        for path, operations in paths.items()
        if "{id}" in path
        for method in operations
        if method in WRITE_METHODS
    )


def _record_of(path: str):
    """A record the route writes to (the first one; the demo has one of each)."""
    view = resolve(path.replace("{id}", "1").replace("{side_code}", "KZ")).func
    model = view.cls.serializer_class.Meta.model
    records = model.objects.order_by("pk")
    if "{side_code}" in path:
        records = records.filter(sides__side__code="KZ")
    record = records.first()
    assert record is not None, f"the demo has no {model.__name__} for {path}"
    return record


def test_the_walk_finds_every_kind_of_write(db):
    found = _writes_to_existing_records()
    assert ("patch", "/api/v1/indicators/{id}/") in found
    assert ("post", "/api/v1/reports/{id}/accept/") in found
    assert ("post", "/api/v1/decisions/{id}/sides/{side_code}/status/") in found
    assert len(found) >= 15


def test_every_write_to_a_record_needs_the_version_it_read(demo):
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="admin"))
    failures = []
    for method, path in _writes_to_existing_records():
        record = _record_of(path)
        url = path.replace("{id}", str(record.pk)).replace("{side_code}", "KZ")
        detail = path[: path.index("{id}") + len("{id}/")].replace("{id}", str(record.pk))
        read = api.get(detail).json().get("version")
        if not isinstance(read, int):
            failures.append(f"GET {detail} does not show the record's version")
            continue
        logged = ChangeLogEntry.objects.count()

        response = getattr(api, method)(url, {}, format="json")
        if response.status_code != 400 or "version" not in response.json():
            failures.append(f"{method.upper()} {url} without a version: "
                            f"{response.status_code} {response.content[:200]!r}")

        # Someone else saves the record after we read it.
        type(record).objects.filter(pk=record.pk).update(version=F("version") + 1)
        response = getattr(api, method)(url, {"version": read}, format="json")
        if response.status_code != 409 or response.json().get("current_version") != read + 1:
            failures.append(f"{method.upper()} {url} with a stale version: "
                            f"{response.status_code} {response.content[:200]!r}")
        if ChangeLogEntry.objects.count() != logged:
            failures.append(f"{method.upper()} {url} wrote although refused")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("version, status", [(None, 400), (1, 200)])
def test_an_indicator_patch_needs_its_version(demo, version, status):
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="admin"))
    data = {"name_ru": "Товарооборот"} if version is None else {"name_ru": "Товарооборот",
                                                                 "version": version}
    indicator = Indicator.objects.order_by("pk").first()
    response = api.patch(f"/api/v1/indicators/{indicator.pk}/", data, format="json")
    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["version"] == 2


REASON = "Protocol of the 21st meeting, item 4"


def _as_admin() -> APIClient:
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(username="admin"))
    return api


def _last_logged() -> tuple[str, str, str]:
    entry = ChangeLogEntry.objects.order_by("-seq").first()
    return entry.action, entry.channel, entry.reason


@pytest.mark.parametrize("route, field", [
    ("meetings", "place_en"), ("decisions", "title_en"), ("projects", "title_en"),
    ("targets", "title_en"), ("indicators", "name_en"),
])
def test_every_registry_update_logs_the_reason_sent_in_x_change_reason(demo, route, field):
    api = _as_admin()
    record = api.get(f"/api/v1/{route}/").json()["results"][0]
    response = api.patch(f"/api/v1/{route}/{record['id']}/",
                         {"version": record["version"], field: "Changed through the API"},
                         format="json", headers={"X-Change-Reason": REASON})
    assert response.status_code == 200, response.content
    assert response.json()["version"] == record["version"] + 1
    assert _last_logged() == ("update", "api", REASON)


@pytest.mark.parametrize("sent, reason", [({}, REASON), ({"version": 7}, "")])
def test_creating_logs_the_reason_sent_and_ignores_a_version(demo, sent, reason):
    api = _as_admin()
    body = api.get("/api/v1/commission-bodies/").json()[0]["id"]
    headers = {"X-Change-Reason": reason} if reason else {}
    response = api.post("/api/v1/meetings/", {"body": body, "number": 99,
                                              "held_on": "2026-06-01", **sent},
                        format="json", headers=headers)
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    assert _last_logged() == ("create", "api", reason)
