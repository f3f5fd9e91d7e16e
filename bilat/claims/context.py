"""The context of a figure in a release: its sentence, period, countries and qualifier."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bilat.claims import periods as P
from bilat.claims.lexicon import (
    DENOMINATOR_AFTER,
    DENOMINATOR_BEFORE,
    FAMILY_RE,
    HOME_WORDS,
    PLANNED_SPEND,
    PRESENT,
    SUBCLAUSE,
)
from bilat.claims.numbers import Number
from bilat.claims.segments import Span, normalise, sentences
from bilat.claims.vocabulary import INDICATORS, QUALIFIER_WORDS, country_mentions


@dataclass
class Mention:
    """A figure on its way to a claim, with what the rules need to know about it."""

    number: Number
    start: int
    end: int
    unit: str | None
    noun: str | None = None  # the count's noun family: projects, jobs, enterprises…
    sentence: int = 0
    indicator: str | None = None
    sign: int = 1
    period: str | None = None
    explicit: bool = True
    base_period: str | None = None
    countries: list[str] = field(default_factory=list)
    status: str | None = None

    @property
    def value(self) -> Decimal:
        return self.number.value * self.sign


def left_of(text: str, pos: int, width: int = 80) -> str:
    return text[max(0, pos - width):pos]


class Release:
    """The state of one extraction: the text, its sentences, periods and countries."""

    def __init__(self, text: str, published: date, lang: str, home: str | None):
        self.raw = text
        self.text = normalise(text)
        self.published = published
        self.lang = lang
        self.sentences = sentences(self.text)
        self.periods = P.find_periods(self.text, published=published, lang=lang)
        self.countries = country_mentions(self.text)
        counts = Counter(code for code, _, _ in self.countries)
        first = {}
        for code, start, _ in self.countries:
            first.setdefault(code, start)
        ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))
        self.pair = sorted(ranked[:2])
        pair_by_position = sorted(ranked[:2], key=lambda c: first[c])
        self.home = home or (pair_by_position[0] if pair_by_position else None)

    def sentence_of(self, pos: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= pos < s.end:
                return i
        return len(self.sentences) - 1

    def other(self, code: str) -> str | None:
        rest = [c for c in self.pair if c != code]
        return rest[0] if rest else None

    def pair_from(self, first: str | None) -> list[str]:
        if not first:
            return list(self.pair)
        other = self.other(first)
        return [first, other] if other else [first]


# ---- Periods ------------------------------------------------------------------------------

def _periods_in(doc: Release, start: int, end: int, roles: tuple[str, ...]) -> list:
    return [p for p in doc.periods if start <= p.start < end and p.role in roles]


def _nearest(mentions: list, pos: int):
    return min(mentions, key=lambda p: min(abs(p.start - pos), abs(p.end - pos)), default=None)


def resolve_periods(doc: Release, mentions: list[Mention]) -> None:
    text = doc.text
    resolved_by_paragraph: dict[int, list[Mention]] = {}
    last_flow: Mention | None = None
    for m in sorted(mentions, key=lambda x: x.start):
        s = doc.sentences[m.sentence]
        paragraph = s.paragraph
        info = INDICATORS[m.indicator]
        clause_start = max([s.start] + [s.start + x.end() for x in
                                        re.finditer(";", text[s.start:m.start])])
        clause_end = s.end
        semi = text.find(";", m.end, s.end)
        if semi >= 0:
            clause_end = semi
        kind = info.kind
        if m.indicator == "investment" and PLANNED_SPEND.search(text[s.start:s.end]):
            kind = "stock"
        if kind == "target" or (m.indicator.startswith("projects_planned")):
            target = _nearest(_periods_in(doc, s.start, s.end, ("target",)), m.start)
            if target:
                m.period = target.value
            elif kind == "target":
                by = _periods_in(doc, m.end, s.end, ("period",))
                m.period, m.explicit = "unspecified", False
                if by and P.first_year(by[0].value or "") and re.match(
                        r"^\s*(?:by|к|до)\b", text[m.end:by[0].start], re.I):
                    m.period, m.explicit = by[0].value, True
            if m.period:
                continue
        if m.indicator == "fund_capital" and re.search(
                r"propos\w*|to\s+create|will\s+be\s+created|предлож\w*|создать", text[s.start:m.start],
                re.I):
            m.period = "unspecified"
            continue
        if kind in ("stock", "event"):
            # A stock takes a period from its own part of the sentence: in "1,000 companies
            # work in Uzbekistan, and investment over 30 years exceeded $7 bn" the span is not
            # the companies'.
            sub_start, sub_end = _subclause(text, s, m)
            roles = ("period", "asof", "duration")
            found = _nearest([p for p in _periods_in(doc, sub_start, sub_end, roles) if p.value],
                             m.start)
            if found and found.value:
                m.period = found.value
            else:
                m.period, m.explicit = f"asof:{doc.published.isoformat()}", False
            continue
        if kind in ("share", "rank", "change"):
            sub_start, sub_end = _subclause(text, s, m)
            own = _periods_in(doc, sub_start, sub_end, ("period",))
            if own:
                m.period = _nearest(own, m.start).value
            elif PRESENT.search(text[sub_start:sub_end]):
                m.period = f"asof:{doc.published.isoformat()}"
            else:
                preceding = _periods_in(doc, s.start, m.start, ("period",))
                earlier = resolved_by_paragraph.get(paragraph, [])
                if preceding:
                    m.period = preceding[-1].value
                elif earlier:
                    m.period = earlier[-1].period
                elif last_flow is not None:
                    m.period = last_flow.period  # a past-tense share of the figures just given
                else:
                    m.period, m.explicit = f"asof:{doc.published.isoformat()}", False
            if kind == "change":
                m.base_period = P.shift(m.period, 1) if not m.period.startswith("asof") else None
            resolved_by_paragraph.setdefault(paragraph, []).append(m)
            continue
        # Flows and growth: the clause, the sentence, the paragraph, then the document.
        flow_roles = ("period", "duration") if kind == "flow" else ("period",)
        in_clause = [p for p in _periods_in(doc, clause_start, clause_end, flow_roles) if p.value]
        before = [p for p in in_clause if p.start < m.start]
        in_sentence = [p for p in _periods_in(doc, s.start, s.end, flow_roles) if p.value]
        same_base = _periods_in(doc, clause_start, clause_end, ("base",))
        earlier = [e for e in resolved_by_paragraph.get(paragraph, [])
                   if INDICATORS[e.indicator].kind in ("flow", "growth")]
        if before:
            m.period = before[-1].value
        elif in_clause:
            m.period = in_clause[0].value
        elif same_base and kind == "flow" and (earlier or last_flow):
            ref = earlier[-1] if earlier else last_flow
            base = same_base[0]
            m.period = P.base_of(ref.period, base, None) if base.value else P.shift(ref.period,
                                                                                    base.years)
        elif in_sentence:
            m.period = _nearest(in_sentence, m.start).value
        elif earlier:
            m.period = earlier[-1].period
        else:
            later = [p for p in doc.periods if p.role == "period" and p.value and p.start > s.end
                     and _paragraph_of(doc, p.start) == paragraph]
            if later:
                m.period = later[0].value
            elif last_flow is not None:
                m.period = last_flow.period
            else:
                m.period, m.explicit = str(doc.published.year - 1), False
        if kind == "growth" or m.indicator == "share_of_total_trade_change_pp":
            m.base_period = _base(doc, m, s, earlier)
        resolved_by_paragraph.setdefault(paragraph, []).append(m)
        if kind in ("flow", "growth"):
            last_flow = m


def _subclause(text: str, s: Span, m: Mention) -> tuple[int, int]:
    """The part of the sentence around a figure, between ';', ', and', ', while', ', а'…"""
    sub = SUBCLAUSE.split(text[s.start:m.start])[-1]
    nxt = SUBCLAUSE.search(text, m.end, s.end)
    return m.start - len(sub), (nxt.start() if nxt else s.end)


def _paragraph_of(doc: Release, pos: int) -> int:
    return doc.sentences[doc.sentence_of(pos)].paragraph


def _base(doc: Release, m: Mention, s: Span, earlier: list[Mention]) -> str:
    bases = _periods_in(doc, s.start, s.end, ("base",))
    base = _nearest(bases, m.start)
    durations = [p for p in _periods_in(doc, s.start, s.end, ("duration",)) if p.years]
    if base is not None:
        return P.base_of(m.period, base if base.value else None, base.years)
    if durations:
        return P.shift(m.period, durations[0].years)
    paragraph_start = min(x.start for x in doc.sentences if x.paragraph == s.paragraph)
    before = [p for p in doc.periods if p.role == "duration" and p.years
              and paragraph_start <= p.start < s.start]
    if before:
        return P.shift(m.period, before[-1].years)
    return P.shift(m.period, 1)


def from_to(doc: Release, mentions: list[Mention]) -> None:
    """'increased by 56.9%: from $2 billion to $3.1 billion': the first value is the base's."""
    ordered = sorted(mentions, key=lambda x: x.start)
    for a, b, c in zip(ordered, ordered[1:], ordered[2:], strict=False):
        if a.indicator not in ("trade_turnover_growth_pct", "exports_growth_pct",
                               "imports_growth_pct") or a.sentence != b.sentence:
            continue
        if re.fullmatch(r"[\s:,]*(?:from|с)\s*", doc.text[a.end:b.start], re.I) and \
                re.fullmatch(r"\s*(?:to|до)\s*", doc.text[b.end:c.start], re.I):
            family = a.indicator.removesuffix("_growth_pct")
            b.indicator = c.indicator = family
            b.period, b.explicit = a.base_period, True
            c.period, c.explicit = a.period, True


# ---- Countries and qualifiers -------------------------------------------------------------

def resolve_countries(doc: Release, mentions: list[Mention]) -> None:
    text = doc.text
    reporter_in_sentence: dict[int, str] = {}
    previous_end: dict[int, int] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        info = INDICATORS[m.indicator]
        after_previous = previous_end.get(m.sentence, 0)
        previous_end[m.sentence] = m.end
        s = doc.sentences[m.sentence]
        if not info.directional:
            m.countries = list(doc.pair)
            continue
        if m.indicator in ("share_of_total_trade_pct", "share_of_total_trade_change_pp",
                           "partner_rank"):
            denominator = _denominator(doc, s) or doc.home
            m.countries = doc.pair_from(denominator)
            continue
        family = ("exports" if m.indicator.startswith("export") else "investment"
                  if m.indicator == "investment" else "imports")
        window_start = s.start
        for f in FAMILY_RE.finditer(text, s.start, m.start):
            if f.lastgroup == family:
                window_start = max(s.start, f.start() - 25, after_previous)
        reporter = _reporter(doc, family, window_start, m.start, s)
        if reporter is None and HOME_WORDS.search(text[window_start:m.start]):
            reporter = doc.home
        reporter = reporter or reporter_in_sentence.get(m.sentence) or doc.home
        reporter_in_sentence[m.sentence] = reporter
        m.countries = doc.pair_from(reporter)


def _reporter(doc: Release, family: str, start: int, end: int, s: Span) -> str | None:
    """Whose exports or imports: a preposition ("to", "from", "в", "из") says it best, then a
    country's name or adjective ("Kazakh exports", "Экспорт Узбекистана"), where an adjective
    of the goods ("импорт китайских товаров") names the other side."""
    text = doc.text
    prepositional, bare = [], []
    for code, c_start, c_end in doc.countries:
        if not start <= c_start < end:
            continue
        before = text[max(s.start, c_start - 6):c_start].lower()
        # Exports and investment go out from their reporter; imports come into it.
        outward = family in ("exports", "investment")
        into = r"(?:\bto|\bв|\binto|\bin)\s*$" if family == "investment" else \
            r"(?:\bto|\bв|\binto)\s*$"
        if re.search(into, before):
            prepositional.append(doc.other(code) if outward else code)
        elif re.search(r"(?:\bfrom|\bиз)\s*$", before):
            prepositional.append(code if outward else doc.other(code))
        elif re.match(r"\s+(?:товар\w*|продукци\w*|goods|products)", text[c_end:c_end + 12], re.I):
            bare.append(code if outward else doc.other(code))
        else:
            bare.append(code)
    found = [c for c in prepositional + bare if c]
    return found[0] if found else None


def _denominator(doc: Release, s: Span) -> str | None:
    text = doc.text
    for code, start, end in doc.countries:
        if not s.start <= start < s.end:
            continue
        if DENOMINATOR_AFTER.match(text[end:end + 40]) or DENOMINATOR_BEFORE.search(
                text[max(s.start, start - 25):start]):
            return code
    return None


def qualifier(doc: Release, m: Mention) -> str:
    if INDICATORS[m.indicator].kind == "target":
        return "exact"
    before = left_of(doc.text, m.start, 40)
    for name, words in QUALIFIER_WORDS.items():
        # "почти на 40%", "almost by 40%": the preposition of a change sits in between.
        if re.search(r"(?<!\w)(?:" + words + r")\s+(?:(?:на|by)\s+)?$", before, re.I) or \
                re.search(r"(?<!\w)(?:" + words + r")$", before, re.I):
            return name
    return "exact"


