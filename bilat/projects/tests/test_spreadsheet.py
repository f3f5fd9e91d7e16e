"""The projects sheet: numbers beyond a column's range are errors of their row and column."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from bilat.core.models import ChangeLogEntry
from bilat.core.sheets import get_sheet, read_table, run_import
from bilat.projects.models import Project
from bilat.projects.tests.factories import make_cast, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = make_cast()
    make_project("007-STEEL", value_planned=Decimal("3100000000.00"),
                 value_planned_usd=Decimal("3100000000.00"))
    return cast


def import_csv(user, text: str):
    table = read_table(text.encode(), "csv")
    return run_import(get_sheet("projects"), table, user=user, dry_run=False)


def cells(plan) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in plan.errors]


@pytest.mark.parametrize("amount", [
    "1e400", "1" + "0" * 26, "-1e400", "1e26", "12345678901234567", "99999999999999999.99", "-5",
])
def test_an_amount_beyond_its_column_is_an_error_of_its_row_and_column(cast, amount):
    logged = ChangeLogEntry.objects.count()
    plan = import_csv(cast.users["secretariat_kz"], f"code,value_planned\r\n007-STEEL,{amount}\r\n")
    assert cells(plan) == [(2, "value_planned")]
    assert not plan.applied and ChangeLogEntry.objects.count() == logged
    assert Project.objects.get(code="007-STEEL").value_planned == Decimal("3100000000.00")


def test_the_largest_amount_a_column_holds_is_accepted(cast):
    plan = import_csv(cast.users["secretariat_kz"],
                      "code,value_planned\r\n007-STEEL,9000000000000000.00\r\n")
    assert plan.ok, plan.errors
    assert Project.objects.get(code="007-STEEL").value_planned == Decimal("9000000000000000.00")


def test_the_error_says_how_many_digits_the_column_holds(cast):
    plan = import_csv(cast.users["secretariat_kz"], "code,value_planned\r\n007-STEEL,1e400\r\n")
    assert plan.errors[0].message == "at most 16 digits before the decimal point"


@pytest.mark.parametrize("jobs", ["1" + "0" * 30, "-1", "2147483648"])
def test_a_whole_number_beyond_its_column_is_an_error_of_its_row_and_column(cast, jobs):
    plan = import_csv(cast.users["secretariat_kz"], f"code,jobs_planned\r\n007-STEEL,{jobs}\r\n")
    assert cells(plan) == [(2, "jobs_planned")]


def test_the_import_command_names_the_cell_of_a_huge_amount(cast, tmp_path):
    path = tmp_path / "projects.csv"
    path.write_text("code,value_planned\r\n007-STEEL,1e400\r\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import", "projects", str(path), "--as", "secretariat_kz",
                     stdout=io.StringIO(), stderr=err)
    assert "row 2, column value_planned: at most 16 digits" in err.getvalue()


def test_the_import_page_names_the_cell_of_a_huge_amount(client, cast):
    book = Workbook()
    book.active.append(["code", "value_planned"])
    book.active.append(["007-STEEL", 1e300])
    stream = io.BytesIO()
    book.save(stream)
    client.force_login(cast.users["secretariat_kz"])
    page = client.post("/projects/import/", {
        "file": SimpleUploadedFile("projects.xlsx", stream.getvalue(), "application/octet-stream")
    })
    assert page.status_code == 200
    assert "row 2, column value_planned" in page.content.decode()
    assert 'name="apply"' not in page.content.decode()


def test_a_column_without_a_name_is_named_by_its_letter(cast):
    plan = import_csv(cast.users["secretariat_kz"], "code,,value_planned\r\n007-STEEL,x,1\r\n")
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (1, "B", "This column has no name.")
    ]
