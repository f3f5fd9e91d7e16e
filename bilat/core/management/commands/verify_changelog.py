"""Check that no change-log entry was altered, removed, inserted or renumbered."""

from django.core.management.base import BaseCommand, CommandError

from bilat.core.changelog import verify_chain


class Command(BaseCommand):
    help = (
        "Recompute the change log's hash chain; exit 1 and name the problems if it is broken "
        "(the first --detail in full, then how many more)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--detail", type=int, default=20, metavar="N",
                            help="How many problems to describe (all are counted; default 20).")

    def handle(self, *args, **options) -> None:
        report = verify_chain(detail_limit=max(options["detail"], 0))
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"- {problem}")
            if (more := report.problem_count - len(report.problems)) > 0:
                self.stderr.write(f"- … and {more} more")
            count = report.problem_count
            raise CommandError(
                f"The change log is broken ({count} problem{'' if count == 1 else 's'})."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The change log checks out: {report.checked} entries, head {report.head_hash}."
            )
        )
