"""Load bilat as it runs in production and time every page (`make bench-load`).

`python benchmarks/bench_load.py [--users 100] [--duration 60] [--workers 2] [--think 0.5,1.5]
[--database postgres://…/bilat_bench] [--out DIR]`

Builds a fresh PostgreSQL database (its name must contain "bench": it is dropped first) and
data folder with the demo, starts a Redis of its own (when `redis-server` is installed),
`bilat serve` with `--workers` processes (settings `benchmarks.dashboard_site`: bilat plus a
bare view, the floor), and `bilat worker`; then runs `benchmarks/locustfile.py` headless
(public, viewers, officers reporting with evidence, secretariats verifying, exporting and
previewing imports) and, halfway, loads the trade warehouse again (`bilat trade demo`).
Prints per page the requests, failures, median and 95th percentile, the requests per second,
and each page's median and p95 as a ratio to the bare view's in the same run, the server's
CPU by page and user and the CPU each process took; writes
`results.json` under `--out` (default `benchmarks/out/load/`, git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
GOAL_P95_MS = 300
FLOOR = "/bench/floor/"
TRADE_LOAD_NICE = 10  # how much lower the trade load in the middle runs than the server
# The demo's users of each role the load acts as, each locust user with a session of its own,
# made in the session store (as a sign-in would, without the password hasher's cost at the
# start of every run: a sign-in is timed on its own, see docs/benchmarks.md).
DEMO_USERS = ["viewer", "kz-officer", "uz-officer", "kz-secretariat", "uz-secretariat"]

SETUP_SCRIPT = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from bilat.accounts.policy import Action, can
from bilat.decisions.models import DecisionSide
parts, sessions = {}, {}
for name in USERS:
    user = get_user_model().objects.get(username=name)
    keys = []
    for _ in range(SESSIONS):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    sessions[name] = keys
    parts[name] = [[p.decision_id, p.side.code] for p in
                   DecisionSide.objects.select_related("decision", "side").order_by("pk")
                   if p.status not in ("done", "not_done", "reported")
                   and p.decision.control_state == "on_control"
                   and can(user, Action.REPORT, p.decision, side_id=p.side_id)]
print(json.dumps({"parts": parts, "sessions": sessions}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(url: str) -> None:
    import psycopg

    server, _, name = url.replace("postgres://", "postgresql://", 1).rpartition("/")
    if "bench" not in name:
        sys.exit(f"bench_load drops and creates its database: {name!r} must contain 'bench'.")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer")


def time_sign_in(host: str, times: int = 5) -> float:
    """Median milliseconds of a sign-in through the page (the demo viewer's published password),
    one at a time: the password hasher's work, which the load leaves out."""
    import statistics

    import requests

    took = []
    for _ in range(times):
        with requests.Session() as session:
            session.get(host + "/accounts/login/")
            began = time.perf_counter()
            response = session.post(host + "/accounts/login/", allow_redirects=False, data={
                "username": "viewer", "password": "demo-viewer",
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")})
            took.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 302, "the demo viewer could not sign in"
    return statistics.median(took)


def cpu_seconds() -> dict[int, tuple[str, int, float]]:
    """Every process's name, parent and CPU seconds so far (Linux's /proc; empty elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    seen = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        seen[int(stat.parent.name)] = (name, int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return seen


def cpu_by_kind(before: dict, after: dict, roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds spent between two readings, by kind: each root's process tree, PostgreSQL's
    processes, and the rest of the machine (processes that ended meanwhile are not counted)."""
    def kind(pid: int) -> str:
        for _ in range(32):
            for label, root in roots.items():
                if pid == root:
                    return label
            if pid not in after or pid <= 1:
                break
            pid = after[pid][1]
        return "other"

    spent: dict[str, float] = {}
    for pid, (name, _parent, seconds) in after.items():
        label = "postgres" if name.startswith("postgres") else kind(pid)
        used = seconds - (before[pid][2] if pid in before and before[pid][0] == name else 0)
        spent[label] = spent.get(label, 0) + used
    return {label: round(seconds, 1) for label, seconds in sorted(spent.items())}


def children_cpu(before: dict, after: dict, root: int) -> list[float]:
    """The CPU seconds each direct child of ``root`` spent between two readings, most first:
    how evenly the server's processes shared the load."""
    return sorted((round(seconds - (before[pid][2] if pid in before else 0), 1)
                   for pid, (_name, parent, seconds) in after.items() if parent == root),
                  reverse=True)


def _ratio(row: dict, floor: dict | None, field: str) -> str:
    """A page's figure as a multiple of the bare view's, or a dash without the bare view."""
    if floor is None:
        return f"{'–':>8}"
    return f"{row[field] / max(floor[field], 1):>8.1f}"


def cpu_by_page(log: Path) -> list[dict]:
    """The server's CPU per route and user (``benchmarks.dashboard_site.CpuPerRequest``'s log):
    requests, seconds in all, milliseconds a request, most first."""
    pages: dict[str, list[float]] = {}
    for route, ms, _at, _pid, _ahead in cpu_lines(log):
        pages.setdefault(route, []).append(ms)
    rows = [{"page": route, "requests": len(ms), "cpu_s": round(sum(ms) / 1000, 2),
             "cpu_ms": round(sum(ms) / len(ms), 2)} for route, ms in pages.items()]
    return sorted(rows, key=lambda r: -r["cpu_s"])


def cpu_lines(log: Path) -> list[tuple[str, float, float, int, bool]]:
    """``CpuPerRequest``'s lines: route and user, CPU ms, when it ended, process, made ahead."""
    lines = []
    if log.exists():
        for line in log.read_text().splitlines():
            route, ms, at, pid, ahead = line.split("\t")
            lines.append((route, float(ms), float(at), int(pid), ahead == "1"))
    return lines


def watch_swaps(path: Path, swaps: list[float], done: threading.Event) -> None:
    """Append to ``swaps`` the time.time() of each new warehouse file swapped in at ``path``
    (its inode or mtime changes; looked at every 20 ms) until ``done`` is set."""
    def identity() -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    seen = identity()
    while not done.wait(0.02):
        now = identity()
        if now != seen:
            swaps.append(time.time())
            seen = now


def window(times: Path, log: Path, swap: float, before: float = 1.0,
           after: float = 8.0) -> dict:
    """What the server did around a swap at ``swap`` (a time.time()): the requests that ended
    from ``before`` seconds before it to ``after`` seconds after, their latency (client side)
    and the server's CPU by page, process and whether the page was made ahead."""
    lo, hi = swap - before, swap + after
    took = sorted(float(line.split("\t")[3]) for line in
                  (times.read_text().splitlines() if times.exists() else [])
                  if lo <= float(line.split("\t")[0]) < hi)
    cpu: dict[str, list[float]] = {}
    by_process: dict[int, float] = {}
    for route, ms, at, pid, ahead in cpu_lines(log):
        if lo <= at < hi:
            cpu.setdefault(("ahead: " if ahead else "") + route, []).append(ms)
            by_process[pid] = by_process.get(pid, 0.0) + ms
    pages = sorted(({"page": page, "requests": len(ms), "cpu_ms": round(sum(ms), 1),
                     "slowest_ms": round(max(ms), 1)} for page, ms in cpu.items()),
                   key=lambda r: -r["cpu_ms"])
    return {"from_s": -before, "to_s": after, "requests": len(took),
            "median_ms": _percentile(took, 0.5) if took else None,
            "over_250_ms": sum(ms > 250 for ms in took),
            "slowest_ms": took[-1] if took else None,
            "server_cpu_ms_by_process": {str(p): round(ms) for p, ms in by_process.items()},
            "server_cpu_by_page": pages}


def bilat(env: dict, *args: str, nice: int = 0) -> str:
    """Run a bilat command and return its output; with ``nice``, as a batch job is run (cron,
    a timer's service): at that much lower a CPU priority, in a session of its own, so that the
    command lowers its session's autogroup too (``bilat.ops.priority``)."""
    result = subprocess.run([sys.executable, "-m", "bilat", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True, start_new_session=bool(nice),
                            preexec_fn=(lambda: os.nice(nice)) if nice else None)
    if result.returncode:
        sys.exit(f"bilat {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def _percentile(ordered: list[float], share: float) -> float:
    """The value below which ``share`` of ``ordered`` (sorted) lies (nearest rank)."""
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def read_times(path: Path, since: float = 0.0) -> list[dict]:
    """Each page's requests, failures, median and 95th percentile (ms) and requests a second,
    from the locustfile's line per request, counting those that ended at ``since`` or later
    (a time.time()), and the aggregate of all pages last, as locust's own table."""
    pages: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            at, method, name, ms, failed = line.split("\t")
            if float(at) >= since:
                pages.setdefault((method, name), []).append((float(at), float(ms), int(failed)))
    every = [r for requests in pages.values() for r in requests]
    rows = []
    for (method, name), requests in [*sorted(pages.items()), (("", "Aggregated"), every)]:
        if not requests:
            continue
        took = sorted(ms for _at, ms, _failed in requests)
        span = max(at for at, *_ in every) - min(at for at, *_ in every) or 1.0
        rows.append({"page": name, "method": method, "requests": len(requests),
                     "failures": sum(failed for *_, failed in requests),
                     "median_ms": _percentile(took, 0.5), "p95_ms": _percentile(took, 0.95),
                     "rps": len(requests) / span})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="bilat serve processes")
    parser.add_argument("--threads", type=int, default=0,
                        help="threads of each bilat serve process (default: serve's)")
    parser.add_argument("--database", default=os.environ.get(
        "BILAT_BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432/bilat_bench"))
    parser.add_argument("--out", type=Path, default=HERE / "out" / "load")
    parser.add_argument("--think", default="0.5,1.5", metavar="MIN,MAX",
                        help="seconds each user waits between two tasks (default 0.5,1.5)")
    parser.add_argument("--client", choices=["fast", "requests"], default="fast",
                        help="locust's FastHttpUser (default) or HttpUser, to compare the CPU "
                             "the load generator takes from the server's cores")
    parser.add_argument("--no-warm-pages", action="store_true",
                        help="do not make the dashboard again after writes for its latest "
                             "readers (BILAT_WARM_PAGES=0), to measure what it gives")
    args = parser.parse_args()

    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    (out / "var").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BILAT_", "DJANGO_"))}
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
               DATABASE_URL=args.database, BILAT_DATA_DIR=str(out / "var"),
               DJANGO_SETTINGS_MODULE="benchmarks.dashboard_site")
    if args.no_warm_pages:
        env["BILAT_WARM_PAGES"] = "0"
    processes: list[subprocess.Popen] = []
    try:
        print(f"Fresh database {args.database} and the demo", flush=True)
        fresh_database(args.database)
        bilat(env, "demo", "--no-serve")
        if shutil.which("redis-server"):
            redis_port = free_port()
            processes.append(start(["redis-server", "--port", str(redis_port), "--save", "",
                                    "--appendonly", "no"], env, out / "redis.log"))
            env["BILAT_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        processes.append(start([sys.executable, "-m", "bilat", "serve", "--port", str(port),
                                "--workers", str(args.workers),
                                *(["--threads", str(args.threads)] if args.threads else [])],
                               {**env, "BILAT_BENCH_CPU_LOG": str(out / "cpu.log")},
                               out / "serve.log"))
        processes.append(start([sys.executable, "-m", "bilat", "worker"], env,
                               out / "worker.log"))
        roots = {"redis": processes[0].pid if len(processes) == 3 else -1,
                 "serve": processes[-2].pid, "worker": processes[-1].pid}
        wait_up(host + FLOOR)
        # Before the sessions are made: a first sign-in upgrades the demo's password hash,
        # which would end every session made for that user before it.
        sign_in_ms = time_sign_in(host)
        script = (f"USERS = {DEMO_USERS!r}\nSESSIONS = {args.users}\n" + SETUP_SCRIPT)
        setup = bilat(env, "shell", "-c", script).strip().splitlines()[-1]

        load: dict = {}

        def trade_load() -> None:
            time.sleep(args.duration / 2)
            began = time.monotonic()
            # A batch job, at a lower priority than the pages served on the same cores, as
            # docs/deployment.md runs the loads and the worker.
            bilat(env, "trade", "demo", nice=TRADE_LOAD_NICE)
            load["trade_load_s"] = round(time.monotonic() - began, 1)
            load["at_s"] = round(args.duration / 2)

        loader = threading.Thread(target=trade_load)
        swaps: list[float] = []
        watched = threading.Event()
        watcher = threading.Thread(target=watch_swaps, args=(
            out / "var" / "trade" / "warehouse.duckdb", swaps, watched), daemon=True)
        watcher.start()
        spawn = max(1, args.users // 10)
        print(f"{args.users} users (think time {args.think} s) for {args.duration} s against "
              f"{args.workers} processes of bilat serve and the worker", flush=True)
        loader.start()
        cpu_before = cpu_seconds()
        started = time.time()
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
             "-u", str(args.users), "-r", str(spawn), "-t", f"{args.duration}s", "-H", host,
             "--csv", str(out / "locust"), "--only-summary", "--loglevel", "WARNING"],
            env={**env, "BILAT_BENCH_SETUP": setup, "BILAT_BENCH_CLIENT": args.client,
                 "BILAT_BENCH_THINK": args.think, "BILAT_BENCH_TIMES": str(out / "times.tsv")},
            cwd=ROOT, stdout=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(locust.pid, 0)  # the load generator's own CPU
        locust.returncode = os.waitstatus_to_exitcode(status)
        locust_cpu_s = usage.ru_utime + usage.ru_stime
        loader.join()
        watched.set()
        cpu_after = cpu_seconds()
        cpu = cpu_by_kind(cpu_before, cpu_after, roots)
        serve_processes = children_cpu(cpu_before, cpu_after, roots["serve"])
        cpu["locust"] = round(locust_cpu_s, 1)
    finally:
        for process in reversed(processes):
            stop(process)

    # The whole run, and the run once every user has started (locust starts a tenth of them a
    # second): the first seconds are each user's first requests, to a server just started.
    rows = read_times(out / "times.tsv")
    ramp_s = args.users / spawn
    steady = {r["page"]: r for r in read_times(out / "times.tsv", since=started + ramp_s)}
    # The bare view, to compare each page with (none when no user asked for it: a short run).
    floor = steady.get(FLOOR)
    total = next(r for r in rows if r["page"] == "Aggregated")
    load["swaps_at_s"] = [round(at - started, 2) for at in swaps]
    windows = [window(out / "times.tsv", out / "cpu.log", at) for at in swaps]
    report = {"sign_in_ms": round(sign_in_ms), "users": args.users, "duration_s": args.duration,
              "think_s": args.think, "workers": args.workers,
              "cores": os.cpu_count(), "load_average": os.getloadavg(), "trade": load,
              "client": args.client, "locust_cpu_s": round(locust_cpu_s, 1),
              "locust_cpu_ms_per_request": round(
                  1000 * locust_cpu_s / max(total["requests"], 1), 2),
              "cpu_s": cpu, "cpu_by_page": cpu_by_page(out / "cpu.log"), "pages": rows,
              "serve_processes_cpu_s": serve_processes, "ramp_s": ramp_s, "pages_after_ramp": list(steady.values()),
              "swap_windows": windows}
    (out / "results.json").write_text(json.dumps(report, indent=2))

    print(f"\n{'':<58} {'whole run':^26}  {f'after the first {ramp_s:g} s':^31}")
    print(f"{'page':<58} {'reqs':>6} {'fail':>4} {'med ms':>6} {'p95 ms':>6}  {'reqs':>5} "
          f"{'med ms':>6} {'p95 ms':>6} {'med/bare':>8} {'p95/bare':>8}")
    for r in sorted(rows, key=lambda r: r["page"] == "Aggregated"):
        after = steady.get(r["page"])
        exempt = "download" in r["page"]  # the goal leaves the packs out
        flag = "" if exempt or (after or r)["p95_ms"] <= GOAL_P95_MS else "  > goal"
        later = (f"{after['requests']:>5} {after['median_ms']:>6.0f} {after['p95_ms']:>6.0f} "
                 f"{_ratio(after, floor, 'median_ms')} {_ratio(after, floor, 'p95_ms')}"
                 if after else f"{'–':>5}")
        print(f"{r['method'] + ' ' + r['page']:<58.58} {r['requests']:>6} {r['failures']:>4} "
              f"{r['median_ms']:>6.0f} {r['p95_ms']:>6.0f}  {later}{flag}")
    print(f"\n{total['rps']:.0f} requests/s, {total['failures']} failures (goal: p95 of the "
          f"pages after the start under {GOAL_P95_MS} ms, downloads aside); trade load of "
          f"{load.get('trade_load_s', '?')} s at {load.get('at_s', '?')} s; a sign-in alone "
          f"{sign_in_ms:.0f} ms; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; results in {out}/results.json")
    print(f"The load generator (locust, {args.client} client): {locust_cpu_s:.1f} s of CPU, "
          f"{report['locust_cpu_ms_per_request']} ms a request")
    print(f"\n{'server CPU by page (its thread, setup requests included)':<66} {'reqs':>6} "
          f"{'CPU s':>7} {'ms/req':>7}")
    for r in report["cpu_by_page"][:25]:
        print(f"{r['page']:<66.66} {r['requests']:>6} {r['cpu_s']:>7.1f} {r['cpu_ms']:>7.1f}")
    for at, seen in zip(load["swaps_at_s"], windows, strict=True):
        print(f"\nAround the warehouse swapped in at {at} s ({seen['from_s']:+g} to "
              f"{seen['to_s']:+g} s): {seen['requests']} requests, median "
              f"{seen['median_ms']} ms, {seen['over_250_ms']} over 250 ms, slowest "
              f"{seen['slowest_ms']} ms; server CPU ms by process "
              f"{seen['server_cpu_ms_by_process']}")
        for r in seen["server_cpu_by_page"][:12]:
            print(f"  {r['page']:<64.64} {r['requests']:>5} {r['cpu_ms']:>8.0f} "
                  f"{r['slowest_ms']:>7.0f}")
    print("CPU seconds during the load, by process (the trade load's command under other): "
          + ", ".join(f"{label} {seconds}" for label, seconds in cpu.items())
          + f"; {os.cpu_count()} cores × {args.duration} s = {os.cpu_count() * args.duration} s; "
          f"each server process: {', '.join(map(str, serve_processes))} s")


if __name__ == "__main__":
    main()
