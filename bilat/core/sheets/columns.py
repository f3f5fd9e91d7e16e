"""The columns of a sheet: how each kind of cell is written, read back and compared."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

TEXT, INT, DECIMAL, DATE, CHOICE, BOOL, CODES = (
    "text", "int", "decimal", "date", "choice", "bool", "codes"
)
# Decimal arithmetic keeps 28 digits; a decimal column keeps at most that many (fewer when its
# model field says so), which keeps rounding a cell to the column's places exact.
MAX_DIGITS = 28
_INT_RANGE = BaseDatabaseOperations.integer_field_ranges["BigIntegerField"]
CODE_SEPARATOR = ";"
# Cells a spreadsheet program would run as a formula are written with a leading apostrophe in
# CSV (and read back without it); XLSX cells are typed as text, which is enough there.
FORMULA_START = ("=", "+", "-", "@")


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
