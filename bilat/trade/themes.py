"""Product themes of the commission: agro-food, electrical goods and batteries shipped with
bilat (``data/themes.csv``), and the themes a secretariat defines (``targets.TradeTheme``).

A theme is a code, a name in each language and a list of HS codes or ranges (chapters, headings
or subheadings: "01-24", "85", "8506-8507", "850760"). Its series over the years is
``theme_series.theme_series``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from bilat.core.languages import LANGUAGES, in_language, language_order

from .warehouse import DATA_DIR

HS_CODE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")


@dataclass(frozen=True)
class Theme:
    """A product theme: its code, its name in each language and the HS ranges it covers."""

    code: str
    titles: dict[str, str]
    ranges: tuple[tuple[str, str], ...]
    is_builtin: bool = True

    def title(self, lang: str = "en") -> str:
        """The name in ``lang`` ("ru", "kk"...), else in its fallback's (Russian for Kazakh
        and Uzbek, then English), else the code."""
        return in_language(self.titles, lang) or self.code

    def shown(self, lang: str = "en") -> tuple[str, str]:
        """The language and text of the name a reader of ``lang`` is shown (``title``)."""
        for language in language_order(lang):
            if self.titles.get(language):
                return language, self.titles[language]
        return "", self.code

    @property
    def hs_codes(self) -> str:
        """The ranges as written: "01-24, 8506-8507"."""
        return ", ".join(a if a == b else f"{a}-{b}" for a, b in self.ranges)

    @property
    def width(self) -> int:
        """The finest HS level the theme names (2, 4 or 6 digits)."""
        return max(len(a) for a, _b in self.ranges)

    def covers(self, code: str) -> bool:
        """Whether an HS code (at least as fine as the theme's ranges) is in the theme."""
        return any(a <= code[:len(a)] <= b for a, b in self.ranges if len(code) >= len(a))


def parse_hs_codes(text: str) -> tuple[tuple[str, str], ...]:
    """HS codes and ranges ("01-24, 8506-8507; 850760") as (from, to) pairs; ValueError naming
    the first part that is not a chapter, heading or subheading, or not a range of one level."""
    ranges = []
    for part in re.split(r"[,;\s]+", re.sub(r"\s*[-–]\s*", "-", text.strip())):
        if not part:
            continue
        first, _dash, last = part.partition("-")
        last = last or first
        if not (HS_CODE.match(first) and HS_CODE.match(last)):
            raise ValueError(f"“{part}” is not an HS chapter, heading or subheading "
                             "(2, 4 or 6 digits) or a range of them")
        if len(first) != len(last) or first > last:
            raise ValueError(f"“{part}”: a range goes from a lower to a higher code of the "
                             "same level")
        ranges.append((first, last))
    if not ranges:
        raise ValueError("name at least one HS code")
    return tuple(ranges)


@cache
def builtin_themes() -> tuple[Theme, ...]:
    """The commission's themes shipped with bilat (``data/themes.csv``): agro-industrial and
    food products, electrical products, batteries and accumulators."""
    found: dict[str, Theme] = {}
    with (DATA_DIR / "themes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            titles = {lang: row.get(f"title_{lang}") or "" for lang in LANGUAGES}
            known = found.get(row["theme"])
            ranges = (*(known.ranges if known else ()), (row["code_from"], row["code_to"]))
            found[row["theme"]] = Theme(row["theme"], titles, ranges)
    return tuple(found.values())
