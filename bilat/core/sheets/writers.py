"""Writing a sheet: one header row of stable column names, then one row per record.

Values are written so that they read back the same: dates as dates, decimals as numbers, codes
as text, empty cells as empty.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from .columns import DATE, DECIMAL, FORMULA_START, INT, TEXT, Column
from .errors import SheetError
from .registry import Sheet

_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def export_rows(sheet: Sheet, objects: Iterable[Any]) -> tuple[list[Column], list[list[Any]]]:
    """The sheet's columns and the cell values of every record."""
    columns = sheet.columns()
    return columns, [[c.export_value(obj) for c in columns] for obj in objects]


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if column.kind == TEXT and text.startswith(FORMULA_START + ("'",)):
        text = "'" + text
    return text


def write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Any]], stream: io.TextIOBase) -> None:
    """CSV in UTF-8 with a byte-order mark (so spreadsheet programs read Cyrillic right)."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(c, v) for c, v in zip(columns, row, strict=True)])


def write_xlsx(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], stream, *, title: str = "data",
    notes: Sequence[tuple[str, str]] = (),
) -> None:
    """One worksheet of data with typed cells, and a second one describing the columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    data = book.active
    data.title = title[:31] or "data"
    data.append([c.name for c in columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "B2"
    for row_number, row in enumerate(rows, start=2):
        for col_number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            if value is None:
                continue
            cell = data.cell(row=row_number, column=col_number)
            if column.kind == DATE:
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif column.kind in (INT, DECIMAL):
                cell.value = value
                if column.kind == DECIMAL:
                    cell.number_format = "0." + "0" * column.decimal_places
            else:
                cell.value = _ILLEGAL_XLSX.sub("", str(value))
                cell.data_type = "s"  # never a formula, and codes keep their leading zeros
    for col_number, column in enumerate(columns, start=1):
        letter = data.cell(row=1, column=col_number).column_letter
        data.column_dimensions[letter].width = max(10, min(40, len(column.name) + 4))
    about = book.create_sheet("columns")
    about.append([_("column"), _("kind"), _("on import"), _("meaning")])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for column in columns:
        on_import = (
            _("applied") if column.writable else _("ignored") if column.derived else _("read-only")
        )
        kind = column.kind + (": " + ", ".join(map(str, column.choices)) if column.choices else "")
        about.append([column.name, kind, on_import, str(column.label)])
    for key, value in notes:
        about.append([])
        about.append([key, value])
    book.save(stream)


def write_table(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], fmt: str, stream, *,
    title: str = "data", notes: Sequence[tuple[str, str]] = (),
) -> None:
    """Write rows as ``fmt``: xlsx to a binary stream, csv to a text stream."""
    if fmt == "csv":
        write_csv(columns, rows, stream)
    elif fmt == "xlsx":
        write_xlsx(columns, rows, stream, title=title, notes=notes)
    else:
        raise SheetError(_("Unknown format “%(fmt)s”: use xlsx or csv.") % {"fmt": fmt})


def table_bytes(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], fmt: str, *,
    title: str = "data", notes: Sequence[tuple[str, str]] = (),
) -> bytes:
    """The file of these rows, as bytes (CSV in UTF-8)."""
    if fmt == "csv":
        text = io.StringIO()
        write_table(columns, rows, fmt, text, title=title, notes=notes)
        return text.getvalue().encode("utf-8")
    data = io.BytesIO()
    write_table(columns, rows, fmt, data, title=title, notes=notes)
    return data.getvalue()


def export_sheet(sheet: Sheet, objects: Iterable[Any], fmt: str, stream) -> None:
    """Write ``objects`` as ``fmt`` (xlsx to a binary stream, csv to a text stream)."""
    columns, rows = export_rows(sheet, objects)
    write_table(columns, rows, fmt, stream, title=sheet.name)
