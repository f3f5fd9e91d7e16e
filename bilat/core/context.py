"""Where a write comes from (page, api, admin, cli, import) and the request it belongs to.

Set by the middleware, the CLI and the importers; read when a change-log entry is recorded.
Kept free of model imports so the CLI can set it before Django starts.
"""

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

_channel: contextvars.ContextVar[str] = contextvars.ContextVar("bilat_channel", default="")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("bilat_request_id", default="")


@contextmanager
def write_context(*, channel: str, request_id: str = "") -> Iterator[None]:
    """Mark the writes made inside the block as coming from ``channel``."""
    token_c = _channel.set(channel)
    token_r = _request_id.set(request_id or uuid.uuid4().hex)
    try:
        yield
    finally:
        _channel.reset(token_c)
        _request_id.reset(token_r)


def current_channel() -> str:
    return _channel.get()


def current_request_id() -> str:
    return _request_id.get()
