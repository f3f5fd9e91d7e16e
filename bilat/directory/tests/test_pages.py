"""The directory's pages: everyone reads, each side's secretariat keeps its own side."""

import pytest

from bilat.accounts.tests.factories import client_of
from bilat.core.changelog import verify_chain
from bilat.core.models import ChangeLogEntry
from bilat.decisions.tests.factories import make_cast, make_decision
from bilat.directory.models import Organisation, Person

pytestmark = pytest.mark.django_db



@pytest.fixture
def cast():
    return make_cast()


NEW_ORG = {"code": "kz-new-agency", "short_name": "KZ NA", "name_en": "New Agency",
           "name_ru": "Новое агентство", "kind": "agency", "provenance": "sourced"}


# who → answer to POST a new organisation (of the user's own side)
CREATE = {"anonymous": 302, "viewer": 403, "officer_kz_lead": 403, "secretariat_kz": 302}


@pytest.mark.parametrize(("who", "status"), CREATE.items())
def test_who_may_add_an_organisation(cast, who, status):
    answer = client_of(cast.users[who]).post("/directory/organisations/new/", NEW_ORG)
    assert answer.status_code == status
    created = Organisation.objects.filter(code="kz-new-agency").first()
    if who == "secretariat_kz":
        assert created.side == cast.kz and answer["Location"] == created.get_absolute_url()
        assert ChangeLogEntry.objects.filter(object_type="directory.organisation").count() == 1
        assert verify_chain().ok
    else:
        assert created is None


def test_a_secretariat_may_not_edit_the_other_sides_organisation(cast):
    client = client_of(cast.users["secretariat_kz"])
    uz_org = cast.uz_lead
    answer = client.post(f"/directory/organisations/{uz_org.code}/edit/",
                         {**NEW_ORG, "code": uz_org.code})
    assert answer.status_code == 403
    uz_org.refresh_from_db()
    assert uz_org.name_en != "New Agency"
    assert client.get(f"/directory/organisations/{cast.kz_lead.code}/edit/").status_code == 200


def test_bad_input_names_the_field_and_changes_nothing(cast):
    client = client_of(cast.users["secretariat_kz"])
    answer = client.post("/directory/organisations/new/", {**NEW_ORG, "kind": "pirate"})
    assert answer.status_code == 400 and "kind" in answer.context["form"].errors
    assert not Organisation.objects.filter(code="kz-new-agency").exists()


def test_the_detail_shows_the_full_name_and_only_visible_decisions(cast):
    make_decision("IGC21-30", kz_lead=cast.kz_lead, access_tier="official")
    make_decision("IGC21-31", kz_lead=cast.kz_lead, access_tier="restricted")
    page = client_of(None).get(f"/directory/organisations/{cast.kz_lead.code}/")
    assert page.status_code == 200
    assert cast.kz_lead.name_en.encode() in page.content
    assert b"IGC21-30" not in page.content and b"IGC21-31" not in page.content
    officer = client_of(cast.users["officer_kz_lead"]).get(
        f"/directory/organisations/{cast.kz_lead.code}/")
    assert b"IGC21-30" in officer.content and b"IGC21-31" in officer.content


def test_people_are_kept_by_their_side(cast):
    client = client_of(cast.users["secretariat_uz"])
    answer = client.post("/directory/people/new/", {
        "full_name_en": "A. Karimov", "full_name_ru": "А. Каримов", "position_en": "Deputy",
        "organisation": cast.uz_lead.pk, "provenance": "illustrative"})
    assert answer.status_code == 302
    person = Person.objects.get(full_name_en="A. Karimov")
    assert person.side == cast.uz
    assert client_of(cast.users["secretariat_kz"]).post(
        f"/directory/people/{person.pk}/edit/", {"full_name_en": "x"}).status_code == 403
    listing = client_of(None).get("/directory/people/", {"q": "Karimov"})
    assert listing.status_code == 200 and b"A. Karimov" in listing.content
    assert client_of(None).get("/directory/people/", {"side": "ZZ"}).status_code == 400
