"""The language switch through English, Russian, Kazakh and Uzbek, in a real browser."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from bilat.briefings.formatting import money

from .conftest import shot, sign_in
from .test_dashboard import charts_drawn

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_switch_goes_through_all_four_languages(page):
    sign_in(page, "kz-secretariat")
    page.goto(page.base + "/overview/")
    for lang in ("ru", "kk", "uz", "en"):
        page.select_option("#language", lang)
        page.wait_for_load_state("networkidle")
        charts_drawn(page)
        assert page.get_attribute("html", "lang") == lang
        with translation.override(lang):
            words = [gettext("Meetings"), gettext("Decisions"),
                     gettext("Industrial cooperation portfolio")]
        body = page.inner_text("body")
        assert [w for w in words if w not in body] == [], lang
        assert money(Decimal("3100"), lang) in body, lang
        shot(page, f"dashboard-{lang}")
    assert page.errors == []
