"""Writes of the water app: one ingestion path for every door, rating curves, plans, alerts,
bulletin approvals. Each write is recorded in the hash-chained change log."""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import json
import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from bilat.accounts.policy import Action, can, require
from bilat.core.changelog import record_change, snapshot

from . import volumes
from .models import Batch, RatingCurve, Reading, Series, Site
from .parsing import Row
from .periods import dekadas_between
from .rating import check_definition

INSERT_CHUNK = 2000
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
FUTURE_TOLERANCE = datetime.timedelta(days=1)  # loggers' clocks run a little fast
# Called after each chunk of new readings is written (the kill test waits on it); no-op here.
after_chunk: Callable[[int], None] = lambda written: None  # noqa: E731


@dataclass
class Outcome:
    """What a batch did: counts of new, duplicate, conflicting and rejected rows."""

    new: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: list[dict] = field(default_factory=list)
    batch_id: str = ""
    replayed: bool = False

    def as_dict(self) -> dict:
        return {"batch_id": self.batch_id, "new": self.new, "duplicate": self.duplicate,
                "conflict": self.conflict, "rejected": len(self.rejected),
                "rejected_rows": self.rejected}


def _iso(raw: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None


def _time(raw, zone, latest: datetime.datetime | None = None) -> datetime.datetime:
    if isinstance(raw, datetime.datetime):
        moment = raw
    elif isinstance(raw, str) and (moment := _iso(raw)) is not None:
        pass  # what loggers send: ISO 8601 as Python reads it, no spaces around
    elif isinstance(raw, str) and raw.strip():
        try:
            moment = parse_datetime(raw.strip().replace(" ", "T", 1))
        except ValueError as exc:
            raise ValueError("time is not a valid date and time") from exc
        if moment is None:
            raise ValueError("time is not an ISO 8601 date and time")
    else:
        raise ValueError("time is missing")
    if moment.tzinfo is not datetime.UTC:  # UTC already: nothing to convert
        if timezone.is_naive(moment):  # a logger's local clock: the site's time zone
            moment = moment.replace(tzinfo=zone)
        try:
            moment = moment.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise ValueError("time is out of range") from exc
    if latest is None:
        latest = timezone.now() + FUTURE_TOLERANCE
    if not EARLIEST <= moment <= latest:
        raise ValueError("time is before 1900 or in the future")
    return moment


def _value(raw) -> float:
    if isinstance(raw, bool) or raw is None or raw == "":
        raise ValueError("value is missing")
    try:
        value = float(str(raw).replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError) as exc:
        raise ValueError("value is not a number") from exc
    if not math.isfinite(value):
        raise ValueError("value is not a finite number")
    return value


def rows_digest(rows: list[Row]) -> str:
    # Tuples, written as JSON arrays as lists are: the same digest, and nothing per row the
    # garbage collector has to follow.
    payload = json.dumps([(r.series, str(r.time), str(r.value)) for r in rows],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def can_write_series(actor: User | None, series: Series) -> bool:
    """Whether ``actor`` may send readings of ``series`` (its owning side's water officers,
    that side's secretariat)."""
    return can(actor, Action.REPORT, series, side_id=series.owner_side_id)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is worked through, then as before.

    A batch keeps thousands of small objects alive until it ends (its rows, their times and
    values, the rows for ``COPY``, the dekadas' readings): every pass of the collector while
    it runs moves them on to the older generations, and a full collection of the process's
    heap (about 100 ms at load, as long as the batch itself) came every second or third batch
    of 5,000. Reference counting frees them when the batch ends; what a batch leaves in cycles
    is collected at the next pass after it. Nested and concurrent uses are safe: only the
    block that found the collector enabled enables it again."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def ingest(rows: list[Row], *, actor: User | None, door: str, batch_id: str = "",
           as_system: bool = False) -> Outcome:
    """Take a batch of readings, all or none: new ones are stored, the same value again is a
    duplicate, a different value a conflict kept as a new revision for review; rejected rows
    are named with their reason. The same ``batch_id`` again gets the first answer.

    ``as_system`` is for the server's own doors run by its operator (``bilat water import``
    without ``--as``, the MQTT listener without ``BILAT_MQTT_USER``): every series is open.
    """
    if len(batch_id) > 200 or "\x00" in batch_id:  # keep any client's key, within the column
        batch_id = "sha256:" + hashlib.sha256(batch_id.encode("utf-8", "replace")).hexdigest()
    if batch_id:
        first = Batch.objects.filter(client_batch_id=batch_id).first()
        if first is not None:
            return _replayed(first)
    batch_id = batch_id or f"{door}-{uuid.uuid4()}"
    with collection_paused(), transaction.atomic():
        return _ingest(rows, actor=actor, door=door, batch_id=batch_id, as_system=as_system)


def _replayed(batch: Batch) -> Outcome:
    a = batch.answer
    return Outcome(a["new"], a["duplicate"], a["conflict"], a["rejected_rows"], a["batch_id"],
                   replayed=True)


def _ingest(rows, *, actor, door, batch_id, as_system) -> Outcome:
    out = Outcome(batch_id=batch_id)
    series_cache: dict[str, tuple[Series, bool, object]] = {}
    # A code with a NUL character names no series (and PostgreSQL cannot even look it up).
    codes = {r.series for r in rows if "\x00" not in r.series}
    if codes:
        for s in Series.objects.filter(code__in=codes).select_related("site__side"):
            series_cache[s.code] = (s, as_system or can_write_series(actor, s), s.site.zone)
    by_series: dict[int, dict] = defaultdict(dict)
    latest = timezone.now() + FUTURE_TOLERANCE  # once per batch, not per row
    fromisoformat, isfinite, utc = datetime.datetime.fromisoformat, math.isfinite, datetime.UTC
    for r in rows:  # per reading: kept to lookups in dictionaries built once per batch
        found = series_cache.get(r.series)
        raw, value = r.time, r.value
        # What loggers send: a UTC time in ISO 8601 and a finite float, for a series the actor
        # may write. Anything else takes the general checks below, which name the problem.
        if found is not None and found[1] and type(raw) is str and type(value) is float \
                and isfinite(value):
            try:
                at = fromisoformat(raw)
            except ValueError:
                at = None
            if at is not None and at.tzinfo is utc and EARLIEST <= at <= latest:
                seen = by_series[found[0].id]
                if at not in seen:
                    seen[at] = (r.row, value)
                    continue
        try:
            if found is None:
                raise ValueError(f"unknown series {r.series!r}" if r.series else "series is missing")
            series, allowed, zone = found
            if not allowed:
                raise ValueError(f"you may not write series {r.series!r}")
            at = _time(r.time, zone, latest)
            value = _value(r.value)
        except ValueError as exc:
            out.rejected.append({"row": r.row, "reason": str(exc)})
            continue
        seen = by_series[series.id]
        if at not in seen:
            seen[at] = (r.row, value)
        elif seen[at][1] == value or any(
                k[1] == at and v == value for k, (_n, v) in seen.items() if isinstance(k, tuple)):
            out.duplicate += 1
        else:
            # Two values for one time in one batch: keep both, the later row as a revision.
            seen[("extra", at, r.row)] = (r.row, value)
    # Lock the series in a fixed order: two batches of one series take turns.
    written = {s.pk: s for s, _allowed, _zone in series_cache.values() if s.pk in by_series}
    list(Series.objects.select_for_update().filter(pk__in=list(by_series)).order_by("pk")
         .values_list("pk", flat=True))
    new_rows: list[tuple] = []
    demote: list[int] = []
    touched: dict[int, set[datetime.datetime]] = defaultdict(set)  # by series id: cheap keys
    known: dict[int, tuple] = {}
    conflicts: list[str] = []
    for series_pk, seen in by_series.items():
        series = written[series_pk]
        times = [k if isinstance(k, datetime.datetime) else k[1] for k in seen]
        # The revisions at a time (pk, revision, value, current, to review, the index of its
        # row in new_rows if this batch writes it), and the times this batch adds a first
        # reading at (time: index in new_rows): a plain dict, no list per reading.
        existing: dict[datetime.datetime, list[tuple]] = {}
        added: dict[datetime.datetime, int] = {}
        for pk, at, rev, value, current, review in Reading.objects.filter(
                series=series, at__gte=min(times), at__lte=max(times)).values_list(
                "pk", "at", "revision", "value", "is_current", "needs_review"):
            existing.setdefault(at, []).append((pk, rev, value, current, review, None))
        times_touched = touched[series_pk]
        for key, (_row, value) in seen.items():
            at = key[1] if type(key) is tuple else key
            revisions = existing.get(at)
            if revisions is None:
                if at not in added:  # the common case: a time the series has no reading at
                    out.new += 1
                    added[at] = len(new_rows)
                    new_rows.append((series_pk, at, 0, value, True, False))
                    times_touched.add(at)
                    continue
                # A second value in this batch for a time it added: that one is revision 0.
                index = added.pop(at)
                revisions = existing[at] = [(None, 0, new_rows[index][3], True, False, index)]
            if any(r[2] == value for r in revisions):
                out.duplicate += 1
                continue
            out.conflict += 1
            revision = max(r[1] for r in revisions) + 1
            conflicts.append(f"{series.code}@{at.isoformat()}")
            for i, (pk, rev, v, current, review, index) in enumerate(revisions):
                if current and pk:
                    demote.append(pk)
                elif current:  # a revision this batch writes: written as not current
                    new_rows[index] = (*new_rows[index][:4], False, new_rows[index][5])
                revisions[i] = (pk, rev, v, False, review, index)
            revisions.append((None, revision, value, True, True, len(new_rows)))
            new_rows.append((series_pk, at, revision, value, True, True))
            times_touched.add(at)
        # Every reading of [first, last] as it stands once the batch is written: the dekadas'
        # recompute reads only what lies outside it back from the table.
        current = [(at, new_rows[i][3], False) for at, i in added.items()]
        current += [(at, r[2], r[4]) for at, revs in existing.items() for r in revs if r[3]]
        current.sort()
        known[series_pk] = (min(times), max(times), current)
    # The answer is known once every row is classified: the batch is stored with it.
    batch = Batch.objects.create(client_batch_id=batch_id, door=door,
                                 actor=actor if getattr(actor, "pk", None) else None,
                                 digest=rows_digest(rows), answer=out.as_dict())
    if demote:
        Reading.objects.filter(pk__in=demote).update(is_current=False)
    insert_readings([(*row, batch.pk) for row in new_rows])
    for series_pk, times in touched.items():
        series = written[series_pk]
        volumes.recompute(series, volumes.touched_periods(series, times),
                          known=known[series_pk])
    # One change-log entry per batch (not per reading): counts, digest, and every conflict.
    record_change(batch, action="ingest", actor=actor, after={
        **snapshot(batch), "series": sorted(s.code for s in written.values()), "conflicts": conflicts,
    }, channel=door if door in ("api", "cli") else "")
    return out


def insert_readings(rows: list[tuple]) -> int:
    """Write readings (series id, time, revision, value, current, to review, batch id) in
    chunks: PostgreSQL's COPY, elsewhere one multi-row statement per chunk. The ORM's
    bulk_create spends more time building objects than the database spends storing them."""
    table = Reading._meta.db_table
    columns = "series_id, at, revision, value, is_current, needs_review, batch_id"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one COPY: one round trip for the batch
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), INSERT_CHUNK):
                    chunk = rows[start:start + INSERT_CHUNK]
                    for row in chunk:
                        copy.write_row(row)
                    after_chunk(start + len(chunk))
            return len(rows)
        adapt = connection.ops.adapt_datetimefield_value
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start:start + INSERT_CHUNK]
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(s, adapt(at), rev, v, cur, review, b) for s, at, rev, v, cur, review, b in chunk])
            after_chunk(start + len(chunk))
    return len(rows)


def write_rows_directly(series: Series, points: list[tuple[datetime.datetime, float]]) -> int:
    """The floor the benchmark compares ingestion with: readings written straight in bulk."""
    with transaction.atomic():
        return insert_readings([(series.pk, at, 0, v, True, False, None) for at, v in points])


@transaction.atomic
def add_rating_curve(site: Site, *, valid_from: datetime.datetime, kind: str, definition,
                     actor: User | None, note: str = "", provenance: str = "illustrative"
                     ) -> RatingCurve:
    """Add a version of a site's rating curve and recompute the volumes it changes."""
    definition = check_definition(kind, definition)
    curve = RatingCurve.objects.create(
        site=site, valid_from=valid_from, kind=kind, definition=list(definition), note=note,
        provenance=provenance)
    record_change(curve, action="create", actor=actor)
    recompute_site(site, since=valid_from)
    return curve


def recompute_site(site: Site, *, since: datetime.datetime | None = None) -> None:
    """Recompute the dekada aggregates of a site's stage series (after a curve changes)."""
    for series in Series.objects.filter(site=site, parameter=Series.Parameter.STAGE):
        qs = Reading.objects.filter(series=series)
        if since:
            qs = qs.filter(at__gte=since)
        span = qs.aggregate(first=Min("at"), last=Max("at"))
        if span["first"] is None:
            continue
        zone = site.zone
        dekadas = dekadas_between(span["first"].astimezone(zone).date(),
                                  span["last"].astimezone(zone).date())
        volumes.recompute(series, [str(d) for d in dekadas])


@transaction.atomic
def load_archive(series: Series, points: list[tuple[datetime.datetime, float]], *,
                 actor: User | None, batch_id: str) -> Outcome:
    """A series' first readings over a span it has none in (an archive, the demo's season),
    written in bulk: one batch, one change-log entry, its dekadas recomputed once."""
    if not points:
        return Outcome(batch_id=batch_id)
    times = [at for at, _v in points]
    if Reading.objects.filter(series=series, at__gte=min(times), at__lte=max(times)).exists():
        raise ValueError(f"series {series.code} already has readings in that span: use ingest")
    batch = Batch.objects.create(client_batch_id=batch_id, door=Batch.Door.FILE, actor=actor,
                                 digest=hashlib.sha256(repr(points).encode()).hexdigest(),
                                 answer={})
    insert_readings([(series.pk, at, 0, v, True, False, batch.pk) for at, v in points])
    zone = series.site.zone
    volumes.recompute(series, [str(d) for d in dekadas_between(
        min(times).astimezone(zone).date(), max(times).astimezone(zone).date())])
    out = Outcome(new=len(points), batch_id=batch_id)
    batch.answer = out.as_dict()
    batch.save(update_fields=["answer"])
    record_change(batch, action="ingest", actor=actor,
                  after={**snapshot(batch), "series": [series.code], "conflicts": []})
    return out


class ConflictChangedError(Exception):
    """The revisions of a reading changed since the reviewer read them (a newer one came in,
    or someone else decided): their choice would be made blind. Pages and API answer 409."""

    def __init__(self, expected: int, current: int):
        self.expected, self.current = expected, current
        super().__init__(_(
            "The revisions of this reading changed after you opened them (the newest is now "
            "revision %(current)s, you saw %(expected)s). Reload them and decide again."
        ) % {"current": current, "expected": expected})


def conflicts(series_qs, *, limit: int = 200) -> list[dict]:
    """The readings of ``series_qs`` with revisions to review: for each (series, time), every
    revision (number, value, whether current, its batch) and the newest revision number (the
    version a decision is checked against)."""
    keys = list(Reading.objects.filter(series__in=series_qs, needs_review=True)
                .values_list("series_id", "at").distinct().order_by("series_id", "at")[:limit])
    out: dict[tuple, dict] = {}
    wanted = set(keys)
    series_by_pk = {s.pk: s for s in series_qs.filter(pk__in={k[0] for k in keys})}
    for reading in Reading.objects.filter(
            series__in=list(series_by_pk), at__in={k[1] for k in keys}).select_related(
            "batch").order_by("series_id", "at", "revision"):
        key = (reading.series_id, reading.at)
        if key not in wanted:
            continue
        item = out.setdefault(key, {"series": series_by_pk[reading.series_id],
                                    "at": reading.at, "revisions": [], "latest": 0})
        item["revisions"].append(reading)
        item["latest"] = max(item["latest"], reading.revision)
    return list(out.values())


@transaction.atomic
def resolve_conflict(series: Series, at: datetime.datetime, revision: int, *, actor: User,
                     reason: str, latest: int) -> Reading:
    """Accept one revision of a reading as its current value, with the reviewer's reason.

    Only the owning side's water officers (the policy's REPORT on the series) decide. Every
    revision is kept (readings are never changed), the chosen one becomes current, none is
    left to review; the decision and its reason go to the change log and the dekadas the
    reading touches are recomputed. ``latest`` is the newest revision the reviewer saw: if
    another came in since, ConflictChangedError (409) and nothing is written."""
    require(actor, Action.REPORT, series, side_id=series.owner_side_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("reason: say why this value is the right one."))
    # The same lock as ingestion: no batch of this series slips in while the choice is made.
    Series.objects.select_for_update().filter(pk=series.pk).values_list("pk", flat=True).get()
    revisions = list(Reading.objects.filter(series=series, at=at).order_by("revision"))
    chosen = next((r for r in revisions if r.revision == revision), None)
    if len(revisions) < 2 or chosen is None:
        raise ValueError(_("revision: no revision %(revision)s of a conflicting reading of "
                           "%(series)s at %(at)s.") % {"revision": revision,
                                                        "series": series.code,
                                                        "at": at.isoformat()})
    newest = revisions[-1].revision
    if newest != latest:
        raise ConflictChangedError(latest, newest)
    before = {"current": next((r.revision for r in revisions if r.is_current), None),
              "values": {str(r.revision): r.value for r in revisions},
              "to_review": [r.revision for r in revisions if r.needs_review]}
    Reading.objects.filter(series=series, at=at).exclude(pk=chosen.pk).update(
        is_current=False, needs_review=False)
    Reading.objects.filter(pk=chosen.pk).update(is_current=True, needs_review=False)
    chosen.refresh_from_db()
    record_change(chosen, action="review", actor=actor, before=before, after={
        "series": series.code, "at": at.isoformat(), "current": chosen.revision,
        "value": chosen.value, "values": before["values"], "to_review": []}, message=reason)
    volumes.recompute(series, volumes.touched_periods(series, [at]))
    return chosen
