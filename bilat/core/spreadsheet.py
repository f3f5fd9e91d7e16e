"""The spreadsheet round trip: export registry records to XLSX/CSV and import edited files back.

Each app describes its records as a ``Sheet`` (columns, key, how to find, change and create
records through its services) in ``<app>/spreadsheet.py`` and registers it with ``register``;
the sheets are discovered like admin modules. The engine here is generic:

- **export** writes one header row of stable column names, then one row per record;
- **import** reads a file, parses every cell by its column's kind, compares it with the record,
  and runs the changes through the app's services *inside a transaction*: in a dry run, or when
  any row has an error, the transaction is rolled back, so a file is applied whole or not at all.
  Because the services run even in a dry run, every rule and permission they enforce shows up in
  the preview, named by row and column.

A file exported and re-imported unchanged gives no change: values are written so that they read
back the same (dates as dates, decimals as numbers, codes as text, empty cells as empty).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .context import write_context
from .services import StaleVersionError

TEXT, INT, DECIMAL, DATE, CHOICE, BOOL, CODES = (
    "text", "int", "decimal", "date", "choice", "bool", "codes"
)
FORMATS = ("xlsx", "csv")
# Limits of a file, checked while it is read so that memory stays bounded whatever its size.
MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 10 * MAX_BYTES  # an XLSX file's XML, once unzipped
# Decimal arithmetic keeps 28 digits; a decimal column keeps at most that many (fewer when its
# model field says so), which keeps rounding a cell to the column's places exact.
MAX_DIGITS = 28
_INT_RANGE = BaseDatabaseOperations.integer_field_ranges["BigIntegerField"]
CODE_SEPARATOR = ";"
# Cells a spreadsheet program would run as a formula are written with a leading apostrophe in
# CSV (and read back without it); XLSX cells are typed as text, which is enough there.
_FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


class SheetError(Exception):
    """A file that cannot be read at all (wrong format, no header, too many rows)."""


@dataclass(frozen=True)
class CellError:
    """One problem in an imported file, at a row (1 = the header) and a column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row, "column": self.column or "—", "message": self.message,
        }


class RowRejected(Exception):
    """Raised by a sheet's apply/create with the cell errors of one row."""

    def __init__(self, errors: Sequence[tuple[str, str]]):
        self.errors = list(errors)  # (column, message)
        super().__init__("; ".join(f"{c}: {m}" for c, m in self.errors))


@dataclass
class Column:
    """One column of a sheet: its stable name, kind, how to read it, whether import may set it.

    ``writable`` columns are applied on import; ``derived`` ones (computed, like "overdue") are
    exported for reading only and ignored on import; any other column is read-only: a changed
    value is an error that says how to change it instead (``read_only_reason``).
    """

    name: str
    get: Callable[[Any], Any]
    kind: str = TEXT
    label: str = ""
    choices: Sequence[Any] = ()
    writable: bool = False
    derived: bool = False
    read_only_reason: str = ""
    decimal_places: int = 2
    # Whether an empty cell may clear the value ("no date", "no number"); a choice needs one.
    nullable: bool | None = None
    # The range of a number column: digits of a decimal, bounds of either (see field_range).
    max_digits: int = MAX_DIGITS
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None

    def __post_init__(self):
        if self.nullable is None:
            self.nullable = self.kind != CHOICE

    # -- writing -------------------------------------------------------------------------------

    def export_value(self, obj) -> Any:
        """The value written to a cell (None for an empty cell)."""
        value = self.get(obj)
        if value is None or value == "":
            return None
        if self.kind == CODES:
            return CODE_SEPARATOR.join(sorted(str(v) for v in value)) or None
        if self.kind == BOOL:
            return "yes" if value else "no"
        if self.kind == CHOICE:
            return str(value)
        if self.kind == DECIMAL:
            return Decimal(value)
        if self.kind == INT:
            return int(value)
        return value

    # -- reading -------------------------------------------------------------------------------

    def parse(self, raw: Any) -> Any:
        """The Python value of a cell; ValueError with a message for the user if it is wrong."""
        if isinstance(raw, str) and self.kind != TEXT:
            raw = raw.strip()
        if raw is None or raw == "":
            return _EMPTY.get(self.kind)
        parse = getattr(self, f"_parse_{self.kind}")
        return parse(raw)

    def normalise(self, value: Any) -> Any:
        """The record's current value in the form ``parse`` returns, for comparison."""
        if value is None or value == "":
            return _EMPTY.get(self.kind)
        if self.kind == CODES:
            return tuple(sorted({str(v) for v in value}))
        if self.kind == CHOICE:
            return next((c for c in self.choices if str(c) == str(value)), value)
        if self.kind == DECIMAL:
            return Decimal(value).quantize(Decimal(1).scaleb(-self.decimal_places))
        if self.kind == DATE and isinstance(value, datetime.datetime):
            return value.date()
        return value

    def _parse_text(self, raw: Any) -> str:
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        if isinstance(raw, datetime.datetime | datetime.date):
            return raw.isoformat()
        return str(raw)

    def _parse_int(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise ValueError(_("expected a whole number"))
        if isinstance(raw, int):
            return self._in_range(raw)
        if isinstance(raw, float) and raw.is_integer():
            return self._in_range(int(raw))
        text = str(raw).replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"[+-]?\d+", text):
            # Python refuses to read over 4,300 digits; 40 are already beyond any column.
            sign = -1 if text.startswith("-") else 1
            return self._in_range(int(text) if len(text) <= 40 else sign * 10**40)
        raise ValueError(_("expected a whole number, found “%(value)s”") % {"value": raw})

    def _in_range(self, value):
        low, high = self.min_value, self.max_value
        if self.kind == INT:  # no database keeps a whole number beyond a 64-bit integer
            low = _INT_RANGE[0] if low is None else low
            high = _INT_RANGE[1] if high is None else high
        if low is not None and value < low:
            raise ValueError(_("must be at least %(min)s") % {"min": low})
        if high is not None and value > high:
            raise ValueError(_("must be at most %(max)s") % {"max": high})
        return value

    def _parse_decimal(self, raw: Any) -> Decimal:
        if isinstance(raw, bool):
            raise ValueError(_("expected a number"))
        text = repr(raw) if isinstance(raw, float) else str(raw)
        text = text.replace(" ", "").replace("\u00a0", "")
        if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")  # a decimal comma, as Russian-locale programs write
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("expected a number, found “%(value)s”") % {"value": raw}) from None
        if not value.is_finite():
            raise ValueError(_("expected a number, found “%(value)s”") % {"value": raw})
        whole_digits = self.max_digits - self.decimal_places
        if value and value.adjusted() >= whole_digits:
            raise ValueError(
                _("at most %(digits)s digits before the decimal point") % {"digits": whole_digits}
            )
        quantum = Decimal(1).scaleb(-self.decimal_places)
        if value != value.quantize(quantum):
            raise ValueError(
                _("at most %(places)s decimal places are kept") % {"places": self.decimal_places}
            )
        return self._in_range(value.quantize(quantum))

    def _parse_date(self, raw: Any) -> datetime.date:
        if isinstance(raw, datetime.datetime):
            if raw.time() != datetime.time(0):
                raise ValueError(_("expected a date without a time"))
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw)
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("expected a date as YYYY-MM-DD or DD.MM.YYYY, found “%(value)s”") % {"value": raw}
        )

    def _parse_choice(self, raw: Any) -> Any:
        """The matching choice, in its own type (a string, or a number for numbered codes)."""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw).strip()
        for choice in self.choices:
            if str(choice) == text:
                return choice
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s")
            % {"value": raw, "allowed": ", ".join(str(c) for c in self.choices)}
        )

    def _parse_bool(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"yes", "true", "1", "да"}:
            return True
        if text in {"no", "false", "0", "нет"}:
            return False
        raise ValueError(_("expected yes or no, found “%(value)s”") % {"value": raw})

    def _parse_codes(self, raw: Any) -> tuple[str, ...]:
        parts = re.split(r"[;,]", str(raw))
        return tuple(sorted({p.strip() for p in parts if p.strip()}))


_EMPTY: dict[str, Any] = {TEXT: "", CODES: (), BOOL: None}


def field_range(field: models.Field) -> dict[str, Any]:
    """Column options that keep a number within a model field, on every supported database.

    The digits and places of a DecimalField, and the bounds of its validators and of its
    integer type in standard SQL (SQLite would take more; the file must load on PostgreSQL too).
    """
    options: dict[str, Any] = {}
    if isinstance(field, models.DecimalField):
        options.update(max_digits=field.max_digits, decimal_places=field.decimal_places)
    low, high = BaseDatabaseOperations.integer_field_ranges.get(
        field.get_internal_type(), (None, None)
    )
    for validator in field.validators:
        limit = getattr(validator, "limit_value", None)
        if limit is None or callable(limit):
            continue
        if isinstance(validator, MinValueValidator):
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            high = limit if high is None else min(high, limit)
    options.update(min_value=low, max_value=high)
    return options


class Sheet:
    """How one kind of record travels through a spreadsheet; subclassed by each app.

    Subclasses set ``name``, ``key`` and implement ``columns``, ``queryset``, ``find``,
    ``apply`` and (to allow new rows) ``create``.
    """

    name: str = ""
    key: str = ""
    title: str = ""
    version_column: str = "version"
    filterset_class = None  # the list page's FilterSet, for exports of a filtered list

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def base_queryset(self, user):
        """Every record ``user`` may see, with what the columns read."""
        raise NotImplementedError

    def queryset(self, user, filters=None):
        """The records ``user`` may see, filtered like the list page, ready for export.

        A filter that is unknown or has a bad value is a SheetError naming it: an export that
        ignored it would hold more records than asked for.
        """
        queryset = self.base_queryset(user)
        if filters:
            known = self.filterset_class.base_filters if self.filterset_class else {}
            unknown = sorted(set(filters) - set(known))
            if unknown:
                raise SheetError(_("Unknown filter %(names)s (known: %(known)s).") % {
                    "names": ", ".join(unknown), "known": ", ".join(known) or "—"})
            # The filters offer what the user may see (a meeting), as on the list page.
            filterset = self.filterset_class(filters, queryset=queryset,
                                             request=SimpleNamespace(user=user))
            if not filterset.is_valid():
                raise SheetError("; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()
                ))
            queryset = filterset.qs
        return queryset.order_by(self.key)

    def find(self, user, keys: Iterable[str]) -> dict[str, Any]:
        """The records with these keys that ``user`` may see, by key."""
        raise NotImplementedError

    def can_import(self, user) -> bool:
        raise NotImplementedError

    def can_create(self, user) -> bool:
        return False

    def apply(self, obj, changes: dict[str, Any], *, actor, reason: str) -> None:
        """Write ``{column: new value}`` to ``obj`` through the app's services.

        Raise RowRejected naming the columns whose change was refused.
        """
        raise NotImplementedError

    def create(self, values: dict[str, Any], *, actor, reason: str) -> Any:
        """Create a record from a new row's values through the app's services."""
        raise RowRejected([(self.key, _("New records cannot be created by import."))])

    def column_map(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns()}


_registry: dict[str, Sheet] = {}
_discovered = False


def register(sheet: Sheet) -> Sheet:
    """Make a sheet available to ``bilat export/import`` and the pages, under its name."""
    _registry[sheet.name] = sheet
    return sheet


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("spreadsheet")
        _discovered = True


def get_sheet(name: str) -> Sheet:
    """The registered sheet called ``name`` (loading every app's spreadsheet module once)."""
    _discover()
    try:
        return _registry[name]
    except KeyError:
        raise SheetError(
            _("There is no sheet called “%(name)s” (known: %(known)s).")
            % {"name": name, "known": ", ".join(sorted(_registry)) or "—"}
        ) from None


def sheet_names() -> list[str]:
    """The names of all registered sheets."""
    _discover()
    return sorted(_registry)


# --- export --------------------------------------------------------------------------------------


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
    if column.kind == TEXT and text.startswith(_FORMULA_START + ("'",)):
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


def export_sheet(sheet: Sheet, objects: Iterable[Any], fmt: str, stream) -> None:
    """Write ``objects`` as ``fmt`` (xlsx to a binary stream, csv to a text stream)."""
    columns, rows = export_rows(sheet, objects)
    if fmt == "csv":
        write_csv(columns, rows, stream)
    elif fmt == "xlsx":
        write_xlsx(columns, rows, stream, title=sheet.name)
    else:
        raise SheetError(_("Unknown format “%(fmt)s”: use xlsx or csv.") % {"fmt": fmt})


# --- reading files -------------------------------------------------------------------------------


@dataclass
class Table:
    """The header and the data rows of a file, each row with its number in the file."""

    header: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[CellError] = field(default_factory=list)  # cells with no value to read


def format_of(filename: str, fmt: str | None = None) -> str:
    """The format named, or the one the file name's extension says."""
    if not fmt:
        fmt = filename.rsplit(".", 1)[-1] if "." in filename else ""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise SheetError(_("Give an .xlsx or .csv file."))
    return fmt


def _table(header_cells: Sequence[Any], body: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    header = [("" if h is None else str(h)).strip() for h in header_cells]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise SheetError(_("The first row must name the columns."))
    rows, errors = [], []
    for number, cells in body:
        values = list(cells)[: len(header)]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue  # blank lines are not rows
        values += [None] * (len(header) - len(values))
        rows.append((number, dict(zip(header, values, strict=True))))
        if len(rows) > MAX_ROWS:
            raise SheetError(_("A file may have at most %(max)s rows.") % {"max": MAX_ROWS})
        for name, value in zip(header, values, strict=True):
            if isinstance(value, str) and "\x00" in value:  # PostgreSQL keeps no NUL in text
                errors.append(CellError(number, name, _(
                    "the cell holds a NUL character, which the registry cannot keep")))
    return Table(header, rows, errors)


class _Limited(io.RawIOBase):
    """A binary stream that stops with SheetError once more than ``limit`` bytes came through."""

    def __init__(self, stream: BinaryIO, limit: int, message: str):
        self.stream, self.left, self.message = stream, limit, message

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.stream.read(len(buffer))
        self.left -= len(chunk)
        if self.left < 0:
            raise SheetError(self.message)
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _too_big() -> str:
    return _("A file may have at most %(size)s.") % {"size": filesizeformat(MAX_BYTES)}


def read_csv(stream: BinaryIO) -> Table:
    """The rows of a CSV file, read as a stream: the limits stop it before it is read whole."""
    text = io.TextIOWrapper(
        io.BufferedReader(_Limited(stream, MAX_BYTES, _too_big())), encoding="utf-8-sig",
        newline="",
    )

    def unescape(cell: str) -> str:
        if cell.startswith("'") and cell[1:].startswith(_FORMULA_START + ("'",)):
            return cell[1:]
        return cell

    try:
        first_line = text.readline()
        delimiter = max((",", ";", "\t"), key=first_line.count)
        reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            raise SheetError(_("The file is empty."))
        return _table(
            header, ((n, [unescape(c) for c in line]) for n, line in enumerate(reader, start=2))
        )
    except UnicodeDecodeError:
        raise SheetError(_("The CSV file is not in UTF-8.")) from None
    except csv.Error as exc:
        raise SheetError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None


def _xlsx_parser(book, sheet, source):
    """openpyxl's streaming parser of a worksheet, which also tells which cells hold a formula.

    openpyxl's public reader gives either the formulas or their cached values, and a read-only
    worksheet does not give its merged ranges; its parser, run here, gives both (the merged
    ranges once the rows are read), with memory bounded by a row.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            cell["formula"] = element.find(FORMULA_TAG) is not None
            return cell

    return Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                  date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)


def read_xlsx(stream: BinaryIO) -> Table:
    """The first worksheet, each cell by its value; a formula by its cached value.

    A cell whose value is not in the file (a formula never computed, an error such as #DIV/0!)
    and a merged range (whose value sits in its first cell only) are errors by row and column:
    read as empty, they would clear a field without a word.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter, range_boundaries

    if not stream.seekable():
        stream = io.BytesIO(_Limited(stream, MAX_BYTES, _too_big()).readall())
    if stream.seek(0, io.SEEK_END) > MAX_BYTES:
        raise SheetError(_too_big())
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise SheetError(_("The file is not a readable XLSX workbook.")) from None
    if unpacked > MAX_UNPACKED_BYTES:  # the sizes zipfile holds each member to while reading it
        book.close()
        raise SheetError(_("The workbook unpacks to more than %(size)s.")
                         % {"size": filesizeformat(MAX_UNPACKED_BYTES)})
    unreadable: list[tuple[int, int, str]] = []  # row, column number, message

    def rows(parser):
        for number, cells in parser.parse():
            values = {}
            for cell in cells:
                if cell["data_type"] == "e":
                    unreadable.append((number, cell["column"], _(
                        "the cell holds the error %(error)s") % {"error": cell["value"]}))
                elif cell["formula"] and cell["value"] is None:
                    unreadable.append((number, cell["column"], _(
                        "a formula without a computed value: open the file in a spreadsheet "
                        "program and save it, or type the value")))
                else:
                    values[cell["column"]] = cell["value"]
            yield number, [values.get(c) for c in range(1, max(values, default=0) + 1)]

    try:
        sheet = book.worksheets[0]
        with sheet._get_source() as source:
            parser = _xlsx_parser(book, sheet, source)
            body = rows(parser)
            try:
                _number, header = next(body)
            except StopIteration:
                raise SheetError(_("The file is empty.")) from None
            table = _table(header, body)
        merged = getattr(parser, "merged_cells", None)
        for ref in (m.coord for m in (merged.mergeCell if merged else ())):
            first_column, first_row, _last_column, _last_row = range_boundaries(ref)
            unreadable.append((first_row, first_column, _(
                "cells %(range)s are merged, and a merged range keeps its value in its first "
                "cell only: unmerge them and fill in each cell") % {"range": ref}))
    except SheetError:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook fails anywhere in its XML
        raise SheetError(_("The file is not a readable XLSX workbook.")) from None
    finally:
        book.close()
    for number, column, message in unreadable:
        if column <= len(table.header):  # columns beyond the header are not read
            name = table.header[column - 1] or get_column_letter(column)
            table.errors.append(CellError(number, name, message))
    return table


def read_table(source: bytes | BinaryIO, fmt: str) -> Table:
    """Read a file, given as its bytes or a binary stream, as a table (within the limits)."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    return read_xlsx(stream) if fmt == "xlsx" else read_csv(stream)


# --- import --------------------------------------------------------------------------------------

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowPlan:
    """What importing one row does: create, change some fields, nothing, or fail."""

    row: int
    key: str
    status: str = UNCHANGED
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # column: (old, new)
    errors: list[CellError] = field(default_factory=list)
    obj: Any = None


@dataclass
class ImportPlan:
    """The outcome of reading a file against the registry (and, when applied, of writing it)."""

    sheet: str
    rows: list[RowPlan] = field(default_factory=list)
    file_errors: list[CellError] = field(default_factory=list)
    applied: bool = False

    @property
    def errors(self) -> list[CellError]:
        found = list(self.file_errors)
        for row in self.rows:
            found.extend(row.errors)
        return sorted(found, key=lambda e: (e.row, e.column))

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def summary(self) -> str:
        return _(
            "%(new)s new, %(changed)s changed, %(unchanged)s unchanged, %(errors)s error(s)"
        ) % {
            "new": self.count(NEW), "changed": self.count(CHANGED),
            "unchanged": self.count(UNCHANGED), "errors": len(self.errors),
        }


class _Rollback(Exception):
    pass


def _messages(exc: Exception) -> list[tuple[str, str]]:
    """(field, message) pairs from a service's exception."""
    if isinstance(exc, RowRejected):
        return exc.errors
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [(f, m) for f, msgs in exc.message_dict.items() for m in msgs]
        return [("", m) for m in exc.messages]
    return [("", str(exc) or exc.__class__.__name__)]


def plan_import(sheet: Sheet, table: Table, *, user) -> ImportPlan:
    """Parse and compare every row; no writes. Errors are gathered, never raised one by one."""
    from openpyxl.utils import get_column_letter

    if not sheet.can_import(user):
        raise PermissionDenied(_("Your role does not allow importing %(sheet)s.") % {"sheet": sheet.name})
    plan = ImportPlan(sheet=sheet.name, file_errors=list(table.errors))
    columns = sheet.column_map()
    seen_headers: set[str] = set()
    for position, name in enumerate(table.header, start=1):
        if not name:
            plan.file_errors.append(
                CellError(1, get_column_letter(position), _("This column has no name."))
            )
            continue
        if name in seen_headers:
            plan.file_errors.append(CellError(1, name, _("This column appears twice.")))
        seen_headers.add(name)
        if name not in columns:
            plan.file_errors.append(CellError(1, name, _("Unknown column.")))
    if sheet.key not in table.header:
        plan.file_errors.append(CellError(1, sheet.key, _("The key column is missing.")))
    if plan.file_errors:
        return plan
    keys = [str(values.get(sheet.key) or "").strip() for _n, values in table.rows]
    records = sheet.find(user, [k for k in keys if k])
    seen_keys: dict[str, int] = {}
    for (number, values), key in zip(table.rows, keys, strict=True):
        row = RowPlan(row=number, key=key, obj=records.get(key))
        plan.rows.append(row)
        if not key:
            row.errors.append(CellError(number, sheet.key, _("The key is empty.")))
        elif key in seen_keys:
            row.errors.append(CellError(
                number, sheet.key,
                _("The same key is on row %(row)s.") % {"row": seen_keys[key]},
            ))
        seen_keys.setdefault(key, number)
        if row.obj is None and key and not sheet.can_create(user):
            row.errors.append(CellError(
                number, sheet.key, _("No record has the key “%(key)s”.") % {"key": key},
            ))
        for name, raw in values.items():
            column = columns[name]
            if name == sheet.key or column.derived:
                continue
            try:
                new = column.parse(raw)
            except ValueError as exc:
                row.errors.append(CellError(number, name, str(exc)))
                continue
            if row.obj is None:
                if new not in (None, "", ()):
                    row.changes[name] = (None, new)
                continue
            old = column.normalise(column.get(row.obj))
            if new == old or name == sheet.version_column:
                continue
            if not column.writable:
                row.errors.append(CellError(
                    number, name,
                    str(column.read_only_reason or _("This column cannot be changed by import.")),
                ))
                continue
            if new is None and not column.nullable:
                row.errors.append(CellError(number, name, _("This column needs a value.")))
                continue
            row.changes[name] = (old, new)
        if row.obj is not None and row.changes and sheet.version_column in values:
            expected = values[sheet.version_column]
            try:
                expected = columns[sheet.version_column].parse(expected)
            except ValueError:
                expected = None
            current = columns[sheet.version_column].get(row.obj)
            if expected is not None and expected != current:
                row.errors.append(CellError(
                    number, sheet.version_column,
                    _("The record changed since this file was exported (version %(old)s, now "
                      "%(new)s): export it again and redo this row.")
                    % {"old": expected, "new": current},
                ))
        if row.errors:
            row.status = ERROR
        elif row.obj is None:
            row.status = NEW
        elif row.changes:
            row.status = CHANGED
    return plan


def run_import(
    sheet: Sheet, table: Table, *, user, dry_run: bool, reason: str = ""
) -> ImportPlan:
    """Plan the import, then run its writes through the services in one transaction.

    The transaction is rolled back for a dry run or when any row fails, so the registry changes
    only when the whole file is good. Every write is logged with channel "import".
    """
    plan = plan_import(sheet, table, user=user)
    if plan.file_errors:
        return plan
    columns = sheet.column_map()
    reason = reason or _("Import of %(sheet)s") % {"sheet": sheet.name}
    try:
        with write_context(channel="import"), transaction.atomic():
            for row in plan.rows:
                if row.status not in (NEW, CHANGED):
                    continue
                new_values = {name: new for name, (_old, new) in row.changes.items()}
                try:
                    with transaction.atomic():
                        if row.status == NEW:
                            values = {sheet.key: row.key, **new_values}
                            row.obj = sheet.create(values, actor=user, reason=reason)
                        else:
                            sheet.apply(row.obj, new_values, actor=user, reason=reason)
                except (RowRejected, ValidationError, PermissionDenied, StaleVersionError,
                        IntegrityError) as exc:
                    if row.status == NEW:
                        row.errors.append(CellError(row.row, sheet.key, _(
                            "No record has the key “%(key)s”: the row was read as a new one."
                        ) % {"key": row.key}))
                    for name, message in _messages(exc):
                        if name not in columns:  # a message about the row, not one field
                            name = next(iter(row.changes), sheet.key)
                        row.errors.append(CellError(row.row, name, message))
                    row.status = ERROR
            if dry_run or not plan.ok:
                raise _Rollback
            plan.applied = True
    except _Rollback:
        pass
    return plan


def describe(value: Any) -> str:
    """A cell value as a person reads it in a preview."""
    if value is None or value == "" or value == ():
        return "∅"
    if isinstance(value, tuple):
        return CODE_SEPARATOR.join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
