from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
