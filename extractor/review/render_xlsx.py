"""Views as XLSX sheets staff can work in, and the comparison as one workbook.

Each view is one sheet: a bold, frozen header row with an autofilter; numbers as numbers
and dates as dates (sortable, filterable); text wrapped, with row heights that show every
line; landscape pages fitted to the width, the header repeated on each page; marked cells
filled (orange: points differ, yellow: wording differs). Text is never a formula
(`=cmd|' /C calc'!A0` stays text) and loses the control characters XML cannot hold. The
bytes do not depend on the time of writing: the same views give the same file.

openpyxl is imported inside the functions that need it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from typing import Any

from extractor.review.views import (
    MARK_POINTS,
    MARK_WORDING,
    Comparison,
    Value,
    View,
    cell_text,
    display_width,
)

XLSX_MAX_COLUMN_WIDTH = 60  # characters; longer text wraps
XLSX_MIN_COLUMN_WIDTH = 8
XLSX_LINE_HEIGHT = 15.0  # points per line of 11-point text (Excel's default row height)
XLSX_MAX_ROW_HEIGHT = 409.0  # Excel's largest row height, in points
XLSX_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
XLSX_SHEET_TITLE_LENGTH = 31  # Excel's limit
XLSX_DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = "DDE7F0"
# Fill of a marked cell: the first of its marks in this order decides
MARK_FILLS = {MARK_POINTS: "FFD8A8", MARK_WORDING: "FFF3BF"}
# Fixed timestamps in the file (document properties and zip entries): the same workbook
# written twice is the same bytes, so that outputs can be compared and cached.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DOCUMENT_TIME = "2000-01-01T00:00:00Z"
DOCUMENT_TIMES = re.compile(
    r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)"
)  # <dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T10:00:00Z</dcterms:modified>


def xlsx_text(text: str) -> str:
    """`text` without the control characters XML 1.0 (and so an XLSX) cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def xlsx_value(value: Value) -> Value:
    """A cell value for openpyxl: whole floats as ints, text cleaned (xlsx_text)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return xlsx_text(value)
    return value


def sheet_title(name: str, taken: list[str]) -> str:
    """A valid, unused sheet title for a view name (no `[]:*?/\\`, at most 31 characters)."""
    title = XLSX_SHEET_TITLE_FORBIDDEN.sub(" ", name)[:XLSX_SHEET_TITLE_LENGTH] or "sheet"
    base, n = title, 2
    while title in taken:
        suffix = f" {n}"
        title, n = base[: XLSX_SHEET_TITLE_LENGTH - len(suffix)] + suffix, n + 1
    return title


def column_widths(view: View) -> list[float]:
    """Each column's width in characters: its widest line, within the min and max."""
    widths = []
    for index, column in enumerate(view.columns):
        widest = max(
            [display_width(column)] + [display_width(cell_text(r[index])) for r in view.rows]
        )
        widths.append(min(XLSX_MAX_COLUMN_WIDTH, max(XLSX_MIN_COLUMN_WIDTH, widest + 2)))
    return widths


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped cell `width` characters wide."""
    room = max(1.0, width - 1)
    return sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))


def row_height(values: list[Value], widths: list[float]) -> float:
    """The height in points that shows every wrapped line of a row's cells."""
    lines = max(
        (wrapped_lines(cell_text(v), w) for v, w in zip(values, widths, strict=False)), default=1
    )
    return min(XLSX_MAX_ROW_HEIGHT, XLSX_LINE_HEIGHT * max(1, lines))


def add_view_sheet(workbook: Any, view: View) -> Any:
    """Append `view` to `workbook` as one sheet laid out for staff (see the module doc)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(sheet_title(view.name, workbook.sheetnames))
    sheet.append([xlsx_text(column) for column in view.columns])
    for row in view.rows:
        sheet.append([xlsx_value(v) for v in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    fills = {mark: PatternFill("solid", fgColor=colour) for mark, colour in MARK_FILLS.items()}
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            cell.alignment = wrap
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula: `=cmd|' /C calc'!A0` stays
            elif isinstance(cell.value, dt.date):
                cell.number_format = XLSX_DATE_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for (r, c), marks in sorted(view.marks.items()):
        first = next(m for m in MARK_FILLS if m in marks)
        sheet.cell(row=r + 2, column=c + 1).fill = fills[first]
    widths = column_widths(view)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = row_height(list(view.columns), widths)
    for r, row in enumerate(view.rows, start=2):
        sheet.row_dimensions[r].height = row_height(row, widths)
    last_column = get_column_letter(max(1, len(view.columns)))
    sheet.auto_filter.ref = f"A1:{last_column}{len(view.rows) + 1}"
    sheet.freeze_panes = "A2"
    set_print_layout(sheet)
    return sheet


def set_print_layout(sheet: Any) -> None:
    """Landscape A4, fitted to one page wide, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def workbook_bytes(workbook: Any) -> bytes:
    """The workbook as XLSX bytes, with fixed timestamps (FIXED_ZIP_TIME,
    FIXED_DOCUMENT_TIME): the same content always gives the same bytes."""
    out = io.BytesIO()
    workbook.save(out)
    stable = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(out.getvalue())) as source,
        zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = DOCUMENT_TIMES.sub(
                    lambda m: m.group(1) + FIXED_DOCUMENT_TIME + m.group(3), data.decode()
                ).encode()
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return stable.getvalue()


def views_workbook(views: list[View]) -> bytes:
    """An XLSX workbook of one sheet per view (add_view_sheet), as bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for view in views:
        add_view_sheet(workbook, view)
    return workbook_bytes(workbook)


def render_xlsx(comparison: Comparison) -> bytes:
    """The comparison as an XLSX workbook: one sheet per view."""
    return views_workbook(comparison.views)
