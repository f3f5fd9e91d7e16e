"""What goes wrong with a spreadsheet: a file that cannot be read, a cell, a refused row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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


def row_errors(
    exc: Exception, *, default: str, columns: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(column, message) pairs for a row a service refused.

    A field's messages go under its column (``columns`` maps field names to columns; without
    it, under the field's own name), every other message under ``default``.
    """
    if isinstance(exc, RowRejected):
        return list(exc.errors)
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [
            (field if columns is None else columns.get(field, default), message)
            for field, messages in exc.message_dict.items() for message in messages
        ]
    if isinstance(exc, ValidationError):
        return [(default, message) for message in exc.messages]
    return [(default, str(exc) or exc.__class__.__name__)]
