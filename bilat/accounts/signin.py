"""Sign-in protection at the HTTP edge: the client's address, the answer to a locked-out sign-in,
the token door's rate limit, and the hook that records a lockout (django-axes does the counting;
see docs/access.md, "Sign-in protection")."""

from __future__ import annotations

import ipaddress
import math

from axes.helpers import get_client_username, get_failure_limit
from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext
from rest_framework.throttling import SimpleRateThrottle


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: the connection's, or behind ``BILAT_PROXY_COUNT`` proxies the one
    the outermost proxy saw (``X-Forwarded-For`` counted from the right, as DRF counts it)."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.BILAT_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if not proxies or not forwarded:
        return remote
    candidate = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a misconfigured proxy: count the connection rather than garbage
        return remote


def seconds_left(*, username: str | None, address: str | None) -> int:
    """Seconds until the lockout of ``username`` or ``address`` ends (its cool-off)."""
    from .models import FailedSignIn

    cool_off = settings.AXES_COOLOFF_TIME
    matching = Q(ip_address=address) if address else Q(pk__in=[])
    if username:
        matching |= Q(username=username)
    latest = (FailedSignIn.objects.filter(matching, attempt_time__gte=timezone.now() - cool_off)
              .aggregate(latest=Max("attempt_time"))["latest"])
    if latest is None:
        return math.ceil(cool_off.total_seconds())
    return max(1, math.ceil((latest + cool_off - timezone.now()).total_seconds()))


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed sign-ins for this account or from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed sign-ins for this account or from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The answer to a locked-out sign-in at any door: 429 with Retry-After and when to try again,
    as a page, or in the API's error shape under /api/."""
    credentials = credentials or getattr(request, "axes_credentials", None)
    seconds = seconds_left(username=get_client_username(request, credentials),
                           address=client_address(request))
    message = lockout_message(seconds)
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def on_lockout(sender, request, username: str | None, ip_address: str | None, **kwargs) -> None:
    """Record a lockout when the failure that begins it is counted (axes signals every refused
    attempt of a lockout; only the first one is news)."""
    from . import services

    credentials = getattr(request, "axes_credentials", None)
    if getattr(request, "axes_failures_since_start", None) != get_failure_limit(request, credentials):
        return
    services.record_lockout(username=username, ip_address=ip_address,
                            user_agent=request.axes_user_agent)


class SignInRateThrottle(SimpleRateThrottle):
    """At most ``BILAT_API_TOKEN_RATE`` requests per client address (counted in the cache)."""

    scope = "sign_in"

    def get_rate(self) -> str:
        return settings.BILAT_API_TOKEN_RATE  # read per request, so a changed setting applies

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
