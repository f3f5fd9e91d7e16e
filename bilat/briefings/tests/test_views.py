import datetime

import pytest
from django.urls import reverse

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.directory.tests.factories import make_sides


@pytest.mark.django_db
def test_the_anonymous_public_sees_the_overview_in_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = client.get(reverse("work:overview"))
    assert response.status_code == 200
    assert b"Public overview" in response.content
    assert b"vega-embed.js" in response.content


@pytest.mark.django_db
def test_a_secretariat_sees_the_dashboard_in_few_queries(client, django_assert_max_num_queries):
    kz, _uz = make_sides()
    user = make_user("kz-sec", Role.SECRETARIAT, side=kz)
    client.force_login(user)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("work:overview"))
    assert response.status_code == 200
    assert b"Public overview" not in response.content


@pytest.mark.django_db
def test_the_briefing_download_needs_a_signed_in_user(client):
    assert client.post(reverse("briefings:download", args=[1])).status_code == 302
    assert client.get(reverse("briefings:snapshot_download", args=[1])).status_code == 302


@pytest.mark.django_db
def test_asking_for_a_meetings_pack_freezes_its_figures_in_the_name_of_who_asked(client):
    from bilat.briefings.models import Snapshot
    from bilat.core.models import ChangeLogEntry
    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting()
    viewer = make_user("viewer")
    client.force_login(viewer)
    url = reverse("briefings:download", args=[meeting.pk])
    response = client.post(url, {"lang": "ru", "format": "md"})
    snapshot = Snapshot.objects.get(meeting=meeting)
    pack = reverse("briefings:snapshot_download", args=[snapshot.pk])
    assert response.status_code == 303
    assert response["Location"] == f"{pack}?lang=ru&format=md"
    assert snapshot.created_by == viewer
    entry = ChangeLogEntry.objects.get(action="freeze")
    assert (entry.actor, entry.channel) == (viewer, "page")
    got = client.get(response["Location"])
    assert got.status_code == 200
    assert got["Content-Type"] == "text/markdown; charset=utf-8"
    assert got["Content-Disposition"] == 'attachment; filename="briefing-igc21-ru.md"'
    assert got["X-Bilat-Snapshot"] == f"{snapshot.pk} {snapshot.content_hash[:12]}"
    assert got.content.decode().startswith("# ")
    # Nothing moved: asking again reuses the snapshot and writes nothing.
    assert client.post(url, {"lang": "en", "format": "pdf"})["Location"] == (
        f"{pack}?lang=en&format=pdf")
    assert (Snapshot.objects.count(), ChangeLogEntry.objects.filter(action="freeze").count()) == (
        1, 1)


@pytest.mark.django_db
def test_reading_a_pack_never_freezes_a_snapshot(client):
    from bilat.briefings.models import Snapshot
    from bilat.core.models import ChangeLogEntry
    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting()
    client.force_login(make_user("viewer"))
    head = ChangeLogEntry.objects.count()
    assert client.get(reverse("briefings:download", args=[meeting.pk]),
                      {"format": "md"}).status_code == 405
    assert client.head(reverse("briefings:download", args=[meeting.pk])).status_code == 405
    assert client.get(reverse("briefings:snapshot_download", args=[1]),
                      {"format": "md"}).status_code == 404
    assert not Snapshot.objects.exists()
    assert ChangeLogEntry.objects.count() == head


@pytest.mark.django_db
def test_an_unknown_language_or_format_is_refused_and_freezes_nothing(client):
    from bilat.briefings.models import Snapshot
    from bilat.briefings.services import snapshot_for
    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting()
    client.force_login(make_user("viewer"))
    url = reverse("briefings:download", args=[meeting.pk])
    assert client.post(url, {"lang": "de", "format": "md"}).status_code == 400
    assert client.post(url, {"lang": "en", "format": "exe"}).status_code == 400
    assert not Snapshot.objects.exists()
    snapshot = snapshot_for(meeting, actor=None)
    pack = reverse("briefings:snapshot_download", args=[snapshot.pk])
    assert client.get(pack, {"format": "exe"}).status_code == 404


@pytest.mark.django_db
def test_a_restricted_meetings_pack_is_neither_frozen_nor_read_by_a_viewer(client):
    from bilat.briefings.models import Snapshot
    from bilat.briefings.services import snapshot_for
    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting(access_tier="restricted")
    snapshot = snapshot_for(meeting, actor=None)
    client.force_login(make_user("viewer"))
    assert client.post(reverse("briefings:download", args=[meeting.pk]),
                       {"format": "md"}).status_code == 404
    assert client.get(reverse("briefings:snapshot_download", args=[snapshot.pk]),
                      {"format": "md"}).status_code == 403
    assert Snapshot.objects.count() == 1


@pytest.mark.django_db
def test_the_snapshot_list_needs_a_signed_in_user(client):
    assert client.get(reverse("briefings:list")).status_code == 302
    client.force_login(make_user("viewer"))
    assert client.get(reverse("briefings:list")).status_code == 200


@pytest.mark.django_db
def test_a_cached_dashboard_answers_in_two_queries(client, django_assert_max_num_queries):
    client.get(reverse("work:overview"))
    with django_assert_max_num_queries(2):
        response = client.get(reverse("work:overview"))
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
    assert b"Latest session" not in client.get(reverse("work:overview")).content
    meeting = Meeting(body=make_commission(kz, uz), number=22, held_on=datetime.date(2025, 6, 1),
                      city="Tashkent", place_en="Tashkent")
    create_record(meeting, actor=admin)
    assert b"meeting 22" in client.get(reverse("work:overview")).content


@pytest.mark.django_db
def test_the_dashboard_cache_key_follows_the_day_and_the_language():
    """Not the warehouse: a part made from it is kept with its file's stamp and made again
    after a load (``test_warehouse_pages``), the others outlive the load."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from bilat.briefings.dashboard import part_keys

    def cache_key(user, today):
        return part_keys(user, today)["portfolio"]

    anonymous, today = AnonymousUser(), datetime.date(2025, 3, 1)
    key = cache_key(anonymous, today)
    assert cache_key(anonymous, today + datetime.timedelta(days=1)) != key
    with translation.override("ru"):
        assert cache_key(anonymous, today) != key


@pytest.mark.django_db
def test_the_dashboard_cache_key_follows_what_the_user_may_see():
    from django.contrib.auth.models import AnonymousUser

    from bilat.briefings.dashboard import part_keys

    def cache_key(user, today):
        return part_keys(user, today)["decisions"]

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
    forms = page.split(f'<form method="post" action="{download}">')[1:]
    assert len(forms) == 2
    for form, lang in zip(forms, ("en", "ru"), strict=True):
        form = form.split("</form>")[0]
        assert f'name="lang" value="{lang}"' in form
        for fmt in ("pdf", "docx", "html", "md"):
            assert f'name="format" value="{fmt}"' in form


@pytest.mark.django_db
def test_the_dashboard_offers_the_latest_sessions_pack_with_the_users_own_csrf_token():
    from django.test import Client

    from bilat.meetings.tests.factories import make_meeting

    meeting = make_meeting()
    download = reverse("briefings:download", args=[meeting.pk])
    anonymous = Client()
    assert download.encode() not in anonymous.get(reverse("work:overview")).content
    tokens = []
    for name in ("viewer", "other-viewer"):  # the second reads the dashboard from the cache
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user(name))
        page = client.get(reverse("work:overview")).content.decode()
        assert f'<form method="post" action="{download}">' in page
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        response = client.post(download, {"lang": "en", "format": "md",
                                          "csrfmiddlewaretoken": token})
        assert response.status_code == 303
        tokens.append(token)
    assert tokens[0] != tokens[1]


@pytest.mark.django_db
def test_the_briefings_page_offers_each_visible_meetings_pack(client):
    from bilat.meetings.tests.factories import make_meeting

    make_sides()
    public = make_meeting()
    client.force_login(make_user("reader"))
    page = client.get(reverse("briefings:list"))
    html = page.content.decode()
    action = reverse("briefings:download", args=[public.pk])
    assert page.status_code == 200 and html.count(f'action="{action}"') == 2  # EN and RU
    assert 'value="docx"' in html and 'value="pdf"' in html
