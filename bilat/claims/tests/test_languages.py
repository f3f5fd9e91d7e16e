"""Claims in the reader's language: indicators, values with their units, periods, the registry
records an explanation names, and the release's own words marked as the release's (issue 14)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from bilat.claims.messages import msg, period_label, quantity, render, render_html
from bilat.claims.models import Document
from bilat.projects.models import PortfolioRule
from bilat.targets.models import Target


def test_a_value_is_worded_with_its_unit_in_each_language():
    assert quantity(100, "hectares", "en") == "100 hectares"
    assert quantity(100, "hectares", "ru") == "100 гектаров"
    assert quantity(1, "projects", "ru") == "1 проект"
    assert quantity(69, "projects", "kk") == "69 жоба"
    assert quantity(69, "projects", "uz") == "69 loyiha"
    assert quantity(1_000_000, "tonnes_per_year", "ru") == "1\u00a0000\u00a0000 тонн в год"
    # Money and percentages as a release writes them.
    assert quantity(4.4e9, "USD", "ru") == "4,4 млрд долл. США"
    assert quantity(4.5, "percent", "uz") == "4,5 %"


def test_a_period_in_words_outside_english():
    assert period_label("medium_term", "en") == "medium_term"
    assert period_label("medium_term", "ru") == "среднесрочная перспектива"
    assert period_label("2023", "kk") == "2023"
    # Months and spans of years as the reader writes them, not the extractor's codes.
    assert period_label("2024-01..2024-04", "en") == "2024-01..2024-04"
    assert period_label("2024-01..2024-04", "ru") == "янв. — апр. 2024\u00a0г."
    assert period_label("2024-03", "uz") == "mar, 2024"
    assert period_label("2018..2023", "kk") == "2018–2023"


def test_a_registry_record_is_named_in_the_readers_language_with_the_checkers_english_kept():
    source = msg("source.rule", rule={"named": {"en": "Industrial cooperation portfolio",
                                                "ru": "Портфель промышленной кооперации"},
                                      "code": "ic-portfolio"})
    fact = msg("data.registry_fact", value={"n": 69, "unit": "projects"}, source=source)
    assert render(fact) == "69 (the registry, rule ic-portfolio)"
    assert "«Портфель промышленной кооперации»" in render(fact, "ru")
    # Kazakh falls back to the Russian title, as records do.
    assert "«Портфель промышленной кооперации»" in render(fact, "kk")
    assert "registry" not in render(fact, "ru")


def test_a_reporter_in_words_and_a_country_as_its_code():
    fact = msg("data.fact", value={"n": 1e9, "unit": "USD"}, reporter={"reporter": "mirror"},
               source="BACI")
    assert render(fact) == "$1 bn (mirror, BACI)"
    assert render(fact, "ru") == "1 млрд долл. США (зеркальные данные, BACI)"
    country = msg("data.fact", value={"n": 1e9, "unit": "USD"}, reporter={"reporter": "KZ"},
                  source="x")
    assert "(KZ, x)" in render(country, "uz")


def test_a_quotation_of_the_release_is_marked_with_its_language_on_a_page():
    stated = msg("stated_at", value={"n": 4.5e9, "unit": "USD"},
                 text={"quote": "$4.5 <billion>"}, start=934)
    assert render(stated) == "$4.5 bn ('$4.5 <billion>' at 934)"
    html = str(render_html(stated, "ru", "en"))
    assert '<span lang="en">&#x27;$4.5 &lt;billion&gt;&#x27;</span>' in html
    assert "4,5 млрд долл. США" in html



def test_without_quotes_a_message_gives_where_the_release_says_it_not_its_words():
    stated = msg("stated_at", value={"n": 4.5e9, "unit": "USD"},
                 text={"quote": "$4.5 billion"}, start=934)
    two = msg("two_values.rounding", indicator={"indicator": "trade_turnover"},
              period={"period": "2023"}, stated={"join": "and", "items": [stated, stated]})
    assert render(stated, "ru", quotes=False) == "4,5 млрд долл. США (позиция 934)"
    assert render(stated, "kk", quotes=False) == "4,5 млрд АҚШ доллары (934-позиция)"
    assert render(stated, "en", quotes=False) == "$4.5 bn (at 934)"
    nested = render(two, "ru", quotes=False)
    assert "billion" not in nested and nested.count("(позиция 934)") == 2
    # The default quotes, and a nested message worded afterwards quotes again.
    assert "'$4.5 billion'" in render(two, "ru")
@pytest.mark.django_db
def test_the_russian_claim_pages_name_indicators_units_and_registry_records_in_russian(
        demo, client, with_warehouse):
    client.force_login(get_user_model().objects.get(username="admin"))
    client.cookies["django_language"] = "ru"
    flagged = client.get(reverse("claims:flagged")).content.decode()
    # The filter's choices: each indicator by its name, not its code.
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', flagged)
    labels = dict(options)
    assert labels["trade_turnover"] == "товарооборот"
    assert labels["projects_count"] == "число проектов"

    document = Document.objects.filter(claims__indicator="projects_count").first()
    page = client.get(reverse("claims:document", args=[document.pk])).content.decode()
    assert f'<h1 lang="{document.language}">' in page
    claim = document.claims.filter(indicator="projects_count").first()
    with translation.override("ru"):
        assert claim.value_label in page and claim.value_label.endswith("проектов")
    # The registry's rule and target by their Russian titles, not a slug or an English title.
    rule = PortfolioRule.objects.get(code="ic-portfolio")
    assert f"«{rule.title_ru}»" in page and "ic-portfolio" not in page
    targeted = document.claims.filter(indicator="trade_turnover_target",
                                      explanation__contains="target")
    if targeted.exists():
        target = Target.objects.get(title_en__in=[
            t.title_en for t in Target.objects.all() if t.title_en in targeted[0].explanation])
        assert f"«{target.title_ru}»" in page and target.title_en not in page


@pytest.mark.django_db
def test_the_change_log_marks_a_release_title_with_the_releases_language(demo, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    client.cookies["django_language"] = "ru"
    document = Document.objects.filter(language="en").first()
    html = client.get(f"/changes/?object_type=claims.document&object_id={document.pk}"
                      ).content.decode()
    assert re.search(r'<span lang="en"><a href="[^"]+">' + re.escape(str(document)), html)
