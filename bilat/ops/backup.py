"""One archive of an installation, and its restore into an empty one.

The archive is a tar file holding:

- ``manifest.json``: the versions (bilat, Django, database engine, applied migrations), the
  number of rows of every model, the change log's head (sequence and hash), and the size and
  SHA-256 of every other member;
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while bilat runs) or
  ``database.pgdump`` (``pg_dump --format=custom`` of the snapshot the counts were taken in);
- ``files/…``: everything in the data folder but the database, collected static files and
  temporary files — the trade warehouse, evidence files, and any other folder (water data).

The database is copied first and the files after: files are only ever added, so every file
the copied records name is in the archive. The archive is written under a temporary name and
renamed when complete: a failed backup (a full disk) leaves no archive at all.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
# Tables a fresh `bilat migrate` fills by itself: an installation holding only these is empty.
BOOKKEEPING = {"contenttypes.contenttype", "auth.permission"}
# Top-level entries of the data folder that are not part of a backup.
SKIPPED = {"static", "backups"}


class BackupError(Exception):
    """A backup or restore that cannot go on, said in words for the operator."""


@dataclass
class Manifest:
    data: dict

    @property
    def head(self) -> dict:
        return self.data["change_log"]

    @property
    def counts(self) -> dict[str, int]:
        return self.data["counts"]


# --- what an installation holds ----------------------------------------------------------


def _models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _label(model) -> str:
    return model._meta.label_lower


def _engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    return connections[alias].vendor  # "sqlite" or "postgresql"


def count_rows(cursor, tables: set[str] | None = None) -> dict[str, int]:
    """Rows per model, read through ``cursor`` (a snapshot's, or a copy's)."""
    counts = {}
    for model in _models():
        table = model._meta.db_table
        if tables is not None and table not in tables:
            continue
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[_label(model)] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def chain_head(cursor) -> dict:
    """The change log's head as ``cursor`` sees it: sequence and hash."""
    from bilat.core.models import ChainHead

    cursor.execute(f'SELECT seq, hash FROM "{ChainHead._meta.db_table}" WHERE id = 1')
    row = cursor.fetchone()
    seq, head = row if row else (0, "0" * 64)
    return {"seq": int(seq), "hash": head}


def _migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def data_files(root: Path) -> Iterator[Path]:
    """Files of the data folder that a backup holds (relative paths), in a stable order."""
    database = Path(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]).name
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or path.is_symlink():
            continue
        if rel.parts[0] in SKIPPED or rel.name.startswith(database):
            continue
        if any(part.startswith(".") for part in rel.parts):  # temporary files of loads
            continue
        if rel.suffix in {".lock", ".tmp", ".wal"}:
            continue
        yield rel


def _sha256(fh) -> str:
    digest = hashlib.sha256()
    while chunk := fh.read(1 << 20):
        digest.update(chunk)
    fh.seek(0)
    return digest.hexdigest()


# --- backup ------------------------------------------------------------------------------


def backup(target: Path, say: Callable[[str], None] = lambda _m: None) -> Manifest:
    """Write the archive of this installation to ``target`` (a new file); returns its manifest."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already: name a new file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.DATA_DIR)
    work = Path(tempfile.mkdtemp(prefix=".bilat-backup-", dir=target.parent))
    partial = target.with_name(f".{target.name}.partial")
    try:
        say("Copying the database")
        database, details = (_copy_sqlite if _engine() == "sqlite" else _dump_postgres)(work)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": {"bilat": _version("bilat"), "django": _version("django"),
                         "duckdb": _version("duckdb"), "database": details.pop("server")},
            "database": {"engine": _engine(), "member": database.name},
            **details,
            "members": {},
        }
        with tarfile.open(partial, "w") as tar:
            with open(database, "rb") as fh:
                _add(tar, database.name, fh, manifest)
            say("Adding the data folder's files")
            for rel in data_files(root):
                try:
                    fh = open(root / rel, "rb")  # a swapped-in warehouse: we keep the one we opened
                except FileNotFoundError:
                    continue
                with fh:
                    _add(tar, FILES + rel.as_posix(), fh, manifest)
            text = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(text), int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(text))
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        return Manifest(manifest)
    except OSError as exc:
        raise BackupError(f"Could not write the backup {target}: {exc.strerror or exc}. "
                          "No archive was written.") from exc
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _add(tar: tarfile.TarFile, name: str, fh, manifest: dict) -> None:
    info = tar.gettarinfo(fileobj=fh, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    manifest["members"][name] = {"size": info.size, "sha256": _sha256(fh)}
    tar.addfile(info, fh)


def _copy_sqlite(work: Path) -> tuple[Path, dict]:
    """SQLite's online backup into ``work``; counts and head read from the copy."""
    copy = work / "database.sqlite3"
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    destination = sqlite3.connect(copy)
    try:
        connection.connection.backup(destination)
        cursor = destination.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in cursor.fetchall()}
        details = {"counts": count_rows(cursor, tables), "change_log": chain_head(cursor),
                   "migrations": _migrations(cursor),
                   "server": "SQLite " + sqlite3.sqlite_version}
    finally:
        destination.close()
    return copy, details


def _pg_command(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise BackupError(f"{tool} is not installed (PostgreSQL's client tools, e.g. the "
                          "postgresql-client package): it is needed on PostgreSQL.")
    return path


def _pg_connection() -> tuple[str, dict[str, str]]:
    """A libpq connection string for the default database, and the environment with its password."""
    db = settings.DATABASES[DEFAULT_DB_ALIAS]
    parts = {"dbname": db["NAME"], "user": db.get("USER"), "host": db.get("HOST"),
             "port": str(db.get("PORT") or "")}
    conninfo = " ".join(f"{k}='{v}'" for k, v in parts.items() if v)
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return conninfo, env


def _dump_postgres(work: Path) -> tuple[Path, dict]:
    """pg_dump of one snapshot, the counts and head read in that same snapshot."""
    dump = work / "database.pgdump"
    pg_dump = _pg_command("pg_dump")
    conninfo, env = _pg_connection()
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server = cursor.fetchone()
        details = {"counts": count_rows(cursor), "change_log": chain_head(cursor),
                   "migrations": _migrations(cursor), "server": "PostgreSQL " + server}
        result = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", f"--file={dump}", f"--dbname={conninfo}"],
            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return dump, details


# --- restore -----------------------------------------------------------------------------


@dataclass
class Restored:
    manifest: Manifest
    counts: dict[str, int]
    head: dict
    chain_ok: bool
    files: int

    @property
    def matches(self) -> bool:
        return (self.counts == self.manifest.counts and self.head == self.manifest.head
                and self.chain_ok)


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive, "r") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            data = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive} is not a bilat backup: {exc}") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"{archive} has backup format {data.get('format')}; this bilat "
                          f"reads format {FORMAT}.")
    return Manifest(data)


def holdings() -> dict[str, int]:
    """Models of this installation's database that hold rows (besides migrate's own)."""
    connection = connections[DEFAULT_DB_ALIAS]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = count_rows(cursor, tables)
    return {label: n for label, n in counts.items() if n and label not in BOOKKEEPING}


def restore(archive: Path, say: Callable[[str], None] = lambda _m: None) -> Restored:
    """Restore ``archive`` into this installation, which must be empty; then check it."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    engine = manifest.data["database"]["engine"]
    if engine != _engine():
        raise BackupError(f"This archive holds a {engine} database and this installation uses "
                          f"{_engine()}: restore it into a {engine} installation.")
    unknown = _unknown_migrations(manifest.data.get("migrations", {}))
    if unknown:
        raise BackupError(f"This archive comes from a newer bilat (migrations this one lacks: "
                          f"{', '.join(unknown[:3])}): restore it with that version or later.")
    held = holdings()
    if held:
        listed = ", ".join(f"{label} ({n})" for label, n in list(held.items())[:5])
        raise BackupError(f"The database is not empty ({listed}…): a restore goes only into "
                          "an empty installation. Nothing was changed.")
    root = Path(settings.DATA_DIR)
    members = manifest.data["members"]
    files = [name[len(FILES):] for name in members if name.startswith(FILES)]
    occupied = sorted({Path(f).parts[0] for f in files if _has_files(root / Path(f).parts[0])})
    if occupied:
        raise BackupError(f"The data folder {root} already holds {', '.join(occupied)}: a "
                          "restore goes only into an empty installation. Nothing was changed.")

    work = Path(tempfile.mkdtemp(prefix=".bilat-restore-", dir=root))
    try:
        say("Unpacking and checking the archive")
        _unpack(archive, members, work)
        say("Restoring the database")
        database = work / manifest.data["database"]["member"]
        (_restore_sqlite if engine == "sqlite" else _restore_postgres)(database)
        say(f"Putting {len(files)} files in place")
        for name in files:
            destination = root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(work / FILES / name, destination)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    forget_cached()
    return check(manifest, len(files))


def forget_cached() -> None:
    """Drop what bilat keeps in its cache: the registry now stands as the archive left it,
    changed without the change log's write path. Pages are kept under the marks of the
    records they show, and a restore puts the marks back where the backup found them; writes
    made after the backup (lost with the installation) moved them further once, and the pages
    of that lost state, still in a shared cache, would answer for the new writes that move the
    marks to the same numbers. With Redis, only bilat's keys (its prefix) go."""
    delete_pattern = getattr(cache, "delete_pattern", None)  # django-redis
    if delete_pattern is not None:
        delete_pattern("*")
    else:
        cache.clear()


def _unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the archive's database had that this code does not know."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, names in sorted(applied.items()) for name in names
            if (app, name) not in known]


def pending_migrations() -> bool:
    """Whether this code has migrations the restored database has not applied."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def _unpack(archive: Path, members: dict, work: Path) -> None:
    with tarfile.open(archive, "r") as tar:
        for info in tar:
            if info.name == MANIFEST:
                continue
            if info.name not in members or not info.isfile():
                raise BackupError(f"{archive}: {info.name} is not in its manifest.")
            tar.extract(info, work, filter="data")
            with open(work / info.name, "rb") as fh:
                if _sha256(fh) != members[info.name]["sha256"]:
                    raise BackupError(f"{archive}: {info.name} does not match its checksum; "
                                      "the archive is damaged. Nothing was restored.")
    missing = [name for name in members if not (work / name).is_file()]
    if missing:
        raise BackupError(f"{archive} lacks {', '.join(missing[:3])}: it is incomplete.")


def _restore_sqlite(copy: Path) -> None:
    name = Path(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
    connections.close_all()
    for suffix in ("-wal", "-shm"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)
    os.replace(copy, name)


def _restore_postgres(dump: Path) -> None:
    pg_restore = _pg_command("pg_restore")
    conninfo, env = _pg_connection()
    connections.close_all()
    # --clean drops the empty tables a `bilat migrate` may have made, in one transaction.
    result = subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={conninfo}", str(dump)],
        env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was restored: {result.stderr.strip()}")


def check(manifest: Manifest, files: int = 0) -> Restored:
    """Counts, head and chain of this installation, against the manifest."""
    from bilat.core.changelog import verify_chain

    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        counts = count_rows(cursor, set(connection.introspection.table_names()))
        head = chain_head(cursor)
    report = verify_chain(detail_limit=5)
    chain_ok = report.ok and (report.head_hash or "0" * 64) == head["hash"]
    return Restored(manifest=manifest, counts=counts, head=head, chain_ok=chain_ok, files=files)
