"""The trade benchmark runs end to end on a tiny sample (the real run is `make bench-trade`)."""

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
