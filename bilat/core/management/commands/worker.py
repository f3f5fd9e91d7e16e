"""Run bilat's background worker and queue its periodic jobs (the reminder scan)."""

from __future__ import annotations

import importlib
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

from bilat.core import workers
from bilat.ops.priority import lower

logger = logging.getLogger("bilat.worker")


@dataclass
class PeriodicJob:
    """A job an app wants queued every few minutes (declared as ``PERIODIC`` in its tasks.py)."""

    name: str
    queue: object  # a callable that queues the job and returns whether it did
    every_minutes: float


def periodic_jobs() -> list[PeriodicJob]:
    """The periodic jobs declared by the installed apps, in app order."""
    jobs: list[PeriodicJob] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tasks":
                raise
            continue
        for name, queue, minutes in getattr(module, "PERIODIC", ()):
            jobs.append(PeriodicJob(name=name, queue=queue, every_minutes=minutes))
    return jobs


def queue_jobs(jobs: list[PeriodicJob]) -> list[str]:
    """Queue each job once now; returns the names of those queued (not already waiting)."""
    queued = []
    for job in jobs:
        try:
            if job.queue():
                queued.append(job.name)
        except Exception:  # noqa: BLE001 - keep the other jobs and the worker going
            logger.exception("Could not queue the periodic job %s", job.name)
    return queued


class Scheduler(threading.Thread):
    """Queues each periodic job at start and then every ``every_minutes`` (a daemon thread)."""

    def __init__(self, jobs: list[PeriodicJob], every_minutes: float | None = None):
        super().__init__(name="bilat-scheduler", daemon=True)
        self.jobs = jobs
        self.every = {j.name: (every_minutes or j.every_minutes) * 60 for j in jobs}
        self.stopped = threading.Event()

    def run(self) -> None:
        next_at = {j.name: 0.0 for j in self.jobs}
        while not self.stopped.is_set():
            now = time.monotonic()
            due = [j for j in self.jobs if now >= next_at[j.name]]
            if due:
                close_old_connections()
                for name in queue_jobs(due):
                    logger.info("Queued %s", name)
                for job in due:
                    next_at[job.name] = now + self.every[job.name]
                connection.close()  # this thread's own connection; do not hold it while idle
            self.stopped.wait(min(30.0, *self.every.values()) if self.every else 30.0)


class Heartbeat(threading.Thread):
    """Says every few seconds, in the shared cache, that this worker runs (a daemon thread):
    the server processes then hand it work such as a briefing pack's PDF (core/workers.py)."""

    def __init__(self, worker_id: str):
        super().__init__(name="bilat-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                workers.beat(self.worker_id)
            except Exception:  # noqa: BLE001 - the cache is out of reach: pages do the work
                logger.exception("Could not tell the server processes that the worker runs")
            self.stopped.wait(workers.BEAT_SECONDS)

    def stop(self) -> None:
        self.stopped.set()
        try:
            workers.stop_beating(self.worker_id)
        except Exception:  # noqa: BLE001 - the beat runs out by itself
            logger.exception("Could not say that the worker stopped")


# --- tasks whose worker died ---------------------------------------------------------------
#
# django-tasks-db marks a task RUNNING when a worker claims it; a worker killed mid-task (power
# cut, OOM killer, `kill -9`) leaves it RUNNING forever. Each bilat worker names itself
# host:pid:random, so a worker starting on the same host puts back the tasks of a worker that
# is no longer alive there, and any worker puts back a task running longer than --stale-minutes
# (its host died). The task then runs again once; bilat's tasks are safe to repeat.


def this_host() -> str:
    return socket.gethostname()[:40]


def new_worker_id() -> str:
    return f"{this_host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():  # the dead worker's pid, reused by us (a restarted container)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_orphaned_tasks(stale_after: timedelta) -> list[str]:
    """Put back the RUNNING tasks whose worker died; returns their ids."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    host, now, orphans = this_host(), timezone.now(), []
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        worker_host, _, rest = ((task.worker_ids or [""])[-1]).partition(":")
        pid = rest.partition(":")[0]
        died_here = worker_host == host and pid.isdigit() and not _alive(int(pid))
        stale = task.started_at is not None and now - task.started_at > stale_after
        if died_here or stale:
            orphans.append(task.pk)
    DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None)
    return [str(pk) for pk in orphans]


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's db_worker) and queue the periodic jobs: "
        "a reminder scan every 15 minutes by default. --batch queues each job once, runs "
        "everything waiting and exits (for cron or a one-off catch-up)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=None, metavar="MINUTES",
            help="Queue every periodic job this often (default: each job's own, 15 for reminders).",
        )
        parser.add_argument(
            "--batch", action="store_true",
            help="Queue each periodic job once, run all waiting tasks, then exit.",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, metavar="SECONDS",
            help="How long the worker sleeps when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--queue-name", default="default", help="The task queues to run (default: default).",
        )
        parser.add_argument(
            "--nice", type=int, default=10, metavar="N",
            help="Run at this much lower a CPU priority (default 10; 0 keeps the priority): "
                 "background work such as a briefing pack's PDF leaves the cores to the pages "
                 "the server processes serve.",
        )
        parser.add_argument(
            "--stale-minutes", type=float, default=60, metavar="MINUTES",
            help="Run again a task another worker has been running this long (default 60): "
                 "its machine died. Tasks of a dead worker on this machine run again at once.",
        )

    def handle(self, *args, **options) -> None:
        lower(options["nice"])
        jobs = periodic_jobs()
        for task_id in requeue_orphaned_tasks(timedelta(minutes=options["stale_minutes"])):
            self.stdout.write(f"Task {task_id} lost its worker: queued to run again.")
        worker_options = {
            "worker_id": new_worker_id(),
            "queue_name": options["queue_name"],
            "reload": False,
            "startup_delay": False,
            "verbosity": options["verbosity"],
            "stdout": self.stdout,
            "stderr": self.stderr,
        }
        if options["batch"]:
            queued = queue_jobs(jobs)
            self.stdout.write(f"Queued: {', '.join(queued) or 'nothing new'}.")
            call_command("db_worker", batch=True, interval=0.0, **worker_options)
            return
        scheduler = Scheduler(jobs, options["every"])
        scheduler.start()
        heartbeat = Heartbeat(worker_options["worker_id"])
        heartbeat.start()
        for job in jobs:
            minutes = options["every"] or job.every_minutes
            self.stdout.write(f"Queueing {job.name} every {minutes:g} minutes.")
        try:
            call_command("db_worker", interval=options["interval"], **worker_options)
        finally:
            scheduler.stopped.set()
            heartbeat.stop()
