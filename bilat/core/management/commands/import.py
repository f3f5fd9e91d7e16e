"""Import an edited XLSX or CSV file of decisions or projects, as a named user."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.commissions.commands import add_commission_option, working_in
from bilat.core.sheets import (
    CHANGED,
    FORMATS,
    NEW,
    SheetError,
    describe,
    format_of,
    get_sheet,
    read_table,
    run_import,
    sheet_names,
)

from .export import user_named


class Command(BaseCommand):
    help = (
        "Import a spreadsheet of decisions or projects, keyed by control number or project "
        "code, through the same services and access policy as the pages. Every error is listed "
        "with its row and column and nothing is written unless the whole file is good; "
        "--dry-run only shows what would change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sheet", help="The sheet: " + " or ".join(sheet_names()))
        add_commission_option(parser)
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--as", dest="username", required=True, help="Act as this user.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Show what would change and write nothing.")
        parser.add_argument("--format", choices=FORMATS, default=None,
                            help="xlsx or csv (default: from the file name).")
        parser.add_argument("--reason", default="", help="The reason recorded in the change log.")

    def execute(self, *args, **options):
        # Work in one commission: --commission, the user's only one or the installation's.
        with working_in(options.get("commission"), user=user_named(options.get("username"))):
            return super().execute(*args, **options)

    def handle(self, *args, **options) -> None:
        user = user_named(options["username"])
        path = Path(options["file"])
        try:
            sheet = get_sheet(options["sheet"])
            fmt = format_of(path.name, options["format"])
            with path.open("rb") as stream:
                table = read_table(stream, fmt)
            plan = run_import(
                sheet, table, user=user, dry_run=options["dry_run"],
                reason=options["reason"] or f"Import of {path.name}",
            )
        except (SheetError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        for row in plan.rows:
            if row.status in (NEW, CHANGED):
                changes = "; ".join(
                    f"{name}: {describe(old)} → {describe(new)}"
                    for name, (old, new) in row.changes.items()
                )
                self.stdout.write(f"row {row.row} {row.key}: {row.status} — {changes}")
            elif options["verbosity"] > 1:
                self.stdout.write(f"row {row.row} {row.key}: {row.status}")
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"- {error}")
            raise CommandError(f"Nothing was written: {plan.summary()}.")
        verb = "Would apply" if options["dry_run"] else "Applied"
        self.stdout.write(f"{verb}: {plan.summary()}.")
