"""The top bar names each user's role as the policy sees it."""

import pytest
from django.test import Client

from bilat.accounts.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_administrator_is_not_called_a_viewer():
    client = Client()
    client.force_login(make_user("root", superuser=True))
    header = client.get("/decisions/").content.decode().split("</header>")[0]
    assert "root<span class=\"role\"> · Administrator</span>" in header
    assert "Viewer" not in header
