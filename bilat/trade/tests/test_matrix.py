"""Who reads the trade figures: everyone, through the page and the API alike.

Trade statistics are published figures: every role reads them, signed in or not. Nothing in the
warehouse is written through a page or the API (the operator loads it from the command line),
so the matrix has only reading rows.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from bilat.core.tests import matrix
from bilat.core.tests.matrix import EVERYONE, Door

pytestmark = pytest.mark.django_db

ALLOWED = {"read_list": EVERYONE, "read_pair": EVERYONE, "read_series": EVERYONE}
DOORS = {"read_list": (Door.PAGE,), "read_pair": (Door.PAGE, Door.API),
         "read_series": (Door.API,)}
CASES = matrix.cases(matrix.table(ALLOWED), DOORS)


@pytest.fixture
def demo_settings(demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        yield


def _doors(cast, row):
    client, api = cast.client(row.role), cast.api(row.role)
    if row.action == "read_list":
        return {Door.PAGE: lambda: client.get(reverse("trade:list"))}
    if row.action == "read_pair":
        return {Door.PAGE: lambda: client.get(reverse("trade:pair", args=["KZ", "UZ"])),
                Door.API: lambda: api.get("/api/v1/trade/pairs/KZ/UZ/", {"year": 2023})}
    if row.action == "read_series":
        return {Door.API: lambda: api.get("/api/v1/trade/pairs/KZ/UZ/series/", {"basis": "KZ"})}
    raise AssertionError(row.action)


@pytest.mark.parametrize(("row", "door"), CASES)
def test_every_door_of_the_trade_figures_follows_the_matrix(row, door, demo_settings):
    cast = matrix.make_cast()
    matrix.run(row, door, _doors(cast, row), ok={Door.PAGE: 200, Door.API: 200}, writes=False)
