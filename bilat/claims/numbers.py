"""Numbers as releases write them: digits, words and scale words, in English and Russian.

"$4.4bn", "14.7 thousand", "1,200", "1 175", "4,4 млрд", "2 тыс.", "Eleven", "четыре",
"полтора миллиарда". Values are exact decimals; each number keeps its precision (the step of its
last written digit, scaled), which the checks use as the tolerance of a stated figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
}
_RU_STEMS = [
    # (value, forms) — every case a release uses
    (1, "один одна одно одного одной одному одним одном"),
    (2, "два две двух двум двумя"),
    (3, "три трех трёх трем трём тремя"),
    (4, "четыре четырех четырёх четырем четырём четырьмя"),
    (5, "пять пяти пятью"), (6, "шесть шести шестью"), (7, "семь семи семью"),
    (8, "восемь восьми восемью"), (9, "девять девяти девятью"), (10, "десять десяти десятью"),
    (11, "одиннадцать одиннадцати"), (12, "двенадцать двенадцати"),
    (13, "тринадцать тринадцати"), (14, "четырнадцать четырнадцати"),
    (15, "пятнадцать пятнадцати"), (16, "шестнадцать шестнадцати"),
    (17, "семнадцать семнадцати"), (18, "восемнадцать восемнадцати"),
    (19, "девятнадцать девятнадцати"), (20, "двадцать двадцати"), (30, "тридцать тридцати"),
    (40, "сорок сорока"), (50, "пятьдесят пятидесяти"), (60, "шестьдесят шестидесяти"),
    (70, "семьдесят семидесяти"), (80, "восемьдесят восьмидесяти"), (90, "девяносто девяноста"),
    (100, "сто ста"),
]
RU_WORDS = {form: value for value, forms in _RU_STEMS for form in forms.split()}
RU_WORDS.update({"полтора": 1.5, "полторы": 1.5, "полутора": 1.5})

SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "b": 10**9, "mln": 10**6, "mn": 10**6, "m": 10**6, "k": 10**3, "tn": 10**12,
    "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "тысячу": 10**3,
    "млн": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6,
    "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
    "трлн": 10**12, "триллион": 10**12, "триллиона": 10**12, "триллионов": 10**12,
}
# Scale words after a space; the short ones also glued to the digits ("$18bn", "$217m").
_SCALE_WORD = (r"thousand|million|billion|trillion|bn|mln|mn|tn"
               r"|тыс\.?|тысяч[аиу]?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?"
               r"|трлн\.?|триллион(?:а|ов)?")
_GLUED_SCALE = r"bn|mln|mn|m|b|k|tn"

_DIGITS = re.compile(
    r"(?<![\w.,\-])"
    r"(?P<int>\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?!\d)|\d+)"
    r"(?P<frac>[.,]\d+(?![\d]))?"
    r"(?:(?P<glued>" + _GLUED_SCALE + r")(?![\w])"
    r"|\s?(?P<scale>" + _SCALE_WORD + r")(?:(?<=\.)|(?![\w]))"
    r"|(?![\w]))"
)
_WORD_ALTS = sorted([*EN_WORDS, *RU_WORDS], key=len, reverse=True)
_WORDS = re.compile(
    r"(?<![\w-])(?P<word>" + "|".join(re.escape(w) for w in _WORD_ALTS) + r")"
    r"(?:-(?P<unit>one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s(?P<scale>" + _SCALE_WORD + r")(?:(?<=\.)|(?![\w])))?(?![\w-])",
    re.I,
)
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th|-?[еяйгом]|-?(?:ого|ому|ым|ой|ая|ое|ий))\b",
                             re.I)


@dataclass(frozen=True)
class Number:
    """A number in the text: its value (scaled), its precision and where it is."""

    value: Decimal
    step: Decimal  # the unit of its last written digit, scaled: "4.4 billion" -> 0.1e9
    start: int
    end: int
    is_word: bool = False
    scaled: bool = False
    plain: bool = False  # four digits with no separator: could be a year

    @property
    def is_year(self) -> bool:
        return self.plain and 1990 <= self.value <= 2100


def _scale(word: str | None) -> int:
    if not word:
        return 1
    return SCALES[word.lower().rstrip(".")]


def parse_digits(integer: str, fraction: str | None, lang: str) -> tuple[Decimal, Decimal]:
    """The value and step of a written number: '1,200' (en), '1,2' and '1 175' (ru)."""
    if "," in integer and lang == "ru":
        # Russian writes the decimal with a comma: "1,507 млрд" is 1.507, not 1507.
        head, _, tail = integer.partition(",")
        integer, fraction = head, "," + tail + (fraction or "").replace(",", "")
    digits = re.sub(r"[,\s\u00a0\u202f\u2009]", "", integer)
    if fraction:
        decimals = fraction[1:]
        return Decimal(f"{digits}.{decimals}"), Decimal(1).scaleb(-len(decimals))
    return Decimal(digits), Decimal(1)


def find_numbers(text: str, lang: str) -> list[Number]:
    """Every cardinal number in the text with its scale word; ordinals ("21st", "12-е") are left out."""
    out: list[Number] = []
    for m in _DIGITS.finditer(text):
        if _ORDINAL_SUFFIX.match(text[m.end():m.end() + 4]) and not (m["glued"] or m["scale"]):
            continue
        value, step = parse_digits(m["int"], m["frac"], lang)
        scale = _scale(m["glued"] or m["scale"])
        out.append(Number(value * scale, step * scale, m.start(), m.end(), scaled=scale != 1,
                          plain=scale == 1 and not m["frac"] and m["int"].isdigit()))
    taken = [(n.start, n.end) for n in out]
    for m in _WORDS.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        word = m["word"].lower()
        base = EN_WORDS.get(word, RU_WORDS.get(word))
        if m["unit"]:
            base += EN_WORDS[m["unit"].lower()]
        value = Decimal(str(base))
        scale = _scale(m["scale"])
        step = Decimal("0.1") if value != value.to_integral_value() else Decimal(1)
        out.append(Number(value * scale, step * scale, m.start(), m.end(), is_word=True,
                          scaled=scale != 1))
    return sorted(out, key=lambda n: n.start)
