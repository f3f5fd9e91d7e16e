"""A walk over the demo as its users see it: every page each role reaches, and every pack.

The walk signs in as each demo role with the language cookie set, starts at the home page and
follows every same-site link (GET only). It is bounded: at most ``PER_ROUTE`` addresses per
route (the resolver's ``url_name``, so ``/decisions/3/`` and ``/decisions/7/`` count as one
route), which keeps it to about a minute per language on SQLite while still reaching each
kind of page in each role. Packs are produced from the demo's snapshots in Word and PDF; the
snapshots are frozen before the pages are walked, so their pages are walked in every
language, whatever the order.

What it keeps is the visible text: the text nodes of each HTML page without scripts and styles,
plus the attributes a reader sees or hears (title, aria-label, alt, placeholder, the value of
buttons). Text inside an element whose ``lang`` attribute names another language than the
page's is kept apart: HTML's own way of declaring "this is in another language" (a Russian text
shown to a Kazakh reader, a name in its own language); so is text in ``<code>``, ``<kbd>`` and
``<samp>`` (identifiers, commands), which is in no reader's language.

Walks are cached per language for the whole test session: the demo data are the same in every
module that loads them, so the second module asking for English reuses the first's walk.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from bilat.demo.data.users import USERS

# One login per role (the administrator is the superuser), and the anonymous visitor.
ROLES = ["admin", "kz-secretariat", "uz-officer", "viewer", None]
PER_ROUTE = 2
# Not pages: the admin's own screens, the API, the language switch, static files, sign-out.
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/jsi18n/", "/static/", "/media/",
                 "/accounts/logout", "/favicon.ico")
# Packs are walked once per snapshot below, not once per link to them (a PDF takes seconds).
SKIP_QUERIES = ("format=pdf", "format=docx")
SEEN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
CODE = {"code", "kbd", "samp"}  # computer code, not words in any language
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


@dataclass
class Text:
    """The visible text of one page or pack: in the page's language, and declared other."""

    where: str
    chunks: list[str] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)  # inside lang="…" of another language
    data: list[tuple[str, str, str]] = field(default_factory=list)  # <data>: value, unit, shown

    @property
    def text(self) -> str:
        return "\n".join(self.chunks)


@dataclass
class Walk:
    lang: str
    pages: list[Text] = field(default_factory=list)
    packs: list[Text] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    routes: Counter = field(default_factory=Counter)

    @property
    def texts(self) -> list[Text]:
        return [*self.pages, *self.packs]


class _Visible(HTMLParser):
    """Collects the visible text of a page and the addresses its links lead to."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.chunks: list[str] = []
        self.declared: list[str] = []
        self.links: list[str] = []
        self.data: list[tuple[str, str, str]] = []
        self._data: list[tuple[str, str, list[str]]] = []  # open <data> elements
        self._hidden = 0  # inside <script>/<style>
        self._other: list[tuple[str, int]] = []  # open elements declared in another language
        self._open: Counter = Counter()

    def _keep(self, text: str) -> None:
        text = " ".join(text.split())
        if text and not self._hidden:
            (self.declared if self._other else self.chunks).append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in VOID:
            self._attributes(tag, attrs)
            return
        self._open[tag] += 1
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "data":
            self._data.append((attrs.get("value") or "", attrs.get("data-unit") or "", []))
        lang = (attrs.get("lang") or "")[:2].lower()
        if (lang and lang != self.lang) or tag in CODE:
            self._other.append((tag, self._open[tag]))
        self._attributes(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, dict(attrs))

    def _attributes(self, tag, attrs):
        for name in SEEN_ATTRIBUTES:
            if attrs.get(name):
                self._keep(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self._keep(attrs["value"])

    def handle_endtag(self, tag):
        if tag in VOID or not self._open[tag]:
            return
        if self._other and self._other[-1] == (tag, self._open[tag]):
            self._other.pop()
        self._open[tag] -= 1
        if tag in ("script", "style", "template"):
            self._hidden -= 1
        if tag == "data" and self._data:
            value, unit, shown = self._data.pop()
            self.data.append((value, unit, " ".join("".join(shown).split())))

    def handle_data(self, data):
        self._keep(data)
        for _value, _unit, shown in self._data:
            shown.append(data)


def visible(html: str, lang: str, where: str = "") -> tuple[Text, list[str]]:
    """The visible text of ``html`` and the links in it."""
    parser = _Visible(lang)
    parser.feed(html)
    parser.close()
    return Text(where, parser.chunks, parser.declared, parser.data), parser.links


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _client(username: str | None, lang: str) -> Client:
    client = Client(raise_request_exception=False)
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


# Routes that answered with a file (a decision's card in PDF, a spreadsheet): the walk reads
# pages, so once a route has answered so it is not asked again in this session (a PDF takes
# a third of a second to make, and each role in each language would ask for two).
_DOWNLOADS: set[str] = set()


def walk_pages(lang: str, walk: Walk, roles=ROLES) -> None:
    """Every page each role reaches from the home page, bounded per route."""
    known = {u[0] for u in USERS}
    for username in roles:
        assert username is None or username in known, username
        client = _client(username, lang)
        per_route: Counter = Counter()
        seen: set[str] = set()
        queue = deque(["/"])
        while queue:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            parts = urlsplit(url)
            route = _route(parts.path)
            if route is None or per_route[route] >= PER_ROUTE or route in _DOWNLOADS:
                continue
            per_route[route] += 1
            response = client.get(url)
            who = username or "anonymous"
            if response.status_code in (301, 302, 303):
                queue.append(_same_site(url, response["Location"]) or "")
                continue
            if response.status_code >= 500:
                walk.errors.append(f"{who} {url}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            walk.routes[route] += 1
            if not response.get("Content-Type", "").startswith("text/html"):
                _DOWNLOADS.add(route)  # a file, not a page: not asked for again
                continue
            text, links = visible(response.content.decode(), lang, f"{who} {url}")
            walk.pages.append(text)
            for link in links:
                target = _same_site(url, link)
                if target and target not in seen:
                    queue.append(target)


def _same_site(base: str, link: str) -> str | None:
    """``link`` as a path with query on this site, or None for another site or a non-page."""
    target = urlsplit(urljoin("http://testserver" + base, link))
    if target.scheme not in ("http", "https") or target.netloc != "testserver":
        return None
    if target.path.startswith(SKIP_PREFIXES):
        return None
    if any(q in target.query for q in SKIP_QUERIES):
        return None
    return target.path + (f"?{target.query}" if target.query else "")


def docx_text(data: bytes) -> list[str]:
    """The paragraphs and table cells of a Word document."""
    from docx import Document

    document = Document(io.BytesIO(data))
    chunks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            chunks.extend(cell.text for cell in row.cells)
    for section in document.sections:
        chunks.extend(p.text for p in section.header.paragraphs)
        chunks.extend(p.text for p in section.footer.paragraphs)
    return [" ".join(c.split()) for c in chunks if c.strip()]


def pdf_text(data: bytes) -> list[str]:
    """The text of a PDF, line by line (pdftotext keeps the layout's reading order)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                             capture_output=True, text=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def demo_snapshots():
    """The snapshot of each commission's last session: the demo's packs."""
    from bilat.briefings import services
    from bilat.meetings.models import Meeting

    latest = {}
    for meeting in Meeting.objects.order_by("held_on"):
        latest[meeting.commission_id] = meeting
    return [services.snapshot_for(meeting, actor=None) for meeting in latest.values()]


def walk_packs(lang: str, walk: Walk, formats=("docx", "pdf"), snapshots=None) -> None:
    """Every demo pack in Word and PDF, in ``lang``."""
    from bilat.briefings import services

    for snapshot in demo_snapshots() if snapshots is None else snapshots:
        for fmt in formats:
            data = services.produce_briefing(snapshot, lang=lang, fmt=fmt)
            if fmt == "docx":
                assert zipfile.is_zipfile(io.BytesIO(data))
                chunks = docx_text(data)
            else:
                chunks = pdf_text(data)
            walk.packs.append(Text(f"pack {snapshot.pk} ({snapshot.as_of}) {fmt}", chunks))


_WALKS: dict[str, Walk] = {}


def walk(lang: str, *, packs: bool = True) -> Walk:
    """The walk of the demo in ``lang`` (cached for the session)."""
    if lang not in _WALKS:
        done = Walk(lang)
        # The packs' snapshots are frozen before the pages are walked: their pages (and their
        # lines in the change log) are pages of the demo too, whichever language is walked first.
        snapshots = demo_snapshots()
        walk_pages(lang, done)
        if packs:
            walk_packs(lang, done, snapshots=snapshots)
        _WALKS[lang] = done
    return _WALKS[lang]
