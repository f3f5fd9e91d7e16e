"""``{% conversation decision %}``: the comments on a decision's sides, for those who take part."""

from django import template

from bilat.accounts.policy import Action, can

from ..services import comments_for

register = template.Library()


@register.inclusion_tag("work/_conversation.html", takes_context=True)
def conversation(context, decision):
    request = context["request"]
    user = request.user
    taking_part = can(user, Action.COMMENT, decision)
    by_side = comments_for(user, decision) if taking_part else {}
    sides = [(part, by_side.get(part.side_id, [])) for part in decision.side_parts()]
    return {"decision": decision, "sides": sides, "taking_part": taking_part,
            "request": request, "csrf_token": context.get("csrf_token")}
