"""Citations in the reader's language: the dates a citation names ("Kazinform, 7 Aug 2024",
"kun.uz, Jan 2025", "Kazinform, 2025") and the names and notes of the sources it cites.

Citations are data written once, in English, and shared: a warehouse row, a record's source
field and a snapshot's frozen figure carry the same text, and a snapshot's sources are read back
by their dates (``published_on``, for what a snapshot may cite as of a date). What a reader sees
is ``citation``: the dates written in the reader's language with Babel, and each name or note of
a source the registry ``data/cited_sources.csv`` knows ("KZ government press service", "Uzbek
statistics", "reference block") in the reader's language — the registry keeps each in English,
Russian, Kazakh and Uzbek. "KZ government press service, Jul 2024" is "пресс-служба
Правительства РК, июль 2024 г." to a reader of Russian. Proper names written in Latin letters in
every language (Kazinform, the domain names) are left as written.

bilat shows citations through ``citation`` wherever a source is shown: the ``citation`` template
filter on pages, the briefing pack's ``Writer.cited`` and the change log's text values. A
citation the registry does not cover is shown with its English words: add its names and notes
to the registry (``tests/test_walk_languages.py`` finds them on the demo's pages).
"""

from __future__ import annotations

import calendar
import csv
import datetime
import re
from functools import cache
from pathlib import Path

from babel.dates import format_interval, format_skeleton

from .languages import BABEL_LOCALES, reader_language

REGISTRY = Path(__file__).with_name("data") / "cited_sources.csv"
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


@cache
def cited_names() -> dict[str, dict[str, str]]:
    """The registry: each name or note of a source, in English, to its text in each language.
    A note that starts in lower case also stands at the start of a citation, capitalised."""
    with REGISTRY.open(encoding="utf-8", newline="") as f:
        rows = {row["en"]: {code: row[code] for code in BABEL_LOCALES if code != "en"}
                for row in csv.DictReader(f)}
    for english, texts in list(rows.items()):
        if english[:1].islower():
            rows.setdefault(english[:1].upper() + english[1:],
                            {code: t[:1].upper() + t[1:] for code, t in texts.items()})
    return rows


@cache
def _names_pattern() -> re.Pattern:
    """The registry's English texts, longest first, each a whole phrase (not part of a word,
    nor of a possessive: "the release" is not read in "the release's")."""
    names = sorted(cited_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w'’])")


def source_names(text: str, lang: str | None = None) -> str:
    """``text`` with each name or note of a source the registry knows in ``lang`` (the active
    language by default); the rest as written."""
    code = reader_language(lang)
    if not text or code == "en":
        return text
    names = cited_names()

    def named(m: re.Match) -> str:
        shown = names[m[0]].get(code) or m[0]
        # A citation's first words capitalised (not an address: kazpravda.kz); a note after
        # a semicolon goes on the citation ("…; baseline: …") and keeps its case.
        if not text[:m.start()].strip() and "." not in shown.split(" ", 1)[0]:
            shown = shown[:1].upper() + shown[1:]
        return shown

    return _names_pattern().sub(named, text)


def citation(text: str, lang: str | None = None) -> str:
    """``text`` with each day or month it names, and each name or note of a source the registry
    knows, written in ``lang`` (the active language by default): "KZ government press service,
    7 Aug 2024" is "пресс-служба Правительства РК, 7 авг. 2024 г." to a reader of Russian.
    Years alone, English readers' citations and texts that name no date nor known source are
    left as written."""
    code = reader_language(lang)
    if not text or code == "en" or code not in BABEL_LOCALES:
        return text
    # The dates first: the registry's texts in other languages are not read as dates.
    return source_names(cited_dates(text, code), code)


def cited_dates(text: str, lang: str | None = None) -> str:
    """``text`` with each day or month it names written in ``lang``, the rest as written (a
    text that may name a date but is no citation: a note, a description)."""
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
        if text.endswith(".") and m.string[m.end():m.end() + 1] == ".":
            text = text[:-1]  # "7 авг. 2024 г." ending a sentence: one full stop
        return text.replace("\u202f", "\u00a0")  # as bilat's numbers: fonts lack U+202F

    return CITED_DATE.sub(written, text)
