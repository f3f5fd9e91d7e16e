"""The file and MQTT doors, and batches that are all or none even when the process is killed."""

import datetime
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from bilat.core.changelog import verify_chain
from bilat.core.tests.tools import require_module, require_tool
from bilat.water.models import Reading

from .factories import STEP, UTC, make_water

ROOT = Path(__file__).resolve().parents[3]
START = datetime.datetime(2024, 7, 10, 19, 0, tzinfo=UTC)


def _csv(tmp_path, rows):
    path = tmp_path / "export.csv"
    path.write_text("time;dostyk-head-q\n" + "".join(f"{t};{v}\n" for t, v in rows))
    return path


@pytest.mark.django_db
def test_importing_the_same_file_again_answers_duplicate_for_every_row(tmp_path):
    make_water()
    path = _csv(tmp_path, [((START + i * STEP).isoformat(), 80 + i % 7) for i in range(50)]
                + [("not a time", 1)])
    outputs = []
    for _ in range(3):
        out = StringIO()
        call_command("water", "import", str(path), "--json", stdout=out)
        outputs.append(json.loads(out.getvalue()))
    assert outputs[0] == {"new": 50, "duplicate": 0, "conflict": 0, "rejected": 1,
                          "rejected_rows": [{"row": 52, "reason":
                                             "time is not an ISO 8601 date and time"}]}
    assert outputs[1] == outputs[2] == {**outputs[0], "new": 0, "duplicate": 50}
    assert Reading.objects.count() == 50
    assert verify_chain().ok


@pytest.mark.django_db
def test_an_xlsx_export_in_the_long_layout_is_imported(tmp_path):
    from openpyxl import Workbook

    make_water()
    book = Workbook()
    book.active.append(["Series", "Timestamp", "Value"])
    for i in range(5):
        book.active.append(["dostyk-head-q", (START + i * STEP).replace(tzinfo=None), 81.5])
    path = tmp_path / "export.xlsx"
    book.save(path)
    out = StringIO()
    call_command("water", "import", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["new"] == 5
    # Naive sheet times are the site's local time (Tashkent, UTC+5).
    assert Reading.objects.order_by("at").first().at == START - datetime.timedelta(hours=5)


@pytest.mark.django_db(transaction=True)
def test_killing_the_process_in_the_middle_of_a_batch_leaves_all_of_it_or_none(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BILAT_DATA_DIR": str(tmp_path)}
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        database = tmp_path / "bilat.sqlite3"
    else:
        s = connection.settings_dict
        env["DATABASE_URL"] = (f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:"
                               f"{s['PORT'] or 5432}/{s['NAME']}")
    child = subprocess.Popen(
        [sys.executable, "-m", "bilat.water.tests.kill_batch", "30"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("chunk"), child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as db:
            assert db.execute("select count(*) from water_reading").fetchone() == (0,)
            assert db.execute("select count(*) from water_batch").fetchone() == (0,)
    else:
        assert Reading.objects.count() == 0
    # The same batch again, left to finish, is stored whole.
    finished = subprocess.run([sys.executable, "-m", "bilat.water.tests.kill_batch", "0"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert "done 10000" in finished.stdout, finished.stderr
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as db:
            assert db.execute("select count(*) from water_reading").fetchone() == (10_000,)
    else:
        assert Reading.objects.count() == 10_000
        assert verify_chain().ok


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_broker(binary: str, port: int, store: Path) -> subprocess.Popen:
    conf = store / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence true\n"
                    f"persistence_location {store}/\nautosave_interval 1\n")
    broker = subprocess.Popen([binary, "-c", str(conf)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return broker
        except OSError:
            time.sleep(0.05)
    broker.kill()
    raise AssertionError("mosquitto did not start")


@pytest.mark.django_db(transaction=True)
def test_restarting_the_mqtt_broker_during_a_stream_loses_nothing():
    binary = require_tool("mosquitto", "apt-get install mosquitto")
    mqtt = require_module("paho.mqtt.client", "pip install paho-mqtt")
    from bilat.water.mqtt import listen

    make_water()
    port = _free_port()
    url = f"mqtt://127.0.0.1:{port}"
    store = Path(tempfile.mkdtemp())
    store.chmod(0o777)  # mosquitto started as root saves its sessions as the mosquitto user
    broker = _start_broker(binary, port, store)
    stop = threading.Event()
    listener = threading.Thread(target=listen, kwargs={
        "actor": None, "url": url, "prefix": "test/water", "client_id": f"bilat-test-{port}",
        "stop": stop}, daemon=True)
    listener.start()
    publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
                            client_id=f"logger-{port}", clean_session=False)
    publisher.reconnect_delay_set(min_delay=1, max_delay=2)
    publisher.connect("127.0.0.1", port)
    publisher.loop_start()
    try:
        time.sleep(0.5)  # the listener subscribes
        messages, per = 60, 10
        for m in range(messages):
            readings = [{"time": (START + (m * per + i) * STEP).isoformat(), "value": 80 + i}
                        for i in range(per)]
            publisher.publish("test/water/dostyk-head-q",
                              json.dumps({"batch_id": f"logger-{m}", "readings": readings}), qos=1)
            if m == messages // 3:
                broker.send_signal(signal.SIGTERM)
                broker.wait(timeout=10)
                time.sleep(0.5)
                broker = _start_broker(binary, port, store)
            time.sleep(0.02)
        deadline = time.monotonic() + 30
        while _count() < messages * per and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        listener.join(timeout=10)
        publisher.loop_stop()
        publisher.disconnect()
        broker.terminate()
        broker.wait(timeout=10)
    assert Reading.objects.count() == messages * per
    assert Reading.objects.filter(revision__gt=0).count() == 0
    assert verify_chain().ok


def _count() -> int:
    """Readings stored so far (SQLite's shared in-memory test database locks a table while the
    listener's thread writes it: ask again)."""
    try:
        return Reading.objects.count()
    except OperationalError:
        return 0
