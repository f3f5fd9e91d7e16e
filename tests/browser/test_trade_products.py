"""The trade product search in a real browser: type a word, follow a product, see its chart."""

import pytest

from .conftest import ARTIFACTS, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trade_page(browser, live_server, settings, tmp_path):
    """A live server over the trade demo warehouse alone (the registry is not needed)."""
    from bilat.trade.demo import load_demo
    from bilat.trade.warehouse import forget_readers

    settings.TRADE_WAREHOUSE = tmp_path / "warehouse.duckdb"
    load_demo(progress=None, warehouse=settings.TRADE_WAREHOUSE)
    forget_readers()
    context = browser.new_context(locale="en-GB")
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.base = live_server.url
    yield pg
    context.close()
    forget_readers()


def test_the_product_search_leads_to_a_product_page_with_its_chart(trade_page):
    page = trade_page
    page.goto(page.base + "/trade/")
    page.fill("#trade-product-search input[name=q]", "wheat")
    page.click("#trade-product-search button[type=submit]")
    page.wait_for_selector("#product-hits")
    page.click("#product-hits a >> text=100199")
    page.wait_for_selector("#product-flows")
    assert "KZ → UZ" in page.inner_text("#product-flows")
    page.wait_for_function(
        "() => document.querySelector('[data-chart=trade-product]').dataset.drawn",
        timeout=20000)
    assert page.get_attribute("[data-chart=trade-product]", "data-drawn") == "true"
    assert page.locator("[data-chart=trade-product] svg").count() == 1
    shot(page, "trade-product")
    assert not page.errors, page.errors


def test_the_pair_page_draws_its_trade_charts_in_russian_too(trade_page):
    page = trade_page
    page.goto(page.base + "/trade/KZ-UZ/")
    for lang in ("en", "ru"):
        page.select_option("#language", lang)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-chart]')].every(el => el.dataset.drawn)",
            timeout=20000)
        states = page.eval_on_selector_all("[data-chart]", "els => els.map(e => e.dataset.drawn)")
        # Series, mirror gap, products by section and the product themes over the years.
        assert len(states) == 4 and set(states) == {"true"}, states
        page.locator("#charts").screenshot(path=str(ARTIFACTS / f"trade-pair-{lang}.png"))
    assert not page.errors, page.errors


def test_a_russian_reader_finds_a_product_by_russian_words_and_reads_its_russian_name(
        trade_page):
    page = trade_page
    page.goto(page.base + "/trade/")
    page.select_option("#language", "ru")
    page.wait_for_selector("html[lang=ru]")
    page.fill("#trade-product-search input[name=q]", "виноград сушёный")
    page.click("#trade-product-search button[type=submit]")
    page.wait_for_selector("#product-hits")
    assert "Виноград; сушёный" in page.inner_text("#product-hits")
    page.click("#product-hits a >> text=080620")
    page.wait_for_selector("#product-flows")
    assert page.inner_text("h1") == "HS 080620 Виноград; сушёный"
    page.select_option("#language", "kk")
    page.wait_for_selector("html[lang=kk]")
    # The Kazakh reader gets the Russian name, marked as Russian.
    assert page.inner_text("h1 [lang=ru]") == "Виноград; сушёный"
    assert not page.errors, page.errors
