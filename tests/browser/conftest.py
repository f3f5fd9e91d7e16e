"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from bilat.core.tests.tools import require_module, require_tool

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORDS = {
    "admin": "demo-admin", "kz-secretariat": "demo-kz-sec", "uz-secretariat": "demo-uz-sec",
    "kz-officer": "demo-kz-officer", "uz-officer": "demo-uz-officer", "viewer": "demo-viewer",
}


@pytest.fixture(scope="session")
def browser():
    require_tool(CHROMIUM, "Debian's chromium: apt-get install chromium")
    sync_playwright = require_module("playwright.sync_api",
                                     "pip install -e '.[dev]'").sync_playwright
    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def demo_site(transactional_db, settings, tmp_path):
    """The demo registry and the published trade figures, behind a live server."""
    from django.core.cache import cache

    from bilat.demo.tests.replay import load_or_replay_demo
    from bilat.trade.demo import DEMO_DIR, NATIONAL_FILES
    from bilat.trade.loaders import load
    from bilat.trade.warehouse import forget_readers

    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    # The demo ships its logins as PBKDF2 hashes: keep that hasher beside the suite's fast one.
    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS,
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    load_or_replay_demo()
    load("national", [DEMO_DIR / n for n in NATIONAL_FILES], warehouse=settings.TRADE_WAREHOUSE,
         progress=lambda _m: None)
    forget_readers()
    cache.clear()  # the database is new: no dashboard cached for an earlier test's records
    yield
    forget_readers()
    cache.clear()


@pytest.fixture
def page(browser, live_server, demo_site):
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    # The browser asks for /favicon.ico on its own; bilat has none, and that is not an error.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = live_server.url
    yield pg
    context.close()


def sign_in(page, username: str) -> None:
    page.goto(page.base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert username in page.inner_text("header"), f"{username} could not sign in"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
