"""A decision's page for those who act on it: what every reader of their sight sees from the
cache, their own actions and the conversation rendered for each request."""

import datetime

import pytest
from django.urls import reverse

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import client_of, make_user
from bilat.briefings.tests.pages import page_text
from bilat.decisions import services, views
from bilat.decisions.tests.factories import make_cast, make_decision, make_report, side_of
from bilat.work.services import add_comment

pytestmark = pytest.mark.django_db


def _arranged():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             due_on=datetime.date(2099, 12, 31))
    make_report(side_of(decision, "UZ"), cast.users["officer_uz"])
    services.request_extension(side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"],
                               proposed_on=datetime.date(2100, 6, 30), reason="More time.")
    add_comment(side_of(decision, "KZ"), actor=cast.users["officer_kz_lead"], text="On it.")
    return cast, decision


def test_an_acting_users_page_from_the_cache_reads_as_the_page_rendered_at_once(monkeypatch):
    cast, decision = _arranged()
    url = reverse("decisions:detail", args=[decision.pk])
    for role in ("officer_kz_lead", "officer_uz", "secretariat_kz", "secretariat_uz",
                 "superuser"):
        client = client_of(cast.users[role])
        client.get(url)
        cached = page_text(client.get(url))  # what all readers of the sight see, from the cache
        with monkeypatch.context() as m:
            m.setattr(views, "acting_detail", views.plain_detail)
            plain = page_text(client.get(url))
        assert cached == plain, role
        assert "On it." in cached, role  # the conversation, for those who take part


def test_each_acting_user_gets_their_own_actions_on_a_shared_page():
    cast, decision = _arranged()
    url = reverse("decisions:detail", args=[decision.pk])
    report = side_of(decision, "UZ").reports.get()
    extension = side_of(decision, "KZ").extensions.get()
    accept = reverse("decisions:report_accept", args=[report.pk])
    answer = reverse("decisions:extension_decide", args=[extension.pk])

    def page(user) -> str:
        return client_of(user).get(url).text

    assert accept in page(cast.users["secretariat_uz"])
    # Another secretariat of the same side, with the same sight: the shared page from the
    # cache, with the actions their role gives them.
    assert accept in page(make_user("secretariat_uz_2", Role.SECRETARIAT, side=cast.uz))
    assert answer in page(cast.users["secretariat_kz"])
    submitter, requester = page(cast.users["officer_uz"]), page(cast.users["officer_kz_lead"])
    assert accept not in submitter and answer not in requester  # four eyes
    assert accept not in page(cast.users["viewer"]) and answer not in page(cast.users["viewer"])


def test_an_acting_user_sees_a_write_at_once_and_a_hidden_decision_never():
    cast, decision = _arranged()
    url = reverse("decisions:detail", args=[decision.pk])
    client = client_of(cast.users["secretariat_kz"])
    client.get(url)
    services.update_decision(decision, {"title_en": "Renamed at once"},
                             actor=cast.users["secretariat_kz"], expected_version=None)
    assert "Renamed at once" in client.get(url).text
    hidden = make_decision("IGC21-SECRET", kz_lead=cast.kz_lead, access_tier="restricted")
    secret = reverse("decisions:detail", args=[hidden.pk])
    assert client_of(cast.users["officer_kz_lead"]).get(secret).status_code == 200
    assert client_of(cast.users["officer_uz"]).get(secret).status_code == 404


def test_the_lists_filter_form_is_kept_across_decision_writes_and_follows_the_sessions(
        monkeypatch):
    from bilat.core.services import create_record
    from bilat.decisions.filters import DecisionFilterSet
    from bilat.meetings.models import Meeting
    from bilat.meetings.tests.factories import make_meeting

    cast = make_cast()
    decision = make_decision(access_tier="public")
    body = make_meeting().body
    built = []

    class Counting(DecisionFilterSet):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)
    monkeypatch.setattr(views, "DecisionFilterSet", Counting)
    client = client_of(cast.users["viewer"])
    url = reverse("decisions:list")
    def sessions(page: str) -> int:
        return page.split('name="meeting"')[1].split("</select>")[0].count("<option")

    before = sessions(client.get(url).text)
    forms = len(built)  # the list's own filterset and the form's
    services.update_decision(decision, {"title_en": "Renamed"},
                             actor=cast.users["secretariat_kz"], expected_version=None)
    assert "Renamed" in client.get(url).text
    assert len(built) == forms + 1  # the list again, the form from the cache
    create_record(Meeting(body=body, number=30, held_on=datetime.date(2025, 6, 1),
                          city="Khiva", place_en="Khiva", access_tier="public"),
                  actor=cast.users["superuser"])
    assert sessions(client.get(url).text) == before + 1  # a new session: the form at once


def test_an_acting_users_own_part_is_built_once_with_each_requests_token(monkeypatch):
    """Their actions and the conversation are kept for the user until the decision, its
    session or the conversation move; each browser's page carries its own CSRF token, which
    the conversation's form posts with, and the comment shows at once."""
    import re

    from django.test import Client

    cast, decision = _arranged()
    url = reverse("decisions:detail", args=[decision.pk])
    built = []
    real = views.decision_actions
    monkeypatch.setattr(views, "decision_actions", lambda *a: built.append(1) or real(*a))
    officer = cast.users["officer_kz_lead"]
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for browser in browsers:
        browser.force_login(officer)
        page = browser.get(url).text
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert len(built) == 1 and tokens[0] != tokens[1]
    sent = browsers[1].post(reverse("work:comment_add", args=[decision.pk, "KZ"]),
                            {"text": "Sent from the second browser.",
                             "csrfmiddlewaretoken": tokens[1]})
    assert sent.status_code == 302
    assert "Sent from the second browser." in browsers[0].get(url).text
    assert len(built) == 2  # the conversation moved: built again
