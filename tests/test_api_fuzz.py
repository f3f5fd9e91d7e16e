"""The API fuzzed from its own schema, as every demo role: no server error, no undocumented answer.

schemathesis generates requests for every operation of ``/api/v1/schema/`` (valid ones and
invalid ones), sends them to the WSGI app with the demo data loaded (path ids drawn from the
demo's records, so requests reach real records; writes sometimes carry the record's current
version, so they reach the services) and checks each answer: not a 5xx, a status code, content
type and body that the schema documents. ``BILAT_FUZZ_EXAMPLES`` sets the examples per
operation, mode and role: a few in ``make test``, many in ``make fuzz``.
"""

import os
import time
import zlib

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import resolve
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bilat.trade.warehouse import forget_readers
from bilat.wsgi import application

ROLES = ["anonymous", "viewer", "kz-officer", "uz-officer", "kz-secretariat", "uz-secretariat",
         "admin"]
EXAMPLES = int(os.environ.get("BILAT_FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("BILAT_FUZZ_RANDOM", "") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
WRITES = {"post", "put", "patch", "delete"}

pytestmark = pytest.mark.fuzz


@pytest.fixture
def api_schema(demo, demo_warehouse, settings):
    settings.TRADE_WAREHOUSE = demo_warehouse
    # The WSGI app would close the test's connection at the end of each request (and with it
    # the transaction the test runs in), as Django's test client keeps it from doing.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        forget_readers()


def _model_of(path: str):
    view = resolve(path.replace("{id}", "1").replace("{side_code}", "KZ")).func
    serializer = getattr(view.cls, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return getattr(meta, "model", None)


def _path_values(path: str) -> dict:
    """Real values for a route's path parameters, beside whatever schemathesis generates."""
    values = {}
    if "{id}" in path and (model := _model_of(path)) is not None:
        ids = sorted(model.objects.values_list("pk", flat=True))[:20]
        if ids:  # a kind the demo has none of (snapshots before any pack) gets generated ids
            values["id"] = ids
    for name in ("side_code", "reporter", "partner"):
        if "{" + name + "}" in path:
            values[name] = ["KZ", "UZ", "kz"]
    return values


def _cases(operation):
    path = operation.path
    real = _path_values(path)
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    generated = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in modes))
    if not real:
        return st.tuples(generated, st.just(False))
    pinned = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in real.items()}).flatmap(
        lambda params: st.one_of(*(
            operation.as_strategy(generation_mode=mode, path_parameters=params) for mode in modes
        ))
    )
    return st.tuples(st.one_of(pinned, generated), st.booleans())


def _send_current_version(case) -> None:
    model = _model_of(case.operation.path)
    pk = case.path_parameters.get("id")
    if isinstance(case.body, dict) and model is not None and str(pk).isdigit():
        version = model.objects.filter(pk=pk).values_list("version", flat=True).first()
        if version is not None:
            case.body["version"] = version


def _fuzz_operation(operation, headers: dict, role: str) -> tuple[str | None, int]:
    """Send one operation's examples; the failure schemathesis found (if any), requests sent."""
    sent = 0

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate, Phase.shrink])
    @given(drawn=_cases(operation))
    def run(drawn):
        nonlocal sent
        case, current = drawn
        if current and case.method.lower() in WRITES:
            _send_current_version(case)
        response = case.call(headers=headers)
        sent += 1
        case.validate_response(response, checks=CHECKS)

    if not RANDOM:  # the same examples on every run, different for each role and route
        run = seed(zlib.crc32(f"{role} {operation.method} {operation.path}".encode()))(run)
    try:
        run()
    except (Exception, FailureGroup) as exc:  # every operation is fuzzed, every failure listed
        return f"{operation.method.upper()} {operation.path}: {exc}", sent
    return None, sent


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_every_generated_request_as_its_schema_says(api_schema, role):
    headers = {}
    if role != "anonymous":
        user = get_user_model().objects.get(username=role)
        headers["Authorization"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
    started, failures, sent = time.monotonic(), [], 0
    for result in api_schema.get_all_operations():
        failure, count = _fuzz_operation(result.ok(), headers, role)
        sent += count
        failures += [failure] if failure else []
    print(f"{role}: {sent} requests in {time.monotonic() - started:.1f} s")
    assert not failures, "\n\n".join(failures)
