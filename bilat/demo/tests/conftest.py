"""Fixtures for the demo tests: the demo loaded once per module into the test database."""

import pytest
from django.db import transaction

from bilat.demo.tests.replay import load_or_replay_demo


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    # Loading takes a few seconds: load once per module inside a transaction that is rolled
    # back afterwards, so no other app's tests see the demo data. Each test still runs in its
    # own savepoint (the ``db`` fixture), so what one test writes the next does not see.
    with django_db_blocker.unblock(), transaction.atomic():
        run = load_or_replay_demo()
        yield run
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_module, db):
    """The demo data, without the trade warehouse (the trade app tests its own loader)."""
    return demo_module
