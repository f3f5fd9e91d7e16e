"""Load the demonstration dataset: the 21st meeting of the Kazakhstan–Uzbekistan commission.

The load is idempotent: every record is found by a stable key (a code, a control number, a
paragraph number) and brought to the demo's values through the registry's own services, so a
second run changes nothing and adds nothing to the change log.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable

from django.db import transaction

from bilat.commissions.context import in_commission
from bilat.core.context import write_context

from .steps.common import DemoRun
from .steps.users import ensure_admin

# name, module in bilat.demo.steps, the app modules the step needs
STEPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("directory", "directory", ()),
    ("users", "users", ()),
    ("meetings", "meetings", ("bilat.meetings.models",)),
    ("decisions", "decisions", ("bilat.decisions.models", "bilat.decisions.services")),
    ("projects", "projects", ("bilat.projects.models",)),
    ("targets", "targets", ("bilat.targets.models",)),
    ("water", "water", ("bilat.water.models", "bilat.water.services")),
    ("second commission", "kyrgyzstan", ("bilat.projects.services",)),
    ("trade warehouse", "trade", ()),
    ("press releases", "claims", ("bilat.claims.models",)),
]


def _missing(modules: tuple[str, ...]) -> str | None:
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            return name
    return None


def load_demo(*, out: Callable[[str], None] = print, skip: Iterable[str] = ()) -> DemoRun:
    """Load (or bring up to date) the whole demo dataset, step by step, reporting progress.

    ``skip`` names steps to leave out (the tests skip the trade warehouse, which the trade app
    tests itself).
    """
    with write_context(channel="cli", request_id="demo-load"):
        actor = ensure_admin()
        run = DemoRun(actor=actor, out=out)
        for name, module, needs in STEPS:
            missing = _missing((*needs, f"bilat.demo.steps.{module}"))
            if name in skip:
                continue
            if missing:
                out(f"- {name}: skipped ({missing} is not available yet)")
                run.skipped.append(name)
                continue
            out(f"- {name}")
            started = time.perf_counter()
            step = importlib.import_module(f"bilat.demo.steps.{module}")
            # Every step after the directory's loads the first commission's records.
            first = next(iter(run.commissions.values()), None)
            with in_commission(first.pk if first else None):
                if module == "trade":
                    step.load(run)  # the warehouse is a DuckDB file, outside the transaction
                else:
                    with transaction.atomic():
                        step.load(run)
            run.timings[name] = time.perf_counter() - started
    return run
