"""Two `bilat serve` servers on one installation answer alike: after a write made through the
other, and after a trade load (the dashboard cache, the warehouse readers, the sessions).
The servers are started as processes, as the container image and compose file start them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from contextlib import ExitStack

import pytest

from tests.servers import ROOT, bilat, environment, get, page, redis_server, serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redis_url():
    """A Redis of our own when the machine has one (else each process keeps its own cache)."""
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def installation(tmp_path_factory, redis_url):
    """The demo on SQLite in a fresh data folder: its environment for the commands."""
    env = environment(tmp_path_factory.mktemp("var"), BILAT_REDIS_URL=redis_url)
    bilat(env, "demo", "--no-serve")
    return env


@pytest.fixture(scope="module")
def servers(installation, tmp_path_factory):
    """Two servers of one process each; the first logs its requests to a file."""
    log = tmp_path_factory.mktemp("log") / "access.log"
    with ExitStack() as stack:
        one = stack.enter_context(serving(installation, "--workers", "1", log=log))
        two = stack.enter_context(serving(installation, "--workers", "1"))
        yield one, two, log


def _token(base: str) -> str:
    status, body = get(base + "/api/v1/auth/token/", method="POST",
                       data=json.dumps({"username": "admin", "password": "demo-admin"}).encode(),
                       headers={"Content-Type": "application/json"})
    assert status == 200, body
    return json.loads(body)["token"]


def test_two_servers_answer_alike_after_a_write_through_the_other(servers):
    (one, _), (two, _), _log = servers
    before = [page(get(base + "/")[1]) for base in (one, two)]
    assert before[0] == before[1]  # and both now hold the dashboard in their cache

    token = {"Authorization": f"Token {_token(two)}", "Content-Type": "application/json"}
    status, body = get(two + "/api/v1/meetings/?ordering=-held_on", headers=token)
    meeting = json.loads(body)["results"][0]
    status, body = get(f"{two}/api/v1/meetings/{meeting['id']}/", method="PATCH",
                       headers=token, data=json.dumps({
                           "version": meeting["version"], "place_en": "Tashkent"}).encode())
    assert status == 200, body

    after = [page(get(base + "/")[1]) for base in (one, two)]
    assert after[0] == after[1]
    assert "Tashkent" in after[0] and after[0] != before[0]


def test_two_servers_show_the_same_trade_figures_after_a_load(servers, installation, tmp_path):
    (one, _), (two, _), _log = servers
    before = [page(get(base + "/trade/KZ-UZ/")[1]) for base in (one, two)]
    assert before[0] == before[1]
    figures = tmp_path / "kz.csv"
    figures.write_text("reporter,partner,period,exports,imports,source,unit\n"
                       "KZ,UZ,2025,7.7,2.2,Kazakh statistics,billion USD\n")
    bilat(installation, "trade", "load", "--format", "national", str(figures))
    after = [page(get(base + "/trade/KZ-UZ/")[1]) for base in (one, two)]
    assert after[0] == after[1] and after[0] != before[0]


def test_serve_reloads_gracefully_and_logs_each_request(servers):
    (one, process), _two, log = servers
    process.send_signal(signal.SIGHUP)  # `bilat serve` became granian: the signal reaches it
    for _ in range(20):  # answers all through the reload
        assert get(one + "/accounts/login/")[0] == 200
    assert '"GET /accounts/login/ HTTP/1.1" 200' in log.read_text()


REPLICA_SCRIPT = """
import json
import django
django.setup()
from collections import Counter
from django.db import connections
from django.test import Client

used = Counter()
for alias in ("default", "replica"):
    connections[alias].execute_wrappers.append(
        lambda execute, sql, params, many, context, alias=alias:
            (used.update([alias]), execute(sql, params, many, context))[1])

def through(method, url, **data):
    used.clear()
    response = getattr(client, method)(url, data)
    return json.dumps([response.status_code, dict(used)])

client = Client(HTTP_HOST="localhost")
print(through("get", "/decisions/"))                      # anonymous page: the replica
print(through("post", "/accounts/login/", username="viewer", password="demo-viewer"))
print(through("get", "/decisions/"))                      # just wrote: pinned to the primary
client.cookies.pop("bilat_primary")
print(through("get", "/decisions/"))                      # later: the replica again
"""


def test_read_only_pages_read_from_the_replica_and_a_client_that_wrote_from_the_primary(
        installation):
    database = f"sqlite:///{installation['BILAT_DATA_DIR']}/bilat.sqlite3"
    env = {**installation, "DATABASE_REPLICA_URL": database}  # a second connection to it
    result = subprocess.run([sys.executable, "-c", REPLICA_SCRIPT], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    anonymous, sign_in, pinned, later = map(json.loads, result.stdout.splitlines())
    assert anonymous[0] == 200 and set(anonymous[1]) == {"replica"}
    assert sign_in[0] == 302 and set(sign_in[1]) == {"default"}
    assert pinned[0] == 200 and set(pinned[1]) == {"default"}
    assert later[0] == 200 and set(later[1]) == {"replica"}
