"""Check that no change-log entry was altered or removed."""

from django.core.management.base import BaseCommand, CommandError

from bilat.core.changelog import verify_chain


class Command(BaseCommand):
    help = "Recompute the change log's hash chain; exit 1 and list the problems if it is broken."

    def handle(self, *args, **options) -> None:
        report = verify_chain()
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(f"The change log is broken ({len(report.problems)} problem(s)).")
        self.stdout.write(
            self.style.SUCCESS(
                f"The change log checks out: {report.checked} entries, head {report.head_hash}."
            )
        )
