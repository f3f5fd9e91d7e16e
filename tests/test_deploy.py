"""Production settings pass Django's deployment checks, and refuse what would make them unsafe."""

import os
import subprocess
import sys
import textwrap

PRODUCTION = {
    "BILAT_SECRET_KEY": "x7!" * 20 + "production-secret-from-the-environment",
    "BILAT_HTTPS": "1",
    "BILAT_DEBUG": "0",
    "BILAT_ALLOWED_HOSTS": "bilat.example.org",
    "BILAT_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}
BILAT_VARIABLES = [*PRODUCTION, "BILAT_PROXY_COUNT"]


def _run(args: list[str], tmp_path, **variables) -> subprocess.CompletedProcess:
    """Run ``args`` in a fresh process with only the given bilat variables set."""
    env = {k: v for k, v in os.environ.items() if k not in BILAT_VARIABLES}
    env.update(BILAT_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="bilat.settings", **variables)
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for Playwright
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def _bilat(tmp_path, *args: str, **variables) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "bilat", *args], tmp_path, **variables)


def test_production_settings_pass_check_deploy(tmp_path):
    result = _bilat(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_behind_a_proxy_pass_check_deploy(tmp_path):
    result = _bilat(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                    **PRODUCTION, BILAT_PROXY_COUNT="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    variables = {k: v for k, v in PRODUCTION.items() if k != "BILAT_SECRET_KEY"}
    result = _bilat(tmp_path, "check", **variables)
    assert result.returncode != 0
    assert "BILAT_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_a_server_named_for_the_network_needs_a_secret_key_even_without_https(tmp_path):
    result = _bilat(tmp_path, "check", BILAT_ALLOWED_HOSTS="bilat.ministry.local")
    assert result.returncode != 0
    assert "BILAT_SECRET_KEY is not set" in result.stderr


def test_the_wsgi_application_refuses_to_load_without_a_secret_key(tmp_path):
    script = "import bilat.wsgi"
    result = _run([sys.executable, "-c", script], tmp_path, BILAT_HTTPS="1")
    assert result.returncode != 0
    assert "BILAT_SECRET_KEY is not set" in result.stderr


def test_the_demo_runs_without_a_secret_key(tmp_path):
    result = _bilat(tmp_path, "check")
    assert result.returncode == 0, result.stdout + result.stderr


CLIENT_SCRIPT = textwrap.dedent("""
    import django
    django.setup()
    from django.test import Client
    client = Client(HTTP_HOST="bilat.example.org")
    plain = client.get("/accounts/login/")
    forwarded = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    print(plain.status_code, forwarded.status_code)
""")


def test_behind_a_proxy_the_forwarded_protocol_is_trusted(tmp_path):
    result = _run([sys.executable, "-c", CLIENT_SCRIPT], tmp_path,
                  **PRODUCTION, BILAT_PROXY_COUNT="1")
    assert result.returncode == 0, result.stderr
    # The proxy forwarded an HTTPS request: served; a plain one is sent to HTTPS.
    assert result.stdout.split() == ["301", "200"]


def test_without_a_proxy_a_forwarded_protocol_header_is_ignored(tmp_path):
    result = _run([sys.executable, "-c", CLIENT_SCRIPT], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # A client could send the header itself: without a configured proxy it proves nothing.
    assert result.stdout.split() == ["301", "301"]
