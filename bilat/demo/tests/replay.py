"""The demo loaded through its steps once per test process, then written back as rows.

Some forty fixtures load the demo, and a load through its steps takes seconds (every record
through the registry's own services, a season of water readings, the change log's chain): a
sixth of the suite. The first load in a process records what it wrote, table by table; a later
load into the same starting state (the same rows in every table) writes those rows back as
they were, which gives the same records, ids and change log in a fraction of the time. A load
into any other starting state runs the steps (and is recorded for that state in turn).

Writing rows back bypasses the services and their signals, so the caches they would have
cleared are cleared here. ``test_replay.py`` checks that a replay leaves every table as a load
does.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

from bilat.commissions.models import forget_commissions
from bilat.demo.services import load_demo
from bilat.demo.steps.common import DemoRun

CHUNK = 500  # ids per DELETE


@dataclass(frozen=True)
class TableChange:
    """What a load did to one table: the rows it removed (by id) and the rows it wrote."""

    table: str
    columns: tuple[str, ...]
    key: str | None  # the primary key column; None: the whole table is written again
    removed: tuple
    written: tuple


_recorded: dict[tuple, tuple[DemoRun, tuple[TableChange, ...]]] = {}


def load_or_replay_demo(*, skip: Iterable[str] = ("trade warehouse",)) -> DemoRun:
    """The demo in the test database: loaded through its steps, or written back as a load
    into the same starting state wrote it earlier in this process."""
    skip = tuple(sorted(skip))
    tables = table_rows()
    key = (connection.alias, connection.vendor, skip, _fingerprint(tables))
    if key in _recorded:
        run, changes = _recorded[key]
        with transaction.atomic():
            _write(changes)
        cache.clear()
        forget_commissions()
        return copy.deepcopy(run)
    run = load_demo(out=lambda _line: None, skip=skip)
    _recorded[key] = (copy.deepcopy(run), _changes(tables, table_rows()))
    return run


def forget_recorded() -> None:
    """Load through the steps next time, whatever was recorded."""
    _recorded.clear()


def table_rows() -> dict[str, tuple[tuple[str, ...], str | None, list[tuple]]]:
    """Every table's columns, primary key and rows (ordered by the key)."""
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            key = connection.introspection.get_primary_key_column(cursor, table)
            quoted = connection.ops.quote_name(table)
            order = f" ORDER BY {connection.ops.quote_name(key)}" if key else ""
            cursor.execute(f"SELECT * FROM {quoted}{order}")
            columns = tuple(column[0] for column in cursor.description)
            out[table] = (columns, key, cursor.fetchall())
    return out


def _fingerprint(tables) -> str:
    digest = hashlib.sha256()
    for table, (columns, _key, rows) in tables.items():
        digest.update(repr((table, columns, rows)).encode())
    return digest.hexdigest()


def _changes(before, after) -> tuple[TableChange, ...]:
    changes = []
    for table, (columns, key, rows) in after.items():
        old_columns, _old_key, old_rows = before.get(table, (columns, key, []))
        if old_rows == rows and old_columns == columns:
            continue
        if key is None:
            changes.append(TableChange(table, columns, None, (), tuple(rows)))
            continue
        at = columns.index(key)
        old = {row[at]: row for row in old_rows}
        new = {row[at]: row for row in rows}
        removed = tuple(pk for pk, row in old.items() if new.get(pk) != row)
        written = tuple(row for pk, row in new.items() if old.get(pk) != row)
        changes.append(TableChange(table, columns, key, removed, written))
    return tuple(changes)


def _write(changes: tuple[TableChange, ...]) -> None:
    ops = connection.ops
    with connection.cursor() as cursor:
        for change in changes:
            table = ops.quote_name(change.table)
            if change.key is None:
                cursor.execute(f"DELETE FROM {table}")
            for start in range(0, len(change.removed), CHUNK):
                ids = change.removed[start:start + CHUNK]
                cursor.execute(f"DELETE FROM {table} WHERE {ops.quote_name(change.key)} IN "
                               f"({', '.join(['%s'] * len(ids))})", ids)
            columns = ", ".join(ops.quote_name(column) for column in change.columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copying:
                    for row in change.written:
                        copying.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(change.columns))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                                   change.written)
        # PostgreSQL's sequences do not follow ids written as they are: the next record of a
        # model gets the id after its table's highest.
        written = {change.table for change in changes}
        models = [model for model in apps.get_models(include_auto_created=True)
                  if model._meta.db_table in written]
        for statement in ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
