"""Background tasks of the decisions app (Django's Tasks API, run by ``bilat worker``)."""

from __future__ import annotations

import datetime

from django.tasks import task

from . import reminders

# How often ``bilat worker`` queues a reminder scan (overridable with --scan-every).
SCAN_EVERY_MINUTES = 15


@task
def scan_reminders(today: str | None = None) -> dict:
    """Send the due-date reminders that are due and not yet sent (see reminders.py)."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders.scan_reminders(day).as_dict()


def scan_is_queued() -> bool:
    """Whether a reminder scan is already waiting in the database queue."""
    from django_tasks_db.models import DBTaskResult  # only with the database backend

    return DBTaskResult.objects.filter(
        task_path=scan_reminders.module_path, status="READY"
    ).exists()


def queue_scan(*, at: datetime.datetime | None = None) -> bool:
    """Queue a reminder scan unless one is already waiting; True if one was queued.

    Several workers (or a restarted one) may ask at once; the worst case is two scans, which the
    reminder log makes harmless.
    """
    backend = scan_reminders.get_backend()
    if type(backend).__module__.startswith("django_tasks_db") and scan_is_queued():
        return False
    if at is not None and backend.supports_defer:
        scan_reminders.using(run_after=at).enqueue()
    else:
        scan_reminders.enqueue()
    return True


# Jobs ``bilat worker`` queues periodically: (name, queue function, every N minutes).
PERIODIC = [("reminder scan", queue_scan, SCAN_EVERY_MINUTES)]
