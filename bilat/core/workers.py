"""Whether a background worker runs, for work a page may hand it (a briefing pack's file).

Each running ``bilat worker`` writes its id under ``HEARTBEAT`` in the shared cache every
``BEAT_SECONDS``, kept three times as long: a server process that finds it may queue a task
and wait for its result in the cache, so that seconds of CPU (a PDF) are spent in the worker,
at the lower priority it runs at, rather than in a server process among the pages it serves.
Without a shared cache (local memory: the embedded default) no server sees a beat and each
does such work itself, as it must: the worker's result would stay in the worker's memory.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

HEARTBEAT = "bilat.worker.heartbeat"
BEAT_SECONDS = 10


def beat(worker_id: str) -> None:
    """Say that the worker ``worker_id`` runs, for the next three beats."""
    cache.set(HEARTBEAT, worker_id, timeout=3 * BEAT_SECONDS)


def stop_beating(worker_id: str) -> None:
    """Say that the worker ``worker_id`` stopped (unless another worker beat since)."""
    if cache.get(HEARTBEAT) == worker_id:
        cache.delete(HEARTBEAT)


def worker_alive() -> bool:
    """Whether a worker that shares this process's cache has beaten lately."""
    return settings.BILAT_SHARED_CACHE and cache.get(HEARTBEAT) is not None
