"""A project's sources and a portfolio figure's source and note in the reader's language: stored
per language, Kazakh and Uzbek readers given the Russian text where there is none of theirs, and
told so (issue 14)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bilat.demo.tests.conftest import demo, demo_module  # noqa: F401
from bilat.projects.models import PortfolioFigure, Project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _page(client, url: str, lang: str) -> str:
    client.force_login(get_user_model().objects.get(username="admin"))
    client.cookies["django_language"] = lang
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_russian_reader_gets_a_projects_russian_sources(client):
    project = Project.objects.get(code="IC-BILLET")
    assert project.sources_ru and project.sources_en != project.sources_ru
    html = _page(client, reverse("projects:detail", args=[project.pk]), "ru")
    sources = re.search(r"<dt>Источники</dt><dd>(.*?)</dd>", html, re.S)[1]
    assert sources == project.sources_ru  # no "(in English)" note, no English words


@pytest.mark.parametrize("lang", ["kk", "uz"])
def test_a_kazakh_or_uzbek_reader_gets_the_russian_sources_and_is_told_so(client, lang):
    project = Project.objects.get(code="IC-BILLET")
    html = _page(client, reverse("projects:detail", args=[project.pk]), lang)
    assert project.sources_ru in html
    assert '<span class="lang-note" lang="ru">' in html


def test_the_edit_form_keeps_each_languages_sources_marked_with_it(client):
    project = Project.objects.get(code="IC-BILLET")
    html = _page(client, reverse("projects:edit", args=[project.pk]), "ru")
    fields = {name: tag for tag in re.findall(r"<textarea[^>]*>", html)
              for name in re.findall(r'name="(sources_\w+)"', tag)}
    assert 'lang="en"' in fields["sources_en"] and 'lang="ru"' in fields["sources_ru"]


@pytest.mark.parametrize("lang", ["ru", "kk", "uz"])
def test_the_portfolio_shows_each_figures_note_in_the_readers_language(client, lang):
    figure = PortfolioFigure.objects.get(rule__code="ic-pipeline", origin="reported")
    computed = PortfolioFigure.objects.filter(origin="computed").first()
    html = _page(client, reverse("projects:portfolio"), lang)
    assert getattr(figure, f"note_{lang}") in html and figure.note_en not in html
    assert getattr(computed, f"note_{lang}") in html and computed.note_en not in html
    # The source is kept in English and Russian: the Russian one for every reader but English's.
    assert figure.source_ru.split(" (")[0] in html and figure.source_en not in html
    if lang != "ru":
        assert '<span class="lang-note" lang="ru">' in html


def test_a_note_typed_on_the_portfolio_is_kept_in_its_authors_language(client):
    html = _page(client, reverse("projects:portfolio"), "kk")
    assert html
    response = client.post(reverse("projects:portfolio_record", args=["ic-portfolio"]),
                           {"note": "Тексерілді", "access_tier": "public"})
    assert response.status_code in (200, 302)
    figure = PortfolioFigure.objects.filter(origin="computed").order_by("-pk").first()
    assert (figure.note_kk, figure.note_en, figure.note_ru) == ("Тексерілді", "", "")
