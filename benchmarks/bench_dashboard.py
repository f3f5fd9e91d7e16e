"""Time the dashboard under load and each briefing format, on the demo data.

Usage: BILAT_DATA_DIR=/tmp/x bilat demo --no-serve; python benchmarks/bench_dashboard.py
Starts `bilat runserver` on 127.0.0.1 only, sends a bounded number of requests, stops it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BILAT = str(ROOT / ".venv" / "bin" / "bilat")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))


def get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - started


def dashboard() -> None:
    server = subprocess.Popen(
        [BILAT, "runserver", f"127.0.0.1:{PORT}", "--noreload", "--insecure"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{PORT}/"
        for _ in range(100):
            try:
                first = get(url)
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start")
        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            times = sorted(pool.map(lambda _i: get(url), range(REQUESTS)))
        wall = time.perf_counter() - started
        print(f"dashboard (anonymous), first request {first:.2f} s; {REQUESTS} requests, "
              f"{CONCURRENCY} at a time: {REQUESTS / wall:.1f} req/s, median "
              f"{statistics.median(times) * 1000:.0f} ms, p95 "
              f"{times[int(len(times) * 0.95) - 1] * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)


def briefings() -> None:
    for lang in ("en", "ru"):
        for fmt in ("md", "html", "docx", "pdf"):
            out = Path("/tmp") / f"bench-briefing.{lang}.{fmt}"
            started = time.perf_counter()
            subprocess.run([BILAT, "briefing", "--meeting", "21", "--lang", lang, "--format",
                            fmt, "-o", str(out)], check=True, capture_output=True)
            print(f"briefing {lang} {fmt}: {time.perf_counter() - started:.2f} s "
                  f"(whole command), {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    dashboard()
    briefings()
