"""Ruled tables on a page image (a scan): rulings to cells to tables, then OCR text into cells.

A chain of small pure functions over plain data, after pdfplumber's `table.py`:

    binarize → ruling_masks → mask_rulings → snap_rulings → join_rulings
             → rulings_to_intersections → intersections_to_cells → cells_to_tables

and, before it and before OCR, `level_page`: a scan fed in askew is turned by the angle
its long horizontal rulings lean by (`ruling_skew`), since 0.5° already puts the two ends
of a table-wide ruling further apart than SNAP_PIXELS.

Opening the ink with a long horizontal (vertical) kernel keeps only the strokes at least
that long — the rulings; text strokes are shorter. Each ruling becomes a segment; segments
a few pixels apart across (one ruling drawn thick or slightly skewed) are snapped to one
position, and segments on one line with a small gap along it (a broken or faint ruling)
are joined. Where rulings cross (or one ends on another) there is an intersection; a cell
is the smallest rectangle whose four corners are intersections and whose four sides are
rulings, and a table is a group of cells sharing corners. A table of one cell (a framed
note, a page border) is not a table.

`table_rows` lays a table out as pdfplumber's `Table.extract()` does: one row per grid
row, one entry per grid column, a cell's text at its first (top-left) grid position and
at the other positions a merged cell covers a marker of where it starts (above: a row
span, left: a column span), as the PDF reader lays out a text page's tables. OCR boxes
go to the cell their centre lies in — a box that OCR read across a ruling (two cells'
text in one box) goes whole to the cell holding its centre — and a cell's boxes are
grouped into lines joined by "\n".

Pixel tolerances are for a page rendered at OCR_DPI (150 dpi: a pixel is ~0.5 pt); the
ruling kernels scale with the image. opencv and numpy are imported inside the functions
that need them (the `[ocr]` extra).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extractor.readers.page_layout import (
    SPANNED_ABOVE,
    SPANNED_LEFT,
    GridCell,
    OcrBox,
    group_boxes_into_lines,
)

# ink is a pixel darker than the mean of its BINARY_BLOCK_PIXELS square by more than
# BINARY_OFFSET grey levels: a faint grey ruling on white paper still counts, and the
# local mean follows uneven lighting across a scan
BINARY_BLOCK_PIXELS = 31
BINARY_OFFSET = 15

# a ruling is a run of ink at least this share of the image's shorter side long (31 px on
# an A4 page at 150 dpi, ~15 pt): longer than a stroke of 12 pt text, shorter than the
# edge of the smallest cell
RULING_MIN_SHARE = 1 / 40

# segments whose positions across differ by at most this many pixels are one ruling (a
# thick line, a slight skew)
SNAP_PIXELS = 4

# segments on one line separated by a gap of at most this many pixels are one ruling (a
# faint or broken line)
JOIN_PIXELS = 8

# a ruling ending this many pixels short of another still meets it (corners drawn loosely)
INTERSECTION_PIXELS = 6

# a table has at least this many cells: one framed box is a note or a page border
MIN_TABLE_CELLS = 2

# the page's lean is measured on horizontal rulings at least this share of its width long
SKEW_RULING_SHARE = 1 / 4

# a page leaning less than this many degrees is left as it is: 0.2° moves a ruling's ends
# by 3.5 px across a 1,000 px table, within SNAP_PIXELS
MIN_SKEW_DEGREES = 0.2

# nor is one leaning more: rulings that steep are drawn so, not a scan fed in askew (and
# past ~1.5° a thin ruling breaks into runs shorter than the ruling kernel anyway)
MAX_SKEW_DEGREES = 5.0


@dataclass(frozen=True)
class Ruling:
    """A ruled line in pixels: horizontal at y = `position` from x = `start` to `end`, or
    vertical at x = `position` from y = `start` to `end`."""

    horizontal: bool
    position: float
    start: float
    end: float


@dataclass(frozen=True)
class Cell:
    """One cell of a ruled table, in pixels (origin top left)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, box: OcrBox) -> bool:
        """True when the box's centre lies inside the cell."""
        x = (box.x0 + box.x1) / 2
        return self.x0 <= x <= self.x1 and self.top <= box.middle <= self.bottom


@dataclass(frozen=True)
class ScanTable:
    """A ruled table on a page image: its cells, a merged cell being one larger cell."""

    cells: tuple[Cell, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """`(x0, top, x1, bottom)` around all the cells."""
        return (
            min(cell.x0 for cell in self.cells),
            min(cell.top for cell in self.cells),
            max(cell.x1 for cell in self.cells),
            max(cell.bottom for cell in self.cells),
        )

    @property
    def columns(self) -> list[float]:
        """The grid's column boundaries (x), left to right."""
        return sorted({cell.x0 for cell in self.cells} | {cell.x1 for cell in self.cells})

    @property
    def rows(self) -> list[float]:
        """The grid's row boundaries (y), top down."""
        return sorted({cell.top for cell in self.cells} | {cell.bottom for cell in self.cells})

    def holds(self, box: OcrBox) -> bool:
        """True when the box's centre lies inside one of the table's cells."""
        return any(cell.holds(box) for cell in self.cells)


def find_tables(image: Any) -> list[ScanTable]:
    """The ruled tables on a page image (numpy, grey or RGB), top down."""
    horizontal, vertical = ruling_masks(binarize(image))
    rulings = [
        *mask_rulings(horizontal, horizontal=True),
        *mask_rulings(vertical, horizontal=False),
    ]
    rulings = join_rulings(snap_rulings(rulings))
    cells = intersections_to_cells(rulings_to_intersections(rulings), rulings)
    return cells_to_tables(cells)


def level_page(image: Any) -> Any:
    """The page image turned so its rulings are level (a scan fed in askew), or as it is
    when it leans less than MIN_SKEW_DEGREES (or more than MAX_SKEW_DEGREES)."""
    import cv2

    horizontal, _vertical = ruling_masks(binarize(image))
    angle = ruling_skew(horizontal)
    if not MIN_SKEW_DEGREES <= abs(angle) <= MAX_SKEW_DEGREES:
        return image
    height, width = image.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    white = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(image, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=white)


def ruling_skew(horizontal: Any) -> float:
    """The angle in degrees by which the long horizontal rulings of a mask lean (the median
    over rulings of a line fitted through each; positive when they fall to the right,
    image y pointing down), or 0.0 when there are none."""
    import cv2
    import numpy

    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    for label in range(1, count):
        x, y, width, height = (int(value) for value in stats[label][:4])
        if width < SKEW_RULING_SHARE * horizontal.shape[1]:
            continue
        # the ruling's pixels, looked for within its own box only (not the whole page)
        ys, xs = numpy.nonzero(labels[y : y + height, x : x + width] == label)
        slope = numpy.polyfit(xs + x, ys + y, 1)[0]
        angles.append(float(numpy.degrees(numpy.arctan(slope))))
    return float(numpy.median(angles)) if angles else 0.0


def binarize(image: Any) -> Any:
    """The ink of a page image as a 0/255 mask (ink 255), by a local mean threshold."""
    import cv2

    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    return cv2.adaptiveThreshold(
        grey,
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY_INV,
        BINARY_BLOCK_PIXELS,
        BINARY_OFFSET,
    )


def ruling_kernel_length(shape: Sequence[int]) -> int:
    """The shortest run of ink kept as a ruling on an image of `shape` (height, width)."""
    return max(3, round(min(shape[0], shape[1]) * RULING_MIN_SHARE))


def ruling_masks(binary: Any) -> tuple[Any, Any]:
    """The horizontal and the vertical rulings of an ink mask: the ink left by opening it
    with a long thin kernel of each direction."""
    import cv2

    length = ruling_kernel_length(binary.shape)
    horizontal = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    vertical = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    )
    return horizontal, vertical


def mask_rulings(mask: Any, horizontal: bool) -> list[Ruling]:
    """A ruling mask's connected pieces as segments, at the middle of their thickness."""
    import cv2

    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rulings = []
    for label in range(1, count):  # label 0 is the background
        x, y, width, height = (int(value) for value in stats[label][:4])
        if horizontal:
            rulings.append(Ruling(True, y + (height - 1) / 2, x, x + width - 1))
        else:
            rulings.append(Ruling(False, x + (width - 1) / 2, y, y + height - 1))
    return rulings


def snap_rulings(rulings: Iterable[Ruling], tolerance: float = SNAP_PIXELS) -> list[Ruling]:
    """Rulings of one direction whose positions lie within `tolerance` of the previous
    one's moved to their cluster's mean position."""
    snapped: list[Ruling] = []
    for horizontal in (True, False):
        group = sorted((r for r in rulings if r.horizontal == horizontal), key=position_of)
        for cluster in clusters(group, tolerance):
            mean = round(sum(r.position for r in cluster) / len(cluster), 1)
            snapped.extend(Ruling(horizontal, mean, r.start, r.end) for r in cluster)
    return snapped


def position_of(ruling: Ruling) -> float:
    """The ruling's position across its direction (sort key)."""
    return ruling.position


def clusters(rulings: Sequence[Ruling], tolerance: float) -> list[list[Ruling]]:
    """Rulings sorted by position cut wherever the next is over `tolerance` further on."""
    groups: list[list[Ruling]] = []
    for ruling in rulings:
        if groups and ruling.position - groups[-1][-1].position <= tolerance:
            groups[-1].append(ruling)
        else:
            groups.append([ruling])
    return groups


def join_rulings(rulings: Iterable[Ruling], tolerance: float = JOIN_PIXELS) -> list[Ruling]:
    """Rulings on one line that overlap or leave a gap of at most `tolerance` made one."""
    by_line: dict[tuple[bool, float], list[Ruling]] = {}
    for ruling in rulings:
        by_line.setdefault((ruling.horizontal, ruling.position), []).append(ruling)
    joined: list[Ruling] = []
    for (horizontal, position), group in sorted(by_line.items()):
        current: Ruling | None = None
        for ruling in sorted(group, key=lambda r: r.start):
            if current is not None and ruling.start - current.end <= tolerance:
                current = Ruling(horizontal, position, current.start, max(current.end, ruling.end))
                continue
            if current is not None:
                joined.append(current)
            current = ruling
        if current is not None:
            joined.append(current)
    return joined


def rulings_to_intersections(
    rulings: Sequence[Ruling], tolerance: float = INTERSECTION_PIXELS
) -> set[tuple[float, float]]:
    """The `(x, y)` points where a vertical ruling meets a horizontal one (crossing it, or
    ending on it within `tolerance`)."""
    horizontals = [r for r in rulings if r.horizontal]
    verticals = [r for r in rulings if not r.horizontal]
    return {
        (v.position, h.position)
        for h in horizontals
        for v in verticals
        if v.start - tolerance <= h.position <= v.end + tolerance
        and h.start - tolerance <= v.position <= h.end + tolerance
    }


def is_ruled(
    rulings: Sequence[Ruling],
    horizontal: bool,
    position: float,
    start: float,
    end: float,
    tolerance: float = INTERSECTION_PIXELS,
) -> bool:
    """True when one ruling of the direction at `position` runs from `start` to `end`."""
    return any(
        r.horizontal == horizontal
        and r.position == position
        and r.start - tolerance <= start
        and end <= r.end + tolerance
        for r in rulings
    )


def intersections_to_cells(
    points: set[tuple[float, float]], rulings: Sequence[Ruling]
) -> list[Cell]:
    """The smallest ruled rectangle from each intersection as its top-left corner: the
    nearest points right and below joined to it by rulings, and the opposite corner joined
    to both. A merged cell has no ruling inside it, so it is one larger rectangle."""
    by_row: dict[float, list[float]] = {}
    by_column: dict[float, list[float]] = {}
    for x, y in points:
        by_row.setdefault(y, []).append(x)
        by_column.setdefault(x, []).append(y)
    cells = []
    for x, y in sorted(points, key=lambda point: (point[1], point[0])):
        cell = smallest_cell(x, y, by_row, by_column, points, rulings)
        if cell is not None:
            cells.append(cell)
    return cells


def smallest_cell(
    x: float,
    y: float,
    by_row: dict[float, list[float]],
    by_column: dict[float, list[float]],
    points: set[tuple[float, float]],
    rulings: Sequence[Ruling],
) -> Cell | None:
    """The smallest cell with its top-left corner at `(x, y)`, or None."""
    below = sorted(other for other in by_column[x] if other > y)
    right = sorted(other for other in by_row[y] if other > x)
    for bottom in below:
        if not is_ruled(rulings, False, x, y, bottom):
            break  # the left side ends here: no cell reaches further down
        for x1 in right:
            if not is_ruled(rulings, True, y, x, x1):
                break
            if (
                (x1, bottom) in points
                and is_ruled(rulings, True, bottom, x, x1)
                and is_ruled(rulings, False, x1, y, bottom)
            ):
                return Cell(x, y, x1, bottom)
    return None


def cells_to_tables(cells: Sequence[Cell]) -> list[ScanTable]:
    """Cells grouped into tables (cells sharing a corner are in one table), top down;
    groups of fewer than MIN_TABLE_CELLS cells dropped."""
    parent = list(range(len(cells)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    owner: dict[tuple[float, float], int] = {}
    for index, cell in enumerate(cells):
        for corner in corners(cell):
            if corner in owner:
                parent[root(index)] = root(owner[corner])
            else:
                owner[corner] = index
    groups: dict[int, list[Cell]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(root(index), []).append(cell)
    tables = [
        ScanTable(cells=tuple(sorted(group, key=lambda c: (c.top, c.x0))))
        for group in groups.values()
        if len(group) >= MIN_TABLE_CELLS
    ]
    return sorted(tables, key=lambda table: (table.bbox[1], table.bbox[0]))


def corners(cell: Cell) -> list[tuple[float, float]]:
    """The cell's four corners `(x, y)`."""
    return [
        (cell.x0, cell.top),
        (cell.x1, cell.top),
        (cell.x0, cell.bottom),
        (cell.x1, cell.bottom),
    ]


def cell_text(boxes: Sequence[OcrBox]) -> str:
    """The text of one cell's boxes: grouped into lines, joined by "\n" ("" for none)."""
    return "\n".join(" ".join(box.text for box in line) for line in group_boxes_into_lines(boxes))


def cell_boxes(table: ScanTable, boxes: Iterable[OcrBox]) -> dict[Cell, list[OcrBox]]:
    """The boxes of each cell: a box goes to the first cell (top down, left to right)
    holding its centre, so one on a shared edge is not read twice."""
    assigned: dict[Cell, list[OcrBox]] = {cell: [] for cell in table.cells}
    for box in boxes:
        cell = next((cell for cell in table.cells if cell.holds(box)), None)
        if cell is not None:
            assigned[cell].append(box)
    return assigned


def table_rows(table: ScanTable, boxes: Iterable[OcrBox]) -> tuple[tuple[GridCell, ...], ...]:
    """The table as pdfplumber's `extract()` lays one out: each cell's text (from the boxes
    whose centre it holds) at its top-left grid position; at the other positions a merged
    cell covers, SPANNED_ABOVE below its first row and SPANNED_LEFT right of its first
    column; None where no cell covers the grid."""
    texts = {
        (cell.top, cell.x0): cell_text(held) for cell, held in cell_boxes(table, boxes).items()
    }
    columns, rows = table.columns, table.rows
    grid: list[list[GridCell]] = [[None] * (len(columns) - 1) for _ in rows[:-1]]
    row_of = {top: index for index, top in enumerate(rows)}
    column_of = {x0: index for index, x0 in enumerate(columns)}
    for cell in table.cells:
        first_row, first_column = row_of[cell.top], column_of[cell.x0]
        for row in range(first_row, row_of[cell.bottom]):
            for column in range(first_column, column_of[cell.x1]):
                if row > first_row:
                    grid[row][column] = SPANNED_ABOVE
                elif column > first_column:
                    grid[row][column] = SPANNED_LEFT
        grid[first_row][first_column] = texts[cell.top, cell.x0]
    return tuple(tuple(row) for row in grid)
