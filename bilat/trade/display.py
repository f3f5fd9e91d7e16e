"""Trade figures as people read them: one unit per table column, rounded half-up per language.

Every number on the trade pages goes through here and ``bilat.briefings.formatting`` (Babel,
half-up): a US$ amount is shown in a unit (US$ bn to 2 decimals, US$ M to 1 decimal) that a
table chooses once per column, from the largest figure of the column, so that a column never
mixes "bn" and "M"; a percentage and a sign are written the language's way ("−12,0 %" beside
"4,40" on the Russian page). Each shown figure is wrapped in ``<data value="…" data-unit="…">``
with the stored value, so a test (and a reader's tool) can compare what is shown with what is
held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from bilat.briefings import formatting

DASH = "—"


@dataclass(frozen=True)
class Unit:
    """A scale of US$ amounts and the decimals it is shown with."""

    code: str
    factor: float
    places: int
    labels: dict[str, str]  # by language; English for any other

    def label(self, lang: str | None = None) -> str:
        return self.labels.get(_lang(lang), self.labels["en"])


BILLION = Unit("bn", 1e9, 2, {"en": "US$ bn", "ru": "млрд долл. США",
                              "kk": "млрд АҚШ доллары", "uz": "mlrd AQSh dollari"})
MILLION = Unit("M", 1e6, 1, {"en": "US$ M", "ru": "млн долл. США",
                             "kk": "млн АҚШ доллары", "uz": "mln AQSh dollari"})
UNITS = {u.code: u for u in (BILLION, MILLION)}


def _lang(lang: str | None = None) -> str:
    code = (lang or get_language() or "en")[:2].lower()
    return code if code in formatting.LOCALES else "en"


def _finite(value: object) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if number == number and abs(number) != float("inf") else None


def unit_for(values: Iterable[object]) -> Unit:
    """The unit of a table column: US$ bn when its largest figure reaches a billion, else M."""
    largest = max((abs(v) for v in map(_finite, values) if v is not None), default=0.0)
    return BILLION if largest >= 1e9 else MILLION


def _signed(text: str, rounded: Decimal, signed: bool) -> str:
    if rounded < 0:
        return formatting.MINUS + text
    return ("+" + text) if signed and rounded > 0 else text


def number_text(value: float, places: int, lang: str | None = None, *,
                signed: bool = False) -> str:
    """A number rounded half-up to ``places``, grouped the language's way, true minus sign."""
    rounded = _round(value, places)
    return _signed(formatting.number(abs(rounded), _lang(lang), places), rounded, signed)


def _round(value: float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _data(value: float, unit: str, shown: str) -> SafeString:
    return format_html('<data value="{}" data-unit="{}">{}</data>', repr(value), unit, shown)


def amount(value: object, unit: Unit | str | None = None, lang: str | None = None) -> SafeString:
    """A US$ amount in a column's unit, without the unit (the column heading names it)."""
    number = _finite(value)
    if number is None:
        return SafeString(DASH)
    scale = UNITS[unit] if isinstance(unit, str) else unit or unit_for([number])
    return _data(number, scale.code, number_text(number / scale.factor, scale.places, lang))


def usd(value: object, lang: str | None = None) -> SafeString:
    """A US$ amount on its own (in a sentence): its own unit, written after it."""
    number = _finite(value)
    if number is None:
        return SafeString(DASH)
    scale = unit_for([number])
    shown = number_text(number / scale.factor, scale.places, lang)
    return format_html("{} {}", _data(number, scale.code, shown), scale.label(lang))


def percent(value: object, places: int = 1, lang: str | None = None, *,
            signed: bool = True) -> SafeString:
    """A percentage, "+29.5 %" / "−12,0 %", or a dash."""
    number = _finite(value)
    if number is None:
        return SafeString(DASH)
    shown = number_text(number, places, lang, signed=signed) + "\u00a0%"
    return _data(number, "%", shown)


def plain(value: object, places: int = 2, lang: str | None = None) -> SafeString:
    """An index or ratio (RCA, HHI, Grubel–Lloyd) to ``places`` decimals, or a dash."""
    number = _finite(value)
    if number is None:
        return SafeString(DASH)
    return _data(number, "1", number_text(number, places, lang))


def plain_text(value: float | None, places: int, lang: str = "en", *,
               signed: bool = False) -> str:
    """The same rounding as text, for the CLI and text fields."""
    number = _finite(value)
    return DASH if number is None else number_text(number, places, lang, signed=signed)


# --- codes shown as words ----------------------------------------------------------------
# The trade pages key everything by codes (a basis, a measure, a pace status, whose report a
# flow is read from); these are the words a reader sees for them, in the reader's language.


def basis_label(code: str) -> str:
    """A basis as the reader reads it: the statistics' code (KZ, BACI) as it is, but
    "national" (each office's own statistics) and "meeting" (a release's figure) in words."""
    return {"national": gettext("each office's own"),
            "meeting": gettext("the meeting's figure")}.get(code, code)


def measure_labels() -> dict[str, str]:
    """Turnover, exports and imports by measure code."""
    return {"turnover": gettext("Turnover"), "exports": gettext("Exports"),
            "imports": gettext("Imports")}


def status_label(status: str) -> str:
    """A pace status (``pace.Status``: "off track") in the reader's language."""
    return {"on track": gettext("on track"), "at risk": gettext("at risk"),
            "off track": gettext("off track"), "reached": gettext("reached"),
            "unknown": gettext("unknown")}.get(status, status)


def report_label(reporter: str | None, side: str | None) -> str:
    """Whose report a flow is read from: "KZ (exporter's report)", in the reader's language."""
    if not reporter:
        return gettext("no report")
    if side == "importer":
        return gettext("%(reporter)s (importer's report)") % {"reporter": reporter}
    return gettext("%(reporter)s (exporter's report)") % {"reporter": reporter}
