"""Generic writes every registry app uses: create and edit with the version check and the log."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .changelog import record_change, snapshot


class StaleVersionError(Exception):
    """The record changed since the editor loaded it; their save would overwrite that change."""

    def __init__(self, obj: models.Model, expected: int | None):
        self.obj = obj
        self.expected = expected
        self.current = obj.version
        super().__init__(
            _(
                "Someone else saved this record after you opened it (your copy is version "
                "%(expected)s, the record is now version %(current)s). Reload it and apply "
                "your changes again."
            )
            % {"expected": expected, "current": obj.version}
        )


def check_version(obj: models.Model, expected_version: int) -> None:
    """Lock the record's row and refuse the write if it changed since ``expected_version``.

    Call it inside the write's transaction: the lock holds until the write is committed.
    """
    current = (
        type(obj)._default_manager.select_for_update()
        .filter(pk=obj.pk).values_list("version", flat=True).get()
    )
    if current != expected_version:
        obj.version = current
        raise StaleVersionError(obj, expected_version)


@transaction.atomic
def create_record(
    obj: models.Model, *, actor: User, reason: str = "", m2m: dict | None = None
) -> models.Model:
    """Validate and insert a new record, then log its creation."""
    obj.full_clean()
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    record_change(obj, action="create", actor=actor, before=None, message=reason)
    return obj


@transaction.atomic
def update_record(
    obj: models.Model,
    changes: dict,
    *,
    actor: User,
    expected_version: int | None,
    reason: str = "",
    action: str = "update",
    m2m: dict | None = None,
) -> models.Model:
    """Apply ``changes`` to a versioned record if nobody saved it since ``expected_version``.

    The row is locked while it is compared and written, so two concurrent editors cannot both
    win: the second one gets StaleVersionError.
    """
    fresh = type(obj).objects.select_for_update().get(pk=obj.pk)
    before = snapshot(fresh)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersionError(fresh, expected_version)
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh.full_clean()
    m2m_changed = False
    for name, values in (m2m or {}).items():
        current = set(getattr(fresh, name).values_list("pk", flat=True))
        wanted = {getattr(v, "pk", v) for v in values}
        if current != wanted:
            getattr(fresh, name).set(wanted)
            m2m_changed = True
    if snapshot(fresh) == before and not m2m_changed:
        return fresh  # nothing changed: no new version, no log entry
    fresh.version += 1
    fresh.save()
    record_change(fresh, action=action, actor=actor, before=before, message=reason)
    obj.__dict__.update(fresh.__dict__)
    return fresh


def bump_version(obj: models.Model) -> None:
    """Mark a record as changed by a write to one of its parts (a side, a report)."""
    type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1)
    obj.refresh_from_db(fields=["version"])


# --- parts: the rows a parent record is made of (agenda items, locations, actual values) -----
# A part carries its own version; every write to it locks the parent's row, checks the version
# the editor sent (the part's, or for an addition the parent's if one was sent), writes one
# change-log entry about the part and bumps the parent's version.


def _lock(parent: models.Model, expected_version: int | None = None) -> None:
    if expected_version is None:
        type(parent)._default_manager.select_for_update().filter(pk=parent.pk).exists()
    else:
        check_version(parent, expected_version)


@transaction.atomic
def add_part(parent: models.Model, part: models.Model, *, actor: User, reason: str = "",
             expected_version: int | None = None) -> models.Model:
    """Insert a part of ``parent``, log it once and mark the parent as changed.

    ``expected_version`` is the parent's, when the caller wants the addition refused if the
    parent changed since it was read.
    """
    _lock(parent, expected_version)
    part.full_clean()
    part.save()
    record_change(part, action="create", actor=actor, message=reason)
    bump_version(parent)
    return part


@transaction.atomic
def update_part(part: models.Model, changes: dict, *, parent: models.Model, actor: User,
                expected_version: int | None, reason: str = "",
                action: str = "update") -> models.Model:
    """Change a part of ``parent`` unless someone saved the part since ``expected_version``."""
    _lock(parent)
    current = (type(part)._default_manager.select_for_update().filter(pk=part.pk)
               .values_list("version", flat=True).get())
    fresh = update_record(part, changes, actor=actor, expected_version=expected_version,
                          reason=reason, action=action)
    if fresh.version != current:
        bump_version(parent)
    return fresh


@transaction.atomic
def remove_part(part: models.Model, *, parent: models.Model, actor: User,
                expected_version: int | None, reason: str = "") -> None:
    """Delete a part of ``parent`` unless someone saved it since ``expected_version``; log it."""
    _lock(parent)
    fresh = type(part)._default_manager.select_for_update().get(pk=part.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersionError(fresh, expected_version)
    record_change(fresh, action="delete", actor=actor, before=snapshot(fresh), message=reason)
    try:
        with transaction.atomic():
            fresh.delete()
    except models.ProtectedError as exc:
        # A paragraph that made a decision, say; which records is not said (they may be
        # restricted), and the caller's transaction rolls the log entry back.
        raise ValidationError(
            _("Other records refer to this one, so it cannot be removed.")) from exc
    bump_version(parent)



@transaction.atomic
def upsert_record(
    model: type[models.Model], lookup: dict, values: dict, *, actor: User, reason: str = "",
    m2m: dict | None = None,
) -> models.Model:
    """Create the record found by ``lookup`` or bring it to ``values``; log only real changes.

    Loaders (the demo, imports of reference data) use it so that running them twice gives the
    same data and no second round of log entries.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return create_record(model(**lookup, **values), actor=actor, reason=reason, m2m=m2m)
    if hasattr(obj, "version"):
        return update_record(obj, values, actor=actor, expected_version=None, reason=reason, m2m=m2m)
    before = snapshot(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    for name, items in (m2m or {}).items():
        getattr(obj, name).set(items)
    if snapshot(obj) != before:
        obj.save()
        record_change(obj, action="update", actor=actor, before=before, message=reason)
    return obj
