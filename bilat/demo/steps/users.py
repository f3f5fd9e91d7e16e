"""Create the demo logins, one per role, each with a profile."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from bilat.accounts.models import Profile
from bilat.core.services import upsert_record
from bilat.work.models import NotificationSettings

from ..data import users as data
from .common import DemoRun

# The commission works in Russian (docs/glossary.md): the demo's secretariats and officers have
# their notifications written in it.
NOTICES_LANGUAGE = "ru"


def ensure_admin() -> User:
    """The superuser the demo writes as (created first: every write needs an actor)."""
    return ensure_user(data.ADMIN, superuser=True)


def ensure_user(username: str, *, superuser: bool) -> User:
    # The password is set only when the user is created (a demo user may have changed it on
    # purpose), from the precomputed hash of data/users.py.
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is None:
        user = model(username=username, email=f"{username}@demo.invalid",
                    password=data.PASSWORD_HASHES[username])
    elif (user.is_staff, user.is_superuser, user.is_active) == (superuser, superuser, True):
        return user
    user.is_staff = user.is_superuser = superuser
    user.is_active = True
    user.save()
    return user


def load(run: DemoRun) -> None:
    """One login per role: admin, both secretariats, an officer per side, a viewer."""
    for username, _password, role, side, org, superuser in data.USERS:
        user = ensure_user(username, superuser=superuser)
        upsert_record(
            Profile, {"user": user},
            {"role": role, "side": run.sides[side] if side else None,
             "organisation": run.orgs[org] if org else None},
            actor=run.actor,
        )
        if side:  # the sides' staff read their notifications in the commission's language
            upsert_record(NotificationSettings, {"user": user}, {"language": NOTICES_LANGUAGE},
                          actor=run.actor)
        run.users[username] = user
    run.note(f"{len(run.users)} users")


def logins() -> list[dict]:
    """The demo logins as rows for the table the command prints."""
    from bilat.directory.models import Organisation

    names = dict(Organisation.objects.values_list("code", "name_en"))
    return [
        {"username": username, "password": password,
         "role": "superuser" if superuser else role, "side": side or "—",
         "organisation": names.get(org, org) if org else "—"}
        for username, password, role, side, org, superuser in data.USERS
    ] + [
        {"username": username, "password": password, "role": role, "side": side,
         "organisation": names.get(org, org)}
        for username, password, role, side, org, _commission in data.SECOND_COMMISSION_USERS
    ]
