"""The OpenAPI schema says what the API really answers: nulls, the version, every error."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


@pytest.mark.parametrize("component, field", [
    ("DecisionSide", "lead"), ("ExecutionReport", "verified_by"),
    ("DeadlineExtension", "decided_by"), ("Organisation", "parent"),
    ("CommissionBody", "parent"), ("PortfolioFigure", "reported_by"),
])
def test_fields_the_api_returns_as_null_are_declared_nullable(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field]["nullable"] is True


def test_a_required_relation_is_not_declared_nullable(schema):
    assert "nullable" not in schema["components"]["schemas"]["ExecutionReport"]["properties"][
        "submitted_by"]


def test_every_operation_documents_the_errors_it_can_answer(schema):
    missing = []
    for method, path, operation in _operations(schema):
        parameters = {p["name"]: p["in"] for p in operation.get("parameters", [])}
        expected = {"403"}
        if "requestBody" in operation:
            expected.add("400")
        if "path" in parameters.values():
            expected.add("404")
        if method in WRITES and "{id}" in path:
            expected.add("409")
        if lacking := expected - set(operation["responses"]):
            missing.append(f"{method.upper()} {path}: {sorted(lacking)}")
    assert not missing, "\n".join(missing)


def test_the_errors_have_the_shapes_of_the_exception_handler(schema):
    patch = schema["paths"]["/api/v1/decisions/{id}/"]["patch"]["responses"]
    components = schema["components"]["schemas"]

    def shape(code):
        return components[patch[code]["content"]["application/json"]["schema"]["$ref"]
                          .rsplit("/", 1)[1]]

    assert shape("409")["required"] == ["version", "current_version"]
    assert shape("404")["required"] == ["detail"]
    assert "non_field_errors" in shape("400")["properties"]


def test_every_write_to_a_record_requires_the_version_in_its_body(schema):
    lacking = []
    for method, path, operation in _operations(schema):
        if method in WRITES and "{id}" in path:
            for media, body in operation["requestBody"]["content"].items():
                parts = body["schema"].get("allOf", [])
                if not any("version" in part.get("required", []) for part in parts):
                    lacking.append(f"{method.upper()} {path} ({media})")
    assert not lacking, "\n".join(lacking)


def test_creating_through_an_action_is_documented_as_201(schema):
    for path in ("/api/v1/decisions/{id}/sides/{side_code}/reports/",
                 "/api/v1/decisions/{id}/sides/{side_code}/extensions/",
                 "/api/v1/targets/{id}/actual-values/"):
        responses = schema["paths"][path]["post"]["responses"]
        assert "201" in responses and "200" not in responses, path


def test_a_route_the_api_does_not_have_answers_json(client):
    response = client.get("/api/v1/decisions/-1.5e-3/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")

