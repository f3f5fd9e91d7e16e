import pytest
from django.urls import reverse

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.directory.tests.factories import make_sides


@pytest.mark.django_db
def test_the_anonymous_public_sees_the_overview_in_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Public overview" in response.content
    assert b"vega-embed.js" in response.content


@pytest.mark.django_db
def test_a_secretariat_sees_the_dashboard_in_few_queries(client, django_assert_max_num_queries):
    kz, _uz = make_sides()
    user = make_user("kz-sec", Role.SECRETARIAT, side=kz)
    client.force_login(user)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Public overview" not in response.content


@pytest.mark.django_db
def test_the_briefing_download_needs_a_signed_in_user(client):
    response = client.get(reverse("briefings:download", args=[1]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_snapshot_list_needs_a_signed_in_user(client):
    assert client.get(reverse("briefings:list")).status_code == 302
    client.force_login(make_user("viewer"))
    assert client.get(reverse("briefings:list")).status_code == 200
