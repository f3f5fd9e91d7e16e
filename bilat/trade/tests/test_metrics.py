import pytest

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
