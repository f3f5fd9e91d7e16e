"""Stored portfolio figures: each is shown only to readers of its tier, computed from what they see.

Issue 8, item 4: after a secretariat stored a computed figure, anonymous
``GET /api/v1/portfolio-figures/`` listed the ids of official and restricted projects, and the
public portfolio page showed totals that counted them.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bilat.core.models import AccessTier
from bilat.projects import services
from bilat.projects.models import PortfolioFigure, Project
from bilat.projects.tests.factories import make_cast, make_partner, make_project, make_rule

pytestmark = pytest.mark.django_db


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.fixture
def world():
    cast = make_cast()
    public = make_project("PUB", value_planned_usd=Decimal("100"), jobs_planned=1)
    official = make_project("OFF", access_tier="official", value_planned_usd=Decimal("20"),
                            jobs_planned=2)
    restricted = make_project("RES", access_tier="restricted", value_planned_usd=Decimal("3"),
                              jobs_planned=4)
    make_partner(restricted, cast.kz_partner)
    return cast, make_rule(), {"public": public, "official": official, "restricted": restricted}


def _figures(api) -> list[tuple]:
    return [(f["access_tier"], f["project_count"], f["value_usd"], f["project_ids"])
            for f in api.get("/api/v1/portfolio-figures/").json()["results"]]


def test_a_stored_figure_counts_only_the_projects_of_its_tier(world):
    """The issue's request: anonymous sees the figure, and it names public projects only."""
    cast, rule, p = world
    figure = services.record_computed_figure(rule, actor=cast.users["secretariat_kz"])
    assert figure.access_tier == AccessTier.PUBLIC
    assert (figure.project_count, figure.value_usd, figure.jobs) == (1, Decimal("100"), 1)
    assert figure.project_ids == [p["public"].pk]
    assert _figures(_api()) == [("public", 1, "100.00", [p["public"].pk])]


def test_an_official_or_restricted_figure_is_shown_only_to_its_readers(world):
    cast, rule, p = world
    secretariat = cast.users["secretariat_kz"]
    services.record_computed_figure(rule, actor=secretariat, access_tier="official")
    services.record_computed_figure(rule, actor=secretariat, access_tier="restricted")
    all_ids = sorted(x.pk for x in p.values())
    assert _figures(_api()) == []
    assert _figures(_api(cast.users["viewer"])) == [
        ("official", 2, "120.00", sorted([p["public"].pk, p["official"].pk]))]
    # The restricted project's partner sees that project, not a figure that counts every one.
    assert [f[0] for f in _figures(_api(cast.users["officer_kz_partner"]))] == ["official"]
    assert sorted(_figures(_api(cast.users["secretariat_uz"]))) == [
        ("official", 2, "120.00", sorted([p["public"].pk, p["official"].pk])),
        ("restricted", 3, "123.00", all_ids)]


def test_a_project_made_official_later_drops_out_of_the_ids_the_public_sees(world):
    cast, rule, p = world
    services.record_computed_figure(rule, actor=cast.users["secretariat_kz"])
    Project.objects.filter(pk=p["public"].pk).update(access_tier="official")
    # The published aggregate stays what it was; the record it no longer may see is not named.
    assert _figures(_api()) == [("public", 1, "100.00", [])]
    assert _figures(_api(cast.users["viewer"]))[0][3] == [p["public"].pk]


def test_the_public_portfolio_page_shows_no_total_counting_hidden_projects(client, world):
    cast, rule, p = world
    services.record_computed_figure(rule, actor=cast.users["secretariat_kz"],
                                    access_tier="restricted", note="All of it")
    page = client.get(reverse("projects:portfolio")).text
    assert "All of it" not in page and "123" not in page
    client.force_login(cast.users["secretariat_uz"])
    page = client.get(reverse("projects:portfolio")).text
    assert "All of it" in page and "123" in page


def test_the_secretariat_chooses_the_tier_a_figure_is_published_at_on_the_page(client, world):
    cast, rule, p = world
    client.force_login(cast.users["secretariat_kz"])
    response = client.post(reverse("projects:portfolio_record", args=[rule.code]),
                           {"note": "", "access_tier": "official"})
    assert response.status_code == 302
    figure = PortfolioFigure.objects.get(origin="computed")
    assert (figure.access_tier, figure.project_count) == ("official", 2)
    bad = client.post(reverse("projects:portfolio_record", args=[rule.code]),
                      {"access_tier": "secret"})
    assert bad.status_code == 400
    assert PortfolioFigure.objects.filter(origin="computed").count() == 1


def test_the_migration_publishes_a_figure_stored_before_at_its_strictest_project_tier(world):
    from importlib import import_module

    from django.apps import apps

    cast, rule, p = world
    migration = import_module("bilat.projects.migrations.0003_portfolio_figure_access_tier")
    make = PortfolioFigure.objects.create
    old = make(rule=rule, origin="computed", project_count=2,
               project_ids=[p["public"].pk, p["official"].pk])
    everything = make(rule=rule, origin="computed", project_count=3,
                      project_ids=[x.pk for x in p.values()])
    public = make(rule=rule, origin="computed", project_count=1, project_ids=[p["public"].pk])
    reported = make(rule=rule, origin="reported", project_count=69, source_en="Kazinform")
    migration.publish_stored_figures_at_their_projects_tier(apps, None)
    tiers = dict(PortfolioFigure.objects.values_list("pk", "access_tier"))
    assert [tiers[f.pk] for f in (old, everything, public, reported)] == [
        "official", "restricted", "public", "public"]
