"""Numbers in each language's style, with Babel: "$4.4 billion", "4,4 млрд долл. США",
"4,4 млрд АҚШ доллары" and "4,4 mlrd AQSh dollari".

English, Russian, Kazakh and Uzbek (Latin script) have their own words here; any other language
is written as English.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from bilat.core.languages import BABEL_LOCALES as LOCALES

MINUS = "\u2212"

# The words around figures. "billion"/"million" are patterns around the number ``{n}``.
WORDS = {
    "en": {"more_than": "more than ", "about": "about ", "billion": "${n} billion", "million": "${n} million",
           "thousand": " thousand", "t": " tonnes", "ha": " hectares"},
    "ru": {"more_than": "более ", "about": "около ", "billion": "{n} млрд долл. США",
           "million": "{n} млн долл. США", "thousand": " тыс.", "t": " тонн", "ha": " га"},
    "kk": {"about": "шамамен ", "billion": "{n} млрд АҚШ доллары",
           "million": "{n} млн АҚШ доллары", "thousand": " мың", "t": " тонна", "ha": " га"},
    "uz": {"about": "taxminan ", "billion": "{n} mlrd AQSh dollari",
           "million": "{n} mln AQSh dollari", "thousand": " ming", "t": " tonna", "ha": " ga"},
}


def _code(lang: str) -> str:
    code = (lang or "en")[:2].lower()
    return code if code in WORDS else "en"


def _locale(lang: str) -> str:
    return LOCALES[_code(lang)]


def word(key: str, lang: str) -> str:
    """One of the words around figures (``WORDS``) in ``lang``, "" when it has none."""
    return WORDS[_code(lang)].get(key, "")


def _round(value: Decimal | float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int, lang: str, places: int = 0) -> str:
    """A plain number with the language's grouping and decimal separators."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(_round(value, places), format=pattern, locale=_locale(lang))
    return text if _code(lang) == "en" else text.replace("\u202f", "\u00a0")


# Kazakh "more than X" is "X-тан астам": the ablative ending follows the last sound of X.
_KK_BACK, _KK_FRONT = set("аоұыяё"), set("әөүіеиэ")
_KK_VOICELESS = set("кқпстфхшщцчбвгд")


def _kk_ablative(text: str) -> str:
    if text.endswith("доллары"):  # a possessive ending takes -нан
        return text + "нан"
    vowels = [c for c in text.lower() if c in _KK_BACK | _KK_FRONT]
    a = "е" if vowels and vowels[-1] in _KK_FRONT else "а"
    last = text.lower()[-1:]
    if last in set("мнң"):
        return f"{text}н{a}н"
    if last in _KK_VOICELESS:
        return f"{text}т{a}н"
    return f"{text}д{a}н"


def qualified(text: str, qualifier: str, lang: str) -> str:
    """Word the figure as published: "more than"/"about" ("более"/"около", "… астам"/"шамамен",
    "…dan ortiq"/"taxminan")."""
    code = _code(lang)
    if qualifier == "more_than" and code == "kk":
        return _kk_ablative(text) + " астам"
    if qualifier == "more_than" and code == "uz":
        return text + "dan ortiq"
    return word(qualifier, lang) + text if qualifier else text


def money(million_usd: Decimal | float, lang: str, *, qualifier: str = "") -> str:
    """US$ million as "$4.4 billion"/"$217 million" or "4,4 млрд долл. США"/"217 млн долл. США".

    Billions take one decimal; millions are whole below a billion (one decimal under 10).
    """
    value = Decimal(str(million_usd))
    if abs(value) >= 1000:
        amount = value / 1000
        places = 0 if amount == amount.to_integral_value() and abs(amount) >= 10 else 1
        text = word("billion", lang).format(n=number(amount, lang, places))
    else:
        text = word("million", lang).format(n=number(value, lang, 1 if abs(value) < 10 else 0))
    return qualified(text, qualifier, lang)


def percent(value: Decimal | float, lang: str, *, signed: bool = False, places: int = 1) -> str:
    """A percentage, "+29.5 %" / "+29,5 %"; negative values take a true minus sign."""
    rounded = _round(value, places)
    text = number(abs(rounded), lang, places) + " %"
    if signed and rounded > 0:
        return "+" + text
    if rounded < 0:
        return MINUS + text
    return text


def thousands(value: Decimal | float | int, lang: str, *, unit: str = "") -> tuple[str, str]:
    """A count in thousands to one decimal, and the qualifier its rounding calls for.

    "more than" when the rounded figure understates the count, "about" when it overstates it.
    """
    value = Decimal(str(value))
    shown = _round(value / 1000, 1)
    qualifier = ""
    if shown * 1000 < value:
        qualifier = "more_than"
    elif shown * 1000 > value:
        qualifier = "about"
    places = 0 if shown == shown.to_integral_value() else 1
    text = number(shown, lang, places) + word("thousand", lang) + (" " + unit if unit else "")
    return text, qualifier


def count(value: Decimal | int, lang: str) -> str:
    """A whole count."""
    return number(Decimal(str(value)), lang, 0)


# Kazakh ordinals take -шы after a number word with back vowels, else -ші (алты, тоғыз, он…).
_KK_BACK_UNITS, _KK_BACK_TENS = {6, 9}, {1, 2, 3, 4, 6, 9}


def ordinal(n: int, lang: str) -> str:
    """"21st" in English, "21-ші" in Kazakh, "21-" in Uzbek; the bare number in Russian, whose
    texts carry the case ending."""
    code = _code(lang)
    if code == "ru":
        return str(n)
    if code == "uz":
        return f"{n}-"
    if code == "kk":
        if n % 10:
            back = n % 10 in _KK_BACK_UNITS
        elif n % 100:
            back = n % 100 // 10 in _KK_BACK_TENS
        else:
            back = False  # жүз, мың
        return f"{n}-{'шы' if back else 'ші'}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def months(year: int, first: int, last: int, lang: str) -> str:
    """A span of months of one year: "January–April 2024", "январь–апрель 2024 г.",
    "2024 ж. қаңтар–сәуір", "2024-yil yanvar–aprel"."""
    code = _code(lang)
    context = "stand-alone" if code in ("en", "ru") else "format"
    names = get_month_names("wide", context=context, locale=_locale(lang))
    span = f"{names[first]}–{names[last]}"
    return {"ru": f"{span} {year} г.", "kk": f"{year} ж. {span}",
            "uz": f"{year}-yil {span}"}.get(code, f"{span} {year}")


def long_date(value: date, lang: str) -> str:
    """A date written out: "21 May 2025", "21 мая 2025 г.", "2025 ж. 21 мамыр", "21-may, 2025"."""
    locale = "en_GB" if _code(lang) == "en" else _locale(lang)
    return format_date(value, format="long", locale=locale)
