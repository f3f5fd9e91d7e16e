"""The project list's filter form sends only what the user chose (issue 13's defects)."""

import re

import pytest
from django.test import Client

from bilat.directory.tests.factories import make_sides
from bilat.projects.models import ProjectLocation
from bilat.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def blank_form_values(html: str) -> dict:
    """What the browser sends when the filter form is submitted untouched: each select's first
    option (its blank), each text box empty."""
    form = html[html.index('<form method="get" class="filters"'):]
    form = form[:form.index("</form>")]
    values = {}
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        first = re.search(r'<option value="([^"]*)"', body)
        values[name] = first.group(1) if first else ""
    for name in re.findall(r'<input type="text" name="([^"]+)"', form):
        values[name] = ""
    return values


def test_an_untouched_filter_form_filters_nothing_and_finds_a_place():
    kz, _uz = make_sides()
    project = make_project("IC-EMZ", stage=2, access_tier="public")
    ProjectLocation.objects.create(project=project, side=kz, region_en="Zhambyl region",
                                   place_en="Taraz")
    client = Client()
    page = client.get("/projects/")
    assert b"---------" not in page.content
    values = blank_form_values(page.content.decode())
    assert values["stage"] == "" and values["aggregation_eligible"] == ""
    found = client.get("/projects/", {**values, "q": "Taraz"})
    assert found.status_code == 200
    assert b"IC-EMZ" in found.content


def test_launched_by_names_each_decision_once_with_a_link():
    from bilat.decisions.tests.factories import make_decision

    decision = make_decision("IGC21-02", access_tier="public")
    decision.title_en = "Build the logistics hub"
    decision.save()
    project = make_project("IC-LINK", access_tier="public")
    project.launched_by.add(decision)
    html = Client().get(f"/projects/{project.pk}/").content.decode()
    section = html.split("Launched by", 1)[1].split("</ul>", 1)[0]
    assert section.count("IGC21-02") == 1
    assert f'href="{decision.get_absolute_url()}"' in section and decision.title_en in section


def test_amounts_are_grouped_and_rounded_in_the_readers_language():
    from decimal import Decimal

    project = make_project("IC-VALUE", access_tier="public", value_planned=Decimal("54200000.00"),
                           value_planned_usd=Decimal("54200000.00"), jobs_planned=2705)
    english = Client().get(f"/projects/{project.pk}/").content.decode()
    assert "54,200,000 USD" in english and "54,200,000.00" not in english
    listing = Client().get("/projects/").content.decode()
    assert "54,200,000" in listing and "54,200,000.00" not in listing
    russian = Client(headers={"Cookie": "django_language=ru"}).get(f"/projects/{project.pk}/")
    assert "54\xa0200\xa0000 USD" in russian.content.decode()


def test_the_overview_groups_the_jobs_of_its_stage_table():
    from django.core.cache import cache

    cache.clear()
    make_project("IC-JOBS", access_tier="public", jobs_planned=2705)
    page = Client().get("/overview/").content.decode()
    stages = page.split('id="stages"', 1)[1].split("</table>", 1)[0]
    assert ">2,705<" in stages and ">2705<" not in stages
    assert "need not agree" in stages  # says why it differs from the cards above
