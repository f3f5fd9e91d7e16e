"""`bilat backup` then `bilat restore` into an empty installation gives the same rows, files
and change log head, and a chain that verifies; a non-empty installation is refused. On the
engine of this run: SQLite, or PostgreSQL when DATABASE_URL names one (fresh databases beside
it)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from contextlib import contextmanager

import pytest

from tests.servers import ROOT, bilat, environment, redis_server

pytestmark = pytest.mark.slow
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@contextmanager
def _database(name: str):
    """A fresh PostgreSQL database beside DATABASE_URL's (dropped after), as a URL."""
    import psycopg

    base = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    server, _, db = base.rpartition("/")
    name = f"{db.split('?')[0]}_{name}"
    # Created from the server's maintenance database: DATABASE_URL's own may not exist (the
    # suite runs in test_<name>, which pytest-django creates).
    maintenance = f"{server}/postgres"
    with psycopg.connect(maintenance, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(maintenance, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def installations(tmp_path):
    """Two installations: the demo with evidence and water files, and an empty one."""
    if POSTGRES:
        with _database("bk_src") as source, _database("bk_dst") as empty:
            yield (environment(tmp_path / "source", DATABASE_URL=source),
                   environment(tmp_path / "empty", DATABASE_URL=empty))
    else:
        yield environment(tmp_path / "source"), environment(tmp_path / "empty")


def _redis(url: str):
    """A client of the Redis at ``url`` (None where the machine has none)."""
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url)


def _files(env) -> dict[str, bytes]:
    root = ROOT / env["BILAT_DATA_DIR"]
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in ("evidence", "water", "trade") for p in (root / folder).rglob("*")
            if p.is_file()}


def test_a_backup_restores_into_an_empty_installation_with_the_same_rows_head_and_files(
        installations, tmp_path):
    source, empty = installations
    bilat(source, "demo", "--no-serve")
    data = ROOT / source["BILAT_DATA_DIR"]
    (data / "evidence" / "2024").mkdir(parents=True)
    (data / "evidence" / "2024" / "report.pdf").write_bytes(b"%PDF-1.4 evidence")
    (data / "water").mkdir()  # another app's folder travels too
    (data / "water" / "levels.csv").write_text("post,level\nChinaz,2.1\n")

    archive = tmp_path / "bilat.tar"
    bilat(source, "backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["engine"] == ("postgresql" if POSTGRES else "sqlite")
    assert manifest["counts"]["decisions.decision"] > 0
    assert manifest["change_log"]["seq"] == manifest["counts"]["core.changelogentry"]

    if not POSTGRES:
        bilat(empty, "migrate", "-v", "0")  # an empty installation may be migrated already
    with redis_server() as redis_url:
        # A cache that outlived the installation it served: pages of a state the restore
        # does not bring back. Bilat's keys go; another program's stay.
        redis = _redis(redis_url)
        if redis is not None:
            redis.set("bilat:1:bilat.page:of-a-lost-state", b"stale")
            redis.set("another-program:key", b"kept")
        restored = bilat({**empty, "BILAT_REDIS_URL": redis_url}, "restore", str(archive))
        if redis is not None:
            assert redis.get("bilat:1:bilat.page:of-a-lost-state") is None
            assert redis.get("another-program:key") == b"kept"
    assert "the counts match the archive" in restored.stdout

    verified = bilat(empty, "verify_changelog")
    assert re.search(rf"head {manifest['change_log']['hash']}\b", verified.stdout)
    assert _files(empty) == _files(source)
    counts = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); import json; "
         "from bilat.ops.backup import holdings; print(json.dumps(holdings()))"],
        env=empty, cwd=ROOT, capture_output=True, text=True, check=True)
    held = json.loads(counts.stdout)
    assert held == {k: v for k, v in manifest["counts"].items() if v and k in held}
    assert set(held) == {k for k, v in manifest["counts"].items()
                         if v and k not in ("contenttypes.contenttype", "auth.permission")}

    # Into a non-empty installation: refused, and nothing changed.
    refused = subprocess.run([sys.executable, "-m", "bilat", "restore", str(archive)],
                             env=source, cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "Nothing was changed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert manifest["change_log"]["hash"] in bilat(source, "verify_changelog").stdout


def test_an_archive_from_a_newer_bilat_is_refused(tmp_path):
    """Its database has migrations this code lacks: refused before anything is touched."""
    env = environment(tmp_path / "var")
    archive = tmp_path / "newer.tar"
    manifest = {"format": 1, "database": {"engine": "sqlite", "member": "database.sqlite3"},
                "migrations": {"core": ["0001_initial", "9999_from_the_future"]},
                "members": {}, "counts": {}, "change_log": {"seq": 0, "hash": "0" * 64}}
    with tarfile.open(archive, "w") as tar:
        text = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(text)
        tar.addfile(info, io.BytesIO(text))
    refused = subprocess.run([sys.executable, "-m", "bilat", "restore", str(archive)],
                             env=env, cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "newer bilat" in refused.stderr and "core.9999_from_the_future" in refused.stderr
