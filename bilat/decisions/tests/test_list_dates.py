"""The decision list shows and sorts by the sides' own due dates (issue 13's defects)."""

import datetime

import pytest
from django.test import Client

from bilat.decisions.models import DecisionSide
from bilat.decisions.tests.factories import make_decision

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_list_shows_each_sides_date_and_sorts_by_the_next_one():
    extended = make_decision("IGC21-04", access_tier="public", due_on=D(2024, 12, 1))
    DecisionSide.objects.filter(decision=extended).update(due_on=D(2025, 3, 3))  # both extended
    plain = make_decision("IGC21-05", access_tier="public", due_on=D(2025, 1, 10))
    DecisionSide.objects.filter(decision=plain, side__code="KZ").update(status="done")
    DecisionSide.objects.filter(decision=plain, side__code="UZ").update(due_on=D(2025, 2, 3))
    page = Client().get("/decisions/", {"sort": "due_on"}).content.decode()
    assert "2024-12-01" not in page  # the base date, which both sides moved away from
    assert "2025-03-03" in page
    assert page.index("IGC21-05") < page.index("IGC21-04")  # its open side is due first
    descending = Client().get("/decisions/", {"sort": "-due_on"}).content.decode()
    assert descending.index("IGC21-04") < descending.index("IGC21-05")


def test_actions_are_offered_only_where_they_can_succeed():
    from bilat.decisions import services
    from bilat.decisions.tests.factories import make_cast, side_of

    cast = make_cast()
    decision = make_decision("IGC21-06", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead)
    secretariat = Client()
    secretariat.force_login(cast.users["secretariat_kz"])
    url = f"/decisions/{decision.pk}/"

    def offered(label: str) -> bool:
        html = secretariat.get(url).content.decode()
        return label in html.split('id="side-KZ"', 1)[1].split("</section>", 1)[0]

    # Each step written as the services write it: the page a secretariat acts on follows it.
    assert offered("Submit a report") and offered("Ask for more time")
    officer = cast.users["officer_kz_lead"]
    services.request_extension(side_of(decision, "KZ"), actor=officer,
                               proposed_on=D(2025, 6, 1), reason="x")
    assert offered("Submit a report") and not offered("Ask for more time")
    report = services.submit_report(side_of(decision, "KZ"), actor=officer,
                                    as_of=D(2024, 9, 1), text="Done.")  # awaits verification
    assert not offered("Submit a report")
    services.accept_report(report, actor=cast.users["secretariat_kz"])
    assert not offered("Submit a report") and not offered("Ask for more time")


def test_the_decision_form_groups_its_fields_and_proposes_the_next_number():
    from bilat.decisions.tests.factories import make_cast

    cast = make_cast()
    make_decision("IGC21-09")
    client = Client()
    client.force_login(cast.users["secretariat_kz"])
    page = client.get("/decisions/new/")
    html = page.content.decode()
    assert page.context["form"]["control_number"].initial == "IGC21-10"
    assert html.count("<fieldset>") == 5  # source, text, deadline, access, executors
    assert 'href="/decisions/">Cancel</a>' in html
    assert "Protocol paragraph (kept in bilat)" in html and "Paragraph as cited" in html
    answer = client.post("/decisions/new/", {
        "control_number": "IGC21-10", "source_kind": "protocol", "title_en": "X",
        "signed_language": "ru", "access_tier": "public", "deadline_type": "date",
        "issued_on": "2024-07-12", "due_on": "2024-12-31"})
    assert answer.status_code == 400 and "provenance" in answer.context["form"].errors
