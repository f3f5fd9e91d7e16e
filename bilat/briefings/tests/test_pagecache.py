"""Pages served from the cache: the same page, never stale, never shown to the wrong reader."""


import pytest
from django.test import Client
from django.urls import reverse

from bilat.accounts.tests.factories import client_of
from bilat.briefings.tests.pages import logged_write, page_text
from bilat.decisions import services
from bilat.decisions.tests.factories import make_cast, make_decision

pytestmark = pytest.mark.django_db


def _uncached_views(monkeypatch, resolver=None):
    """Serve every cached page by its view alone, as it was before the cache."""
    from django.urls import get_resolver

    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            _uncached_views(monkeypatch, pattern)
        elif getattr(pattern.callback, "is_cached_page", False):
            monkeypatch.setattr(pattern, "callback", pattern.callback.__wrapped__)


def test_a_cached_page_reads_exactly_as_the_page_itself(monkeypatch):
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    pages = [reverse("decisions:list"), reverse("decisions:list") + "?sort=-due_on",
             reverse("decisions:detail", args=[decision.pk]), reverse("projects:list"),
             reverse("meetings:list"), reverse("targets:list")]
    for role in ("anonymous", "viewer", "officer_kz_lead", "secretariat_kz"):
        client = client_of(cast.users[role])
        cached = []
        for url in pages:
            client.get(url)
            cached.append(page_text(client.get(url)))  # the second answer comes from the cache
        with monkeypatch.context() as m:  # the same pages, rendered by the views themselves
            _uncached_views(m)
            plain = [page_text(client.get(url)) for url in pages]
        assert cached == plain, role


def test_a_write_shows_at_once_on_a_cached_page():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead, access_tier="public")
    client = Client()
    url = reverse("decisions:detail", args=[decision.pk])
    assert "Decision IGC21-3.2" in client.get(url).text
    services.update_decision(decision, {"title_en": "Renamed at once"},
                             actor=cast.users["secretariat_kz"], expected_version=None)
    assert "Renamed at once" in client.get(url).text
    assert "Renamed at once" in client.get(reverse("decisions:list")).text


@pytest.mark.parametrize("first", ["officer_kz_lead", "secretariat_kz", "superuser"])
def test_a_restricted_record_never_reaches_a_reader_through_the_cache(first):
    cast = make_cast()
    hidden = make_decision("IGC21-SECRET", kz_lead=cast.kz_lead, access_tier="restricted")
    make_decision("IGC21-OPEN", access_tier="public")
    url = reverse("decisions:list")
    assert "IGC21-SECRET" in client_of(cast.users[first]).get(url).text  # cached for them
    for reader in ("anonymous", "viewer", "officer_uz", "officer_kz_other"):
        client = client_of(cast.users[reader])
        listed = client.get(url).text
        assert "IGC21-OPEN" in listed and "IGC21-SECRET" not in listed, reader
        assert client.get(reverse("decisions:detail", args=[hidden.pk])).status_code == 404


def test_two_viewers_share_a_cached_page_but_not_their_names():
    from bilat.accounts.tests.factories import make_user

    make_decision(access_tier="official")
    url = reverse("decisions:list")
    first, second = client_of(make_user("ada")), client_of(make_user("bob"))
    assert "ada" in first.get(url).text
    page = second.get(url).text
    assert "bob" in page and "ada" not in page and "IGC21-3.2" in page


def test_an_officer_sees_their_own_actions_on_a_decision_not_a_cached_page():
    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    url = reverse("decisions:detail", args=[decision.pk])
    client_of(cast.users["viewer"]).get(url)  # a viewer's page is cached
    assert "Submit a report" in client_of(cast.users["officer_kz_lead"]).get(url).text
    assert "Submit a report" not in client_of(cast.users["viewer"]).get(url).text


def test_an_htmx_request_gets_the_fragment_not_the_cached_page():
    make_decision()
    client = Client()
    client.get(reverse("decisions:list"))
    fragment = client.get(reverse("decisions:list"), headers={"HX-Request": "true"}).text
    assert 'id="results"' in fragment and "<html" not in fragment


def test_a_snapshots_pack_is_made_once_in_each_language_and_format(monkeypatch):
    from bilat.briefings import render
    from bilat.briefings import services as briefings
    from bilat.meetings.tests.factories import make_meeting

    snapshot = briefings.snapshot_for(make_meeting(), actor=None)
    made = []
    real = render.render
    monkeypatch.setattr(render, "render", lambda b, fmt: made.append(fmt) or real(b, fmt))
    first = briefings.produce_briefing(snapshot, lang="en", fmt="md")
    assert briefings.produce_briefing(snapshot, lang="en", fmt="md") == first
    briefings.produce_briefing(snapshot, lang="ru", fmt="md")
    assert made == ["md", "md"]


def _builds(monkeypatch) -> dict[str, int]:
    """How often each list page and a decision's page is built by its view (not the cache)."""
    from bilat.decisions import views as decisions
    from bilat.meetings import views as meetings
    from bilat.projects import views as projects
    from bilat.targets import views as targets

    built = {"decisions": 0, "projects": 0, "meetings": 0, "targets": 0, "decision": 0}

    def counting(module, name, counter):
        real = getattr(module, name)

        def count(*args, **kwargs):
            built[counter] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, count)

    for module, counter in ((decisions, "decisions"), (projects, "projects"),
                            (meetings, "meetings"), (targets, "targets")):
        counting(module, "list_page", counter)
    counting(decisions, "history_for", "decision")
    return built


LISTS = ("decisions:list", "projects:list", "meetings:list", "targets:list")


def test_a_write_to_one_area_keeps_the_pages_of_the_others(monkeypatch):
    from bilat.meetings.tests.factories import make_meeting
    from bilat.projects.tests.factories import make_project
    from bilat.targets.tests.factories import make_target

    decision = make_decision(access_tier="public")
    project = make_project(access_tier="public")
    make_meeting(), make_target()
    client = Client()
    built = _builds(monkeypatch)
    for name in LISTS:
        client.get(reverse(name))
    assert built == {"decisions": 1, "projects": 1, "meetings": 1, "targets": 1, "decision": 0}

    logged_write(decision, title_en="Decision renamed")
    pages = {name: client.get(reverse(name)).text for name in LISTS}
    assert "Decision renamed" in pages["decisions:list"]
    assert built == {"decisions": 2, "projects": 1, "meetings": 1, "targets": 1, "decision": 0}

    logged_write(project, title_en="Project renamed")
    assert "Project renamed" in client.get(reverse("projects:list")).text
    for name in LISTS:
        client.get(reverse(name))
    assert built == {"decisions": 2, "projects": 2, "meetings": 1, "targets": 1, "decision": 0}


def test_a_write_to_an_area_every_page_shows_moves_them_all(monkeypatch):
    from bilat.directory.models import Sector

    make_decision(access_tier="public")
    client = Client()
    built = _builds(monkeypatch)
    for name in LISTS:
        client.get(reverse(name))
    logged_write(Sector.objects.get(), name_en="Sector renamed")
    assert "Sector renamed" in client.get(reverse("decisions:list")).text
    for name in LISTS:
        client.get(reverse(name))
    assert built == {"decisions": 2, "projects": 2, "meetings": 2, "targets": 2, "decision": 0}


def test_a_write_to_a_decision_or_its_parts_moves_its_page_not_another_decisions(monkeypatch):
    from bilat.decisions.models import DecisionSide
    from bilat.decisions.tests.factories import make_report, side_of

    cast = make_cast()
    shown = make_decision("IGC21-1.1", kz_lead=cast.kz_lead, access_tier="public")
    other = make_decision("IGC21-1.2", kz_lead=cast.kz_lead, access_tier="public")
    client = Client()
    built = _builds(monkeypatch)
    url, other_url = (reverse("decisions:detail", args=[d.pk]) for d in (shown, other))
    client.get(url), client.get(other_url)
    assert built["decision"] == 2

    part = side_of(shown, "KZ")
    logged_write(part, status=DecisionSide.Status.IN_PROGRESS)  # a part of the decision
    assert "In progress" in client.get(url).text
    client.get(other_url)
    assert built["decision"] == 3

    report = make_report(part, cast.users["officer_kz_lead"], text="Nothing yet.")
    logged_write(report, text="Reported through the log")  # a part of a part
    assert "Reported through the log" in client.get(url).text
    client.get(other_url)
    assert built["decision"] == 4

    logged_write(shown, title_en="Renamed decision")  # the decision itself
    assert "Renamed decision" in client.get(url).text
    assert "Renamed decision" not in client.get(other_url).text
    assert built["decision"] == 5


def test_a_write_to_one_decision_builds_its_row_of_the_list_again_not_the_others(monkeypatch):
    from django.core.cache import cache
    from django.template import loader

    from bilat.decisions.models import DecisionSide
    from bilat.decisions.tests.factories import side_of

    cast = make_cast()
    changed = make_decision("IGC21-1.1", kz_lead=cast.kz_lead, access_tier="public")
    make_decision("IGC21-1.2", kz_lead=cast.kz_lead, access_tier="public")
    rows = []
    real = loader.get_template

    def counted(name, *args, **kwargs):
        template = real(name, *args, **kwargs)
        if name != "decisions/_decision_row.html":
            return template

        class Counted:
            def render(self, context):
                rows.append(context["decision"].control_number)
                return template.render(context)
        return Counted()

    monkeypatch.setattr("bilat.decisions.views.get_template", counted)
    client, url = Client(), reverse("decisions:list")
    assert "IGC21-1.2" in client.get(url).text
    assert sorted(rows) == ["IGC21-1.1", "IGC21-1.2"]
    logged_write(side_of(changed, "KZ"), status=DecisionSide.Status.IN_PROGRESS)
    page = client.get(url).text
    assert rows[2:] == ["IGC21-1.1"]  # the list again, the other decision's row from the cache
    assert "In progress" in page and "IGC21-1.2" in page
    client.get(url + "?sort=-control_number")  # another order of the same rows: none built
    assert len(rows) == 3

    def table(text):
        return text[text.index("<tbody>"):text.index("</tbody>")]
    cache.clear()
    assert table(page) == table(Client().get(url).text)  # as rows made afresh
    assert len(rows) == 5


def test_a_write_names_its_area_its_kind_and_each_record_up_its_history():
    from bilat.core.changelog import mark_keys, record_marks
    from bilat.decisions.models import Decision
    from bilat.decisions.tests.factories import make_report, side_of

    cast = make_cast()
    decision = make_decision(kz_lead=cast.kz_lead)
    part = side_of(decision, "KZ")
    report = make_report(part, cast.users["officer_kz_lead"])
    assert mark_keys(report) == {
        "decisions", "decisions.decision",
        f"decisions.executionreport:{report.pk}", f"decisions.decisionside:{part.pk}",
        f"decisions.decision:{decision.pk}"}
    # Moved to another decision: the page of the one it left moves too (every decision's).
    assert "decisions.executionreport" in mark_keys(
        report, {"decision_side_id": part.pk + 1, "text": "Done as agreed."})
    assert "decisions.executionreport" not in mark_keys(report, {"decision_side_id": part.pk})
    # A decision's page depends on it and on writes that name no decision, not on others.
    marks = record_marks(Decision, decision.pk)
    assert f"decisions.decision:{decision.pk}" in marks and "decisions.decision" not in marks
    assert "decisions.evidencefile" in marks and "decisions.executionreport" in marks
    assert "decisions" not in marks


def test_a_page_being_built_is_awaited_not_built_again():
    import threading

    from django.core.cache import cache

    from bilat.briefings.pagecache import built_once

    cache.add("page-x:building", True)  # another request is building it
    threading.Timer(0.1, lambda: cache.set("page-x", {"built": "by the other"})).start()
    built = []
    assert built_once("page-x", lambda: built.append(1) or {"built": "here"}) == {
        "built": "by the other"}
    assert built == []


def test_a_build_that_keeps_nothing_lets_the_next_request_build():
    from django.core.cache import cache

    from bilat.briefings.pagecache import built_once

    assert built_once("page-y", lambda: {"status": 404}, keep=lambda page: False) == {
        "status": 404}
    assert cache.get("page-y") is None and cache.get("page-y:building") is None
    assert built_once("page-y", lambda: {"status": 200}) == {"status": 200}
    assert cache.get("page-y") == {"status": 200}


def test_a_request_waits_for_another_build_only_so_long(monkeypatch):
    from django.core.cache import cache

    from bilat.briefings import pagecache

    monkeypatch.setattr(pagecache, "BUILD_WAIT", 0.1)
    cache.add("page-z:building", True)  # a build that never ends
    assert pagecache.built_once("page-z", lambda: {"built": "here"}) == {"built": "here"}
