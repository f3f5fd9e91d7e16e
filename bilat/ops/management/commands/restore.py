"""Restore an archive of `bilat backup` into an empty installation, and check it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.ops.backup import BackupError, pending_migrations, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `bilat backup` into this installation, which must be "
        "empty (a fresh database, or one with only `bilat migrate` done, and no data files); "
        "a non-empty one is refused and left as it was. Then check the restored row counts and "
        "change log head against the manifest and verify the chain: exit 1 if anything differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The archive to restore.")

    def handle(self, *args, **options) -> None:
        try:
            result = restore(Path(options["archive"]), say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        expected = result.manifest
        for label in sorted(set(expected.counts) | set(result.counts)):
            want, got = expected.counts.get(label), result.counts.get(label)
            if want != got:
                self.stderr.write(f"- {label}: {got} rows, the archive had {want}")
        if result.head != expected.head:
            self.stderr.write(f"- change log head #{result.head['seq']} {result.head['hash']}, "
                              f"the archive had #{expected.head['seq']} {expected.head['hash']}")
        if not result.chain_ok:
            self.stderr.write("- the change log does not verify: run `bilat verify_changelog`")
        if not result.matches:
            raise CommandError("The restored installation differs from the archive.")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(result.counts.values())} rows, {result.files} files; the counts "
            f"match the archive and the change log verifies, head #{result.head['seq']} "
            f"{result.head['hash']}."))
        if pending_migrations():
            self.stdout.write("The archive is from an older bilat: run `bilat migrate` now.")
