"""A niced command lowers its session's autogroup too, and only its own session's."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilat.ops import priority

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def autogroup(tmp_path, monkeypatch):
    group = tmp_path / "autogroup"
    group.write_text("/autogroup-42 nice 0\n")
    monkeypatch.setattr(priority, "AUTOGROUP", group)
    return group


def _as(monkeypatch, *, nice: int, leader: bool) -> None:
    monkeypatch.setattr(os, "nice", lambda by: nice)
    monkeypatch.setattr(os, "getsid", lambda pid: os.getpid() if leader else os.getpid() + 1)


def test_a_niced_session_leader_gives_its_autogroup_its_nice_value(autogroup, monkeypatch):
    _as(monkeypatch, nice=10, leader=True)
    assert priority.follow() == 10
    assert autogroup.read_text() == "10"


def test_a_command_sharing_its_session_leaves_the_autogroup_as_it_is(autogroup, monkeypatch):
    _as(monkeypatch, nice=10, leader=False)  # run from a shell: the shell's group stays
    assert priority.follow() is None
    assert autogroup.read_text() == "/autogroup-42 nice 0\n"


def test_a_process_at_the_default_priority_changes_nothing(autogroup, monkeypatch):
    _as(monkeypatch, nice=0, leader=True)
    assert priority.follow() is None
    autogroup.write_text("/autogroup-42 nice 15\n")  # a group lowered further already
    _as(monkeypatch, nice=10, leader=True)
    assert priority.follow() is None
    assert autogroup.read_text() == "/autogroup-42 nice 15\n"


def test_without_autogroups_the_nice_value_alone_stands(tmp_path, monkeypatch):
    monkeypatch.setattr(priority, "AUTOGROUP", tmp_path / "missing")
    _as(monkeypatch, nice=10, leader=True)
    assert priority.follow() is None


@pytest.mark.skipif(not priority.AUTOGROUP.exists(), reason="this kernel has no autogroups")
def test_on_this_kernel_a_niced_bilat_process_in_its_own_session_lowers_its_group():
    code = ("import os; os.nice(7); from bilat.ops.priority import follow; given = follow(); "
            "print(given, open('/proc/self/autogroup').read().split()[-1])")
    given, group = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        start_new_session=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    if given == "None":  # a container may keep /proc/self/autogroup from being written
        pytest.skip("this process may not change its autogroup here")
    assert (given, group) == ("7", "7")
