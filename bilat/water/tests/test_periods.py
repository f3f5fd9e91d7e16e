"""Dekadas hold at month ends (28/29 February, 31-day months), and flows convert to Mm³."""

import datetime
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from bilat.water.periods import Dekada, dekada_of, dekadas_between, season_dekadas
from bilat.water.units import SECONDS_PER_DAY, mm3_from_flow, to_base

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
TASHKENT = zoneinfo.ZoneInfo("Asia/Tashkent")


def test_the_third_dekada_runs_to_the_end_of_the_month():
    assert Dekada.parse("2024-02-3").days == 9  # 21–29 February of a leap year
    assert Dekada.parse("2023-02-3").days == 8
    assert Dekada.parse("2024-07-3").days == 11
    assert Dekada.parse("2024-04-3").days == 10
    assert Dekada.of(datetime.date(2024, 2, 29)) == Dekada(2024, 2, 3)
    assert Dekada.of(datetime.date(2024, 7, 31)).next() == Dekada(2024, 8, 1)


def test_dekadas_start_at_local_midnight_stored_in_utc():
    start, end = Dekada.parse("2024-07-2").bounds(TASHKENT)
    assert start == datetime.datetime(2024, 7, 10, 19, 0, tzinfo=datetime.UTC)
    assert end == datetime.datetime(2024, 7, 20, 19, 0, tzinfo=datetime.UTC)
    just_before = datetime.datetime(2024, 7, 10, 18, 59, tzinfo=datetime.UTC)
    assert str(dekada_of(just_before, TASHKENT)) == "2024-07-1"
    assert str(dekada_of(start, TASHKENT)) == "2024-07-2"


def test_a_growing_season_has_eighteen_dekadas():
    dekadas = season_dekadas(2024)
    assert len(dekadas) == 18 and str(dekadas[0]) == "2024-04-1" and str(dekadas[-1]) == "2024-09-3"
    assert sum(d.days for d in dekadas) == 183


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_day_is_in_exactly_one_dekada_and_dekadas_tile_the_month(day):
    d = Dekada.of(day)
    assert d.first_day <= day <= d.last_day
    month = [x for x in dekadas_between(day.replace(day=1), day.replace(day=28))
             if x.month == day.month]
    assert sum(x.days for x in dekadas_between(day.replace(day=1), d.last_day)
               if x.month == day.month) >= d.days
    assert month[0].first_day.day == 1 and len({x.number for x in month}) == 3
    assert sum(Dekada(day.year, day.month, n).days for n in (1, 2, 3)) == (
        (Dekada(day.year, day.month, 3).last_day - day.replace(day=1)).days + 1)


@given(st.floats(min_value=0, max_value=5000, allow_nan=False),
       st.integers(min_value=1, max_value=366))
def test_one_cubic_metre_a_second_for_a_day_is_0_0864_mm3(flow, days):
    volume = mm3_from_flow(flow, days * SECONDS_PER_DAY)
    assert abs(volume - flow * days * 0.0864) <= 1e-9 * max(1.0, volume)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_units_convert_to_the_base_and_back(value):
    assert abs(to_base(value, "l/s") * 1000 - value) <= 1e-9 * max(1.0, value)
    assert abs(to_base(value, "cm") - value / 100) <= 1e-12 * max(1.0, value)
    assert to_base(value, "Mm3") == value * 1e6
