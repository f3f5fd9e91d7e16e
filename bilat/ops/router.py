"""Read-only pages read from a replica of the database when ``DATABASE_REPLICA_URL`` is set.

A request is read-only when its method is safe (GET, HEAD, OPTIONS) and its client has not
written in the last few seconds: a client that has just posted a form, and is sent on to the
page showing the result, reads the primary, so it sees its own write even if the replica is a
moment behind. Every write, and every read outside a request (the worker, commands), goes to
the primary. The replica holds the same data (streaming replication), so relations across the
two are allowed, and migrations run on the primary only.

A page kept for the public under the registry's token (``pagecache.published``) is kept only
if the replica it was made from had replayed the write that moved the token: the token carries
the primary's log position after that write (``write_position``), and the page is made but not
kept while the replica is behind it (``shows_write_at``), so a lagging replica's page is never
served as the registry's latest.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# The cookie a write sets: while it lasts, this client's reads stay on the primary.
PRIMARY_COOKIE = "bilat_primary"
PRIMARY_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

read_only: ContextVar[bool] = ContextVar("bilat_read_only_request", default=False)


class ReplicaRouter:
    """Reads of read-only requests to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints) -> str:
        return REPLICA if read_only.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReadOnlyRequestMiddleware:
    """Marks read-only requests for the router; pins a client that writes to the primary."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS and PRIMARY_COOKIE not in request.COOKIES
        token = read_only.set(safe)
        try:
            response = self.get_response(request)
        finally:
            read_only.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(PRIMARY_COOKIE, "1", max_age=PRIMARY_SECONDS, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response


def write_position() -> str | None:
    """Where the primary's write-ahead log stands now (PostgreSQL's ``0/16B3748``), when reads
    may go to a replica; else None: nothing to wait for."""
    if REPLICA not in settings.DATABASES:
        return None
    return log_position(DEFAULT_DB_ALIAS)


def log_position(alias: str) -> str | None:
    """The current write-ahead log position of the PostgreSQL server behind ``alias``."""
    return _position(alias, "pg_current_wal_lsn")


def replayed_position(alias: str = REPLICA) -> str | None:
    """How far the server behind ``alias`` has replayed its primary's log; None where it
    replays none (a primary, as the replica of the tests, a second connection to it)."""
    return _position(alias, "pg_last_wal_replay_lsn")


def _position(alias: str, function: str) -> str | None:
    """``function()``, one of PostgreSQL's log positions, on ``alias``; None elsewhere."""
    if connections[alias].vendor != "postgresql":
        return None
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {function}()::text")  # one of the two names above
        return cursor.fetchone()[0]


def shows_write_at(position: str | None) -> bool:
    """Whether this request's reads show every write committed by ``position`` (a
    ``write_position``): reads from the primary always do; reads from a replica once it has
    replayed that far."""
    if not position or not read_only.get():
        return True
    replayed = replayed_position()
    return replayed is None or _lsn(replayed) >= _lsn(position)


def _lsn(position: str) -> int:
    """A log position ("16/B374D848": two hexadecimal halves) as one number, to compare."""
    high, _, low = position.partition("/")
    return (int(high, 16) << 32) | int(low, 16)
