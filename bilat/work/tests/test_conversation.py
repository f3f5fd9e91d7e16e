"""The conversation on a decision's sides: who takes part, what each sees, the notices."""

import pytest

from bilat.accounts.tests.factories import client_of
from bilat.core.changelog import verify_chain
from bilat.decisions.models import Notification
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.work.models import Comment

pytestmark = pytest.mark.django_db



@pytest.fixture
def case():
    cast = make_cast()
    decision = make_decision("IGC21-20", kz_lead=cast.kz_lead, uz_lead=cast.uz_lead,
                             access_tier="restricted")
    return cast, decision


# who → answer to POST a comment on the Uzbek side of a restricted decision
WRITE = {
    "anonymous": 302,  # to the sign-in page
    "viewer": 404,  # the restricted decision is not open to a viewer
    "officer_kz_other": 404,  # nor to an officer whose organisation does not answer for it
    "officer_kz_lead": 302,  # the lead ministries of both sides take part
    "officer_uz": 302,
    "secretariat_kz": 302,  # both secretariats take part
    "secretariat_uz": 302,
    "superuser": 302,
}


@pytest.mark.parametrize(("who", "status"), WRITE.items())
def test_who_may_write(case, who, status):
    cast, decision = case
    answer = client_of(cast.users[who]).post(
        f"/decisions/{decision.pk}/sides/UZ/comments/", {"text": "When is the act signed?"})
    assert answer.status_code == status
    assert Comment.objects.count() == (1 if status == 302 and who != "anonymous" else 0)


def test_an_official_decision_shows_no_conversation_to_a_viewer(case):
    cast, decision = case
    decision.access_tier = "official"
    decision.save()
    client = client_of(cast.users["viewer"])
    assert client.post(f"/decisions/{decision.pk}/sides/UZ/comments/",
                       {"text": "x"}).status_code == 403
    page = client.get(f"/decisions/{decision.pk}/")
    assert page.status_code == 200 and b'id="conversation"' not in page.content


def test_a_comment_is_shown_logged_and_notified(case):
    cast, decision = case
    writer = cast.users["secretariat_kz"]
    answer = client_of(writer).post(f"/decisions/{decision.pk}/sides/UZ/comments/",
                                    {"text": "Please attach the act."})
    assert answer.status_code == 302
    page = client_of(cast.users["officer_uz"]).get(f"/decisions/{decision.pk}/")
    assert b"Please attach the act." in page.content
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"secretariat_uz", "officer_kz_lead", "officer_uz"}
    assert verify_chain().ok


def test_an_empty_comment_names_the_field(case):
    cast, decision = case
    answer = client_of(cast.users["secretariat_uz"]).post(
        f"/decisions/{decision.pk}/sides/UZ/comments/", {"text": "  "})
    assert answer.status_code == 400 and "Write the comment" in answer.content.decode()
    assert Comment.objects.count() == 0
