"""What XLSX files carry beyond values: formulas and merged cells never clear a field silently."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from bilat.core.models import ChangeLogEntry
from bilat.core.sheets import export_sheet, get_sheet, read_table, run_import
from bilat.decisions.models import Decision
from bilat.decisions.tests.factories import make_cast, make_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    cast = make_cast()
    make_decision("IGC20-04", kz_lead=cast.kz_lead)
    make_decision("IGC20-05", kz_lead=cast.kz_lead)
    return cast.users["secretariat_kz"]


def exported(user) -> bytes:
    sheet = get_sheet("decisions")
    stream = io.BytesIO()
    export_sheet(sheet, sheet.queryset(user), "xlsx", stream)
    return stream.getvalue()


def edited(data: bytes, edit) -> bytes:
    """The workbook after ``edit(worksheet)``, saved by openpyxl."""
    book = load_workbook(io.BytesIO(data))
    edit(book.worksheets[0])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_cell(data: bytes, cell: str, xml: str) -> bytes:
    """The workbook with the cell's XML replaced, to write what openpyxl cannot (cached values)."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, found = re.subn(rf'<c r="{cell}"[^>]*>.*?</c>'.encode(), xml.encode(),
                                         content)
                assert found == 1
            out.writestr(item, content)
    return target.getvalue()


def do_import(user, data):
    return run_import(get_sheet("decisions"), read_table(data, "xlsx"), user=user, dry_run=False)


def test_a_formula_without_a_cached_value_is_refused_by_row_and_column(user):
    logged = ChangeLogEntry.objects.count()
    data = edited(exported(user), lambda sheet: sheet.__setitem__(
        "F2", '=CONCAT("Decision ", "IGC20-04")'))
    plan = do_import(user, data)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "title_en")]
    assert "formula" in plan.errors[0].message
    assert Decision.objects.get(control_number="IGC20-04").title_en == "Decision IGC20-04"
    assert ChangeLogEntry.objects.count() == logged and not plan.applied


def test_a_formula_is_read_by_its_cached_value(user):
    data = with_cell(exported(user), "F2",
                     '<c r="F2" t="str"><f>CONCAT("Trade ", "corridor")</f><v>Trade corridor</v></c>')
    plan = do_import(user, data)
    assert plan.ok, plan.errors
    assert Decision.objects.get(control_number="IGC20-04").title_en == "Trade corridor"


def test_the_title_columns_are_where_these_tests_edit_them(user):
    header = load_workbook(io.BytesIO(exported(user))).worksheets[0][1]
    assert (header[5].value, header[6].value) == ("title_en", "title_ru")  # F and G


def test_a_merged_range_is_refused_by_its_range(user):
    logged = ChangeLogEntry.objects.count()
    data = edited(exported(user), lambda sheet: sheet.merge_cells("G2:G3"))
    plan = do_import(user, data)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "title_ru")]
    assert plan.errors[0].message.startswith("cells G2:G3 are merged")
    assert Decision.objects.get(control_number="IGC20-05").title_ru == "Решение IGC20-05"
    assert ChangeLogEntry.objects.count() == logged and not plan.applied


def test_a_cell_holding_an_error_is_refused_by_row_and_column(user):
    data = with_cell(exported(user), "F3", '<c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    plan = do_import(user, data)
    assert [(e.row, e.column) for e in plan.errors] == [(3, "title_en")]
    assert Decision.objects.get(control_number="IGC20-05").title_en == "Decision IGC20-05"


@pytest.mark.parametrize("column", ["deadline_type", "source_kind", "issued_on"])
def test_an_empty_cell_cannot_clear_a_column_that_needs_a_value(user, column):
    # Found by tests/test_bad_spreadsheets.py: an empty deadline type reached the deadline
    # rules as None and stopped the import with a ValueError traceback.
    from bilat.core.sheets import read_table as read

    plan = run_import(get_sheet("decisions"),
                      read(f"control_number,{column}\r\nIGC20-04,\r\n".encode(), "csv"),
                      user=user, dry_run=False)
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (2, column, "This column needs a value.")
    ]
