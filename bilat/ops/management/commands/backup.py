"""Write one archive of this installation: database, trade warehouse, evidence and other data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write one archive (tar) of this installation: the database (SQLite's online backup or "
        "pg_dump), the trade warehouse, evidence files and any other folder of the data folder, "
        "with a manifest of versions, row counts and the change log's head. Safe while bilat "
        "runs. Restore it with `bilat restore`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o", "--output", default="",
            help="The archive to write (default: DATA_DIR/backups/bilat-<time>.tar).")

    def handle(self, *args, **options) -> None:
        target = Path(options["output"] or Path(settings.DATA_DIR) / "backups"
                      / f"bilat-{datetime.now():%Y%m%d-%H%M%S}.tar")
        try:
            manifest = backup(target, say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        head = manifest.head
        rows = sum(manifest.counts.values())
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {target}: {rows} rows in {len(manifest.counts)} tables, "
            f"{len(manifest.data['members']) - 1} files, change log head #{head['seq']} "
            f"{head['hash']}."))
