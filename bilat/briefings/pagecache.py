"""Pages rendered once per state of what they show, and shared by every server process.

A cached page is keyed by everything it may depend on: the registry (the change log's head,
which every write moves, or, for a page that names what it shows, the marks of its areas and
record: ``ChangeMark``), the day, the language, the commission, and what the reader may see
(the policy's view of the user), so it is never stale and never shows one reader what another
may see. What it showed of the trade warehouse is kept with it rather than in its key: the
identity of each warehouse file its making read (``warehouse.noting_reads``; every load swaps
a new file in), and it is made again once that file is no longer the current one
(``Stamped``), so that a load makes again the pages that show trade figures and no other.
The cache is Django's (Redis when ``BILAT_REDIS_URL`` is set), so every process answers alike.

``cached_page`` caches the blocks a page adds to ``core/base.html`` (title, head, content,
scripts) and renders the shell around them for each request: the user's name, the CSRF token
and the messages are never cached. The blocks see the view's context, the request's path and
query (``PageRequest``), the language and the policy's answers (``block_context``), never the
user: a page whose own part depends on who reads it beyond what they may see (its forms, its
per-user actions) is not one to cache, or only for those who may only read (``when``).

``published`` serves the public's finished pages in one round trip to the shared cache, under
the registry's token (``changelog.MOVED``) instead of the marks.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import Context
from django.template.context_processors import i18n
from django.template.loader_tags import ExtendsNode
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bilat.accounts.context_processors import policy
from bilat.accounts.policy import actor_of, sight_of
from bilat.commissions.context import current_commission_id
from bilat.ops.router import shows_write_at
from bilat.trade.warehouse import note_read, noting_reads, warehouse_stamp

SHELL = "core/base.html"
SHELL_BLOCKS = ("title", "head", "content", "scripts")
TIMEOUT = 3600


# What every page of the registry shows besides its own area: the sides, organisations, people
# and sectors, the commissions, the users and their roles.
SHARED_AREAS = ("accounts", "auth", "commissions", "core", "directory")


def registry_state(*, areas=None, record=None):
    """What a page shows of the registry, as it stands now: the change log's head (every write
    moves it) or, for a page that names what it shows, the marks of its ``areas`` (and of the
    areas every page shows) and of its ``record`` (a model and a key: that record and its
    parts, and any other kind of record of its area)."""
    from bilat.core.changelog import marks, record_marks
    from bilat.core.models import ChainHead

    if areas is None and record is None:
        return ChainHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    keys = [*SHARED_AREAS, *(areas or ())]
    if record is not None:
        keys += record_marks(*record)
    return sorted(marks(keys).items())


def area_states(groups: dict[str, tuple[str, ...]]) -> dict[str, list]:
    """``registry_state(areas=...)`` of each group of areas, read in one query: for a page
    made of parts, each keyed by the areas it shows."""
    from bilat.core.changelog import marks

    found = marks({*SHARED_AREAS, *(a for areas in groups.values() for a in areas)})
    return {name: sorted((key, found[key]) for key in {*SHARED_AREAS, *areas})
            for name, areas in groups.items()}


def record_parts(name: str, records, render_part: Callable, *, model, areas=(),
                 prepare: Callable | None = None) -> list[str]:
    """``render_part(record)`` for each of ``records`` (of ``model``), each from the cache while
    that record and its parts, ``areas`` and the shared areas stand as they did, the day and
    the language too: after a write to one record of a list, its part alone is built again,
    not the list's other rows. ``prepare(records)`` reads what the parts to build need (once
    for all of them). A part shows a record as anyone who may see it sees it: the list chooses
    which records a reader sees, never what a part shows of one."""
    from bilat.core.changelog import marks, record_marks

    own = {record.pk: record_marks(model, record.pk) for record in records}
    shared = sorted({*SHARED_AREAS, *areas})
    found = marks({*shared, *(key for keys in own.values() for key in keys)})
    common = [timezone.localdate().isoformat(), get_language() or "en",
              [(key, found[key]) for key in shared]]
    keys = {pk: hashed(json.dumps([name, pk, [(key, found[key]) for key in own[pk]], common],
                                  separators=(",", ":"), default=str), "part")
            for pk in own}
    kept = cache.get_many(list(keys.values()))
    missing = [record for record in records if keys[record.pk] not in kept]
    if missing and prepare is not None:
        prepare(missing)
    parts, made = [], {}
    for record in records:
        text = kept.get(keys[record.pk])
        if text is None:
            text = made[keys[record.pk]] = str(render_part(record))
        parts.append(mark_safe(text))  # noqa: S308 - rendered by a template, escaped there
    if made:
        cache.set_many(made, timeout=TIMEOUT)
    return parts


def reading_state(user, today: date | None = None) -> tuple:
    """What every cached page depends on besides the registry and the warehouse (``Stamped``):
    the day, the language, what ``user`` may see and the commission (``state_key``'s; a page
    of several parts reads it once: 0.09 ms each time, most of a part's key)."""
    return ((today or timezone.localdate()).isoformat(), get_language() or "en",
            sight_of(user), current_commission_id())


class Stamped(NamedTuple):
    """A cached value made from the trade warehouse, with the stamps of the files it read
    (``warehouse.warehouse_stamp``): good while each is the current file. A value made
    without reading the warehouse is cached as it is, and outlives every load."""

    stamps: frozenset
    value: Any


def stamped(value, seen: set):
    """``value`` as the cache keeps it, made reading the warehouse files ``seen``
    (``warehouse.noting_reads``): ``Stamped`` if it read any, else as it is."""
    return Stamped(frozenset(seen), value) if seen else value


def kept(entry):
    """The value of a cache ``entry`` (``stamped``), or None when it showed a warehouse file
    that a load has replaced since; what is being made with it notes the files it showed."""
    if not isinstance(entry, Stamped):
        return entry
    if entry.stamps != {warehouse_stamp()}:
        return None
    for stamp in entry.stamps:
        note_read(stamp)
    return entry.value


def state_key(name: str, user, *parts, today: date | None = None, registry: bool = True,
              areas=None, record=None, state=None, reading: tuple | None = None) -> str:
    """A cache key for ``name`` as ``user`` sees it now: registry state, day, language, what
    the user may see, commission, and the page's own ``parts`` (without
    ``registry``, for what names in ``parts`` all it shows of the registry: other writes to
    the registry keep it; with ``areas`` or ``record``, only writes to those move it; with
    ``state``, the registry as ``area_states`` read it already; with ``reading``, the rest
    as ``reading_state`` read it already)."""
    if state is not None:
        head = state
    else:
        head = registry_state(areas=areas, record=record) if registry else None
    state = (head, *(reading or reading_state(user, today)), *parts)
    return f"{name}:" + json.dumps(state, separators=(",", ":"), default=str)


def hashed(state: str, kind: str = "page") -> str:
    """A cache key for a ``state_key``: of bounded length whatever the query."""
    return f"bilat.{kind}:" + hashlib.sha256(state.encode()).hexdigest()


def request_key(name: str, request, *parts, **state) -> str:
    """The cache key of what ``name`` shows for this request: ``state_key`` of the reader, the
    path and query and ``parts`` (``state``: ``registry``, ``areas``, ``record``)."""
    return hashed(state_key(name, request.user, request.path, sorted(request.GET.lists()),
                            *parts, **state))


def cached_page(view: Callable | None = None, *, when: Callable | None = None,
                registry: bool = True, vary: Callable | None = None,
                areas: tuple[str, ...] | None = None, record: tuple | None = None):
    """Serve the page ``view`` renders (a TemplateResponse of a template that extends
    ``core/base.html``) from the cache while nothing it may depend on has changed; with
    ``when``, only for the users ``when(user)`` admits (a page with per-user actions: for
    those who may only read). With ``registry=False`` the page is kept across writes to the
    registry: for a page that shows the warehouse, and of the registry only what
    ``vary(request)`` returns (in the key instead of the change log's head). With ``areas``
    (app labels), the page is kept across writes to other areas than those and the shared ones
    (``SHARED_AREAS``); with ``record`` (a model and the name of the URL's argument that holds
    its key), across writes to other records of that model: for the page of one record, whose
    ``areas`` then name what it shows of others. A page that shows a little of every area
    (the dashboard) names none: every write moves its key."""
    if view is None:
        return lambda view: cached_page(view, when=when, registry=registry, vary=vary,
                                        areas=areas, record=record)

    @published
    @wraps(view)
    def cached(request, *args, **kwargs):
        if (request.method not in ("GET", "HEAD") or getattr(request, "htmx", False)
                or (when is not None and not when(request.user))):
            return view(request, *args, **kwargs)  # htmx asks for a fragment: not cached
        shown = (record[0], kwargs[record[1]]) if record is not None else None
        key = request_key("page", request, vary(request) if vary else None,
                          registry=registry, areas=areas, record=shown)

        def build():
            response = view(request, *args, **kwargs)
            if not isinstance(response, SimpleTemplateResponse) or response.is_rendered:
                return response
            context = {**block_context(request), **(response.context_data or {})}
            return {"status": response.status_code,
                    "blocks": render_blocks(response.resolve_template(response.template_name),
                                            context)}

        with noting_reads() as seen:  # its blocks' warehouse files: the whole page's too
            page = built_once(key, build, keep=lambda page: isinstance(page, dict)
                              and page["status"] == 200)
        if not isinstance(page, dict):
            return page  # not a page of blocks (a redirect, a file): as the view answered
        blocks = {name: mark_safe(text) for name, text in page["blocks"].items()}  # noqa: S308
        return whole_page(request, key, lambda marks: render(
            request, "core/cached_page.html", {"blocks": blocks, **marks},
            status=page["status"]), shows=seen)

    cached.is_cached_page = True
    return cached


# What a page rendered once holds in place of each request's own values: the CSRF token (of
# the reader's cookie) and the CSP nonce (of the response's header).
CSRF_MARK = "bilat-whole-page-csrf-5d0c1b7e"
NONCE_MARK = "bilat-whole-page-nonce-5d0c1b7e"


def shell_state(request) -> tuple | None:
    """What the top bar shows of a signed-in reader beyond what their page's key holds (the
    sight, the language, the commission): their name, whether they administer, their roles as
    stored (which name their role and side and decide their links) and their unread
    notifications; None for the public. Each is read from the shared cache, once per change,
    and once per request (the top bar reads the same)."""
    user = request.user
    if not user.is_authenticated:
        return None
    from bilat.accounts.roles import stored_roles
    from bilat.decisions.reminders import unread_of

    return (user.pk, user.get_username(), user.is_superuser, stored_roles(user),
            unread_of(request))


def whole_page(request, key: str, render_page: Callable[[dict], HttpResponse], *,
               shows: set = frozenset()) -> HttpResponse:
    """The page ``render_page(marks)`` renders (the shell around cached parts), rendered once
    under ``key`` (which holds what its parts depend on), the path and query and the reader's
    ``shell_state``, and served whole: the CSRF token and the CSP nonce, the only parts of the
    shell of the request's own, are put in for each request. A reader with messages to read
    gets the shell rendered for them (``render_page({})``), as does a page that is not a plain
    200. The page is made again after a load when its parts showed the warehouse: those
    ``render_page`` made or took from the cache, and those made before it (``shows``: the
    stamps of their warehouse files)."""
    if len(get_messages(request)):
        return render_page({})
    whole = hashed(json.dumps([key, request.get_full_path(), shell_state(request)],
                              separators=(",", ":"), default=str), "whole")
    entry = cache.get(whole)
    text = kept(entry)
    if text is None:
        with noting_reads() as seen:
            response = render_page({"csrf_token": CSRF_MARK, "csp_nonce": NONCE_MARK})
        if response.status_code != 200:
            return render_page({})
        text = response.content.decode(response.charset)
        entry = stamped(text, seen | set(shows))
        cache.set(whole, entry, timeout=TIMEOUT)
    published_as = getattr(request, "bilat_published", None)
    # A public reader's page: kept under the registry's token (never a signed-in reader's,
    # whatever their request looked like: the public's page is for those who may see least),
    # and made again after a load if it shows the warehouse, as the whole page is.
    if published_as is not None and not request.user.is_authenticated:
        slot, token = published_as
        shown = entry.stamps if isinstance(entry, Stamped) else ()
        cache.set(slot, stamped((token, text), shown), timeout=PUBLISHED_TIMEOUT)
    return _filled(request, text)


def _filled(request, text: str) -> HttpResponse:
    """A page rendered once, with this request's CSRF token and CSP nonce put in."""
    return HttpResponse(text.replace(CSRF_MARK, get_token(request))
                        .replace(NONCE_MARK, str(get_nonce(request))))


# How long a public page is kept under the registry's token: a bound on how long it could stay
# stale if a write's commit could not tell the cache (``changelog.announce_move``).
PUBLISHED_TIMEOUT = 60


def published(view: Callable) -> Callable:
    """Serve ``view``'s page to the public (a reader with no session, no messages, no htmx,
    choosing no commission) in one round trip to the shared cache, while the registry stands
    where it stood when the page was made (``changelog.MOVED``, a new token after every
    committed write), the warehouse files it showed are current (``Stamped``) and the day, the
    language, the host, the path and the query are the same: without reading the marks, the commissions or anything else the key of
    a signed-in reader's page needs. The page kept is ``whole_page``'s text, made as for any
    reader; it is kept only where every server process shares the cache
    (``BILAT_PUBLISHED_PAGES``, on with ``BILAT_REDIS_URL``: a write through one process must
    count in all). The token is read before the page is made: a write committed meanwhile
    gives a new token, so what was made before it is never served after it."""

    @wraps(view)
    def served(request, *args, **kwargs):
        slot = public_slot(request)
        if slot is None:
            return view(request, *args, **kwargs)
        from bilat.core.changelog import MOVED, moved_token

        found = cache.get_many([slot, MOVED])
        page = kept(found.get(slot))
        token = moved_token(found)
        if page is not None and token is not None and page[0] == token:
            return _filled(request, page[1])
        # A page made from a replica that has not replayed the token's write yet is served
        # but not kept: under the token it would stand for a registry it does not show.
        if token is not None and shows_write_at(token.partition("@")[2]):
            request.bilat_published = (slot, token)
        return view(request, *args, **kwargs)

    return served


def public_slot(request) -> str | None:
    """Where the public's page for this request is kept (``published``), or None for a reader
    whose page depends on more than the request's path, query and language: signed in (a
    session cookie), with messages to read, asking htmx for a fragment, or choosing a
    commission (which the session remembers)."""
    if (not settings.BILAT_PUBLISHED_PAGES or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or CookieStorage.cookie_name in request.COOKIES
            or "HTTP_HX_REQUEST" in request.META or "commission" in request.GET):
        return None
    return hashed(json.dumps([request.get_host(), request.path, sorted(request.GET.lists()),
                              get_language() or "en", timezone.localdate().isoformat()],
                             separators=(",", ":"), default=str), "published")


BUILD_WAIT = 5.0  # seconds a request waits for another request's build of the same page
BUILD_POLL = (0.01, 0.08)  # seconds between its looks: the first, then doubling up to the last


def _pauses():
    """The waits between a waiting reader's looks at the cache: ever longer (``BUILD_POLL``),
    since a build under load takes a while and each look costs the waiting reader CPU too."""
    pause = BUILD_POLL[0]
    while True:
        yield pause
        pause = min(2 * pause, BUILD_POLL[1])


def wait_for(key: str, seconds: float):
    """The value another process puts under ``key`` within ``seconds``, else None."""
    deadline = time.monotonic() + seconds
    for pause in _pauses():
        value = kept(cache.get(key))
        if value is not None or time.monotonic() >= deadline:
            return value
        time.sleep(pause)


def built_once(key: str, build: Callable, *, keep: Callable = lambda value: True,
               timeout: int = TIMEOUT, wait: float | None = None):
    """The value cached under ``key``, else ``build()``'s (cached where ``keep`` says so).

    One request at a time builds a missing value: the others asking for the same key in the
    meantime (every reader of a page right after a write to it) wait for it, for at most
    ``wait`` seconds (``BUILD_WAIT``), looking ever less often (``BUILD_POLL``), instead of
    each building the same page on the same cores. They get what a cache hit would give a
    moment later: the value for the same key, that is the same state. A build that keeps
    nothing (an error page) lets the next one in; a cache that cannot be reached, or a build
    that takes too long, and they build it themselves. A value made from the warehouse is
    kept with the stamps of the files it read (``Stamped``) and made again after a load."""
    value = kept(cache.get(key))
    if value is not None:
        return value
    flag = f"{key}:building"
    owner = False
    wait = BUILD_WAIT if wait is None else wait
    deadline = time.monotonic() + wait
    for pause in _pauses():
        if cache.add(flag, True, timeout=int(wait) + 1):
            owner = True
            break
        if cache.get(flag) is None or time.monotonic() >= deadline:
            break  # the cache is out of reach (the flag was not kept either), or too long
        time.sleep(pause)
        value = kept(cache.get(key))
        if value is not None:
            return value
    try:
        with noting_reads() as seen:
            value = build()
        if keep(value):
            cache.set(key, stamped(value, seen), timeout=timeout)
        return value
    finally:
        if owner:
            cache.delete(flag)


def block_context(request) -> dict:
    """What the blocks of a cached page see besides their view's context: the language and
    what the policy lets the reader do (both in the key), the path and query, and the reader
    as the policy sees them (an Actor: no name, no id)."""
    page_request = PageRequest(request)
    return {**i18n(request), **policy(request), "request": page_request,
            "user": page_request.user}


class PageRequest:
    """What the blocks of a cached page may read of the request: what its key holds (the path,
    the query, the reader as the policy sees them), never the user's name, the session or the
    CSRF token."""

    htmx = False

    def __init__(self, request) -> None:
        self.path = request.path
        self.GET = request.GET.copy()
        self.user = actor_of(request.user)

    def get_full_path(self) -> str:
        query = self.GET.urlencode()
        return f"{self.path}?{query}" if query else self.path


def render_blocks(template, context: dict) -> dict[str, str]:
    """The blocks ``template`` (which extends ``core/base.html``) fills in, rendered with
    ``context`` alone: no request, no user, no CSRF token."""
    compiled = template.template
    extends = next((n for n in compiled.nodelist if isinstance(n, ExtendsNode)), None)
    if extends is None or extends.parent_name.resolve(Context()) != SHELL:
        raise ValueError(f"{compiled.name} does not extend {SHELL}: it cannot be cached by block")
    ctx = Context(context, autoescape=compiled.engine.autoescape)
    out = {}
    with ctx.render_context.push_state(compiled), ctx.bind_template(compiled):
        for name in SHELL_BLOCKS:
            block = extends.blocks.get(name)
            out[name] = str(block.render(ctx)) if block is not None else ""
    return out
