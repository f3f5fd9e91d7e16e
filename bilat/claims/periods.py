"""Periods as releases write them, resolved against the date of publication.

The grammar of a claim's period (docs/claims.md):

* ``2023`` a year; ``2024-01..2024-04`` months (quarters and halves too); ``2024-01`` one month;
* ``2018..2023`` a span of years;
* ``asof:2024-07-12`` a stock at a date ("to date", "currently", "as of 1 July 2024");
* ``medium_term`` or ``unspecified``: a target with no year (a target with a year uses it).

``find_periods`` returns each expression with its role: ``period`` (when a flow happened),
``asof``, ``base`` (what a growth compares with), ``duration`` ("over 5 years"), ``target``
("by 2030", "in the medium term"), and the ones that are not periods of a claim at all:
``date`` ("12 July 2024"), ``plan`` ("the Programme for 2024–2026") and ``future``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"]
MONTHS_RU = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
          r"|(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)[ьяею]"
          r"|(?:март|август)(?:а|е|у)?|ма[йяею]")
_DASH = r"\s?[–—-]\s?"
_NUMWORD_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_NUMWORD_RU = {"дв": 2, "тр": 3, "четыр": 4, "пят": 5, "шест": 6, "сем": 7, "восьм": 8,
               "восем": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12}
_N = (r"\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
      r"|двух|два|трех|трёх|три|четыр\w*|пят\w*|шест\w*|сем\w*|восьм\w*|восем\w*|девят\w*"
      r"|десят\w*|одиннадцат\w*|двенадцат\w*")
_ORD_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
           "4th": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ORD_RU = {"перв": 1, "втор": 2, "трет": 3, "четвер": 4}
_YEAR = r"(?:19|20)\d{2}"
_YEAR_WORD = r"(?:\s?(?:годах|годов|годы|года|году|год|гг\.|г\.))?"
_THIS_YEAR = r"(?:of\s+)?(?:this|the\s+current)\s+year|текущего\s+года|этого\s+года|нынешнего\s+года"
_LAST_YEAR = r"(?:of\s+)?last\s+year|прошлого\s+года|предыдущего\s+года"
_PLAN = re.compile(r"(?:programme|program|plan|road\s?map|strategy|agenda|concept|программ\w*"
                   r"|план\w*|дорожн\w+\s+карт\w*|стратеги\w*|концепци\w*)[^.;]{0,40}$", re.I)


@dataclass(frozen=True)
class PeriodMention:
    """A period expression in the text, resolved, with its role for the claims around it."""

    role: str
    value: str | None
    start: int
    end: int
    years: int | None = None  # a duration's length, or the shift of a relative base


def month_number(word: str) -> int:
    """1–12 for an English or Russian month name in any case ("апреле", "Sept.")."""
    w = word.lower().rstrip(".")
    for i, name in enumerate(MONTHS_EN):
        if name.startswith(w) and len(w) >= 3:
            return i + 1
    for i, stem in enumerate(MONTHS_RU):
        if w.startswith(stem) and (stem != "ма" or w in ("май", "мая", "мае", "маю")):
            return i + 1
    raise ValueError(word)


def months(year: int, first: int, last: int) -> str:
    """The period string of months ``first``–``last`` of ``year``."""
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}..{year}-{last:02d}"


def shift(period: str, years: int) -> str:
    """The same period ``years`` earlier: '2024-01..2024-04' shifted by 1 is '2023-01..2023-04'."""
    return re.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group()) - years), period)


def first_year(period: str) -> int | None:
    m = re.search(_YEAR, period)
    return int(m.group()) if m else None


def _count(word: str) -> int:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMWORD_EN:
        return _NUMWORD_EN[w]
    for stem, n in sorted(_NUMWORD_RU.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    raise ValueError(word)


def _ordinal(word: str) -> int:
    w = word.lower()
    if w in _ORD_EN:
        return _ORD_EN[w]
    for stem, n in _ORD_RU.items():
        if w.startswith(stem):
            return n
    raise ValueError(word)


class _Resolver:
    """Turns the matches of the grammar below into resolved period mentions."""

    def __init__(self, published: date):
        self.published = published

    def year_of_months(self, last_month: int, tail: str | None) -> int:
        pub = self.published
        if tail:
            if re.match(_YEAR, tail.strip()):
                return int(re.match(_YEAR, tail.strip()).group())
            if re.search(_LAST_YEAR, tail, re.I):
                return pub.year - 1
            if re.search(_THIS_YEAR, tail, re.I):
                return pub.year
        # Figures for a month come out after it ends: "January–April" in May is this year's.
        return pub.year if last_month < pub.month else pub.year - 1

    def asof_date(self, day: str, month: str, year: str | None) -> str:
        y = int(year) if year else self.published.year
        return f"asof:{date(y, month_number(month), int(day)).isoformat()}"


def _grammar() -> list[tuple[str, re.Pattern[str]]]:
    rules = [
        ("asof_date", r"(?:as\s+(?:of|at)|по\s+состоянию\s+на)\s+(?P<day>\d{1,2})\s+(?P<month>"
         + _MONTH + r")(?:,?\s+(?P<year>" + _YEAR + r")" + _YEAR_WORD + r")?"),
        ("date", r"\b\d{1,2}(?:" + _DASH + r"\d{1,2})?\s+(?:" + _MONTH + r")\b(?:,?\s+"
         + _YEAR + _YEAR_WORD + r")?"),
        ("date", r"\b(?:" + _MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + r")?"),
        ("same_period", r"(?:(?:compared\s+(?:to|with)|from|over|against|versus|vs\.?)\s+)?"
         r"the\s+same\s+period\s+(?:of\s+|in\s+)?(?P<tail>last\s+year|" + _YEAR + r")"
         r"|(?:по\s+сравнению\s+с\s+|против\s+|за\s+|к\s+|чем\s+за\s+)?аналогичн\w+\s+период\w*"
         r"(?:\s+(?P<tail2>прошлого\s+года|" + _YEAR + _YEAR_WORD + r"))?"),
        ("year_ago", r"\b(?:year[\s-]on[\s-]year|y/y|yoy|a\s+year\s+(?:earlier|ago|before))\b"
         r"|годом\s+ранее|год\s+к\s+году|в\s+годовом\s+выражении"),
        ("medium", r"(?:in|over)\s+the\s+medium[\s-]term|в\s+среднесрочной\s+перспективе"
         r"|in\s+the\s+(?:coming|next\s+few)\s+years|в\s+ближайшие\s+(?:несколько\s+)?(?:годы|лет)"
         r"|в\s+ближайшей\s+перспективе"),
        ("end_of_year", r"(?:by|before)\s+the\s+end\s+of\s+(?:the|this)\s+year"
         r"|до\s+конца\s+(?:текущего\s+|этого\s+)?года"),
        ("under_review", r"(?:over|during|in)\s+the\s+period\s+under\s+review"
         r"|за\s+(?:рассматриваемый|анализируемый)\s+период"),
        ("past_years", r"(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?P<n>" + _N + r")\s+years"
         r"|за\s+(?:последние|прошедшие)\s+(?P<n2>" + _N + r")\s+(?:лет|года)"),
        ("duration", r"(?:over|in|within)\s+(?P<n>" + _N + r")\s+years"
         r"|за\s+(?P<n2>" + _N + r")\s+(?:лет|года)(?!\s+\d)"),
        ("since", r"since\s+(?P<year>" + _YEAR + r")(?!\s*(?:to|[–—-]))"
         r"|(?:с|начиная\s+с)\s+(?P<year2>" + _YEAR + r")\s?(?:года|г\.)"),
        ("span", r"(?:from\s+(?P<a>" + _YEAR + r")\s+(?:to|through|until)\s+(?P<b>" + _YEAR + r"))"
         r"|(?:с\s+(?P<a2>" + _YEAR + r")\s+(?:по|до)\s+(?P<b2>" + _YEAR + r")" + _YEAR_WORD + r")"
         r"|(?P<a3>" + _YEAR + r")" + _DASH + r"(?P<b3>" + _YEAR + r"|\d{2})" + _YEAR_WORD),
        ("months_n", r"(?:in|for|over|during)\s+(?:the\s+)?(?:first\s+)?(?P<n>" + _N + r")\s+months"
         r"(?P<tail>\s+of\s+(?:" + _YEAR + r"|this\s+year|the\s+current\s+year|last\s+year))?"
         r"|за\s+(?:первые\s+)?(?P<n2>" + _N + r")\s+месяц\w*"
         r"(?P<tail2>\s+(?:" + _YEAR + _YEAR_WORD + r"|текущего\s+года|этого\s+года|прошлого\s+года))?"
         r"|(?:по\s+итогам|в\s+течение)\s+(?:первых\s+)?(?P<n3>" + _N + r")\s+месяц\w*"
         r"(?P<tail3>\s+(?:" + _YEAR + _YEAR_WORD + r"|текущего\s+года|этого\s+года|прошлого\s+года))?"),
        ("month_range", r"(?<!\w)(?P<m1>" + _MONTH + r")" + _DASH + r"(?P<m2>" + _MONTH + r")"
         r"(?P<tail>,?\s+(?:" + _YEAR + _YEAR_WORD + r"|" + _THIS_YEAR + r"|" + _LAST_YEAR + r"))?"),
        ("quarter", r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
         r"(?P<tail>\s+of\s+(?:" + _YEAR + r"|this\s+year|the\s+current\s+year|last\s+year))?"
         r"|\bQ(?P<q2>[1-4])\s*(?P<tail2>" + _YEAR + r")?"
         r"|(?P<q3>перв\w*|втор\w*|трет\w*|четверт\w*|I{1,3}V?|IV|[1-4])\s+квартал\w*"
         r"(?P<tail3>\s+(?:" + _YEAR + _YEAR_WORD + r"|текущего\s+года|этого\s+года|прошлого\s+года))?"),
        ("half", r"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+the\s+year)?"
         r"(?P<tail>\s+of\s+(?:" + _YEAR + r"|this\s+year|the\s+current\s+year|last\s+year))?"
         r"|\bH(?P<h2>[12])\s*(?P<tail2>" + _YEAR + r")?"
         r"|(?P<h3>перв\w*|втор\w*|I{1,2})\s+полугоди\w*"
         r"(?P<tail3>\s+(?:" + _YEAR + _YEAR_WORD + r"|текущего\s+года|этого\s+года|прошлого\s+года))?"),
        ("month_year", r"(?P<m>" + _MONTH + r")\s+(?P<tail>" + _YEAR + r")" + _YEAR_WORD),
        ("month_alone", r"\b(?:in|for|during)\s+(?P<m>" + _MONTH + r")\b(?!\s*\d)"
         r"|(?<!\w)(?:в|за)\s+(?P<m2>" + _MONTH + r")\b(?!\s*\d)"),
        ("ytd", r"since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year"
         r"|с\s+начала\s+(?:текущего\s+|этого\s+)?года"),
        ("last_year", r"(?:at\s+the\s+end\s+of\s+|by\s+the\s+end\s+of\s+|for\s+|in\s+)?last\s+year"
         r"|(?:по\s+итогам\s+|в\s+|за\s+)?прошл\w+\s+год\w*"),
        ("this_year", r"(?:in\s+|for\s+)?this\s+year|(?:в\s+)?(?:текущем|этом)\s+году"),
        ("by_year", r"(?:by|until|till)\s+(?:the\s+end\s+of\s+)?(?P<year>" + _YEAR + r")"
         r"|(?:к|до)\s+(?:концу\s+)?(?P<year2>" + _YEAR + r")\s?(?:году|года|г\.)"),
        ("compared_year", r"(?:compared\s+(?:to|with)|from|over|against|versus"
         r"|than(?:\s+in)?|чем\s+в)\s+(?P<year>"
         + _YEAR + r")|по\s+сравнению\s+с\s+(?P<year2>" + _YEAR + r")\s?(?:годом|г\.)"),
        ("asof", r"\bto\s+date\b|\bcurrently\b|\bat\s+present\b|\bas\s+of\s+today\b|\bas\s+of\s+now\b"
         r"|на\s+сегодняшний\s+день|в\s+настоящее\s+время|на\s+данный\s+момент|на\s+сегодня\b"),
        ("year", r"(?P<year>" + _YEAR + r")" + _YEAR_WORD),
    ]
    return [(name, re.compile(pattern, re.I)) for name, pattern in rules]


GRAMMAR = _grammar()


def find_periods(text: str, *, published: date, lang: str = "en") -> list[PeriodMention]:
    """Every period expression in ``text``, resolved against ``published``, in text order."""
    r = _Resolver(published)
    pub = published
    taken: list[tuple[int, int]] = []
    out: list[PeriodMention] = []

    def add(role: str, value: str | None, m: re.Match[str], years: int | None = None) -> None:
        out.append(PeriodMention(role, value, m.start(), m.end(), years))
        taken.append((m.start(), m.end()))

    for name, pattern in GRAMMAR:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = {k: v for k, v in m.groupdict().items() if v}
            if name == "asof_date":
                add("asof", r.asof_date(g["day"], g["month"], g.get("year")), m)
            elif name == "date":
                add("date", None, m)
            elif name == "same_period":
                tail = g.get("tail") or g.get("tail2")
                if tail and re.match(_YEAR, tail):
                    add("base", "year:" + re.match(_YEAR, tail).group(), m)
                else:
                    add("base", None, m, years=1)
            elif name == "year_ago":
                add("base", None, m, years=1)
            elif name == "medium":
                add("target", "medium_term", m)
            elif name == "end_of_year":
                add("target", str(pub.year), m)
            elif name == "under_review":
                add("duration", None, m)
            elif name == "past_years":
                n = _count(g.get("n") or g["n2"])
                add("duration", f"{pub.year - n}..{pub.year - 1}", m, years=n)
            elif name == "duration":
                n = _count(g.get("n") or g["n2"])
                add("duration", None, m, years=n)
            elif name == "since":
                year = int(g.get("year") or g["year2"])
                add("period", f"{year}..{pub.year}", m)
            elif name == "span":
                a = int(g.get("a") or g.get("a2") or g["a3"])
                b = g.get("b") or g.get("b2") or g["b3"]
                b = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
                if _PLAN.search(text[max(0, m.start() - 60):m.start()]) or re.search(
                        r"\bна\s*$", text[max(0, m.start() - 4):m.start()]):
                    add("plan", f"{a}..{b}", m)
                elif b < a:
                    continue
                else:
                    add("period", f"{a}..{b}", m)
            elif name == "months_n":
                n = _count(g.get("n") or g.get("n2") or g["n3"])
                tail = g.get("tail") or g.get("tail2") or g.get("tail3")
                if tail and re.search(_YEAR, tail):
                    tail = re.search(_YEAR, tail).group()
                add("period", months(r.year_of_months(n, tail), 1, n), m)
            elif name == "month_range":
                m1, m2 = month_number(g["m1"]), month_number(g["m2"])
                tail = g.get("tail", "").lstrip(", ") or None
                add("period", months(r.year_of_months(m2, tail), m1, m2), m)
            elif name == "quarter":
                q = _ordinal(g.get("q") or g.get("q2") or _roman(g["q3"]))
                tail = g.get("tail") or g.get("tail2") or g.get("tail3")
                if tail and re.search(_YEAR, tail):
                    tail = re.search(_YEAR, tail).group()
                add("period", months(r.year_of_months(3 * q, tail), 3 * q - 2, 3 * q), m)
            elif name == "half":
                h = _ordinal(g.get("h") or g.get("h2") or _roman(g["h3"]))
                tail = g.get("tail") or g.get("tail2") or g.get("tail3")
                if tail and re.search(_YEAR, tail):
                    tail = re.search(_YEAR, tail).group()
                add("period", months(r.year_of_months(6 * h, tail), 6 * h - 5, 6 * h), m)
            elif name == "month_year":
                mm = month_number(g["m"])
                add("period", months(int(g["tail"]), mm, mm), m)
            elif name == "month_alone":
                mm = month_number(g.get("m") or g["m2"])
                add("period", months(r.year_of_months(mm, None), mm, mm), m)
            elif name == "ytd":
                last = max(pub.month - 1, 1)
                add("period", months(pub.year, 1, last), m)
            elif name == "last_year":
                add("period", str(pub.year - 1), m)
            elif name == "this_year":
                add("period", str(pub.year), m)
            elif name == "by_year":
                year = int(g.get("year") or g["year2"])
                if year >= pub.year:
                    add("target", str(year), m)
                elif g.get("year2") and m.group().lower().startswith("к"):
                    add("base", f"year:{year}", m)  # "вырос на 31,7% к 2022 году"
                else:
                    add("period", str(year), m)
            elif name == "compared_year":
                year = int(g.get("year") or g["year2"])
                add("base", f"year:{year}", m)
            elif name == "asof":
                add("asof", f"asof:{pub.isoformat()}", m)
            elif name == "year":
                year = int(g["year"])
                if _PLAN.search(text[max(0, m.start() - 40):m.start()]):
                    add("plan", str(year), m)
                elif year > pub.year:
                    add("future", str(year), m)
                else:
                    add("period", str(year), m)
    return sorted(out, key=lambda p: p.start)


def _roman(word: str) -> str:
    return {"I": "1", "II": "2", "III": "3", "IV": "4"}.get(word.upper(), word)


def base_of(period: str, base: PeriodMention | None, duration_years: int | None) -> str:
    """The comparison period of a growth claim whose current period is ``period``."""
    if base is not None and base.value and base.value.startswith("year:"):
        year = int(base.value[5:])
        current = first_year(period)
        return shift(period, current - year) if current else str(year)
    if duration_years:
        return shift(period, duration_years)
    return shift(period, 1)


DATE_IN_TEXT = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>" + _MONTH + r"),?\s+(?P<year>" + _YEAR + r")"
    r"|\b(?P<month2>" + _MONTH + r")\s+(?P<day2>\d{1,2}),?\s+(?P<year2>" + _YEAR + r")", re.I)


def find_publication_date(text: str) -> date | None:
    """The first full date in a release (its dateline), if it has one."""
    for m in DATE_IN_TEXT.finditer(text[:2000]):
        try:
            if m["day"]:
                return date(int(m["year"]), month_number(m["month"]), int(m["day"]))
            return date(int(m["year2"]), month_number(m["month2"]), int(m["day2"]))
        except ValueError:
            continue
    return None
