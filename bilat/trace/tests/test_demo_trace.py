"""Issue 14's check on the demo: from paragraph 9 of the 21st session's protocol to what it
started and back, in two clicks on the pages, and the same chain through the API."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from bilat.meetings.models import ProtocolParagraph
from bilat.projects.models import Project
from bilat.targets.models import Target

pytestmark = pytest.mark.django_db


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#?]+)', html))


def _paragraph(number: str) -> ProtocolParagraph:
    return ProtocolParagraph.objects.select_related("protocol__meeting").get(
        protocol__meeting__number=21, protocol__meeting__body__code="igc", number=number)


def _children(node: dict) -> list[dict]:
    return node["children"]


def _reader(username: str = "viewer") -> Client:
    """A signed-in reader: the signed protocol is published to the official tier."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _started(paragraph: ProtocolParagraph) -> tuple[Project, Target]:
    """The project and the target paragraph 9's decision started (the demo's hydroposts)."""
    return (Project.objects.get(launched_by__paragraph=paragraph),
            Target.objects.get(decision__paragraph=paragraph))


def _ups(client: Client, kind: str, pk: int) -> list[list[tuple[str, int]]]:
    body = client.get(f"/api/v1/trace/{kind}/{pk}/").json()
    return [[(n["kind"], n["id"]) for n in chain] for chain in body["up"]]


def test_from_paragraph_nine_to_its_decision_and_back_in_two_clicks(demo):
    paragraph = _paragraph("9")
    meeting = paragraph.protocol.meeting
    client = _reader()
    # Click 1: the session's page links to its trace, which lists paragraph 9 with what it made.
    assert f"/trace/meetings/{meeting.pk}/" in _links(
        client.get(meeting.get_absolute_url()).content.decode())
    trace = client.get(f"/trace/meetings/{meeting.pk}/").content.decode()
    decision = paragraph.decisions.get()
    assert decision.control_number == "IGC21-09"
    # Click 2: the decision's own page.
    assert decision.get_absolute_url() in _links(trace)
    # And back: the decision's page links to its trace (1), which links to the paragraph (2).
    page = client.get(decision.get_absolute_url()).content.decode()
    assert f"/trace/decision/{decision.pk}/" in _links(page)
    back = client.get(f"/trace/decision/{decision.pk}/").content.decode()
    assert f"/trace/paragraph/{paragraph.pk}/" in _links(back)
    # The API answers the same chain, from the paragraph down and from the decision up.
    down = client.get(f"/api/v1/trace/paragraph/{paragraph.pk}/").json()["down"]
    assert [n["label"].split(" —")[0] for n in _children(down)] == ["IGC21-09"]
    up = client.get(f"/api/v1/trace/decision/{decision.pk}/").json()["up"]
    assert [(n["kind"], n["id"]) for n in up[0]][1:] == [("paragraph", paragraph.pk)]
    listed = client.get("/api/v1/protocol-paragraphs/", {"meeting": meeting.pk}).json()
    assert {r["number"]: r["decisions"] for r in listed["results"]}["9"] == ["IGC21-09"]


def test_from_a_paragraph_to_the_projects_its_decisions_launched_and_back(demo):
    """Paragraph 2 of the 21st session (IGC21-02) launched industrial cooperation projects."""
    paragraph = _paragraph("2")
    client = _reader()
    trace = client.get(f"/trace/meetings/{paragraph.protocol.meeting.pk}/").content.decode()
    launched = Project.objects.filter(launched_by__paragraph=paragraph, access_tier="public")
    assert launched.exists()
    for project in launched:
        assert f"/projects/{project.pk}/" in _links(trace)  # click 2 from the session's page
        back = client.get(f"/trace/project/{project.pk}/").content.decode()
        assert f"/trace/paragraph/{paragraph.pk}/" in _links(back)
    down = client.get(f"/api/v1/trace/paragraph/{paragraph.pk}/").json()["down"]
    codes = {n["label"].split(" —")[0] for d in _children(down) for n in _children(d)
             if n["kind"] == "project"}
    assert codes == set(launched.values_list("code", flat=True))


@pytest.mark.parametrize("username", ["kz-secretariat", "viewer"])
def test_from_paragraph_nine_to_the_project_and_target_it_started_and_back(demo, username):
    """Issue 14's done-when: paragraph 9 → IGC21-09 → the hydroposts project and target, and
    back, in two clicks; the API answers the same chain."""
    paragraph = _paragraph("9")
    meeting = paragraph.protocol.meeting
    decision = paragraph.decisions.get()
    project, target = _started(paragraph)
    assert project.code == "WR-HYDROPOSTS" and target.target_value == 10
    client = _reader(username)
    # Click 1: the session's page → its trace; click 2: the decision, project or target.
    assert f"/trace/meetings/{meeting.pk}/" in _links(
        client.get(meeting.get_absolute_url()).content.decode())
    trace = client.get(f"/trace/meetings/{meeting.pk}/").content.decode()
    for record in (decision, project, target):
        assert record.get_absolute_url() in _links(trace)
    # And back: the record's page → its trace (1) → the paragraph (2).
    for kind, record in (("project", project), ("target", target)):
        page = client.get(record.get_absolute_url()).content.decode()
        assert f"/trace/{kind}/{record.pk}/" in _links(page)
        back = client.get(f"/trace/{kind}/{record.pk}/").content.decode()
        assert f"/trace/paragraph/{paragraph.pk}/" in _links(back)
        assert decision.get_absolute_url() in _links(back)
    # The API: down from the paragraph to the decision and what it started...
    down = client.get(f"/api/v1/trace/paragraph/{paragraph.pk}/").json()["down"]
    [node] = _children(down)
    assert (node["kind"], node["id"]) == ("decision", decision.pk)
    assert [(n["kind"], n["id"], n["url"]) for n in _children(node)] == [
        ("project", project.pk, project.get_absolute_url()),
        ("target", target.pk, target.get_absolute_url())]
    # ...and up from the project and the target to the paragraph and its session.
    chain = [("meeting", meeting.pk), ("paragraph", paragraph.pk), ("decision", decision.pk)]
    assert _ups(client, "project", project.pk) == [chain]
    assert _ups(client, "target", target.pk) == [chain]


def test_the_public_reaches_the_project_and_target_from_the_decision_not_the_protocol(demo):
    """The signed protocol is the official tier's: the public follows the same chain from the
    public decision IGC21-09, and never sees the paragraph."""
    paragraph = _paragraph("9")
    decision = paragraph.decisions.get()
    project, target = _started(paragraph)
    client = Client()
    assert client.get(f"/trace/paragraph/{paragraph.pk}/").status_code == 404
    assert client.get(f"/api/v1/trace/paragraph/{paragraph.pk}/").status_code == 404
    # The decision's page → its trace (1) → the project or the target (2).
    assert f"/trace/decision/{decision.pk}/" in _links(
        client.get(decision.get_absolute_url()).content.decode())
    trace = _links(client.get(f"/trace/decision/{decision.pk}/").content.decode())
    assert {project.get_absolute_url(), target.get_absolute_url()} <= trace
    # And back to the decision, with no link to the paragraph.
    for kind, record in (("project", project), ("target", target)):
        back = _links(client.get(f"/trace/{kind}/{record.pk}/").content.decode())
        assert decision.get_absolute_url() in back
        assert f"/trace/paragraph/{paragraph.pk}/" not in back
        assert [pk for chain in _ups(client, kind, record.pk) for k, pk in chain
                if k == "decision"] == [decision.pk]
        assert all(k != "paragraph" for chain in _ups(client, kind, record.pk)
                   for k, _pk in chain)
    down = client.get(f"/api/v1/trace/decision/{decision.pk}/").json()["down"]
    assert [(n["kind"], n["id"]) for n in _children(down)] == [
        ("project", project.pk), ("target", target.pk)]
