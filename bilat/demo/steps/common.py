"""What the demo steps share: the run they fill in, find-or-create through a service, exact
decimals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_noop

from bilat.core.services import upsert_record

# The reasons the demo gives in the change log: kept as written here, read in each reader's
# language through the catalogues (``core.changelog.reason_text``).
DEMO_REASON = gettext_noop("Demo data")
ILLUSTRATIVE_REASON = gettext_noop("Demo data (illustrative)")
STORY_REASON = gettext_noop("Demo data: dated as in the demo's story")
RELEASE_REASON = gettext_noop("The release of the 21st session (demo)")


@dataclass
class DemoRun:
    """What the steps share: the acting superuser, the records loaded so far, the output."""

    actor: User
    out: Callable[[str], None] = print
    sides: dict = field(default_factory=dict)
    sectors: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)
    commissions: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    paragraphs: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)

    def note(self, message: str) -> None:
        self.out(f"    {message}")


def ensure(model: type[models.Model], lookup: dict, values: dict, *, actor: User,
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
