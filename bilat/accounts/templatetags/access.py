"""Template filters of the access policy: name a related record only to those who may see it."""

from django import template

from bilat.accounts.policy import shown, shown_all

register = template.Library()


@register.filter
def shown_to(record, user):
    """``{% with meeting=decision.meeting|shown_to:user %}``: the record, or None if hidden."""
    return shown(user, record)


@register.filter
def all_shown_to(records, user) -> list:
    """``{% for d in project.launched_by.all|all_shown_to:user %}``: the ones the user sees."""
    return shown_all(user, records)
