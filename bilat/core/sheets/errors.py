"""What goes wrong with a spreadsheet: a file that cannot be read, a cell, a refused row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


