"""Load the indicators and the targets set on them: the US$ 10 billion trade target (its values:
the trade warehouse) and the 10 automated hydroposts on the Syr Darya (illustrative values)."""

from __future__ import annotations

from bilat.targets.models import ActualValue, Indicator, Target
from bilat.targets.services import (
    create_indicator,
    create_target,
    record_actual_value,
    update_indicator,
    update_target,
)

from ..data import targets as data
from .common import DemoRun, dec, ensure


def _indicator(run: DemoRun, spec: dict) -> Indicator:
    values = {k: v for k, v in spec.items() if k != "code"}
    indicator = Indicator.objects.filter(code=spec["code"]).first()
    if indicator is None:
        return create_indicator(actor=run.actor, values=dict(spec))
    return update_indicator(indicator, values, actor=run.actor, expected_version=None)


def _target(run: DemoRun, indicator: Indicator, spec: dict) -> Target:
    spec = {k: v for k, v in spec.items() if k not in ("indicator", "actuals")}
    title_en = spec.pop("title_en")
    spec.update(decision=run.decisions.get(spec["decision"]), target_year=None,
                baseline_value=dec(spec["baseline_value"], 4),
                target_value=dec(spec["target_value"], 4))
    target = Target.objects.filter(indicator=indicator, title_en=title_en).first()
    if target is None:
        return create_target(actor=run.actor,
                             values={"indicator": indicator, "title_en": title_en, **spec})
    return update_target(target, spec, actor=run.actor, expected_version=None)


def load(run: DemoRun) -> None:
    """Every indicator, then every target linked to the decision that set it."""
    indicators = {spec["code"]: _indicator(run, spec) for spec in data.INDICATORS}
    for spec in data.TARGETS:
        target = _target(run, indicators[spec["indicator"]], spec)
        for label, start, end, value in spec["actuals"]:
            lookup = {"target": target, "period_label": label, "basis": "other"}
            values = {"period_start": start, "period_end": end, "is_full_year": True,
                      "value": dec(value, 4), "reporting_side": None,
                      "source": data.ACTUALS_SOURCE, "provenance": "illustrative"}
            ensure(ActualValue, lookup, values, actor=run.actor,
                   create=lambda t=target, lb=label, v=values: record_actual_value(
                       t, actor=run.actor, values={"period_label": lb, "basis": "other", **v}))
    run.note(f"{len(indicators)} indicators, {len(data.TARGETS)} targets (the trade target's "
             "values: the trade warehouse)")
