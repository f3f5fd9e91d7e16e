"""Readings as the doors receive them (JSON, CSV, XLSX, an MQTT message) turned into rows.

Two layouts are read: long (a ``series`` column, a ``time`` column and a ``value`` column) and
wide, as hydromet services export loggers (a ``time`` column, then one column per series code).
A row keeps its number in the source (the line of a CSV, the row of a sheet, the index in a
JSON list) so a rejected one can be named.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import NamedTuple

SERIES_NAMES = ("series", "series_code", "code")
TIME_NAMES = ("time", "timestamp", "datetime", "date_time", "at")
VALUE_NAMES = ("value", "val", "result")


class ParseError(ValueError):
    """Input that cannot be read at all (not one bad row: a bad file or body)."""


class Row(NamedTuple):
    """One reading as received: where it came from, and its raw fields.

    A tuple, not a class instance: a batch holds thousands, alive through the whole batch, and
    the garbage collector stops following a tuple of plain values after its first pass over it
    (instances it follows for good, which made a full collection, ~100 ms, every other batch
    of 5,000)."""

    row: int
    series: str
    time: object
    value: object


def _pick(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [str(h or "").strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def rows_from_table(table: list[list], *, first_row: int = 1) -> list[Row]:
    """Rows from a table whose first row is its header (long or wide layout)."""
    if not table:
        return []
    header, body = table[0], table[1:]
    t = _pick(header, TIME_NAMES)
    if t is None:
        raise ParseError("no time column (time, timestamp or datetime)")
    s, v = _pick(header, SERIES_NAMES), _pick(header, VALUE_NAMES)
    rows: list[Row] = []
    for i, record in enumerate(body, start=first_row + 1):
        if not any(str(c).strip() for c in record if c is not None):
            continue
        cells = list(record) + [None] * (len(header) - len(record))
        if s is not None and v is not None:
            rows.append(Row(i, str(cells[s] or "").strip(), cells[t], cells[v]))
            continue
        for j, name in enumerate(header):
            if j != t and str(name or "").strip() and cells[j] not in (None, ""):
                rows.append(Row(i, str(name).strip(), cells[t], cells[j]))
    return rows


def rows_from_csv(text: str) -> list[Row]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return rows_from_table(list(csv.reader(io.StringIO(text, newline=""), dialect)))
    except csv.Error as exc:
        raise ParseError(f"not a readable CSV table: {exc}") from exc


def rows_from_xlsx(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ParseError(f"not a readable XLSX workbook: {exc}") from exc
    sheet = book.worksheets[0]
    return rows_from_table([list(r) for r in sheet.iter_rows(values_only=True)])


def rows_from_json(payload, *, series: str = "") -> list[Row]:
    """Rows from a JSON list of readings ({"series", "time", "value"}); ``series`` is the
    default series (an MQTT topic's)."""
    if isinstance(payload, dict):
        payload = payload.get("readings", [payload] if "value" in payload else None)
    if not isinstance(payload, list):
        raise ParseError("readings must be a list of objects with series, time and value")
    rows = []
    for i, item in enumerate(payload, start=1):
        if not isinstance(item, dict):
            rows.append(Row(i, "", None, None))
            continue
        rows.append(Row(i, str(item.get("series") or series), item.get("time", item.get("t")),
                        item.get("value", item.get("v"))))
    return rows


def rows_from_file(path: Path) -> list[Row]:
    data = path.read_bytes()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return rows_from_xlsx(data)
    if path.suffix.lower() == ".json":
        try:
            return rows_from_json(json.loads(data))
        except json.JSONDecodeError as exc:
            raise ParseError(f"not JSON: {exc}") from exc
    try:
        return rows_from_csv(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ParseError("a CSV file must be UTF-8") from exc
