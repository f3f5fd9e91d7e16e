"""Bad files through every spreadsheet importer: a clear error or a correct load, nothing between.

Hypothesis damages a freshly exported file of each registered sheet (cells set to hostile
values, columns dropped, copied or renamed, rows added or copied, formulas and merged cells, bytes
cut, inserted or re-encoded) and imports it through a door (the engine, ``bilat import``, the
upload page). Whatever the file, the import must end in errors that each name a row and a column,
or in a load; never a traceback, never a cell with a value read as empty without an error, never
a partial write (a refused file leaves every table and the change log as they were), never a
number that is not finite. It found, among others, 1e400 crashing the decimal columns, formulas
and merged cells clearing fields, and a NUL character crashing PostgreSQL.
"""

import csv
import datetime
import io
import math
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bilat.core.changelog import verify_chain
from bilat.core.sheets import (
    SheetError,
    export_sheet,
    get_sheet,
    read_table,
    run_import,
    sheet_names,
)
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

HOSTILE = [
    "1e400", "-1e400", "1e26", "1" + "0" * 26, "NaN", "nan", "inf", "-Infinity", "0", "-1",
    "2147483648", "9" * 40, "1,5", "1.005", "2024-02-30", "31.12.2024", "10000-01-01", "yes",
    "да", "\x00", "a\x00b", "IGC21-01\x00", "=1+1", "'=1", "@SUM(A1)", "x" * 600, "<script>",
    "IGC21-01", ";;", "kz-trade-ministry;nope", "\ufeff", "\r\n", '"', "ё" * 300, "restricted",
    "done", "", " ",
]
XLSX_VALUES = [1e300, -1e300, float("inf"), float("nan"), -0.0, 10**30, True, 0.1 + 0.2,
               datetime.datetime(1900, 1, 1), datetime.datetime(9999, 12, 31, 23, 59),
               datetime.date(2024, 7, 12), datetime.time(12, 30), "=1/0", '=CONCAT("a","b")']
DOORS = ["engine"] * 6 + ["command", "page"]  # the engine is where files differ; doors are thin


class _Undo(Exception):
    pass


@pytest.fixture
def secretariat():
    cast = make_cast()
    make_decision("IGC21-01", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    make_decision("IGC21-02", kz_lead=cast.kz_other, due_on=None, deadline_type="standing")
    make_project("007-STEEL", value_planned=Decimal("3100000000.00"),
                 value_planned_usd=Decimal("3100000000.00"), capacity_value=Decimal("500.125"))
    make_project("AGRO-1", value_planned=None, value_planned_usd=None, jobs_planned=None)
    return cast.users["secretariat_kz"]


def exported_table(sheet, user) -> tuple[list[str], list[list[str]]]:
    stream = io.StringIO()
    export_sheet(sheet, sheet.queryset(user), "csv", stream)
    header, *rows = csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"), newline=""))
    return header, rows


def cell_values():
    return st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE), st.text(max_size=30))


@st.composite
def damaged(draw, header, rows, fmt):
    """A damaged copy of an exported table: the bytes of a file in ``fmt``, and the table meant
    (None when the bytes themselves were damaged)."""
    header, rows = list(header), [list(r) for r in rows]
    # Often one hostile cell in a file otherwise good, so that it reaches the services and the
    # database; otherwise several kinds of damage at once.
    for number in range(draw(st.sampled_from([1, 1, 1, 2, 3, 4]))):
        kind = draw(st.sampled_from(
            ["cell"] * (9 if number == 0 else 4)
            + ["drop_column", "copy_column", "rename", "new_row", "copy_row"]
        ))
        width = len(header)
        column = draw(st.sampled_from(range(width)))
        if kind == "cell" and rows:
            rows[draw(st.sampled_from(range(len(rows))))][column] = draw(cell_values())
        elif kind == "drop_column" and width > 1:
            del header[column]
            for row in rows:
                del row[column]
        elif kind == "copy_column":
            header.append(header[column])
            for row in rows:
                row.append(row[column])
        elif kind == "rename":
            header[column] = draw(st.sampled_from(["", "title", "Title_EN", "x" * 80]))
        elif kind == "new_row":
            rows.append([draw(cell_values()) for _ in header])
        elif kind == "copy_row" and rows:
            rows.append(list(rows[draw(st.sampled_from(range(len(rows))))]))
    data = to_xlsx(draw, header, rows) if fmt == "xlsx" else to_csv(draw, header, rows)
    if not data:
        return data, None
    damage = draw(st.sampled_from([None] * 9 + ["cut", "insert", "flip"]))
    if not damage:
        return data, (header, rows)
    if data:
        # An XLSX file holds the time it was saved, so its length varies from run to run: the
        # place is drawn the same way whatever the length, or Hypothesis could not replay it.
        at = draw(st.integers(0, 2**20)) % len(data)
        if damage == "cut":
            data = data[:at]
        elif damage == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    return data, None


def to_csv(draw, header, rows) -> bytes:
    stream = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    csv.writer(stream, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    text = draw(st.sampled_from(["\ufeff", ""])) + stream.getvalue()
    encoding = draw(st.sampled_from(["utf-8"] * 4 + ["cp1251", "utf-16"]))
    return text.encode(encoding, errors="replace")


def to_xlsx(draw, header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:  # control characters cannot be written to XLSX at all
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) or None for v in row])
    for _ in range(draw(st.integers(0, 2))):
        row, column = draw(st.integers(2, len(rows) + 2)), draw(st.integers(1, len(header)))
        if draw(st.booleans()):
            value = draw(st.sampled_from(XLSX_VALUES))
            try:
                sheet.cell(row=row, column=column).value = value
            except AttributeError:  # a cell merged into another holds no value of its own
                continue
            if row - 2 < len(rows):  # the cell now holds what openpyxl wrote (NaN: nothing)
                rows[row - 2][column - 1] = ""
        else:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1,
                              end_column=column)
    stream = io.BytesIO()
    try:
        book.save(stream)
    except (ValueError, TypeError):  # a value openpyxl itself cannot write
        return b""
    return stream.getvalue()


def registry_state(app_labels=None) -> dict:
    """Every row of bilat's own tables (or those of some apps), the change log among them."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("bilat.")
        and (app_labels is None or model._meta.app_label in app_labels)
    }


def numbers_are_finite(state: dict) -> bool:
    return all(
        not isinstance(value, Decimal | float) or math.isfinite(value)
        for rows in state.values() for row in rows for value in row.values()
    )


def read_as_meant(table, meant) -> tuple | None:
    """The first cell written with a value that reads as empty (formulas, merged cells…)."""
    header, rows = meant
    by_number = dict(table.rows)
    for number, row in enumerate(rows, start=2):
        for name, value in zip(header, row, strict=True):
            if (not name or header.count(name) > 1 or ILLEGAL_CHARACTERS_RE.sub("", value).strip()
                    in ("", "\ufeff")):
                continue
            read = by_number.get(number, {}).get(name)
            if read is None or read == "":
                return number, name, value
    return None


def import_through(door: str, sheet, data: bytes, fmt: str, user, tmp_path,
                   meant=None) -> tuple[bool, list]:
    """(applied, error texts) of importing ``data`` through one door; a traceback fails."""
    if door == "engine":
        try:
            table = read_table(data, fmt)
        except SheetError as exc:
            return False, [str(exc)]
        if meant is not None and not table.errors:
            lost = read_as_meant(table, meant)
            assert lost is None, f"row {lost[0]}, column {lost[1]}: {lost[2]!r} was read as empty"
        plan = run_import(sheet, table, user=user, dry_run=False)
        for error in plan.errors:
            assert error.row >= 1 and error.column, error
        assert plan.applied == plan.ok
        return plan.applied, [str(e) for e in plan.errors]
    if door == "command":
        path = tmp_path / f"file.{fmt}"
        path.write_bytes(data)
        try:
            call_command("import", sheet.name, str(path), "--as", user.username,
                         stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError as exc:
            return False, [str(exc)]
        return True, []
    client = Client(raise_request_exception=True)
    client.force_login(user)
    page = client.post(f"/{sheet.name}/import/",
                       {"file": SimpleUploadedFile(f"file.{fmt}", data, "application/octet-stream")})
    assert page.status_code == 200
    return False, []  # the page shows a dry run; applying is a second step


def check(sheet, data, fmt, door, user, tmp_path, app_labels=None, meant=None) -> None:
    before = registry_state(app_labels)
    try:
        with transaction.atomic():
            applied, errors = import_through(door, sheet, data, fmt, user, tmp_path, meant)
            after = registry_state(app_labels)
            if applied:
                assert numbers_are_finite(after)
                assert verify_chain().ok
            else:
                assert after == before, errors
            raise _Undo
    except _Undo:
        pass


EXAMPLES = settings(
    deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def exports(secretariat):
    """Each sheet exported once per test (every example is rolled back)."""
    cache = {}

    def exported(name):
        if name not in cache:
            cache[name] = exported_table(get_sheet(name), secretariat)
        return cache[name]

    return exported


@pytest.mark.parametrize("name", sheet_names())
@settings(EXAMPLES, max_examples=200)
@given(data=st.data())
def test_a_hostile_value_in_one_cell_of_a_good_file_is_refused_or_loaded(
    secretariat, exports, tmp_path, name, data
):
    # One cell at a time, so the value gets past parsing to the services and the database.
    sheet = get_sheet(name)
    header, rows = exports(name)
    rows = [list(r) for r in rows]
    row, column = data.draw(st.sampled_from(range(len(rows)))), data.draw(
        st.sampled_from(range(len(header))))
    rows[row][column] = data.draw(st.sampled_from(HOSTILE))
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows([header, *rows])
    check(sheet, stream.getvalue().encode(), "csv", "engine", secretariat, tmp_path,
          app_labels={"core", sheet.queryset(secretariat).model._meta.app_label})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sheet_names())
@settings(EXAMPLES, max_examples=80)
@given(data=st.data())
def test_a_damaged_file_gives_errors_by_row_and_column_or_a_correct_load(
    secretariat, exports, tmp_path, name, fmt, data
):
    sheet = get_sheet(name)
    header, rows = exports(name)
    file, meant = data.draw(damaged(header, rows, fmt))
    check(sheet, file, fmt, data.draw(st.sampled_from(DOORS)), secretariat, tmp_path,
          meant=meant)


def test_every_registered_sheet_is_walked():
    assert sheet_names() == ["decisions", "projects"]
