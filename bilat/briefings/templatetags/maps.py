"""The map of one project's places, for the project's own page."""

from __future__ import annotations

from django import template
from django.db.models import Q

from bilat.briefings.dashboard import map_chart, map_points

register = template.Library()


@register.inclusion_tag("briefings/_project_map.html", takes_context=True)
def project_map(context, project) -> dict:
    """The project's located places and those of its parts, with its line if it is a linear
    work; nothing when none has coordinates."""
    from bilat.projects.models import Project

    points = map_points(context["request"].user,
                        Project.objects.filter(Q(pk=project.pk) | Q(parent=project.pk)))
    if not points:
        return {"chart": None}
    return {"chart": map_chart(points, title=str(project.title))}
