"""Numbers in templates, in the reader's language, through the one formatting module."""

from django import template
from django.utils.translation import get_language

from bilat.briefings.formatting import ordinal as ordinal_in

register = template.Library()


@register.filter
def ordinal(value) -> str:
    """21 → "21st" in English; the bare number in Russian, whose sentence carries the ending."""
    try:
        return ordinal_in(int(value), get_language() or "en")
    except (TypeError, ValueError):
        return ""
