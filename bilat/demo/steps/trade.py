"""Fill the trade warehouse with the trade app's own demo data, if it offers a loader."""

from __future__ import annotations

import importlib
import inspect

from .common import DemoRun

CANDIDATES = ["bilat.trade.demo", "bilat.trade.loaders", "bilat.trade.services"]


def find_loader():
    """The trade app's ``load_demo`` function, or None while it has none."""
    for name in CANDIDATES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        loader = getattr(module, "load_demo", None)
        if callable(loader):
            return loader
    return None


def load(run: DemoRun) -> None:
    """Call ``bilat.trade``'s demo loader (it owns the warehouse and its idempotence)."""
    loader = find_loader()
    if loader is None:
        run.note("skipped: the trade app has no load_demo() yet")
        return
    params = inspect.signature(loader).parameters
    kwargs = {"progress": run.note} if "progress" in params else {}
    results = loader(**kwargs)
    rows = sum(getattr(r, "rows", 0) for r in results or [])
    run.note(f"{rows:,} trade rows in the warehouse")
