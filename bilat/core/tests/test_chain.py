"""The hash chain: it survives moving the data, and each kind of tampering is named for what it is."""

import datetime
import decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from bilat.core.changelog import entry_hash, record_change, snapshot, verify_chain
from bilat.core.models import ChainHead, ChangeLogEntry
from bilat.core.services import upsert_record
from bilat.directory.models import Sector

pytestmark = pytest.mark.django_db

# A clock with microseconds that a dump in milliseconds would lose.
AT = datetime.datetime(2024, 7, 12, 9, 30, 15, 123456, tzinfo=datetime.UTC)

# Values whose JSON an engine might store differently from how Python wrote them.
AWKWARD = {
    "text": 'Қазақстан — Oʻzbekiston \u2028 "quoted" \\ back\tslash\n',
    "flag": "🇰🇿🇺🇿",
    "combining": "e\u0301",
    "big": 2**62 + 1,
    "negative": -7,
    "fraction": 0.1,
    "large_float": 1e20,
    "negative_zero": -0.0,
    "tiny": 1.5e-07,
    "nested": {"b": [1, {"a": None}], "a": True, "": False},
    "keys": {"é": 1, "e": 2, "Z": 3, "10": 4, "9": 5},
    "decimal": decimal.Decimal("1.10"),
    "moment": AT,
    "day": datetime.date(2024, 7, 12),
    "empty": [],
}


def _writes(n: int) -> Sector:
    with mock.patch("django.utils.timezone.now", return_value=AT):
        sector = upsert_record(Sector, {"code": "water"}, {"name_en": "Water 0", "name_ru": "В"},
                               actor=None)
        for i in range(1, n):
            upsert_record(Sector, {"code": "water"}, {"name_en": f"Water {i}", "name_ru": "В"},
                          actor=None)
    return sector


def _raw_delete(**lookup) -> None:
    ChangeLogEntry.objects.filter(**lookup)._raw_delete(ChangeLogEntry.objects.db)


def _forge(entry: ChangeLogEntry, **changes) -> None:
    """Rewrite an entry's fields and recompute its hash, as a careful forger would."""
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.hash = entry_hash(entry, entry.prev_hash)
    ChangeLogEntry.objects.filter(pk=entry.pk).update(
        **changes, hash=entry.hash, prev_hash=entry.prev_hash)


def _stamped_to_the_microsecond() -> None:
    """Rewrite the chain as entries written before stamps were cut to the millisecond were."""
    prev_hash = "0" * 64
    for i, entry in enumerate(ChangeLogEntry.objects.order_by("seq")):
        entry.prev_hash = prev_hash
        _forge(entry, at=AT + datetime.timedelta(microseconds=i))
        prev_hash = entry.hash
    ChainHead.objects.update(hash=prev_hash)


def _reload(tmp_path, fmt: str = "json") -> None:
    """Dump the log, empty its tables, load the dump back: a move to a fresh database."""
    dump = tmp_path / f"log.{fmt}"
    call_command("dumpdata", "core.changelogentry", "core.chainhead", format=fmt,
                 output=str(dump), verbosity=0)
    _raw_delete()
    ChainHead.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)


# --- moving the data ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "xml"])
def test_the_chain_survives_a_dump_and_a_reload(tmp_path, fmt):
    _writes(2)
    _stamped_to_the_microsecond()  # as an installation's older entries are
    _writes(1)
    assert verify_chain().ok

    _reload(tmp_path, fmt)

    report = verify_chain()
    assert report.ok, report.problems
    assert report.checked == 3


def test_the_hash_covers_exactly_what_the_database_gives_back(tmp_path):
    sector = _writes(1)
    with mock.patch("django.utils.timezone.now", return_value=AT):
        entry = record_change(sector, action="note", actor=None, before=AWKWARD,
                              after=snapshot(sector, extra=AWKWARD))
    stored = ChangeLogEntry.objects.get(pk=entry.pk)
    assert entry_hash(stored, stored.prev_hash) == entry.hash, connection.vendor
    assert verify_chain().ok

    _reload(tmp_path)

    assert verify_chain().ok, connection.vendor


def test_new_entries_are_stamped_to_the_millisecond():
    _writes(1)
    assert ChangeLogEntry.objects.get().at == AT.replace(microsecond=123000)


def test_existing_hashes_made_with_microseconds_still_verify():
    _writes(2)
    _stamped_to_the_microsecond()
    upsert_record(Sector, {"code": "water"}, {"name_en": "Water again"}, actor=None)
    assert ChangeLogEntry.objects.get(seq=1).at.microsecond == 123456
    assert verify_chain().ok


# --- each kind of tampering, named for what it is ----------------------------------------------


def test_an_altered_entry_is_named():
    _writes(5)
    ChangeLogEntry.objects.filter(seq=2).update(reason="rewritten")
    assert verify_chain().problems == ["entry #2 was altered after it was written"]


def test_an_altered_entry_with_a_recomputed_hash_is_named():
    _writes(5)
    _forge(ChangeLogEntry.objects.get(seq=2), reason="rewritten")
    assert verify_chain().problems == [
        "entry #2 was altered and its hash recomputed: entry #3 still follows the original"
    ]


def test_a_removed_entry_is_named_once():
    _writes(5)
    _raw_delete(seq=2)
    assert verify_chain().problems == ["entry #2 was removed"]


def test_removed_entries_in_a_row_are_one_problem():
    _writes(6)
    _raw_delete(seq__in=[2, 3, 4])
    assert verify_chain().problems == ["entries #2–#4 were removed"]


def test_a_removed_tail_is_named():
    _writes(5)
    _raw_delete(seq__gte=4)
    assert verify_chain().problems == [
        "entries #4–#5 were removed from the end: the chain head says #5"
    ]


def test_an_altered_head_is_named_not_taken_for_a_removal():
    _writes(5)
    ChainHead.objects.update(hash="f" * 64)
    [problem] = verify_chain().problems
    assert problem.startswith("the chain head was altered: it says #5 with hash ffffffff")
    assert "the last entry is #5" in problem


def test_a_head_moved_back_is_named():
    _writes(5)
    ChainHead.objects.update(seq=3)
    [problem] = verify_chain().problems
    assert problem.startswith("the chain head was altered: it says #3")


def test_an_entry_added_behind_the_logs_back_is_named():
    _writes(5)
    last = ChangeLogEntry.objects.get(seq=5)
    forged = ChangeLogEntry(
        seq=6, at=last.at, actor_label="intruder", channel="page", action="update",
        object_type=last.object_type, object_id=last.object_id, object_repr="Water",
        before=last.after, after=last.after, reason="", prev_hash=last.hash,
    )
    forged.hash = entry_hash(forged, last.hash)
    forged.save()
    assert verify_chain().problems == [
        "entry #6 was added without going through the log: the chain head says #5"
    ]


def test_an_entry_inserted_in_the_middle_is_named():
    _writes(5)
    # Make room by renumbering #3–#5 to #4–#6 (one at a time: seq is unique), then forge #3.
    for seq in (5, 4, 3):
        ChangeLogEntry.objects.filter(seq=seq).update(seq=seq + 1)
    second = ChangeLogEntry.objects.get(seq=2)
    forged = ChangeLogEntry(
        seq=3, at=second.at, actor_label="intruder", channel="page", action="update",
        object_type=second.object_type, object_id=second.object_id, object_repr="Water",
        before=second.after, after=second.after, reason="", prev_hash=second.hash,
    )
    forged.hash = entry_hash(forged, second.hash)
    forged.save()
    ChainHead.objects.update(seq=6)
    assert verify_chain().problems == [
        "entry #3 was inserted: entry #4 follows #2",
        "entries #4–#6 were renumbered (their content is intact)",
    ]


def test_the_report_counts_every_problem_and_details_the_first(capsys):
    _writes(30)
    ChangeLogEntry.objects.filter(seq__lte=25).update(reason="rewritten")

    report = verify_chain(detail_limit=20)

    assert report.problem_count == 25
    assert len(report.problems) == 20
    assert report.problems[-1] == "entry #20 was altered after it was written"
    with pytest.raises(CommandError, match=r"25 problems"):
        call_command("verify_changelog")
    err = capsys.readouterr().err
    assert "- entry #20 was altered" in err and "- entry #21" not in err
    assert "and 5 more" in err


def test_the_page_and_the_api_give_the_count_too(client, django_user_model):
    _writes(30)
    ChangeLogEntry.objects.filter(seq__lte=25).update(reason="rewritten")
    client.force_login(django_user_model.objects.create_user("reader"))

    answer = client.get("/api/v1/changes/verify/").json()
    page = client.get("/changes/verify/").content.decode()

    assert (answer["ok"], answer["problem_count"], len(answer["problems"])) == (False, 25, 20)
    assert "25 problems" in page and "entry #20 was altered" in page
    assert "entry #21 was altered" not in page
