"""A snapshot is frozen the same whatever language is active, and its page and its line in the
change log are in the language of each reader, one reader after the other."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from bilat.briefings import services
from bilat.briefings.views import shown_keys
from bilat.core.models import ChangeLogEntry
from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
from bilat.meetings.models import Meeting
from bilat.trade.tests.conftest import demo_warehouse  # noqa: F401

pytestmark = pytest.mark.slow

RAILWAY_EN = "Darbaza–Maktaaral railway"
RAILWAY_RU = "Железная дорога Дарбаза – Мактаарал"


@pytest.fixture
def site(demo, demo_warehouse, settings):  # noqa: F811 - the fixtures imported above
    settings.TRADE_WAREHOUSE = demo_warehouse


def _reader(lang: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def test_a_snapshot_frozen_in_any_language_is_one_snapshot_read_in_each(site):
    meeting = Meeting.objects.get(number=21)
    with translation.override("uz"):  # e.g. left active by the request before
        first = services.snapshot_for(meeting, actor=None)
    with translation.override("en"):
        again = services.snapshot_for(meeting, actor=None)
    assert again.pk == first.pk  # the same figures: nothing frozen depends on the language
    entry = ChangeLogEntry.objects.get(object_type="briefings.snapshot",
                                       object_id=str(first.pk))
    assert entry.reason == services.FROZEN  # kept as written in the code, read in each language

    url = f"/briefings/snapshots/{first.pk}/"
    english = _reader("en").get(url).content.decode()
    russian = _reader("ru").get(url).content.decode()
    kazakh = _reader("kk").get(url).content.decode()
    assert RAILWAY_EN in english and RAILWAY_RU not in english
    assert RAILWAY_RU in russian and RAILWAY_EN not in russian
    # A Kazakh reader reads the Russian name, declared as Russian.
    assert f'lang="ru">{RAILWAY_RU}' in kazakh and RAILWAY_EN not in kazakh
    # Codes stay codes; units are in the reader's words.
    assert "<code>off_track</code>" in russian and "млн долл. США" in russian

    with translation.override("ru"):
        frozen_ru = translation.gettext(services.FROZEN)
    log_en = _reader("en").get("/changes/").content.decode()
    log_ru = _reader("ru").get("/changes/").content.decode()
    assert services.FROZEN in log_en and frozen_ru not in log_en
    assert frozen_ru in log_ru and services.FROZEN not in log_ru
    assert "Snapshot as of" in log_en and "Snapshot as of" not in log_ru


def test_of_a_text_in_several_languages_the_reader_sees_theirs_or_the_fallback():
    keys = ["sector.trade.en", "sector.trade.ru", "claims.note.00", "claims.note.00.ru",
            "claims.note.00.uz", "pair.first.adjective.en", "trade.turnover.2023.KZ"]
    with translation.override("ru"):
        assert shown_keys(keys) == {"sector.trade.ru": "", "claims.note.00.ru": "",
                                    "pair.first.adjective.en": "en",
                                    "trade.turnover.2023.KZ": ""}
    with translation.override("kk"):
        assert shown_keys(keys) == {"sector.trade.ru": "ru", "claims.note.00.ru": "ru",
                                    "pair.first.adjective.en": "en",
                                    "trade.turnover.2023.KZ": ""}
    with translation.override("uz"):
        assert shown_keys(keys)["claims.note.00.uz"] == ""
    with translation.override("en"):
        assert set(shown_keys(keys)) == {"sector.trade.en", "claims.note.00",
                                         "pair.first.adjective.en", "trade.turnover.2023.KZ"}
