"""Production settings pass Django's deployment checks."""

import os
import subprocess
import sys


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "BILAT_DATA_DIR": str(tmp_path),
        "BILAT_SECRET_KEY": "x7!" * 20 + "production-secret-from-the-environment",
        "BILAT_HTTPS": "1",
        "BILAT_DEBUG": "0",
        "BILAT_ALLOWED_HOSTS": "bilat.example.org",
        "BILAT_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "bilat.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for Playwright
    result = subprocess.run(
        [sys.executable, "-m", "bilat", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_development_key_is_refused_by_the_deploy_check(tmp_path):
    env = {**os.environ, "BILAT_DATA_DIR": str(tmp_path), "BILAT_HTTPS": "1"}
    env.pop("BILAT_SECRET_KEY", None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bilat", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
