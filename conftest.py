"""Test-wide setup: every test gets its own data folder."""

import pytest


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "var"
    settings.EVIDENCE_ROOT = tmp_path / "var" / "evidence"
    settings.TRADE_WAREHOUSE = tmp_path / "var" / "trade" / "warehouse.duckdb"
