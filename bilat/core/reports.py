"""Documents people read: formatted XLSX reports and PDF pages, in the reader's language.

The round-trip spreadsheets (``core.sheets``) are for machines and re-import: codes, one column per
field. A *report* is for people: a title and what it covers, human column names and values
(labels, not codes), widths that fit, a frozen header and an autofilter. A PDF is a page's print
template laid out by WeasyPrint (fonts from the system, nothing fetched).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 4  # title, what it covers, a blank line, then the header
MAX_WIDTH = 60


@dataclass(frozen=True)
class ReportColumn:
    header: str
    value: Callable[[Any], Any]
    wrap: bool = False  # long text: wrapped in a wide column


def _shown(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, int, float, Decimal)):
        return value
    return str(value)


def report_xlsx(title: str, covers: str, columns: list[ReportColumn],
                records: Iterable[Any]) -> bytes:
    """A formatted workbook: title, what it covers, header frozen and filterable, widths fitted."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = covers
    sheet["A2"].font = Font(italic=True, color="5B6475")
    widths = [len(c.header) for c in columns]
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=number, value=column.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0F2747")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    row = HEADER_ROW
    for row, record in enumerate(records, start=HEADER_ROW + 1):
        for number, column in enumerate(columns, start=1):
            value = _shown(column.value(record))
            cell = sheet.cell(row=row, column=number)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
                length = 10
            else:
                length = max((len(part) for part in str(value).splitlines()), default=0)
            if column.wrap:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            widths[number - 1] = max(widths[number - 1], length)
    for number, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        limit = MAX_WIDTH if column.wrap else 40
        sheet.column_dimensions[get_column_letter(number)].width = min(limit, max(8, width + 2))
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_from_template(template: str, context: dict, request=None) -> bytes:
    """A page's print template as PDF (WeasyPrint; no network: base_url is the app's own)."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html).write_pdf()
