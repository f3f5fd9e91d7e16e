import pytest

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.directory.tests.factories import make_sides

pytestmark = pytest.mark.django_db


def test_the_import_link_is_offered_only_to_those_who_may_import(client):
    kz, _uz = make_sides()
    client.force_login(make_user("viewer"))
    assert "Import an edited spreadsheet" not in client.get("/decisions/").content.decode()
    client.force_login(make_user("sec", Role.SECRETARIAT, side=kz))
    assert "Import an edited spreadsheet" in client.get("/decisions/").content.decode()
