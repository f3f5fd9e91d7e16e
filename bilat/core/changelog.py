"""The append-only, hash-chained change log: recording writes and verifying the chain."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import math
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connections, models, router, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bilat.ops.router import write_position

from .citations import citation, cited_dates
from .context import current_channel, current_request_id
from .languages import LANGUAGES, text_language
from .models import ChainHead, ChangeLogEntry, ChangeMark


def _plain(value):
    if isinstance(value, float):
        # PostgreSQL's jsonb gives 1e20 back as 100000000000000000000 and -0.0 as 0, SQLite
        # gives them back as written: store a whole float as an int so both hash the same.
        # A non-finite float is not JSON at all.
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model, *, extra: dict | None = None) -> dict:
    """The stored values of a record, as plain JSON (foreign keys by id, many-to-many as id lists)."""
    data: dict = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    if extra:
        data.update(_plain(extra))
    return data


def _digest(fields: dict, prev_hash: str) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _hashed_fields(entry: ChangeLogEntry) -> dict:
    return {
        "seq": entry.seq,
        "at": entry.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "request_id": entry.request_id,
        "channel": entry.channel,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
    }


def entry_hash(entry: ChangeLogEntry, prev_hash: str) -> str:
    """The hash an entry carries when it follows the entry whose hash is ``prev_hash``."""
    return _digest(_hashed_fields(entry), prev_hash)


def _to_the_millisecond(moment: datetime.datetime) -> datetime.datetime:
    # Every dump format keeps milliseconds (Django's JSON keeps no more); the hash covers the
    # stamp to the microsecond, so new entries carry no digits a move could lose.
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def record_change(
    obj: models.Model,
    *,
    action: str,
    actor: User | None,
    before: dict | None = None,
    after: dict | None = None,
    message: str = "",
    channel: str = "",
) -> ChangeLogEntry:
    """Append one entry for a write to ``obj``; call it inside the write's transaction."""
    if after is None and action != "delete":
        after = snapshot(obj)
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = ChangeLogEntry(
            seq=head.seq + 1,
            at=_to_the_millisecond(timezone.now()),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=(actor.get_username() if getattr(actor, "pk", None) else "system"),
            request_id=current_request_id(),
            channel=channel or current_channel() or "system",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            before=_plain(before) if before is not None else None,
            after=_plain(after) if after is not None else None,
            reason=message,
            prev_hash=head.hash,
        )
        # Round-trip the JSON so the hash covers exactly what the database gives back.
        entry.before = json.loads(json.dumps(entry.before)) if entry.before is not None else None
        entry.after = json.loads(json.dumps(entry.after)) if entry.after is not None else None
        entry.hash = entry_hash(entry, head.hash)
        entry.save()
        ChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        ChangeMark.objects.bulk_create(
            [ChangeMark(key=key, seq=entry.seq) for key in sorted(mark_keys(obj, before))],
            update_conflicts=True, unique_fields=["key"], update_fields=["seq"])
        _announce_on_commit()
    return entry


# The shared cache's word for "the registry has moved": a new token after every committed
# write. What is kept under a token (the public's pages: ``briefings.pagecache.published``) is
# good while the token stands, without reading the marks from the database.
MOVED = "bilat.registry:moved"


# Sent once a transaction's writes to the registry have committed (once however many it holds),
# where something reads it: the public's pages (the token above) or pages made again for their
# readers after a write (``BILAT_WARM_PAGES``: ``briefings.warm``).
moved = Signal()


def _announce_on_commit() -> None:
    """``announce_move`` once the transaction commits, once however many writes it holds (an
    import's hundreds), and only where the public's pages are kept under the token or pages
    are made again after a write. A callback registered in a savepoint rolled back since is
    gone from the list: the next write registers it again."""
    if not (settings.BILAT_PUBLISHED_PAGES or settings.BILAT_WARM_PAGES):
        return
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is announce_move for entry in pending):
        transaction.on_commit(announce_move)


def announce_move() -> None:
    """Say in the shared cache that the registry has moved (after a write's commit, before the
    writer's answer: whoever has seen the answer sees the new token), and to whoever listens
    (``moved``)."""
    if settings.BILAT_PUBLISHED_PAGES:
        # With a replica, the token says where the primary's log stands after this write: a
        # page made from a replica behind it is not kept under it (``router.shows_write_at``).
        position = write_position()
        token = uuid.uuid4().hex
        cache.set(MOVED, f"{token}@{position}" if position else token, timeout=None)
    moved.send(sender=ChangeLogEntry)


def moved_token(found: dict) -> str:
    """The token the registry stands at, from ``found`` (a ``get_many`` that asked for
    ``MOVED``), or a first one where the cache holds none (a cache just started)."""
    token = found.get(MOVED)
    if token is None:
        cache.add(MOVED, uuid.uuid4().hex, timeout=None)
        token = cache.get(MOVED)
    return token


def mark_keys(obj: models.Model, before: dict | None = None) -> set[str]:
    """The marks a write to ``obj`` moves: its area (app), the kind of record its history
    belongs to (the top of its ``history_parent`` chain) and that record and each one up to it.
    A parent that cannot be read any more, or that the write changed (``before`` names
    another), moves the mark of the kind of the record below it, which every page of a record
    of another kind of the area depends on."""
    keys = {obj._meta.app_label}
    name = getattr(type(obj), "history_parent", None)
    if name and before is not None:
        attname = obj._meta.get_field(name).attname
        if attname in before and before[attname] != getattr(obj, attname):
            keys.add(obj._meta.label_lower)  # moved from one record to another
    node = obj
    while True:
        # A record without a key (written off already) is any record of its kind.
        keys.add(f"{node._meta.label_lower}:{node.pk if node.pk is not None else '*'}")
        name = getattr(type(node), "history_parent", None)
        if not name:
            break
        try:
            parent = getattr(node, name)
        except models.ObjectDoesNotExist:
            parent = None
        if parent is None:
            break
        node = parent
    keys.add(node._meta.label_lower)
    return keys


def record_marks(model: type[models.Model], pk) -> list[str]:
    """The marks a page of one record of ``model`` (a top of its area's history chains)
    depends on within its area: the record (moved by every write to it and to its parts) and
    every other kind of record of the area (whose writes name no record of ``model``)."""
    label = model._meta.label_lower
    kinds = [m._meta.label_lower for m in apps.get_app_config(model._meta.app_label).get_models()]
    return [f"{label}:{pk}", f"{label}:*", *sorted(k for k in kinds if k != label)]


def marks(keys) -> dict[str, int]:
    """The latest change-log entry of each mark in ``keys`` (0 before any write to it).

    Every cached page asks on every request, so it is one plain query on the connection the
    ORM would read from (the replica for a read-only request): building it through the ORM
    cost twice the query itself (0.65 against 0.28 ms)."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    connection = connections[router.db_for_read(ChangeMark)]
    quote = connection.ops.quote_name
    meta = ChangeMark._meta
    key, seq = (quote(meta.get_field(name).column) for name in ("key", "seq"))
    sql = (f"SELECT {key}, {seq} FROM {quote(meta.db_table)} "  # noqa: S608 - names from the
           f"WHERE {key} IN ({', '.join(['%s'] * len(keys))})")  # model, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        found = dict(cursor.fetchall())
    return {k: found.get(k, 0) for k in keys}


@dataclass
class ChainReport:
    """The outcome of checking the chain: entries read, every problem counted, the first named."""

    checked: int
    head_hash: str
    problems: list[str]
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problem_count


GENESIS = "0" * 64


class _Problems:
    """Counts every problem and keeps the words of the first ``limit``."""

    def __init__(self, limit: int):
        self.limit = limit
        self.details: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.details) < self.limit:
            self.details.append(message)


@dataclass
class _Seen:
    """What the check remembers of the entry before: its number as stored and as written."""

    seq: int
    written_seq: int
    hash: str
    prev_hash: str
    intact: bool
    before_seq: int


def _numbers(first: int, last: int) -> str:
    return f"#{first}" if first == last else f"#{first}–#{last}"


def _written_seq(entry: ChangeLogEntry, shifts: tuple[int, ...]) -> int | None:
    """The number an entry was written under, when only its number was changed since."""
    fields = _hashed_fields(entry)
    for shift in dict.fromkeys(shifts):
        if shift and entry.seq - shift >= 1:
            fields["seq"] = entry.seq - shift
            if _digest(fields, entry.prev_hash) == entry.hash:
                return entry.seq - shift
    return None


def verify_chain(*, detail_limit: int = 20) -> ChainReport:
    """Recompute every hash in order and name each kind of tampering for what it is.

    An entry whose content no longer gives its hash was altered; one whose hash was recomputed
    is given away by the next entry, which still follows the original; a gap in the numbers is
    a removal; two entries following the same one mean the first was inserted; an entry that
    checks out under another number was renumbered; the head tells entries removed from the end
    from entries added behind the log's back and from a head that was itself altered. Every
    problem is counted; the first ``detail_limit`` are described.
    """
    problems = _Problems(detail_limit)
    head = ChainHead.objects.filter(pk=1).first()
    head_entry_hash = None
    prev: _Seen | None = None
    shift = 0
    renumbered: list[int] = []  # the first and last number of a run of renumbered entries
    checked = 0

    def close_renumbered_run() -> None:
        if renumbered:
            first, last = renumbered
            problems.add(f"entry #{first} was renumbered (its content is intact)" if first == last
                         else f"entries #{first}–#{last} were renumbered (their content is intact)")
            renumbered.clear()

    for entry in ChangeLogEntry.objects.order_by("seq").iterator(chunk_size=2000):
        checked += 1
        if head is not None and entry.seq == head.seq:
            head_entry_hash = entry.hash
        intact = entry_hash(entry, entry.prev_hash) == entry.hash
        written = entry.seq
        if not intact and (found := _written_seq(entry, (shift, shift + 1, shift - 1))):
            written, intact = found, True
        if written != entry.seq:
            shift = entry.seq - written
            if renumbered and renumbered[1] == entry.seq - 1:
                renumbered[1] = entry.seq
            else:
                close_renumbered_run()
                renumbered[:] = [entry.seq, entry.seq]
        else:
            close_renumbered_run()
        if not intact:
            problems.add(f"entry #{entry.seq} was altered after it was written")

        expected_seq = prev.written_seq + 1 if prev else 1
        if written > expected_seq:
            gap = _numbers(expected_seq, written - 1)
            problems.add(f"entry {gap} was removed" if expected_seq == written - 1
                         else f"entries {gap} were removed")
        elif intact and entry.prev_hash != (prev.hash if prev else GENESIS):
            if prev is not None and entry.prev_hash == prev.prev_hash:
                problems.add(f"entry #{prev.seq} was inserted: entry #{entry.seq} follows "
                             f"#{prev.before_seq}")
            elif prev is not None and prev.intact:
                problems.add(f"entry #{prev.seq} was altered and its hash recomputed: "
                             f"entry #{entry.seq} still follows the original")
            elif prev is None:
                problems.add(f"entry #{entry.seq} does not follow the start of the chain")
            # else: the entry before was altered, hash and all; it is already named.
        prev = _Seen(entry.seq, written, entry.hash, entry.prev_hash, intact,
                     prev.seq if prev else 0)
    close_renumbered_run()

    last_seq, last_hash = (prev.seq, prev.hash) if prev else (0, GENESIS)
    if head is None:
        if checked:
            problems.add("the chain head is missing")
    elif (head.seq, head.hash) != (last_seq, last_hash):
        if head.seq > last_seq and head.hash != last_hash:
            first = (prev.written_seq if prev else 0) + 1
            problems.add(f"{'entry' if first == head.seq else 'entries'} "
                         f"{_numbers(first, head.seq)} "
                         f"{'was' if first == head.seq else 'were'} removed from the end: "
                         f"the chain head says #{head.seq}")
        elif head.seq < last_seq and head_entry_hash == head.hash:
            many = head.seq + 1 < last_seq
            problems.add(f"{'entries' if many else 'entry'} {_numbers(head.seq + 1, last_seq)} "
                         f"{'were' if many else 'was'} added without going through the log: "
                         f"the chain head says #{head.seq}")
        else:
            problems.add(f"the chain head was altered: it says #{head.seq} with hash "
                         f"{head.hash[:8]}…, but the last entry is #{last_seq} with hash "
                         f"{last_hash[:8]}…")
    return ChainReport(checked=checked, head_hash=last_hash, problems=problems.details,
                       problem_count=problems.count)


def _parts_of(model) -> list[tuple[type, str]]:
    """The models whose rows are parts of ``model``'s (they name it in ``history_parent``), each
    with the key its snapshot stores the parent's id under."""
    found = []
    for part in apps.get_models():
        name = getattr(part, "history_parent", None)
        if name and part._meta.get_field(name).related_model is model:
            found.append((part, part._meta.get_field(name).attname))
    return found


def _entries_of(model, ids: set[str]) -> models.Q:
    """Entries about these rows of ``model`` and about their parts, found through the log itself
    so that a part removed since is still part of the history."""
    found = models.Q(object_type=model._meta.label_lower, object_id__in=sorted(ids))
    keys = [int(i) if i.isdigit() else i for i in ids]
    for part, key in _parts_of(model):
        part_ids = set(
            ChangeLogEntry.objects.filter(object_type=part._meta.label_lower)
            .filter(models.Q(**{f"after__{key}__in": keys}) | models.Q(**{f"before__{key}__in": keys}))
            .values_list("object_id", flat=True)
        )
        if part_ids:
            found |= _entries_of(part, part_ids)
    return found


def history_for(obj: models.Model):
    """The change-log entries of one record and of its parts (and theirs), newest first.

    A part is a model that names its parent in ``history_parent`` (an agenda item its
    meeting, a paragraph its protocol, the protocol its meeting).
    """
    return ChangeLogEntry.objects.filter(
        _entries_of(type(obj), {str(obj.pk)})
    ).select_related("actor")


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _superuser_only(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _tier_only(user, record) -> bool:
    tier = getattr(record, "access_tier", "public")
    if tier == "public":
        return True
    if tier == "official":
        return _authenticated(user)
    return may_read_whole_log(user)


# Who may read what of the log. The access policy (accounts, which sits above core) installs its
# answers at start-up; until then: the whole log (every record's values before and after) to
# superusers, a record an entry refers to by its tier, who made a change to anyone signed in.
_rules = {"whole_log": _superuser_only, "record": _tier_only, "authors": _authenticated}


def set_access_rules(*, whole_log, record, authors) -> None:
    """Install the access policy's answers to "may this user read the whole change log?",
    "may this user see this record?" (so history names what lists and pages would) and "may
    this user see who made a change?" (the public sees when and what, not who)."""
    _rules.update(whole_log=whole_log, record=record, authors=authors)


def may_read_whole_log(user) -> bool:
    """Whether ``user`` may read every entry (the log holds restricted records' values too)."""
    return _authenticated(user) and bool(_rules["whole_log"](user))


def may_see_authors(user) -> bool:
    """Whether ``user`` sees who made each change of a record's history (and through what)."""
    return _authenticated(user) and bool(_rules["authors"](user))


# --- presentation: what an entry changed, in the reader's words ------------------------------

TRUNCATE_AT = 80
EMPTY = "—"
HIDDEN = gettext_lazy("(a record not open to you)")
REMOVED = gettext_lazy("(a removed %(kind)s)")


@dataclass
class FieldChange:
    """One changed field of an entry, ready to show: its label and both values as text.

    ``old_full``/``new_full`` hold the whole value when the shown one was cut short.
    """

    name: str
    label: str
    old: str
    new: str
    old_full: str = ""
    new_full: str = ""
    written_in: str = ""  # a field its model declares written in one language (``city``: en)

    @property
    def language(self) -> str:
        """The language of a text kept once per language (``title_en``: "en"), or of a field
        its model declares written in one language (``field_languages``), else ""."""
        return self.written_in or text_language(self.name)


@dataclass
class DescribedEntry:
    """A change-log entry with its changes described for reading."""

    entry: ChangeLogEntry
    changes: list[FieldChange]


def _model_fields(object_type: str) -> dict:
    """The fields of the model an entry is about, by the key ``snapshot`` stores them under."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    fields = {f.attname: f for f in model._meta.concrete_fields}
    fields.update({f.name: f for f in model._meta.many_to_many})
    return fields


def _field_languages(object_type: str) -> dict[str, str]:
    """The fields the model an entry is about declares written in one language
    (``field_languages = {"city": "en"}``: a name kept in English only, beside its
    ``place_en``/``place_ru``)."""
    try:
        return dict(getattr(apps.get_model(object_type), "field_languages", {}))
    except (LookupError, ValueError):
        return {}


def _ids(value) -> list:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if v is not None and v != ""]


def _may_name(record, user) -> bool:
    """Whether the reader may see the label of a referenced record (the access policy's say)."""
    return _rules["record"](user, record)


def _required_relations(model, depth: int = 2, prefix: str = "") -> list[str]:
    """The non-null foreign keys of ``model`` (and of theirs), which labels often name."""
    paths = []
    for field in model._meta.concrete_fields:
        if field.is_relation and not field.null and field.related_model is not model:
            path = f"{prefix}{field.name}"
            paths.append(path)
            if depth > 1:
                paths += _required_relations(field.related_model, depth - 1, f"{path}__")
    return paths


def _labels(wanted: dict, user) -> dict:
    """``{model: {id: label}}`` with one query per referenced model."""
    labels: dict = {}
    for model, ids in wanted.items():
        queryset = model._default_manager.all()
        if relations := _required_relations(model):
            queryset = queryset.select_related(*relations)
        records = queryset.in_bulk(ids)
        labels[model] = {
            # A hidden record is not named, not even by its id.
            str(pk): (str(record) if _may_name(record, user) else str(HIDDEN))
            for pk, record in records.items()
        }
        gone = {str(i) for i in ids} - set(labels[model])
        if gone:
            labels[model].update(_removed_labels(model, gone, user))
    return labels


def _removed_labels(model, ids: set[str], user) -> dict:
    """Records removed since: named as the log last knew them, to readers of the whole log;
    to others only as a removed record of their kind (its values may have been restricted)."""
    removed = str(REMOVED) % {"kind": model._meta.verbose_name}
    if not may_read_whole_log(user):
        return dict.fromkeys(ids, removed)
    names = dict.fromkeys(ids, removed)
    for object_id, label in (
        ChangeLogEntry.objects.filter(object_type=model._meta.label_lower, object_id__in=ids)
        .order_by("seq").values_list("object_id", "object_repr")
    ):
        names[object_id] = label
    return names


def _text(value, field, labels: dict) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if field is not None and field.is_relation:
        names = labels.get(field.related_model, {})
        return ", ".join(names.get(str(v), str(HIDDEN)) for v in _ids(value))
    if isinstance(field, models.DateTimeField) and (moment := parse_datetime(str(value))):
        return date_format(timezone.localtime(moment) if timezone.is_aware(moment) else moment,
                           "Y-m-d H:i")
    if field is not None and field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    # Choices a model knows per record (a side's basis and the others): labels it gives.
    value_labels = getattr(getattr(field, "model", None), "value_labels", None)
    if value_labels and (names := value_labels(field.name)) and value in names:
        return str(names[value])
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(field, models.CharField | models.TextField) and not text_language(field.name):
        # Its dates in the reader's language; a source's (source, sources, reference, a
        # target's horizon note) also the names of what it cites.
        cites = "source" in field.name or field.name in ("reference", "horizon_note")
        return citation(str(value)) if cites else cited_dates(str(value))
    return str(value)


def _cut(text: str) -> tuple[str, str]:
    if len(text) <= TRUNCATE_AT:
        return text, ""
    return text[: TRUNCATE_AT - 1].rstrip() + "…", text


def field_label(name: str, field) -> str:
    """A field's name in the reader's language: its verbose name; for a text kept in several
    languages (``title_ru``) the field's name and the language (Title (RU))."""
    if field is None:
        return capfirst(_(name.replace("_", " ")))
    if field.verbose_name != field.name.replace("_", " "):
        return capfirst(str(field.verbose_name))
    base, _sep, language = field.name.rpartition("_")
    if base and language in LANGUAGES:
        return f"{capfirst(_(base.replace('_', ' ')))} ({language.upper()})"
    return capfirst(_(str(field.verbose_name)))


def describe_changes(entries, *, user=None) -> list[DescribedEntry]:
    """Each entry's changed fields with verbose names, referenced records by their current
    label (one query per referenced model for all entries), choices by their display label,
    long texts cut short. The stored JSON is left as it is: the hash chain covers it.
    """
    entries = list(entries)
    fields_of = {e.object_type: _model_fields(e.object_type) for e in entries}
    languages_of = {e.object_type: _field_languages(e.object_type) for e in entries}
    wanted: dict = {}
    for entry in entries:
        fields = fields_of[entry.object_type]
        for name, old, new in entry.changed_fields():
            field = fields.get(name)
            if field is not None and field.is_relation:
                wanted.setdefault(field.related_model, set()).update(_ids(old) + _ids(new))
    labels = _labels(wanted, user)
    described = []
    for entry in entries:
        fields = fields_of[entry.object_type]
        changes = []
        for name, old, new in entry.changed_fields():
            field = fields.get(name)
            if field is not None and field.primary_key:
                continue  # the record's own id says nothing to the reader
            if name == "version":
                continue  # bookkeeping: every write bumps it
            label = field_label(name, field)
            old_text, old_full = _cut(_text(old, field, labels))
            new_text, new_full = _cut(_text(new, field, labels))
            if (old_text, old_full) == (new_text, new_full):
                continue  # e.g. a list that was not stored before and is empty now
            changes.append(FieldChange(name, str(label), old_text, new_text, old_full, new_full,
                                       written_in=languages_of[entry.object_type].get(name, "")))
        described.append(DescribedEntry(entry, changes))
    return described


# What each action did, said for the reader of a record's history.
ACTIONS = {
    "create": gettext_lazy("created"),
    "update": gettext_lazy("changed"),
    "delete": gettext_lazy("removed"),
    "set_status": gettext_lazy("status set"),
    "set_executors": gettext_lazy("executors named"),
    "submit": gettext_lazy("report submitted"),
    "accept": gettext_lazy("report accepted"),
    "return": gettext_lazy("report returned"),
    "request": gettext_lazy("more time asked"),
    "approve": gettext_lazy("more time granted"),
    "refuse": gettext_lazy("more time refused"),
    "extend_deadline": gettext_lazy("deadline extended"),
    "remove_from_control": gettext_lazy("removed from control"),
    "restore_to_control": gettext_lazy("restored to control"),
    "report": gettext_lazy("progress reported"),
    "import": gettext_lazy("imported"),
    "ingest": gettext_lazy("readings received"),
    "check": gettext_lazy("checked"),
    "freeze": gettext_lazy("frozen"),
    "raise": gettext_lazy("alert raised"),
    "acknowledge": gettext_lazy("alert acknowledged"),
    "review": gettext_lazy("reviewed"),
    "append": gettext_lazy("appended"),
    "lock_out": gettext_lazy("sign-in locked"),
    "lift_lockout": gettext_lazy("sign-in unlocked"),
}


# Through what a change came, said for the reader (ChangeLogEntry.channel).
CHANNELS = {
    "page": gettext_lazy("page"),
    "api": gettext_lazy("API"),
    "admin": gettext_lazy("administration"),
    "cli": gettext_lazy("command line"),
    "import": gettext_lazy("import"),
    "system": gettext_lazy("system"),
}


def action_label(action: str) -> str:
    """What an entry's action did, in the reader's language."""
    return str(ACTIONS.get(action, action.replace("_", " ")))


def reason_text(reason: str) -> str:
    """An entry's reason in the reader's language: a reason bilat itself gives ("Figures frozen
    for a briefing.") is stored as written in the code and read through the catalogues; one a
    person typed is shown as typed."""
    return _(reason) if reason else ""


def actor_text(entry: ChangeLogEntry) -> str:
    """Who made a change: the user's login, or the system in the reader's language."""
    if entry.actor_id is None and entry.actor_label == "system":
        return str(CHANNELS["system"])
    return entry.actor_label


def channel_label(channel: str) -> str:
    """Through what a change came (page, API, command line…), in the reader's language."""
    return str(CHANNELS.get(channel, channel))


@dataclass
class HistoryRow:
    """One entry of a record's history as its reader sees it: when, what, and for readers who
    may see it, who and through what (page, API…)."""

    entry: ChangeLogEntry
    what: str
    action: str
    changes: list[FieldChange]
    who: str = ""
    via: str = ""


def _parts_shown(entries: list, record, user) -> dict:
    """``{(object_type, object_id): part or None}`` for the parts the entries are about, read
    once per model; None for a part removed since."""
    wanted: dict = {}
    for entry in entries:
        if (entry.object_type, entry.object_id) != (record._meta.label_lower, str(record.pk)):
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    parts = {}
    for object_type, ids in wanted.items():
        model = apps.get_model(object_type)
        queryset = model._default_manager.all()
        if relations := _required_relations(model):
            queryset = queryset.select_related(*relations)
        found = queryset.in_bulk([int(i) if i.isdigit() else i for i in ids])
        for object_id in ids:
            key = int(object_id) if object_id.isdigit() else object_id
            parts[(object_type, object_id)] = found.get(key)
    return parts


class History(list):
    """The rows of a record's history described for a reader (``describe_history``), the
    latest first; ``total``: how many entries the reader may see in all."""

    total: int = 0


def describe_history(entries, *, record: models.Model, user=None,
                     limit: int | None = None) -> History:
    """A record's history (``history_for``) for one reader: each entry says which part it is
    about by its label in the reader's language (never its id), what was done and what
    changed; who did it only to readers the access policy lets see that. An entry about a part
    the reader may not see is left out. With ``limit``, only the latest ``limit`` entries are
    described (a record's page shows those; ``total`` counts them all)."""
    entries = list(entries)
    parts = _parts_shown(entries, record, user)
    shown = [e for e in entries if (part := parts.get((e.object_type, e.object_id))) is None
             or _rules["record"](user, part)]
    authors = may_see_authors(user)
    rows = History()
    rows.total = len(shown)
    for described in describe_changes(shown[:limit], user=user):
        entry = described.entry
        model = apps.get_model(entry.object_type)
        kind = capfirst(str(model._meta.verbose_name))
        key = (entry.object_type, entry.object_id)
        if key not in parts:
            what = kind
        else:
            part = parts[key]
            what = f"{kind}: {part if part is not None else entry.object_repr}"
        parent = getattr(model, "history_parent", None)
        parent_key = model._meta.get_field(parent).attname if parent else None
        rows.append(HistoryRow(
            entry=entry, what=what,
            action=action_label(entry.action),
            changes=[c for c in described.changes if c.name != parent_key],
            who=actor_text(entry) if authors else "",
            via=channel_label(entry.channel) if authors else "",
        ))
    return rows
