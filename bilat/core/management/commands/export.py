"""Export a registered sheet (decisions, projects) to XLSX or CSV, as a named user sees it."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import QueryDict

from bilat.commissions.commands import add_commission_option, working_in
from bilat.core.sheets import FORMATS, SheetError, export_sheet, get_sheet, sheet_names


def user_named(username: str | None):
    """The user the command acts as (None: an anonymous reader, who sees public records)."""
    if not username:
        return None
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"There is no user called {username!r}.") from None


class Command(BaseCommand):
    help = (
        "Export a registry sheet (decisions, projects) to XLSX or CSV. Rows are the records the "
        "user given with --as may see (public records only without --as), filtered like the "
        "list page with --filter name=value."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sheet", help="The sheet: " + " or ".join(sheet_names()))
        add_commission_option(parser)
        parser.add_argument("--format", choices=FORMATS, default=None,
                            help="xlsx or csv (default: from the file name, else csv)")
        parser.add_argument("-o", "--output", help="The file to write (CSV may go to stdout).")
        parser.add_argument("--as", dest="username", help="Act as this user.")
        parser.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE",
                            help="A list-page filter, e.g. --filter overdue=true (repeatable).")

    def execute(self, *args, **options):
        # Work in one commission: --commission, the user's only one or the installation's.
        with working_in(options.get("commission"), user=user_named(options.get("username"))):
            return super().execute(*args, **options)

    def handle(self, *args, **options) -> None:
        user = user_named(options["username"])
        if user is None:
            self.stderr.write("No --as given: exporting public records only.")
        try:
            sheet = get_sheet(options["sheet"])
        except SheetError as exc:
            raise CommandError(str(exc)) from None
        output = options["output"]
        fmt = options["format"] or (
            output.rsplit(".", 1)[-1].lower() if output and "." in output else "csv"
        )
        if fmt not in FORMATS:
            raise CommandError("Give --format xlsx or csv.")
        filters = QueryDict(mutable=True)
        for item in options["filter"]:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--filter {item!r}: write it as name=value.")
            filters.appendlist(name.strip(), value.strip())
        try:
            records = sheet.queryset(user, filters or None)
        except SheetError as exc:
            raise CommandError(str(exc)) from None
        if fmt == "xlsx":
            if not output:
                raise CommandError("An XLSX export needs -o FILE.")
            with open(output, "wb") as stream:
                export_sheet(sheet, records, "xlsx", stream)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                export_sheet(sheet, records, "csv", stream)
        else:
            buffer = io.StringIO()
            export_sheet(sheet, records, "csv", buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        if output:
            self.stderr.write(f"Wrote {records.count()} {sheet.name} to {output}.")
