import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from bilat.core.models import ChangeLogEntry
from bilat.core.sheets import (
    CHANGED,
    ERROR,
    NEW,
    UNCHANGED,
    export_sheet,
    get_sheet,
    read_table,
    run_import,
)
from bilat.decisions.models import Decision, DecisionSide
from bilat.decisions.tests.factories import make_cast, make_decision, side_of
from bilat.directory.tests.factories import make_organisation, make_sector

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def cast():
    cast = make_cast()
    water = make_sector("water", "Water")
    helper = make_organisation(cast.kz, "007-customs")  # a code with leading zeros
    first = make_decision("IGC21-01.02", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                          due_on=D(2025, 3, 24), issued_on=D(2024, 7, 12))
    side_of(first, "KZ").co_executors.set([helper, cast.kz_other])
    Decision.objects.filter(pk=first.pk).update(
        title_ru="=Решение, с запятой\nи переносом", paragraph_ref="п. 3.2"
    )
    make_decision("IGC21-2", kz_lead=cast.kz_lead, due_on=None, deadline_type="standing",
                  sector=water)
    removed = make_decision("IGC21-3", uz_lead=cast.uz_lead, due_on=D(2024, 12, 31))
    Decision.objects.filter(pk=removed.pk).update(
        control_state="removed", removed_on=D(2025, 1, 15), removal_basis="Executed", sector=None
    )
    DecisionSide.objects.filter(decision=removed).update(status="done")
    return cast


def export_bytes(user, fmt):
    sheet = get_sheet("decisions")
    if fmt == "csv":
        stream = io.StringIO()
        export_sheet(sheet, sheet.queryset(user), "csv", stream)
        return stream.getvalue().encode("utf-8")
    stream = io.BytesIO()
    export_sheet(sheet, sheet.queryset(user), "xlsx", stream)
    return stream.getvalue()


def rows_of(data, fmt):
    return read_table(data, fmt)


def edit_csv(data: bytes, edits: dict) -> bytes:
    """Change cells ``{(control_number, column): value}``; ``"append"`` adds a row."""
    edits = dict(edits)
    extra = edits.pop("append", None)
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = list(rows[0].keys())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        for (key, column), value in edits.items():
            if row["control_number"] == key:
                row[column] = value
        writer.writerow(row)
    if extra:
        writer.writerow({h: extra.get(h, "") for h in header})
    return out.getvalue().encode("utf-8")


def do_import(user, data, fmt="csv", dry_run=False):
    return run_import(get_sheet("decisions"), read_table(data, fmt), user=user, dry_run=dry_run)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_just_exported_re_imports_with_no_change(cast, fmt):
    user = cast.users["secretariat_kz"]
    data = export_bytes(user, fmt)
    logged = ChangeLogEntry.objects.count()
    plan = do_import(user, data, fmt)
    assert plan.ok, plan.errors
    assert [r.status for r in plan.rows] == [UNCHANGED] * 3
    assert plan.applied and ChangeLogEntry.objects.count() == logged


def test_the_export_keeps_codes_dates_and_empty_cells(cast):
    user = cast.users["secretariat_kz"]
    table = rows_of(export_bytes(user, "xlsx"), "xlsx")
    first = dict(table.rows[0][1])
    assert first["control_number"] == "IGC21-01.02"
    assert first["kz_co_executors"] == "007-customs;kz-energy-ministry"
    assert first["kz_due_on"] == datetime.datetime(2025, 3, 24)
    assert first["title_ru"].startswith("=Решение")
    standing = dict(table.rows[1][1])
    assert standing["due_on"] is None and standing["uz_lead"] is None
    book = load_workbook(io.BytesIO(export_bytes(user, "xlsx")))
    assert book.sheetnames == ["decisions", "columns"]
    assert book["decisions"]["A2"].data_type == "s"


def test_csv_cells_that_look_like_formulas_are_escaped_and_read_back(cast):
    data = export_bytes(cast.users["secretariat_kz"], "csv").decode("utf-8-sig")
    assert "'=Решение" in data
    table = rows_of(data.encode(), "csv")
    assert table.rows[0][1]["title_ru"].startswith("=Решение")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_edited_cell_gives_one_change_and_one_log_entry(cast, fmt):
    user = cast.users["secretariat_kz"]
    data = export_bytes(user, "csv")
    edited = edit_csv(data, {("IGC21-01.02", "kz_status"): "in_progress"})
    if fmt == "xlsx":
        table = read_table(edited, "csv")
        from bilat.core.sheets import Column, write_xlsx

        stream = io.BytesIO()
        columns = [Column(h, lambda o: None) for h in table.header]
        write_xlsx(columns, [[v[h] or None for h in table.header] for _n, v in table.rows], stream)
        edited = stream.getvalue()
    logged = ChangeLogEntry.objects.count()
    plan = do_import(user, edited, fmt)
    assert plan.ok, plan.errors
    changed = [r for r in plan.rows if r.status == CHANGED]
    assert [(r.key, r.changes) for r in changed] == [
        ("IGC21-01.02", {"kz_status": ("not_started", "in_progress")})
    ]
    assert side_of(Decision.objects.get(control_number="IGC21-01.02"), "KZ").status == "in_progress"
    entries = list(ChangeLogEntry.objects.filter(seq__gt=logged))
    assert len(entries) == 1
    assert (entries[0].channel, entries[0].actor_label) == ("import", "secretariat_kz")


def test_shared_fields_and_executors_are_changed_through_the_services(cast):
    user = cast.users["secretariat_kz"]
    edited = edit_csv(export_bytes(user, "csv"), {
        ("IGC21-2", "title_en"): "Water sharing",
        ("IGC21-2", "sector"): "trade",
        ("IGC21-2", "kz_co_executors"): "007-customs",
    })
    plan = do_import(user, edited)
    assert plan.ok, plan.errors
    decision = Decision.objects.get(control_number="IGC21-2")
    assert (decision.title_en, decision.sector.code) == ("Water sharing", "trade")
    assert [o.code for o in side_of(decision, "KZ").co_executors.all()] == ["007-customs"]


def test_a_dry_run_shows_old_and_new_values_and_writes_nothing(cast):
    user = cast.users["secretariat_kz"]
    edited = edit_csv(export_bytes(user, "csv"), {("IGC21-2", "title_en"): "Renamed"})
    logged = ChangeLogEntry.objects.count()
    plan = do_import(user, edited, dry_run=True)
    assert plan.ok and not plan.applied
    row = next(r for r in plan.rows if r.key == "IGC21-2")
    assert row.changes == {"title_en": ("Decision IGC21-2", "Renamed")}
    assert Decision.objects.get(control_number="IGC21-2").title_en == "Decision IGC21-2"
    assert ChangeLogEntry.objects.count() == logged


def test_one_bad_row_among_good_ones_writes_nothing_and_names_every_error(cast):
    user = cast.users["secretariat_kz"]
    edited = edit_csv(export_bytes(user, "csv"), {
        ("IGC21-01.02", "title_en"): "A good change",
        ("IGC21-2", "kz_status"): "finished",  # not a status
        ("IGC21-2", "issued_on"): "31/02/2024",  # not a date
        ("IGC21-3", "kz_due_on"): "2026-01-01",  # read-only
        "append": {"control_number": "IGC99-9", "title_en": "x", "issued_on": "2024-07-12",
                   "due_on": "2024-12-31", "kz_lead": "no-such-ministry"},
    })
    logged = ChangeLogEntry.objects.count()
    plan = do_import(cast.users["secretariat_kz"], edited)
    assert not plan.ok and not plan.applied
    found = {(e.row, e.column) for e in plan.errors}
    assert found == {
        (3, "kz_status"), (3, "issued_on"), (4, "kz_due_on"), (5, "control_number"), (5, "kz_lead")
    }
    assert "finished" in next(str(e) for e in plan.errors if e.column == "kz_status")
    assert Decision.objects.get(control_number="IGC21-01.02").title_en == "Decision IGC21-01.02"
    assert not Decision.objects.filter(control_number="IGC99-9").exists()
    assert ChangeLogEntry.objects.count() == logged


def test_a_service_rule_broken_by_a_row_is_reported_with_its_column(cast):
    user = cast.users["secretariat_kz"]
    edited = edit_csv(export_bytes(user, "csv"), {("IGC21-01.02", "kz_status"): "done"})
    plan = do_import(user, edited)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "kz_status")]
    assert "accepts its report" in plan.errors[0].message


def test_an_officer_cannot_change_the_other_sides_status_or_shared_fields(cast):
    officer = cast.users["officer_kz_lead"]
    edited = edit_csv(export_bytes(officer, "csv"), {
        ("IGC21-01.02", "uz_status"): "in_progress",
        ("IGC21-2", "title_en"): "Renamed by an officer",
    })
    plan = do_import(officer, edited)
    assert {(e.row, e.column) for e in plan.errors} == {(2, "uz_status"), (3, "title_en")}
    assert side_of(Decision.objects.get(control_number="IGC21-01.02"), "UZ").status == "not_started"


def test_an_officer_may_change_its_own_sides_status(cast):
    officer = cast.users["officer_kz_lead"]
    edited = edit_csv(export_bytes(officer, "csv"), {("IGC21-01.02", "kz_status"): "in_progress"})
    plan = do_import(officer, edited)
    assert plan.ok, plan.errors
    assert side_of(Decision.objects.get(control_number="IGC21-01.02"), "KZ").status == "in_progress"


def test_a_row_changed_since_the_export_is_refused(cast):
    user = cast.users["secretariat_kz"]
    data = export_bytes(user, "csv")
    Decision.objects.filter(control_number="IGC21-2").update(version=5)
    plan = do_import(user, edit_csv(data, {("IGC21-2", "title_en"): "Late edit"}))
    assert [(e.row, e.column) for e in plan.errors] == [(3, "version")]


def test_a_viewer_may_not_import_and_unknown_columns_are_refused(cast):
    from django.core.exceptions import PermissionDenied

    data = export_bytes(cast.users["secretariat_kz"], "csv")
    with pytest.raises(PermissionDenied):
        do_import(cast.users["viewer"], data)
    bad = data.decode("utf-8-sig").replace("paragraph_ref", "paragraph_no", 1).encode()
    plan = do_import(cast.users["secretariat_kz"], bad)
    assert [(e.row, e.column) for e in plan.errors] == [(1, "paragraph_no")]


def test_a_secretariat_may_add_a_decision_by_a_new_row(cast):
    user = cast.users["secretariat_kz"]
    edited = edit_csv(export_bytes(user, "csv"), {"append": {
        "control_number": "IGC21-9", "title_en": "New", "deadline_type": "fixed",
        "issued_on": "2025-03-01", "due_on": "2025-03-24", "kz_lead": "kz-trade-ministry",
        "access_tier": "official", "source_kind": "protocol",
    }})
    plan = do_import(user, edited)
    assert plan.ok, plan.errors
    assert [r.status for r in plan.rows][-1] == NEW
    decision = Decision.objects.get(control_number="IGC21-9")
    assert side_of(decision, "KZ").lead.code == "kz-trade-ministry"
    officer_plan = do_import(cast.users["officer_kz_lead"], edit_csv(
        export_bytes(user, "csv"), {"append": {"control_number": "IGC21-10", "title_en": "x"}}
    ))
    assert [(e.row, e.column) for e in officer_plan.errors] == [(6, "control_number")]
    assert [r.status for r in officer_plan.rows][-1] == ERROR


def test_the_export_command_writes_what_the_user_may_see(cast, tmp_path):
    target = tmp_path / "decisions.xlsx"
    call_command("export", "decisions", "-o", str(target), "--as", "secretariat_kz",
                 stderr=io.StringIO())
    table = read_table(target.read_bytes(), "xlsx")
    assert [v["control_number"] for _n, v in table.rows] == ["IGC21-01.02", "IGC21-2", "IGC21-3"]
    out = io.StringIO()
    call_command("export", "decisions", "--format", "csv", stdout=out, stderr=io.StringIO())
    assert out.getvalue().count("\n") == 1  # anonymous: official decisions are not public


def test_an_export_with_a_bad_or_unknown_filter_is_refused_naming_it(client, cast):
    # An export that ignored the filter would hand out every record the user may see.
    client.force_login(cast.users["secretariat_kz"])
    response = client.get("/decisions/export/", {"format": "csv", "meeting": "abc"})
    assert response.status_code == 400
    assert "meeting" in response.content.decode()
    with pytest.raises(CommandError, match="meeting"):
        call_command("export", "decisions", "--as", "secretariat_kz", "--filter", "meeting=abc",
                     stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="status"):
        call_command("export", "decisions", "--as", "secretariat_kz", "--filter", "status=overdue",
                     stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("export", "decisions", "--as", "secretariat_kz", "--filter", "overdue=true",
                 stdout=out, stderr=io.StringIO())
    table = read_table(out.getvalue().encode(), "csv")
    assert [v["control_number"] for _n, v in table.rows] == ["IGC21-01.02"]


def test_the_import_command_applies_a_good_file(cast, tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(edit_csv(export_bytes(cast.users["secretariat_kz"], "csv"),
                              {("IGC21-2", "title_en"): "Renamed"}))
    out = io.StringIO()
    call_command("import", "decisions", str(path), "--as", "secretariat_kz", stdout=out)
    assert "title_en: Decision IGC21-2 → Renamed" in out.getvalue()
    assert Decision.objects.get(control_number="IGC21-2").title_en == "Renamed"


def test_the_import_command_fails_with_the_error_list_on_a_bad_file(cast, tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(edit_csv(export_bytes(cast.users["secretariat_kz"], "csv"),
                              {("IGC21-2", "kz_status"): "finished",
                               ("IGC21-3", "uz_status"): "nonsense"}))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import", "decisions", str(path), "--as", "secretariat_kz", stderr=err)
    assert "row 3, column kz_status" in err.getvalue()
    assert "row 4, column uz_status" in err.getvalue()


def test_the_import_command_exits_non_zero_on_a_bad_file(cast, tmp_path, capsys):
    from django.core.management import load_command_class

    path = tmp_path / "d.csv"
    path.write_bytes(b"control_number,kz_status\r\nIGC21-2,finished\r\nIGC21-404,done\r\n")
    command = load_command_class("bilat.core", "import")
    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(
            ["bilat", "import", "decisions", str(path), "--as", "secretariat_kz"]
        )
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "row 2, column kz_status" in err and "row 3, column control_number" in err


def test_exporting_many_decisions_takes_a_fixed_number_of_queries(
    cast, django_assert_max_num_queries
):
    for n in range(10):
        make_decision(f"IGC21-5.{n}", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    sheet = get_sheet("decisions")
    with django_assert_max_num_queries(10):
        export_sheet(sheet, sheet.queryset(cast.users["secretariat_kz"]), "csv", io.StringIO())


# --- projects (the same engine with the projects app's sheet) ---------------------------------


@pytest.fixture
def projects():
    from decimal import Decimal

    from bilat.projects.tests.factories import make_cast as make_project_cast
    from bilat.projects.tests.factories import make_partner, make_project

    cast = make_project_cast()
    steel = make_project(
        "007-STEEL", value_planned=Decimal("3100000000.00"), value_planned_usd=Decimal("3100000000"),
        value_invested=Decimal("0.10"), value_invested_usd=Decimal("0.10"),
        capacity_value=Decimal("500.125"), capacity_unit_en="thousand tonnes a year",
        planned_start_on=D(2024, 2, 29), progress_pct=40, jobs_created=None,
    )
    make_partner(steel, cast.kz_partner)
    make_project("AGRO-1", kind="agro_industrial", stage=1, value_planned=None,
                 value_planned_usd=None, jobs_planned=None, sector=None, title_ru="")
    return cast


def export_projects(user, fmt):
    sheet = get_sheet("projects")
    stream = io.StringIO() if fmt == "csv" else io.BytesIO()
    export_sheet(sheet, sheet.queryset(user), fmt, stream)
    value = stream.getvalue()
    return value.encode("utf-8") if fmt == "csv" else value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_projects_round_trip_with_decimals_dates_and_empty_cells(projects, fmt):
    user = projects.users["secretariat_kz"]
    data = export_projects(user, fmt)
    table = read_table(data, fmt)
    assert [v["code"] for _n, v in table.rows] == ["007-STEEL", "AGRO-1"]
    logged = ChangeLogEntry.objects.count()
    plan = run_import(get_sheet("projects"), table, user=user, dry_run=False)
    assert plan.ok, plan.errors
    assert [r.status for r in plan.rows] == [UNCHANGED, UNCHANGED]
    assert ChangeLogEntry.objects.count() == logged


def test_a_partner_officer_reports_progress_but_not_the_stage(projects):
    from bilat.projects.models import Project

    officer = projects.users["officer_kz_partner"]
    text = export_projects(officer, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    rows[0]["progress_pct"] = "55"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    good = out.getvalue().encode()
    logged = ChangeLogEntry.objects.count()
    plan = run_import(get_sheet("projects"), read_table(good, "csv"), user=officer, dry_run=False)
    assert plan.ok, plan.errors
    assert Project.objects.get(code="007-STEEL").progress_pct == 55
    assert ChangeLogEntry.objects.filter(seq__gt=logged).get().channel == "import"
    text = export_projects(officer, "csv").decode("utf-8-sig")  # a fresh copy, new version
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    rows[0]["stage"] = "3"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    plan = run_import(get_sheet("projects"), read_table(out.getvalue().encode(), "csv"),
                      user=officer, dry_run=False)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "stage")]
    assert Project.objects.get(code="007-STEEL").stage == 2


# --- the pages ----------------------------------------------------------------------------------


def test_the_export_link_downloads_the_list_with_its_filters(client, cast):
    client.force_login(cast.users["secretariat_kz"])
    response = client.get("/decisions/export/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert [v["control_number"] for _n, v in read_table(response.content, "csv").rows] == [
        "IGC21-01.02", "IGC21-2", "IGC21-3"
    ]
    response = client.get("/decisions/export/", {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(read_table(response.content, "xlsx").rows) == 3


def test_the_import_page_previews_then_applies(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.users["secretariat_kz"])
    edited = edit_csv(export_bytes(cast.users["secretariat_kz"], "csv"),
                      {("IGC21-2", "title_en"): "Renamed on the page"})
    page = client.post("/decisions/import/",
                       {"file": SimpleUploadedFile("edited.csv", edited, "text/csv")})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Renamed on the page" in text and 'name="apply"' in text
    assert Decision.objects.get(control_number="IGC21-2").title_en == "Decision IGC21-2"
    token = page.context["pending"]["token"]
    done = client.post("/decisions/import/", {"apply": "1", "token": token})
    assert done.status_code == 302
    assert Decision.objects.get(control_number="IGC21-2").title_en == "Renamed on the page"
    entry = ChangeLogEntry.objects.order_by("-seq").first()
    assert (entry.channel, entry.reason) == ("import", "Import of edited.csv")


def test_the_import_page_shows_errors_and_offers_no_apply(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.users["officer_kz_lead"])
    edited = edit_csv(export_bytes(cast.users["officer_kz_lead"], "csv"),
                      {("IGC21-01.02", "uz_status"): "in_progress"})
    page = client.post("/decisions/import/",
                       {"file": SimpleUploadedFile("edited.csv", edited, "text/csv")})
    text = page.content.decode()
    assert "row 2, column uz_status" in text and 'name="apply"' not in text


def test_the_import_page_refuses_viewers_and_wrong_files(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.users["viewer"])
    assert client.get("/decisions/import/").status_code == 403
    client.force_login(cast.users["secretariat_kz"])
    page = client.post("/decisions/import/",
                       {"file": SimpleUploadedFile("notes.txt", b"hello", "text/plain")})
    assert "Give an .xlsx or .csv file." in page.content.decode()
    page = client.post("/decisions/import/",
                       {"file": SimpleUploadedFile("broken.xlsx", b"not a zip", "text/plain")})
    assert "not a readable XLSX" in page.content.decode()
