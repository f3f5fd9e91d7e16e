"""An import killed mid-way (kill -9) leaves nothing behind, and the next import proceeds.

``bilat import`` runs in a process of its own against a database file (SQLite) or the test
database (PostgreSQL), on a file long enough to be half-way through its one transaction when it
is killed; then the registry and the change log must be exactly as before, and a second import
must load and leave a chain that verifies.
"""

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

import bilat
from bilat.core.models import ChainHead, ChangeLogEntry
from bilat.decisions.models import Decision
from bilat.decisions.tests.factories import make_cast, make_decision

ROOT = Path(bilat.__file__).resolve().parent.parent
HEADER = ["control_number", "title_en", "deadline_type", "issued_on", "due_on", "kz_lead",
          "access_tier", "source_kind"]


def decisions_file(path: Path, prefix: str, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(count):
            writer.writerow([f"{prefix}-{n}", f"Decision {n}", "fixed", "2025-03-01",
                             "2025-06-30", "kz-trade-ministry", "official", "protocol"])
    return path


class Database:
    """The database a ``bilat`` process uses, read from outside any Django transaction."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            # Copy the committed test database into a file other processes can open.
            self.path = tmp_path / "bilat.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(self.path) as target:
                connection.connection.backup(target)
            self.url = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            self.url = (f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:"
                        f"{s['PORT'] or 5432}/{s['NAME']}")

    def rows(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def state(self) -> tuple:
        """Decisions, change-log entries and the head of the chain."""
        return (
            self.rows(f"SELECT count(*) FROM {Decision._meta.db_table}")[0][0],
            self.rows(f"SELECT count(*) FROM {ChangeLogEntry._meta.db_table}")[0][0],
            self.rows(f"SELECT seq, hash FROM {ChainHead._meta.db_table}"),
        )

    def writing(self, process: subprocess.Popen) -> bool:
        """Whether the import process is inside its write transaction."""
        if self.vendor == "sqlite":
            db = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:  # the writer's lock: its transaction is open
                return True
            finally:
                db.close()
        # A transaction gets an id on its first write.
        return bool(self.rows(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'bilat-fault-test' "
            "AND backend_xid IS NOT NULL"
        ))


def bilat_command(db: Database, tmp_path: Path, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db.url, "BILAT_DATA_DIR": str(tmp_path / "var"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "PGAPPNAME": "bilat-fault-test", "DJANGO_SETTINGS_MODULE": "bilat.settings"}
    return subprocess.Popen([sys.executable, "-m", "bilat", *args], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_mid_way_writes_nothing_and_the_next_one_proceeds(tmp_path):
    cast = make_cast()
    make_decision("IGC21-01", kz_lead=cast.kz_lead)
    db = Database(tmp_path)
    before = db.state()
    # Each new decision goes through adopt_decision and the log: 400 take many seconds.
    big = decisions_file(tmp_path / "big.csv", "IGC30", 400)
    importing = bilat_command(db, tmp_path, "import", "decisions", str(big), "--as",
                              "secretariat_kz")
    deadline = time.monotonic() + 30
    while not db.writing(importing):
        assert importing.poll() is None, importing.communicate()
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    time.sleep(0.5)  # some rows written inside the transaction
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    assert importing.returncode == -signal.SIGKILL

    assert db.state() == before

    small = decisions_file(tmp_path / "small.csv", "IGC31", 3)
    done = bilat_command(db, tmp_path, "import", "decisions", str(small), "--as",
                         "secretariat_kz")
    out, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert "Applied: 3 new, 0 changed" in out
    decisions, entries, _head = db.state()
    assert decisions == before[0] + 3 and entries > before[1]
    check = bilat_command(db, tmp_path, "verify_changelog")
    out, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
    assert f"{entries} entries" in out
