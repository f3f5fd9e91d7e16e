"""Tools outside Python that some tests need, and the one rule for when one is missing.

On a developer's machine a test whose tool is missing is skipped, saying what to install. In
CI (the ``CI`` environment variable set, as CI services do and ``.ci/run`` does) it fails: CI
promises that every test ran, and a skip there would hide what the test checks.
"""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """Whether the suite runs in CI (``CI`` set to anything but empty, 0, false or no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str) -> NoReturn:
    """Skip the test (or module) for want of something, or fail it in CI."""
    if in_ci():
        pytest.fail(f"{reason}: CI runs every test, so it must be installed", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_tool(name: str, install: str) -> str:
    """The path of the program ``name`` (a name on PATH or a path); ``install`` says how to
    get it."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed ({install})")
    return path


def require_module(name: str, install: str) -> ModuleType:
    """The Python module ``name``, imported; ``install`` says how to get it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python module {name} is not installed ({install})")
