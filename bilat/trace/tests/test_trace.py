"""The trace from a protocol paragraph to decisions, projects and targets, and back."""


import pytest
from django.test import Client

from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.meetings.models import Protocol, ProtocolParagraph
from bilat.meetings.tests.factories import make_meeting
from bilat.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    from bilat.targets.tests.factories import make_actual, make_target

    cast = make_cast()
    meeting = make_meeting()
    protocol = Protocol.objects.create(meeting=meeting, title_en="Protocol", access_tier="public")
    paragraph = ProtocolParagraph.objects.create(protocol=protocol, number="9",
                                                 text_en="On trade.", order=9)
    decision = make_decision("IGC21-09", access_tier="public", meeting=meeting,
                             paragraph=paragraph)
    hidden = make_decision("IGC21-99", access_tier="restricted", meeting=meeting,
                           paragraph=paragraph)
    project = make_project("IC-RAIL", access_tier="public")
    project.launched_by.add(decision)
    secret_project = make_project("IC-SECRET", access_tier="public")
    secret_project.launched_by.add(hidden)
    target = make_target(decision=decision, access_tier="public")
    make_actual(target, 2023, "4400000000")
    return cast, meeting, paragraph, decision, project, target


def labels(node: dict) -> list[str]:
    return [node["label"].split(" —")[0]] + [x for c in node["children"] for x in labels(c)]


def test_from_paragraph_nine_to_projects_and_targets_and_back(chain):
    cast, meeting, paragraph, decision, project, target = chain
    client = Client()
    page = client.get(f"/trace/paragraph/{paragraph.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "IGC21-09" in html and "IC-RAIL" in html and f"/targets/{target.pk}/" in html
    assert "IGC21-99" not in html and "IC-SECRET" not in html  # not through a restricted one
    back = client.get(f"/trace/project/{project.pk}/").content.decode()
    assert f"/trace/paragraph/{paragraph.pk}/" in back and "IGC21-09" in back
    api = client.get(f"/api/v1/trace/paragraph/{paragraph.pk}/").json()
    assert labels(api["down"])[1:] == ["IGC21-09", "IC-RAIL", str(target)]
    up = client.get(f"/api/v1/trace/target/{target.pk}/").json()["up"]
    assert [n["kind"] for n in up[0]] == ["meeting", "paragraph", "decision"]
    officer = Client()
    officer.force_login(cast.users["secretariat_kz"])
    assert "IC-SECRET" in officer.get(f"/trace/meetings/{meeting.pk}/").content.decode()
    assert client.get("/trace/decision/999999/").status_code == 404
    assert client.get(f"/trace/decision/{decision.pk}/").status_code == 200
    assert client.get(f"/trace/nonsense/{decision.pk}/").status_code == 404
