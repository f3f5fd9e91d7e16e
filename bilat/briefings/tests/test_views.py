import datetime

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


@pytest.mark.django_db
def test_a_cached_dashboard_answers_in_two_queries(client, django_assert_max_num_queries):
    client.get(reverse("home"))
    with django_assert_max_num_queries(2):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"vega-embed.js" in response.content


@pytest.mark.django_db
def test_the_dashboard_shows_a_new_session_at_once():
    from django.test import Client

    from bilat.core.services import create_record
    from bilat.directory.tests.factories import make_commission
    from bilat.meetings.models import Meeting

    kz, uz = make_sides()
    admin = make_user("root", superuser=True)
    client = Client()
    assert b"Latest session" not in client.get(reverse("home")).content
    meeting = Meeting(body=make_commission(kz, uz), number=22, held_on=datetime.date(2025, 6, 1),
                      city="Tashkent", place_en="Tashkent")
    create_record(meeting, actor=admin)
    assert b"meeting 22" in client.get(reverse("home")).content


@pytest.mark.django_db
def test_the_dashboard_cache_key_follows_the_warehouse_file_the_day_and_the_language(
        settings, tmp_path):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from bilat.briefings.dashboard import cache_key

    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    anonymous, today = AnonymousUser(), datetime.date(2025, 3, 1)
    without = cache_key(anonymous, today)
    settings.TRADE_WAREHOUSE.write_bytes(b"one")
    loaded = cache_key(anonymous, today)
    replacement = tmp_path / "new.duckdb"
    replacement.write_bytes(b"two, swapped in")
    replacement.replace(settings.TRADE_WAREHOUSE)
    reloaded = cache_key(anonymous, today)
    assert len({without, loaded, reloaded}) == 3
    assert cache_key(anonymous, today + datetime.timedelta(days=1)) != reloaded
    with translation.override("ru"):
        assert cache_key(anonymous, today) != reloaded


@pytest.mark.django_db
def test_the_dashboard_cache_key_follows_what_the_user_may_see():
    from django.contrib.auth.models import AnonymousUser

    from bilat.briefings.dashboard import cache_key

    kz, uz = make_sides()
    today = datetime.date(2025, 3, 1)
    keys = {cache_key(AnonymousUser(), today),
            cache_key(make_user("kz-sec", Role.SECRETARIAT, side=kz), today),
            cache_key(make_user("uz-sec", Role.SECRETARIAT, side=uz), today),
            cache_key(make_user("viewer"), today)}
    assert len(keys) == 4


@pytest.mark.django_db
def test_a_meeting_page_offers_the_briefing_pack_in_both_languages_to_signed_in_users(client):
    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting()
    url = reverse("meetings:detail", args=[meeting.pk])
    download = reverse("briefings:download", args=[meeting.pk])
    assert download.encode() not in client.get(url).content
    client.force_login(make_user("viewer"))
    page = client.get(url).content.decode()
    for lang in ("en", "ru"):
        for fmt in ("pdf", "docx", "md"):
            assert f"{download}?lang={lang}&amp;format={fmt}" in page
