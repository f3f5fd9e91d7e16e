"""Reading a file as a table, within limits checked while it streams (memory stays bounded)."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .columns import FORMULA_START
from .errors import CellError, SheetError

FORMATS = ("xlsx", "csv")
# Limits of a file, checked while it is read so that memory stays bounded whatever its size.
MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 10 * MAX_BYTES  # an XLSX file's XML, once unzipped


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
        for index, (name, value) in enumerate(zip(header, values, strict=True), start=1):
            if isinstance(value, str) and "\x00" in value:  # PostgreSQL keeps no NUL in text
                # A column whose header is blank is named by its place in the row.
                errors.append(CellError(number, name or _("column %(n)s") % {"n": index}, _(
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
        if cell.startswith("'") and cell[1:].startswith(FORMULA_START + ("'",)):
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
