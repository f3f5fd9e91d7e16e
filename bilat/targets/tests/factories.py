"""Factory functions for indicators, targets and actual values (the $10 bn trade target)."""

import datetime
from decimal import Decimal

from bilat.directory.tests.factories import make_sides
from bilat.targets.models import ActualValue, Indicator, Target


def make_indicator(code: str = "kz-uz-turnover") -> Indicator:
    indicator, _ = Indicator.objects.get_or_create(code=code, defaults={
        "name_en": "Kazakhstan–Uzbekistan trade turnover", "name_ru": "Товарооборот",
        "unit": "US$ bn", "trade_metric": "turnover", "reporter_iso": "KZ", "partner_iso": "UZ",
    })
    return indicator


def make_target(**extra) -> Target:
    """The $10 bn target, medium term, assumed 2030 (written directly, no log)."""
    make_sides()  # and their commission
    values = {
        "indicator": make_indicator(), "title_en": "Mutual trade of $10 bn",
        "title_ru": "Товарооборот 10 млрд долларов", "baseline_year": 2023,
        "baseline_value": Decimal("4.4"), "target_value": Decimal("10"),
        "horizon": Target.Horizon.MEDIUM_TERM, "assumed_year": 2030,
        "horizon_note": "later reported as by 2030 (Trend, 1 Feb 2026)",
    }
    values.update(extra)
    return Target.objects.create(**values)


def make_actual(target: Target, year: int, value: str, basis: str = "KZ", **extra) -> ActualValue:
    return ActualValue.objects.create(
        target=target, period_label=str(year), period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31), value=Decimal(value), basis=basis, **extra,
    )
