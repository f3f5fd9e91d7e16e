"""Trade figures on pages: rounded half-up per language, one unit per table column.

The arithmetic of the display is ``bilat.trade.display`` (on ``bilat.briefings.formatting``);
these filters only call it with the page's language.
"""

import datetime

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from bilat.core.citations import month_span
from bilat.core.languages import language_names, reader_language
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


def marked(language: str, text: str, note: bool = True) -> SafeString:
    """A text as the reader sees it: in another language than the page's, marked with its
    language (``lang="ru"``) and followed by "(in Russian)" in the reader's language (unless
    ``note`` is false: a heading whose definition below carries the note)."""
    if not text:
        return SafeString("")
    if not language or language == reader_language():
        return conditional_escape(text)
    if not note:
        return format_html('<span lang="{}">{}</span>', language, text)
    return format_html('<span lang="{}">{}</span> <span class="lang-note">({})</span>',
                       language, text, language_names().get(language, language))


@register.filter
def flow(code: str) -> str:
    """A direction code "KZ->UZ" as a reader reads it: "KZ → UZ"."""
    return str(code).replace("->", " → ")


@register.filter
def shown(found: tuple[str, str]) -> SafeString:
    """A (language, text) pair (``Section.shown``) as the reader sees it: ``{{ pair|shown }}``."""
    return marked(*found) if found else SafeString("")


@register.filter
def chapter_title(code: str) -> SafeString:
    """The title of an HS code's chapter in the reader's language (Russian for readers of
    Kazakh and Uzbek, marked as Russian)."""
    return marked(*products.shown_in(products.chapter_texts(str(code)[:2]),
                                     get_language() or "en"))


@register.filter
def product_title(code: str, known: dict) -> SafeString:
    """What an HS code is called (its description, else its chapter's title) in the reader's
    language, marked where it falls back to another: ``{{ r.product|product_title:titles }}``."""
    return marked(*products.shown_title(str(code), known or {}, get_language() or "en"))


@register.filter
def ytd_months(ytd, previous: bool = False) -> str:
    """The months a year-to-date comparison covers, in the reader's language ("янв. — апр.
    2024 г."); of the year before with ``previous``: ``{{ ind.ytd|ytd_months:True }}``."""
    year = ytd.year - 1 if previous else ytd.year
    return month_span(datetime.date(year, 1, 1), datetime.date(year, ytd.months, 1))


@register.filter
def theme_title(theme) -> SafeString:
    """A theme's name (``themes.Theme``) in the reader's language, marked where it falls back
    to another."""
    return marked(*theme.shown(get_language() or "en"))


@register.filter
def basis_label(code: str) -> str:
    """A basis code as the reader reads it ("national": each office's own)."""
    return display.basis_label(str(code))


@register.filter
def measure_label(code: str) -> str:
    """A measure code (turnover, exports, imports) in the reader's language."""
    return display.measure_labels().get(str(code), str(code))


@register.filter
def pace_status(status: str) -> str:
    """A pace status ("off track") in the reader's language."""
    return display.status_label(str(status))


@register.filter
def report_label(sides: tuple) -> str:
    """Whose report a flow is read from, from (reporter, side): "KZ (exporter's report)"."""
    return display.report_label(*sides)
