"""Paragraphs and sentences of a release, as character spans of the original text.

Releases glue sentences together ("joint production.In the field of…"), write abbreviations
with a full stop ("2 тыс. предприятий", "долл. США") and decimals with one ("4.5"): a sentence
ends at a full stop, question or exclamation mark followed by a capital letter, with or without
a space, unless the stop ends an abbreviation or sits between two digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters with the same length, so offsets in the normalised text are offsets in the original.
_SAME_LENGTH = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
                              "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2212": "-",
                              "\u2011": "-", "\r": "\n", "\t": " "})

ABBREVIATIONS = {
    "г", "гг", "тыс", "млн", "млрд", "трлн", "долл", "руб", "т", "ед", "др", "пр", "см", "им",
    "ул", "обл", "р-н", "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e.g", "i.e", "u.s",
    "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "mln", "bn",
}
_END = re.compile(r"[.!?…]+(?=\s*[\"«“”'(]?[A-ZА-ЯЁ0-9])")


@dataclass(frozen=True)
class Span:
    """A stretch of the text: a paragraph or a sentence."""

    start: int
    end: int
    paragraph: int = 0


def normalise(text: str) -> str:
    """The text with no-break spaces, curly apostrophes and minus signs made plain, same length."""
    return text.translate(_SAME_LENGTH)


def paragraphs(text: str) -> list[Span]:
    """Each non-empty line is a paragraph (releases put one paragraph on a line)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            lead = len(m.group()) - len(m.group().lstrip())
            out.append(Span(m.start() + lead, m.end(), len(out)))
    return out


def sentences(text: str) -> list[Span]:
    """The sentences of the text, each with the index of its paragraph."""
    out = []
    for para in paragraphs(text):
        start = para.start
        for m in _END.finditer(text, para.start, para.end):
            word = re.search(r"([\w.\-]+)$", text[start:m.start()])
            before = word.group(1).lower() if word else ""
            if before.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-ZА-Я]", before.upper()) \
                    and len(before) == 1:
                continue
            if m.group() == "." and text[m.start() - 1:m.start()].isdigit() \
                    and text[m.end():m.end() + 1].isdigit():
                continue
            out.append(Span(start, m.end(), para.paragraph))
            start = m.end()
            while start < para.end and text[start] == " ":
                start += 1
        if start < para.end:
            out.append(Span(start, para.end, para.paragraph))
    return out
