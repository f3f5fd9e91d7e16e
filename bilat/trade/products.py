"""HS products as people look for them: sections and chapters with their titles, a search by
code or words, distinct labels, and one product's trade between a pair over the years.

Titles of HS sections and chapters are shipped in English and Russian (``data/hs_sections.csv``,
``data/hs_chapters.csv`` and their ``_ru`` twins); the subheading descriptions of the loaded code
files are in English only, and are searched and shown in English in every language.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bilat.core.languages import in_language, language_order

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
    with (DATA_DIR / "hs_chapters_ru.csv").open(encoding="utf-8") as fh:
        return {**hs_chapters(), **{r["chapter"]: r["title_ru"] for r in csv.DictReader(fh)}}


def section_of(code: str) -> Section | None:
    """The section an HS code (2, 4 or 6 digits) falls in."""
    chapter = code[:2]
    return next((s for s in sections() if s.chapter_from <= chapter <= s.chapter_to), None)


def descriptions(*, warehouse: Path | None = None) -> dict[str, str]:
    """Descriptions of the HS6 codes the loaded code files hold (English)."""
    with reader(warehouse) as wh:
        return {r["code"]: r["description"] or "" for r in wh.rows("product_descriptions")}


def title_of(code: str, known: dict[str, str], lang: str = "en") -> str:
    """What a code is called: its own description, else its chapter's title."""
    return known.get(code) or chapter_titles(lang).get(code[:2], "")


def distinct_labels(codes: list[str], known: dict[str, str], lang: str = "en"
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


def search(text: str, lang: str = "en", *, warehouse: Path | None = None) -> list[ProductHit]:
    """Products whose code starts with the digits typed, or whose title holds every word
    typed (sections and chapters in English and Russian; loaded HS6 descriptions in English)."""
    text = text.strip()
    if not text:
        return []
    known = descriptions(warehouse=warehouse)
    russian = chapter_titles("ru")
    candidates = {c: f"{t} · {russian.get(c, '')}" for c, t in hs_chapters().items()}
    for s in sections():
        for chapter in list(candidates):
            if len(chapter) == 2 and s.chapter_from <= chapter <= s.chapter_to:
                # A chapter is found by the words of its section too, in both languages.
                candidates[chapter] += f" · {s.title_en} · {s.title_ru}"
    candidates.update(known)
    digits = text.replace(" ", "").replace(".", "")
    if digits.isdigit():
        found = [c for c in candidates if c.startswith(digits) or digits.startswith(c)]
    else:
        words = [w.casefold() for w in re.findall(r"\w+", text)]
        found = [c for c, t in candidates.items() if all(w in t.casefold() for w in words)]
    found.sort()
    return [ProductHit(c, len(c), title_of(c, known, lang),
                       getattr(section_of(c), "section", None))
            for c in found[:SEARCH_LIMIT]]


@dataclass(frozen=True)
class ProductYear:
    """A product's trade between the pair in one year, each way from one report."""

    year: int
    exports: float | None  # reporter -> partner
    imports: float | None  # partner -> reporter
    reports: dict[str, str]
    sources: str


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
