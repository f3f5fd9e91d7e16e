"""Extract the quantitative claims of a release: rules over numbers, units, periods and countries.

``extract_claims(text, published=..., lang=...)`` finds each figure the release states about
the bilateral relationship (trade, projects, jobs, targets…), gives it an indicator of the
vocabulary, a value in base units, a period resolved against the publication date, a qualifier
and the countries, and merges repeated mentions of one claim. Numbers that are not claims —
dates, ordinal meeting numbers, plan periods, a mosque for 5,000 people — are left out.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from bilat.claims import lexicon as L
from bilat.claims.context import (
    Mention,
    Release,
    from_to,
    left_of,
    qualifier,
    resolve_countries,
    resolve_periods,
)
from bilat.claims.numbers import Number, find_numbers
from bilat.claims.reading import detect_language
from bilat.claims.vocabulary import BELOW_WORDS, INDICATORS, VALUE_OF_COUNT


@dataclass
class Claim:
    """One quantitative claim of a document, as the issue defines it."""

    indicator: str
    value: float
    unit: str
    period: str
    base_period: str | None
    qualifier: str
    countries: list[str]
    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


# ---- Finding the figures --------------------------------------------------------------------

def _figures(doc: Release) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    numbers = find_numbers(text, doc.lang)
    for n in numbers:
        after = text[n.end:n.end + 60]
        before = left_of(text, n.start, 12)
        start, end, unit, noun = n.start, n.end, None, None
        if m := L.CURRENCY_BEFORE.search(before):
            start, unit = n.start - len(m.group()), "USD"
            if c := L.CURRENCY_AFTER.match(after):
                end += c.end()
        elif c := L.CURRENCY_AFTER.match(after):
            unit, end = ("KZT" if c["kzt"] else "USD"), n.end + c.end()
        elif m := L.POINTS_AFTER.match(after):
            unit, end = "percentage_points", n.end + m.end()
        elif m := L.PERCENT_AFTER.match(after):
            unit, end = "percent", n.end + m.end()
        elif n.is_year:
            continue
        elif n.is_word and n.value == 1 and not n.scaled:
            continue  # "one of the large projects", "one of the largest partners"
        else:
            for family, family_unit, pattern in L.NOUN_RE:
                m = pattern.match(after.lstrip()) if after[:1].isspace() else None
                if m and not L.GAP_STOP.search(m["gap"]) and not re.search(r"(?<!\w)\d", m["gap"]):
                    unit, noun = family_unit, family
                    end = n.end + (len(after) - len(after.lstrip())) + m.end()
                    break
            if unit is None and L.OF_THEM.match(after):
                noun, unit = "of_them", None
        if unit is None and noun is None:
            continue
        if unit in ("USD", "KZT") and not n.scaled and n.value < 1000 and n.is_word:
            continue
        out.append(Mention(n, start, end, unit, noun, doc.sentence_of(n.start)))
    return out


def _ranks(doc: Release) -> list[Mention]:
    out = []
    pattern = L.RANK_RU if doc.lang == "ru" else L.RANK_EN
    for m in pattern.finditer(doc.text):
        if re.search(r"(?:one\s+of\s+(?:the|its)|одн\w+\s+из)\s*$", left_of(doc.text, m.start(), 30),
                     re.I):
            continue
        if doc.lang == "ru":
            sentence = doc.sentences[doc.sentence_of(m.start())]
            s_text = doc.text[sentence.start:sentence.end]
            if m["ord"] and not re.search(r"партн[её]р|торговл|товарооборот", s_text, re.I):
                continue
            if m["ord"]:
                span = (m.start(), m.end())  # "второе место"
            elif m["ordp"]:  # "вторым торговым партнером": the ordinal word
                span = (m.start("ordp"), m.start("ordp") + len(
                    re.match(r"\w+", doc.text[m.start("ordp"):]).group()))
            else:
                span = (m.start("largest"), m.end("largest"))
        else:
            span = (m.start("ord"), m.end("ord")) if m["ord"] else (m.start("largest"),
                                                                     m.end("largest"))
        word = (m["ord"] or m.groupdict().get("ordp") or "first").lower()
        value = next((v for k, v in L.ORDINALS.items() if word.startswith(k)), None)
        if value is None:
            value = int(re.match(r"\d+", word).group())
        number = Number(Decimal(value), Decimal(1), span[0], span[1])
        out.append(Mention(number, span[0], span[1], "rank", "rank",
                            doc.sentence_of(span[0]), indicator="partner_rank"))
    return out


# ---- Indicators ---------------------------------------------------------------------------

def _family_before(text: str) -> str | None:
    return _family_at(text)[0]


def _family_at(text: str) -> tuple[str | None, int]:
    """The last indicator family named in the text, and where."""
    last, at = None, -1
    for m in L.FAMILY_RE.finditer(text):
        last, at = m.lastgroup, m.start()
    return last, at


def _status(window: str) -> str:
    for name, pattern in L.STATUS:
        if pattern.search(window):
            return name
    return "total"


def _project_indicator(status: str, kind: str) -> str:
    if status == "pipeline":
        return "projects_pipeline_value"
    prefix = {"total": "projects", "completed": "projects_completed",
              "in_progress": "projects_in_progress", "planned": "projects_planned"}[status]
    return f"{prefix}_{kind}"


def _classify(doc: Release, mentions: list[Mention]) -> None:
    text = doc.text
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    previous_money: str | None = None
    for index in sorted(by_sentence):
        sentence = doc.sentences[index]
        s_text = text[sentence.start:sentence.end]
        group = sorted(by_sentence[index], key=lambda m: m.start)
        last_count: Mention | None = None
        for i, m in enumerate(group):
            prev_end = group[i - 1].end if i else sentence.start
            next_start = group[i + 1].start if i + 1 < len(group) else sentence.end
            left = text[prev_end:m.start]
            sentence_left = text[sentence.start:m.start]
            right = text[m.end:next_start]
            clause_left = re.split(r"[;,]", left)[-1]
            if m.indicator:  # ranks
                continue
            if m.unit in ("USD", "KZT"):
                m.indicator = _money_indicator(doc, m, left, sentence_left, right, s_text,
                                               last_count, previous_money)
                if m.indicator:
                    previous_money = m.indicator
            elif m.unit in ("percent", "percentage_points"):
                _percent(m, left, sentence_left, text[m.end:m.end + 30], s_text, previous_money)
            elif m.noun in ("projects", "of_them"):
                if m.noun == "of_them":
                    if not last_count:
                        continue
                    m.unit, m.noun = last_count.unit, last_count.noun
                    if m.noun != "projects":
                        continue
                later = [g for g in group[i + 1:] if g.noun in ("projects", "of_them")]
                window_end = later[0].start if later else sentence.end
                status = _status(clause_left + text[m.start:window_end])
                if later and (later[0].noun == "of_them" or L.OF_WHICH.search(
                        text[max(m.end, later[0].start - 25):later[0].start])):
                    status = "total"  # "47 projects…; eight of them have been commissioned"
                if status == "total" and L.PIPELINE.search(text[m.start:window_end]):
                    status = "planned"
                m.status = status
                m.indicator = _project_indicator(status, "count")
                last_count = m
            elif m.noun == "jobs":
                status = last_count.status if last_count else _status(s_text)
                created = L.JOBS_CREATED.search(clause_left + text[m.start:m.end] + right) or (
                    L.JOBS_CREATING.search(left) and status == "completed")
                if re.search(r"will\s+create|будет\s+создан|будут\s+создан|позволит\s+создать"
                             r"|планируется\s+создать", left, re.I):
                    created = None
                m.indicator = "jobs_created" if created else "jobs"
            elif m.noun == "enterprises":
                m.indicator = "enterprises_count"
            elif m.noun == "people":
                if L.PARTICIPATION.search(s_text):
                    m.indicator = "participants_count"
            elif m.noun == "meetings":
                m.indicator = ("meetings_count_igc" if L.IGC.search(left + right)
                               and not re.search(r"B2B|business", s_text, re.I)
                               else "meetings_count")
            elif m.noun == "times":
                if L.IGC.search(s_text) and re.search(r"\bmet\b|meet|собирал\w*|заседал\w*|провел\w*",
                                                    s_text, re.I):
                    m.indicator = "meetings_count_igc"
            elif m.noun == "items":
                m.indicator = "export_commodity_items"
            elif m.noun == "hectares":
                m.indicator = "area"
            elif m.noun in ("tonnes", "per_month"):
                if m.noun == "per_month" or L.CAPACITY.search(s_text):
                    m.indicator = "production_capacity"
                    if m.noun == "tonnes":
                        year = re.match(r"^\s*(?:of\s+[\w\s]{0,30}?)?(?:per\s+year|a\s+year"
                                        r"|annually|в\s+год)", text[m.end:m.end + 50], re.I)
                        if year and year.group().startswith((" в", " per", " a ", " ann")):
                            m.end += year.end()


def _money_indicator(doc, m, left, sentence_left, right, s_text, last_count, previous_money):
    before = left_of(doc.text, m.start, 110)
    since_sentence = before[-(m.start - doc.sentences[m.sentence].start):] if (
        m.start - doc.sentences[m.sentence].start) < 110 else before
    if L.TARGET_BEFORE.search(since_sentence) and (L.TARGET_CUE.search(s_text)
                                                 or L.TARGET_BEFORE.search(left)):
        family = _family_before(since_sentence)
        return "export_increase_target" if family == "exports" and L.INCREASE_BY.search(
            since_sentence) else "trade_turnover_target"
    if L.INCREASE_BY.search(since_sentence) and L.TARGET_CUE.search(s_text) and \
            _family_before(since_sentence) == "exports":
        return "export_increase_target"
    if L.POTENTIAL.search(sentence_left) and not re.search(r"export\s+potential", sentence_left,
                                                         re.I):
        return "trade_potential"
    if L.FUND.search(s_text) and L.CAPITAL.search(s_text):
        return "fund_capital"
    if last_count is not None and L.WORTH.search(left) and not L.PIPELINE.search(left):
        return VALUE_OF_COUNT.get(last_count.indicator)
    if L.PROJECT_NOUNS.search(sentence_left) and (
            L.WORTH.search(left) or L.PIPELINE.search(left)) and not L.CONTRACTS.search(left):
        status = "pipeline" if L.PIPELINE.search(s_text) else _status(s_text)
        if status == "total":
            status = _status(_previous_sentence(doc, m.sentence))
        return _project_indicator(status, "value")
    if L.CONTRACTS.search(s_text) and L.SIGNED.search(s_text):
        return "contracts_value"
    family = _family_before(left) or _family_before(sentence_left)
    if family is None and L.CONTRACTS.search(right) and L.SIGNED.search(right + left):
        return "contracts_value"
    if family is None:
        family = _family_before(right)
    if family is None and L.ANAPHORA.search(sentence_left):
        family = previous_money
    return family


def _previous_sentence(doc: Release, index: int) -> str:
    if index == 0 or doc.sentences[index - 1].paragraph != doc.sentences[index].paragraph:
        return ""
    s = doc.sentences[index - 1]
    return doc.text[s.start:s.end]


def _percent(m: Mention, left: str, sentence_left: str, after: str, s_text: str,
             previous_money: str | None) -> None:
    near = left[-60:]
    down = L.GROWTH_DOWN.search(near) or L.DOWN_AFTER.match(after) or near.rstrip().endswith("-")
    up = L.GROWTH_UP.search(near) or L.GROWTH_AFTER.match(after) or near.rstrip().endswith("+")
    if m.unit == "percentage_points":
        if L.SHARE.search(s_text):
            m.indicator = "share_of_total_trade_change_pp"
            m.sign = -1 if down and not (up and up.start() > down.start()) else 1
        return
    if (up or down) and not (L.SHARE.search(near) and not (up or down)):
        if down and up:
            down = down if down.start() > up.start() else None
        family, at = _family_at(sentence_left)
        blockers = [b.start() for b in L.NOT_TRADE.finditer(sentence_left)]
        if blockers and blockers[-1] > at:
            return  # "cargo transportation grew by 62%": not a trade flow
        if family is None and L.ANAPHORA.search(sentence_left):
            family = previous_money
        if family not in ("trade_turnover", "exports", "imports"):
            return
        m.indicator = {"trade_turnover": "trade_turnover_growth_pct",
                       "exports": "exports_growth_pct", "imports": "imports_growth_pct"}[family]
        m.sign = -1 if down else 1
    elif L.SHARE.search(s_text):
        # A share names its denominator; "90% of the total" names none the vocabulary knows.
        if L.SHARE_OF_TOTAL.search(s_text):
            m.indicator = "share_of_total_trade_pct"
        elif L.REGION.search(s_text):
            m.indicator = "share_of_regional_trade_pct"


# ---- The whole pipeline -------------------------------------------------------------------

def extract_claims(text: str, *, published: date, lang: str | None = None,
                   home: str | None = None) -> list[Claim]:
    """The quantitative claims of a release, each once, in the order of their first mention."""
    doc = Release(text, published, lang or detect_language(text), home)
    mentions = _figures(doc) + _ranks(doc)
    _classify(doc, mentions)
    mentions = [m for m in mentions if m.indicator]
    for m in mentions:
        if INDICATORS[m.indicator].unit == "USD" and m.unit == "KZT":
            continue
        if m.unit in ("USD", "KZT", "percent", "percentage_points", "rank"):
            continue
        m.unit = m.unit or INDICATORS[m.indicator].unit
    resolve_periods(doc, mentions)
    from_to(doc, mentions)
    resolve_countries(doc, mentions)
    claims = []
    for m in sorted(mentions, key=lambda x: x.start):
        claims.append((m, Claim(
            indicator=m.indicator, value=float(m.value), unit=m.unit, period=m.period,
            base_period=m.base_period, qualifier=qualifier(doc, m), countries=m.countries,
            text=text[m.start:m.end], start=m.start, end=m.end)))
    return _merge(claims)


def _merge(claims: list[tuple[Mention, Claim]]) -> list[Claim]:
    """Repeated mentions are one claim: the first mention's span, the most explicit period."""
    explicit = {}
    for m, c in claims:
        if m.explicit:
            explicit.setdefault((c.indicator, c.value), c)
    claims = [(m, c) for m, c in claims if not _rounds_a_later_figure(m, c, claims)]
    out: dict[tuple, Claim] = {}
    for m, c in claims:
        if not m.explicit and (c.indicator, c.value) in explicit:
            known = explicit[(c.indicator, c.value)]
            c.period, c.base_period = known.period, known.base_period
        key = (c.indicator, c.value, c.period, c.unit)
        if key in out and out[key].qualifier == "exact":
            out[key].qualifier = c.qualifier  # a headline rounds: "$6 bn" then "about $6 bn"
        out.setdefault(key, c)
    return list(out.values())


def _rounds_a_later_figure(m: Mention, c: Claim, claims: list[tuple[Mention, Claim]]) -> bool:
    """A headline's "almost 40%" for the body's 39.6%: one claim, the body's figure."""
    if m.sentence != 0 or c.qualifier == "exact":
        return False
    for _other_m, other in claims:
        if other is c or other.indicator != c.indicator or other.period != c.period:
            continue
        low, high = (0.9 * c.value, c.value) if c.qualifier in ("about", "less_than") else (
            c.value, 1.1 * c.value)
        if c.qualifier == "about":
            high = 1.1 * c.value
        if low <= other.value <= high and other.value != c.value:
            return True
    return False


def below_stated(text: str, claim: Claim) -> bool:
    """Whether the words before a claim say the figure was not quite reached ("almost")."""
    return bool(BELOW_WORDS.search(text[max(0, claim.start - 20):claim.start]))
