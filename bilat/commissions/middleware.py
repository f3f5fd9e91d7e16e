"""Work every request in the commission it names, remembers, or the only one there is."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpResponseBadRequest, JsonResponse

from .choice import chosen_for_request
from .context import current_commission_id, in_commission
from .models import all_commissions, read_once


class CommissionMiddleware:
    """Set the request's commission for the policy and new records (``request.commission_id``,
    worked out the first time something asks, so pages that need none pay nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once():  # the commissions, read once for the whole request
            return self._call(request)

    def _call(self, request):
        from bilat.accounts.policy import commissions_of, home_commission_of

        code = request.GET.get("commission", "").strip()
        if code:  # a code that names no commission is the caller's mistake: say so now
            try:
                chosen_for_request(request, [], all_commissions())
            except ValidationError as exc:
                message = " ".join(exc.messages)
                if request.path_info.startswith("/api/"):
                    return JsonResponse({"commission": [message]}, status=400)
                return HttpResponseBadRequest(message)

        def resolve():
            known = all_commissions()
            if len(known) < 2:
                return chosen_for_request(request, [], known)[0]
            user = request.user
            return chosen_for_request(request, commissions_of(user), known,
                                      home_commission_of(user))[0]

        def pair() -> tuple[str, ...]:
            """The country codes of the request's commission (the first one when none is
            chosen), for pages of apps below the registry (trade)."""
            known = all_commissions()
            chosen = current_commission_id()
            commission = next((c for c in known if c.pk == chosen), None) or (
                known[0] if known else None)
            return commission.side_codes if commission else ()

        def target():
            """The commission's trade target (``trade.pace.TradeTarget``) among those the user
            may see, for the pace on the trade pages and API (apps below the registry)."""
            from bilat.targets.services import trade_target

            try:
                return trade_target(request.user)
            except DatabaseError:  # a warehouse served without a registry: no target
                return None

        def themes():
            """The product themes of the trade series: built in, then the commission's own."""
            from bilat.targets.services import trade_themes
            from bilat.trade.themes import builtin_themes

            try:
                return trade_themes(request.user)
            except DatabaseError:  # a warehouse served without a registry: the built-in ones
                return list(builtin_themes())

        request.commission_pair = pair
        request.commission_target = target
        request.commission_themes = themes
        with in_commission(resolve=resolve):
            return self.get_response(request)
