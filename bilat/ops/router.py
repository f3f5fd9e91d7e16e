"""Read-only pages read from a replica of the database when ``DATABASE_REPLICA_URL`` is set.

A request is read-only when its method is safe (GET, HEAD, OPTIONS) and its client has not
written in the last few seconds: a client that has just posted a form, and is sent on to the
page showing the result, reads the primary, so it sees its own write even if the replica is a
moment behind. Every write, and every read outside a request (the worker, commands), goes to
the primary. The replica holds the same data (streaming replication), so relations across the
two are allowed, and migrations run on the primary only.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS

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
