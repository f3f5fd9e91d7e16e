"""Faults: a load killed midway leaves nothing behind that stops the next one, and every
reader process sees each warehouse a load swaps in, without a restart."""

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import duckdb
import pytest
from django.core.management import call_command
from django.test import override_settings

import bilat
from bilat.core.tests.tools import missing
from bilat.trade import queries
from bilat.trade.loaders import load
from bilat.trade.warehouse import DATA_DIR, WarehouseError, reader, writer

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


def big_baci(path: Path, rows: int) -> Path:
    """A valid BACI year of ``rows`` rows (distinct exporter, importer and product)."""
    with duckdb.connect() as con:
        con.execute(
            "CREATE TABLE c AS SELECT m49::INT AS m49 FROM read_csv($p, all_varchar = true) "
            "WHERE is_iso = '1' AND m49 <> '0' ORDER BY m49::INT LIMIT 60",
            {"p": str(DATA_DIR / "countries.csv")})
        con.execute(
            "CREATE TABLE p AS SELECT chapter || lpad(s::VARCHAR, 4, '0') AS k "
            "FROM read_csv($p, all_varchar = true), range(1, 4) r(s) "
            "WHERE chapter NOT IN ('98', '99')", {"p": str(DATA_DIR / "hs_chapters.csv")})
        con.execute(
            f"COPY (SELECT 2022 AS t, e.m49 AS i, m.m49 AS j, p.k, 1.5 AS v, 2 AS q "
            f"FROM c e, c m, p WHERE e.m49 <> m.m49 ORDER BY ALL LIMIT {rows}) "
            f"TO '{path}' (HEADER)")
    return path


# --- item 14: a killed load ----------------------------------------------------------------


def test_a_load_killed_midway_leaves_the_warehouse_and_the_next_load_recovers_the_lock(
    tmp_path,
):
    data = tmp_path / "var"
    warehouse = data / "trade" / "warehouse.duckdb"
    load("national", [national(tmp_path / "kz.csv", 3.1)], warehouse=warehouse)
    before = digest(warehouse)
    baci = big_baci(tmp_path / "BACI_HS17_Y2022_V202401.csv", 400_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilat", "trade", "load", "--format", "baci", str(baci)],
        env=environment(data), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    try:
        for line in proc.stderr:
            if line.startswith("Reading"):
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    leftovers = sorted(p.name for p in warehouse.parent.iterdir())
    assert "warehouse.duckdb.lock" in leftovers
    assert any(name.endswith(".tmp") for name in leftovers), leftovers
    assert digest(warehouse) == before

    err = StringIO()
    with override_settings(TRADE_WAREHOUSE=warehouse):
        call_command("trade", "load", "--format", "national",
                     str(national(tmp_path / "kz2.csv", 3.5)), stdout=StringIO(), stderr=err)
    assert "Recovered the lock of a load that stopped without finishing" in err.getvalue()
    assert "removed its temporary files" in err.getvalue()
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["warehouse.duckdb"]
    p = queries.pair_series("KZ", "UZ", basis="KZ", warehouse=warehouse)[0]
    assert p.exports.value == 3.5e9


def test_a_load_running_in_another_process_keeps_its_lock(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path;"
         "from bilat.trade.warehouse import writer\n"
         "with writer(Path(sys.argv[1])):\n"
         "    print('holding', flush=True); time.sleep(60)",
         str(warehouse)],
        env=environment(tmp_path), stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(WarehouseError, match=rf"Another load \(process {holder.pid}, "):
            with writer(warehouse):
                pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with writer(warehouse):  # the kernel released the dead holder's lock
        pass


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


def test_a_running_server_and_this_process_see_each_new_load_within_seconds(tmp_path):
    if not Path("/proc/self/fd").exists():
        missing("/proc (Linux) is needed to see which files a process holds open")
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
