"""The change-log page: filters by kind of record, user and date, and links to the records."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from bilat.decisions import services
from bilat.decisions.tests.factories import make_cast, make_decision, side_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    cast = make_cast()
    decision = make_decision("IGC21-40", kz_lead=cast.kz_lead)
    services.set_side_status(side_of(decision, "KZ"), "in_progress",
                             actor=cast.users["secretariat_kz"])
    client = Client()
    client.force_login(cast.users["secretariat_kz"])
    return client, decision


def test_entries_link_to_their_record_and_filter_by_kind_user_and_date(secretariat):
    client, decision = secretariat
    page = client.get("/changes/")
    html = page.content.decode()
    assert f'<a href="{decision.get_absolute_url()}">' in html  # a side's entry leads to it
    kinds = dict(page.context["filterset"].form.fields["object_type"].choices)
    assert "decisions.decisionside" in kinds
    today = timezone.localdate()
    found = client.get("/changes/", {"object_type": "decisions.decisionside",
                                        "actor_label": "secretariat", "since": today})
    assert found.status_code == 200 and len(found.context["object_list"]) == 1
    later = client.get("/changes/", {"since": today + datetime.timedelta(days=1)})
    assert len(later.context["object_list"]) == 0
    assert client.get("/changes/", {"since": "yesterday"}).status_code == 400
