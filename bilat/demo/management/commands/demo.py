"""Set up and serve the demonstration: migrate, load the demo data, print logins, serve."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser

from bilat.demo.services import load_demo
from bilat.demo.steps.users import logins


def _exit_on_signal(signum, frame) -> None:
    sys.exit(0)


class Command(BaseCommand):
    help = (
        "Migrate, load the demo data of the 21st meeting (idempotent), print the demo logins, "
        "then serve at http://127.0.0.1:8000 with a background worker. --no-serve only loads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true",
                            help="Load the data and stop; do not start the server.")
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")

    def handle(self, *args, no_serve: bool = False, host: str = "127.0.0.1", port: int = 8000,
               **options) -> None:
        started = time.perf_counter()
        self.stdout.write(self.style.MIGRATE_HEADING("Migrating the database"))
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(self.style.MIGRATE_HEADING("Loading the demo data"))
        run = load_demo(out=self.stdout.write)
        timings = ", ".join(f"{name} {secs:.1f} s" for name, secs in run.timings.items())
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready in {time.perf_counter() - started:.1f} s ({timings})."
        ))
        if run.skipped:
            self.stdout.write(self.style.WARNING("Skipped: " + ", ".join(run.skipped)))
        self.print_logins()
        if no_serve:
            return
        self.serve(host, port)

    def print_logins(self) -> None:
        rows = logins()
        columns = ["username", "password", "role", "side", "organisation"]
        widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins"))
        self.stdout.write("  ".join(c.ljust(widths[c]) for c in columns))
        self.stdout.write("  ".join("-" * widths[c] for c in columns))
        for row in rows:
            self.stdout.write("  ".join(str(row[c]).ljust(widths[c]) for c in columns))
        self.stdout.write(self.style.WARNING(
            "These are demo credentials, published in docs/demo.md: never load the demo into a "
            "database that holds real data or serve it on a public address."
        ))

    def serve(self, host: str, port: int) -> None:
        """Run the development server, with ``bilat worker`` alongside it if it exists."""
        worker = None
        if "worker" in get_commands():
            worker = subprocess.Popen([sys.executable, "-m", "bilat", "worker"])
            self.stdout.write(f"Background worker started (pid {worker.pid}).")
        else:
            self.stdout.write("No `bilat worker` command yet: background tasks will not run.")
        self.stdout.write(self.style.SUCCESS(f"Serving at http://{host}:{port}/ (Ctrl-C stops)"))
        # Stop cleanly on Ctrl-C and on SIGTERM alike, so the worker never outlives the server.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            if worker is not None and worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
