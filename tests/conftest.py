"""Fixtures for the cross-app tests: the demo registry and the demo trade warehouse."""

from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
from bilat.trade.tests.conftest import demo_warehouse  # noqa: F401
