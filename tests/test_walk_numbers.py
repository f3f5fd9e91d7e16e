"""No number shown on a page or in a pack of the demo, in English or Russian, differs from its
stored value rounded half-up to the shown precision (issue 11).

Two checks, on the walk of ``tests/walk.py``:

- Pages: every figure a page marks as ``<data value="…" data-unit="…">`` (the trade pages'
  figures, ``trade/display.py``) is parsed in the page's language (Russian groups digits with
  non-breaking spaces and writes a decimal comma) and compared with its stored value, scaled by
  its unit and rounded half-up to as many decimals as it shows: 1.976 bn shown as "1.97" fails.
- Packs: every money, percent and count figure of the demo snapshots is looked for in the packs
  in the formatting module's half-up rendering; a figure the English pack shows must be shown
  the same way in the Russian pack, and no pack may show a truncated rendering of a figure
  where the rounded one differs and is absent.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest

from bilat.briefings import formatting
from tests import walk

# What pages and packs show does not depend on the database engine: SQLite only in make test.
pytestmark = pytest.mark.engine_neutral

SCALES = {"bn": Decimal("1e9"), "M": Decimal("1e6"), "%": Decimal(1), "1": Decimal(1)}
SHOWN = re.compile(r"^[+\u2212-]?[\d\s.,\u00a0\u202f]+(?:\s?%)?$")


def shown_number(text: str, lang: str) -> Decimal:
    """The number written in ``text`` ("−1 234,5 %" in Russian) and its sign."""
    assert SHOWN.match(text), text
    sign = -1 if text[:1] in ("\u2212", "-") else 1
    digits = re.sub(r"[+\u2212%\s\u00a0\u202f-]", "", text)
    if lang == "en":
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(".", "").replace(",", ".")
    return sign * Decimal(digits)


def places_of(number: Decimal) -> int:
    return max(0, -number.as_tuple().exponent)


def mis_rounded(value: str, unit: str, shown: str, lang: str) -> str | None:
    """Why ``shown`` is not ``value`` rounded half-up to its decimals, or None."""
    number = shown_number(shown, lang)
    exact = Decimal(value) / SCALES[unit]
    places = Decimal(1).scaleb(-places_of(number))
    rounded = exact.quantize(places, rounding=ROUND_HALF_UP)
    return None if rounded == number else f"{value} {unit} shown {shown!r}, rounds to {rounded}"


def test_a_truncated_figure_is_caught_and_a_rounded_one_passes():
    assert mis_rounded("1976000000.0", "bn", "1.97", "en")
    assert mis_rounded("1976000000.0", "bn", "1.98", "en") is None
    assert mis_rounded("999960000.0", "M", "999,9", "ru")
    assert mis_rounded("-12.04", "%", "\u221212,0 %", "ru") is None
    assert mis_rounded("1234567.25", "1", "1\u00a0234\u00a0567,3", "ru") is None


@pytest.fixture
def site(demo, demo_warehouse, settings):
    """The demo with its trade warehouse."""
    settings.TRADE_WAREHOUSE = demo_warehouse


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_marked_figure_on_the_pages_is_rounded_half_up(site, lang):
    found = walk.walk(lang)
    figures = [(page.where, *d) for page in found.pages for d in page.data]
    assert len(figures) > 100, "the trade pages mark their figures with <data>"
    wrong = [f"{where}: {why}" for where, value, unit, shown in figures
             if unit in SCALES and (why := mis_rounded(value, unit, shown, lang))]
    assert not wrong, wrong


def renderings(figure, lang: str) -> tuple[str, str] | None:
    """The half-up and the truncated rendering of a figure, by its unit."""
    value = figure.value
    if figure.unit == "USD million":
        rounded = formatting.money(value, lang)
        cut = formatting.money(_truncate(value, rounded, lang), lang)
    elif figure.unit in ("%", "% a year"):
        rounded = formatting.percent(value, lang)
        cut = formatting.percent(value.quantize(Decimal("0.1"), rounding=ROUND_DOWN), lang)
    else:
        return None
    return rounded, cut


def _truncate(million: Decimal, rounded: str, lang: str) -> Decimal:
    # money() shows billions to one decimal, millions to the decimals its rendering shows (whole
    # millions, or one decimal under a million): truncate at the same place.
    if abs(million) >= 1000:
        step = Decimal(100)
    else:
        mark = "," if lang == "ru" else "."
        found = re.search(rf"\d[{re.escape(mark)}](\d+)", rounded)
        step = Decimal(1).scaleb(-len(found.group(1))) if found else Decimal(1)
    return (million / step).quantize(Decimal(1), rounding=ROUND_DOWN) * step


def test_the_packs_show_each_figure_rounded_half_up_in_english_and_russian(site):
    from bilat.briefings import services

    packs = {lang: "\n".join(" ".join(p.chunks) for p in walk.walk(lang).packs)
             for lang in ("en", "ru")}
    packs = {lang: " ".join(text.split()) for lang, text in packs.items()}
    shown, truncated = [], []
    for snapshot in walk.demo_snapshots():
        for figure in services.figures_of(snapshot):
            if figure.value is None:
                continue
            for lang in ("en", "ru"):
                both = renderings(figure, lang)
                if both is None:
                    continue
                rounded, cut = (" ".join(r.split()) for r in both)
                if rounded in packs[lang]:
                    shown.append((figure.key, lang))
                elif cut != rounded and cut in packs[lang]:
                    truncated.append(f"{figure.key} {lang}: {cut!r} for {figure.value}")
    assert not truncated, truncated
    english = {key for key, lang in shown if lang == "en"}
    russian = {key for key, lang in shown if lang == "ru"}
    assert len(english) >= 10
    assert english <= russian, sorted(english - russian)
