from pathlib import Path

import pytest

from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
from bilat.trade.demo import DEMO_DIR, NATIONAL_FILES
from bilat.trade.loaders import load
from bilat.trade.warehouse import forget_readers


@pytest.fixture(scope="session")
def national_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published figures of the demo (no synthetic sample), loaded once."""
    path = tmp_path_factory.mktemp("claims-trade") / "warehouse.duckdb"
    load("national", [DEMO_DIR / name for name in NATIONAL_FILES], warehouse=path,
         progress=lambda _m: None)
    return path


@pytest.fixture
def with_warehouse(national_warehouse, settings):
    settings.TRADE_WAREHOUSE = national_warehouse
    yield national_warehouse
    forget_readers()
