"""Factory functions for users in each role."""

from django.contrib.auth import get_user_model

from bilat.accounts.models import Profile, Role


def make_user(username: str, role: str = Role.VIEWER, *, side=None, organisation=None,
              superuser: bool = False):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.org", "pw-" + username)
    else:
        user = User.objects.create_user(username, f"{username}@example.org", "pw-" + username)
    if role != Role.VIEWER or side or organisation:
        Profile.objects.create(user=user, role=role, side=side, organisation=organisation)
    return user


def client_of(user):
    """A page client signed in as ``user`` (anonymous for None)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_of(user=None):
    """An API client authenticated as ``user`` (anonymous for None)."""
    from rest_framework.test import APIClient

    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api
