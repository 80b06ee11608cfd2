"""OCR for scanned PDFs and scanned pages: page images to text lines and ruled tables,
with rapidocr.

Part of the optional `[ocr]` extra (rapidocr, onnxruntime, onnx; pypdfium2 comes with
pdfplumber). rapidocr's wheel bundles its detection and recognition models, so nothing
is downloaded at run time. Each page is rendered with pypdfium2 at OCR_DPI (less for a
page so large that it would pass MAX_PAGE_PIXELS), turned level when its rulings lean (a
scan fed in askew), and its ruled tables are found from the image's rulings
(extractor.readers.scan_tables). A recognised box whose centre lies in a table cell goes
to that cell; the other boxes are grouped into lines by their vertical centres. Tables
and lines are returned in PDF points as `extractor.readers.pdf.PageTable`s and
`TextLine`s, so the PDF reader drops running lines, joins wrapped lines, and joins a
table continued on the next page (dropping a repeated header) exactly as for a text PDF.

Recognition takes most of the time, and its cost grows with the square of the height
each text line is resized to. The bundled recogniser is exported for 48-pixel lines only;
`any_height_recogniser` frees that dimension (with onnx) so lines are read at
RECOGNITION_LINE_HEIGHT, in under half the time and as accurately on printed pages
(`bench/ocr_accuracy.py`).

The PDF reader OCRs every page of a PDF without a text layer, and only the scanned pages
(`pages`) of one that has a text layer, merging their items with the text pages' items.

Only ruled tables are recovered (a table drawn without lines comes out as lines of text,
row by row). Importing this module is cheap; `ocr_pdf_items` raises ImportError when the
extra is not installed, which the PDF reader turns into an install hint.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.readers.page_layout import (
    SAME_LINE_SHARE,
    OcrBox,
    PageItem,
    TextLine,
    group_boxes_into_lines,
    page_tables,
)
from extractor.readers.scan_tables import ScanTable, find_tables, level_page, table_rows

__all__ = ["SAME_LINE_SHARE", "OcrBox", "group_boxes_into_lines"]  # kept importable from here

# the logger rapidocr writes to; it prints on stderr unless it already has a handler
RAPIDOCR_LOGGER = "RapidOCR"

POINTS_PER_INCH = 72

# render resolution: 150 dpi gives 12 pt CJK text ~25 px high, plenty for the recogniser
OCR_DPI = 150

# the largest page image rendered (width × height in pixels, ~ an A2 page at 150 dpi);
# a bigger page is rendered at a lower resolution, so a huge page cannot exhaust memory
MAX_PAGE_PIXELS = 20_000_000

# text detection runs on the page image shrunk to at most this many pixels a side: 12 pt
# text stays ~15 px high, and detection takes a quarter of the time it takes at full size
DETECTION_MAX_SIDE = 960

# each text line is resized to this height for recognition. The bundled recogniser is
# exported for 48 px; at 32 px it reads a page in 45% of the time with the same accuracy
# on printed text (bench/ocr_accuracy.py, the five corpus plans: the same 18 edits in
# 18,369 characters at 48 and at 32 px; 20 at 28 px)
RECOGNITION_LINE_HEIGHT = 32

# the narrowest line image given to the recogniser, in pixels: two characters' width.
# A batch of lines is padded to the widest, and to this at least; rapidocr's default of
# 320 pads every short table cell (`6`, `合格`) to ten characters' width, which costs a
# quarter of the time on table pages and gains no accuracy (bench/ocr_accuracy.py)
RECOGNITION_MIN_WIDTH = 64

# the recognition model of a rapidocr wheel: its only `*rec*.onnx` (`PP-OCRv6_rec_small.onnx`)
RECOGNITION_MODEL_GLOB = "*rec*.onnx"

# the axis of a recogniser's input `[batch, channels, height, width]` that is the height
HEIGHT_AXIS = 2

# recognised boxes scoring below this are noise (specks, stamps, rules)
MIN_BOX_SCORE = 0.5


def ocr_pdf_items(data: bytes, pages: Collection[int] | None = None) -> list[PageItem]:
    """The PDF's pages (1-based `pages`, default all) rendered and read by OCR: ruled
    tables and the text lines outside them, in PDF points, page by page, top down.

    Raises ImportError when rapidocr (the `[ocr]` extra) is not installed.
    """
    engine = load_engine()
    import numpy
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        items: list[PageItem] = []
        for index in range(len(pdf)):
            if pages is not None and index + 1 not in pages:
                continue
            page = pdf[index]
            width, height = page.get_size()
            scale = render_scale(width, height)
            image = numpy.asarray(page.render(scale=scale).to_pil().convert("RGB"))
            image = level_page(image)  # a scan fed in askew, turned so its rulings are level
            boxes = recognised_boxes(engine.read(image))
            tables = find_tables(image)
            items.extend(
                page_items(boxes, tables, page=index + 1, scale=scale, size=(width, height))
            )
            page.close()
        return items
    finally:
        pdf.close()


def page_items(
    boxes: Sequence[OcrBox],
    tables: Sequence[ScanTable],
    page: int,
    scale: float,
    size: tuple[float, float],
) -> list[PageItem]:
    """One page's tables (their cells filled with the boxes inside them) and the lines of
    the other boxes, in PDF points, top down."""
    outside = [box for box in boxes if not any(table.holds(box) for table in tables)]
    items: list[PageItem] = list(boxes_to_lines(outside, page=page, scale=scale, size=size))
    for table in tables:  # stable sort below keeps the parts of one grid in order
        items.extend(page_tables(list(table_rows(table, boxes)), page, table.bbox[1] / scale))
    return sorted(items, key=lambda item: item.top)


@dataclass(frozen=True)
class OcrEngine:
    """The rapidocr engine, with the folder holding its recogniser while it lives."""

    read: Any  # rapidocr.RapidOCR: page image (numpy RGB) → result with boxes, txts, scores
    # rapidocr loads the recogniser on first use, so its freed copy must outlive this
    # call; the folder is removed when the process ends
    model_folder: tempfile.TemporaryDirectory[str] | None


@functools.cache
def load_engine() -> OcrEngine:
    """The OCR engine (built once: loading its models takes a second).

    Lines are recognised at RECOGNITION_LINE_HEIGHT when the bundled recogniser can be
    freed of its fixed height, and at rapidocr's own height otherwise (slower, as exact).
    """
    quiet_rapidocr_log()
    from rapidocr import RapidOCR

    params: dict[str, Any] = {
        "Global.use_cls": False,  # pages are upright: no text-direction classifier
        "Global.log_level": "warning",
        "Det.limit_type": "max",
        "Det.limit_side_len": DETECTION_MAX_SIDE,
    }
    folder = tempfile.TemporaryDirectory(prefix="extractor-ocr-")
    model = any_height_recogniser(Path(folder.name))
    if model is None:
        folder.cleanup()
        return OcrEngine(read=RapidOCR(params=params), model_folder=None)
    params["Rec.model_path"] = str(model)
    params["Rec.rec_img_shape"] = [3, RECOGNITION_LINE_HEIGHT, RECOGNITION_MIN_WIDTH]
    return OcrEngine(read=RapidOCR(params=params), model_folder=folder)


def quiet_rapidocr_log() -> None:
    """rapidocr's log kept off stderr (`The text detection result is empty` would land
    before our own one-line messages): its logger gets a handler that drops records,
    installed before rapidocr's import adds one printing on stderr, and any stream
    handler it already has removed."""
    logger = logging.getLogger(RAPIDOCR_LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.StreamHandler):
            logger.removeHandler(handler)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


def bundled_recogniser() -> Path | None:
    """The recognition model in rapidocr's wheel, or None when there is not exactly one."""
    import rapidocr

    models = sorted((Path(rapidocr.__file__).parent / "models").glob(RECOGNITION_MODEL_GLOB))
    return models[0] if len(models) == 1 else None


def any_height_recogniser(folder: Path) -> Path | None:
    """A copy in `folder` of the bundled recogniser whose input height is free, or None
    (no single bundled model, or onnx not installed).

    Only the declared input shape changes: the network itself is convolutional over the
    height, and its character table (the model's metadata) is kept.
    """
    source = bundled_recogniser()
    if source is None:
        return None
    try:
        import onnx
    except ImportError:
        return None
    model = onnx.load(str(source))
    height = model.graph.input[0].type.tensor_type.shape.dim[HEIGHT_AXIS]
    height.Clear()
    height.dim_param = "height"
    target = folder / source.name
    onnx.save(model, str(target))
    return target


def render_scale(width: float, height: float) -> float:
    """Pixels per point for a page of `width` × `height` points: OCR_DPI, or less so the
    image stays within MAX_PAGE_PIXELS."""
    scale = OCR_DPI / POINTS_PER_INCH
    pixels = width * height * scale * scale
    if pixels > MAX_PAGE_PIXELS:
        scale *= (MAX_PAGE_PIXELS / pixels) ** 0.5
    return scale


def recognised_boxes(result: Any) -> list[OcrBox]:
    """rapidocr's output as boxes (axis-aligned around each quadrilateral), noise dropped."""
    if result is None or result.boxes is None or result.txts is None:
        return []
    boxes = []
    for points, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        if score < MIN_BOX_SCORE or not text.strip():
            continue
        xs = [float(point[0]) for point in points]
        ys = [float(point[1]) for point in points]
        boxes.append(OcrBox(text=text, x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys)))
    return boxes


def boxes_to_lines(
    boxes: Sequence[OcrBox], page: int, scale: float, size: tuple[float, float]
) -> list[TextLine]:
    """One page's boxes as TextLines in PDF points (pixels divided by `scale`)."""
    width, height = size
    lines = []
    for line in group_boxes_into_lines(boxes):
        top = min(box.top for box in line) / scale
        bottom = max(box.bottom for box in line) / scale
        lines.append(
            TextLine(
                text=" ".join(box.text for box in line),
                page=page,
                top=top,
                bottom=bottom,
                x0=line[0].x0 / scale,
                x1=line[-1].x1 / scale,
                size=bottom - top,
                page_width=width,
                page_height=height,
            )
        )
    return lines
