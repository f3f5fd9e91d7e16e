"""Importing the projects sheet through the API: the page's dry run and apply, as JSON."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from bilat.accounts.tests.factories import api_of
from bilat.core.models import ChangeLogEntry
from bilat.projects.models import Project
from bilat.projects.tests.factories import make_cast, make_project

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/projects/"


@pytest.fixture
def cast():
    cast = make_cast()
    make_project("IC-A", stage=2)
    make_project("IC-B", stage=2)
    return cast


def _api(cast, role: str):
    return api_of(cast.users[role])


def _csv(text: str, name: str = "projects.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _post(api, text: str, headers=None, **data):
    return api.post(URL, {"file": _csv(text), **data}, format="multipart", headers=headers)


GOOD = "code,stage\r\nIC-A,4\r\nIC-B,3\r\n"
ONE_BAD = "code,stage\r\nIC-A,4\r\nIC-B,99\r\n"


def _stages() -> dict[str, int]:
    return dict(Project.objects.values_list("code", "stage"))


def test_a_dry_run_previews_every_change_and_writes_nothing(cast):
    logged = ChangeLogEntry.objects.count()
    response = _post(_api(cast, "secretariat_kz"), GOOD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["dry_run"] is True and body["applied"] is False
    assert body["counts"] == {"new": 0, "changed": 2, "unchanged": 0, "errors": 0}
    assert body["rows"][0] == {"row": 2, "key": "IC-A", "status": "changed", "errors": [],
                               "changes": [{"column": "stage", "old": "2", "new": "4"}]}
    assert _stages() == {"IC-A": 2, "IC-B": 2}
    assert ChangeLogEntry.objects.count() == logged


def test_applying_writes_the_whole_file_through_the_services_logged_as_an_import(cast):
    response = _post(_api(cast, "secretariat_kz"), GOOD, dry_run="false",
                     headers={"X-Change-Reason": "Protocol 21, p. 3"})
    assert response.status_code == 200, response.content
    assert response.json()["applied"] is True
    assert _stages() == {"IC-A": 4, "IC-B": 3}
    entries = ChangeLogEntry.objects.order_by("-seq")[:2]
    assert {(e.action, e.channel, e.reason) for e in entries} == {
        ("update", "import", "Protocol 21, p. 3")}


@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_written(cast, dry_run):
    logged = ChangeLogEntry.objects.count()
    body = _post(_api(cast, "secretariat_kz"), ONE_BAD, dry_run=dry_run).json()
    assert body["applied"] is False
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(3, "stage")]
    assert [r["status"] for r in body["rows"]] == ["changed", "error"]
    assert _stages() == {"IC-A": 2, "IC-B": 2}  # the good row is not written either
    assert ChangeLogEntry.objects.count() == logged


def test_the_same_file_gives_the_same_plan_as_the_page(cast, client):
    client.force_login(cast.users["secretariat_kz"])
    page = client.post("/projects/import/", {"file": _csv(ONE_BAD)})
    api = _post(_api(cast, "secretariat_kz"), ONE_BAD).json()
    assert page.status_code == 200
    for error in api["errors"]:
        assert error["message"] in page.content.decode()


def test_an_xlsx_file_is_read_as_on_the_page(cast):
    book = Workbook()
    book.active.append(["code", "stage"])
    book.active.append(["IC-A", 4])
    stream = io.BytesIO()
    book.save(stream)
    upload = SimpleUploadedFile("projects.xlsx", stream.getvalue())
    body = _api(cast, "secretariat_kz").post(URL, {"file": upload, "dry_run": "false"},
                                             format="multipart").json()
    assert body["applied"] is True and _stages()["IC-A"] == 4


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 403), ("viewer", 403), ("officer_kz_partner", 200), ("secretariat_uz", 200),
])
def test_who_may_import_is_who_may_on_the_page(cast, role, status):
    assert _post(_api(cast, role), GOOD).status_code == status


def test_an_officer_changing_the_shared_record_gets_errors_of_the_rows(cast):
    body = _post(_api(cast, "officer_kz_partner"), GOOD, dry_run="false").json()
    assert body["applied"] is False and {e["column"] for e in body["errors"]} == {"stage"}
    assert _stages() == {"IC-A": 2, "IC-B": 2}


@pytest.mark.parametrize(("upload", "field"), [
    (_csv("code,stage\r\n", name="projects.txt"), "file"),
    (SimpleUploadedFile("projects.xlsx", b"not a workbook"), "file"),
])
def test_a_file_that_cannot_be_read_is_a_400_naming_the_file(cast, upload, field):
    response = _api(cast, "secretariat_kz").post(URL, {"file": upload}, format="multipart")
    assert response.status_code == 400 and field in response.json()


def test_an_unknown_sheet_is_not_found(cast):
    response = _api(cast, "secretariat_kz").post("/api/v1/imports/nonsense/",
                                                 {"file": _csv(GOOD)}, format="multipart")
    assert response.status_code == 404
