"""Template tags for showing the change log."""

from django import template

from bilat.core.changelog import DescribedEntry, describe_changes

register = template.Library()


@register.simple_tag(takes_context=True, name="describe_changes")
def describe_changes_tag(context, entries) -> list[DescribedEntry]:
    """``{% describe_changes history as rows %}``: the entries with their changes described for
    the reader (field names, labels of referenced records)."""
    request = context.get("request")
    return describe_changes(entries or [], user=getattr(request, "user", None))
