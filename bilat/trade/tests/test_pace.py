import math

from hypothesis import given
from hypothesis import strategies as st

from bilat.trade.pace import pace_to_target


def test_a_series_growing_faster_than_required_is_on_track():
    pace = pace_to_target([(2020, 1.0), (2025, 2.0)], 3.0, 2030)
    assert pace.status == "on track"
    assert pace.reached_year <= 2030


def test_a_series_reaching_90_percent_of_the_target_is_at_risk():
    # 5 % a year for 5 years from 100 gives 127.6: at least 90 % of 140.
    pace = pace_to_target([(2020, 100 / 1.05**5), (2025, 100.0)], 140.0, 2030)
    assert pace.status == "at risk"


def test_a_shrinking_series_never_reaches_the_target():
    pace = pace_to_target([(2020, 5.0), (2025, 4.0)], 10.0, 2030)
    assert pace.status == "off track"
    assert pace.reached_year is None


def test_a_reached_target_says_so():
    assert pace_to_target([(2025, 11.0)], 10.0, 2030).status == "reached"


def test_a_single_actual_has_no_observed_pace():
    pace = pace_to_target([(2025, 4.0)], 10.0, 2030)
    assert pace.observed_growth is None and pace.status == "unknown"
    assert pace.required_growth > 0


@given(
    st.floats(min_value=1, max_value=1e10),
    st.floats(min_value=1.01, max_value=10),
    st.integers(min_value=1, max_value=20),
)
def test_growing_at_the_required_rate_reaches_the_target_in_the_target_year(base, factor, years):
    target = base * factor
    pace = pace_to_target([(2000, base)], target, 2000 + years)
    rate = 1 + pace.required_growth / 100
    assert abs(base * rate**years - target) <= 1e-6 * target


@given(
    st.lists(st.tuples(st.integers(1988, 2100), st.floats(0, 5e12)), min_size=1, max_size=6),
    st.floats(0, 1e15),
    st.integers(1900, 2200),
)
def test_the_pace_to_a_target_is_finite_numbers_or_nulls_whatever_the_actuals(
    actuals, target, target_year
):
    pace = pace_to_target(actuals, target, target_year)
    for name in ("required_growth", "observed_growth", "projected_value"):
        value = getattr(pace, name)
        assert value is None or math.isfinite(value), name
    assert set(pace.null_reasons) == {
        name for name in ("required_growth", "observed_growth", "projected_value")
        if getattr(pace, name) is None
    }


def test_a_projection_too_large_for_a_number_is_null_and_on_track():
    pace = pace_to_target([(2022, 1000.0), (2023, 5e12)], 1e13, 2200)
    assert pace.status == "on track"
    assert pace.projected_value is None
    assert pace.null_reasons == {"projected_value": "too large to be a number"}
