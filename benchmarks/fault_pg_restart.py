"""PostgreSQL restarted under load: errors only while it is down, then full recovery.

`python benchmarks/fault_pg_restart.py [--down 5] [--duration 30]` (as root, or as the user that
owns PostgreSQL's binaries; PostgreSQL 15's server under /usr/lib/postgresql/15/bin)

Creates a PostgreSQL server of its own (initdb in a temporary folder, a free port, run as the
`postgres` user when started as root), loads the demo into it, starts `bilat serve` with two
processes, and requests a page that reads the database (the decision list) from eight threads
for `--duration` seconds. A third of the way in it stops PostgreSQL (`pg_ctl stop -m fast`,
what a restart does to connections) for `--down` seconds, then starts it again, bilat left
running. Prints per second the answers by status, the errors before, during and after the
outage, and how long bilat took to answer again once PostgreSQL was back. The cluster it
made is removed at the end; nothing of the machine's own PostgreSQL is touched.
"""

from __future__ import annotations

import argparse
import collections
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench_load import bilat, free_port, start, stop, wait_up  # noqa: E402

PG_BIN = Path(os.environ.get("BILAT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=5, help="seconds PostgreSQL is down")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    args = parser.parse_args()
    if not (PG_BIN / "initdb").exists():
        sys.exit(f"No PostgreSQL server binaries in {PG_BIN} (set BILAT_PG_BIN).")

    work = Path(tempfile.mkdtemp(prefix="bilat-pg-restart-"))
    cluster, port = work / "cluster", free_port()
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(work, postgres.pw_uid, postgres.pw_gid)
    pg_ctl = as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(cluster), "-w", "-l",
                          str(work / "postgres.log"), "-o", f"-p {port} -k {work}"])
    processes: list[subprocess.Popen] = []
    try:
        subprocess.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(cluster), "-U", "postgres",
                                    "--auth=trust"]), check=True, capture_output=True)
        subprocess.run([*pg_ctl, "start"], check=True, capture_output=True)
        subprocess.run(as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                                    "-U", "postgres", "bilat"]), check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BILAT_", "DJANGO_"))}
        env.update(PYTHONPATH=str(ROOT), BILAT_DATA_DIR=str(work / "var"),
                   DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/bilat",
                   DJANGO_SETTINGS_MODULE="bilat.settings")
        print("Loading the demo into a PostgreSQL server of our own", flush=True)
        bilat(env, "demo", "--no-serve")
        web = free_port()
        processes.append(start([sys.executable, "-m", "bilat", "serve", "--port", str(web),
                                "--workers", "2", "--no-access-log"], env, work / "serve.log"))
        url = f"http://127.0.0.1:{web}/decisions/"
        wait_up(url)

        answers: list[tuple[float, str]] = []
        began = time.monotonic()
        stopped = threading.Event()

        def client() -> None:
            while not stopped.is_set():
                at = time.monotonic() - began
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        answers.append((at, str(response.status)))
                except urllib.error.HTTPError as exc:
                    answers.append((at, str(exc.code)))
                except OSError as exc:
                    answers.append((at, type(exc).__name__))
                time.sleep(0.05)

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(args.duration / 3)
        down_at = time.monotonic() - began
        subprocess.run([*pg_ctl, "stop", "-m", "fast"], check=True, capture_output=True)
        time.sleep(args.down)
        subprocess.run([*pg_ctl, "start"], check=True, capture_output=True)
        up_at = time.monotonic() - began
        time.sleep(max(0.0, args.duration - up_at))
        stopped.set()
        for t in threads:
            t.join()
    finally:
        for process in processes:
            stop(process)
        subprocess.run([*pg_ctl, "stop", "-m", "immediate"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)

    per_second: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for at, outcome in answers:
        per_second[int(at)][outcome] += 1
    for second in sorted(per_second):
        mark = " (PostgreSQL down)" if down_at <= second + 1 and second <= up_at else ""
        print(f"{second:>4} s  " + ", ".join(f"{k}: {v}" for k, v in
                                              sorted(per_second[second].items())) + mark)
    errors = [(at, o) for at, o in answers if o != "200"]
    before = [e for e in errors if e[0] < down_at]
    during = [e for e in errors if down_at <= e[0] <= up_at]
    after = [e for e in errors if e[0] > up_at]
    first_ok = min((at for at, o in answers if o == "200" and at > up_at), default=None)
    print(f"\nPostgreSQL down from {down_at:.1f} s to {up_at:.1f} s. Errors: {len(before)} "
          f"before, {len(during)} while down, {len(after)} after (last at "
          f"{max((e[0] for e in after), default=0):.1f} s); first answer after the restart "
          f"{(first_ok - up_at) if first_ok else float('nan'):.2f} s after it; "
          f"{len(answers)} requests in all.")


if __name__ == "__main__":
    main()
