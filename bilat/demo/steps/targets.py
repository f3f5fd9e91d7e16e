"""Load the trade indicator, the US$ 10 billion target and the actual values per basis."""

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


def load(run: DemoRun) -> None:
    """The heads of state's trade target, linked to their decision, with each side's figures."""
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
        target = update_target(target, spec, actor=actor, expected_version=None)

    for label, (start, end, full), value, basis, side, source, provenance in data.ACTUALS:
        lookup = {"target": target, "period_label": label, "basis": basis}
        values = {"period_start": start, "period_end": end, "is_full_year": full,
                  "value": dec(value, 4), "reporting_side": run.sides[side] if side else None,
                  "source": source, "provenance": provenance}
        # A side's figure is recorded by that side's secretariat, as the policy requires.
        recorder = run.users[f"{side.lower()}-secretariat"] if side else actor
        ensure(ActualValue, lookup, values, actor=recorder,
               create=lambda lk=lookup, v=values, r=recorder: record_actual_value(
                   target, actor=r, values={"period_label": lk["period_label"],
                                            "basis": lk["basis"], **v}))
    run.note(f"1 indicator, 1 target, {len(data.ACTUALS)} actual values")


