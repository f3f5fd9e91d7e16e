"""Trade figures on pages: rounded half-up per language, one unit per table column.

The arithmetic of the display is ``bilat.trade.display`` (on ``bilat.briefings.formatting``);
these filters only call it with the page's language.
"""

import datetime

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from bilat.core.citations import month_span
from bilat.trade import display, products

register = template.Library()


@register.filter
def usd(value: float | None) -> SafeString:
    """A US$ amount in a sentence, with its own unit ("4.40 US$ bn"), or a dash."""
    return display.usd(value)


@register.filter
def amount(value: float | None, unit: display.Unit | str | None = None) -> SafeString:
    """A US$ amount in a table column's unit (the heading names it), or a dash."""
    return display.amount(value, unit)


@register.filter
def unit_label(unit: display.Unit | None) -> str:
    """The heading of a column of amounts: "US$ bn" / "млрд долл. США"."""
    return unit.label() if unit else ""


@register.filter
def pct(value: float | None, digits: int = 1) -> SafeString:
    """A change in percent with its sign ("+29.5 %", "−12,0 %"), or a dash."""
    return display.percent(value, int(digits))


@register.filter
def share(value: float | None, digits: int = 1) -> SafeString:
    """A share in percent, without a sign ("57.6 %"), or a dash."""
    return display.percent(value, int(digits), signed=False)


@register.filter
def num(value: float | None, digits: int = 2) -> SafeString:
    """An index or ratio to ``digits`` decimals, or a dash."""
    return display.plain(value, int(digits))


@register.filter
def get(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def chapter_title(code: str) -> str:
    """The title of an HS code's chapter in the reader's language (English or Russian)."""
    return products.chapter_titles(get_language() or "en").get(str(code)[:2], "")


@register.filter
def ytd_months(ytd, previous: bool = False) -> str:
    """The months a year-to-date comparison covers, in the reader's language ("янв. — апр.
    2024 г."); of the year before with ``previous``: ``{{ ind.ytd|ytd_months:True }}``."""
    year = ytd.year - 1 if previous else ytd.year
    return month_span(datetime.date(year, 1, 1), datetime.date(year, ytd.months, 1))
