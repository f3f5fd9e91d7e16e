"""Time water ingestion through each door against the bulk-insert floor, and dekada volumes.

Usage: python benchmarks/bench_water.py [--databases sqlite,postgres] [--readings N]
[--batch B] [--series S] [--days D] [--pg-url postgres://postgres@127.0.0.1:5432]
[--pg-database NAME]

For each database, in a fresh database of its own (SQLite: a temporary file; PostgreSQL: a
database ``bilat_bench_water`` created and dropped), with tables made straight from the models:

- the floor: N readings written straight to the table in bulk (``insert_readings``);
- HTTP: N readings POSTed as JSON batches of B to ``/api/v1/water/batches/`` on a
  ``bilat runserver`` (one process, token authentication), one batch after another; then
  the same on ``bilat serve``, the production server, with one process of one thread
  (runserver opens a database connection per request, the production server keeps one);
- in turn, in process: batch by batch, B readings written as the floor (one transaction
  each), then B readings POSTed through Django's test client (the whole request but the
  socket), the two timed apart: the ratio of the request path to the floor on a busy machine;
- MQTT: N readings published in messages of B to the broker at ``BILAT_MQTT_URL`` (the
  machine's Mosquitto), stored by the listener (``bilat.water.mqtt.listen``) in this process;
- file: N readings in one CSV imported by ``bilat water import``;
- volumes: S series of D days of 10-minute readings written in bulk and their dekada
  aggregates built, then every dekada volume of the year for all S series read (the goal:
  under 1 s for 50 series and 365 days).

HTTP and in process, one request refused (an empty body) before the timing: the first request
of a process loads the URL configuration and the API's modules, which a stream pays once.

Prints observations per second and ratios to the floor, and the load average: the machine may
be shared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UTC = datetime.UTC
START = datetime.datetime(2018, 1, 1, tzinfo=UTC)  # every reading in the past
STEP = datetime.timedelta(minutes=10)
# Days after START each part writes from: spans apart, and ending before today (a reading in
# the future is rejected, which is not the path measured). With the default 50,000 readings
# (347 days) and 365 days of volumes, the last ends in 2024.
OFFSETS = {"floor": 0, "http": 400, "mqtt": 800, "file": 1200, "in_turn": 1600,
           "volumes": 2000, "http_serve": 2400}
# The servers of the HTTP part: Django's development server (a thread, and so a database
# connection, per request) and the production server with one process of one thread.
SERVERS = {
    "runserver": ["runserver", "{address}", "--noreload", "--skip-checks"],
    "serve": ["serve", "--host", "127.0.0.1", "--port", "{port}", "--workers", "1",
              "--threads", "1", "--no-access-log"],
}


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilat.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)


def _fixture(series_count: int):
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from bilat.accounts.models import Profile, Role
    from bilat.directory.models import Organisation, Side
    from bilat.water.models import Series, Site, WaterAuthority

    kz = Side.objects.create(code="KZ", m49=398, name_en="Kazakhstan", name_ru="Казахстан")
    uz = Side.objects.create(code="UZ", m49=860, name_en="Uzbekistan", name_ru="Узбекистан")
    org = Organisation.objects.create(code="uz-water", name_en="UZ water", name_ru="UZ water",
                                      kind="ministry", side=uz)
    WaterAuthority.objects.create(organisation=org)
    user = get_user_model().objects.create_user("bench-officer", password="x")
    Profile.objects.create(user=user, role=Role.OFFICER, organisation=org, side=uz)
    site = Site.objects.create(code="bench", name_en="Bench", name_ru="Bench",
                               kind="canal_head", side=uz, latitude=40, longitude=69)
    series = [Series.objects.create(code=f"bench-{i}", site=site, parameter="discharge",
                                    unit="m3/s", owner_side=uz, access_tier="official")
              for i in range(series_count)]
    for s in series:
        s.shared_with.set([kz])
    return user, Token.objects.create(user=user).key, series


def _points(count: int, offset_days: int = 0):
    first = START + datetime.timedelta(days=offset_days)
    return [(first + i * STEP, 80 + (i * 7919 % 1000) / 100) for i in range(count)]


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _warm_up(post) -> None:
    """One request refused before the timing (an empty body: 400, nothing written): the
    server's first request loads the URL configuration, the API's modules and the database
    connection, seconds under load that a sustained stream pays once."""
    import logging

    request_log = logging.getLogger("django.request")  # the test client's 400 is expected
    level, request_log.level = request_log.level, logging.ERROR
    try:
        post()
    except urllib.error.HTTPError as exc:
        assert exc.code == 400, exc
    finally:
        request_log.setLevel(level)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_floor(series, n: int) -> float:
    from bilat.water.services import write_rows_directly

    points = _points(n)
    return n / _time(lambda: write_rows_directly(series, points))


def bench_http(series, token: str, n: int, batch: int, database_url: str,
               server_name: str = "runserver", offset_days: int = OFFSETS["http"]) -> float:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT),
           "BILAT_ALLOWED_HOSTS": "127.0.0.1"}
    command = [a.format(address=f"127.0.0.1:{port}", port=port) for a in SERVERS[server_name]]
    server = subprocess.Popen(
        [sys.executable, "-m", "bilat", *command], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120  # the production server loads its modules first
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        _warm_up(lambda: urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/water/batches/", data=b"{}", method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Token {token}"}),
            timeout=300))
        points = _points(n, offset_days=offset_days)
        bodies = [json.dumps({"batch_id": f"bench-{uuid.uuid4()}", "readings": [
            {"series": series.code, "time": at.isoformat(), "value": v}
            for at, v in points[i:i + batch]]}).encode() for i in range(0, n, batch)]

        def send():
            for body in bodies:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/water/batches/", data=body, method="POST",
                    headers={"Content-Type": "application/json",
                             "Authorization": f"Token {token}"})
                with urllib.request.urlopen(request, timeout=300) as response:
                    answer = json.loads(response.read())
                    assert answer["rejected"] == 0, answer

        return n / _time(send)
    finally:
        server.terminate()
        server.wait(timeout=30)


def bench_request_path(floor_series, series, token: str, n: int, batch: int
                       ) -> tuple[float, float]:
    """The floor and the whole request in this process (Django's test client: middleware,
    token, parser, view, batch, commit; no socket), in turn batch by batch, each batch of the
    floor in its own transaction: a ratio that holds while the machine's load changes."""
    from django.test import Client

    from bilat.water.services import write_rows_directly

    client = Client()
    _warm_up(lambda: client.post("/api/v1/water/batches/", data="{}",
                                 content_type="application/json", HTTP_HOST="127.0.0.1",
                                 HTTP_AUTHORIZATION=f"Token {token}"))
    points = _points(n, offset_days=OFFSETS["in_turn"])
    floor_s = door_s = 0.0
    for i in range(0, n, batch):
        chunk = points[i:i + batch]
        floor_s += _time(lambda chunk=chunk: write_rows_directly(floor_series, chunk))
        body = json.dumps({"batch_id": f"bench-{uuid.uuid4()}", "readings": [
            {"series": series.code, "time": at.isoformat(), "value": v} for at, v in chunk]})

        def post(body=body):
            response = client.post("/api/v1/water/batches/", data=body,
                                   content_type="application/json", HTTP_HOST="127.0.0.1",
                                   HTTP_AUTHORIZATION=f"Token {token}")
            assert response.status_code == 201, response.content[:200]
            assert response.json()["rejected"] == 0, response.content[:200]

        door_s += _time(post)
    return n / floor_s, n / door_s


def bench_mqtt(series, n: int, batch: int) -> float | None:
    import paho.mqtt.client as mqtt
    from django.conf import settings

    from bilat.water.models import Reading
    from bilat.water.mqtt import broker_address, listen

    host, port = broker_address(settings.BILAT_MQTT_URL)
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        print(f"  MQTT: no broker at {host}:{port}, skipped")
        return None
    prefix = f"bench/{uuid.uuid4().hex[:8]}"
    stop, done = threading.Event(), threading.Event()
    stored = [0]

    def counted(topic, outcome):
        stored[0] += outcome.new + outcome.duplicate
        if stored[0] >= n:
            done.set()

    listener = threading.Thread(target=listen, kwargs={
        "actor": None, "prefix": prefix, "client_id": f"bench-{prefix}", "stop": stop,
        "on_batch": counted}, daemon=True)
    listener.start()
    time.sleep(1.0)
    publisher = mqtt.Client(callback_api_version=mqtt.CallbackAPIVersion.VERSION2)
    publisher.connect(host, port)
    publisher.loop_start()
    points = _points(n, offset_days=OFFSETS["mqtt"])
    payloads = [json.dumps({"batch_id": f"b-{uuid.uuid4()}", "readings": [
        {"time": at.isoformat(), "value": v} for at, v in points[i:i + batch]]})
        for i in range(0, n, batch)]
    started = time.perf_counter()
    for payload in payloads:
        publisher.publish(f"{prefix}/{series.code}", payload, qos=1)
    done.wait(timeout=600)
    elapsed = time.perf_counter() - started
    stop.set()
    listener.join(timeout=30)
    publisher.loop_stop()
    publisher.disconnect()
    assert Reading.objects.filter(series=series).count() == n
    return n / elapsed


def bench_file(series, n: int) -> float:
    from django.core.management import call_command

    path = Path(tempfile.mkdtemp()) / "readings.csv"
    with path.open("w") as f:
        f.write(f"time,{series.code}\n")
        for at, v in _points(n, offset_days=OFFSETS["file"]):
            f.write(f"{at.isoformat()},{v}\n")
    return n / _time(lambda: call_command("water", "import", str(path), "--json",
                                          stdout=open(os.devnull, "w")))


def bench_volumes(series_list, days: int) -> dict:
    from bilat.water import volumes
    from bilat.water.periods import dekadas_between
    from bilat.water.services import write_rows_directly

    per = days * 144
    load = sum(_time(lambda s=s: write_rows_directly(
        s, _points(per, offset_days=OFFSETS["volumes"]))) for s in series_list)
    first = (START + datetime.timedelta(days=OFFSETS["volumes"])).date()
    dekadas = dekadas_between(first, first + datetime.timedelta(days=days - 1))
    build = sum(_time(lambda s=s: volumes.recompute(s, [str(d) for d in dekadas]))
                for s in series_list)
    results = []
    read = _time(lambda: results.extend(volumes.dekada_volumes(s, dekadas)
                                        for s in series_list))
    return {"readings": per * len(series_list), "load_s": load, "aggregates_s": build,
            "read_s": read, "dekadas": len(dekadas) * len(series_list)}


def run(database: str, args) -> None:
    if database == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    else:
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {args.pg_database}")
            c.execute(f"CREATE DATABASE {args.pg_database}")
        url = f"{args.pg_url}/{args.pg_database}"
    _setup(url)
    user, token, series = _fixture(max(4, args.series))
    print(f"\n== {database} ({args.readings:,} readings, batches of {args.batch:,}), "
          f"load {os.getloadavg()[0]:.1f}")
    floor = bench_floor(series[0], args.readings)
    print(f"  floor (bulk insert)   {floor:>10,.0f} obs/s")
    figures = {"floor": floor}
    for name, fn in [("HTTP batches", lambda: bench_http(series[1], token, args.readings,
                                                           args.batch, url)),
                     ("HTTP, bilat serve", lambda: bench_http(
                         series[1], token, args.readings, args.batch, url, "serve",
                         OFFSETS["http_serve"])),
                     ("MQTT", lambda: bench_mqtt(series[2], args.readings, args.batch)),
                     ("file import", lambda: bench_file(series[3], args.readings))]:
        rate = fn()
        if rate:
            figures[name] = rate
            print(f"  {name:<21} {rate:>10,.0f} obs/s   floor/door {floor / rate:.1f}×")
    floor_turns, door_turns = bench_request_path(series[0], series[1], token, args.readings,
                                                 args.batch)
    print(f"  in turn, in process: floor per batch {floor_turns:>8,.0f} obs/s, request "
          f"{door_turns:>8,.0f} obs/s   floor/door {floor_turns / door_turns:.1f}×")
    v = bench_volumes(series[:args.series], args.days)
    print(f"  volumes: {v['readings']:,} readings of {args.series} series "
          f"({args.days} days) written in {v['load_s']:.1f} s, dekada aggregates built in "
          f"{v['aggregates_s']:.1f} s; {v['dekadas']:,} dekada volumes read in "
          f"{v['read_s']:.3f} s")
    print(f"  load average at the end {os.getloadavg()[0]:.1f}")
    if database != "sqlite":
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {args.pg_database}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--readings", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-database", default="bilat_bench_water",
                        help="the PostgreSQL database created and dropped (one per runner)")
    args = parser.parse_args()
    databases = args.databases.split(",")
    if len(databases) > 1:  # one process per database: Django is set up once per process
        rest = [a for a in sys.argv[1:] if not a.startswith("--databases")]
        if "--databases" in sys.argv:
            i = sys.argv.index("--databases")
            rest = sys.argv[1:i] + sys.argv[i + 2:]
        for database in databases:
            subprocess.run([sys.executable, __file__, "--databases", database, *rest],
                           check=False)
        return
    run(databases[0], args)


if __name__ == "__main__":
    main()
