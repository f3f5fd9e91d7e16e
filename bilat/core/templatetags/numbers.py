"""Numbers in templates, in the reader's language, through the one formatting module."""

from django import template
from django.utils.translation import get_language

from bilat.briefings.formatting import number as number_in
from bilat.briefings.formatting import ordinal as ordinal_in

register = template.Library()


@register.filter
def ordinal(value) -> str:
    """21 → "21st" in English; the bare number in Russian, whose sentence carries the ending."""
    try:
        return ordinal_in(int(value), get_language() or "en")
    except (TypeError, ValueError):
        return ""


def _decimal(value):
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def grouped(value, places="0") -> str:
    """A number with the reader's grouping and decimal separators, rounded half-up:
    2705 → "2,705" in English, "2 705" in Russian; ``places`` "auto" keeps the digits the value
    has (a capacity of 0.5 stays 0.5, 500000.00 becomes 500,000)."""
    number = _decimal(value)
    if number is None:
        return "—"
    if places == "auto":
        places = max(0, -number.normalize().as_tuple().exponent)
    return number_in(number, get_language() or "en", int(places))


@register.filter
def millions(value, places: int = 0) -> str:
    """A US$ amount shown in millions, rounded half-up (54,200,000.00 → "54" or "54.2")."""
    number = _decimal(value)
    if number is None:
        return "—"
    return number_in(number / 1_000_000, get_language() or "en", int(places))
