"""One ingestion path: new, duplicate, conflict and rejected rows; replays; all or none."""

import datetime

import pytest

from bilat.core.changelog import verify_chain
from bilat.water import services, volumes
from bilat.water.models import Batch, Reading, VolumeAggregate
from bilat.water.parsing import Row

from .factories import UTC, make_water, steady, varying

pytestmark = pytest.mark.django_db
JULY = datetime.datetime(2024, 7, 11, 0, 0, tzinfo=UTC)
STEP_DAY = datetime.timedelta(days=1)


def test_replaying_a_batch_changes_nothing_and_answers_duplicate_for_each_row():
    w = make_water()
    rows = varying("dostyk-head-q", JULY, 300)
    first = services.ingest(rows, actor=w.users["uz_officer"], door="api")
    assert (first.new, first.duplicate, first.conflict, first.rejected) == (300, 0, 0, [])
    for _ in range(3):
        again = services.ingest(rows, actor=w.users["uz_officer"], door="api")
        assert (again.new, again.duplicate, again.conflict) == (0, 300, 0)
    assert Reading.objects.count() == 300
    assert verify_chain().ok


def test_the_same_batch_id_again_gets_the_first_answer():
    w = make_water()
    rows = varying("dostyk-head-q", JULY, 10)
    first = services.ingest(rows, actor=w.users["uz_officer"], door="api", batch_id="logger-7")
    again = services.ingest(rows, actor=w.users["uz_officer"], door="api", batch_id="logger-7")
    assert again.replayed and again.as_dict() == first.as_dict()
    assert Batch.objects.count() == 1 and Reading.objects.count() == 10


def test_a_conflicting_value_is_kept_as_a_revision_and_flagged_never_overwrites():
    w = make_water()
    officer = w.users["uz_officer"]
    services.ingest(steady("dostyk-head-q", JULY, 3, 85.0), actor=officer, door="api")
    late = services.ingest([Row(1, "dostyk-head-q", JULY.isoformat(), 91.5)], actor=officer,
                           door="api")
    assert (late.new, late.duplicate, late.conflict) == (0, 0, 1)
    revisions = list(Reading.objects.filter(at=JULY).order_by("revision")
                     .values_list("value", "revision", "is_current", "needs_review"))
    assert revisions == [(85.0, 0, False, False), (91.5, 1, True, True)]
    # The original value again is a duplicate of a revision it already has, not a new one.
    again = services.ingest([Row(1, "dostyk-head-q", JULY.isoformat(), 85.0)], actor=officer,
                            door="api")
    assert again.duplicate == 1 and Reading.objects.filter(at=JULY).count() == 2
    assert verify_chain().ok


def test_bad_rows_are_rejected_with_their_row_and_reason_and_the_rest_stored():
    w = make_water()
    rows = [
        Row(2, "dostyk-head-q", JULY.isoformat(), "85,5"),
        Row(3, "nowhere", JULY.isoformat(), 1),
        Row(4, "dostyk-head-q", "yesterday", 1),
        Row(5, "dostyk-head-q", JULY.isoformat(), "lots"),
        Row(6, "kokbulak-h", JULY.isoformat(), 2.1),  # the other side's series
    ]
    out = services.ingest(rows, actor=w.users["uz_officer"], door="file")
    assert out.new == 1
    assert [r["row"] for r in out.rejected] == [3, 4, 5, 6]
    assert "unknown series" in out.rejected[0]["reason"]
    assert "may not write" in out.rejected[3]["reason"]
    assert Reading.objects.get().value == 85.5


def test_only_the_owning_sides_water_officers_and_secretariat_write_a_series():
    w = make_water()
    rows = steady("dostyk-head-q", JULY, 1)
    for name, allowed in [("uz_officer", True), ("uz_secretariat", True), ("kz_officer", False),
                          ("kz_secretariat", False), ("viewer", False), ("other_officer", False)]:
        out = services.ingest(rows, actor=w.users[name], door="api")
        assert (out.new + out.duplicate == 1) is allowed, name


def test_naive_times_are_read_in_the_sites_local_time():
    w = make_water()
    out = services.ingest([Row(1, "dostyk-head-q", "2024-07-11 05:00", 80)],
                          actor=w.users["uz_officer"], door="file")
    assert out.new == 1
    assert Reading.objects.get().at == datetime.datetime(2024, 7, 11, 0, 0, tzinfo=UTC)


def test_times_out_of_range_and_long_batch_ids_are_handled_not_crashed():
    w = make_water()
    rows = [Row(1, "dostyk-head-q", "0001-01-01T00:00:00", 1),
            Row(2, "dostyk-head-q", "2999-01-01T00:00:00Z", 1),
            Row(3, "dostyk-head-q", "2024-13-45T00:00:00", 1),
            Row(4, "dost\x00yk", JULY.isoformat(), 1)]
    out = services.ingest(rows, actor=w.users["uz_officer"], door="mqtt", batch_id="x" * 500)
    assert [r["row"] for r in out.rejected] == [1, 2, 3, 4] and out.new == 0
    again = services.ingest(rows, actor=w.users["uz_officer"], door="mqtt", batch_id="x" * 500)
    assert again.replayed


def test_each_batch_is_one_change_log_entry_with_its_counts_digest_and_conflicts():
    from bilat.core.models import ChangeLogEntry

    w = make_water()
    officer = w.users["uz_officer"]
    services.ingest(steady("dostyk-head-q", JULY, 3, 85.0), actor=officer, door="api")
    services.ingest([Row(1, "dostyk-head-q", JULY.isoformat(), 86.0)], actor=officer,
                    door="api", batch_id="fix-1")
    entries = list(ChangeLogEntry.objects.filter(object_type="water.batch").order_by("seq"))
    assert [e.action for e in entries] == ["ingest", "ingest"]
    first, second = (e.after for e in entries)
    assert first["answer"]["new"] == 3 and len(first["digest"]) == 64
    assert second["answer"]["conflict"] == 1
    assert second["conflicts"] == [f"dostyk-head-q@{JULY.isoformat()}"]
    assert entries[1].actor == officer
    assert verify_chain().ok


@pytest.mark.parametrize("stored", [None, 85.0])
def test_two_values_for_one_time_in_one_batch_leave_one_current_revision(stored):
    """The later row's value is a new revision to review; the earlier one is kept, no longer
    current, whether the time was new or had a reading stored already."""
    w = make_water()
    officer = w.users["uz_officer"]
    if stored is not None:
        services.ingest([Row(1, "dostyk-head-q", JULY.isoformat(), stored)], actor=officer,
                        door="api")
    rows = [Row(i + 1, "dostyk-head-q", JULY.isoformat(), v)
            for i, v in enumerate([86.0, 87.0, 86.0])]
    out = services.ingest(rows, actor=officer, door="api")
    first_is_new = stored is None
    assert (out.new, out.conflict, out.duplicate) == (int(first_is_new), 2 - first_is_new, 1)
    revisions = list(Reading.objects.filter(at=JULY).order_by("revision")
                     .values_list("value", "is_current"))
    assert [v for v, _c in revisions] == ([] if first_is_new else [85.0]) + [86.0, 87.0]
    assert [c for _v, c in revisions] == [False] * (len(revisions) - 1) + [True]
    # The dekadas' figures the batch stored are those a recompute from the table gives.
    def figures():
        return {a.period: (a.readings, a.volume_m3, a.conflicts)
                for a in VolumeAggregate.objects.filter(series=w.discharge)}

    stored_figures = figures()
    volumes.recompute(w.discharge, list(stored_figures))
    assert figures() == stored_figures
    assert sum(r for r, _v, _c in stored_figures.values()) == 1
    assert verify_chain().ok


def test_a_batch_leaves_the_garbage_collector_as_it_found_it(monkeypatch):
    """The collector is paused during a batch and running again after it, also after a batch
    that failed (and wrote nothing); a caller that had paused it finds it still paused."""
    import gc

    w = make_water()
    officer = w.users["uz_officer"]
    original = volumes.recompute
    seen = []

    def recompute(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(volumes, "recompute", recompute)
    assert gc.isenabled()
    services.ingest(steady("dostyk-head-q", JULY, 3, 85.0), actor=officer, door="api")
    assert seen == [False] and gc.isenabled()

    def fail(*args, **kwargs):
        raise RuntimeError("the batch fails half way")

    monkeypatch.setattr(volumes, "recompute", fail)
    with pytest.raises(RuntimeError):
        services.ingest(steady("dostyk-head-q", JULY + STEP_DAY, 3, 85.0), actor=officer,
                        door="api")
    assert gc.isenabled() and Reading.objects.count() == 3
    monkeypatch.setattr(volumes, "recompute", original)
    gc.disable()
    try:
        services.ingest(steady("dostyk-head-q", JULY + STEP_DAY, 3, 85.0), actor=officer,
                        door="api")
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert Reading.objects.count() == 6
