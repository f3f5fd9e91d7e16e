"""Test-wide setup: every test gets its own data folder."""

import pytest


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
