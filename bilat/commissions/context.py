"""The commission a request or a command works in, for the code that scopes to one.

Set by ``CommissionMiddleware`` (from ``?commission=``, the session or the user's only
commission: worked out the first time something asks) and by the command line
(``--commission``); read by the access policy, which scopes lists to it, and by the default of
a new record's commission. Kept free of model imports, like ``core.context``.
"""

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class _Choice:
    def __init__(self, value: int | None = None, resolve: Callable[[], int | None] | None = None):
        self.value, self.resolve = value, resolve

    def get(self) -> int | None:
        if self.resolve is not None:
            self.value, self.resolve = self.resolve(), None
        return self.value


_commission: contextvars.ContextVar[_Choice | None] = contextvars.ContextVar(
    "bilat_commission", default=None
)


@contextmanager
def in_commission(commission_id: int | None = None, *,
                  resolve: Callable[[], int | None] | None = None) -> Iterator[None]:
    """Work in the commission ``commission_id`` inside the block (None: in no one commission),
    or in the one ``resolve()`` gives the first time it is asked."""
    token = _commission.set(_Choice(commission_id, resolve))
    try:
        yield
    finally:
        _commission.reset(token)


def current_commission_id() -> int | None:
    """The id of the commission the request or command works in, if it names one."""
    choice = _commission.get()
    return choice.get() if choice is not None else None


def commission_chosen() -> bool:
    """Whether a request or command has said which commission it works in (None included:
    every commission); outside one, the reader's own commission is meant."""
    return _commission.get() is not None
