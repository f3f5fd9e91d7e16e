"""Trade charts: temporal year axes, colours keyed by codes (the same in every language), and
the pair page carrying each chart with its table."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from bilat.trade import products, queries, visuals
from bilat.trade.forms import PairQueryForm
from bilat.trade.indicators import pair_indicators


@pytest.fixture
def demo_settings(demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        yield


def _charts(lang: str) -> dict[str, dict]:
    with translation.override(lang):
        form = PairQueryForm({"reporter": "KZ", "partner": "UZ"})
        assert form.is_valid()
        ind = pair_indicators(form.query())
        series = queries.pair_series("KZ", "UZ")
        return {c.key: c for c in visuals.pair_charts(ind, series, "KZ", "UZ", lang)}


def _colour_scales(spec: dict) -> tuple:
    enc = spec["encoding"]
    return (enc["color"]["field"], enc["color"]["scale"],
            enc.get("strokeDash", {}).get("field"), enc.get("strokeDash", {}).get("scale"))


@pytest.mark.django_db
def test_trade_charts_colour_by_codes_the_same_in_english_and_russian(demo_settings):
    en, ru = _charts("en"), _charts("ru")
    assert set(en) == {"trade-sections", "trade-series", "trade-mirror"}
    for key in en:
        assert _colour_scales(en[key].spec) == _colour_scales(ru[key].spec), key
        # The data the colours are drawn from holds codes, never labels of a language.
        assert en[key].spec["data"] == ru[key].spec["data"] or key == "trade-sections"
    sections = en["trade-sections"].spec["encoding"]["color"]["scale"]["domain"]
    assert sections[:3] == ["I", "II", "III"]
    assert en["trade-series"].spec["encoding"]["color"]["scale"]["domain"] == [
        "turnover", "exports", "imports"]


@pytest.mark.django_db
def test_trade_series_and_the_mirror_gap_have_temporal_year_axes(demo_settings):
    charts = _charts("en")
    for key in ("trade-series", "trade-mirror"):
        x = charts[key].spec["encoding"]["x"]
        assert x["type"] == "temporal" and x["timeUnit"] == "utcyear", key
    dates = {d["date"] for d in charts["trade-series"].spec["data"]["values"]}
    assert {"2017-01-01", "2018-01-01", "2022-01-01"} <= dates


@pytest.mark.django_db
def test_the_sections_chart_shares_add_up_to_each_direction(demo_settings):
    shares = products.pair_sections("KZ", "UZ", 2023)
    for direction in ("KZ->UZ", "UZ->KZ"):
        mine = [s for s in shares if s.direction == direction]
        assert mine and abs(sum(s.share for s in mine) - 1) < 1e-9


@pytest.mark.django_db
def test_the_pair_page_carries_each_chart_with_its_table(client, demo_settings):
    html = client.get(reverse("trade:pair", args=["KZ", "UZ"])).content.decode()
    for key in ("trade-sections", "trade-series", "trade-mirror"):
        assert f'data-chart="{key}"' in html and f'id="spec-{key}"' in html, key
    assert "Table of the numbers" in html
    assert "vendor/vega-embed.js" in html and "cdn" not in html.lower()


def test_a_chart_renders_offline_with_vl_convert(demo_warehouse):
    from bilat.briefings.charts import to_svg

    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        flows = products.product_flows("1001", "KZ", "UZ")
    chart = visuals.product_chart("1001", "Wheat", flows, "KZ", "UZ", "en")
    assert to_svg(chart.spec).startswith("<svg")
