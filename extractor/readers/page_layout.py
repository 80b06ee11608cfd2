"""What the PDF reader, OCR and scanned-table finding share: page items and grid rows.

A leaf module (it imports no other reader), so `readers.pdf`, `readers.ocr` and
`readers.scan_tables` all build on it without importing one another in a cycle.

A page is read into `PageItem`s: `TextLine`s and `PageTable`s, in PDF points with the
origin at the top left. A table's rows are laid out as pdfplumber's `Table.extract()`
lays them out, one entry per grid column: a cell's text at its first (top-left) grid
position, and at the other positions a merged cell covers a `Spanned` marker saying
where the cell starts (`SPANNED_ABOVE`: a row span, `SPANNED_LEFT`: a column span), or
None where that is not known (or no cell covers the position).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.document import MergeOrigin
from extractor.normalize import join_line_breaks
from extractor.readers.txt import cell_text

# two OCR boxes are on one line when their vertical centres are closer than this share
# of the taller box's height
SAME_LINE_SHARE = 0.5


@dataclass(frozen=True)
class Spanned:
    """A grid position covered by a merged cell that starts `origin` of it: "above" (the
    cell spans rows) or "left" (it spans columns)."""

    origin: MergeOrigin


SPANNED_ABOVE = Spanned("above")
SPANNED_LEFT = Spanned("left")

# one grid position: a cell's text, a covered position, or None (covered, origin unknown)
GridCell = str | Spanned | None
Row = tuple[GridCell, ...]


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page, in PDF points (origin top left), not yet normalised."""

    text: str
    page: int  # 1-based
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # font size (or line height for OCR), the unit of the em tolerances
    lead_width: float = (
        0.0  # width of the line's first unbreakable piece (`区，`, `〔2021〕12号）`)
    )
    page_width: float = 0.0
    page_height: float = 0.0
    # the `(left, right)` edges of the text column the line was read in, on a page read
    # column by column (None: the line runs across the page's text, whose edges apply)
    column: tuple[float, float] | None = None


@dataclass(frozen=True)
class PageTable:
    """One ruled table on one page: rows of grid positions (see the module docstring)."""

    rows: tuple[Row, ...]
    page: int  # the page it starts on
    top: float
    last_page: int = 0  # the page it ends on, when joined across pages (0: `page`)

    @property
    def end_page(self) -> int:
        """The page the table ends on."""
        return self.last_page or self.page

    @property
    def width(self) -> int:
        """The number of columns."""
        return max((len(row) for row in self.rows), default=0)


PageItem = TextLine | PageTable


@dataclass(frozen=True)
class OcrBox:
    """One recognised piece of text on a page image, in pixels (origin top left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        """The vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        """The box height."""
        return self.bottom - self.top


def group_boxes_into_lines(boxes: Sequence[OcrBox]) -> list[list[OcrBox]]:
    """Boxes grouped into lines (vertical centres close), each line sorted left to right."""
    lines: list[list[OcrBox]] = []
    for box in sorted(boxes, key=lambda box: (box.middle, box.x0)):
        if lines:
            last = lines[-1][-1]
            if abs(box.middle - last.middle) < SAME_LINE_SHARE * max(box.height, last.height):
                lines[-1].append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda box: box.x0) for line in lines]


def is_text(cell: GridCell) -> bool:
    """True for a position where a cell starts (its text, maybe empty)."""
    return isinstance(cell, str)


def has_text(cell: GridCell) -> bool:
    """True for a cell holding some visible text."""
    return isinstance(cell, str) and bool(cell.strip())


def pdf_cell_text(cell: str) -> str:
    """A cell's text from the page, normalised and joined into one line (its lines are
    wraps of the cell's width as often as line breaks, and a PDF does not say which)."""
    return join_line_breaks(cell_text(cell.split("\n")))


def cell_texts(row: Sequence[GridCell]) -> list[str]:
    """A row's cells as normalised one-line texts (covered positions as "")."""
    return [pdf_cell_text(cell) if isinstance(cell, str) and cell else "" for cell in row]


def filled_texts(row: Sequence[GridCell]) -> list[str]:
    """The row's non-empty cell texts, normalised: the same row whatever the grid."""
    return [text for text in cell_texts(row) if text]


def page_tables(rows: list[Row], page: int, top: float) -> list[PageTable]:
    """One ruled grid found on a page (by pdfplumber, or on a scan) as its tables: cut where
    it starts over, each less the grid columns where none of its cells starts."""
    return [
        PageTable(rows=tuple(drop_uncovered_columns(part)), page=page, top=top)
        for part in split_restarted_table(rows)
    ]


def split_restarted_table(rows: list[Row]) -> list[list[Row]]:
    """One ruled grid cut where it starts over: two tables drawn edge to edge.

    When the first row is a title (one cell spanning the table), a later row shaped the
    same and followed by a copy of the second row (the same header) opens a new table.
    """
    parts = [rows[:1]]
    title_shape = [not is_text(cell) for cell in rows[0]] if rows else []
    is_titled = len(title_shape) > 1 and title_shape.count(False) == 1
    for index, row in enumerate(rows[1:], start=1):
        restarts = (
            is_titled
            and index + 1 < len(rows)
            and [not is_text(cell) for cell in row] == title_shape
            and filled_texts(rows[index + 1]) == filled_texts(rows[1])
            and bool(filled_texts(rows[1]))
        )
        if restarts:
            parts.append([])
        parts[-1].append(row)
    return parts


def drop_uncovered_columns(rows: list[Row]) -> list[Row]:
    """The rows less the grid columns where no cell starts (no text in any row).

    Such a column comes from another table's rules drawn in the same grid.
    """
    width = max((len(row) for row in rows), default=0)
    keep = [
        column
        for column in range(width)
        if any(column < len(row) and is_text(row[column]) for row in rows)
    ]
    return [tuple(row[column] for column in keep if column < len(row)) for row in rows]
