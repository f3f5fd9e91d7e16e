"""scripts/run-suites: make test's two suites side by side, neither result lost."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "run-suites"


def run(*suites: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *suites], capture_output=True,
                          text=True, timeout=60)


def test_both_suites_run_side_by_side_with_their_lines_prefixed():
    done = run("one=echo first; sleep 0.3; echo 1 passed", "two=echo second; echo 2 passed")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert "[one] first" in lines and "[two] second" in lines
    assert "  one: passed — 1 passed" in lines and "  two: passed — 2 passed" in lines


def test_a_failing_suite_fails_the_run_and_the_other_still_reports():
    done = run("one=echo 3 failed, 5 passed; echo 'make: *** Error 1'; exit 1",
               "two=sleep 0.2; echo 4 passed")
    assert done.returncode == 1
    assert "  one: FAILED (exit 1) — 3 failed, 5 passed" in done.stdout
    assert "  two: passed — 4 passed" in done.stdout


def test_a_malformed_argument_is_refused():
    done = run("no-equals-sign")
    assert done.returncode == 2
    assert "expected NAME=COMMAND" in done.stderr
