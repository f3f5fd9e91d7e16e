"""Writes of "My work": the conversation on a decision's sides."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from bilat.accounts.models import Role
from bilat.accounts.policy import Action, can, require
from bilat.core.changelog import record_change, snapshot
from bilat.decisions import notices
from bilat.decisions.models import DecisionSide

from .models import Comment

MAX_COMMENT = 4000


def participants(part: DecisionSide):
    """Who takes part in the conversation on a decision: both sides' secretariats and the
    officers of the organisations answerable for it on either side (active users)."""
    decision = part.decision
    orgs = decision.responsible_org_ids(None)
    users = get_user_model().objects.filter(is_active=True).filter(
        Q(profile__role=Role.SECRETARIAT) | Q(profile__role=Role.OFFICER,
                                              profile__organisation_id__in=orgs)
    ).select_related("profile").order_by("pk")
    return [u for u in users if can(u, Action.COMMENT, decision)]


@transaction.atomic
def add_comment(part: DecisionSide, *, actor, text: str) -> Comment:
    """Write a comment on one side's part of a decision; the other participants are notified."""
    decision = part.decision
    require(actor, Action.COMMENT, decision)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("A comment may have at most %(n)s characters.")
                               % {"n": MAX_COMMENT}})
    comment = Comment.objects.create(decision_side=part, author=actor, text=text)
    record_change(comment, action="create", actor=actor, after=snapshot(comment))
    notices.notify(
        participants(part), decision, notices.Kind.COMMENT,
        lambda: (_("Comment on %(decision)s") % {"decision": decision.control_number},
                 _("%(user)s wrote on %(decision)s (side %(side)s): %(text)s")
                 % {"user": actor.get_username(), "decision": decision.control_number,
                    "side": part.side.code, "text": text[:300]}),
        skip=actor,
    )
    return comment


def comments_for(user, decision) -> dict[int, list[Comment]]:
    """The comments on each side of ``decision`` the user may read, by side id (empty when the
    user takes no part in the conversation)."""
    if not can(user, Action.COMMENT, decision):
        return {}
    by_side: dict[int, list[Comment]] = {}
    for comment in Comment.objects.filter(decision_side__decision=decision).select_related(
        "author", "decision_side"
    ):
        by_side.setdefault(comment.decision_side.side_id, []).append(comment)
    return by_side
