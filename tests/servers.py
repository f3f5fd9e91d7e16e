"""Start bilat's own commands as processes for the deployment tests (no container engine here)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BILAT_VARIABLES = ("BILAT_", "DATABASE_URL", "DATABASE_REPLICA_URL", "DJANGO_")


def environment(data_dir: Path, **variables: str) -> dict[str, str]:
    """This process's environment without bilat's variables, then the data folder and these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(BILAT_VARIABLES)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(BILAT_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="bilat.settings", **variables)
    return env


def bilat(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``bilat ARGS`` to the end; fail with its output when it fails."""
    result = subprocess.run([sys.executable, "-m", "bilat", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"bilat {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None, data: bytes | None = None,
        method: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@contextmanager
def serving(env: dict[str, str], *args: str, log: Path | None = None):
    """``bilat serve ARGS`` on a free port, up and answering; yields its base URL and process.

    The access log goes to ``log`` when given (else there is none).
    """
    port = free_port()
    command = [sys.executable, "-m", "bilat", "serve", "--port", str(port), *args]
    with open(log or os.devnull, "w") as out:
        process = subprocess.Popen(command + ([] if log else ["--no-access-log"]), env=env,
                                   cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/static/bilat/favicon.svg", process)
        yield base, process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop a process we started, and its children (its own session), by its id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def redis_server():
    """The URL of a Redis of our own while the block runs, or "" where the machine has none
    (each process then keeps its own cache)."""
    if not shutil.which("redis-server"):
        yield ""
        return
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


def page(text: str) -> str:
    """A page without what changes on every answer (the CSP nonce, the CSRF token)."""
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', text)
    text = re.sub(r'"X-CSRFToken": "[^"]*"', "csrf", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "csrf", text)
