"""What the policy lets the signed-in user do, for templates that show or hide links."""

from .policy import Action, can


def policy(request):
    user = request.user
    return {"may_import": can(user, Action.IMPORT), "may_add": can(user, Action.ADD)}
