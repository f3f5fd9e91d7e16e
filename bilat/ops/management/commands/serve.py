"""Serve bilat in production: granian, one process per core, behind a reverse proxy."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def cores() -> int:
    """The cores this process may use (the default number of server processes)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def granian_arguments(options: dict) -> list[str]:
    """granian's command line for ``bilat serve``'s options (a WSGI server of processes)."""
    args = [
        sys.executable, "-m", "granian", "--interface", "wsgi",
        "--host", options["host"], "--port", str(options["port"]),
        "--workers", str(options["workers"] or cores()),
        "--blocking-threads", str(options["threads"]),
        # A process that dies is started again; a reload (SIGHUP) or a stop (SIGTERM) lets
        # each process finish the requests it holds, for at most this long.
        "--respawn-failed-workers", "--workers-kill-timeout", str(options["grace"]),
        "--log-level", "info" if options["verbosity"] > 1 else "warning",
        "--access-log" if options["access_log"] else "--no-access-log",
    ]
    if options["pid_file"]:
        args += ["--pid-file", options["pid_file"]]
    return [*args, "bilat.ops.wsgi:application"]


class Command(BaseCommand):
    help = (
        "Serve bilat with granian (WSGI): one process per core by default, each with a few "
        "threads; an access log on standard output; SIGHUP restarts the processes one by one "
        "without dropping requests, SIGTERM stops after the requests in flight. Static files "
        "are served by the application (WhiteNoise). Run `bilat worker` as a service of its own."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1",
                            help="Address to listen on (default 127.0.0.1; 0.0.0.0 in a container).")
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
        parser.add_argument("--workers", type=int, default=0, metavar="N",
                            help="Server processes (default: one per core).")
        parser.add_argument("--threads", type=int, default=4, metavar="N",
                            help="Threads per process (default 4): requests one process "
                                 "serves at once, each with its own database connection.")
        parser.add_argument("--grace", type=int, default=30, metavar="SECONDS",
                            help="How long a stopping process may finish its requests "
                                 "(default 30).")
        parser.add_argument("--no-access-log", dest="access_log", action="store_false",
                            help="Do not log each request.")
        parser.add_argument("--pid-file", default="",
                            help="Write the server's process id here (for `kill -HUP`).")

    def handle(self, *args, **options) -> None:
        argv = granian_arguments(options)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        self.stdout.write(
            f"Serving bilat on http://{options['host']}:{options['port']}/ with "
            f"{options['workers'] or cores()} processes of {options['threads']} threads."
        )
        self.stdout.flush()
        # Replace this process: the service manager's signals reach granian itself.
        os.execve(sys.executable, argv, env)
