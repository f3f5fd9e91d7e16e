"""Numbers in each language's style, with Babel: "$4.4 billion" and "4,4 млрд долл. США"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

MINUS = "\u2212"


def _locale(lang: str) -> str:
    return "ru_RU" if lang.startswith("ru") else "en_US"


def _round(value: Decimal | float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int, lang: str, places: int = 0) -> str:
    """A plain number with the language's grouping and decimal separators."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(_round(value, places), format=pattern, locale=_locale(lang))
    return text.replace("\u202f", "\u00a0") if lang.startswith("ru") else text


def qualified(text: str, qualifier: str, lang: str) -> str:
    """Prefix "more than" / "about" as the published figure is worded."""
    words = {
        "en": {"more_than": "more than ", "about": "about "},
        "ru": {"more_than": "более ", "about": "около "},
    }["ru" if lang.startswith("ru") else "en"]
    return words.get(qualifier, "") + text


def money(million_usd: Decimal | float, lang: str, *, qualifier: str = "") -> str:
    """US$ million as "$4.4 billion"/"$217 million" or "4,4 млрд долл. США"/"217 млн долл. США".

    Billions take one decimal; millions are whole below a billion (one decimal under 10).
    """
    value = Decimal(str(million_usd))
    ru = lang.startswith("ru")
    if abs(value) >= 1000:
        amount = value / 1000
        places = 0 if amount == amount.to_integral_value() and abs(amount) >= 10 else 1
        n = number(amount, lang, places)
        text = f"{n} млрд долл. США" if ru else f"${n} billion"
    else:
        n = number(value, lang, 1 if abs(value) < 10 else 0)
        text = f"{n} млн долл. США" if ru else f"${n} million"
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
    word = " тыс." if lang.startswith("ru") else " thousand"
    text = number(shown, lang, places) + word + (" " + unit if unit else "")
    return text, qualifier


def count(value: Decimal | int, lang: str) -> str:
    """A whole count."""
    return number(Decimal(str(value)), lang, 0)


def ordinal(n: int, lang: str) -> str:
    """"21st" in English; the bare number in Russian, whose texts carry the case ending."""
    if lang.startswith("ru"):
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
