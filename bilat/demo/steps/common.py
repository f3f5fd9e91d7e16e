"""Helpers the demo steps share: find-or-create through a service, exact decimals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.db import models

from bilat.core.services import upsert_record


def ensure(model: type[models.Model], lookup: dict, values: dict, *, actor,
           create: Callable[[], models.Model]) -> models.Model:
    """Bring an existing record to ``values`` (logging only real changes) or create it.

    New records go through ``create`` (the owning app's service, which also marks the parent
    as changed); existing ones through ``upsert_record``.
    """
    if model.objects.filter(**lookup).exists():
        return upsert_record(model, lookup, values, actor=actor)
    return create()


def dec(value, places: int = 2) -> Decimal | None:
    """A decimal with exactly the field's places, so a reload compares equal to what is stored."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
