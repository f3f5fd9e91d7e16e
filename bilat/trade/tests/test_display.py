"""Every figure on the trade page is its stored value rounded half-up, in English and Russian."""

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from bilat.trade import display
from bilat.trade.templatetags.trade_tags import ytd_months

FACTORS = {"bn": Decimal("1e9"), "M": Decimal("1e6"), "%": Decimal(1), "1": Decimal(1)}


class Figures(HTMLParser):
    """The <data> elements of a page (value, unit, shown text) and each table's columns."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[tuple[str, str, str]] = []
        self.columns: dict[tuple[int, int], set[str]] = {}
        self._data: tuple[str, str] | None = None
        self._text = ""
        self._table = -1
        self._cell = -1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "data":
            self._data, self._text = (attrs["value"], attrs["data-unit"]), ""
        elif tag == "table":
            self._table += 1
        elif tag == "tr":
            self._cell = -1
        elif tag in ("td", "th"):
            self._cell += 1

    def handle_data(self, data):
        if self._data:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "data" and self._data:
            value, unit = self._data
            self.figures.append((value, unit, self._text))
            if unit in ("bn", "M"):
                self.columns.setdefault((self._table, self._cell), set()).add(unit)
            self._data = None


def shown_decimal(text: str, lang: str) -> Decimal:
    text = text.replace("\u00a0%", "").replace("\u2212", "-").replace("+", "")
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    text = text.replace(",", ".") if lang == "ru" else text.replace(",", "")
    return Decimal(text)


def page(client, lang: str) -> str:
    response = client.get(reverse("trade:pair", args=["KZ", "UZ"]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_shown_trade_figure_is_its_stored_value_rounded_half_up(client, demo_warehouse,
                                                                      lang):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        html = page(client, lang)
    parser = Figures()
    parser.feed(html)
    assert len(parser.figures) > 100
    for value, unit, text in parser.figures:
        shown = shown_decimal(text, lang)
        places = -shown.as_tuple().exponent
        expected = (Decimal(value) / FACTORS[unit]).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        assert shown == expected, (value, unit, text)
        if lang == "ru":
            assert "." not in text and "-" not in text, text
        else:
            assert "-" not in text, text  # a true minus sign
    for column, units in parser.columns.items():
        assert len(units) == 1, (column, units)


@pytest.mark.django_db
def test_no_amount_on_the_trade_page_escapes_the_formatting(client, demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        html = page(client, "ru")
    body = re.sub(r"<data [^>]*>.*?</data>", "", html, flags=re.S)
    assert not re.search(r"\d bn|\d M\b|\d\.\d+ %", body)


@pytest.mark.parametrize(("value", "unit", "lang", "text"), [
    (1.976e9, "bn", "en", "1.98"), (3.398e9, "bn", "en", "3.40"), (2.916e9, "bn", "ru", "2,92"),
    (999.96e6, "M", "en", "1,000.0"), (999.96e6, "M", "ru", "1\u00a0000,0"),
    (2.005e9, "bn", "en", "2.01"), (-1.2e9, "bn", "en", "\u22121.20"),
])
def test_amounts_round_half_up_in_the_columns_unit(value, unit, lang, text):
    with translation.override(lang):
        html = display.amount(value, unit)
    assert html.endswith(f">{text}</data>")


def test_a_column_takes_one_unit_from_its_largest_figure():
    assert display.unit_for([4.4e9, 5e6, None]) is display.BILLION
    assert display.unit_for([999.96e6, 5e6]) is display.MILLION
    with translation.override("ru"):
        assert str(display.percent(-12.04)).endswith(">\u221212,0\u00a0%</data>")
        assert display.BILLION.label() == "млрд долл. США"


def test_the_year_to_date_names_its_months_in_the_readers_language():
    ytd = SimpleNamespace(year=2024, months=4)
    with translation.override("ru"):
        assert ytd_months(ytd) == "янв. — апр. 2024\u00a0г."
        assert ytd_months(ytd, True) == "янв. — апр. 2023\u00a0г."
    with translation.override("en"):
        assert ytd_months(ytd) == "Jan – Apr 2024"
