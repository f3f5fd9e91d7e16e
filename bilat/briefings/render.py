"""The briefing pack as Markdown, HTML, Word and PDF."""

from __future__ import annotations

import io
import re

from django.template.loader import render_to_string
from django.utils import translation

from . import charts
from .document import Briefing, Table

FORMATS = ("md", "html", "docx", "pdf")
CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


# The pack's text comes partly from records (project names, places, sources), so every piece is
# written as text: HTML is escaped (a Markdown viewer would run it), so are the characters that
# make links, emphasis and code, and a line break cannot start a heading or list of its own.
_MD_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MD_INLINE = re.compile(r"([\\`*_\[\]|])")


def _md_text(text: str) -> str:
    """Text as Markdown that shows it as written."""
    return _MD_INLINE.sub(r"\\\1", " ".join(text.translate(_MD_HTML).split("\n")))


def _md_table(table: Table) -> list[str]:
    lines = [f"*{_md_text(table.caption)}*", ""]
    lines.append("| " + " | ".join(_md_text(h) for h in table.header) + " |")
    lines.append("|" + "|".join("---:" if i in table.numeric else "---"
                                for i in range(len(table.header))) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_text(c) for c in row) + " |")
    lines.append("")
    return lines


def to_markdown(pack: Briefing) -> str:
    """The pack as Markdown; charts appear as the tables of their numbers."""
    lines = [f"# {_md_text(pack.title)}", "", _md_text(pack.subtitle), ""]
    for section in pack.sections:
        lines += [f"## {_md_text(section.title)}", ""]
        for p in section.paragraphs:
            lines += [_md_text(p), ""]
        if section.bullets:
            lines += [f"- {_md_text(b)}" for b in section.bullets] + [""]
        for table in section.tables:
            lines += _md_table(table)
        for chart in section.charts:
            lines += _md_table(chart.table)
    return "\n".join(lines).rstrip() + "\n"


def to_html(pack: Briefing, *, for_pdf: bool = False) -> str:
    """The pack as a standalone HTML document, charts inline as SVG."""
    import base64

    for section in pack.sections:
        for chart in section.charts:
            if not chart.table.rows:
                continue
            if for_pdf:
                # WeasyPrint lays out a raster far faster than an SVG full of text nodes.
                png = base64.b64encode(charts.to_png(chart.spec)).decode("ascii")
                chart.image = f"data:image/png;base64,{png}"
            elif not chart.svg:
                chart.svg = charts.to_svg(chart.spec)
    with translation.override(pack.lang):
        return render_to_string("briefings/pack.html", {
            "pack": pack, "for_pdf": for_pdf,
        })


def to_pdf(pack: Briefing) -> bytes:
    """The pack as PDF, laid out by WeasyPrint from the HTML (fonts: DejaVu from the system)."""
    from weasyprint import HTML

    return HTML(string=to_html(pack, for_pdf=True)).write_pdf()


def to_docx(pack: Briefing) -> bytes:
    """The pack as a Word document, charts as PNG pictures."""
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    for section in doc.sections:
        _a4_like_the_pdf(section, pack)
    doc.core_properties.title = pack.title
    doc.add_heading(pack.title, level=0)
    doc.add_paragraph(pack.subtitle)
    for sec in pack.sections:
        doc.add_heading(sec.title, level=1)
        for p in sec.paragraphs:
            doc.add_paragraph(p)
        for b in sec.bullets:
            doc.add_paragraph(b, style="List Bullet")
        for table in sec.tables:
            _docx_table(doc, table)
        for chart in sec.charts:
            if chart.table.rows:
                doc.add_picture(io.BytesIO(charts.to_png(chart.spec)), width=Cm(16))
            _docx_table(doc, chart.table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _a4_like_the_pdf(section, pack: Briefing) -> None:
    """A4 with the PDF's margins; the title in the header; the content hash and "page N / M" in
    the footer, as the PDF has them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(16)
    header = section.header.paragraphs[0]
    header.text = pack.title
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{pack.content_hash[:12]}    ").font.size = Pt(7)
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def _docx_table(doc, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph(table.caption, style="Caption")
    t = doc.add_table(rows=1, cols=len(table.header))
    t.style = "Light Grid Accent 1"
    for i, h in enumerate(table.header):
        t.rows[0].cells[i].text = h
    for row in table.rows:
        cells = t.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value
            if i in table.numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render(pack: Briefing, fmt: str) -> bytes:
    """The pack in one of FORMATS, as bytes."""
    if fmt == "md":
        return to_markdown(pack).encode("utf-8")
    if fmt == "html":
        return to_html(pack).encode("utf-8")
    if fmt == "docx":
        return to_docx(pack)
    if fmt == "pdf":
        return to_pdf(pack)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
