"""The ``--commission`` option of the commands: which commission a command works in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from .choice import by_code, one_of
from .context import in_commission
from .models import Commission, all_commissions

HELP = "The commission's code (e.g. kz-uz); needed only where several could be meant."


def add_commission_option(parser: CommandParser) -> None:
    parser.add_argument("--commission", metavar="CODE", help=HELP)


def named(code: str | None) -> Commission | None:
    """The commission ``--commission`` names (None when not given)."""
    if not code:
        return None
    try:
        return by_code(code)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc


def the_one(code: str | None, candidates=None) -> Commission:
    """The commission a command works in: named, else the only one among ``candidates`` (every
    commission by default); an error naming them and ``--commission`` otherwise."""
    chosen = named(code)
    if chosen is not None:
        return chosen
    try:
        return one_of(all_commissions() if candidates is None else candidates)
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc


@contextmanager
def working_in(code: str | None, *, user=None) -> Iterator[Commission]:
    """Run the block in the commission ``--commission`` names, else the user's only one, else
    the installation's only one; an error naming them otherwise."""
    from bilat.accounts.policy import commissions_of

    candidates = None
    if not code and user is not None and len(all_commissions()) > 1:
        mine = commissions_of(user)
        if len(mine) == 1:
            candidates = [c for c in all_commissions() if c.pk == mine[0]]
    commission = the_one(code, candidates)
    with in_commission(commission.pk):
        yield commission
