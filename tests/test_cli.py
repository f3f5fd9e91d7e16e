"""The ``bilat`` command: an old command name still runs the command it was renamed to."""

import sys

import pytest
from django.core.management import get_commands

from bilat import cli


def test_every_alias_names_an_existing_command_and_no_longer_one_itself():
    commands = get_commands()
    for old, new in cli.ALIASES.items():
        assert new in commands and old not in commands


def test_an_old_command_name_runs_its_new_command(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["bilat", "briefing", "--help"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 0
    assert "usage: bilat write_briefing" in capsys.readouterr().out
