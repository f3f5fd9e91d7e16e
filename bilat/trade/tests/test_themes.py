"""Theme series: each theme's trade each way over the years, with share and growth."""

import pytest

from bilat.trade.loaders import load
from bilat.trade.tests.factories import baci
from bilat.trade.theme_series import theme_series
from bilat.trade.themes import Theme, builtin_themes, parse_hs_codes

# Thousand US$ (BACI): KZ->UZ wheat (agro), accumulators (electrical and batteries), crude oil;
# UZ->KZ insulated wire (electrical) and, in 2022, apples (agro).
ROWS = (
    "2021,398,860,100199,1000,1", "2021,398,860,850760,500,1", "2021,398,860,270900,500,1",
    "2021,860,398,854449,200,1",
    "2022,398,860,100199,1500,1", "2022,398,860,850760,1000,1", "2022,398,860,270900,500,1",
    "2022,860,398,854449,100,1", "2022,860,398,080810,300,1",
)


@pytest.fixture
def series(tmp_path):
    path = tmp_path / "w.duckdb"
    load("baci", [baci(tmp_path, *ROWS, name="BACI_HS17_Y2021-2022_V202401.csv")],
         warehouse=path, flag="synthetic")
    return theme_series("KZ", "UZ", builtin_themes(), warehouse=path)


def _figures(series, theme, direction):
    return [(p.year, p.value, None if p.share is None else round(p.share, 2),
             None if p.growth is None else round(p.growth, 2))
            for p in series.points if (p.theme, p.direction) == (theme, direction)]


def test_the_builtin_themes_are_agro_food_electrical_goods_and_batteries():
    themes = {t.code: t for t in builtin_themes()}
    assert list(themes) == ["agrofood", "electrical", "batteries"]
    assert themes["agrofood"].ranges == (("01", "24"),)
    assert themes["batteries"].title("kk") == "Батареялар мен аккумуляторлар"
    assert themes["batteries"].covers("850760") and not themes["batteries"].covers("8508")


def test_each_theme_has_its_value_share_and_growth_each_way_and_year(series):
    assert series.years == [2021, 2022]
    assert _figures(series, "agrofood", "KZ->UZ") == [(2021, 1e6, 50.0, None),
                                                      (2022, 1.5e6, 50.0, 50.0)]
    assert _figures(series, "electrical", "KZ->UZ") == [(2021, 5e5, 25.0, None),
                                                        (2022, 1e6, 33.33, 100.0)]
    assert _figures(series, "batteries", "KZ->UZ") == [(2021, 5e5, 25.0, None),
                                                       (2022, 1e6, 33.33, 100.0)]
    assert _figures(series, "electrical", "UZ->KZ") == [(2021, 2e5, 100.0, None),
                                                        (2022, 1e5, 25.0, -50.0)]
    agro = series.point("agrofood", 2022, "UZ->KZ")
    assert (agro.value, agro.share, agro.growth) == (3e5, 75.0, None)
    assert agro.null_reasons == {"growth": "the 2021 figure is zero"}
    assert series.point("agrofood", 2021, "KZ->UZ").null_reasons == {
        "growth": "no figure of 2020"}


def test_the_series_carries_the_provenance_of_what_it_read(series):
    assert series.provenance == "synthetic"
    assert series.basis == "BACI" and series.report == "exporter"


def test_a_user_defined_theme_is_a_list_of_hs_codes_and_ranges(tmp_path):
    path = tmp_path / "w.duckdb"
    load("baci", [baci(tmp_path, *ROWS, name="BACI_HS17_Y2021-2022_V202401.csv")],
         warehouse=path)
    fuel_and_wire = Theme("fuel-wire", {"en": "Fuel and wire"}, parse_hs_codes("2709, 854449"),
                          is_builtin=False)
    found = theme_series("KZ", "UZ", [fuel_and_wire], warehouse=path)
    assert _figures(found, "fuel-wire", "KZ->UZ") == [(2021, 5e5, 25.0, None),
                                                      (2022, 5e5, 16.67, 0.0)]
    assert found.provenance == "sourced"


@pytest.mark.parametrize(("text", "ranges"), [
    ("01-24", (("01", "24"),)),
    ("8506 – 8507; 850760", (("8506", "8507"), ("850760", "850760"))),
    ("85, 8506-8507 271019", (("85", "85"), ("8506", "8507"), ("271019", "271019"))),
])
def test_hs_lists_are_read_as_ranges(text, ranges):
    assert parse_hs_codes(text) == ranges


@pytest.mark.parametrize(("text", "message"), [
    ("", "name at least one HS code"),
    ("123", "is not an HS chapter"),
    ("85-8507", "same level"),
    ("24-01", "from a lower to a higher"),
    ("8a", "is not an HS chapter"),
])
def test_a_bad_hs_list_is_refused_naming_the_part(text, message):
    with pytest.raises(ValueError, match=message):
        parse_hs_codes(text)
