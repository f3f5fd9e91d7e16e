"""bilat write_briefing: write the briefing pack of a meeting (or of a frozen snapshot)."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from bilat.briefings import services
from bilat.briefings.models import Snapshot
from bilat.briefings.render import FORMATS
from bilat.commissions.commands import add_commission_option, named, the_one


class Command(BaseCommand):
    help = "Write the briefing pack of a meeting: Markdown, HTML, Word or PDF, in English or Russian."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, help="Session number, e.g. 21.")
        add_commission_option(parser)
        parser.add_argument("--snapshot", type=int,
                            help="Reproduce the pack of a frozen snapshot (its id).")
        parser.add_argument("--lang", choices=["en", "ru"], default="en")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="md")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, meeting=None, snapshot=None, lang="en", fmt="md", output=None,
               commission=None, **options):
        from bilat.meetings.models import Meeting

        started = time.perf_counter()
        if snapshot is not None:
            try:
                snap = Snapshot.objects.get(pk=snapshot)
            except Snapshot.DoesNotExist as exc:
                raise CommandError(f"No snapshot {snapshot}.") from exc
        elif meeting is not None:
            chosen = named(commission)
            meetings = Meeting.objects.filter(number=meeting).select_related("commission")
            if chosen is not None:
                meetings = meetings.filter(commission=chosen)
            # A session number only one commission has is enough; several name the choice.
            holders = sorted({m.commission for m in meetings}, key=lambda c: c.code)
            if len(holders) > 1:
                the_one(None, holders)
            found = meetings.order_by("body__code", "pk").first()
            if found is None:
                raise CommandError(f"No meeting number {meeting}; load the demo with "
                                   "`bilat demo --no-serve` or add the meeting.")
            snap = services.snapshot_for(found, actor=None)  # frozen by the system
        else:
            raise CommandError("Give --meeting N or --snapshot ID.")
        data = services.produce_briefing(snap, lang=lang, fmt=fmt)
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
            self.stderr.write(
                f"Wrote {output} ({len(data):,} bytes) from snapshot {snap.pk} "
                f"({snap.content_hash[:12]}, as of {snap.as_of}) in "
                f"{time.perf_counter() - started:.2f} s."
            )
        elif fmt in ("md", "html"):
            sys.stdout.write(data.decode("utf-8"))
        else:
            raise CommandError(f"Give -o FILE for {fmt} output.")
