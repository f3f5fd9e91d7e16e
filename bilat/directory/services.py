"""Writes of the directory: a side's organisations and people, kept by its secretariat."""

from __future__ import annotations

from django.db import models, transaction

from bilat.accounts.policy import Action, require
from bilat.core.changelog import record_change, snapshot


@transaction.atomic
def save_reference(record: models.Model, *, actor, reason: str = "") -> models.Model:
    """Validate and save an organisation or a person (new or changed), for the actor's own side
    only, with one change-log entry."""
    side_id = record.side_id
    if record.pk:
        stored = type(record).objects.select_for_update().get(pk=record.pk)
        require(actor, Action.REFERENCE, stored, side_id=stored.side_id)  # not another side's
        before = snapshot(stored)
    else:
        before = None
    require(actor, Action.REFERENCE, record, side_id=side_id)
    record.full_clean()
    record.save()
    record_change(record, action="update" if before else "create", actor=actor, before=before,
                  message=reason)
    return record
