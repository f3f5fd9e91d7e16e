"""Template tags for showing the change log."""

from django import template

from bilat.core.changelog import (
    DescribedEntry,
    History,
    action_label,
    actor_text,
    channel_label,
    describe_changes,
    describe_history,
    may_see_authors,
    reason_text,
)

register = template.Library()


@register.simple_tag(takes_context=True, name="describe_changes")
def describe_changes_tag(context, entries) -> list[DescribedEntry]:
    """``{% describe_changes history as rows %}``: the entries with their changes described for
    the reader (field names, labels of referenced records)."""
    request = context.get("request")
    return describe_changes(entries or [], user=getattr(request, "user", None))


@register.simple_tag(takes_context=True, name="describe_history")
def describe_history_tag(context, entries, record, limit=None) -> History:
    """``{% describe_history history record [limit] as rows %}``: a record's history for the
    reader (the latest ``limit`` entries described; ``rows.total`` counts them all)."""
    request = context.get("request")
    return describe_history(entries or [], record=record, user=getattr(request, "user", None),
                            limit=limit)


@register.simple_tag(takes_context=True, name="sees_authors")
def sees_authors_tag(context) -> bool:
    """``{% sees_authors as authors %}``: whether the reader may see who made each change."""
    request = context.get("request")
    return may_see_authors(getattr(request, "user", None))


register.filter("action_label", action_label)
register.filter("channel_label", channel_label)
register.filter("reason_text", reason_text)
register.filter("actor_text", actor_text)
