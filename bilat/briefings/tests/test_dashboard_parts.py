"""The dashboard assembled from parts cached by the areas they show: the same page as one built
in one go, never stale, never showing a reader what they may not see, and a write to one area
rebuilds only the parts that show it."""


import pytest
from django.urls import reverse
from django.utils import timezone

from bilat.accounts.tests.factories import client_of
from bilat.briefings import views
from bilat.briefings.tests.pages import logged_write, open_and_secret, page_text, parts_built
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.meetings.tests.factories import make_meeting
from bilat.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

URL = reverse("work:overview")


def test_the_dashboard_from_its_cached_parts_reads_as_the_dashboard_built_at_once(monkeypatch):
    cast = open_and_secret()
    for role in ("anonymous", "viewer", "officer_kz_lead", "secretariat_kz", "superuser"):
        client = client_of(cast.users[role])
        client.get(URL)
        cached = page_text(client.get(URL))  # every part from the cache
        with monkeypatch.context() as m:
            m.setattr(views, "home", lambda request: views.whole_dashboard(
                request, timezone.localdate()))
            whole = page_text(client.get(URL))
        assert cached == whole, role
        assert "IGC21-OPEN" in cached, role


def test_a_restricted_decision_never_reaches_a_reader_through_a_cached_part():
    cast = open_and_secret()
    for first in ("secretariat_kz", "superuser"):  # built and cached for them first
        assert "IGC21-SECRET" in client_of(cast.users[first]).get(URL).text
    for reader in ("anonymous", "viewer", "officer_uz", "officer_kz_other"):
        page = client_of(cast.users[reader]).get(URL).text
        assert "IGC21-OPEN" in page and "IGC21-SECRET" not in page, reader


def test_a_decision_write_rebuilds_the_decisions_part_and_keeps_the_others(monkeypatch):
    cast = open_and_secret()
    decision = make_decision("IGC21-LATE", access_tier="public")
    client = client_of(cast.users["anonymous"])
    built = parts_built(monkeypatch)
    client.get(URL)
    assert sorted(built) == sorted(views.PARTS)
    built.clear()
    client.get(URL)
    assert built == []  # every part from the cache

    logged_write(decision, title_en="A late decision, renamed")
    assert "A late decision, renamed" in client.get(URL).text  # at once
    assert built == ["decisions"]  # the portfolio, map, trade, water and heading kept

    built.clear()
    project = make_project("IC-SECOND", access_tier="public")
    logged_write(project, title_en="A second project")
    client.get(URL)
    assert sorted(built) == ["decisions", "map", "portfolio"]  # the parts that show projects


def test_a_new_session_rebuilds_the_heading_and_the_decisions_part(monkeypatch):
    from bilat.core.services import create_record
    from bilat.meetings.models import Meeting

    cast = open_and_secret()
    client = client_of(cast.users["viewer"])
    client.get(URL)
    built = parts_built(monkeypatch)
    meeting = Meeting(body=Meeting.objects.get().body, number=22,
                      held_on=timezone.localdate(), city="Tashkent", place_en="Tashkent")
    create_record(meeting, actor=cast.users["superuser"])
    assert "meeting 22" in client.get(URL).text
    assert sorted(built) == ["decisions", "heading"]


def test_the_decisions_part_counts_what_is_carried_over_as_the_pack_does():
    from bilat.briefings import sources
    from bilat.briefings.dashboard import build_dashboard

    cast = make_cast()
    earlier = make_meeting(21)
    make_decision("IGC21-OPEN", meeting=earlier, access_tier="public")
    make_decision("IGC21-SECRET", meeting=earlier, access_tier="restricted")
    latest = make_meeting(22, held_on=timezone.localdate())
    for role in ("anonymous", "viewer", "secretariat_kz", "superuser"):
        user = cast.users[role]
        board = build_dashboard(user, timezone.localdate(), ["decisions"])
        assert board.latest_meeting == latest
        _counts, _number, carried, _provenances = sources.decisions(latest, user,
                                                                    timezone.localdate())
        assert board.carried_over == carried, role
    assert {build_dashboard(cast.users[role], timezone.localdate(), ["decisions"]).carried_over
            for role in ("anonymous", "superuser")} == {1, 2}
