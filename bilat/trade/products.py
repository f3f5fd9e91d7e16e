"""HS products as people look for them: sections and chapters with their titles, a search by
code or words, distinct labels, and one product's trade between a pair over the years.

Titles of HS sections and chapters are shipped in English and Russian (``data/hs_sections.csv``,
``data/hs_chapters.csv`` and their ``_ru`` twins). The subheading (HS6) descriptions of the
loaded code files are in English, as CEPII and the UN ship them; their Russian texts are shipped
in ``data/hs6_ru.csv`` per HS edition (the demo's 57 codes, worded as the EAEU's ТН ВЭД words
them), and a code's Russian text is used only where the loaded file is of that edition. Titles
are searched in both languages and shown in the reader's: a Kazakh or Uzbek reader, for whom no
title is written in his language, gets the Russian one, marked as Russian (``shown_title``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bilat.core.languages import in_language, language_order, reader_language

from .queries import PRODUCT_BASIS, hs_chapters, pair_hs_rows, pick_reports
from .warehouse import DATA_DIR, reader

SEARCH_LIMIT = 50
CODE = re.compile(r"^\d{2}(\d{2}){0,2}$")


@dataclass(frozen=True)
class Section:
    """An HS section: its stable number, Roman numeral, chapters and titles."""

    section: int
    numeral: str
    chapter_from: str
    chapter_to: str
    title_en: str
    title_ru: str

    def title(self, lang: str) -> str:
        return in_language({"en": self.title_en, "ru": self.title_ru}, lang)

    def shown(self, lang: str) -> tuple[str, str]:
        """The language and text of the title for a reader of ``lang``."""
        return shown_in({"en": self.title_en, "ru": self.title_ru}, lang)


def shown_in(texts: dict[str, str], lang: str) -> tuple[str, str]:
    """The language and text of ``texts`` (by language) a reader of ``lang`` is shown: the
    reader's own, else the first fallback that has one (Russian for Kazakh and Uzbek)."""
    for language in language_order(lang):
        if texts.get(language):
            return language, texts[language]
    return reader_language(lang), ""


@cache
def sections() -> tuple[Section, ...]:
    """The HS sections in order, each with its English and Russian title."""
    with (DATA_DIR / "hs_sections_ru.csv").open(encoding="utf-8") as fh:
        russian = {r["section"]: r["title_ru"] for r in csv.DictReader(fh)}
    with (DATA_DIR / "hs_sections.csv").open(encoding="utf-8") as fh:
        return tuple(Section(int(r["section"]), r["numeral"], r["chapter_from"], r["chapter_to"],
                             r["title"], russian.get(r["section"], "")) for r in csv.DictReader(fh))


@cache
def chapter_titles(lang: str = "en") -> dict[str, str]:
    """HS chapter titles in Russian for readers of Russian, Kazakh and Uzbek (whose fallback is
    Russian), else in English."""
    order = language_order(lang)
    if order.index("ru") > order.index("en"):
        return hs_chapters()
    return {**hs_chapters(), **_chapters_russian()}


@cache
def _chapters_russian() -> dict[str, str]:
    with (DATA_DIR / "hs_chapters_ru.csv").open(encoding="utf-8") as fh:
        return {r["chapter"]: r["title_ru"] for r in csv.DictReader(fh)}


def chapter_texts(chapter: str) -> Texts:
    """An HS chapter's title by language ("10": {"en": "Cereals", "ru": "Злаки"})."""
    return {"en": hs_chapters().get(chapter, ""), "ru": _chapters_russian().get(chapter, "")}


def section_of(code: str) -> Section | None:
    """The section an HS code (2, 4 or 6 digits) falls in."""
    chapter = code[:2]
    return next((s for s in sections() if s.chapter_from <= chapter <= s.chapter_to), None)


@cache
def _hs6_russian() -> dict[tuple[str, str], str]:
    """Russian descriptions shipped with bilat, by (HS edition, code)."""
    with (DATA_DIR / "hs6_ru.csv").open(encoding="utf-8") as fh:
        return {(r["classification"], r["code"]): r["description_ru"]
                for r in csv.DictReader(fh)}


# A code's texts by language: {"en": "Grapes; dried", "ru": "Виноград; сушёный"}.
Texts = dict[str, str]


def described(*, warehouse: Path | None = None) -> dict[str, Texts]:
    """The descriptions of the HS6 codes the loaded code files hold, by language: the file's
    English and, where bilat ships one for the code in the file's HS edition, the Russian."""
    russian = _hs6_russian()
    with reader(warehouse) as wh:
        rows = wh.rows("product_descriptions")
    return {r["code"]: {"en": r["description"] or "",
                        "ru": russian.get((r["classification"], r["code"]), "")}
            for r in rows}


def texts_of(code: str, known: dict[str, Texts]) -> Texts:
    """What a code is called, by language: its own description (``described``), else its
    chapter's title."""
    if any((known.get(code) or {}).values()):
        return known[code]
    return chapter_texts(code[:2])


def shown_title(code: str, known: dict[str, Texts], lang: str = "en") -> tuple[str, str]:
    """The language and text of what a code is called for a reader of ``lang``: the reader's
    own, else the first fallback that has one (Russian for Kazakh and Uzbek readers)."""
    return shown_in(texts_of(code, known), lang)


def title_of(code: str, known: dict[str, Texts], lang: str = "en") -> str:
    """What a code is called in the reader's language (or its fallback's)."""
    return shown_title(code, known, lang)[1]


def distinct_labels(codes: list[str], known: dict[str, Texts], lang: str = "en"
                    ) -> dict[str, str]:
    """A label per code; where two codes would read the same ("Cereals" three times), each
    carries its code."""
    titles = {c: title_of(c, known, lang) for c in codes}
    seen: dict[str, int] = {}
    for t in titles.values():
        seen[t] = seen.get(t, 0) + 1
    return {c: f"{t} ({c})" if seen[t] > 1 or not t else t for c, t in titles.items()}


@dataclass(frozen=True)
class ProductHit:
    """A product found by a search: its code, level (2, 4 or 6 digits) and title."""

    code: str
    level: int
    title: str
    section: int | None
    lang: str = "en"  # the language of ``title``

    @property
    def shown(self) -> tuple[str, str]:
        return self.lang, self.title


def search(text: str, lang: str = "en", *, warehouse: Path | None = None) -> list[ProductHit]:
    """Products whose code starts with the digits typed, or whose title holds every word
    typed (sections, chapters and HS6 descriptions in English and Russian)."""
    text = text.strip()
    if not text:
        return []
    known = described(warehouse=warehouse)
    russian = chapter_titles("ru")
    candidates = {c: f"{t} · {russian.get(c, '')}" for c, t in hs_chapters().items()}
    for s in sections():
        for chapter in list(candidates):
            if len(chapter) == 2 and s.chapter_from <= chapter <= s.chapter_to:
                # A chapter is found by the words of its section too, in both languages.
                candidates[chapter] += f" · {s.title_en} · {s.title_ru}"
    candidates.update({c: " · ".join(t for t in texts.values() if t)
                       for c, texts in known.items()})
    digits = text.replace(" ", "").replace(".", "")
    if digits.isdigit():
        found = [c for c in candidates if c.startswith(digits) or digits.startswith(c)]
    else:
        words = [w.casefold() for w in re.findall(r"\w+", text)]
        found = [c for c, t in candidates.items() if all(w in t.casefold() for w in words)]
    found.sort()
    return [ProductHit(c, len(c), title, getattr(section_of(c), "section", None), language)
            for c in found[:SEARCH_LIMIT]
            for language, title in [shown_title(c, known, lang)]]


@dataclass(frozen=True)
class ProductYear:
    """A product's trade between the pair in one year, each way from one report."""

    year: int
    exports: float | None  # reporter -> partner
    imports: float | None  # partner -> reporter
    reports: dict[str, str]
    sources: str
    # For each direction, whose report and which side's it is (``display.report_label``).
    report_sides: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


def product_flows(code: str, reporter: str, partner: str, *, basis: str = PRODUCT_BASIS,
                  report: str = "exporter", warehouse: Path | None = None) -> list[ProductYear]:
    """One product's exports and imports of the pair in every year with HS detail: one read."""
    if not CODE.match(code):
        raise ValueError("An HS code is 2, 4 or 6 digits.")
    with reader(warehouse) as wh:
        rows = pair_hs_rows(wh, reporter, partner, basis, len(code))
    out = []
    for year in sorted({int(r["year"]) for r in rows}):
        picked = (pick_reports(rows, reporter, partner, year, report),
                  pick_reports(rows, partner, reporter, year, report))
        x, m = (p.values.get(code, 0.0) if p.reporter else None for p in picked)
        out.append(ProductYear(
            year, x, m, {f"{p.exporter}->{p.importer}": p.label for p in picked},
            "; ".join(sorted({p.source for p in picked if p.source})),
            {f"{p.exporter}->{p.importer}": (p.reporter, p.side) for p in picked},
        ))
    return out


@dataclass(frozen=True)
class SectionShare:
    """A section's part of one direction of the pair's trade in a year."""

    section: Section
    direction: str  # "KZ->UZ"
    value: float
    share: float


def pair_sections(reporter: str, partner: str, year: int, *, basis: str = PRODUCT_BASIS,
                  report: str = "exporter", warehouse: Path | None = None
                  ) -> list[SectionShare]:
    """The pair's trade in a year by HS section, both directions, each from one report."""
    with reader(warehouse) as wh:
        rows = pair_hs_rows(wh, reporter, partner, basis, 2, year)
    out = []
    for exporter, importer in ((reporter, partner), (partner, reporter)):
        picked = pick_reports(rows, exporter, importer, year, report)
        by_section: dict[int, float] = {}
        for chapter, value in picked.values.items():
            s = section_of(chapter)
            if s is not None and value > 0:
                by_section[s.section] = by_section.get(s.section, 0.0) + value
        total = sum(by_section.values())
        table = {s.section: s for s in sections()}
        out += [SectionShare(table[n], f"{exporter}->{importer}", v, v / total)
                for n, v in sorted(by_section.items())]
    return out
