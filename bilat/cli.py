"""The ``bilat`` command: Django's management commands under one name."""

import os
import sys

# Old names of renamed commands, still accepted (docs/commands.md lists them as aliases).
ALIASES = {"briefing": "write_briefing"}


def main() -> None:
    """Run a management command, e.g. ``bilat demo`` or ``bilat migrate``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bilat.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load the settings: they refuse unsafe setups
    except ImproperlyConfigured as exc:
        sys.exit(f"bilat: {exc}")

    from bilat.core.context import write_context
    from bilat.ops.priority import follow

    follow()  # `nice bilat …` in a session of its own: lower in its autogroup too

    args = sys.argv[1:]
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    with write_context(channel="cli"):
        execute_from_command_line(["bilat", *args])


if __name__ == "__main__":
    main()
