"""The trade benchmark runs end to end on a tiny sample (the real run is `make bench-trade`)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_benchmark_runs_on_a_tiny_sample(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_trade.py"), "--rows", "5000",
         "--repeat", "1", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "bilat/floor" in proc.stdout and "indicators" in proc.stdout
    assert (tmp_path / "rows-5000" / "results.json").exists()
    assert "interleaved" in proc.stdout


def test_the_pair_queries_run_interleaved_on_a_previous_run(tmp_path):
    run = [sys.executable, str(ROOT / "benchmarks" / "bench_trade.py"), "--rows", "5000",
           "--work", str(tmp_path)]
    first = subprocess.run([*run, "--repeat", "1", "--pair-runs", "0", "--engines", "bilat,floor"],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "interleaved" not in first.stdout
    proc = subprocess.run([*run, "--pairs-only", "--pair-runs", "3"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "3 runs each" in proc.stdout and "pair_hs4" in proc.stdout
    report = json.loads((tmp_path / "rows-5000" / "pairs.json").read_text())
    assert set(report["pairs"]["pair_hs4"]) == {"bilat", "floor"}
