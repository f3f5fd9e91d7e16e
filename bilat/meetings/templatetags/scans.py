"""``{% protocol_scans meeting %}``: the signed protocol's scans and, for a secretariat, the form."""

from django import template

from bilat.accounts.policy import Action, can, visible

from ..models import ProtocolScan

register = template.Library()


@register.inclusion_tag("meetings/_protocol_scans.html", takes_context=True)
def protocol_scans(context, meeting):
    user = context["request"].user
    found = visible(user, ProtocolScan.objects.filter(protocol__meeting=meeting))
    return {"meeting": meeting, "scans": list(found),
            "can_attach": can(user, Action.CHANGE, meeting) and hasattr(meeting, "protocol"),
            "csrf_token": context.get("csrf_token")}
