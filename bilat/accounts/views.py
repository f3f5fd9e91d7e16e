"""Pages about the signed-in user, and the admin's password change."""

from django.contrib import admin
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from rest_framework.authtoken.models import Token

from .policy import actor_of
from .signin import lockout_response


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


def admin_password_change(request):
    """The admin's password change: it checks the old password, so it counts and locks out
    like a sign-in (else a stolen session could guess the password there, unhindered)."""
    if request.method == "POST" and admin.site.has_permission(request):
        checked = authenticate(request, username=request.user.get_username(),
                               password=request.POST.get("old_password", ""))
        if checked is None and getattr(request, "axes_locked_out", False):
            return lockout_response(request)
    return admin.site.admin_view(admin.site.password_change)(request)
