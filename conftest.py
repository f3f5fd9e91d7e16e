"""Test-wide setup: every test gets its own data folder and starts in the default language."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "var"
    settings.EVIDENCE_ROOT = tmp_path / "var" / "evidence"
    settings.TRADE_WAREHOUSE = tmp_path / "var" / "trade" / "warehouse.duckdb"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Permission tables create many users; the production hasher would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_cached_commissions():
    # The list of commissions is cached between requests; each test builds its own.
    from bilat.commissions.models import forget_commissions

    forget_commissions()
    yield
    forget_commissions()


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached pages and packs are keyed by the registry's state, which starts alike in every
    # test (the same change-log head, the same ids): each test starts with an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A page requested with a language cookie leaves that language active in the test's thread
    # (LocaleMiddleware activates it and nothing deactivates it); the next test must not inherit
    # it, or messages a catalogue translates (e.g. water's alert mail) come out in Kazakh.
    yield
    translation.deactivate()
