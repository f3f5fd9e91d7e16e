"""Reading releases in the four formats, and telling English from Russian."""

import io
from datetime import date

import docx

from bilat.claims.extract import extract_claims
from bilat.claims.reading import detect_language, guess_format, read_document

SENTENCE_RU = ("Товарооборот Казахстана и Китая в 2023 году составил 31,5 млрд долларов, "
               "увеличившись на 31,7% к 2022 году.")


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text lines, written by hand (no PDF library needed)."""
    text = "\n".join(f"({line}) Tj 0 -16 Td" for line in lines)
    stream = f"BT /F1 11 Tf 50 780 Td\n{text}\nET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def test_the_language_is_russian_when_most_letters_are_cyrillic():
    assert detect_language(SENTENCE_RU) == "ru"
    assert detect_language("Trade between Kazakhstan and Uzbekistan (Узбекистан)") == "en"


def test_an_html_page_gives_its_visible_text_one_block_per_line():
    html = (b"<html><head><title>Release</title><style>p{color:red}</style>"
            b"<script>var x = '$99 billion';</script></head><body><nav>Menu</nav>"
            b"<h1>Trade reaches $4.4bn</h1><p>12 July, 2024</p>"
            b"<p>Trade between Kazakhstan and Uzbekistan reached $4.4 billion last year.</p>"
            b"</body></html>")
    document = read_document(html, name="release.html")
    assert document.format == "html" and document.lang == "en"
    assert document.published == date(2024, 7, 12)
    assert "$99" not in document.text and "Menu" not in document.text
    assert "Trade reaches $4.4bn\n" in document.text
    claims = extract_claims(document.text, published=document.published, lang=document.lang)
    assert [(c.indicator, c.value, c.period) for c in claims] == [
        ("trade_turnover", 4.4e9, "2023")]


def test_a_word_document_gives_its_paragraphs_and_tables():
    word = docx.Document()
    word.add_paragraph("Бишкек, 26 января 2024 года.")
    word.add_paragraph(SENTENCE_RU)
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Экспорт", "15,2"
    buffer = io.BytesIO()
    word.save(buffer)
    document = read_document(buffer.getvalue(), name="release.docx")
    assert document.format == "docx" and document.lang == "ru"
    assert document.published == date(2024, 1, 26)
    assert document.text.splitlines() == ["Бишкек, 26 января 2024 года.", SENTENCE_RU,
                                          "Экспорт | 15,2"]


def test_a_pdf_gives_its_text_with_the_lines_of_a_paragraph_joined():
    pdf = _pdf(["Trade between Kazakhstan and Uzbekistan reached", "$4.4 billion last year.",
                "", "Exports amounted to $3.1 billion."])
    assert guess_format("upload", pdf) == "pdf"
    document = read_document(pdf, name="release.pdf")
    assert document.format == "pdf"
    assert "Trade between Kazakhstan and Uzbekistan reached $4.4 billion last year." in \
        document.text
    claims = extract_claims(document.text, published=date(2024, 2, 15), lang=document.lang)
    assert {(c.indicator, c.value) for c in claims} == {("trade_turnover", 4.4e9),
                                                        ("exports", 3.1e9)}


def test_a_russian_pdf_with_embedded_fonts_reads_back_in_cyrillic():
    import weasyprint

    pdf = weasyprint.HTML(string=f"<p>{SENTENCE_RU} Экспорт Казахстана в Китай вырос на 19,8% "
                                 "и составил 15,2 млрд долларов.</p>").write_pdf()
    document = read_document(pdf)
    assert document.lang == "ru"
    assert SENTENCE_RU in document.text  # the layout's line breaks are joined again
    claims = extract_claims(document.text, published=date(2024, 2, 5), lang="ru")
    assert {(c.indicator, c.value, c.period) for c in claims} >= {
        ("trade_turnover", 31.5e9, "2023"), ("exports", 15.2e9, "2023")}


def test_plain_text_is_read_as_utf8_with_or_without_a_byte_order_mark():
    document = read_document("\ufeffTitle\r\nLine".encode())
    assert document.format == "text" and document.text == "Title\nLine"
