"""``{{ entry|record_url }}``: the page of the record a change-log entry is about, if it has one.

A part (a decision's side, a meeting's agenda item) links to its parent's page; a record that
was deleted, or has no page, links nowhere.
"""

from django import template
from django.apps import apps

register = template.Library()

# A part's way to its parent, where the part has no page of its own.
PARENTS = ("decision", "meeting", "project", "target", "protocol", "report", "decision_side")


def _page_of(record, depth: int = 0):
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    if depth > 3:
        return ""
    for name in PARENTS:
        parent = getattr(record, name, None)
        if parent is not None and parent is not record:
            return _page_of(parent, depth + 1)
    return ""


@register.filter
def record_url(entry) -> str:
    try:
        model = apps.get_model(entry.object_type)
        record = model._default_manager.filter(pk=entry.object_id).first()
    except (LookupError, ValueError):
        return ""
    return _page_of(record) if record is not None else ""


@register.filter
def repr_language(entry) -> str:
    """The language a change-log entry's record is named in, where the record says so (a press
    release's title is in the release's language: ``repr_language``), else "": the page marks
    the name with it (``lang="en"``) rather than take a quoted English title for its own."""
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return ""
    if not hasattr(model, "repr_language"):
        return ""
    record = model._default_manager.filter(pk=entry.object_id).first()
    return record.repr_language if record is not None else ""
