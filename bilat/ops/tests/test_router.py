"""Whether a request's reads show a write: on the primary always, on a replica once replayed."""

import pytest
from django.db import connection

from bilat.ops import router


@pytest.fixture
def from_replica():
    token = router.read_only.set(True)
    yield
    router.read_only.reset(token)


@pytest.mark.parametrize(("replayed", "shown"), [
    ("0/4FFFFFF", False), ("0/5000000", True), ("1/0", True), (None, True),
])
def test_a_replica_shows_a_write_once_it_has_replayed_that_far(
        from_replica, monkeypatch, replayed, shown):
    monkeypatch.setattr(router, "replayed_position", lambda: replayed)
    assert router.shows_write_at("0/5000000") is shown  # None: a primary, replaying nothing


def test_reads_from_the_primary_and_tokens_without_a_position_need_no_look(monkeypatch):
    def asked():
        raise AssertionError("the replica was asked")

    monkeypatch.setattr(router, "replayed_position", asked)
    assert router.shows_write_at("0/5000000")  # a request that reads the primary
    token = router.read_only.set(True)
    try:
        assert router.shows_write_at("")  # a token of a write made without a replica
    finally:
        router.read_only.reset(token)


def test_without_a_replica_a_write_has_no_position_to_wait_for():
    assert router.write_position() is None


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's log positions")
def test_postgresql_gives_the_log_position_and_a_primary_replays_none():
    position = router.log_position("default")
    high, low = position.split("/")
    assert int(high, 16) >= 0 and int(low, 16) > 0
    assert router.replayed_position("default") is None
