"""The dashboard, the language switch and the briefing download, in a real browser."""

import subprocess

import pytest

from bilat.briefings.document import MARK
from bilat.core.tests.tools import require_tool

from .conftest import shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROLES = ["kz-secretariat", "uz-secretariat", "kz-officer", "uz-officer", "viewer", "admin"]


def charts_drawn(page) -> None:
    """Wait until the page has charts and every one is drawn (a page still on its way, with no
    chart yet, does not count as drawn)."""
    page.wait_for_function(
        "() => { const charts = [...document.querySelectorAll('[data-chart]')];"
        " return charts.length > 0 && charts.every(el => el.dataset.drawn); }",
        timeout=20000,
    )
    states = page.eval_on_selector_all("[data-chart]", "els => els.map(e => e.dataset.drawn)")
    assert states and all(s == "true" for s in states), states
    assert page.locator("[data-chart] svg").count() == len(states)


def unmarked(text: str) -> str:
    """The text without the mark of figures computed from illustrative records (the portfolio
    figures of the demo are: most of its 69 project records are illustrative)."""
    return text.replace(MARK, "")


def test_every_role_signs_in_and_sees_the_dashboard_with_its_charts(page):
    page.goto(page.base + "/")
    charts_drawn(page)
    assert "69 projects" in unmarked(page.content())
    shot(page, "dashboard-anonymous")
    for role in ROLES:
        page.context.clear_cookies()
        sign_in(page, role)
        # Officers and secretariats land on "My work"; the overview is one click away.
        page.goto(page.base + "/")
        if "My work" in page.inner_text("h1"):
            # The click starts the navigation; wait for the overview to load before looking
            # for its charts, or the look may find My work, which has none.
            page.click("text=The commission at a glance (overview)")
            page.wait_for_url("**/overview/**")
        charts_drawn(page)
        body = unmarked(page.inner_text("main"))
        assert "69 projects" in body and "$3.1 billion" in body
        assert "12 projects" in body and "$217 million" in body
        assert "3 projects" in body and "$178 million" in body
        shot(page, f"dashboard-{role}")
    assert page.errors == []


def test_switching_to_russian_translates_the_dashboard(page):
    sign_in(page, "kz-secretariat")
    page.goto(page.base + "/overview/")
    page.select_option("#language", "ru")
    page.wait_for_load_state("networkidle")
    charts_drawn(page)
    body = page.inner_text("main")
    assert "3,1 млрд долл. США" in body
    assert "Портфель промышленной кооперации" in body
    shot(page, "dashboard-ru")
    assert page.errors == []


def test_the_pdf_briefing_downloads_with_its_figures(page, tmp_path):
    sign_in(page, "kz-secretariat")
    page.goto(page.base + "/overview/")
    with page.expect_download() as info:
        page.click("[data-download=pdf-en]")
    path = tmp_path / "briefing.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    pdftotext = require_tool("pdftotext", "poppler-utils: apt-get install poppler-utils")
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = unmarked(text)
    for figure in ("69 projects", "$3.1 billion", "$217 million", "$178 million",
                   "more than $1.2 billion", "500 thousand tonnes", "100 hectares"):
        assert figure in text
