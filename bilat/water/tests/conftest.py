"""The demo fixtures, for the tests of the water demo."""

from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
