"""The import planner: read every row against the registry, then write it whole or not at all.

Each row's cells are parsed by their column's kind and compared with the record; the changes
run through the app's services *inside a transaction*: in a dry run, or when any row has an
error, the transaction is rolled back. Because the services run even in a dry run, every rule
and permission they enforce shows up in the preview, named by row and column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..context import write_context
from ..services import StaleVersionError
from .columns import CODE_SEPARATOR
from .errors import CellError, RowRejected, row_errors
from .readers import Table
from .registry import Sheet

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
                    for name, message in row_errors(exc, default=""):
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
