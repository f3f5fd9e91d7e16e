"""Send the due-date reminders that are due now, once (the worker does this every 15 minutes)."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.decisions.reminders import scan_reminders


class Command(BaseCommand):
    help = (
        "Run one reminder scan synchronously: 7, 3 and 1 days before each side's due date and "
        "after it is missed, to the officers of the lead organisation. Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD",
            help="Scan as if today were this date (default: today in the site's time zone).",
        )

    def handle(self, *args, **options) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(f"--today: {exc}") from exc
        result = scan_reminders(today)
        for number, side, threshold in result.sent:
            self.stdout.write(f"{number} {side} {threshold}")
        self.stdout.write(
            f"{result.today}: {result.reminders} reminder(s) sent, {result.notifications} "
            f"notification(s), {result.mails_queued} e-mail(s); {result.already_sent} already "
            f"sent, {result.without_officers} without an officer to tell."
        )
