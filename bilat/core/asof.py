"""A record's fields as they stood on a date, replayed from the change log.

The registry keeps each record's current state, and the change log (``changelog.py``) every
write with its before and after. A write's time in the log is when it was typed in, not when it
happened (the demo loads every record today), so the caller places each change at the business
date its records give it (``day_of``), and at its log time (``log_day``) when they give none.
The apps say which dates count: ``decisions/asof.py`` for a side's part of a decision,
``briefings/asof.py`` for project stages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable

from django.utils import timezone


def log_day(moment: datetime.datetime) -> datetime.date:
    """The local day of a moment (a change's log time, a report's submission)."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def changes_by_row(model, pks) -> dict[int, list]:
    """Change-log entries of these rows of ``model``, oldest first, by row."""
    from .models import ChangeLogEntry

    by_row: dict[int, list] = defaultdict(list)
    rows = ChangeLogEntry.objects.filter(
        object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in pks]
    ).order_by("seq").only("object_id", "action", "at", "before", "after")
    for entry in rows:
        by_row[int(entry.object_id)].append(entry)
    return by_row


def replay(current: dict, entries: list, fields: tuple[str, ...],
           day_of: Callable[[object], datetime.date], as_of: datetime.date) -> dict:
    """The values of ``fields`` as of ``as_of``: the state the record was entered with, then
    each logged change to them whose business date (``day_of(entry)``) is on or before
    ``as_of``, in the order they were logged.

    A record written without the log keeps its current values; so does a field whose current
    value the log does not lead to (it was changed outside the log, at a day nobody knows)."""
    if not entries:
        return dict(current)
    first = entries[0]
    start = first.after if first.action == "create" else first.before
    state = {f: (start or {}).get(f, current[f]) for f in fields}
    latest = dict(state)
    for entry in entries:
        if entry.action == "create":
            continue
        before, after = entry.before or {}, entry.after or {}
        changed = [f for f in fields if f in after and before.get(f) != after.get(f)]
        latest.update({f: after[f] for f in changed})
        if changed and day_of(entry) <= as_of:
            state.update({f: after[f] for f in changed})
    for f in fields:
        if latest[f] != current[f]:
            state[f] = current[f]
    return state
