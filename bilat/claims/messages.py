"""The checker's explanations as messages: a code and its parameters, worded in any language.

A message is a JSON-ready dict ``{"msg": code, "params": {...}}``. Its English wording is the
msgid of ``TEMPLATES[code]``; ``render(message, lang)`` looks the template up in the claims'
catalogue (bilat/claims/locale) and fills in the parameters, each worded in the same language:

* a string is shown as it is (a claim's text, a source, a reporter's code);
* ``{"n": value, "unit": unit}`` a figure as a release writes it ("$4.4 bn", "4,4 млрд долл.
  США"); ``"signed"`` instead of ``"n"`` puts "+" before a positive figure;
* ``{"range": [low, high], "unit": unit}`` the values a figure allows;
* ``{"pct": value}`` a relative change, one decimal and signed ("+2.3 %");
* ``{"date": "YYYY-MM-DD"}``, ``{"country": code}`` (``"case": "gen"`` in the genitive),
  ``{"indicator": name}``, ``{"period": period}``;
* ``{"reporter": code}`` whose figure a fact is: a country's code as it is, "registry" and
  "mirror" as words;
* ``{"named": {"en": …, "ru": …}, "code": code}`` a record of the registry (a portfolio rule, a
  target) by its name in the reader's language, in quotation marks, falling back as records do
  (``bilat.core.languages``); the checker's English keeps ``code`` when given;
* ``{"join": separator, "items": [...]}`` items joined (``"and"`` is a word, translated);
* ``{"quote": text}`` a quotation of the release ("'$4.5 billion'"), marked with the release's
  language on a page (``render_html``); ``render(..., quotes=False)`` words the message without
  it, through the template's ``.unquoted`` twin ("$4.5 bn (at 934)"): what the briefing pack
  writes in another language than the release's, since a Word paragraph or a PDF line cannot
  say that a few words in it are in another language;
* a nested message.

The English wording is the checker's: the command's JSON output and the stored explanation use
it, the pages, the API and the briefing pack word the message in their reader's language.
Figures outside English go through ``bilat.briefings.formatting`` (half-up, per language).
"""

from __future__ import annotations

import math
import re
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override, pgettext

from bilat.core.countries import COUNTRIES
from bilat.core.languages import LANGUAGES


def noop(message: str) -> str:
    """Marks a msgid for the catalogue (``makemessages -k noop``) without needing settings: the
    checker runs without Django configured."""
    return message


# Country names by code: the reference table's, and a few partners it does not hold.
NAMES = {**{c.code: c.name_en for c in COUNTRIES.values()}, "CN": "China", "RU": "Russia",
         "TR": "Türkiye", "AZ": "Azerbaijan", "KR": "Korea"}

# The languages the claims' catalogue (bilat/claims/locale) words every message in; a reader of
# a language not yet catalogued gets its fallback (Kazakh and Uzbek data texts fall back to
# Russian elsewhere), of any other language English.
FALLBACK = {"kk": "ru", "uz": "ru"}

TEMPLATES = {
    # checker
    "none": noop("No check applies to this claim."),
    "labelled": noop("[%(label)s: %(verdict)s] %(text)s"),
    "data_confirm": noop("This is the value the data confirm."),
    "check.two_values": noop("in the release"),
    "check.parts_sum": noop("parts and whole"),
    "check.growth": noop("growth rate"),
    "check.denominator": noop("denominator"),
    "check.earlier_release": noop("earlier release"),
    "check.data": noop("data"),
    "verdict.consistent": noop("consistent"),
    "verdict.inconsistent": noop("inconsistent"),
    "verdict.differs_by_reporter": noop("differs by reporter"),
    "verdict.not_checkable": noop("not checkable"),
    # two values
    "stated_at": noop("%(value)s (%(text)s at %(start)s)"),
    "stated_at.unquoted": noop("%(value)s (at %(start)s)"),
    "two_values.rounding": noop(
        "%(indicator)s for %(period)s is given as %(stated)s: two roundings of one figure."),
    "two_values.reporters": noop(
        "%(indicator)s for %(period)s is given as %(stated)s, each from another source "
        "(%(sources)s): two reporters, not a contradiction."),
    "two_values.apart": noop(
        "One claim with two values: %(indicator)s for %(period)s is given as %(stated)s; "
        "their ranges (%(ranges)s) do not meet, a gap of %(gap)s."),
    "the_release": noop("the release"),
    # parts and whole
    "parts.sum": noop("%(exports)s + %(imports)s = %(sum)s"),
    "parts.equal": noop("%(sum)s, the turnover stated (%(turnover)s)."),
    "parts.edge": noop(
        "%(sum)s, not %(turnover)s; the parts' rounding allows %(parts)s, so %(turnover)s "
        "fits only at its edge."),
    "parts.apart": noop(
        "%(sum)s; the parts allow %(parts)s, not the turnover of %(turnover)s stated."),
    # growth rates
    "growth.contradict": noop(
        "%(indicator)s %(value)s: the values it joins contradict each other whichever of "
        "them is taken."),
    "growth.missing": noop(
        "%(indicator)s %(value)s: the release gives no %(family)s for %(period)s, stated or "
        "derivable."),
    "growth.nominal": noop("%(value)s from the figures as stated, "),
    "growth.basis": noop(
        "%(family)s %(base_period)s %(then)s → %(period)s %(now)s"),
    "growth.holds": noop(
        "%(indicator)s %(value)s (%(base_period)s → %(period)s) holds within rounding: "
        "%(nominal)s%(implied)s allowed by %(basis)s."),
    "growth.fails": noop(
        "%(indicator)s %(value)s (%(base_period)s → %(period)s) does not follow from the "
        "values: %(nominal)s%(implied)s allowed by %(basis)s."),
    # against the data
    "data.not_core": noop(
        "%(indicator)s is not an indicator the statistics or the registry hold."),
    "data.tenge": noop(
        "%(indicator)s is given in tenge; the data are in US$ and bilat converts no currency."),
    "data.no_year": noop("%(indicator)s has no year to check against (%(period)s)."),
    "data.no_figure": noop(
        "No figure for %(indicator)s, %(period)s%(base)s, %(countries)s in the data."),
    "data.against": noop(" against %(period)s"),
    "data.fact": noop("%(value)s (%(reporter)s, %(source)s)"),
    "data.registry_fact": noop("%(value)s (%(source)s)"),
    "data.consistent": noop("%(value)s stated; the data: %(listed)s."),
    "data.differs": noop(
        "%(value)s is %(reporter)s's figure (%(source)s); %(others)s's own differs: "
        "%(listed)s."),
    "data.publisher": noop("the publisher"),
    "data.inconsistent": noop("%(value)s stated (%(range)s); the data: %(listed)s."),
    "data.growth_source": noop("%(then)s (%(base_period)s) to %(now)s (%(period)s), %(source)s"),
    # shares
    "share.no_data": noop("No regional trade figures for %(year)s to rebuild the share from."),
    "share.region": noop("a share of all trade in Central Asia, each pair counted once"),
    "share.of": noop("%(partner)s's share of %(country)s's trade with Central Asia"),
    "share.reading": noop("%(denominator)s: %(range)s"),
    "share.fits": noop("%(value)s is %(denominator)s (%(year)s): %(described)s."),
    "share.mismatch": noop(
        "Denominator mismatch: %(value)s is %(fits)s (%(fits_range)s, %(year)s), not "
        "%(named)s (%(named_range)s)."),
    "share.none": noop("%(value)s fits no denominator (%(year)s): %(described)s."),
    # earlier releases
    "earlier.compare": noop(
        "%(indicator)s for %(period)s: %(now)s now, %(then)s in %(release)s (%(published)s)"),
    "earlier.same": noop("%(compare)s: the same figure within rounding."),
    "earlier.drift": noop("%(compare)s: a drift of %(drift)s (%(relative)s)."),
    # where the data's figures come from
    "source.basis": noop("%(basis)s basis: %(source)s"),
    "source.derived": noop("%(basis)s basis: %(source)s (derived)"),
    "source.rule": noop("the registry, rule %(rule)s"),
    "source.stages": noop("the registry, projects by stage"),
    "source.target": noop("the registry, target %(title)s"),
    # words
    "and": noop("and"),
    "more_than": noop("more than %(value)s"),
    "unbounded": noop("unbounded"),
    "period.unspecified": noop("unspecified"),
    "period.medium_term": noop("medium_term"),
}


# Around a quotation of the release while a message is worded: taken out for text, marked with
# the release's language for a page (``render_html``). Private-use characters: never in a text.
QUOTE_START, QUOTE_END = "\ue000", "\ue001"

# A period of months as the extractor writes it: "2024-01..2024-04", "2024-01".
MONTHS = re.compile(r"(?P<y1>\d{4})-(?P<m1>\d{2})(?:\.\.(?P<y2>\d{4})-(?P<m2>\d{2}))?")

YEARS = re.compile(r"\d{4}\.\.\d{4}")

# Reporters named in words (the others are countries' codes); the msgids of "claims reporter".
REPORTER_WORDS = {"registry": noop("registry"), "mirror": noop("mirror")}

# How many of a unit a claim counts, worded per language ("claims unit": singular, plural);
# money and percentages are written by ``show``.
UNIT_WORDS = {
    "jobs": (noop("%(n)s job"), noop("%(n)s jobs")),
    "projects": (noop("%(n)s project"), noop("%(n)s projects")),
    "tonnes_per_year": (noop("%(n)s tonne a year"), noop("%(n)s tonnes a year")),
    "hectares": (noop("%(n)s hectare"), noop("%(n)s hectares")),
    "items": (noop("%(n)s item"), noop("%(n)s items")),
    "items_per_month": (noop("%(n)s item a month"), noop("%(n)s items a month")),
    "meetings": (noop("%(n)s meeting"), noop("%(n)s meetings")),
    "people": (noop("%(n)s person"), noop("%(n)s people")),
    "enterprises": (noop("%(n)s enterprise"), noop("%(n)s enterprises")),
    "rank": (noop("place %(n)s"), noop("place %(n)s")),
}


def msg(code: str, **params) -> dict:
    """A message: its code and its parameters."""
    if code not in TEMPLATES:
        raise KeyError(f"unknown claims message {code!r}")
    return {"msg": code, "params": params} if params else {"msg": code}


def join(separator: str, items) -> dict:
    """Items joined by a separator ("; ", ", ", " ", or "and", which is translated)."""
    return {"join": separator, "items": list(items)}


def figure(value: float, unit: str = "USD") -> dict:
    return {"n": value, "unit": unit}


def span(low: float, high: float, unit: str) -> dict:
    """A range; an unbounded end is None (JSON has no infinity)."""
    return {"range": [x if math.isfinite(x) else None for x in (low, high)], "unit": unit}


# ---- Figures in each language ------------------------------------------------------------

def _trim(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _places(x: float) -> int:
    text = _trim(x)
    return len(text.split(".")[1]) if "." in text else 0


# Scale words outside English: (billion, million) patterns around the number and the currency.
_SCALES = {
    "ru": {"USD": ("{n} млрд долл. США", "{n} млн долл. США", "{n} долл. США"),
           "KZT": ("{n} млрд тенге", "{n} млн тенге", "{n} тенге"), "pp": " п. п."},
    "kk": {"USD": ("{n} млрд АҚШ доллары", "{n} млн АҚШ доллары", "{n} АҚШ доллары"),
           "KZT": ("{n} млрд теңге", "{n} млн теңге", "{n} теңге"), "pp": " п. т."},
    "uz": {"USD": ("{n} mlrd AQSh dollari", "{n} mln AQSh dollari", "{n} AQSh dollari"),
           "KZT": ("{n} mlrd tenge", "{n} mln tenge", "{n} tenge"), "pp": " f. p."},
}


def show(value: float, unit: str = "USD", lang: str = "en") -> str:
    """A figure as a release writes it: '$4.4 bn', '57 %', '14,700' in English; '4,4 млрд
    долл. США', '57 %', '14 700' in Russian."""
    scales = _SCALES.get((lang or "en")[:2])
    if scales is None:
        if unit in ("USD", "KZT"):
            sign = "$" if unit == "USD" else "KZT "
            for scale, word in ((1e9, "bn"), (1e6, "M")):
                if abs(value) >= scale:
                    return f"{sign}{_trim(value / scale)} {word}"
            return f"{sign}{_trim(value)}"
        if unit in ("percent", "percentage_points"):
            return f"{_trim(value)} %" if unit == "percent" else f"{_trim(value)} pp"
        return f"{value:,.0f}"
    from bilat.briefings.formatting import MINUS, number

    sign = MINUS if value < 0 else ""
    value = abs(value)
    if unit in ("USD", "KZT"):
        patterns = scales[unit]
        for scale, pattern in zip((1e9, 1e6, 1), patterns, strict=True):
            if value >= scale or scale == 1:
                x = value / scale
                return sign + pattern.format(n=number(x, lang, _places(x)))
    if unit in ("percent", "percentage_points"):
        text = number(value, lang, _places(value))
        return sign + text + (" %" if unit == "percent" else scales["pp"])
    return sign + number(value, lang, 0)


def _render_value(value, lang: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if "msg" in value:
        return _render(value, lang)
    if "join" in value:
        sep = value["join"]
        if sep == "and":
            sep = " " + _word("and", lang) + " "
        return sep.join(_render_value(v, lang) for v in value["items"])
    if "n" in value:
        return show(value["n"], value.get("unit", "USD"), lang)
    if "signed" in value:
        v = value["signed"]
        return ("+" if v > 0 else "") + show(v, value.get("unit", "USD"), lang)
    if "range" in value:
        low, high = (math.inf if x is None else x for x in value["range"])
        unit = value.get("unit", "USD")
        if not (math.isfinite(low) and math.isfinite(high)):
            if math.isfinite(low) and lang in ("kk", "uz"):  # "… астам", "…dan ortiq"
                from bilat.briefings.formatting import qualified

                return qualified(show(low, unit, lang), "more_than", lang)
            if math.isfinite(low):
                return _fill("more_than", {"value": show(low, unit, lang)}, lang)
            return _word("unbounded", lang)
        return f"{show(low, unit, lang)}–{show(high, unit, lang)}"
    if "pct" in value:
        v = math.nan if value["pct"] is None else value["pct"]
        if lang == "en" or not math.isfinite(v):
            return f"{v:+.1f} %"
        from bilat.briefings.formatting import percent

        return percent(v, lang, signed=True, places=1)
    if "date" in value:
        if lang == "en":
            return value["date"]
        from bilat.briefings.formatting import long_date

        return long_date(date.fromisoformat(value["date"]), lang)
    if "country" in value:
        name = NAMES.get(value["country"], value["country"])
        if lang == "en":
            return name
        with override(lang):
            return pgettext("genitive" if value.get("case") == "gen" else "country", name)
    if "indicator" in value:
        name = value["indicator"]
        if lang == "en":
            return name
        with override(lang):
            label = pgettext("claims indicator", name)
        return label
    if "quote" in value:
        return QUOTE_START + repr(value["quote"]) + QUOTE_END
    if "reporter" in value:
        code = value["reporter"]
        if lang == "en" or code not in REPORTER_WORDS:
            return code
        with override(lang):
            return pgettext("claims reporter", code)
    if "named" in value:
        names = value["named"]
        if lang == "en":
            return value.get("code") or repr(names.get("en", ""))
        from bilat.core.languages import in_language

        return f"«{in_language(names, lang)}»"
    if "period" in value:
        period = value["period"]
        if lang != "en" and f"period.{period}" in TEMPLATES:
            return _word(f"period.{period}", lang)
        if lang != "en" and period.startswith("asof:"):
            from bilat.briefings.formatting import long_date

            return long_date(date.fromisoformat(period[5:]), lang)
        months = MONTHS.fullmatch(period)
        if lang != "en" and months:  # "2024-01..2024-04", "2024-01": the months in words
            from bilat.core.citations import month_span

            first = date(int(months["y1"]), int(months["m1"]), 1)
            last = (date(int(months["y2"]), int(months["m2"]), 1) if months["y2"] else first)
            return month_span(first, last, lang)
        if lang != "en" and YEARS.fullmatch(period):  # "2018..2023": a span of years
            return period.replace("..", "–")
        return period
    raise ValueError(f"not a message parameter: {value!r}")


def quantity(value: float, unit: str, lang: str = "en") -> str:
    """A claim's value with its unit, in ``lang``: "$4.4 bn", "57 %", "100 hectares", "100
    гектаров"; a unit bilat has no words for is named after the figure as it is."""
    lang = worded_in(lang)
    if unit in ("USD", "KZT", "percent", "percentage_points"):
        return show(value, unit, lang)
    if lang == "en":
        n = f"{value:,.0f}" if value == int(value) else _trim(value)
    else:
        n = _number(value, lang)
    words = UNIT_WORDS.get(unit)
    if words is None:
        return f"{n} {unit}"
    if lang == "en":
        template = words[0] if value == 1 else words[1]
    else:
        from django.utils.translation import npgettext

        with override(lang):
            template = npgettext("claims unit", words[0], words[1], int(value))
    return template % {"n": n}


def _number(value: float, lang: str) -> str:
    from bilat.briefings.formatting import number

    return number(value, lang, _places(value))


def period_label(period: str, lang: str = "en") -> str:
    """A claim's period in ``lang``: a year as it is, "medium_term" and "unspecified" in
    words, "asof:2024-07-12" as a date."""
    return _render_value({"period": period}, worded_in(lang)) if period else ""


def _template(code: str, lang: str) -> str:
    template = TEMPLATES[code]
    if lang == "en":
        return template
    from django.utils.translation import gettext

    with override(lang):
        return gettext(template)


def _word(code: str, lang: str) -> str:
    return _template(code, lang)


def _fill(code: str, params: dict, lang: str) -> str:
    return _template(code, lang) % params


def worded_in(lang: str | None) -> str:
    """The language a reader of ``lang`` gets the checker's messages in."""
    code = (lang or "en")[:2].lower()
    if code in LANGUAGES:
        return code
    return FALLBACK.get(code, "en")


def _render(message: dict, lang: str) -> str:
    if "msg" not in message:
        return _render_value(message, lang)
    params = {k: _render_value(v, lang) for k, v in message.get("params", {}).items()}
    template = _template(message["msg"], lang)
    return template % params if params else template


def _unquoted(value):
    """``value`` (a message or a parameter) with each message that quotes the release worded by
    its template's ``.unquoted`` twin, without the quotation."""
    if not isinstance(value, dict):
        return value
    if "join" in value:
        return {**value, "items": [_unquoted(v) for v in value["items"]]}
    if "msg" not in value:
        return value
    code, params = value["msg"], value.get("params", {})
    if f"{code}.unquoted" in TEMPLATES:
        code = f"{code}.unquoted"
        params = {k: v for k, v in params.items() if not (isinstance(v, dict) and "quote" in v)}
    return {"msg": code, "params": {k: _unquoted(v) for k, v in params.items()}}


def render(message: dict, lang: str = "en", *, quotes: bool = True) -> str:
    """A message worded in ``lang`` (see ``worded_in``; "en": the checker's own English, without
    the catalogue); without the release's own words when ``quotes`` is false."""
    text = _render(message if quotes else _unquoted(message), worded_in(lang))
    return text.replace(QUOTE_START, "").replace(QUOTE_END, "")


def render_html(message: dict, lang: str, quoted_in: str) -> SafeString:
    """``render`` as HTML, each quotation of the release (``{"quote": text}``) marked as written
    in ``quoted_in``, the release's language (``<q lang="en">``), for a page in another."""
    text = escape(_render(message, worded_in(lang)))
    start = format_html('<span lang="{}">', quoted_in)
    return mark_safe(text.replace(QUOTE_START, start).replace(QUOTE_END, "</span>"))  # noqa: S308
