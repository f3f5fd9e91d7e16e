"""Reading a release: plain text, HTML, Word (.docx) and PDF, and telling English from Russian.

Every reader returns plain text with one paragraph on a line, which is what extraction expects.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from bilat.claims.periods import find_publication_date

FORMATS = ("text", "html", "docx", "pdf")


@dataclass(frozen=True)
class Document:
    """A release as read: its text, format, language and (when it says) its publication date."""

    text: str
    format: str
    lang: str
    published: date | None
    title: str


def detect_language(text: str) -> str:
    """'ru' when most letters are Cyrillic, else 'en'."""
    cyrillic = len(re.findall(r"[а-яёА-ЯЁ]", text))
    latin = len(re.findall(r"[a-zA-Z]", text))
    return "ru" if cyrillic > latin else "en"


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
           "article", "header", "footer", "blockquote", "title", "table", "ul", "ol", "hr"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav"}


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip() + "\n"


def html_text(html: str) -> str:
    """The visible text of an HTML page, one block element per line."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return _tidy("".join(parser.parts))


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, and the cells of its tables, one per line."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return _tidy("\n".join(lines))


def pdf_text(data: bytes) -> str:
    """The text of a PDF, with the lines of a paragraph joined back together."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() or "" for page in reader.pages]
    lines = "\n".join(pages).splitlines()
    out: list[str] = []
    for line in (x.strip() for x in lines):
        if not line:
            out.append("")
        elif out and out[-1] and not re.search(r"[.!?:»\"”]$", out[-1]):
            # A line broken by the layout, not by the author: join it to the one before.
            joiner = "" if out[-1].endswith("-") and line[:1].islower() else " "
            out[-1] = (out[-1][:-1] if joiner == "" else out[-1]) + joiner + line
        else:
            out.append(line)
    return _tidy("\n".join(out))


def guess_format(name: str, data: bytes) -> str:
    """The format of a file from its name, or failing that from its first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix == ".docx" or data[:2] == b"PK":
        return "docx"
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return "pdf"
    if re.search(rb"<(?:html|body|p|div)\b", data[:2000], re.I):
        return "html"
    return "text"


def read_document(data: bytes, *, name: str = "", format: str | None = None) -> Document:
    """Read a release from its bytes, in any of the four formats."""
    kind = format or guess_format(name, data)
    if kind == "html":
        text = html_text(data.decode("utf-8", errors="replace"))
    elif kind == "docx":
        text = docx_text(data)
    elif kind == "pdf":
        text = pdf_text(data)
    elif kind == "text":
        text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    else:
        raise ValueError(f"unknown format {kind!r}; expected one of {', '.join(FORMATS)}")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Document(text, kind, detect_language(text), find_publication_date(text), title)


def read_path(path: str | Path) -> Document:
    """Read a release from a file."""
    path = Path(path)
    return read_document(path.read_bytes(), name=path.name)
