"""Who keeps a side's organisations and people, through the service and the page alike.

Everyone reads the directory; each side's secretariat keeps its own side's organisations and
people (administrators every side's), and nobody else writes them.
"""

import pytest
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import SECRETARIATS, Door
from bilat.directory import services
from bilat.directory.models import Organisation, Person

pytestmark = pytest.mark.django_db

KEEPERS = {"KZ": {"secretariat_kz", "superuser"}, "UZ": {"secretariat_uz", "superuser"}}
ALLOWED = {
    **{(action, side): who for side, who in KEEPERS.items()
       for action in ("add_organisation", "edit_organisation", "edit_person")},
    # The page adds to the user's own side; an administrator, who has none, names it (?side=).
    "add_organisation_on_page": SECRETARIATS,
}
DOORS = {"add_organisation": (Door.SERVICE,), "add_organisation_on_page": (Door.PAGE,),
         "edit_organisation": (Door.SERVICE, Door.PAGE), "edit_person": (Door.SERVICE, Door.PAGE)}
CASES = matrix.cases(matrix.table(ALLOWED), DOORS)
NEW_ORG = {"code": "new-agency", "short_name": "NA", "name_en": "New Agency",
           "name_ru": "Новое агентство", "kind": "agency", "provenance": "sourced"}


def _doors(cast, row):
    user, client = cast.user(row.role), cast.client(row.role)
    side = cast.side(row.side or "KZ")
    organisation = cast.uz_lead if row.side == "UZ" else cast.kz_lead
    if row.action == "add_organisation":
        return {Door.SERVICE: lambda: services.save_reference(
            Organisation(side=side, **NEW_ORG), actor=user)}
    if row.action == "add_organisation_on_page":
        return {Door.PAGE: lambda: client.post(
            reverse("directory:organisation_create") + "?side=KZ", NEW_ORG)}
    if row.action == "edit_organisation":
        def edit():
            organisation.name_en = "Renamed"
            return services.save_reference(organisation, actor=user)

        return {
            Door.SERVICE: edit,
            Door.PAGE: lambda: client.post(
                reverse("directory:organisation_edit", args=[organisation.code]),
                {**NEW_ORG, "code": organisation.code, "name_en": "Renamed"}),
        }
    if row.action == "edit_person":
        person = Person.objects.create(full_name_en="A. Karimov", full_name_ru="А. Каримов",
                                       side=side, organisation=organisation)

        def edit():
            person.position_en = "Minister"
            return services.save_reference(person, actor=user)

        return {
            Door.SERVICE: edit,
            Door.PAGE: lambda: client.post(reverse("directory:person_edit", args=[person.pk]), {
                "full_name_en": "A. Karimov", "full_name_ru": "А. Каримов",
                "position_en": "Minister", "organisation": organisation.pk,
                "provenance": "sourced"}),
        }
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_the_directory_follows_the_matrix(row, door):
    cast = matrix.make_cast()
    matrix.run(row, door, _doors(cast, row), ok={Door.PAGE: 302})
