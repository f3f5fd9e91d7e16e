"""The container image, compose file and proxy configuration in deploy/ hold together, and the
commands they start work: there is no container engine here, so the test reads the files and
starts the same bilat commands as processes (CI builds and starts the image where it can)."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
import yaml

from tests.servers import ROOT, environment, free_port, get, stop, wait_until_up

DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _substituted(value: str) -> str:
    """A compose value with ${VAR:?…} and ${VAR:-default} filled in as a deployer would."""
    given = {"POSTGRES_PASSWORD": "pw", "BILAT_HOST": "bilat.example.org",
             "BILAT_SECRET_KEY": "x7!q" * 15 + "a-secret-from-the-deployer"}
    return re.sub(r"\$\{(\w+)(?::[-?]([^}]*))?\}",
                  lambda m: given.get(m[1], m[2] or ""), str(value))


def test_compose_runs_the_proxy_two_server_processes_the_worker_postgres_and_redis(compose):
    services = compose["services"]
    assert {"proxy", "app", "worker", "postgres", "redis", "migrate"} <= set(services)
    app, worker = services["app"], services["worker"]
    assert app["command"][:2] == ["bilat", "serve"] and "--workers" in app["command"]
    assert worker["command"] == ["bilat", "worker"]
    # In a container of its own the worker's nice value counts only against itself: its
    # cgroup's weight yields the cores to the pages.
    assert worker["cpu_shares"] < app.get("cpu_shares", 1024)
    assert app["image"] == worker["image"] and app["volumes"] == worker["volumes"]
    env = {k: _substituted(v) for k, v in app["environment"].items()}
    assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:" in env["DATABASE_URL"]
    assert env["BILAT_REDIS_URL"].startswith("redis://redis:")
    assert (env["BILAT_HTTPS"], env["BILAT_PROXY_COUNT"]) == ("1", "1")


def test_the_compose_environment_passes_check_deploy(compose, tmp_path):
    env = {k: _substituted(v) for k, v in compose["services"]["app"]["environment"].items()}
    result = subprocess.run([sys.executable, "-m", "bilat", "check", "--deploy",
                             "--fail-level", "WARNING"], env=environment(tmp_path, **env),
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_proxy_forwards_to_the_app_and_sets_the_headers_bilat_trusts(compose):
    conf = (DEPLOY / "nginx.conf").read_text()
    port = compose["services"]["app"]["command"][compose["services"]["app"]["command"]
                                                 .index("--port") + 1]
    assert re.search(rf"server app:{port};", conf)
    assert "proxy_pass http://bilat;" in conf
    # Overwritten, never appended to: bilat trusts the last entry (BILAT_PROXY_COUNT=1).
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in compose["services"]["proxy"][
        "volumes"]
    from bilat.core.sheets.readers import MAX_BYTES as SHEET_MAX_BYTES
    from bilat.decisions.services import EVIDENCE_MAX_BYTES

    size = int(re.search(r"client_max_body_size (\d+)m;", conf)[1]) * 1024 * 1024
    assert size > max(SHEET_MAX_BYTES, EVIDENCE_MAX_BYTES)  # and a form's other fields


def test_the_image_installs_the_locked_package_and_serves_from_the_data_volume(compose):
    image = (DEPLOY / "Containerfile").read_text()
    assert "-c requirements.lock ." in image and "postgresql-client" in image  # pg_dump
    assert 'CMD ["bilat", "serve", "--host", "0.0.0.0"' in image
    data_dir = re.search(r"BILAT_DATA_DIR=(\S+)", image)[1]
    assert any(v.endswith(":" + data_dir) for v in compose["services"]["app"]["volumes"])
    assert "USER bilat" in image  # not root


def _local(command: list[str], port: int) -> list[str]:
    """A compose command as a process here: this Python, our address and a free port."""
    assert command[0] == "bilat"
    args = list(command[1:])
    for option, value in (("--host", "127.0.0.1"), ("--port", str(port))):
        if option in args:
            args[args.index(option) + 1] = value
    return [sys.executable, "-m", "bilat", *args]


@pytest.mark.slow
def test_the_compose_commands_start_an_installation_that_answers(compose, tmp_path):
    services = compose["services"]
    env = environment(tmp_path / "var")
    port = free_port()
    migrate = subprocess.run(_local(services["migrate"]["command"], port), env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stderr
    started = [subprocess.Popen(_local(services[name]["command"], port), env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
               for name in ("app", "worker")]
    app, worker = started
    try:
        wait_until_up(f"http://127.0.0.1:{port}/static/bilat/favicon.svg", app)
        status, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "<html" in body
        time.sleep(1)
        assert worker.poll() is None, worker.communicate()[1]  # the worker keeps running
    finally:
        for process in started:
            stop(process)
