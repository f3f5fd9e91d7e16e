import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bilat.core.changelog import history_for, record_change, snapshot, verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.core.services import upsert_record
from bilat.directory.models import Sector

pytestmark = pytest.mark.django_db


def _three_writes():
    sector = upsert_record(Sector, {"code": "water"}, {"name_en": "Water", "name_ru": "Вода"}, actor=None)
    upsert_record(Sector, {"code": "water"}, {"name_en": "Water resources", "name_ru": "Вода"}, actor=None)
    record_change(sector, action="note", actor=None, before=snapshot(sector), message="checked")
    return sector


def test_every_write_appends_a_chained_entry():
    sector = _three_writes()
    entries = list(ChangeLogEntry.objects.order_by("seq"))
    assert [e.action for e in entries] == ["create", "update", "note"]
    assert entries[1].prev_hash == entries[0].hash
    assert entries[1].before["name_en"] == "Water" and entries[1].after["name_en"] == "Water resources"
    assert [e.seq for e in history_for(sector)] == [3, 2, 1]
    assert verify_chain().ok


def test_an_unchanged_upsert_logs_nothing():
    _three_writes()
    upsert_record(Sector, {"code": "water"}, {"name_en": "Water resources", "name_ru": "Вода"}, actor=None)
    assert ChangeLogEntry.objects.count() == 3


def test_an_altered_entry_breaks_the_chain():
    _three_writes()
    ChangeLogEntry.objects.filter(seq=2).update(reason="rewritten")  # bypasses the model on purpose
    report = verify_chain()
    assert not report.ok
    assert "entry #2 was altered" in report.problems[0]


def test_a_removed_entry_breaks_the_chain():
    _three_writes()
    ChangeLogEntry.objects.filter(seq=2)._raw_delete(ChangeLogEntry.objects.db)
    assert verify_chain().problems == ["entry #2 was removed"]


def test_a_removed_last_entry_is_caught_by_the_head():
    _three_writes()
    ChangeLogEntry.objects.filter(seq=3)._raw_delete(ChangeLogEntry.objects.db)
    assert any("removed from the end" in p for p in verify_chain().problems)


def test_entries_cannot_be_saved_twice_or_deleted():
    _three_writes()
    entry = ChangeLogEntry.objects.first()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_verify_changelog_command_fails_on_a_broken_chain(capsys):
    _three_writes()
    call_command("verify_changelog")
    assert "checks out: 3 entries" in capsys.readouterr().out
    ChangeLogEntry.objects.filter(seq=1).update(action="forged")
    with pytest.raises(CommandError):
        call_command("verify_changelog")
