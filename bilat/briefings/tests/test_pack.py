import dataclasses
from datetime import date

import pytest

from bilat.briefings.figures import build_figures
from bilat.briefings.pack import build_briefing
from bilat.briefings.render import render, to_markdown
from bilat.core.tests.tools import require_tool

from .factories import briefing_inputs

RELEASE_FIGURES_EN = [
    "69 projects", "$3.1 billion", "more than 14.7 thousand jobs",
    "12 joint projects worth $217 million", "about 4.5 thousand jobs",
    "3 investment projects worth $178 million", "$4.4 billion", "+29.5 %",
    "from $2.0 billion to $3.1 billion", "+56.9 %", "$1.3 billion", "\u22129.1 %",
    "more than $1.2 billion", "January–April 2024", "$10 billion",
    "500 thousand tonnes", "100 hectares", "Darbaza–Maktaaral", "Dostyk station",
]
RELEASE_FIGURES_RU = [
    "69 проектов", "3,1 млрд долл. США", "более 14,7 тыс.", "217 млн долл. США",
    "около 4,5 тыс.", "178 млн долл. США", "4,4 млрд долл. США", "+29,5 %",
    "2,0 млрд долл. США", "+56,9 %", "1,3 млрд долл. США", "\u22129,1 %",
    "более 1,2 млрд долл. США", "10 млрд долл. США", "500 тыс. тонн", "100 га",
]


def pack(lang: str = "en"):
    return build_briefing(build_figures(briefing_inputs()), lang=lang, as_of=date(2024, 7, 12),
                          content_hash="0" * 64)


def test_the_english_pack_carries_every_figure_of_the_release():
    md = to_markdown(pack("en"))
    missing = [f for f in RELEASE_FIGURES_EN if f not in md]
    assert missing == []


def test_the_data_notes_name_the_two_turnover_figures_and_what_57_per_cent_is_a_share_of():
    md = to_markdown(pack("en"))
    notes = md.split("## Data notes", 1)[1]
    assert "$4.5 billion" in notes and "$4.4 billion" in notes
    assert "share of Kazakhstan's trade with Central Asia" in notes
    assert "41.2 % to 44.6 %" in notes


def test_the_russian_pack_carries_the_figures_in_russian_style():
    md = to_markdown(pack("ru"))
    missing = [f for f in RELEASE_FIGURES_RU if f not in md]
    assert missing == []


def test_the_same_figures_give_a_byte_identical_pack():
    assert render(pack("en"), "md") == render(pack("en"), "md")


@pytest.mark.slow
def test_word_and_pdf_files_contain_the_figures(tmp_path):
    import io
    import subprocess
    import zipfile

    docx = render(pack("en"), "docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    for figure in ("$3.1 billion", "$217 million", "500 thousand tonnes"):
        assert figure in xml
    pdf = render(pack("en"), "pdf")
    assert pdf.startswith(b"%PDF")
    pdftotext = require_tool("pdftotext", "poppler-utils: apt-get install poppler-utils")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    for figure in ("$3.1 billion", "$217 million", "$178 million", "500 thousand tonnes"):
        assert figure in text


def test_the_markdown_pack_shows_record_text_as_text_not_as_html_or_links():
    inputs = briefing_inputs()
    inputs.projects[0] = dataclasses.replace(
        inputs.projects[0], name="<img src=x onerror=alert(1)> [site](javascript:alert(1)) *x* `y`",
        place="Zhambyl <b>region</b>\n# not a heading",
    )
    md = to_markdown(build_briefing(build_figures(inputs), lang="en", as_of=date(2024, 7, 12),
                                    content_hash="0" * 64))
    assert "<img" not in md and "<b>" not in md and "[site](javascript" not in md
    assert ("&lt;img src=x onerror=alert(1)&gt; \\[site\\](javascript:alert(1)) \\*x\\* \\`y\\`"
            in md)
    assert "Zhambyl &lt;b&gt;region&lt;/b&gt; # not a heading" in md
    # bilat's own markup stays Markdown.
    assert md.startswith("# ") and "\n## " in md and "\n- " in md and "\n| " in md


def test_the_word_pack_is_a4_with_header_footer_and_page_numbers():
    import io

    from docx import Document

    doc = Document(io.BytesIO(render(pack("en"), "docx")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == pack("en").title
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
