"""Pages about the signed-in user."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from rest_framework.authtoken.models import Token

from .policy import actor_of


@login_required
def profile_detail(request):
    """The user's role, side and organisation, and their API token."""
    token = None
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
    else:
        token = Token.objects.filter(user=request.user).first()
    return render(
        request, "accounts/profile.html", {"actor": actor_of(request.user), "token": token}
    )
