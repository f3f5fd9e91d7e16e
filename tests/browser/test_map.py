"""The dashboard's map in a real browser: a sector chosen redraws it with only its projects."""

import pytest

from .conftest import shot
from .test_dashboard import charts_drawn

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROWS = "#project-map .chart-data tbody tr"


def test_choosing_a_sector_redraws_the_map_in_place_with_only_its_projects(page):
    page.goto(page.base + "/")
    charts_drawn(page)
    everything = page.locator(ROWS).count()
    page.select_option("#project-map select[name=sector]", "transport")
    page.wait_for_function(
        "n => document.querySelectorAll('" + ROWS + "').length < n"
        " && document.querySelector('#project-map [data-chart]').dataset.drawn", arg=everything,
        timeout=20000)
    charts_drawn(page)
    rows = page.locator(ROWS).all_text_contents()
    assert 0 < len(rows) < everything
    assert any("Darbaza" in row for row in rows)
    assert page.locator("#project-map [data-chart] svg").count() == 1
    assert page.url.rstrip("/") == page.base  # the dashboard stays; only the map was redrawn
    shot(page, "dashboard-map-transport")
    assert page.errors == []
