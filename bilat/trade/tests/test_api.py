"""The trade API's answers are described field by field in the schema, and written once."""

import json
from dataclasses import fields
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator

from bilat.trade import indicators, queries, serializers
from bilat.trade.metrics import Metric
from bilat.trade.pace import TargetPace

pytestmark = pytest.mark.django_db

# Each typed result and the serializer that writes it; the fields only a serializer has.
WRITTEN_BY = [
    (queries.Figure, serializers.FigureSerializer, set()),
    (queries.PairPeriod, serializers.PairPeriodSerializer, {"period"}),
    (queries.Growth, serializers.GrowthSerializer, set()),
    (queries.YtdMeasure, serializers.YtdMeasureSerializer, set()),
    (queries.YtdComparison, serializers.YtdComparisonSerializer, set()),
    (queries.MirrorRow, serializers.MirrorRowSerializer, set()),
    (queries.ReporterRegionShare, serializers.ReporterRegionShareSerializer, set()),
    (queries.RegionShare, serializers.RegionShareSerializer, set()),
    (TargetPace, serializers.TargetPaceSerializer, set()),
    (queries.ProductRow, serializers.ProductRowSerializer, set()),
    (queries.ThemeShare, serializers.ThemeShareSerializer, set()),
    (queries.PairProducts, serializers.PairProductsSerializer, set()),
    (queries.RcaRow, serializers.RcaRowSerializer, set()),
    (queries.PotentialRow, serializers.PotentialRowSerializer, set()),
    (Metric, serializers.MetricSerializer, set()),
    (indicators.DirectionalIndex, serializers.DirectionalIndexSerializer, set()),
    (indicators.ExportPotentials, serializers.ExportPotentialsSerializer, set()),
    (indicators.PairIndicators, serializers.PairIndicatorsSerializer, set()),
]


@pytest.mark.parametrize("result, serializer, extra", WRITTEN_BY)
def test_every_field_of_a_result_is_written_and_described(result, serializer, extra):
    # by_direction is written as one key per direction ("KZ->UZ"), described as such.
    listed = {f.name for f in fields(result)} - {"by_direction"}
    assert set(serializer().fields) == listed | extra


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _described(schema, answer) -> dict:
    """The component an answer refers to (through an array), which must list its fields."""
    if answer.get("type") == "array":
        answer = answer["items"]
    component = schema["components"]["schemas"][answer["$ref"].rsplit("/", 1)[1]]
    assert component["type"] == "object" and component["properties"], answer
    return component


def test_the_schema_describes_the_fields_of_every_trade_answer(schema):
    routes = {path: ops["get"] for path, ops in schema["paths"].items() if "/trade/" in path}
    assert len(routes) == 8
    for path, operation in routes.items():
        answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        _described(schema, answer)
        # Every question to the warehouse may find none (the metrics are written in code).
        assert ("503" in operation["responses"]) == (not path.endswith("/metrics/")), path
    pair = "/api/v1/trade/pairs/{reporter}/{partner}/"
    assert routes[pair + "series/"]["responses"]["200"]["content"]["application/json"][
        "schema"]["type"] == "array"
    indicators_schema = _described(
        schema, routes[pair]["responses"]["200"]["content"]["application/json"]["schema"])
    assert {"series", "growth", "ytd", "mirror", "target", "export_potential"} <= set(
        indicators_schema["properties"])
    query = {p["name"] for p in routes[pair]["parameters"] if p["in"] == "query"}
    assert query == {"year", "basis", "product_basis", "target", "target_year", "period_kind",
                     "top", "product_report"}


def test_each_way_figures_are_described_as_one_key_per_direction(schema):
    component = schema["components"]["schemas"]["DirectionalIndex"]
    assert component["additionalProperties"]["type"] == "number"
    potential = schema["components"]["schemas"]["PairPotential"]
    assert potential["additionalProperties"]["items"]["$ref"].endswith("/PotentialRow")


def test_the_api_and_the_command_write_the_same_json(client, demo_warehouse):
    out = StringIO()
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        served = client.get("/api/v1/trade/pairs/KZ/UZ/", {"basis": "UZ"}).json()
        call_command("trade", "indicators", "--basis", "UZ", "--json", stdout=out)
    assert json.loads(out.getvalue()) == served
    assert served["trade_intensity"]["KZ->UZ"] == pytest.approx(3.91, abs=0.005)
    assert served["export_potential"]["UZ->KZ"][0]["product"]


def test_a_basis_without_product_detail_is_not_found(client, demo_warehouse):
    with override_settings(TRADE_WAREHOUSE=demo_warehouse):
        for route in ("products", "potential"):
            response = client.get(f"/api/v1/trade/pairs/KZ/UZ/{route}/", {"basis": "KZ"})
            assert response.status_code == 404
            assert response.json() == {"detail": "No product detail on the KZ basis."}


def test_without_a_warehouse_every_trade_question_answers_503(client, tmp_path):
    with override_settings(TRADE_WAREHOUSE=tmp_path / "none.duckdb"):
        for route in ("pairs/KZ/UZ/", "pairs/KZ/UZ/series/", "pairs/KZ/UZ/mirror/",
                      "pairs/KZ/UZ/products/", "pairs/KZ/UZ/potential/", "rca/?country=KZ"):
            response = client.get(f"/api/v1/trade/{route}")
            assert response.status_code == 503, route
            assert "bilat trade demo" in response.json()["detail"]
