"""Lift a sign-in lockout of an account or an address, as an administrator."""

from __future__ import annotations

import ipaddress

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bilat.accounts.services import lift_lockout


class Command(BaseCommand):
    help = (
        "Lift a sign-in lockout at once: clear the failed sign-ins of an account (--username) "
        "and/or from an address (--address). Acts as an administrator (--as); each cleared "
        "record is logged in the change log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="", help="The locked-out account.")
        parser.add_argument("--address", default="", help="The locked-out IP address.")
        parser.add_argument("--as", dest="actor", required=True,
                            help="Act as this user (an administrator).")

    def handle(self, *args, **options) -> None:
        if not (options["username"] or options["address"]):
            raise CommandError("Name the lockout to lift: --username or --address (or both).")
        if options["address"]:
            try:
                ipaddress.ip_address(options["address"])
            except ValueError:
                raise CommandError(f"{options['address']!r} is not an IP address.") from None
        try:
            actor = get_user_model().objects.get_by_natural_key(options["actor"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called {options['actor']!r}.") from None
        try:
            cleared = lift_lockout(actor=actor, username=options["username"],
                                   ip_address=options["address"])
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Lifted: {cleared} record(s) of failed sign-ins cleared.")
