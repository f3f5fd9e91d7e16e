"""Time the dashboard under load, against a bare Django view on the same server, and each
briefing format, on the demo data.

Usage: BILAT_DATA_DIR=/tmp/x bilat demo --no-serve; python benchmarks/bench_dashboard.py
[--concurrency 20] [--duration 20] [--users anonymous,kz-secretariat] [--no-briefings]
[--tree DIR] (another copy of the ``bilat`` package to measure, e.g. an earlier commit's
``git archive``)

Starts `bilat runserver` on 127.0.0.1 only (with ``benchmarks.dashboard_site``: bilat plus the
floor view at /bench/floor/), drives it with `wrk` (Debian's package; a bounded Python thread
pool when wrk is missing) for a fixed time per URL, and stops it. Prints the load average at
start and end: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SETTINGS = "benchmarks.dashboard_site"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3))
end
"""
# A signed-in user's session, made directly in the session store (no password needed).
SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(username={name!r})
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.save()
print(s.session_key)
"""
# The dashboard in-process: a cache miss (after a write) and a hit, median of 10 each.
IN_PROCESS = """
import statistics, time
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection
settings.ALLOWED_HOSTS = ["*"]
c = Client()
c.get("/")
def run(clear):
    times = []
    for _ in range(10):
        if clear:
            cache.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as q:
            c.get("/")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(q.captured_queries)
(miss, qm), (hit, qh) = run(True), run(False)
print(f"in-process, anonymous: cache miss {miss:.0f} ms ({qm} queries), "
      f"hit {hit:.1f} ms ({qh} queries)")
"""
# Every format, in one process: the first call starts vl-convert's engine.
BRIEFINGS = """
import time
from bilat.briefings import services
from bilat.meetings.models import Meeting
started = time.perf_counter()
snapshot = services.snapshot_for(Meeting.objects.get(number=21), actor=None)
print(f"briefing: freeze or reuse the snapshot {time.perf_counter() - started:.2f} s")
for lang in ("en", "ru"):
    for fmt in ("md", "html", "docx", "pdf"):
        started = time.perf_counter()
        data = services.produce_briefing(snapshot, lang=lang, fmt=fmt)
        print(f"briefing {lang} {fmt}: {time.perf_counter() - started:.2f} s in-process, "
              f"{len(data):,} bytes")
"""


TREE: str = ""  # --tree: measure the bilat package found there instead of this one


def env() -> dict[str, str]:
    e = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [TREE, str(ROOT), e.get("PYTHONPATH", "")]))
    return e


def django_python(code: str) -> str:
    wrapped = "import django; django.setup()\n" + code
    return subprocess.run([str(BIN / "python"), "-c", wrapped], env=env(), check=True,
                          capture_output=True, text=True, cwd=TREE or ROOT).stdout.strip()


def get(url: str, cookie: str = "") -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - started


def load(url: str, cookie: str, concurrency: int, duration: float) -> dict:
    """Requests/s, median and p95 (ms) of ``concurrency`` clients asking for ``duration`` s."""
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(WRK_SCRIPT)
        cmd = ["wrk", "-t2", f"-c{concurrency}", f"-d{int(duration)}s", "--timeout", "30s",
               "-s", f.name, url]
        if cookie:
            cmd[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        os.unlink(f.name)
        line = next(x for x in out.splitlines() if x.startswith("RESULT"))
        n, errors, seconds, median, p95 = line.split()[1:]
        return {"tool": "wrk", "requests": int(n), "errors": int(errors),
                "rps": int(n) / float(seconds), "median": float(median), "p95": float(p95)}
    deadline = time.perf_counter() + duration
    times: list[float] = []

    def client(_i: int) -> None:
        while time.perf_counter() < deadline:
            times.append(get(url, cookie))

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    wall = time.perf_counter() - started
    times.sort()
    return {"tool": "python threads", "requests": len(times), "errors": 0,
            "rps": len(times) / wall, "median": statistics.median(times) * 1000,
            "p95": times[max(0, int(len(times) * 0.95) - 1)] * 1000}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dashboard(args: argparse.Namespace) -> None:
    port = args.port or free_port()
    if args.server == "runserver":
        cmd = [str(BIN / "python"), "-m", "django", "runserver", f"127.0.0.1:{port}",
               "--noreload", "--insecure", "--skip-checks"]
    else:  # processes: Django's threaded server pre-forked, one process per core
        cmd = [str(BIN / "python"), "-m", "benchmarks.dashboard_site", "--port", str(port),
               "--workers", str(args.workers)]
    server = subprocess.Popen(cmd, env=env(), cwd=TREE or ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                sys.exit(f"the server stopped (is port {port} taken?)")
            try:
                get(base + "/bench/floor/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start")
        for user in args.users.split(","):
            cookie = "" if user == "anonymous" else (
                "sessionid=" + django_python(SESSION.format(name=user)))
            first = get(base + "/", cookie)
            floor = load(base + "/bench/floor/", cookie, args.concurrency, args.duration)
            dash = load(base + "/", cookie, args.concurrency, args.duration)
            print(f"{args.server}, {user}, {args.concurrency} concurrent, {args.duration:.0f} s each "
                  f"({dash['tool']}); first dashboard request {first * 1000:.0f} ms")
            for label, r in (("floor (bare view)", floor), ("dashboard", dash)):
                print(f"  {label:18} {r['rps']:6.1f} req/s  median {r['median']:6.1f} ms  "
                      f"p95 {r['p95']:6.1f} ms  ({r['requests']} requests, {r['errors']} "
                      f"errors)")
            print(f"  dashboard/floor: median {dash['median'] / floor['median']:.2f}, "
                  f"p95 {dash['p95'] / floor['p95']:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(django_python(IN_PROCESS))


def briefings() -> None:
    print(django_python(BRIEFINGS))
    for fmt in ("md", "pdf"):
        out = Path(tempfile.gettempdir()) / f"bench-briefing.en.{fmt}"
        started = time.perf_counter()
        subprocess.run([str(BIN / "python"), "-m", "django", "write_briefing", "--meeting", "21",
                        "--lang", "en", "--format", fmt, "-o", str(out)],
                       check=True, capture_output=True, env=env(), cwd=TREE or ROOT)
        print(f"`bilat write_briefing --format {fmt}`, whole command incl. start-up: "
              f"{time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per URL")
    parser.add_argument("--users", default="anonymous,kz-secretariat",
                        help="comma-separated: anonymous and/or demo usernames")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "0")),
                        help="default: a free port")
    parser.add_argument("--no-briefings", action="store_true")
    parser.add_argument("--server", choices=["runserver", "processes"], default="runserver",
                        help="processes: Django's threaded server pre-forked, --workers of them")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--tree", default="", help="directory holding another bilat package")
    args = parser.parse_args()
    global TREE
    TREE = str(Path(args.tree).resolve()) if args.tree else ""
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    dashboard(args)
    if not args.no_briefings:
        briefings()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
