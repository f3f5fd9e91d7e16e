"""The dashboard map on the demo: every located project, the three transport lines (issue 14)."""

from bilat.briefings.dashboard import linear_works, map_chart, map_points
from bilat.projects.models import ProjectLocation


def test_every_demo_location_is_on_the_map_with_the_transport_lines(demo):
    located = ProjectLocation.objects.filter(latitude__isnull=False)
    assert located.count() == ProjectLocation.objects.count() > 70
    points = map_points(None)  # the public
    public_locations = ProjectLocation.objects.filter(project__access_tier="public").count()
    assert len(points) == public_locations
    lines = {f["properties"]["project"] for f in linear_works({p["code"] for p in points})}
    assert lines == {"TR-DARBAZA", "TR-ALMATY-BYPASS", "TR-DOSTYK"}
    chart = map_chart(points)
    layers = chart.spec["layer"]
    assert layers[1]["mark"]["strokeDash"] == [6, 4]  # lines are sketches: dashed
    assert len(layers[1]["data"]["values"]) == 3
    # Town-level coordinates are marked as such, on the map and in its table.
    assert all(p["approximate"] for p in points)  # no public source gives a site's own
    assert any(row[4].endswith("≈") for row in chart.table.rows)


def _codes(response) -> set[str]:
    return {p["code"] for p in response.context["chart"].spec["layer"][2]["data"]["values"]}


def test_the_map_shows_only_the_projects_of_the_sector_and_stage_chosen(demo, client):
    from django.urls import reverse

    from bilat.projects.models import Project

    url = reverse("briefings:map")
    everything = _codes(client.get(url))
    assert everything == {p["code"] for p in map_points(None)}  # the dashboard's
    transport = client.get(url, {"sector": "transport"})
    assert transport.status_code == 200
    assert _codes(transport) == everything & set(
        Project.objects.filter(sector__code="transport").values_list("code", flat=True))
    lines = transport.context["chart"].spec["layer"][1]["data"]["values"]
    assert {f["properties"]["project"] for f in lines} == {
        "TR-DARBAZA", "TR-ALMATY-BYPASS", "TR-DOSTYK"}
    closed = client.get(url, {"sector": "transport", "stage": Project.Stage.CLOSED})
    assert _codes(closed) == {"TR-DOSTYK"}
    # htmx redraws the map alone; a stage that does not exist is the form's error.
    fragment = client.get(url, {"stage": 4}, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b'id="project-map"' in fragment.content
    assert b'id="spec-map"' in fragment.content
    assert client.get(url, {"stage": 99}).status_code == 400


def test_the_dashboard_map_carries_the_filters_that_redraw_it(demo, client):
    from django.urls import reverse

    page = client.get(reverse("work:overview")).content.decode()
    assert 'id="project-map"' in page and 'name="sector"' in page and 'name="stage"' in page
    assert page.count('id="spec-map"') == 1


def test_a_project_page_shows_its_places_and_its_line_on_a_map(demo, client):
    from bilat.projects.models import Project

    darbaza = Project.objects.get(code="TR-DARBAZA")
    page = client.get(darbaza.get_absolute_url())
    html = page.content.decode()
    assert 'data-chart="map"' in html and 'id="spec-map"' in html
    assert "vendor/vega-embed.js" in html
    assert '"project": "TR-DARBAZA"' in html  # its line
    assert "TR-DOSTYK" not in html  # another project's line is not
