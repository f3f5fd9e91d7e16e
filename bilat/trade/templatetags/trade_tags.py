"""Formatting of trade figures: US$ with the scale written out, and percentages."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def usd(value: float | None) -> str:
    """US$ in billions (2 decimals) or millions (1 decimal), or a dash."""
    if value is None or value == "":
        return "—"
    value = float(value)
    if abs(value) >= 1e9:
        return f"{number_format(value / 1e9, 2)} bn"
    return f"{number_format(value / 1e6, 1)} M"


@register.filter
def pct(value: float | None, digits: int = 1) -> str:
    """A percentage with its sign, or a dash."""
    if value is None or value == "":
        return "—"
    return f"{float(value):+.{int(digits)}f} %"


@register.filter
def num(value: float | None, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return number_format(float(value), int(digits))


@register.filter
def get(mapping: dict, key: str):
    return mapping.get(key) if mapping else None
