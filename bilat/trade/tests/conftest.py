from pathlib import Path

import pytest

from bilat.trade.demo import load_demo
from bilat.trade.warehouse import forget_readers


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo dataset, loaded once for the golden tests."""
    path = tmp_path_factory.mktemp("trade") / "warehouse.duckdb"
    load_demo(progress=None, warehouse=path)
    return path


@pytest.fixture
def warehouse(tmp_path: Path):
    """An empty warehouse path of the test's own."""
    yield tmp_path / "warehouse.duckdb"
    forget_readers()
