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
