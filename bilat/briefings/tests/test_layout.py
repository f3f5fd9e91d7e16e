"""The PDF pack fits its A4 pages in every language: no text and no chart outside the page's
content box (issue 14: the Russian pace table's "Сигнал" column ran off the page)."""

import pytest

from bilat.briefings.render import to_html

from .test_demo_briefing import meeting21 as demo_meeting21
from .test_pack import pack

pytestmark = [pytest.mark.slow, pytest.mark.engine_neutral]  # WeasyPrint's layout: SQLite only


def _boxes(box):
    """The boxes of a page's content (its margin boxes, header and footer, aside)."""
    yield box
    for child in getattr(box, "children", None) or ():
        if type(child).__name__ != "MarginBox":
            yield from _boxes(child)


def outside_the_page(html: str) -> list[tuple[int, str, float]]:
    """(page, what, points beyond the content box) of each text or picture laid out outside
    its page's content box by WeasyPrint."""
    from weasyprint import HTML

    out = []
    for number, page in enumerate(HTML(string=html).render().pages, 1):
        box = page._page_box
        left, top = box.content_box_x(), box.content_box_y()
        right, bottom = left + box.width, top + box.height
        for b in _boxes(box):
            kind = type(b).__name__
            if kind not in ("TextBox", "InlineReplacedBox", "BlockReplacedBox"):
                continue
            x2, y2 = b.position_x + b.margin_width(), b.position_y + b.margin_height()
            beyond = max(x2 - right, y2 - bottom, left - b.position_x, top - b.position_y)
            if beyond > 0.5:  # half a point: rounding
                out.append((number, getattr(b, "text", kind)[:40], round(beyond, 1)))
    return out


def _signal(lang: str) -> str:
    from django.utils import translation

    with translation.override(lang):
        return translation.gettext("Signal")


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "uz"])
def test_the_pdf_pack_keeps_every_text_and_chart_inside_its_pages(lang):
    briefing = pack(lang)
    html = to_html(briefing, for_pdf=True)
    assert outside_the_page(html) == []
    # The pace table with its last column, and every chart as a picture, are in the pack.
    assert "<th scope=\"col\">" + _signal(lang) + "</th>" in html
    assert html.count("data:image/png;base64,") == sum(
        1 for s in briefing.sections for c in s.charts if c.table.rows)


meeting21 = demo_meeting21  # the demo with its trade warehouse, as the demo pack's tests use


def test_the_demo_pack_of_the_21st_session_fits_its_pages_in_every_language(
        meeting21):  # noqa: F811 - the fixture above
    from bilat.briefings import services

    snapshot = services.snapshot_for(meeting21, actor=None)
    for lang in ("en", "ru", "kk", "uz"):
        assert outside_the_page(to_html(services.briefing_of(snapshot, lang),
                                        for_pdf=True)) == [], lang
