"""Load the trade indicator, the US$ 10 billion target and the actual values per basis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilat.core.services import upsert_record
from bilat.targets.models import ActualValue, Indicator, Target

from ..data import targets as data
from .common import dec

if TYPE_CHECKING:
    from ..services import DemoRun


def load(run: DemoRun) -> None:
    """The heads of state's trade target, linked to their decision, with each side's figures."""
    actor = run.actor
    indicator = upsert_record(Indicator, {"code": data.INDICATOR["code"]},
                              {k: v for k, v in data.INDICATOR.items() if k != "code"},
                              actor=actor)
    spec = dict(data.TARGET)
    spec["decision"] = run.decisions.get(spec["decision"])
    spec["baseline_value"] = dec(spec["baseline_value"], 4)
    spec["target_value"] = dec(spec["target_value"], 4)
    spec.setdefault("target_year", None)
    target = upsert_record(Target, {"indicator": indicator, "title_en": spec.pop("title_en")},
                           spec, actor=actor)
    for label, (start, end, full), value, basis, side, source, provenance in data.ACTUALS:
        upsert_record(
            ActualValue, {"target": target, "period_label": label, "basis": basis},
            {"period_start": start, "period_end": end, "is_full_year": full,
             "value": dec(value, 4), "reporting_side": run.sides[side] if side else None,
             "source": source, "provenance": provenance},
            actor=actor,
        )
    run.note(f"1 indicator, 1 target, {len(data.ACTUALS)} actual values")
