"""The claims vocabulary: indicators, units, qualifiers and the countries a release names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilat.core.countries import CENTRAL_ASIA as REGION_OF_CENTRAL_ASIA


@dataclass(frozen=True)
class Indicator:
    """One kind of quantitative claim, with its unit, its kind and whether statistics check it."""

    name: str
    unit: str
    core: bool
    kind: str  # flow, growth, share, change, target, stock, event, rank
    directional: bool = False


def _indicators(core: bool, rows: str) -> dict[str, Indicator]:
    out = {}
    for line in rows.strip().splitlines():
        name, unit, kind, *flags = line.split()
        out[name] = Indicator(name, unit, core, kind, directional="directional" in flags)
    return out


# Core: checkable against the trade statistics and the project registry.
CORE = _indicators(True, """
trade_turnover                  USD      flow
trade_turnover_growth_pct       percent  growth
trade_turnover_target           USD      target
trade_potential                 USD      target
exports                         USD      flow    directional
exports_growth_pct              percent  growth  directional
imports                         USD      flow    directional
imports_growth_pct              percent  growth  directional
share_of_regional_trade_pct     percent  share
share_of_total_trade_pct        percent  share   directional
share_of_total_trade_change_pp  percentage_points change directional
contracts_value                 USD      event
export_increase_target          USD      target  directional
projects_count                  projects stock
projects_value                  USD      stock
projects_completed_count        projects stock
projects_completed_value        USD      stock
projects_in_progress_count      projects stock
projects_in_progress_value      USD      stock
projects_planned_count          projects stock
projects_planned_value          USD      stock
projects_pipeline_value         USD      stock
jobs                            jobs     stock
jobs_created                    jobs     stock
investment                      USD      flow    directional
fund_capital                    USD      stock
""")

OTHER = _indicators(False, """
production_capacity             tonnes_per_year stock
area                            hectares stock
export_commodity_items          items    stock
enterprises_count               enterprises stock
participants_count              people   event
meetings_count                  meetings event
meetings_count_igc              meetings stock
partner_rank                    rank     rank    directional
""")

INDICATORS: dict[str, Indicator] = {**CORE, **OTHER}

UNITS = ("USD", "KZT", "percent", "percentage_points", "jobs", "projects", "tonnes_per_year",
         "hectares", "items", "items_per_month", "meetings", "people", "rank", "enterprises")

QUALIFIERS = ("exact", "more_than", "about", "less_than")

# Growth claims and the value they grow, both ways.
GROWTH_OF = {"trade_turnover_growth_pct": "trade_turnover", "exports_growth_pct": "exports",
             "imports_growth_pct": "imports"}
# A count and its value ("69 projects worth $3.1 billion").
VALUE_OF_COUNT = {"projects_count": "projects_value",
                  "projects_completed_count": "projects_completed_value",
                  "projects_in_progress_count": "projects_in_progress_value",
                  "projects_planned_count": "projects_planned_value"}


def is_core(indicator: str) -> bool:
    """Whether statistics or the registry can check this indicator."""
    return INDICATORS[indicator].core


# ---- Qualifiers: the words before a number, English and Russian -----------------------------

QUALIFIER_WORDS = {
    "more_than": r"more\s+than|over|exceed(?:ed|s|ing)?|at\s+least|above|upwards\s+of|topp?(?:ed|s)"
                 r"|более(?:\s+чем)?|свыше|больше|превысил[аои]?|превышает|не\s+менее|сверх",
    "about": r"about|approximately|around|nearly|almost|some|roughly|close\s+to|an\s+estimated"
             r"|около|почти|порядка|примерно|приблизительно|без\s+малого",
    "less_than": r"less\s+than|under|just\s+under|below|up\s+to|fewer\s+than|не\s+более"
                 r"|менее|меньше|до|не\s+превышает",
}
# "almost" and "nearly" say the figure was not reached: [0.9 v, v] rather than about's ±10 %.
BELOW_WORDS = re.compile(r"\b(?:almost|nearly|почти|без\s+малого)\s*$", re.I)


# ---- Countries ------------------------------------------------------------------------------

COUNTRY_PATTERNS = {
    "KZ": r"Kazakh\w*|Казахстан\w*|казахстанск\w*|Qazaq\w*",
    "UZ": r"Uzbek\w*|Узбекистан\w*|узбекистанск\w*|узбекск\w*",
    "KG": r"Kyrgyz\w*|Кыргызстан\w*|кыргызск\w*|Киргиз\w*|киргизск\w*",
    "TJ": r"Tajik\w*|Таджикистан\w*|таджикск\w*",
    "TM": r"Turkmen\w*|Туркменистан\w*|туркменск\w*",
    "CN": r"China|Chinese|PRC|Китай\w*|Китая|КНР|китайск\w*",
    "RU": r"Russia\w*|Росси[яиюей]\w*|российск\w*",
    "TR": r"Türkiye\w*|Turkey\w*|Turkish|Турци\w*|турецк\w*",
    "AZ": r"Azerbaijan\w*|Азербайджан\w*",
    "KR": r"(?:South\s+)?Korea\w*|Коре[яие]\w*|корейск\w*",
    "DE": r"German\w*|Германи\w*|немецк\w*",
    "HU": r"Hungar\w*|Венгри\w*|венгерск\w*",
    "AE": r"UAE|United\s+Arab\s+Emirates|ОАЭ|Эмират\w*",
    "AF": r"Afghan\w*|Афганистан\w*|афганск\w*",
    "PK": r"Pakistan\w*|Пакистан\w*|пакистанск\w*",
    "IN": r"India\b|Indian|Инди[яиюей]\b|индийск\w*",
    "IR": r"Iran\w*|Иран\w*",
    "BY": r"Belarus\w*|Беларус\w*|белорусск\w*",
    "MN": r"Mongolia\w*|Монголи\w*|монгольск\w*",
    "JP": r"Japan\w*|Япони\w*|японск\w*",
    "US": r"United\s+States|USA|США|American",
}
COUNTRY_RE = re.compile(
    "|".join(f"(?P<{code}>(?<!\\w)(?:{pattern}))" for code, pattern in COUNTRY_PATTERNS.items()))
# "US$" and "долл. США" name a currency, not the United States.
NOT_A_COUNTRY = re.compile(r"US\$|долл(?:\.|аров)?\s+США|USD", re.I)

CENTRAL_ASIA = tuple(sorted(REGION_OF_CENTRAL_ASIA.countries))
REGION_WORDS = re.compile(r"Central\s+Asia\w*|Центральн\w+\s+Ази\w*|region\w*|регион\w*", re.I)


def country_mentions(text: str) -> list[tuple[str, int, int]]:
    """Each country named in the text, as (ISO alpha-2, start, end)."""
    blocked = [m.span() for m in NOT_A_COUNTRY.finditer(text)]
    out = []
    for m in COUNTRY_RE.finditer(text):
        if any(s <= m.start() < e for s, e in blocked):
            continue
        out.append((m.lastgroup, m.start(), m.end()))
    return out
