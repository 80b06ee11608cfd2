"""Ruled tables on page images: each step of scan_tables on rulings and images drawn here,
and one end-to-end read of scanned rubric pages (the only test here that runs OCR)."""

from __future__ import annotations

import importlib.util
import io
import itertools
from pathlib import Path

import pytest

from extractor.readers.ocr import OcrBox
from extractor.readers.page_layout import SPANNED_ABOVE, SPANNED_LEFT
from extractor.readers.scan_tables import (
    JOIN_PIXELS,
    SNAP_PIXELS,
    Cell,
    Ruling,
    ScanTable,
    binarize,
    cell_boxes,
    cell_text,
    cells_to_tables,
    find_tables,
    intersections_to_cells,
    join_rulings,
    level_page,
    mask_rulings,
    ruling_kernel_length,
    ruling_masks,
    ruling_skew,
    rulings_to_intersections,
    snap_rulings,
    table_rows,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HAS_CV2 = importlib.util.find_spec("cv2") is not None
HAS_OCR = HAS_CV2 and importlib.util.find_spec("rapidocr") is not None
needs_cv2 = pytest.mark.skipif(not HAS_CV2, reason="the [ocr] extra (opencv) is not installed")
needs_ocr = pytest.mark.skipif(not HAS_OCR, reason="the [ocr] extra (rapidocr) is not installed")

# an A4 page at 150 dpi, in pixels: (height, width)
PAGE_SHAPE = (1754, 1240)


def blank_page(shape: tuple[int, int] = PAGE_SHAPE):
    """A white grey-scale page image."""
    import numpy

    return numpy.full(shape, 255, dtype=numpy.uint8)


def draw_cells(image, cells: list[tuple[int, int, int, int]], grey: int = 0, thickness: int = 2):
    """Each `(x0, top, x1, bottom)` drawn as a ruled rectangle (shared sides overlap)."""
    import cv2

    for x0, top, x1, bottom in cells:
        cv2.rectangle(image, (x0, top), (x1, bottom), grey, thickness)
    return image


def draw_text(image, text: str, x: int, baseline: int):
    """Latin text ~17 px high, strokes shorter than any ruling."""
    import cv2

    cv2.putText(image, text, (x, baseline), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return image


def grid(xs: list[int], ys: list[int]) -> list[tuple[int, int, int, int]]:
    """The cells of a plain grid with column edges `xs` and row edges `ys`."""
    rows, columns = itertools.pairwise(ys), list(itertools.pairwise(xs))
    return [(x0, top, x1, bottom) for top, bottom in rows for x0, x1 in columns]


def shape(table: ScanTable) -> tuple[int, int]:
    """(grid rows, grid columns)."""
    return len(table.rows) - 1, len(table.columns) - 1


def h(position: float, start: float, end: float) -> Ruling:
    return Ruling(True, position, start, end)


def v(position: float, start: float, end: float) -> Ruling:
    return Ruling(False, position, start, end)


def box(text: str, x0: float, top: float, x1: float, bottom: float) -> OcrBox:
    return OcrBox(text=text, x0=x0, top=top, x1=x1, bottom=bottom)


# --- binarize ------------------------------------------------------------------------------


@needs_cv2
def test_binarize_marks_dark_and_faint_ink_but_not_uneven_paper() -> None:
    import numpy

    image = blank_page((200, 300))
    image[:, :] = numpy.linspace(215, 255, 300, dtype=numpy.uint8)  # lighting fading across
    image[50:53, 20:280] = 0  # a black ruling
    image[120:122, 20:280] = 185  # a faint grey ruling
    rgb = numpy.stack([image] * 3, axis=-1)
    ink = binarize(rgb)
    assert ink.shape == (200, 300) and set(numpy.unique(ink)) <= {0, 255}
    assert ink[51, 150] == 255 and ink[120, 150] == 255
    assert not ink[80:100].any()  # paper, however lit


# --- levelling --------------------------------------------------------------------------


def turned(image, degrees: float):
    """The image turned `degrees` anticlockwise about its centre (a scan fed in askew)."""
    import cv2

    height, width = image.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, turn, (width, height), borderValue=255)


# a wide grid with merges: a header across two columns, a cell down two rows
MERGED_PAGE_CELLS = [(100, 300, 700, 360), (700, 300, 1100, 360),
                     (100, 360, 400, 420), (400, 360, 700, 420), (700, 360, 1100, 480),
                     (100, 420, 400, 480), (400, 420, 700, 480)]  # fmt: skip


@needs_cv2
def test_ruling_skew_is_the_angle_the_long_rulings_lean_by() -> None:
    page = draw_cells(blank_page(), MERGED_PAGE_CELLS)
    horizontal, _ = ruling_masks(binarize(turned(page, 0.8)))
    assert ruling_skew(horizontal) == pytest.approx(-0.8, abs=0.05)  # falls to the left
    text_only = draw_text(blank_page(), "No rulings on this page.", 100, 200)
    assert ruling_skew(ruling_masks(binarize(text_only))[0]) == 0.0


# a grid whose middle cell spans two rows, cutting the ruling between them in two pieces
# 650 px apart: turned 0.8°, the pieces are 9 px apart across, over SNAP_PIXELS
CUT_RULING_CELLS = [(100, 300, 400, 360), (400, 300, 700, 360), (700, 300, 1100, 360),
                    (100, 360, 400, 420), (400, 360, 700, 480), (700, 360, 1100, 420),
                    (100, 420, 400, 480), (700, 420, 1100, 480)]  # fmt: skip


@needs_cv2
def test_a_page_fed_in_askew_is_levelled_before_its_grid_is_found() -> None:
    import numpy

    page = draw_cells(blank_page(), CUT_RULING_CELLS)
    expected = (("", "", ""), ("", "", ""), ("", SPANNED_ABOVE, ""))
    askew = turned(page, 0.8)
    assert [table_rows(table, []) for table in find_tables(askew)] != [expected]
    (table,) = find_tables(level_page(askew))
    assert table_rows(table, []) == expected
    colour = level_page(numpy.stack([askew] * 3, axis=-1))  # as OCR renders pages: RGB
    assert colour.shape == (*PAGE_SHAPE, 3)
    assert [table_rows(table, []) for table in find_tables(colour)] == [expected]
    assert level_page(page) is page  # level already: left as it is


# --- ruling masks --------------------------------------------------------------------------


def test_the_ruling_kernel_scales_with_the_image() -> None:
    assert ruling_kernel_length(PAGE_SHAPE) == 31
    assert ruling_kernel_length((3508, 2480)) == 62  # the same page at 300 dpi


@needs_cv2
def test_ruling_masks_keep_the_rulings_and_drop_the_text() -> None:
    image = draw_cells(blank_page(), [(100, 200, 700, 400)])
    draw_text(image, "Plan 2021: III lll ---", 150, 300)
    horizontal, vertical = ruling_masks(binarize(image))
    assert horizontal[200, 400] and horizontal[400, 400] and not horizontal[280:320].any()
    assert vertical[300, 100] and vertical[300, 700] and not vertical[:, 130:680].any()


# --- ruling segments -----------------------------------------------------------------------


@needs_cv2
def test_mask_rulings_give_one_segment_per_line_at_the_middle_of_its_thickness() -> None:
    import numpy

    horizontal = numpy.zeros((300, 500), dtype=numpy.uint8)
    horizontal[100:103, 50:450] = 255
    horizontal[200:202, 50:450] = 255
    vertical = numpy.zeros((300, 500), dtype=numpy.uint8)
    vertical[20:280, 10:12] = 255
    assert mask_rulings(horizontal, horizontal=True) == [h(101.0, 50, 449), h(200.5, 50, 449)]
    assert mask_rulings(vertical, horizontal=False) == [v(10.5, 20, 279)]


def test_snap_rulings_moves_near_positions_to_their_mean_direction_by_direction() -> None:
    rulings = [h(100, 0, 50), h(102, 60, 100), h(100 + 2 + SNAP_PIXELS + 1, 0, 100),
               v(101, 0, 100)]  # fmt: skip
    snapped = snap_rulings(rulings)
    assert [(r.horizontal, r.position) for r in snapped] == [
        (True, 101.0), (True, 101.0), (True, 107.0), (False, 101.0)
    ]  # fmt: skip


def test_join_rulings_bridges_a_small_gap_on_one_line_only() -> None:
    rulings = [h(100, 0, 100), h(100, 100 + JOIN_PIXELS, 200), h(100, 230, 300),
               h(140, 0, 300), v(50, 0, 90), v(50, 80, 200)]  # fmt: skip
    assert join_rulings(rulings) == [v(50, 0, 200), h(100, 0, 200), h(100, 230, 300),
                                     h(140, 0, 300)]  # fmt: skip


# --- intersections, cells, tables ------------------------------------------------------------


def test_intersections_at_crossings_corners_and_near_misses() -> None:
    rulings = [h(100, 0, 300),
               v(0, 100, 200),  # a corner
               v(150, 50, 150),  # a crossing
               v(300, 104, 200),  # drawn 4 px short of the ruling it should meet
               v(330, 0, 200)]  # fmt: skip  # 30 px beyond the ruling's end
    assert rulings_to_intersections(rulings) == {(0, 100), (150, 100), (300, 100)}


def grid_rulings(xs: list[float], ys: list[float]) -> list[Ruling]:
    return [h(y, xs[0], xs[-1]) for y in ys] + [v(x, ys[0], ys[-1]) for x in xs]


def test_a_three_by_three_grid_gives_nine_cells() -> None:
    rulings = grid_rulings([0, 100, 200, 300], [0, 50, 100, 150])
    cells = intersections_to_cells(rulings_to_intersections(rulings), rulings)
    assert len(cells) == 9
    assert cells[0] == Cell(0, 0, 100, 50) and cells[-1] == Cell(200, 100, 300, 150)


def merged_rulings() -> list[Ruling]:
    """A 3 × 3 grid whose top-left cell spans two columns and whose top-right cell spans
    two rows: the rulings inside those merges are left out."""
    return [h(0, 0, 300), h(50, 0, 200), h(100, 0, 300), h(150, 0, 300),
            v(0, 0, 150), v(100, 50, 150), v(200, 0, 150), v(300, 0, 150)]  # fmt: skip


def test_a_merged_cell_is_one_larger_cell() -> None:
    rulings = merged_rulings()
    cells = intersections_to_cells(rulings_to_intersections(rulings), rulings)
    assert Cell(0, 0, 200, 50) in cells and Cell(200, 0, 300, 100) in cells
    assert len(cells) == 7


def test_cells_sharing_corners_form_one_table_and_a_lone_box_none() -> None:
    first = [Cell(0, 0, 100, 50), Cell(100, 0, 200, 50)]
    second = [Cell(0, 300, 100, 350), Cell(0, 350, 100, 400)]
    lone = [Cell(500, 100, 600, 200)]  # a framed note
    tables = cells_to_tables(second + lone + first)
    assert [table.cells for table in tables] == [tuple(first), tuple(second)]


# --- text into cells -------------------------------------------------------------------------


def test_table_rows_put_a_merged_cells_text_first_and_its_origin_where_it_spans() -> None:
    rulings = merged_rulings()
    table = ScanTable(tuple(intersections_to_cells(rulings_to_intersections(rulings), rulings)))
    boxes = [box("标题", 60, 10, 140, 40), box("跨行", 220, 60, 280, 90),
             box("甲", 10, 60, 40, 90), box("乙", 110, 110, 140, 140)]  # fmt: skip
    assert table_rows(table, boxes) == (
        ("标题", SPANNED_LEFT, "跨行"),  # the title spans two columns: from the left
        ("甲", "", SPANNED_ABOVE),  # 跨行 spans two rows: from above
        ("", "乙", ""),
    )


def test_a_box_read_across_a_ruling_goes_whole_to_the_cell_holding_its_centre() -> None:
    left, right = Cell(0, 0, 100, 50), Cell(100, 0, 200, 50)
    across = box("合格 6", 70, 10, 150, 40)  # centre x 110: right of the ruling at 100
    on_edge = box("分值", 80, 10, 120, 40)  # centre x 100: on the ruling itself
    held = cell_boxes(ScanTable((left, right)), [across, on_edge])
    assert held == {left: [on_edge], right: [across]}  # each box in one cell only


def test_a_cells_boxes_become_lines_joined_by_newlines() -> None:
    boxes = [box("环境建设", 10, 40, 90, 60), box("坚持美好", 10, 10, 90, 30),
             box("理念", 95, 12, 130, 30)]  # fmt: skip
    assert cell_text(boxes) == "坚持美好 理念\n环境建设"
    assert cell_text([]) == ""


# --- whole pages -----------------------------------------------------------------------------


@needs_cv2
def test_a_three_by_three_grid_on_a_page() -> None:
    image = draw_cells(blank_page(), grid([100, 400, 700, 1000], [300, 360, 420, 480]))
    (table,) = find_tables(image)
    assert shape(table) == (3, 3)
    assert table.bbox == pytest.approx((100, 300, 1000, 480), abs=2)


@needs_cv2
def test_merged_cells_on_a_page_mark_where_they_span_from() -> None:
    (table,) = find_tables(draw_cells(blank_page(), MERGED_PAGE_CELLS))
    assert table_rows(table, []) == (
        ("", SPANNED_LEFT, ""),
        ("", "", ""),
        ("", "", SPANNED_ABOVE),
    )


@needs_cv2
def test_a_table_under_text_is_found_below_it() -> None:
    image = blank_page()
    for number in range(5):
        draw_text(
            image, f"Line {number} of the plan, above its scoring table.", 100, 120 + 40 * number
        )
    draw_cells(image, grid([100, 300, 1000], [400, 460, 520]))
    (table,) = find_tables(image)
    assert shape(table) == (2, 2) and table.bbox[1] == pytest.approx(400, abs=2)


@needs_cv2
def test_faint_broken_rulings_are_still_one_grid() -> None:
    import cv2

    image = blank_page()
    xs, ys = [100, 400, 700, 1000], [300, 360, 420, 480]
    for y in ys:  # pale grey lines, each with gaps of a few pixels
        for start in range(xs[0], xs[-1], 150):
            cv2.line(image, (start, y), (min(start + 145, xs[-1]), y), 190, 1)
    for x in xs:
        for start in range(ys[0], ys[-1], 60):
            cv2.line(image, (x, start), (x, min(start + 56, ys[-1])), 190, 1)
    (table,) = find_tables(image)
    assert shape(table) == (3, 3)


@needs_cv2
def test_text_with_an_underline_is_no_table() -> None:
    import cv2

    image = blank_page()
    draw_text(image, "Appendix 1: scoring standard", 300, 200)
    cv2.line(image, (300, 210), (800, 210), 0, 2)  # the underline
    for number in range(10):
        draw_text(image, f"Paragraph line {number}, no rulings here.", 100, 300 + 40 * number)
    assert find_tables(image) == []


@needs_cv2
def test_two_tables_on_one_page_come_top_down() -> None:
    image = draw_cells(blank_page(), grid([100, 550, 1000], [900, 960, 1020, 1080]))
    draw_cells(image, grid([100, 300, 500, 700, 1000], [200, 260, 320]))
    draw_text(image, "Table 2", 100, 860)
    assert [shape(table) for table in find_tables(image)] == [(2, 4), (3, 2)]


# --- end to end: scanned rubric pages --------------------------------------------------------

# zhejiang.pdf pages 3-4: the rubric table, starting on page 3 and continued on page 4
SCANNED_PAGES = (3, 4)


def image_only_pdf(source: Path, pages: tuple[int, ...], dpi: int = 150) -> bytes:
    """The pages of `source` rendered to grey images (as corpus/make_formats.py's
    `image_only_pdf` does), as a PDF with no text layer."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(source)
    try:
        images = [pdf[page - 1].render(scale=dpi / 72, grayscale=True).to_pil() for page in pages]
    finally:
        pdf.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def text_pdf_pages(source: Path, pages: tuple[int, ...]) -> bytes:
    """The same pages of `source`, text layer kept."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    reader = pypdf.PdfReader(source)
    for page in pages:
        writer.add_page(reader.pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scanned_and_text():
    """The rubric pages read by OCR (2 pages: the only OCR in this file) and from their
    text layer."""
    from extractor.readers.pdf import read_pdf

    source = CORPUS / "zhejiang.pdf"
    scanned = read_pdf(Path("scan.pdf"), image_only_pdf(source, SCANNED_PAGES))
    text = read_pdf(Path("text.pdf"), text_pdf_pages(source, SCANNED_PAGES))
    return scanned, text


def rubric_items(doc) -> list[tuple[str | None, str, float | None]]:
    """`(number, criterion, points)` of every rubric item the document gives."""
    from extractor.pipeline import extract_from_document

    plan = extract_from_document(doc)
    return [
        (item.number, item.criterion, item.points)
        for rubric in plan.rubrics
        for dimension in rubric.dimensions
        for item in dimension.items
    ]


@needs_ocr
def test_a_scanned_rubric_table_reads_as_from_the_text_layer(scanned_and_text) -> None:
    scanned, text = scanned_and_text
    # one table, joined across the page break as from the text layer, with its shape
    assert [(len(t.rows), len(t.rows[0])) for t in scanned.tables] == [
        (len(t.rows), len(t.rows[0])) for t in text.tables
    ]
    assert len(scanned.tables) == 1 and scanned.tables[0].page == 1
    items = rubric_items(scanned)
    assert len(items) == 15  # items 1-15 start on these two pages
    # OCR reads these printed cells exactly: criteria and points equal the text layer's
    assert items == rubric_items(text)
