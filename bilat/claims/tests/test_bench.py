"""The claims benchmark runs end to end (the full run with the baseline is `make bench-claims`)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_benchmark_scores_bilat_on_every_split_without_the_network(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_claims.py"), "--engines", "bilat",
         "--repeat", "1", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Network connections attempted: 0" in proc.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    triples = results["engines"]["bilat"]["triples"]
    assert set(triples) == {"dev", "holdout", "holdout2", "all"}
    assert triples["all"]["core"]["f1"] >= 0.9
