"""A request reads the list of commissions once, however many parts of it ask."""

import pytest
from django.test import Client

from bilat.commissions import models
from bilat.commissions.models import CACHE_KEY, Commission, all_commissions, read_once
from bilat.decisions.tests.factories import make_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Each read of the shared cache's list of commissions."""
    seen = []
    real = models.cache.get

    def get(key, *args, **kwargs):
        if key == CACHE_KEY:
            seen.append(key)
        return real(key, *args, **kwargs)
    monkeypatch.setattr(models.cache, "get", get)
    return seen


def test_a_page_reads_the_commissions_once(reads):
    make_decision(access_tier="public")
    reads.clear()
    assert Client().get("/decisions/").status_code == 200
    assert len(reads) == 1


def test_a_commission_written_during_the_request_is_read_anew(reads):
    make_decision(access_tier="public")
    reads.clear()
    with read_once():
        first = all_commissions()
        assert all_commissions() is first and len(reads) == 1
        commission = Commission.objects.get()
        commission.name_en = "Renamed in the request"
        commission.save()  # its signal forgets the list, the request's too
        assert [c.name_en for c in all_commissions()] == ["Renamed in the request"]
    assert len(reads) == 2
