"""The demo written back as rows (``replay.py``) is the demo its steps load."""

from django.contrib.auth import get_user_model
from django.db import transaction

from bilat.core.changelog import verify_chain
from bilat.demo.tests.replay import forget_recorded, load_or_replay_demo, table_rows


def _loaded_then_undone() -> tuple[dict, object]:
    with transaction.atomic():
        run = load_or_replay_demo()
        rows = table_rows()
        transaction.set_rollback(True)
    return rows, run


def test_a_replayed_demo_has_every_row_its_load_through_the_steps_wrote(db):
    before = table_rows()
    forget_recorded()
    loaded, _ = _loaded_then_undone()  # through the steps, recorded
    replayed, run = _loaded_then_undone()  # written back

    assert replayed == loaded
    assert table_rows() == before
    assert sum(len(rows) for _columns, _key, rows in loaded.values()) > 10_000
    assert run.decisions and run.users["kz-secretariat"].username == "kz-secretariat"


def test_a_replayed_demo_keeps_its_chain_and_gives_new_records_new_ids(db):
    _loaded_then_undone()  # recorded here, if no earlier test did
    load_or_replay_demo()  # written back
    users = get_user_model().objects

    assert verify_chain().ok
    newest = users.create(username="after-the-replay")  # PostgreSQL's sequence moved on too
    assert newest.pk > max(users.exclude(pk=newest.pk).values_list("pk", flat=True))
