"""What the policy lets the signed-in user do, for templates that show or hide links, and the
role the top bar names."""

from .models import Role
from .policy import Action, can
from .roles import stored_roles


def policy(request):
    user = request.user
    return {"may_import": can(user, Action.IMPORT), "may_add": can(user, Action.ADD)}


def shell_role(request):
    """The role of the profile and its side, for the top bar (read with the roles)."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {"shell_role": None}
    profile = stored_roles(user).profile
    if profile is None:
        return {"shell_role": None}
    return {"shell_role": {"label": dict(Role.choices).get(profile.role, profile.role), "side_code": profile.side_code}}
