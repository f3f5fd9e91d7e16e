"""Faults a production installation meets: a worker killed mid-task, a full disk while writing
evidence or the trade warehouse. (PostgreSQL restarted under load: docs/benchmarks.md.)"""

from __future__ import annotations

import datetime
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.servers import ROOT, bilat, environment, stop


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _worker(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bilat", "worker", "--interval", "0.1"],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


@pytest.mark.slow
def test_a_task_whose_worker_is_killed_runs_once_after_the_restart(tmp_path):
    env = environment(tmp_path / "var")
    bilat(env, "migrate", "-v", "0")
    notes = tmp_path / "notes.txt"
    bilat(env, "shell", "-c", "from tests.fault_tasks import note_slowly; "
                              f"note_slowly.enqueue({str(notes)!r}, 3)")
    worker = _worker(env)
    try:
        _wait_for(lambda: notes.exists() and "start" in notes.read_text())
    finally:
        worker.send_signal(signal.SIGKILL)  # mid-task: no chance to record anything
        worker.wait()
    assert notes.read_text().split() == ["start"]

    restarted = _worker(env)
    try:
        _wait_for(lambda: "done" in notes.read_text())
        time.sleep(1)  # and nothing runs it a third time
    finally:
        stop(restarted)
    assert notes.read_text().split() == ["start", "start", "done"]
    assert "lost its worker: queued to run again" in restarted.stdout.read()


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.django_db
def test_a_full_disk_while_writing_evidence_leaves_no_report_and_no_file(settings, monkeypatch):
    from bilat.decisions import services
    from bilat.decisions.models import DecisionSide, ExecutionReport
    from bilat.decisions.tests.factories import make_cast, make_decision, side_of

    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    real_fdopen = os.fdopen

    class FillsTheDisk:  # the file begins, then the disk is full
        def __init__(self, fd, mode, *args, **kwargs):
            self.file = real_fdopen(fd, mode, *args, **kwargs)

        def write(self, chunk):
            self.file.write(chunk[:100])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.file.close()

    monkeypatch.setattr(os, "fdopen", FillsTheDisk)
    evidence = SimpleUploadedFile("act.pdf", b"%PDF-1.4 " + b"x" * 10_000,
                                  content_type="application/pdf")
    with pytest.raises(ValidationError, match="no room") as refused:
        services.submit_report(side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"],
                               as_of=datetime.date(2024, 9, 1), text="Signed.",
                               files=[evidence])
    assert "evidence" in refused.value.message_dict
    assert not ExecutionReport.objects.exists()
    assert side_of(decision, "KZ").status != DecisionSide.Status.REPORTED
    root = Path(settings.EVIDENCE_ROOT)
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]


def test_a_full_disk_while_loading_the_warehouse_says_so_and_keeps_the_old_one(
        tmp_path, monkeypatch):
    from bilat.trade import warehouse
    from bilat.trade.loaders import load

    path = tmp_path / "trade" / "warehouse.duckdb"
    first = tmp_path / "a.csv"
    first.write_text("reporter,partner,period,exports,imports,source,unit\n"
                     "KZ,UZ,2023,3.1,1.3,Kazakh statistics,billion USD\n")
    load("national", [first], warehouse=path)
    before = path.read_bytes()

    def copy_then_full(source, target, *args, **kwargs):
        Path(target).write_bytes(Path(source).read_bytes()[:4096])  # part of it, then full
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(warehouse.shutil, "copyfile", copy_then_full)
    second = tmp_path / "b.csv"
    second.write_text(first.read_text().replace("3.1", "3.5"))
    with pytest.raises(warehouse.WarehouseError, match="No space left on device"):
        load("national", [second], warehouse=path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["warehouse.duckdb"]
