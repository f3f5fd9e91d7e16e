"""The dashboard made again after a write, for those who read it lately.

Every write moves the key of the dashboard's parts that show its area, and of every whole page
made of them; the first reader after it waits while their page is built again (the decisions
part, some 20 ms of CPU). A reader who reads less often than the registry is written (a
secretariat whose officers report all day) would wait nearly every time. So the process that
answered a write, once the request is over (``request_finished``), asks the dashboard again,
in a thread of its own (the writer's answer never waits for it), as each of its latest readers
asked it (``MOST`` of those who read it in the last ``KEEP`` seconds): their parts and whole
page are in the shared cache when they come back, and one who comes meanwhile waits for that
build instead of making another (``pagecache.built_once``). Writes that come while the thread
works wake it once more, not once each.

A reader is remembered by what their page depends on and nothing else: the address (scheme,
host, path and query), who they are (the user's key and the way they signed in), the language
and the commission their session remembers. Their page is asked through the same middleware and
view as theirs, with a session in memory that says the same (``ReaderSession``; the session's
own middleware is left out, so nothing is stored), so it is the page they would have been
served: the keys it is kept under are theirs.

Only where the cache is shared (``BILAT_WARM_PAGES``, on with ``BILAT_REDIS_URL``): a page
made by one process must serve the readers of every other. The CPU it takes is bounded: at
most ``MOST`` pages after each request that wrote (fewer when writes come faster than the
pages are made), most of their parts cache hits but those the write moved.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, get_user_model
from django.contrib.auth import SESSION_KEY as USER_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections
from django.utils import translation

from bilat.commissions.choice import SESSION_KEY as COMMISSION_KEY

logger = logging.getLogger(__name__)

READERS = "bilat.dashboard:readers"  # in the shared cache: reader -> when they last read it
KEEP = 120  # seconds after a reader's last visit during which their page is made again
MOST = 6  # readers whose page is made again after a write, at most (the latest ones)
NOTE_EVERY = 30  # seconds between two notes of one reader by one process
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"

_noted: dict[tuple, float] = {}  # this process's last note of each reader
_local = threading.local()  # in a request: whether it wrote (``moved``)


def note(request) -> None:
    """Count the reader of ``request`` (a GET of the dashboard) among those who read it lately:
    in the shared cache at most once every ``NOTE_EVERY`` seconds by this process."""
    if (not settings.BILAT_WARM_PAGES or request.method != "GET"
            or getattr(request, "bilat_warming", False)):
        return
    reader = reader_of(request)
    now = clock()
    if now - _noted.get(reader, 0) < NOTE_EVERY:
        return
    if len(_noted) > 10 * MOST:
        _noted.clear()
    _noted[reader] = now
    readers = {r: at for r, at in (cache.get(READERS) or {}).items() if now - at < KEEP}
    readers[reader] = now
    latest = sorted(readers.items(), key=lambda item: item[1], reverse=True)[:MOST]
    cache.set(READERS, dict(latest), timeout=KEEP)


def forget_readers() -> None:
    """Forget every reader: the shared list and this process's notes of it."""
    _noted.clear()
    cache.delete(READERS)


def reader_of(request) -> tuple:
    """What the page ``request`` asks for depends on, to ask it again: the scheme, host, path
    and query, the language, whether the reader has a session (the public's pages are kept
    for those who have none: ``pagecache.public_slot``), the user's key and the backend that
    signed them in, and the commission their session remembers."""
    address = (request.scheme, request.get_host(), request.get_full_path(),
               translation.get_language() or settings.LANGUAGE_CODE)
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return (*address, False, None, None, None)  # the public: no session to read
    session, user = request.session, request.user
    if not user.is_authenticated:
        return (*address, True, None, None, session.get(COMMISSION_KEY))
    return (*address, True, user.pk, session.get(BACKEND_SESSION_KEY),
            session.get(COMMISSION_KEY))


def noted(view):
    """Note the public's readers of ``view`` (a dashboard served by ``pagecache.published``,
    which may answer without the view); a reader with a session is noted by the dashboard's
    view itself (``briefings.views.home``)."""

    @wraps(view)
    def reading(request, *args, **kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            note(request)
        return view(request, *args, **kwargs)

    return reading


def clock() -> float:
    """The time readers are noted and forgotten by, in seconds."""
    return time.time()


def latest_readers() -> list[tuple]:
    """The readers whose page is made again after a write, the latest first."""
    now = clock()
    return [reader for reader, at in sorted((cache.get(READERS) or {}).items(),
                                            key=lambda item: item[1], reverse=True)
            if now - at < KEEP][:MOST]


def warm_readers(*, before_each=None) -> int:
    """Ask the dashboard again as each of ``latest_readers`` asked it; how many pages were
    made (an error is logged, never raised: the writer has had their answer). ``before_each``
    is called before each page (the warming thread waits there for the process's requests)."""
    made = 0
    for reader in latest_readers():
        if before_each is not None:
            before_each()
        try:
            response = ask_as(reader)
        except Exception:
            logger.exception("The dashboard could not be made again for %s", reader[:3])
            continue
        if response is None:
            continue  # a reader who cannot sign in any more
        if response.status_code == 200:
            made += 1
        else:
            logger.warning("The dashboard could not be made again for %s: it answered %s",
                           reader[:3], response.status_code)
    return made


class ReaderSession(SessionBase):
    """A reader's session in memory, never stored: what their own says of them (who signed in
    and how, the commission they chose)."""

    def __init__(self, data: dict) -> None:
        super().__init__()
        self._session_cache = dict(data)

    def load(self) -> dict:
        return {}

    def exists(self, session_key) -> bool:
        return False

    def create(self) -> None:
        pass

    def save(self, must_create: bool = False) -> None:
        pass

    def delete(self, session_key=None) -> None:
        pass


class ReaderHandler(BaseHandler):
    """Django's handler with bilat's middleware but the session's: the request comes with its
    reader's session (``ReaderSession``)."""

    def load_middleware(self, is_async: bool = False) -> None:
        everything = settings.MIDDLEWARE
        settings.MIDDLEWARE = [m for m in everything if m != SESSION_MIDDLEWARE]
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = everything


_handler_lock = threading.Lock()


def _handler() -> ReaderHandler:
    with _handler_lock:
        handler = getattr(_handler, "made", None)
        if handler is None:
            handler = _handler.made = ReaderHandler()
            handler.load_middleware()
    return handler


def ask_as(reader: tuple):
    """The response to ``reader``'s request of their page, asked again now; None for a user
    who cannot sign in any more."""
    scheme, host, path, language, has_session, user_pk, backend, commission = reader
    data = {} if commission is None else {COMMISSION_KEY: commission}
    if user_pk is not None:
        user = get_user_model()._default_manager.filter(pk=user_pk, is_active=True).first()
        if user is None or backend not in settings.AUTHENTICATION_BACKENDS:
            return None
        data.update({USER_KEY: str(user_pk), BACKEND_SESSION_KEY: backend,
                     HASH_SESSION_KEY: user.get_session_auth_hash()})
    path_info, _, query = path.partition("?")
    server, _, port = (host.rpartition(":") if host.rsplit(":", 1)[-1].isdigit()
                       else (host, "", ""))
    cookies = {settings.LANGUAGE_COOKIE_NAME: language}
    if has_session:  # a session's cookie, read by nobody (its middleware is left out), but it
        cookies[settings.SESSION_COOKIE_NAME] = "-"  # says, as theirs did, "not the public"
    request = WSGIRequest({
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": path_info,
        "QUERY_STRING": query, "HTTP_HOST": host, "SERVER_NAME": server,
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": scheme,
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
    })
    request.session = ReaderSession(data)
    request.bilat_warming = True
    with translation.override(translation.get_language()):  # the writer's, back after
        return _handler().get_response(request)


def _began(**_kwargs) -> None:
    global _answering
    _local.in_request, _local.wrote = True, False
    with _quiet:
        _answering += 1


def _moved(**_kwargs) -> None:
    """A write committed (``changelog.moved``): in a request, make the pages again after it."""
    if settings.BILAT_WARM_PAGES and getattr(_local, "in_request", False):
        _local.wrote = True


def _finished(**_kwargs) -> None:
    """The request is over: if it wrote, the latest readers' pages are made again, in this
    process's warming thread (``IN_THREAD``), so that the writer's answer never waits for
    them (a server may call this before it sends the answer)."""
    global _answering
    with _quiet:
        _answering = max(0, _answering - 1)
        if not _answering:
            _quiet.notify_all()
    wrote = getattr(_local, "wrote", False)
    _local.in_request = _local.wrote = False
    if not (wrote and settings.BILAT_WARM_PAGES):
        return
    if IN_THREAD:
        _wake_warming()
    else:
        warm_readers()


IN_THREAD = True  # the pages made in the warming thread; in the request's own when False
# Before each page the warming thread waits until this process answers no request, this many
# seconds at most: a request that comes (the writer's next one, often) does not share the
# process with a page made ahead, and a reader who comes meanwhile builds their own page, as
# without warming. (A lower priority for the thread was tried: readers then waited for pages
# whose build it had begun and could not finish, docs/benchmarks.md.)
QUIET_WAIT = 0.5
_answering = 0  # requests this process is answering (request_started, not yet finished)
_quiet = threading.Condition()
_wake = threading.Event()
_warming_lock = threading.Lock()
_warming_thread: threading.Thread | None = None


def _wake_warming() -> None:
    """Wake this process's warming thread (started the first time, and again in a process
    forked since): writes that come while it works wake it once more, not once each."""
    global _warming_thread
    with _warming_lock:
        if _warming_thread is None or not _warming_thread.is_alive():
            _warming_thread = threading.Thread(target=_warming, name="bilat-warm", daemon=True)
            _warming_thread.start()
    _wake.set()


def _warming() -> None:
    while True:
        _wake.wait()
        _wake.clear()
        close_old_connections()  # as a request does: none broken, none kept past its age
        try:
            warm_readers(before_each=_after_requests)
        except Exception:  # the cache out of reach: the next write tries again
            logger.exception("The dashboard could not be made again")
        close_old_connections()


def _after_requests() -> None:
    """Wait until this process answers no request, ``QUIET_WAIT`` seconds at most."""
    with _quiet:
        _quiet.wait_for(lambda: not _answering, timeout=QUIET_WAIT)


def connect() -> None:
    """Listen for requests and writes (``BriefingsConfig.ready``)."""
    from django.core.signals import request_finished, request_started

    from bilat.core.changelog import moved

    request_started.connect(_began, dispatch_uid="bilat.briefings.warm.began")
    moved.connect(_moved, dispatch_uid="bilat.briefings.warm.moved")
    request_finished.connect(_finished, dispatch_uid="bilat.briefings.warm.finished")
