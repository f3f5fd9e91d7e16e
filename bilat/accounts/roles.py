"""A user's roles as stored (the profile's and the memberships'), read once per change.

Every signed-in request asks the policy about its user, and every page's top bar shows the
user's role and side: two or three queries a request for rows that change once in a long
while. Where the cache is shared by every server process (Redis: ``BILAT_SHARED_CACHE``), the
rows are kept there per user under a generation that every write to a profile, a membership or
a side moves (when its transaction commits, and at once), so a change of role counts on the next
request in every process, as before; with a cache of each process's own, they are read from
the database each time, since a change made through one process could not reach the others.
"""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION = "bilat.roles.generation"
TIMEOUT = 300  # the bound on a change missed while the cache could not be reached


class Held(NamedTuple):
    """One role as stored: the profile's (``commission_id`` may be None) or a membership's."""

    role: str
    side_id: int | None
    side_code: str
    organisation_id: int | None
    commission_id: int | None


class StoredRoles(NamedTuple):
    profile: Held | None
    memberships: tuple[Held, ...]


def stored_roles(user) -> StoredRoles:
    """The profile's role and the memberships of ``user`` (a signed-in user), read once per
    request (kept on the user object, as the policy keeps its answers)."""
    memo = user.__dict__.get("_bilat_stored_roles")
    if memo is None:
        memo = user.__dict__["_bilat_stored_roles"] = _stored_roles(user)
    return memo


def _stored_roles(user) -> StoredRoles:
    if not settings.BILAT_SHARED_CACHE:
        return _read(user, every_membership=False)
    keys = cache.get_many([GENERATION, f"bilat.roles:{user.pk}"])
    generation = keys.get(GENERATION)
    found = keys.get(f"bilat.roles:{user.pk}")
    if generation is not None and found is not None and found[0] == generation:
        return found[1]
    roles = _read(user)
    if generation is None:
        generation = _new_generation()
    cache.set(f"bilat.roles:{user.pk}", (generation, roles), TIMEOUT)
    return roles


def _read(user, *, every_membership: bool = True) -> StoredRoles:
    """The rows; without ``every_membership``, none where the profile names the installation's
    only commission (a role held in it is the whole story: one query fewer)."""
    from bilat.commissions.models import all_commissions

    try:
        profile = user.profile
    except ObjectDoesNotExist:
        profile = None
    held = None
    if profile is not None:
        held = Held(profile.role, profile.side_id, profile.side.code if profile.side_id else "",
                    profile.organisation_id, profile.commission_id)
    single = (not every_membership and held is not None and held.commission_id
              and len(all_commissions()) <= 1)
    memberships = () if single else tuple(
        Held(m.role, m.side_id, "", m.organisation_id, m.commission_id)
        for m in user.memberships.all())
    return StoredRoles(held, memberships)


def _new_generation() -> str:
    import uuid

    generation = uuid.uuid4().hex
    cache.set(GENERATION, generation, None)
    return generation


def forget_roles(**_kwargs) -> None:
    """Every user's stored roles are read again (a profile, a membership or a side was
    written): now, and once more when the write's transaction commits, so that no request
    keeps what it read before the commit."""
    if settings.BILAT_SHARED_CACHE:
        _new_generation()
        transaction.on_commit(_new_generation)


def connect() -> None:
    from bilat.directory.models import Side

    from .models import Membership, Profile

    for model in (Profile, Membership, Side):
        post_save.connect(forget_roles, sender=model, dispatch_uid=f"roles-{model.__name__}")
        post_delete.connect(forget_roles, sender=model,
                            dispatch_uid=f"roles-del-{model.__name__}")
