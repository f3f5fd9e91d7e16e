"""Load the trade indicator and the US$ 10 billion target (its values: the trade warehouse)."""

from __future__ import annotations

from bilat.targets.models import Indicator, Target
from bilat.targets.services import (
    create_indicator,
    create_target,
    update_indicator,
    update_target,
)

from ..data import targets as data
from .common import DemoRun, dec


def load(run: DemoRun) -> None:
    """The heads of state's trade target, linked to their decision."""
    actor = run.actor
    values = {k: v for k, v in data.INDICATOR.items() if k != "code"}
    indicator = Indicator.objects.filter(code=data.INDICATOR["code"]).first()
    if indicator is None:
        indicator = create_indicator(actor=actor, values=dict(data.INDICATOR))
    else:
        indicator = update_indicator(indicator, values, actor=actor, expected_version=None)

    spec = dict(data.TARGET)
    title_en = spec.pop("title_en")
    spec.update(decision=run.decisions.get(spec["decision"]), target_year=None,
                baseline_value=dec(spec["baseline_value"], 4),
                target_value=dec(spec["target_value"], 4))
    target = Target.objects.filter(indicator=indicator, title_en=title_en).first()
    if target is None:
        target = create_target(actor=actor,
                               values={"indicator": indicator, "title_en": title_en, **spec})
    else:
        update_target(target, spec, actor=actor, expected_version=None)
    run.note("1 indicator, 1 target (its values: the trade warehouse)")
