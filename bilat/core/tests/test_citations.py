import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from bilat.core.citations import citation, month_span, published_on

CITED = "Kazinform, 7 Aug 2024 (Deputy Prime Minister); kun.uz, Jan 2025; Kazinform, 2025"


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", CITED),
    ("ru", "Kazinform, 7 авг. 2024\u00a0г. (Deputy Prime Minister); kun.uz, янв. 2025\u00a0г.; "
           "Kazinform, 2025"),
    ("kk", "Kazinform, 2024\u00a0ж. 7 там. (Deputy Prime Minister); kun.uz, 2025\u00a0ж. қаң.; "
           "Kazinform, 2025"),
    ("uz", "Kazinform, 7-avg, 2024 (Deputy Prime Minister); kun.uz, yan, 2025; Kazinform, 2025"),
])
def test_a_citation_names_its_dates_in_the_readers_language(lang, shown):
    assert citation(CITED, lang) == shown


@pytest.mark.parametrize("text", ["", "Demo data: illustrative", "GMK Center, 2024",
                                  "Jobs 2024 planned", "BNS, 31 Feb 2024"])
def test_a_citation_without_a_day_or_month_is_left_as_written(text):
    assert citation(text, "ru") == text


def test_the_date_a_citation_names_is_read_the_same_as_before():
    assert published_on("Trend, 1 Feb 2026") == datetime.date(2026, 2, 1)
    assert published_on("GMK Center, 2024; kun.uz, Jan 2025") == datetime.date(2024, 1, 1)
    assert published_on("no date") is None


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load translated %}{{ source|citation }}")
    with translation.override("ru"):
        assert template.render(Context({"source": "Trend, 1 Feb 2026"})) == \
            "Trend, 1 февр. 2026\u00a0г."


@pytest.mark.parametrize(("lang", "shown"), [
    ("ru", "BNS, янв. — апр. 2024\u00a0г."), ("kk", "BNS, 2024\u00a0ж. қаң.–сәу."),
    ("uz", "BNS, yan – apr, 2024"), ("en", "BNS, Jan–Apr 2024")])
def test_a_span_of_months_is_written_as_one(lang, shown):
    assert citation("BNS, Jan–Apr 2024", lang) == shown
    assert published_on("BNS, Jan–Apr 2024") == datetime.date(2024, 4, 1)


def test_a_period_of_months_reads_in_the_readers_language():
    first, last = datetime.date(2023, 1, 1), datetime.date(2023, 10, 31)
    assert month_span(first, last, "ru") == "янв. — окт. 2023\u00a0г."
    assert month_span(first, first, "uz") == "yan, 2023"
