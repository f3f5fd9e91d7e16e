"""A short, bounded run of `make bench-load`: the load's scenario runs against `bilat serve` and
the worker on PostgreSQL without a failure, and says where the server's CPU went.

The full run (100 users, 90 s) is `make bench-load`; its figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.servers import ROOT

pytestmark = pytest.mark.slow


def _postgres_server() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return url.rpartition("/")[0]


@pytest.mark.skipif(_postgres_server() is None, reason="the load runs on PostgreSQL")
def test_a_short_load_serves_every_page_of_the_scenario_without_a_failure(tmp_path):
    import psycopg

    server = _postgres_server()
    database = f"{server}/bilat_load_bench_{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BILAT_", "DJANGO_"))}
    try:
        run = subprocess.run(
            [sys.executable, "benchmarks/bench_load.py", "--users", "6", "--duration", "8",
             "--think", "0.2,0.5", "--database", database, "--out", str(tmp_path / "load")],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    finally:
        with psycopg.connect(f"{server.replace('postgres://', 'postgresql://', 1)}/postgres",
                             autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "bilat_load_bench_{os.getpid()}" WITH (FORCE)')
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    report = json.loads((tmp_path / "load" / "results.json").read_text())
    total = next(r for r in report["pages"] if r["page"] == "Aggregated")
    assert total["requests"] > 20 and total["failures"] == 0
    assert report["think_s"] == "0.2,0.5"
    pages = {r["page"] for r in report["cpu_by_page"]}
    assert "GET /bench/floor/ (public)" in pages  # the driver's own, before the users start
    # Which pages six users reach in eight seconds varies; some of the scenario's always.
    assert len({p for p in pages if "/accounts/" not in p and "/bench/" not in p}) >= 3
    assert set(report["cpu_s"]) >= {"serve", "postgres", "locust"}
    # The trade load in the middle swaps two files in (the published figures, then the
    # synthetic world sample); what the server did around each is reported.
    swaps = report["trade"]["swaps_at_s"]
    assert len(swaps) == 2 and swaps == sorted(swaps)
    assert [set(w) >= {"requests", "median_ms", "server_cpu_by_page"}
            for w in report["swap_windows"]] == [True, True]
