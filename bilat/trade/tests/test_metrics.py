import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilat.trade import metrics


def test_every_metric_has_a_written_definition_in_english_and_russian():
    assert len(metrics.METRICS) >= 18
    for m in metrics.METRICS.values():
        assert m.title_en and m.title_ru and m.definition_en and m.definition_ru
        assert m.numerator and m.denominator and m.unit and m.rounding


def test_grubel_lloyd_is_one_for_balanced_and_zero_for_one_way_trade():
    assert metrics.grubel_lloyd([(5, 5), (2, 2)]) == 1
    assert metrics.grubel_lloyd([(5, 0), (0, 3)]) == 0
    assert metrics.grubel_lloyd([(3, 1)]) == pytest.approx(0.5)


def test_hhi_and_complementarity_on_small_examples():
    assert metrics.hhi([1, 1, 1, 1]) == pytest.approx(0.25)
    assert metrics.complementarity({"a": 1, "b": 1}, {"a": 2, "b": 2}) == pytest.approx(100)
    assert metrics.complementarity({"a": 1}, {"b": 1}) == pytest.approx(0)


def test_growth_and_cagr():
    assert metrics.growth(4.4, 3.4) == pytest.approx(29.41, abs=0.01)
    assert metrics.cagr(100, 121, 2) == pytest.approx(10)
    assert metrics.growth(1, 0) is None
    assert metrics.round_half_up(12.45) == 12.5 and metrics.round_half_up(-9.15) == -9.2


FIGURES = st.one_of(
    st.none(), st.just(0.0),
    st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False),
    st.sampled_from([1e-300, 5e-324, 1e300, -1e-300]),
)


def finite_or_none(value) -> bool:
    return value is None or math.isfinite(value)


@given(FIGURES, FIGURES, st.integers(min_value=-3, max_value=50))
def test_growth_cagr_and_share_are_a_finite_number_or_null(a, b, years):
    assert finite_or_none(metrics.growth(a, b))
    assert finite_or_none(metrics.cagr(a, b, years))
    assert finite_or_none(metrics.share(a, b))


@given(st.lists(st.tuples(st.floats(0, 1e300), st.floats(0, 1e300)), max_size=5))
def test_indices_of_many_products_are_a_finite_number_or_null(pairs):
    assert finite_or_none(metrics.grubel_lloyd(pairs))
    assert finite_or_none(metrics.hhi([x for x, _ in pairs]))
    exports = {str(n): x for n, (x, _) in enumerate(pairs)}
    imports = {str(n): m for n, (_, m) in enumerate(pairs)}
    assert finite_or_none(metrics.complementarity(exports, imports))


def test_a_ratio_with_a_zero_denominator_is_null_with_a_reason():
    assert metrics.growth(5.0, 0.0) is None
    assert metrics.why_no_growth(5.0, 0.0, "2022") == "the 2022 figure is zero"
    assert metrics.why_no_growth(None, 5.0, "2022") == "no figure for the period"
    assert metrics.why_no_growth(5.0, None, "2022") == "no 2022 figure"
    assert metrics.why_no_growth(6.0, 5.0, "2022") is None
    assert metrics.why_no_cagr(0.0, 5.0, 5, "2018") == "the 2018 figure is zero"
    assert metrics.why_no_share(3.0, 0.0, "the total") == "the total is zero"
