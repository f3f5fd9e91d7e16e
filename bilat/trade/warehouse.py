"""The trade warehouse: the one module that opens DuckDB connections.

Readers (web pages, the API, the CLI) open the warehouse file read-only. A load copies the
current file to a temporary path next to it, writes there, and swaps it in with ``os.replace``:
readers never see half a load, and a failed load leaves the warehouse as it was.
SQL lives in ``bilat/trade/sql/*.sql`` and takes bound parameters only.

What is made from the warehouse says so (``noting_reads``): every reader notes the identity of
the file it opened (``warehouse_stamp``), so that a page kept in a cache is made again after a
load only if it showed the warehouse, and a page of the registry alone outlives every load.
"""

from __future__ import annotations

import csv
import fcntl
import logging
import os
import re
import shutil
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parent / "sql"
DATA_DIR = Path(__file__).resolve().parent / "data"

Params = Sequence[Any] | Mapping[str, Any] | None
logger = logging.getLogger(__name__)

# Rows per row group of tables a load writes: DuckDB's default. A pair's BACI rows sit in two
# or three row groups per year, which its scan finds by the row groups' min/max of the M49
# numbers; checking those costs about 1.4 µs a row group, so smaller groups (16,384 until the
# numbers came) made the scan slower as the warehouse grows: 6.4 against 2.2 ms at 33 M rows.
ROW_GROUP_SIZE = 122_880

# The layout of the warehouse's tables (schema.sql), kept in its schema_version table. A load
# converts a file of an earlier layout (``writer``); readers refuse one with a message that
# says how to convert it. 1: BACI rows named exporter and importer by ISO code (no table);
# 2: by M49 number, sorted by key.
SCHEMA_VERSION = 2


class WarehouseError(Exception):
    """Anything the trade warehouse engine refused, in our own words."""


class WarehouseMissing(WarehouseError):
    """No warehouse has been loaded yet."""


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of ``sql/<name>.sql`` (our files end each statement with ';' and a newline)."""
    parts = re.split(r";\s*(?:\n|$)", sql(name))
    return tuple(p for p in parts if re.sub(r"--[^\n]*", "", p).strip())


def default_path() -> Path:
    """The warehouse file named by the TRADE_WAREHOUSE setting."""
    from django.conf import settings  # read at call time, never at import time

    return Path(settings.TRADE_WAREHOUSE)


Stamp = tuple[int, int, int] | None


def warehouse_stamp() -> Stamp:
    """The identity of the warehouse file as it is now (None when there is none): every load
    swaps a new file in (new inode, mtime and size), so what is cached with it (the readers'
    generations, ``pagecache.Stamped``) is never stale."""
    try:
        st = default_path().stat()
    except OSError:
        return None
    return _stamp_of(st)


def _stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


# The stamps of the warehouse files read by what is being made now, in this thread (None when
# nothing notes them): ``noting_reads``.
_noted: ContextVar[set[Stamp] | None] = ContextVar("bilat_warehouse_noted", default=None)


@contextmanager
def noting_reads() -> Iterator[set[Stamp]]:
    """The stamps of the warehouse files (``warehouse_stamp``; None for no file) that the code
    in the block reads: every ``reader`` it opens, and whatever it takes from a cache of
    things made from the warehouse (which note theirs: ``note_read``). Blocks nest: what an
    inner one notes, the outer one notes too."""
    outer = _noted.get()
    seen: set[Stamp] = set()
    token = _noted.set(seen)
    try:
        yield seen
    finally:
        _noted.reset(token)
        if outer is not None:
            outer.update(seen)


def note_read(stamp: Stamp) -> None:
    """Say that what is being made shows the warehouse file of ``stamp`` (``noting_reads``)."""
    seen = _noted.get()
    if seen is not None:
        seen.add(stamp)


def _memory_limit() -> str:
    """DuckDB's memory ceiling: TRADE_MEMORY_LIMIT in settings, else BILAT_TRADE_MEMORY_LIMIT."""
    try:
        from django.conf import settings

        configured = getattr(settings, "TRADE_MEMORY_LIMIT", None)
    except Exception:  # no Django configured (benchmarks, pure tests)
        configured = None
    return str(configured or os.environ.get("BILAT_TRADE_MEMORY_LIMIT", "1GB"))


def _threads() -> int:
    """DuckDB's worker threads: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@cache
def country_numbers() -> dict[str, tuple[int, ...]]:
    """Each ISO code's M49 numbers (France: 250 and 251), from the reference table every load
    writes into the warehouse (``countries``): how BACI rows name countries."""
    numbers: dict[str, tuple[int, ...]] = {}
    with (DATA_DIR / "countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            numbers[row["iso2"]] = (*numbers.get(row["iso2"], ()), int(row["m49"]))
    return numbers


def engine_config() -> dict[str, str | int]:
    """The engine settings every connection of bilat's gets: memory ceiling and threads."""
    return {"memory_limit": _memory_limit(), "threads": _threads()}


class Warehouse:
    """A connection to the warehouse, with SQL files and our own exception."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path,
                 memo: dict[str, Any] | None = None) -> None:
        self.con = con
        self.path = path
        self._memo = memo  # a reader's: facts of its file (``held``)

    def run(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        """Execute the statements of ``sql/<name>.sql``, each with the named parameters it uses."""
        try:
            if not params:
                self.con.execute(sql(name))
                return
            # DuckDB binds parameters to the last statement only: run them one by one.
            for statement in statements(name):
                used = {k: v for k, v in params.items() if f"${k}" in statement}
                self.con.execute(statement, used or None)
        except duckdb.Error as exc:
            raise WarehouseError(f"{name}: {exc}") from exc

    def execute(self, text: str, params: Params = None) -> duckdb.DuckDBPyConnection:
        """Execute one statement of our own (loaders' staging SQL), wrapping engine errors."""
        try:
            return self.con.execute(text, params) if params else self.con.execute(text)
        except duckdb.Error as exc:
            raise WarehouseError(str(exc)) from exc

    def rows(self, name: str, params: Params = None) -> list[dict[str, Any]]:
        """The result of ``sql/<name>.sql`` as a list of dicts."""
        try:
            cur = self.con.execute(sql(name), params) if params else self.con.execute(sql(name))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except duckdb.Error as exc:
            raise WarehouseError(f"{name}: {exc}") from exc

    def tuples(self, name: str, params: Params = None) -> list[tuple[Any, ...]]:
        """The result of ``sql/<name>.sql`` as tuples in its column order (hot paths)."""
        try:
            cur = self.con.execute(sql(name), params) if params else self.con.execute(sql(name))
            return cur.fetchall()
        except duckdb.Error as exc:
            raise WarehouseError(f"{name}: {exc}") from exc

    def held(self, name: str) -> list[tuple[Any, ...]]:
        """The result of ``sql/<name>.sql`` (no parameters), read once per warehouse file by
        the readers of this process: what the file holds (which bases, which loads), asked on
        every pair question. A load writes a new file (``writer``), and the readers see it as
        a new generation, with facts of its own; a writer reads them afresh every time."""
        if self._memo is None:
            return self.tuples(name)
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = self.tuples(name)
        return found

    def batches(self, name: str, params: Params = None, size: int = 1 << 20) -> Iterator[Any]:
        """The result of ``sql/<name>.sql`` as Arrow record batches of ``size`` rows, in the
        order of the result (a scan's is the order the rows were written in)."""
        try:
            yield from self.con.sql(sql(name), params=params).to_arrow_reader(size)
        except duckdb.Error as exc:
            raise WarehouseError(f"{name}: {exc}") from exc

    def arrow(self, name: str, params: Params = None) -> Any:
        """The result of ``sql/<name>.sql`` as an Arrow table (for big results)."""
        try:
            return self.con.sql(sql(name), params=params).to_arrow_table()
        except duckdb.Error as exc:
            raise WarehouseError(f"{name}: {exc}") from exc


class _Generation:
    """One warehouse file as the readers of this process see it, until a load replaces it.

    DuckDB keeps one database per path and process and hands it out again, so a reopened path
    would still read the replaced (deleted) file: each generation is a fresh in-memory
    database with the file attached read-only, closed once it is replaced and no reader uses
    it any longer.
    """

    def __init__(self, path: Path, identity: tuple[int, int]) -> None:
        self.identity = identity
        self.users = 0
        self.replaced = False
        self.idle: list[duckdb.DuckDBPyConnection] = []  # cursors ready for the next reader
        self.memo: dict[str, Any] = {}  # Warehouse.held: facts of this file, which never changes
        try:
            self.con = duckdb.connect(
                ":memory:", config=engine_config()
            )
            self.con.execute(f"ATTACH {_quoted(path)} AS warehouse (READ_ONLY)")
            version = schema_version(self.con)
        except duckdb.Error as exc:
            raise WarehouseError(f"Cannot open the trade warehouse: {exc}") from exc
        if version != SCHEMA_VERSION:
            self.con.close()
            raise WarehouseError(_refusal(path, version))

    def cursor(self) -> duckdb.DuckDBPyConnection:
        try:
            cur = self.con.cursor()
            cur.execute("USE warehouse")  # a cursor starts in the in-memory database
        except duckdb.Error as exc:
            raise WarehouseError(f"Cannot read the trade warehouse: {exc}") from exc
        return cur


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The layout version of the warehouse attached as ``warehouse`` (1: written before
    versions were kept)."""
    kept = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE database_name = 'warehouse' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not kept:
        return 1
    found = con.execute("SELECT max(version) FROM warehouse.schema_version").fetchall()[0][0]
    return int(found or 1)


def _refusal(path: Path, version: int) -> str:
    if version > SCHEMA_VERSION:
        return (f"The trade warehouse {path} was written by a later bilat (layout version "
                f"{version}; this one reads version {SCHEMA_VERSION}): run that bilat.")
    return (f"The trade warehouse {path} was written by an earlier bilat (layout version "
            f"{version}; this one reads version {SCHEMA_VERSION}). Convert it with "
            "`bilat trade upgrade` (any `bilat trade load` converts it too), then try again.")


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


_readers: dict[str, _Generation] = {}
_readers_lock = threading.Lock()


def _release(gen: _Generation) -> None:
    """Close a generation that a load replaced and nobody reads any more (lock held)."""
    if gen.replaced and gen.users == 0:
        gen.con.close()


@contextmanager
def reader(path: Path | None = None) -> Iterator[Warehouse]:
    """A read-only view of the warehouse as it is now.

    The file is opened once per process and opened again as soon as a load has swapped in a
    new file (its device and inode change); the replaced one is closed when its last reader
    is done. Each use gets a cursor of its own (threads do not share one), kept for the next
    use once it is done: a new cursor costs more than a small query.
    """
    path = Path(path or default_path())
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        note_read(None)  # what is made now says there is no warehouse: until a load
        raise WarehouseMissing(
            f"No trade warehouse at {path}: run `bilat trade demo` or `bilat trade load`."
        ) from exc
    note_read(_stamp_of(st))
    key = str(path)
    with _readers_lock:
        gen = _readers.get(key)
        if gen is None or gen.identity != (st.st_dev, st.st_ino):
            fresh = _Generation(path, (st.st_dev, st.st_ino))
            if gen is not None:
                gen.replaced = True
                _release(gen)
            _readers[key] = gen = fresh
        gen.users += 1
        cur = gen.idle.pop() if gen.idle else None
    try:
        if cur is None:
            cur = gen.cursor()
        yield Warehouse(cur, path, gen.memo)
    finally:
        with _readers_lock:
            gen.users -= 1
            if cur is not None:
                gen.idle.append(cur)  # closed with the generation's connection
            _release(gen)


def forget_readers() -> None:
    """Close cached read-only connections (tests, and before deleting a warehouse)."""
    with _readers_lock:
        for gen in _readers.values():
            gen.con.close()
        _readers.clear()


# --- the load lock ------------------------------------------------------------------------
#
# warehouse.duckdb.lock names the load that holds it, and the load holds an flock on it: the
# kernel drops an flock when its process dies, however it dies. A lock file that nobody holds
# is therefore left by a load that was killed (or by a crash); the next load takes it over,
# removes that load's temporary files and says so.


def _convert(wh: Warehouse, tables: set[str]) -> None:
    """Bring a warehouse of an earlier layout to SCHEMA_VERSION, and create what a new one
    lacks."""
    version = schema_version(wh.con) if tables else SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise WarehouseError(_refusal(wh.path, version))
    if "flows" in tables:  # written before flows became a view over two tables
        wh.execute("ALTER TABLE flows RENAME TO flow_rows")
    by_code = version < 2 and "baci_rows" in tables
    if by_code:
        wh.execute("ALTER TABLE baci_rows RENAME TO baci_rows_v1")
    wh.run("schema")
    if by_code:
        wh.run("upgrade_baci_rows")
    wh.execute("DELETE FROM schema_version")
    wh.execute("INSERT INTO schema_version VALUES ($v)", {"v": SCHEMA_VERSION})


def upgrade(path: Path | None = None) -> int:
    """Convert the warehouse to this bilat's layout (a load with no file); the layout
    version it had."""
    path = Path(path or default_path())
    if not path.exists():
        raise WarehouseMissing(f"No trade warehouse at {path}: nothing to convert.")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_quoted(path)} AS warehouse (READ_ONLY)")
        before = schema_version(con)
    finally:
        con.close()
    with writer(path):
        pass
    return before


def _holder_text() -> str:
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    return f"process {os.getpid()}, started {started} on {socket.gethostname()}"


def _holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 1024).decode("utf-8", "replace").strip()


def _take_lock(lock: Path, path: Path, say: Callable[[str], None]) -> int:
    """Hold the load lock of the warehouse at ``path``; refuse while a live load holds it."""
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            left_behind = False
        except FileExistsError:
            try:
                fd = os.open(lock, os.O_RDWR)
            except FileNotFoundError:
                continue  # its load just finished
            left_behind = True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _holder(fd) or "of an earlier bilat"
            os.close(fd)
            raise WarehouseError(
                f"Another load ({holder}) is writing the trade warehouse; "
                "wait for it to finish."
            ) from exc
        try:
            current = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # a load finishing meanwhile removed the file locked here: take the next
    if left_behind:
        _recover(path, _holder(fd) or "a load of an earlier bilat", say)
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, _holder_text().encode("utf-8"))
    return fd


def _recover(path: Path, holder: str, say: Callable[[str], None]) -> None:
    """Remove what a load that stopped without finishing left beside the warehouse."""
    removed = 0
    leftovers = list(path.parent.glob(f".{path.name}.*.tmp*"))
    spill = path.with_name(".duckdb-tmp")
    for leftover in leftovers:
        removed += leftover.stat().st_size
        leftover.unlink(missing_ok=True)
    if spill.is_dir():
        removed += sum(f.stat().st_size for f in spill.rglob("*") if f.is_file())
        shutil.rmtree(spill, ignore_errors=True)
    message = (
        f"Recovered the lock of a load that stopped without finishing ({holder}): "
        f"removed its temporary files ({removed / 1e6:,.1f} MB). "
        "The warehouse file is whole: a load swaps in a finished file or nothing."
    )
    logger.warning(message)
    say(message)


@contextmanager
def writer(
    path: Path | None = None, *, threads: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[Warehouse]:
    """A private copy of the warehouse to load into, swapped in when the block succeeds.

    One writer at a time: a second concurrent load fails on the lock rather than losing the
    first one's rows; a lock left by a killed load is recovered (``progress`` is told).
    """
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    lock_fd = _take_lock(lock, path, progress or (lambda _msg: None))
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmpdir = path.with_name(".duckdb-tmp")
    try:
        if path.exists():
            try:
                shutil.copyfile(path, tmp)
            except OSError as exc:  # a full disk: the load stops before it begins
                raise WarehouseError(
                    f"Cannot copy the trade warehouse to load into ({exc.strerror or exc}); "
                    "nothing was loaded and the warehouse is as it was.") from exc
        config: dict[str, Any] = {
            "memory_limit": _memory_limit(),
            "temp_directory": str(tmpdir),
            # Keeps file order: BACI files come sorted by exporter, so a pair's rows stay in
            # a few row groups, and a staged file's rowid is its line.
            "preserve_insertion_order": True,
            "threads": threads or _threads(),
        }
        try:
            # Attached rather than opened, for its row group size (a setting of ATTACH only).
            con = duckdb.connect(":memory:", config=config)
            con.execute(f"ATTACH {_quoted(tmp)} AS warehouse (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
            con.execute("USE warehouse")
        except duckdb.Error as exc:
            raise WarehouseError(f"Cannot create the new trade warehouse: {exc}") from exc
        try:
            wh = Warehouse(con, tmp)
            tables = {r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'warehouse'"
            ).fetchall()}
            wh.run(
                "reference",
                {
                    "countries": str(DATA_DIR / "countries.csv"),
                    "chapters": str(DATA_DIR / "hs_chapters.csv"),
                },
            )
            _convert(wh, tables)
            yield wh
            wh.execute("CHECKPOINT warehouse")
        finally:
            con.close()
        try:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise WarehouseError(
                f"Cannot write the new trade warehouse ({exc.strerror or exc}); nothing was "
                "loaded and the warehouse is as it was.") from exc
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        shutil.rmtree(tmpdir, ignore_errors=True)
        # Removed while still held, so that no other load can lock this file and think it
        # holds the lock.
        lock.unlink(missing_ok=True)
        os.close(lock_fd)
