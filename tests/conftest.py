"""Fixtures for the cross-app tests: the demo, loaded once per module (see bilat/demo/tests)."""

from bilat.demo.tests.conftest import _demo_module, demo  # noqa: F401
