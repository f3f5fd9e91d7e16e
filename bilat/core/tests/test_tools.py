"""A test whose tool is missing is skipped on a developer's machine and fails in CI."""

import shutil

import pytest

from bilat.core.tests.tools import in_ci, require_module, require_tool


@pytest.mark.parametrize(("value", "ci"), [
    ("", False), ("0", False), ("false", False), ("No", False), ("true", True), ("1", True),
])
def test_ci_is_told_by_the_ci_variable(monkeypatch, value, ci):
    monkeypatch.setenv("CI", value)
    assert in_ci() is ci


@pytest.mark.parametrize(("ci", "outcome", "says"), [
    ("", pytest.skip.Exception, "is not installed"),
    ("true", pytest.fail.Exception, "CI runs every test"),
], ids=["outside CI", "in CI"])
def test_a_missing_tool_skips_the_test_outside_ci_and_fails_it_in_ci(monkeypatch, ci, outcome,
                                                                      says):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match=says):
        require_tool("no-such-tool", "apt-get install no-such-tool")
    with pytest.raises(outcome, match=says):
        require_module("no_such_module", "pip install no-such-module")


def test_a_tool_that_is_there_is_given_back(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert require_tool("sh", "it is always there") == shutil.which("sh")
    assert require_module("json", "the standard library").dumps([]) == "[]"
