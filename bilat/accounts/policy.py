"""The one place that decides who may do what.

Pages, the API, admin actions, imports and the command line all ask ``can``/``require`` and
filter lists with ``visible``. Records take part through a small protocol:

- ``access_tier``: a value of ``AccessTier`` (child records return their parent's);
- ``responsible_org_ids(side_id)``: the organisations answerable for the record on that side
  (lead organisation and co-executors for a decision; partners for a project).

Rules (see docs/access.md):

==============  =======================================================================
role            may
==============  =======================================================================
anonymous       view public records
viewer          view public and official records
officer         view public and official records, and restricted ones its organisation
                answers for; change its own side's part of a record and report on it,
                only where its organisation is responsible and only on its own side
secretariat     view everything; create and edit meetings, decisions, projects, targets;
                change, report on, verify, and control its own side's part only
superuser       everything, including reference data and deletion
==============  =======================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bilat.core.models import AccessTier

from .models import Role


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"  # create a registry record (meeting, decision, project, target)
    CHANGE = "change"  # edit the shared part of a record
    DELETE = "delete"
    CHANGE_SIDE = "change_side"  # edit one side's part (its status, executors)
    REPORT = "report"  # submit an execution report for one side
    VERIFY = "verify"  # accept or return a side's report
    CONTROL = "control"  # remove from control, approve an extension, for one side
    IMPORT = "import"  # bulk-change records from a spreadsheet
    REFERENCE = "reference"  # edit reference data (directory) through the admin
    LIFT_LOCKOUT = "lift_lockout"  # clear an account's or an address's failed sign-ins


@dataclass(frozen=True)
class Actor:
    """What the policy needs to know about a user, read once per request."""

    is_authenticated: bool
    is_superuser: bool
    role: str | None
    side_id: int | None
    organisation_id: int | None

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER


def actor_of(user) -> Actor:
    """The policy's view of a user (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Actor(False, False, None, None, None)
    cached = getattr(user, "_bilat_actor", None)
    if cached is not None:
        return cached
    try:
        profile = user.profile
    except ObjectDoesNotExist:  # a user without a profile is a plain viewer
        profile = None
    actor = Actor(
        True,
        bool(user.is_superuser),
        profile.role if profile else Role.VIEWER,
        profile.side_id if profile else None,
        profile.organisation_id if profile else None,
    )
    user._bilat_actor = actor
    return actor


def visible_tiers(user) -> set[str]:
    """The access tiers a user sees in full (restricted records may be seen case by case)."""
    a = actor_of(user)
    if not a.is_authenticated:
        return {AccessTier.PUBLIC}
    if a.is_superuser or a.is_secretariat:
        return {AccessTier.PUBLIC, AccessTier.OFFICIAL, AccessTier.RESTRICTED}
    return {AccessTier.PUBLIC, AccessTier.OFFICIAL}


def sees_every_tier(user) -> bool:
    """Whether the user sees every record in full, restricted ones included.

    Only such users read the whole change log: its entries carry every record's values.
    """
    return AccessTier.RESTRICTED in visible_tiers(user)


def visible(user, queryset: QuerySet, *, tier_field: str = "access_tier") -> QuerySet:
    """Only the records of ``queryset`` the user may see.

    Models whose restricted records are open to the responsible organisations define
    ``responsible_q(organisation_id)`` on their QuerySet/manager-level model class.
    """
    a = actor_of(user)
    tiers = visible_tiers(user)
    condition = Q(**{f"{tier_field}__in": tiers})
    model = queryset.model
    if a.is_officer and AccessTier.RESTRICTED not in tiers and hasattr(model, "responsible_q"):
        prefix = tier_field.rsplit("__", 1)[0] + "__" if "__" in tier_field else ""
        condition |= Q(**{tier_field: AccessTier.RESTRICTED}) & model.responsible_q(
            a.organisation_id, prefix=prefix
        )
    return queryset.filter(condition).distinct() if a.is_officer else queryset.filter(condition)


def _responsible(a: Actor, obj, side_id: int | None) -> bool:
    if not (a.is_officer and a.organisation_id and side_id == a.side_id):
        return False
    orgs = obj.responsible_org_ids(side_id) if hasattr(obj, "responsible_org_ids") else set()
    return a.organisation_id in orgs


def can(user, action: Action | str, obj=None, *, side_id: int | None = None) -> bool:
    """Whether ``user`` may do ``action`` (to ``obj``, for the side ``side_id`` where it has sides)."""
    action = Action(action)
    a = actor_of(user)
    if action == Action.VIEW:
        if obj is None:
            return True
        tier = getattr(obj, "access_tier", AccessTier.PUBLIC)
        if tier in visible_tiers(user):
            return True
        return tier == AccessTier.RESTRICTED and any(
            _responsible(a, obj, sid) for sid in ([a.side_id] if a.side_id else [])
        )
    if not a.is_authenticated:
        return False
    if a.is_superuser:
        return True
    if obj is not None and not can(user, Action.VIEW, obj):
        return False
    if action in {Action.DELETE, Action.REFERENCE, Action.LIFT_LOCKOUT}:
        return False
    if action in {Action.ADD, Action.CHANGE}:
        return a.is_secretariat
    if action == Action.IMPORT:
        return a.is_secretariat or a.is_officer
    if side_id is None:
        return False
    own_side = a.side_id == side_id
    if action in {Action.VERIFY, Action.CONTROL}:
        return a.is_secretariat and own_side
    if action in {Action.CHANGE_SIDE, Action.REPORT}:
        if a.is_secretariat:
            return own_side
        return obj is not None and _responsible(a, obj, side_id)
    return False


def require(user, action: Action | str, obj=None, *, side_id: int | None = None) -> None:
    """Raise PermissionDenied with a reason the user can act on, unless ``can`` says yes."""
    if can(user, action, obj, side_id=side_id):
        return
    a = actor_of(user)
    if not a.is_authenticated:
        raise PermissionDenied(_("Sign in to do this."))
    if obj is not None and not can(user, Action.VIEW, obj):
        raise PermissionDenied(_("This record is not open to you."))
    if side_id is not None and a.side_id is not None and side_id != a.side_id:
        raise PermissionDenied(_("You can act only for your own side."))
    if a.is_officer and side_id is not None:
        raise PermissionDenied(
            _("Only officers of an organisation responsible for this item can do this.")
        )
    raise PermissionDenied(_("Your role does not allow this."))
