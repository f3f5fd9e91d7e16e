"""The one place that decides who may do what.

Pages, the API, admin actions, imports and the command line all ask ``can``/``require``,
filter lists with ``visible``, and name related records through ``shown``/``shown_all``, so
that a record never names another its reader may not see. Records take part through a small
protocol:

- ``access_tier``: a value of ``AccessTier`` (child records return their parent's, and say
  where it is stored in ``access_tier_field``, e.g. ``"decision_side__decision__access_tier"``);
- ``responsible_org_ids(side_id)``: the organisations answerable for the record on that side,
  or on any side when ``side_id`` is None (lead organisation and co-executors for a decision;
  partners for a project; a child record answers with its parent's);
- ``responsible_q(organisation_id, prefix)``: the same as a query condition, so that a list
  (``visible``) and a single record (``can``) always agree;
- ``submitter_id``: on a record one person submits for another to verify (an execution report,
  a request for more time), the user who submitted it: nobody verifies or decides what they
  submitted themselves (the four-eyes rule), not even an administrator.

Rules (see docs/access.md):

==============  =======================================================================
role            may
==============  =======================================================================
anonymous       view public records
viewer          view public and official records; freeze the figures of a meeting it
                sees for its briefing pack (as every signed-in user may)
officer         view public and official records, and restricted ones its organisation
                answers for; change its own side's part of a record (its status,
                progress) and report on it, only where its organisation is responsible
                and only on its own side
secretariat     view everything; create and edit meetings, decisions, projects, targets;
                for its own side only: change its part, name its executors, report on
                it, verify reports and control; take part in the conversation on any
                decision (as do the officers of organisations answerable for it); keep
                its own side's organisations and people
superuser       everything, including reference data and deletion
==============  =======================================================================

Nobody verifies a report, or decides a request for more time, that they submitted.

Roles are held per commission and side (the profile's, and ``Membership`` rows for more
commissions): a record is judged by the role its reader holds in the record's commission, and a
reader holds no role (a plain viewer) in a commission they are no member of. ``visible`` lists
each commission's records by the role held in it, and only the records of the commission the
request or command works in when it names one (``bilat.commissions.context``).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from enum import StrEnum
from functools import cache

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bilat.commissions.context import commission_chosen, current_commission_id
from bilat.commissions.models import all_commissions, default_commission
from bilat.core.models import AccessTier

from .models import Role
from .roles import stored_roles


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"  # create a registry record (meeting, decision, project, target)
    CHANGE = "change"  # edit the shared part of a record
    DELETE = "delete"
    CHANGE_SIDE = "change_side"  # edit one side's part (its status, a project's progress)
    ASSIGN = "assign"  # name one side's lead organisation and co-executors
    REPORT = "report"  # submit an execution report for one side
    VERIFY = "verify"  # accept or return a side's report (not one's own)
    CONTROL = "control"  # remove from control, decide an extension (not one's own), for one side
    IMPORT = "import"  # bulk-change records from a spreadsheet
    REFERENCE = "reference"  # edit reference data: a side's organisations and people (its
    # secretariat, on the directory pages); everything else, and the admin, administrators only
    LIFT_LOCKOUT = "lift_lockout"  # clear an account's or an address's failed sign-ins
    BRIEF = "brief"  # freeze a meeting's figures for its briefing pack (a snapshot)
    COMMENT = "comment"  # read and write the conversation on a decision between the sides


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


# Whoever the policy is asked about: a user, the anonymous user of a request, the policy's own
# view of one (``actor_of``, ``reader_of``), or None for nobody signed in.
AnyUser = User | AnonymousUser | Actor | None


NOBODY = Actor(False, False, None, None, None)
VIEWER = Actor(True, False, Role.VIEWER, None, None)


def _roles(user) -> tuple[dict, Actor | None, int | None]:
    """A user's roles: by commission id, the profile's role where it names no commission (held
    in every commission of its side), and that side (read once per user object)."""
    cached = getattr(user, "_bilat_roles", None)
    if cached is not None:
        return cached
    profile, memberships = stored_roles(user)  # no profile: a plain viewer
    by_commission: dict[int, Actor] = {}
    unbound = None
    if profile is not None:
        actor = Actor(True, False, profile.role, profile.side_id, profile.organisation_id)
        if profile.commission_id:
            by_commission[profile.commission_id] = actor
        else:
            unbound = actor
    # In an installation of one commission a role held in it is the whole story.
    single = len(all_commissions()) <= 1 and profile is not None and profile.commission_id
    for m in () if single else memberships:
        by_commission.setdefault(m.commission_id, Actor(True, False, m.role, m.side_id,
                                                        m.organisation_id))
    user._bilat_roles = (by_commission, unbound, profile.side_id if profile else None)
    return user._bilat_roles


def commissions_of(user: AnyUser) -> list[int]:
    """The ids of the commissions in which ``user`` holds a role (not as a plain viewer)."""
    if isinstance(user, Actor) or user is None or not getattr(user, "is_authenticated", False):
        return []
    by_commission, unbound, side_id = _roles(user)
    ids = set(by_commission)
    if unbound is not None and side_id:
        ids |= {c.pk for c in all_commissions() if side_id in c.side_ids}
    return sorted(ids)


def home_commission_of(user: AnyUser) -> int | None:
    """The commission of the user's profile (where pages open when several could be meant)."""
    if isinstance(user, Actor) or user is None or not getattr(user, "is_authenticated", False):
        return None
    profile = stored_roles(user).profile
    return profile.commission_id if profile is not None else None


def actor_of(user: AnyUser, commission_id: int | None = None) -> Actor:
    """The policy's view of a user in a commission (cached on the user object).

    Without ``commission_id``, in the commission the request or command works in, else in the
    installation's only one; where none is known, the role of the user's profile.
    """
    if isinstance(user, Actor):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    if user.is_superuser:
        return Actor(True, True, None, None, None)
    cache_ = user.__dict__.setdefault("_bilat_actors", {})
    commission_id = commission_id or current_commission_id()
    if commission_id is None:
        if "default" not in cache_:
            cache_["default"] = default_commission()
        commission_id = cache_["default"]
    if commission_id in cache_:
        return cache_[commission_id]
    by_commission, unbound, side_id = _roles(user)
    if commission_id is None:
        actor = unbound or next(iter(by_commission.values()), None) or VIEWER
    elif commission_id in by_commission:
        actor = by_commission[commission_id]
    elif unbound is not None and commission_id in commissions_of(user):
        actor = unbound
    else:
        actor = VIEWER
    cache_[commission_id] = actor
    return actor


def sight_of(user: AnyUser) -> tuple:
    """What the policy's answers about reading depend on for ``user``, as a key: the roles it
    holds in each commission (with side and organisation) and its home commission. Two users
    with the same sight see the same records, so a page they read may be shared (a cache);
    whether a user may act on one record (four eyes: not one's own report) is not in it."""
    if isinstance(user, Actor):
        return ("actor", astuple(user))
    if user is None or not getattr(user, "is_authenticated", False):
        return ("public",)
    if user.is_superuser:
        return ("superuser",)
    by_commission, unbound, side_id = _roles(user)
    return ("user", sorted((c, astuple(a)) for c, a in by_commission.items()),
            astuple(unbound) if unbound else None, side_id, home_commission_of(user))


def reads_only(user: AnyUser) -> bool:
    """Whether the user may only read, in every commission (the public, plain viewers): then
    nothing on a page depends on who they are beyond their sight (``sight_of``)."""
    if isinstance(user, Actor):
        return not user.is_superuser and user.role in (None, Role.VIEWER)
    if user is None or not getattr(user, "is_authenticated", False):
        return True
    if user.is_superuser:
        return False
    by_commission, unbound, _side_id = _roles(user)
    return all(a.role == Role.VIEWER for a in [*by_commission.values(), *filter(None, [unbound])])


def reader_of(tier: str) -> Actor:
    """The least privileged reader of records of ``tier``: everyone allowed to see a figure
    published at that tier sees at least what this reader sees, so a figure computed as this
    reader names nothing hidden from any of them (portfolio figures, briefing packs)."""
    if tier == AccessTier.PUBLIC:
        return Actor(False, False, None, None, None)
    if tier == AccessTier.OFFICIAL:
        return Actor(True, False, Role.VIEWER, None, None)
    return Actor(True, True, None, None, None)


def visible_tiers(user: AnyUser, commission_id: int | None = None) -> set[str]:
    """The access tiers a user sees in full (restricted records may be seen case by case)."""
    a = actor_of(user, commission_id)
    if not a.is_authenticated:
        return {AccessTier.PUBLIC}
    if a.is_superuser or a.is_secretariat:
        return {AccessTier.PUBLIC, AccessTier.OFFICIAL, AccessTier.RESTRICTED}
    return {AccessTier.PUBLIC, AccessTier.OFFICIAL}


def sees_every_tier(user: AnyUser) -> bool:
    """Whether the user sees every record in full, restricted ones included, in every
    commission.

    Only such users read the whole change log: its entries carry every record's values.
    """
    ids = [c.pk for c in all_commissions()]
    if not ids or isinstance(user, Actor):
        return AccessTier.RESTRICTED in visible_tiers(user)
    return all(AccessTier.RESTRICTED in visible_tiers(user, c) for c in ids)


def sees_authors(user: AnyUser) -> bool:
    """Whether the user sees who made each change of a record's history: those who work on the
    registry (secretariats, officers, administrators). The public and plain viewers see when a
    record changed and what changed, not who changed it."""
    a = actor_of(user)
    return a.is_authenticated and (a.is_superuser or a.is_secretariat or a.is_officer)


def tier_field_of(model) -> str:
    """Where a model keeps the access tier its records are seen by (its parent's for a part)."""
    return getattr(model, "access_tier_field", "access_tier")


def is_tiered(model) -> bool:
    """Whether records of ``model`` have an access tier (and may be hidden from a reader)."""
    return hasattr(model, "access_tier")


@cache
def commission_field_of(model, tier_field: str) -> str | None:
    """Where records of ``model`` keep their commission (their parent's for a part), or None
    for records of no one commission (the directory, indicators)."""
    parts = tier_field.split("__")[:-1]
    related = model
    try:
        for part in parts:
            related = related._meta.get_field(part).related_model
        related._meta.get_field("commission")
    except (FieldDoesNotExist, AttributeError):  # AttributeError: not a model (a plain record)
        return None
    return "__".join([*parts, "commission"])


def commission_of(obj) -> int | None:
    """The id of the commission a record belongs to (its parent's for a part), if any."""
    if obj is None or isinstance(obj, type):
        return None
    field = commission_field_of(type(obj), tier_field_of(type(obj)))
    if field is None:
        return None
    *path, _last = field.split("__")
    for part in path:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return getattr(obj, "commission_id", None)


def _tier_condition(a: Actor, model, tier_field: str) -> Q:
    tiers = visible_tiers(a)
    condition = Q(**{f"{tier_field}__in": tiers})
    if a.is_officer and AccessTier.RESTRICTED not in tiers and hasattr(model, "responsible_q"):
        prefix = tier_field.rsplit("__", 1)[0] + "__" if "__" in tier_field else ""
        condition |= Q(**{tier_field: AccessTier.RESTRICTED}) & model.responsible_q(
            a.organisation_id, prefix=prefix
        )
    return condition


def visible(user: AnyUser, queryset: QuerySet, *, tier_field: str | None = None) -> QuerySet:
    """Only the records of ``queryset`` the user may see, of the current commission when the
    request or command names one.

    Models whose restricted records are open to the responsible organisations define
    ``responsible_q(organisation_id, prefix)`` on the model class; ``can(user, VIEW, record)``
    gives the same answer for one record. Each commission's records are judged by the role the
    user holds in it.
    """
    model = queryset.model
    tier_field = tier_field or tier_field_of(model)
    field = commission_field_of(model, tier_field)
    current = current_commission_id()
    if field is not None and current is None and not commission_chosen():
        # Outside a request or command: the reader's only commission, as a page would have it.
        mine = commissions_of(user)  # none for the public: no query
        if mine and len(all_commissions()) > 1:
            current = mine[0] if len(mine) == 1 else home_commission_of(user)
    if field is not None and current is not None:
        queryset = queryset.filter(**{f"{field}_id": current})
    if field is None or current is not None or isinstance(user, Actor):
        a = actor_of(user, current)
        condition = _tier_condition(a, model, tier_field)
        officer = a.is_officer
    else:
        member_of = commissions_of(user)
        others = actor_of(user, -1)  # the user in a commission it holds no role in
        condition = _tier_condition(others, model, tier_field) & ~Q(
            **{f"{field}_id__in": member_of})
        officer = others.is_officer
        for commission_id in member_of:
            a = actor_of(user, commission_id)
            officer = officer or a.is_officer
            condition |= Q(**{f"{field}_id": commission_id}) & _tier_condition(
                a, model, tier_field)
    return queryset.filter(condition).distinct() if officer else queryset.filter(condition)


def _answers_for(a: Actor, obj, side_id: int | None) -> bool:
    """Whether the actor's organisation is responsible for ``obj`` on that side (any if None)."""
    if not (a.is_officer and a.organisation_id):
        return False
    orgs = obj.responsible_org_ids(side_id) if hasattr(obj, "responsible_org_ids") else set()
    return a.organisation_id in orgs


def _responsible(a: Actor, obj, side_id: int | None) -> bool:
    return side_id is not None and side_id == a.side_id and _answers_for(a, obj, side_id)


def _own_submission(user: AnyUser, obj) -> bool:
    """Whether ``obj`` is something ``user`` submitted for someone else to verify."""
    submitter_id = getattr(obj, "submitter_id", None)
    return submitter_id is not None and submitter_id == getattr(user, "pk", None)


def can(user: AnyUser, action: Action | str, obj=None, *, side_id: int | None = None,
        commission_id: int | None = None) -> bool:
    """Whether ``user`` may do ``action`` (to ``obj``, for the side ``side_id`` where it has
    sides), by the role the user holds in the record's commission (or ``commission_id``)."""
    action = Action(action)
    commission_id = commission_of(obj) or commission_id
    a = actor_of(user, commission_id)
    if action == Action.VIEW:
        if obj is None:
            return True
        tier = getattr(obj, "access_tier", AccessTier.PUBLIC)
        if tier in visible_tiers(a):
            return True
        # The same rule as ``visible``: an officer sees a restricted record its organisation
        # answers for on either side, and every part of it (both sides' reports, say).
        return tier == AccessTier.RESTRICTED and _answers_for(a, obj, None)
    if not a.is_authenticated:
        return False
    if action in {Action.VERIFY, Action.CONTROL} and _own_submission(user, obj):
        return False  # the four-eyes rule holds for administrators too
    if a.is_superuser:
        return True
    if obj is not None and not can(a, Action.VIEW, obj):
        return False
    if action == Action.REFERENCE:
        # A secretariat keeps its own side's organisations and people; the rest of the
        # reference data (sides, sectors, international bodies) and the admin are for
        # administrators.
        return a.is_secretariat and side_id is not None and side_id == a.side_id
    if action in {Action.DELETE, Action.LIFT_LOCKOUT}:
        return False
    if action == Action.BRIEF:
        return True  # the pack is for every signed-in user who may see the meeting
    if action == Action.COMMENT:
        # The conversation is between both secretariats and the organisations answerable for
        # the decision on either side; viewers and the public do not read it.
        return a.is_secretariat or _answers_for(a, obj, None)
    if action in {Action.ADD, Action.CHANGE}:
        return a.is_secretariat
    if action == Action.IMPORT:
        return a.is_secretariat or a.is_officer
    if side_id is None:
        return False
    own_side = a.side_id == side_id
    if action in {Action.VERIFY, Action.CONTROL, Action.ASSIGN}:
        return a.is_secretariat and own_side
    if action in {Action.CHANGE_SIDE, Action.REPORT}:
        if a.is_secretariat:
            return own_side
        return obj is not None and _responsible(a, obj, side_id)
    return False


def require(user: AnyUser, action: Action | str, obj=None, *, side_id: int | None = None,
            commission_id: int | None = None) -> None:
    """Raise PermissionDenied with a reason the user can act on, unless ``can`` says yes."""
    if can(user, action, obj, side_id=side_id, commission_id=commission_id):
        return
    a = actor_of(user, commission_of(obj) or commission_id)
    if not a.is_authenticated:
        raise PermissionDenied(_("Sign in to do this."))
    if obj is not None and not can(a, Action.VIEW, obj):
        raise PermissionDenied(_("This record is not open to you."))
    if Action(action) in {Action.VERIFY, Action.CONTROL} and _own_submission(user, obj):
        raise PermissionDenied(_(
            "You submitted this yourself: someone else must verify or decide it (the "
            "four-eyes rule)."
        ))
    if side_id is not None and a.side_id is not None and side_id != a.side_id:
        raise PermissionDenied(_("You can act only for your own side."))
    if Action(action) == Action.ASSIGN:
        raise PermissionDenied(_("Executors are named by the secretariat of the side."))
    if a.is_officer and side_id is not None:
        raise PermissionDenied(
            _("Only officers of an organisation responsible for this item can do this.")
        )
    raise PermissionDenied(_("Your role does not allow this."))



class Visibility:
    """What one reader may see, asked about many related records (one response, one page).

    Access tiers decide most records without a query; a restricted record open to an officer
    is looked up with ``visible`` (one query per model, the first time one is met), so a
    related record is named by exactly the rule that lists it.
    """

    def __init__(self, user: AnyUser):
        self.user = user
        self.tiers = visible_tiers(user)
        self.is_officer = actor_of(user).is_officer
        self._ids: dict = {}

    def sees(self, record) -> bool:
        model = type(record)
        if not is_tiered(model):
            return True
        tier = record.access_tier
        if tier in self.tiers:
            return True
        if tier != AccessTier.RESTRICTED or not self.is_officer:
            return False
        if not hasattr(model, "responsible_q"):
            return False  # no organisation answers for it: restricted to the secretariats
        if model not in self._ids:
            self._ids[model] = set(
                visible(self.user, model._default_manager.all()).values_list("pk", flat=True)
            )
        return record.pk in self._ids[model]

    def shown_ids(self, model, ids) -> list:
        """The ids among ``ids`` (in their order) of ``model`` records the reader may see (a
        stored figure's projects): one query per model, the first time it is asked."""
        ids = list(ids or [])
        if not ids:
            return []
        key = ("ids", model)
        if key not in self._ids:
            self._ids[key] = set(
                visible(self.user, model._default_manager.all()).values_list("pk", flat=True)
            )
        return [pk for pk in ids if pk in self._ids[key]]

    def shown(self, record):
        """``record`` if the reader may see it, else None."""
        return record if record is not None and self.sees(record) else None

    def shown_all(self, records) -> list:
        """The records among ``records`` (in their order) the reader may see."""
        return [r for r in records if self.sees(r)]


def shown(user: AnyUser, record):
    """``record`` if ``user`` may see it, else None: how a page, a serializer, an export or a
    pack names a related record (a decision's meeting, a project's umbrella)."""
    return Visibility(user).shown(record)


def shown_all(user: AnyUser, records) -> list:
    """The records among ``records`` (in their order) that ``user`` may see."""
    return Visibility(user).shown_all(records)
