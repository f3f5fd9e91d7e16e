import pytest

from bilat.accounts.tests.factories import make_user
from bilat.directory.models import Person
from bilat.directory.tests.factories import make_commission, make_organisation, make_sides

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    kz, uz = make_sides()
    make_commission(kz, uz)
    for i in range(15):
        make_organisation(kz if i % 2 else uz, f"org-{i}", parent=None)
    Person.objects.create(full_name_en="Olzhas Bektenov", full_name_ru="Олжас Бектенов", side=kz)
    return kz, uz


def test_organisations_are_listed_with_side_codes_and_filtered(client, directory):
    response = client.get("/api/v1/organisations/?side__code=KZ")
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and {r["side"] for r in results} == {"KZ"}


def test_the_organisation_list_makes_a_fixed_number_of_queries(client, directory,
                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/organisations/").status_code == 200


def test_people_are_not_listed_to_the_public(client, directory):
    assert client.get("/api/v1/people/").json()["results"] == []
    client.force_login(make_user("viewer"))
    assert client.get("/api/v1/people/").json()["results"][0]["full_name_ru"] == "Олжас Бектенов"


def test_the_directory_is_read_only(client, directory):
    client.force_login(make_user("root", superuser=True))
    assert client.post("/api/v1/sides/", {"code": "KG"}).status_code == 405


def test_sides_and_bodies_are_served(client, directory):
    assert [s["code"] for s in client.get("/api/v1/sides/").json()] == ["KZ", "UZ"]
    body = client.get("/api/v1/commission-bodies/").json()[0]
    assert body["sides"] == ["KZ", "UZ"]
    assert body["provenance"] == "sourced"


def test_people_carry_their_provenance(client, directory):
    kz, _uz = directory
    Person.objects.create(full_name_en="Delegate", full_name_ru="Представитель", side=kz,
                          provenance="illustrative")
    client.force_login(make_user("viewer"))

    people = {p["full_name_en"]: p["provenance"]
              for p in client.get("/api/v1/people/").json()["results"]}

    assert people == {"Olzhas Bektenov": "sourced", "Delegate": "illustrative"}
