"""The commission switcher of the top bar."""

from .context import current_commission_id
from .models import all_commissions


def commissions(request):
    listed = all_commissions()
    if len(listed) < 2:
        return {"commissions": [], "current_commission": None}
    current = current_commission_id()
    return {"commissions": listed,
            "current_commission": next((c for c in listed if c.pk == current), None)}
