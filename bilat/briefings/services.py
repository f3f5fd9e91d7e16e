"""Freezing snapshots and producing briefing packs from them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext_noop

import bilat
from bilat.accounts.policy import Action, require
from bilat.core.changelog import record_change
from bilat.core.workers import worker_alive
from bilat.meetings.models import Meeting

from . import asof, pagecache, render, sources
from .document import Briefing
from .figures import Figure, FigureSet, build_figures
from .models import Snapshot, SnapshotFigure
from .pack import build_briefing


def content_hash(as_of: date, meeting_id: int | None, figures: FigureSet) -> str:
    """SHA-256 of the snapshot's date, meeting and figures in a canonical form."""
    payload = {
        "as_of": as_of.isoformat(), "meeting": meeting_id,
        "figures": [f.as_dict() for f in figures],
    }
    # allow_nan=False: a figure that is not a finite number fails here, never hashes as NaN.
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def figures_as_of(as_of: date, *, meeting: Meeting | None = None, commission=None) -> FigureSet:
    """Every figure of a briefing as of a date, citing only the sources published by then."""
    figures = build_figures(sources.gather(as_of=as_of, meeting=meeting, commission=commission))
    return asof.cite_as_of(figures, as_of)


@transaction.atomic
def freeze_snapshot(*, as_of: date | None = None, meeting: Meeting | None = None,
                    actor: User | None, note: str = "", commission=None) -> Snapshot:
    """Record every figure a briefing uses as it stands now, with its rule, basis and source
    (of the meeting's commission, or ``commission``, or the current one)."""
    commission = sources.commission_for(meeting, commission)
    if actor is not None:
        require(actor, Action.ADD, commission_id=commission.pk if commission else None)
    if as_of is None:
        if meeting is None:
            raise ValueError("freeze_snapshot needs an as-of date or a meeting")
        as_of = meeting.held_on
    figures = figures_as_of(as_of, meeting=meeting, commission=commission)
    digest = content_hash(as_of, meeting.pk if meeting else None, figures)
    return _store(as_of, meeting, figures, digest, actor=actor, note=note, commission=commission)


FROZEN = gettext_noop("Figures frozen for a briefing.")


def _store(as_of: date, meeting: Meeting | None, figures: FigureSet, digest: str, *,
           actor: User | None, note: str = "", commission=None) -> Snapshot:
    commission = sources.commission_for(meeting, commission)
    if commission is None:
        raise ValueError("a snapshot belongs to a commission: name one")
    snapshot = Snapshot.objects.create(
        meeting=meeting, commission=commission, as_of=as_of, created_by=actor,
        content_hash=digest, note=note,
    )
    SnapshotFigure.objects.bulk_create([
        SnapshotFigure(snapshot=snapshot, **{k: v for k, v in f.__dict__.items()})
        for f in figures
    ])
    # The reason is kept as written in the code, whatever language is active (a snapshot is
    # frozen the same for every reader); the change log shows it in its reader's language.
    record_change(snapshot, action="freeze", actor=actor, before=None,
                  message=note or FROZEN)
    return snapshot


def figures_of(snapshot: Snapshot) -> FigureSet:
    """The frozen figures of a snapshot."""
    fields = [f.name for f in Figure.__dataclass_fields__.values()]
    return FigureSet(
        Figure(**{name: getattr(row, name) for name in fields})
        for row in snapshot.figures.all()
    )


@transaction.atomic
def snapshot_for(meeting: Meeting, *, actor: User | None) -> Snapshot:
    """A snapshot of the figures as they stand now for a meeting's briefing.

    The latest snapshot of the meeting is reused when its figures are unchanged, so asking
    twice gives the same pack; when anything moved, a new snapshot is frozen in the name of
    ``actor`` (any signed-in user who may see the meeting; None: the system, for the command
    line).
    """
    if actor is not None:
        require(actor, Action.BRIEF, meeting)
    as_of = meeting.held_on
    figures = figures_as_of(as_of, meeting=meeting)
    digest = content_hash(as_of, meeting.pk, figures)
    with transaction.atomic():
        # One freeze of a meeting at a time (the meeting's row locked on PostgreSQL): readers
        # asking at once for the same figures get one snapshot, not one each.
        list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
        latest = Snapshot.objects.filter(meeting=meeting).order_by("-created_at", "-pk").first()
        if latest is not None and latest.content_hash == digest:
            return latest
        return _store(as_of, meeting, figures, digest, actor=actor)


def briefing_of(snapshot: Snapshot, lang: str) -> Briefing:
    """The briefing pack of a snapshot in one language."""
    return build_briefing(figures_of(snapshot), lang=lang, as_of=snapshot.as_of,
                          content_hash=snapshot.content_hash)


# A snapshot never changes, so its pack in one language and format is made once and shared by
# every server process (a PDF costs one to several seconds of CPU): the readers who ask for it
# while it is being made wait for that one (``pagecache.built_once``) rather than each making
# it on the same cores. A page asking for it hands the making to the background worker when
# one runs (``bilat.core.workers``): a PDF made in a server process held that process's
# interpreter for seconds, among the pages it serves, where the worker makes it at a lower
# priority. bilat's version is in the key, so an upgrade that changes the packs does not serve
# the old ones.
PACK_CACHE_SECONDS = 24 * 3600
PACK_BUILD_WAIT = 120.0  # seconds; then a waiting reader makes the pack itself


@task
def make_pack(snapshot_pk: int, lang: str, fmt: str) -> int:
    """Make a snapshot's briefing pack in one language and format into the shared cache, where
    the page that asked for it waits (``produce_briefing``): a task ``bilat worker`` runs.
    Returns the file's size."""
    return len(produce_briefing(Snapshot.objects.get(pk=snapshot_pk), lang=lang, fmt=fmt))


def produce_briefing(snapshot: Snapshot, *, lang: str, fmt: str, hand_off: bool = False) -> bytes:
    """The briefing pack of a snapshot as a file in one format; with ``hand_off`` (a page
    asks), made by the worker if one runs, this process waiting for it."""
    key = f"bilat.pack:{bilat.__version__}:{snapshot.pk}:{snapshot.content_hash}:{lang}:{fmt}"
    if hand_off and worker_alive():
        made = cache.get(key)
        if made is not None:
            return made
        if cache.add(f"{key}:queued", True, timeout=int(PACK_BUILD_WAIT)):
            make_pack.enqueue(snapshot.pk, lang, fmt)
        made = pagecache.wait_for(key, PACK_BUILD_WAIT)
        if made is not None:
            return made  # else the worker is stuck or gone: make it here, as without one
    return pagecache.built_once(key, lambda: render.render(briefing_of(snapshot, lang), fmt),
                                timeout=PACK_CACHE_SECONDS, wait=PACK_BUILD_WAIT)


@dataclass(frozen=True)
class Movement:
    """One figure between two snapshots."""

    key: str
    before: Figure | None
    after: Figure | None

    @property
    def change(self):
        if self.before and self.after and self.before.value is not None and (
                self.after.value is not None):
            return self.after.value - self.before.value
        return None


def compare_snapshots(earlier: Snapshot, later: Snapshot) -> list[Movement]:
    """What moved between two snapshots: figures added, removed or changed."""
    a, b = figures_of(earlier), figures_of(later)
    keys = sorted({f.key for f in a} | {f.key for f in b})
    out = []
    for key in keys:
        x, y = a.get(key), b.get(key)
        if x is None or y is None or x.value != y.value or x.text != y.text:
            out.append(Movement(key, x, y))
    return out
