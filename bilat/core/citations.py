"""The dates a citation names ("Kazinform, 7 Aug 2024", "kun.uz, Jan 2025", "Kazinform, 2025"):
read (``published_on``, for what a snapshot may cite as of a date) and shown in the reader's
language (``citation``: "Kazinform, 7 авг. 2024 г."), the rest of the citation left as written.

Citations are data written once, in English; only their dates are the reader's to read, so
bilat shows them through ``citation`` wherever a source is shown: the ``citation`` template
filter on pages and the briefing pack's ``Writer.cited``.
"""

from __future__ import annotations

import calendar
import datetime
import re

from babel.dates import format_interval, format_skeleton

from .languages import BABEL_LOCALES, reader_language

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
# "7 Aug 2024", "Aug 2024", "August 2024", "Jan–Apr 2024", "2024"; the first date a citation
# names (of a span of months, its last month).
CITED_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})\s+)?(?:(?P<first>[A-Za-z]{3})[a-z]*\.?\s*[–-]\s*)?"
    r"(?:(?P<month>[A-Za-z]{3})[a-z]*\.?\s+)?(?P<year>(?:19|20)\d{2})\b"
)


def _date(m: re.Match) -> datetime.date | None:
    """The day a match names (the first of its month or year when it names none); None when
    the word before its year is not a month."""
    month = MONTHS.get((m["month"] or "").lower())
    if m["month"] and month is None:
        return None
    day = int(m["day"]) if m["day"] and month else 1
    try:
        return datetime.date(int(m["year"]), month or 1, day)
    except ValueError:
        return datetime.date(int(m["year"]), month or 1, 1)


def published_on(citation: str) -> datetime.date | None:
    """The earliest day a citation can have been published, from the date it names (the first of
    the month or year when it names no day); None when it names no date."""
    for m in CITED_DATE.finditer(citation):
        day = _date(m)
        if day:  # "in 2024" after a word that is not a month: try the year alone next
            return day
    return None


def month_span(first: datetime.date, last: datetime.date, lang: str | None = None) -> str:
    """The months from ``first`` to ``last`` in ``lang`` (the active language by default):
    "Jan – Apr 2024", "янв. — апр. 2024 г.", "2024 ж. қаң.–сәу.", "yan – apr, 2024"."""
    locale = BABEL_LOCALES.get(reader_language(lang), BABEL_LOCALES["en"])
    text = (format_interval(first, last, "yMMM", locale=locale) if (first.year, first.month)
            != (last.year, last.month) else format_skeleton("yMMM", first, locale=locale))
    return text.replace("\u202f", "\u00a0").replace("\u2009", " ")


def citation(text: str, lang: str | None = None) -> str:
    """``text`` with each day or month it names written in ``lang`` (the active language by
    default): "Kazinform, 7 Aug 2024" is "Kazinform, 7 авг. 2024 г." to a reader of Russian.
    Years alone, English readers' citations and texts that name no date are left as written."""
    code = reader_language(lang)
    if not text or code == "en" or code not in BABEL_LOCALES:
        return text

    def written(m: re.Match) -> str:
        day = _date(m) if m["month"] else None
        if day is None or (m["day"] and day.day != int(m["day"])):
            return m[0]  # a year alone, a word that is not a month, a day the month lacks
        first = MONTHS.get((m["first"] or "").lower())
        if m["first"]:
            if first is None or m["day"]:
                return m[0]
            return month_span(day.replace(month=first), day, code)
        text = format_skeleton("yMMMd" if m["day"] else "yMMM", day, locale=BABEL_LOCALES[code])
        return text.replace("\u202f", "\u00a0")  # as bilat's numbers: fonts lack U+202F

    return CITED_DATE.sub(written, text)
