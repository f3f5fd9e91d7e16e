"""``{{ entry|entry_record|page_of }}``: the page of the record a change-log entry is about, if
it has one.

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
def entry_record(entry):
    """The record a change-log entry is about, as it is now; None when it is gone (the page then
    names it as the log last knew it, ``entry.object_repr``). Read once per row: the row's link
    (``page_of``), label and language come from it."""
    try:
        model = apps.get_model(entry.object_type)
        key = int(entry.object_id) if entry.object_id.isdigit() else entry.object_id
        return model._default_manager.filter(pk=key).first()
    except (LookupError, ValueError):
        return None


@register.filter
def page_of(record) -> str:
    """The page of a record, or of the record it is part of; "" for one without a page."""
    return _page_of(record) if record is not None else ""
