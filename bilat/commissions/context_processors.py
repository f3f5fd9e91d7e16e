"""The commission switcher of the top bar (for signed-in users; the public names a commission
in the address, ``?commission=``)."""

from .context import current_commission_id
from .models import all_commissions


def commissions(request):
    user = getattr(request, "user", None)
    listed = all_commissions() if user is not None and user.is_authenticated else []
    if len(listed) < 2:
        return {"commissions": [], "current_commission": None}
    current = current_commission_id()
    return {"commissions": listed,
            "current_commission": next((c for c in listed if c.pk == current), None)}
