"""Faults: every reader process sees each warehouse a load swaps in, without a restart."""

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import bilat
from bilat.trade import queries
from bilat.trade.loaders import load
from bilat.trade.warehouse import reader

ROOT = Path(bilat.__file__).resolve().parent.parent


def national(path: Path, exports_bn: float) -> Path:
    path.write_text("reporter,partner,period,exports,imports,source,unit\n"
                    f"KZ,UZ,2023,{exports_bn},1.3,Kazakh statistics,billion USD\n")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BILAT_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="bilat.settings",
               PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
               PYTHONUNBUFFERED="1")
    return env


# --- item 13: readers see each new warehouse ---------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exports_served(url: str) -> float | None:
    with urllib.request.urlopen(url, timeout=10) as response:
        series = json.load(response)
    return series[0]["exports"]["value"] if series else None


def open_deleted_files(pid: int, name: str) -> list[str]:
    fds = Path(f"/proc/{pid}/fd")
    targets = []
    for fd in fds.iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue
    return [t for t in targets if name in t and t.endswith("(deleted)")]


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_a_running_server_and_this_process_see_each_new_load_within_seconds(tmp_path):
    data = tmp_path / "var"
    warehouse = data / "trade" / "warehouse.duckdb"
    load("national", [national(tmp_path / "a.csv", 3.1)], warehouse=warehouse)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bilat", "runserver", "--noreload", "--skip-checks",
         f"127.0.0.1:{port}"],
        env=environment(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v1/trade/pairs/KZ/UZ/series/?basis=KZ"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert exports_served(url) == 3.1e9
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert queries.pair_series("KZ", "UZ", warehouse=warehouse)[0].exports.value == 3.1e9
        for exports_bn in (3.5, 2.9, 4.2):
            load("national", [national(tmp_path / "b.csv", exports_bn)], warehouse=warehouse)
            deadline = time.monotonic() + 5
            while exports_served(url) != exports_bn * 1e9:
                assert time.monotonic() < deadline, f"the server still serves the old {exports_bn}"
                time.sleep(0.1)
            mine = queries.pair_series("KZ", "UZ", warehouse=warehouse)[0].exports.value
            assert mine == exports_bn * 1e9
            # The replaced files are closed, in the server and here: none is held open deleted.
            assert open_deleted_files(server.pid, "warehouse.duckdb") == []
            assert open_deleted_files(os.getpid(), str(warehouse)) == []
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_reader_in_use_keeps_its_file_while_the_next_reads_the_new_one(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    sql = "SELECT value FROM flows WHERE flow = 'export'"
    load("national", [national(tmp_path / "a.csv", 3.1)], warehouse=warehouse)
    with reader(warehouse) as old:
        load("national", [national(tmp_path / "b.csv", 3.5)], warehouse=warehouse)
        with reader(warehouse) as new:
            assert new.execute(sql).fetchall() == [(3.5e9,)]
        assert old.execute(sql).fetchall() == [(3.1e9,)]
        assert len(open_deleted_files(os.getpid(), str(warehouse))) >= 1
    assert open_deleted_files(os.getpid(), str(warehouse)) == []
