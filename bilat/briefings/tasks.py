"""Background tasks of the briefings app (Django's Tasks API, run by ``bilat worker``)."""

from __future__ import annotations

from django.tasks import task


@task
def make_pack(snapshot_pk: int, lang: str, fmt: str) -> int:
    """Make a snapshot's briefing pack in one language and format into the shared cache, where
    the page that asked for it waits (``services.produce_briefing``); returns its size."""
    from . import services
    from .models import Snapshot

    snapshot = Snapshot.objects.get(pk=snapshot_pk)
    return len(services.produce_briefing(snapshot, lang=lang, fmt=fmt))
