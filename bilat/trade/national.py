"""National statistics tables as the offices publish them: headers, units, numbers, text.

A statistics office publishes a table of a country's trade by partner with Russian or English
headers ("Экспорт, млн долл. США", "Exports, thousand US$"), numbers with a decimal comma and
thousands separated by spaces ("1 370,0"), in Windows-1251 or UTF-8 (with or without a byte
order mark), its columns separated by commas or semicolons. This module maps such a table onto
bilat's template (``loaders.NATIONAL_COLUMNS``) with one documented dictionary (docs/trade.md,
"National tables"): every header name is looked up in ``HEADERS``, a unit written in the header
("…, млн долл. США", "… (US$ million)") is read with ``SCALES`` and ``CURRENCIES``, and a
header that is not in the dictionary stops the load with the list of accepted names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bilat.core.countries import NAMES_RU

# Column -> the names a table may give it (compared in lower case, "ё" as "е", spaces
# collapsed; a unit after a comma or in brackets is read apart).
HEADERS: dict[str, tuple[str, ...]] = {
    "reporter": ("reporter", "reporting country", "reporter code", "country",
                 "страна", "отчитывающаяся страна", "страна-отчитывающаяся", "страна отчета"),
    "partner": ("partner", "partner country", "partner code", "партнер", "страна-партнер",
                "страна партнер", "страны-партнеры", "страна назначения/происхождения"),
    "period": ("period", "year", "период", "год", "отчетный период"),
    "exports": ("exports", "export", "экспорт"),
    "imports": ("imports", "import", "импорт"),
    "turnover": ("turnover", "trade turnover", "total trade", "товарооборот",
                 "внешнеторговый оборот", "оборот"),
    "source": ("source", "источник"),
    "unit": ("unit", "units", "единица", "единица измерения", "ед. изм."),
    "basis": ("basis", "основа", "база"),
    "flag": ("flag", "признак"),
    "vintage": ("vintage", "release", "publication date", "дата публикации", "версия"),
    "note": ("note", "notes", "comment", "примечание", "примечания"),
}
ALIASES: dict[str, str] = {name: column for column, names in HEADERS.items() for name in names}
AMOUNTS = ("exports", "imports", "turnover")

# A unit is a scale word and a currency: "млн долл. США", "thousand US$", "US$ million".
SCALES: dict[str, float] = {
    "thousand": 1e3, "thousands": 1e3, "thousands of": 1e3, "тыс.": 1e3, "тыс": 1e3,
    "тысяч": 1e3,
    "million": 1e6, "millions": 1e6, "millions of": 1e6, "mn": 1e6, "mln": 1e6, "млн": 1e6,
    "млн.": 1e6, "миллионов": 1e6,
    "billion": 1e9, "billions": 1e9, "billions of": 1e9, "bn": 1e9, "млрд": 1e9,
    "млрд.": 1e9, "миллиардов": 1e9,
}
CURRENCIES: tuple[str, ...] = ("usd", "us$", "us dollars", "$", "долл. сша", "долл.сша",
                               "долларов сша", "долл.", "долл")

# Outside ASCII, a Windows-1251 table holds Russian (or Kazakh, Uzbek) letters and a few marks.
_CP1251_TEXT = re.compile(r"[\u0400-\u04ff«»—–№\u00a0„“”‘’•…°]")
_SPACES = "\u00a0\u202f\u2009 "


@dataclass
class Layout:
    """How one table is written: its columns (bilat's names), units and decimal mark."""

    columns: list[str]
    scales: dict[str, float] = field(default_factory=dict)
    decimal: str = "."
    delimiter: str = ","


class TableError(ValueError):
    """A table that cannot be read, with the line (1 for the header) and the reason."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def decode(data: bytes) -> str:
    """The text of a table: UTF-8 (a byte order mark allowed), else Windows-1251 Cyrillic."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:
        odd = next((i for i, ch in enumerate(text)
                    if ord(ch) > 127 and not _CP1251_TEXT.match(ch)), None)
        if odd is None:
            return text
        first = odd
    line = 1 + data.count(b"\n", 0, first)
    raise TableError(line, f"neither UTF-8 nor Windows-1251 text (byte 0x{data[first]:02x}); "
                           "save the file as UTF-8 (in Excel: CSV UTF-8)")


def delimiter(header_line: str) -> str:
    """``;`` when the header line has more semicolons than commas outside quotes, else ``,``."""
    bare = re.sub(r'"[^"]*"', "", header_line)
    return ";" if bare.count(";") > bare.count(",") else ","


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().replace("ё", "е"))


def unit_scale(text: str) -> float | None:
    """US$ per unit of a unit's name ("млн долл. США" -> 1e6), None when it is not one."""
    words = _normal(text).strip("() ,")
    for currency in sorted(CURRENCIES, key=len, reverse=True):
        if currency in words:
            rest = _normal(words.replace(currency, " ")).strip(" ,.()")
            if rest == "":
                return 1.0
            if rest in SCALES:
                return SCALES[rest]
            if rest.rstrip(".") in SCALES:
                return SCALES[rest.rstrip(".")]
            return None
    return None


def accepted() -> str:
    """The header dictionary in one line, for the error that refuses an unknown name."""
    return "; ".join(f"{column}: {', '.join(names)}" for column, names in HEADERS.items())


def layout(names: Sequence[str], *, delimiter: str = ",") -> Layout:
    """bilat's column for each header name, the units the header states and the decimal mark.

    A blank name is a column to ignore (None); an unknown name raises with the accepted ones.
    """
    columns: list[str] = []
    scales: dict[str, float] = {}
    unknown = []
    for raw in names:
        name = _normal(raw)
        if not name:
            columns.append("")
            continue
        base, _, unit = name.partition("(") if "(" in name else name.partition(",")
        base = base.strip(" ,")
        column = ALIASES.get(base) or ALIASES.get(name)
        if column is None:
            unknown.append(raw)
            columns.append("")
            continue
        if unit.strip(" ,()") and column in AMOUNTS and ALIASES.get(name) is None:
            scale = unit_scale(unit)
            if scale is None:
                raise TableError(1, f"column {raw!r}: unknown unit {unit.strip(' ,()')!r}; "
                                    f"write it as 'thousand US$', 'million US$', "
                                    "'тыс. долл. США' or 'млн долл. США'")
            scales[column] = scale
        if column in columns:
            raise TableError(1, f"column {raw!r} is a second {column!r} column")
        columns.append(column)
    if unknown:
        raise TableError(1, f"unknown column {', '.join(repr(u) for u in unknown)}; "
                            f"accepted names: {accepted()}")
    stated = set(scales.values())
    if len(stated) == 1:  # "Экспорт, млн долл. США; Импорт; Товарооборот": one unit for all
        for column in AMOUNTS:
            if column in columns:
                scales.setdefault(column, next(iter(stated)))
    cyrillic = any(re.search(r"[\u0400-\u04ff]", n) for n in names)
    return Layout(columns, scales, "," if cyrillic or delimiter == ";" else ".", delimiter)


def number_text(text: str, decimal: str) -> str:
    """A published number as Python reads it: "1 370,0" -> "1370.0" (decimal comma).

    Text that is no number in the table's style comes back for ``float`` to refuse; "1.370"
    in a table of decimal commas raises ValueError (a thousands point or a decimal point?).
    """
    t = text.strip()
    grouped = re.fullmatch(rf"([+-]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+)([.,]\d*)?", t)
    if grouped:
        t = re.sub(f"[{_SPACES}]", "", grouped.group(1)) + (grouped.group(2) or "")
    if decimal == ",":
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d*", t):
            return t.replace(".", "").replace(",", ".")
        if re.fullmatch(r"[+-]?\d+\.\d{3}", t):
            # "1.370": a thousand and 370, or one and 370 thousandths? Not guessed.
            raise ValueError(f"{text!r} could be read two ways")
        return t.replace(",", ".") if t.count(",") == 1 else t
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", t):
        return t.replace(",", "")
    return t


# Country names as Russian-language tables write them: the reference table's (codes and English
# names are read from the warehouse's country list).
COUNTRY_NAMES_RU: dict[str, str] = NAMES_RU


def country(name: str) -> str | None:
    """The ISO code of a country named in Russian (None if it is not in the list)."""
    return COUNTRY_NAMES_RU.get(_normal(name))
