"""The API's side of the access policy (kept apart from view code: DRF imports it at start)."""

from rest_framework import permissions

from .policy import Action, can


class PolicyPermission(permissions.BasePermission):
    """Ask accounts.policy for every API request: the same rules as the pages."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        action = getattr(view, "action", None)
        if action == "create":
            return can(request.user, Action.ADD)
        # Object-level and custom actions are decided in has_object_permission or the service.
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return can(request.user, Action.VIEW, obj)
        if view.action in {"update", "partial_update"}:
            return can(request.user, Action.CHANGE, obj)
        if view.action == "destroy":
            return can(request.user, Action.DELETE, obj)
        return can(request.user, Action.VIEW, obj)  # custom actions check in their service


class PartPolicyPermission(PolicyPermission):
    """The parts of a record (an agenda item, a project's location): correcting or removing one
    changes the record it belongs to (``Action.CHANGE``), as on the record's page."""

    def has_object_permission(self, request, view, obj):
        if view.action == "destroy":
            return can(request.user, Action.CHANGE, obj)
        return super().has_object_permission(request, view, obj)
