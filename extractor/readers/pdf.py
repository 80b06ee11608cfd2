"""Reader for PDF plans: text lines in reading order, ruled tables, running lines dropped.

A text PDF is read with pdfplumber, one page at a time (each released once read, so
memory stays flat in the page count): per page, the ruled tables (`page.find_tables()`)
and the characters outside them, grouped into lines by their baselines (not their `top`:
fonts state their vertical metrics so differently that the digits of a line set in a
Latin font sit ems away from its ideographs by `top`). A page is read as displayed and
upright: when most of its characters run other than left to right (a `/Rotate`, a
landscape table drawn sideways) it is turned, and characters drawn twice for a bold
effect are read once; a warning names the pages where either happened. A page typeset
in two or more text columns is read column by column (extractor.readers.columns: a title
or a table across the columns stays in place), each column's lines wrapped against its
own edges, and a warning names those pages too. A table's cells
are read from the characters inside them by the same line rule, and a position a merged
cell covers says whether the cell comes from above (a row span) or from the left.
Lines that repeat at the same place on most pages (a running header or footer), the
date, URL and page-counter lines a browser prints in the margins, and page-number lines
(`- 2 -`) are dropped. The remaining lines go through extractor.normalize like the .txt reader's,
and a line that reaches the right edge of the text without ending its sentence is joined
with the next (the PDF's hard wrap), also across a page break. A table that ends one page
and starts the next with the same number of columns is one table: a repeated header row
is dropped, and a row that the page break split in two is put back together.

A table cell's lines are joined into one (`pdf_cell_text`): pdfplumber gives the lines a
cell's width wrapped its text into, and a wrap cannot be told from a line break written
in the cell, so unlike the .txt and .docx readers' cells a PDF cell holds no "\n".

A PDF without a text layer (a scan) is read by OCR (extractor.readers.ocr, the optional
`[ocr]` extra), every page of it; without the extra it is an InputError. A PDF with a
text layer may still hold scanned pages (an attached scoring table, a stamped signature
page): a page with almost no text layer (under MIN_TEXT_LAYER_CHARS characters) that
images cover at least half of (SCANNED_IMAGE_SHARE) is OCR'd, and its items join the
text pages' in page order, so running lines, wrap joining and `evidence.page` work as on
a text page; a blank page or one holding only a page number is not scanned. Scanned
pages give text lines and ruled tables (cells found from the image's rulings, filled
with the OCR text inside them), so a scanned scoring table is read like a text PDF's,
joined across pages the same way. Without the extra (or past the first MAX_OCR_PAGES of
them) scanned pages are left unread and a `scanned_pages_skipped` warning names them,
and the text pages are read all the same; pages read by OCR are
named in an `ocr_pages` warning (in a mixed PDF and a full scan alike), since values
read from an image may hold recognition errors.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import io
import itertools
import logging
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.document import Document, DocumentBuilder, MergeOrigin, SourceInfo
from extractor.errors import InputError
from extractor.models import Warning
from extractor.normalize import (
    CJK_CHARS,
    ends_sentence,
    is_page_number_line,
    join_line_pieces,
    looks_like_heading,
    normalize_line,
)
from extractor.readers import sha256_hex
from extractor.readers.columns import body_size, line_entry, reading_order, table_entry
from extractor.readers.page_layout import (
    SPANNED_ABOVE,
    SPANNED_LEFT,
    GridCell,
    PageItem,
    PageTable,
    Row,
    Spanned,
    TextLine,
    cell_texts,
    drop_uncovered_columns,
    filled_texts,
    has_text,
    page_tables,
    pdf_cell_text,
    split_restarted_table,
)

__all__ = [  # the page-layout names other modules and tests take from here
    "GridCell", "PageItem", "PageTable", "Row", "Spanned", "TextLine", "cell_texts",
    "drop_uncovered_columns", "filled_texts", "page_tables", "pdf_cell_text",
    "split_restarted_table",
]  # fmt: skip

MEGABYTE = 1024 * 1024

MAX_PAGES = 2000  # a plan has tens of pages; refuse a PDF that expands beyond this
MAX_OCR_PAGES = 200  # OCR takes seconds a page: a longer scan is refused, not read for hours

# a document whose every page has fewer characters than this has no text layer (a scan);
# in a document with a text layer, a page with fewer is scanned when images cover it
MIN_TEXT_LAYER_CHARS = 10

# a page with (almost) no text layer is scanned when images cover at least this share of
# its area: a scanned attachment or a stamped signature page fills its page, a logo or a
# seal on a blank page does not
SCANNED_IMAGE_SHARE = 0.5

# the most one compressed stream (other than an image) may expand to: a plan's page
# content is tens of KB and an embedded CJK font a few MB, while a 1.6 MB file can hold
# a stream inflating to gigabytes (pdfminer inflates a stream whole, in memory)
MAX_STREAM_BYTES = 100 * MEGABYTE

# where a stream starts (`stream` and its end of line); the stream dictionary before it
# is looked for within STREAM_DICT_LOOKBACK bytes, for an image's `/Subtype /Image`
STREAM_START_PATTERN = re.compile(rb"(?<!end)stream\r?\n")
STREAM_DICT_LOOKBACK = 2048
IMAGE_SUBTYPE = b"/Subtype/Image"
ZLIB_HEADER_BYTE = b"\x78"  # the first byte of a zlib stream of the usual window size
INFLATE_CHUNK_BYTES = 64 * 1024

# the libraries whose logging warnings are captured while a PDF is read, and the
# pdfminer message saying a corrupted stream lost data
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber")
DATA_LOSS_PATTERN = re.compile(r"Data-loss while decompressing")

# characters whose baselines differ by at most this many points sit on one line …
LINE_TOLERANCE = 3.0
# … as do characters whose boxes (one em, set on the baseline) overlap by this share of
# the smaller one's height: a glyph raised or lowered within its line
LINE_OVERLAP_SHARE = 0.7

# a character's box, set on its baseline, reaches this share of its size above it (the
# usual ascent of a CJK font; the rest of the em lies below)
ASCENT_EMS = 0.88

# a page is turned when more than this share of its characters run in one direction
# other than left to right
TURNED_SHARE = 0.5

# a character drawn again with the same text within this many points (across and along)
# is a copy for a bold effect, as pdfplumber's `dedupe_chars` tolerance
OVERPRINT_POINTS = 1.0

# grid edges of a ruled table within this many points of each other are one edge
GRID_SNAP_POINTS = 1.0

# a gap wider than this share of the font size between two characters is a space
SPACE_GAP_RATIO = 0.25

# a line is "full" (hard-wrapped) when it ends within this many font sizes (ems) of the
# text's right edge: line breaking rules and a word moved whole leave a short gap
FULL_LINE_SLACK_EMS = 3.0

# the text's right (left) edge is this (1 − this) percentile of the lines' right (left)
# ends on pages of one width
EDGE_PERCENTILE = 0.9

# a line starting this many ems right of the text's left edge opens a paragraph
# (the two-character first-line indent of Chinese documents)
INDENT_EMS = 1.5

# space over the usual line pitch of more than this many ems separates two paragraphs
PARAGRAPH_GAP_EMS = 0.3

# a document marks paragraph ends (by space or indent) when at least this share of the
# lines after a short line (a sure paragraph end) are marked
MARKED_SHARE = 0.5

# a running header or footer sits in this top or bottom share of the page …
RUNNING_MARGIN_SHARE = 0.12
# … and repeats, at the same place (within RUNNING_POSITION_POINTS), on at least this
# share of the pages (and on at least two)
RUNNING_PAGE_SHARE = 0.5
RUNNING_POSITION_POINTS = 4.0

# what a browser prints in a page's margins, matched on margin lines only
BROWSER_PRINT_PATTERNS = (
    # the print date, maybe a time, often the page title after it: `2023/3/1 下午3:45 …`
    re.compile(r"^\d{4}/\d{1,2}/\d{1,2}(?:\s|$|[上下]午|\d{1,2}:\d{2})"),
    re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s*\d{1,2}:\d{2}"),  # `3/1/23, 3:45 PM`
    re.compile(r"https?://|www\.[\w-]+\.", re.IGNORECASE),  # the page's address
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),  # the page counter `1/3`
)

# digits in a running line: masked so `第 2 页` and `第 3 页` count as one line
DIGITS_PATTERN = re.compile(r"\d+")

# one CJK character (ideograph or full-width punctuation): no space is put next to it
CJK_CHAR_PATTERN = re.compile(f"[{CJK_CHARS}]")

# one ideograph: `区`
IDEOGRAPH_PATTERN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# punctuation a line never starts with, so a line break keeps it with the character before
NO_BREAK_BEFORE_CHARS = "，。、；：？！）》」』〕】”’…%,.;:?!)]"

ENCRYPTED_MESSAGE = "encrypted PDF: remove the password first"
OCR_INSTALL_HINT = "install the OCR extra: pip install 'plan-extractor[ocr]'"
OCR_INSTALL_MESSAGE = f"scanned PDF (no text layer): {OCR_INSTALL_HINT}"

# warning codes: scanned pages left unread (no OCR extra, or past MAX_OCR_PAGES), and
# pages whose text comes from OCR
SCANNED_PAGES_SKIPPED = "scanned_pages_skipped"
OCR_PAGES = "ocr_pages"
# … pages turned to read their text upright, pages whose characters were drawn twice,
# and compressed data pdfminer reported lost
PAGES_TURNED = "pdf_pages_turned"
OVERPRINTED_CHARS = "pdf_overprinted_chars"
MULTI_COLUMN_PAGES = "pdf_multi_column_pages"  # pages read column by column
DATA_LOSS = "pdf_data_loss"


def read_pdf(path: Path, data: bytes) -> Document:
    """Read a PDF plan into a normalised Document (OCR for scanned pages, if installed).

    Pages are read one at a time and released after reading, so memory stays flat in the
    page count; each page is read in its displayed orientation, with overprinted copies
    of its characters removed.
    """
    check_stream_expansion(path, data)
    with captured_pdfminer_log() as library_log:
        reading = read_text_pages(path, data)
    warnings = [*reading_warnings(reading), *library_warnings(library_log)]
    if reading.page_count == 0:
        return read_pdfium_only(path, data, warnings)
    if not reading.has_text_layer:
        return read_scanned_pdf(path, data, reading.page_count, warnings)
    scanned = ocr_scanned_pages(data, reading.scanned)
    source = SourceInfo(
        path=str(path), format="pdf", sha256=sha256_hex(data), pages=reading.page_count
    )
    items = merge_page_items(reading.items, scanned.items)
    return build_pdf_document(path, items, source, [*scanned.warnings, *warnings])


@dataclass
class TextPages:
    """What one pass over a PDF's text layer found: the text pages' items, the scanned
    pages (left for OCR), and the pages turned upright or holding overprinted characters."""

    page_count: int = 0
    has_text_layer: bool = False
    items: list[PageItem] = field(default_factory=list)
    scanned: list[int] = field(default_factory=list)
    turned: list[int] = field(default_factory=list)
    overprinted: list[int] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)


def read_text_pages(path: Path, data: bytes) -> TextPages:
    """One pass over the pages with pdfplumber, each page closed once read.

    A PDF in which pdfminer finds no pages gives `page_count` 0 (see read_pdfium_only).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    reading = TextPages()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            reading.page_count = len(pages)
            if reading.page_count:
                check_page_count(path, reading.page_count)
            for page in pages:
                read_text_page(page, reading)
                page.close()
    except PdfminerException as exc:  # pdfplumber wraps what pdfminer raised on opening
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(path, ENCRYPTED_MESSAGE) from exc
        raise InputError(path, f"corrupt PDF ({type(cause).__name__})") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(path, ENCRYPTED_MESSAGE) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(path, f"corrupt PDF ({type(exc).__name__})") from exc
    return reading


def read_text_page(page: Any, reading: TextPages) -> None:
    """One page into `reading`: its items when it has a text layer, its number when it
    is scanned (left for OCR)."""
    count = text_char_count(page)
    reading.has_text_layer = reading.has_text_layer or count >= MIN_TEXT_LAYER_CHARS
    if count < MIN_TEXT_LAYER_CHARS and image_share(page.images, page.bbox) >= SCANNED_IMAGE_SHARE:
        reading.scanned.append(page.page_number)
        return
    if not count:
        return
    page_reading = read_page(page)
    reading.items.extend(page_reading.items)
    if page_reading.turned:
        reading.turned.append(page.page_number)
    if page_reading.overprinted:
        reading.overprinted.append(page.page_number)
    if page_reading.columns:
        reading.columns.append(page.page_number)


def reading_warnings(reading: TextPages) -> list[Warning]:
    """`pdf_pages_turned`, `pdf_overprinted_chars` and `pdf_multi_column_pages`, naming
    their pages."""
    warnings = []
    if reading.turned:
        verb = "was" if len(reading.turned) == 1 else "were"
        warnings.append(
            Warning(
                code=PAGES_TURNED,
                message=f"{page_ranges(reading.turned)} {verb} turned to read their text "
                "upright (rotated page or sideways text): check the reading order there",
            )
        )
    if reading.overprinted:
        warnings.append(
            Warning(
                code=OVERPRINTED_CHARS,
                message=f"{page_ranges(reading.overprinted)}: characters drawn twice "
                "(a bold effect) were read once",
            )
        )
    if reading.columns:
        verb = "was" if len(reading.columns) == 1 else "were"
        warnings.append(
            Warning(
                code=MULTI_COLUMN_PAGES,
                message=f"{page_ranges(reading.columns)} {verb} typeset in columns and read "
                "column by column: check the reading order there",
            )
        )
    return warnings


def check_page_count(path: Path, pages: int) -> None:
    """InputError when the PDF has no pages or more than MAX_PAGES."""
    if pages == 0:
        raise InputError(path, "PDF has no pages")
    if pages > MAX_PAGES:
        raise InputError(
            path, f"PDF has {pages} pages, over the {MAX_PAGES}-page limit (MAX_PAGES)"
        )


# --- resource bounds and library messages ------------------------------------------------


def check_stream_expansion(path: Path, data: bytes, limit: int | None = None) -> None:
    """InputError naming MAX_STREAM_BYTES when a compressed stream (other than an image,
    which is never decompressed to read the text) expands past it.

    Checked before pdfminer decompresses anything: pdfminer inflates a stream whole, so
    a small file can otherwise take gigabytes.
    """
    limit = MAX_STREAM_BYTES if limit is None else limit
    for match in STREAM_START_PATTERN.finditer(data):
        start = match.end()
        if data[start : start + 1] != ZLIB_HEADER_BYTE:
            continue
        dictionary = data[max(0, match.start() - STREAM_DICT_LOOKBACK) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if IMAGE_SUBTYPE in dictionary.replace(b" ", b""):
            continue
        if inflated_size(data, start, limit) > limit:
            raise InputError(
                path,
                f"a compressed PDF stream expands past {limit // MEGABYTE} MB "
                "(the MAX_STREAM_BYTES limit): refusing a possible decompression bomb",
            )


def inflated_size(data: bytes, start: int, limit: int) -> int:
    """The size of the zlib stream at `data[start:]` once inflated, counted up to just
    past `limit` (0 for bytes that are not a zlib stream)."""
    inflater = zlib.decompressobj()
    size = 0
    chunk_start = start
    try:
        while size <= limit and chunk_start < len(data):
            chunk = data[chunk_start : chunk_start + INFLATE_CHUNK_BYTES]
            chunk_start += len(chunk)
            size += len(inflater.decompress(chunk, limit + 1 - size))
            while inflater.unconsumed_tail and size <= limit:
                size += len(inflater.decompress(inflater.unconsumed_tail, limit + 1 - size))
            if inflater.eof:
                break
    except zlib.error:
        return size
    return size


class _RecordsHandler(logging.Handler):
    """Keeps the records it is given."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def captured_pdfminer_log() -> Iterator[list[logging.LogRecord]]:
    """pdfminer's and pdfplumber's warnings kept in a list while the block runs, never
    printed (Python would print them on stderr, before our own one-line error)."""
    handler = _RecordsHandler()
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level > logging.WARNING:
            logger.setLevel(logging.WARNING)
    try:
        yield handler.records
    finally:
        for logger, (propagate, level) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)


def library_warnings(records: Sequence[logging.LogRecord]) -> list[Warning]:
    """A `pdf_data_loss` warning when pdfminer reported data lost while decoding."""
    lost = sum(1 for record in records if DATA_LOSS_PATTERN.search(record.getMessage()))
    if not lost:
        return []
    times = "once" if lost == 1 else f"{lost} times"
    return [
        Warning(
            code=DATA_LOSS,
            message=f"the PDF holds corrupted compressed data (reported {times}): "
            "text may be missing from the pages it belongs to",
        )
    ]


def pdfium_page_count(data: bytes) -> int:
    """The number of pages pdfium finds (0 when it cannot open the file or is missing)."""
    try:
        import pypdfium2
    except ImportError:
        return 0
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pdfium_only(path: Path, data: bytes, warnings: Sequence[Warning] = ()) -> Document:
    """A PDF in which pdfminer finds no pages (a damaged page tree) but pdfium, more
    forgiving, does: read as a scan, page images by pdfium and text by OCR."""
    count = pdfium_page_count(data)
    check_page_count(path, count)
    return read_scanned_pdf(path, data, count, warnings)


def text_char_count(page: Any) -> int:
    """The number of visible characters in the page's text layer."""
    return sum(1 for char in page.chars if char["text"].strip())


def has_text_layer(pages: Sequence[Any]) -> bool:
    """True when some page holds at least MIN_TEXT_LAYER_CHARS characters of text."""
    return any(text_char_count(page) >= MIN_TEXT_LAYER_CHARS for page in pages)


def image_share(images: Iterable[Mapping[str, Any]], bbox: Sequence[float]) -> float:
    """The share of the page `bbox` (x0, top, x1, bottom) that the images cover, each
    clipped to the page; overlaps count twice and the share is capped at 1."""
    x0, top, x1, bottom = (float(value) for value in bbox)
    area = (x1 - x0) * (bottom - top)
    if area <= 0:
        return 0.0
    covered = sum(
        max(0.0, min(x1, image["x1"]) - max(x0, image["x0"]))
        * max(0.0, min(bottom, image["bottom"]) - max(top, image["top"]))
        for image in images
    )
    return min(1.0, covered / area)


def is_scanned_page(page: Any) -> bool:
    """True for a page with (almost) no text layer that images mostly cover: a scan.

    A blank page, or one holding only a page number, is not scanned.
    """
    return (
        text_char_count(page) < MIN_TEXT_LAYER_CHARS
        and image_share(page.images, page.bbox) >= SCANNED_IMAGE_SHARE
    )


def scanned_page_numbers(pages: Sequence[Any]) -> list[int]:
    """The 1-based numbers of the scanned pages of a PDF that has a text layer."""
    return [page.page_number for page in pages if is_scanned_page(page)]


def read_scanned_pdf(
    path: Path, data: bytes, page_count: int, warnings: Sequence[Warning] = ()
) -> Document:
    """A scan read by OCR, or an InputError saying how to install the OCR extra."""
    if page_count > MAX_OCR_PAGES:
        raise InputError(
            path, f"scanned PDF has {page_count} pages, over the {MAX_OCR_PAGES}-page OCR limit"
        )
    try:
        from extractor.readers.ocr import ocr_pdf_items

        items = ocr_pdf_items(data)
    except ImportError as exc:
        raise InputError(path, OCR_INSTALL_MESSAGE) from exc
    source = SourceInfo(path=str(path), format="pdf", sha256=sha256_hex(data), pages=page_count)
    warnings = [ocr_pages_warning(range(1, page_count + 1)), *warnings]
    return build_pdf_document(path, items, source, warnings)


@dataclass(frozen=True)
class ScannedPages:
    """What became of a PDF's scanned pages: the lines and tables OCR read on them, the
    pages it read (whose text layer is then not read), and the warnings naming them."""

    items: tuple[PageItem, ...] = ()
    pages: frozenset[int] = frozenset()
    warnings: tuple[Warning, ...] = ()


def ocr_scanned_pages(data: bytes, scanned: Sequence[int]) -> ScannedPages:
    """The scanned pages of a mixed PDF read by OCR, up to MAX_OCR_PAGES of them.

    Pages left unread (no OCR extra, or past the limit) get a `scanned_pages_skipped`
    warning; their text layer, if any, is read as on any page.
    """
    if not scanned:
        return ScannedPages()
    to_read, over = list(scanned[:MAX_OCR_PAGES]), list(scanned[MAX_OCR_PAGES:])
    try:
        from extractor.readers.ocr import ocr_pdf_items

        items = ocr_pdf_items(data, to_read)
    except ImportError:
        return ScannedPages(warnings=(skipped_pages_warning(scanned, OCR_INSTALL_HINT),))
    warnings = [ocr_pages_warning(to_read)]
    if over:
        limit = f"over the {MAX_OCR_PAGES}-page OCR limit"
        warnings.append(skipped_pages_warning(over, limit))
    return ScannedPages(items=tuple(items), pages=frozenset(to_read), warnings=tuple(warnings))


def merge_page_items(items: Sequence[PageItem], scanned: Sequence[PageItem]) -> list[PageItem]:
    """The text pages' items and the OCR'd pages' items, in page order (each page's own
    order kept)."""
    return sorted([*items, *scanned], key=lambda item: item.page)


def page_ranges(pages: Iterable[int]) -> str:
    """`page 5`, `pages 5-6`, `pages 2, 5-7`: the pages as runs of consecutive numbers."""
    numbers = sorted(set(pages))
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"{'page' if len(numbers) == 1 else 'pages'} {text}"


def skipped_pages_warning(pages: Sequence[int], reason: str) -> Warning:
    """`scanned_pages_skipped`: the scanned pages left unread, and why."""
    verb = "is a scanned image and was" if len(pages) == 1 else "are scanned images and were"
    return Warning(
        code=SCANNED_PAGES_SKIPPED, message=f"{page_ranges(pages)} {verb} not read: {reason}"
    )


def ocr_pages_warning(pages: Iterable[int]) -> Warning:
    """`ocr_pages`: the pages whose text comes from OCR (recognition errors possible)."""
    numbers = list(pages)
    verb = "was" if len(numbers) == 1 else "were"
    return Warning(
        code=OCR_PAGES,
        message=f"{page_ranges(numbers)} {verb} read by OCR: check values taken from them",
    )


def build_pdf_document(
    path: Path, items: list[PageItem], source: SourceInfo, warnings: Sequence[Warning] = ()
) -> Document:
    """Running lines and page numbers dropped, paragraphs joined, tables laid out."""
    items = drop_running_lines(items)
    layout = measure_layout(items)
    builder = DocumentBuilder()
    for block in group_blocks(items):
        if isinstance(block, PageTable):
            for rows in split_restarted_table(list(block.rows)):
                add_table(builder, drop_uncovered_columns(rows), block.page)
            continue
        for text, page in join_pdf_lines(block, layout):
            builder.add_paragraph(text, page=page)
    doc = builder.build(source, warnings)
    if not doc.blocks or not doc.text.strip():
        raise InputError(path, "no text: the PDF holds no readable text")
    return doc


# --- one page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageReading:
    """One page's items, and whether it was turned upright, held overprinted chars, or
    was read column by column."""

    items: list[PageItem]
    turned: bool = False
    overprinted: bool = False
    columns: bool = False


def read_page_items(page: Any) -> list[PageItem]:
    """A page's tables and the text lines outside them, in reading order (top down)."""
    return read_page(page).items


def read_page(page: Any) -> PageReading:
    """A page read upright: turned by its text's direction when most of its characters
    run other than left to right (a `/Rotate` or text drawn sideways), and with the copies
    of overprinted characters dropped."""
    turn = page_turn(page.chars)
    if turn:
        page = turned_page(page, turn)
    chars, removed = dedupe_overprinted([with_baseline(char) for char in upright_chars(page)])
    reading = page_items(page, chars)
    if turn:
        page.close()
    return PageReading(
        items=reading.items, turned=bool(turn), overprinted=removed > 0, columns=reading.columns
    )


def page_items(page: Any, chars: list[dict[str, Any]]) -> PageReading:
    """The page's ruled tables (cells filled from `chars`) and the lines of the other
    characters, top down, or column by column where the page is typeset in columns
    (extractor.readers.columns)."""
    number = page.page_number
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    inside = [[] for _ in tables]  # type: list[list[dict[str, Any]]]
    free = []
    for char in chars:
        holder = containing_box(char, boxes)
        (free if holder is None else inside[holder]).append(char)
    size = (float(page.width), float(page.height))
    lines = [line for line in group_chars_into_lines(free) if any(c["text"].strip() for c in line)]
    table_items = [
        page_tables(
            ruled_table_rows([cell for cell in table.cells if cell], held), number, table.bbox[1]
        )
        for table, held in zip(tables, inside, strict=True)
    ]
    entries = [line_entry(line) for line in lines]
    in_columns = reading_order(
        [*entries, *(table_entry(index, table.bbox) for index, table in enumerate(tables))],
        body_size(entries),
    )
    if in_columns is not None:
        ordered: list[PageItem] = []
        for entry in in_columns:
            if entry.table is None:
                ordered.append(text_line(list(entry.chars), number, size, entry.column))
            else:
                ordered.extend(table_items[entry.table])
        return PageReading(items=ordered, columns=True)
    items: list[PageItem] = [text_line(line, number, size) for line in lines]
    for found in table_items:
        items.extend(found)  # the stable sort below keeps a table after a line at its top
    return PageReading(items=sorted(items, key=lambda item: item.top))


def char_turn(char: Mapping[str, Any]) -> int:
    """The direction the character's text runs, in degrees counter-clockwise from left to
    right (0, 90, 180 or 270), from its text matrix as the page is displayed."""
    a, b = char["matrix"][:2]
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def page_turn(chars: Sequence[Mapping[str, Any]]) -> int:
    """The turn (degrees clockwise) that sets the page's text upright: 0 unless most of its
    visible characters run in one other direction."""
    turns = Counter(char_turn(char) for char in chars if "matrix" in char and char["text"].strip())
    if not turns:
        return 0
    turn, count = turns.most_common(1)[0]
    return turn if turn and count > TURNED_SHARE * sum(turns.values()) else 0


def turned_page(page: Any, turn: int) -> Any:
    """The page with `turn` degrees added to its `/Rotate`, read afresh by pdfplumber."""
    from pdfplumber.page import Page

    rotation = (int(page.rotation) + turn) % 360
    page_obj = copy.copy(page.page_obj)
    page_obj.attrs = {**page_obj.attrs, "Rotate": rotation}
    page_obj.rotate = rotation
    page.close()
    return Page(page.pdf, page_obj, page_number=page.page_number)


def upright_chars(page: Any) -> list[dict[str, Any]]:
    """The page's characters that run left to right (a stamp or a margin note set
    sideways on an upright page is left out)."""
    return [char for char in page.chars if "matrix" not in char or char_turn(char) == 0]


def with_baseline(char: dict[str, Any]) -> dict[str, Any]:
    """The character with its `baseline` and a box of one em around it: `top` ASCENT_EMS
    above the baseline, `bottom` the rest of the em below.

    A glyph box from pdfminer is placed by its font's descent, which fonts state very
    differently (digits set in a Latin font sit ems below the ideographs of the same line
    by `top`), while the baselines of one line agree.
    """
    if "matrix" in char and "y0" in char:
        baseline = char["bottom"] + char["y0"] - char["matrix"][5]
    else:
        baseline = char["bottom"] - (1 - ASCENT_EMS) * char["size"]
    size = char["size"]
    return {
        **char,
        "baseline": baseline,
        "top": baseline - ASCENT_EMS * size,
        "bottom": baseline + (1 - ASCENT_EMS) * size,
    }


def dedupe_overprinted(chars: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The characters less copies of one drawn again within OVERPRINT_POINTS of it (a
    fake-bold effect), the first drawn kept; and how many were dropped."""
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    kept: list[dict[str, Any]] = []
    for char in chars:
        text = char["text"]
        if not text.strip():
            kept.append(char)
            continue
        x_cell = int(char["x0"] // OVERPRINT_POINTS)
        y_cell = int(char["baseline"] // OVERPRINT_POINTS)
        near = (
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in seen.get((text, x_cell + dx, y_cell + dy), ())
        )
        if any(
            abs(other["x0"] - char["x0"]) <= OVERPRINT_POINTS
            and abs(other["baseline"] - char["baseline"]) <= OVERPRINT_POINTS
            for other in near
        ):
            continue
        seen.setdefault((text, x_cell, y_cell), []).append(char)
        kept.append(char)
    return kept, len(chars) - len(kept)


def text_line(
    chars: list[dict[str, Any]],
    page: int,
    size: tuple[float, float],
    column: tuple[float, float] | None = None,
) -> TextLine:
    """A TextLine from one line's characters; its ends are those of its visible characters.

    `column` is the edges of the text column it was read in, if any."""
    visible = [char for char in chars if char["text"].strip()]
    return TextLine(
        text=line_text(chars),
        page=page,
        top=min(char["top"] for char in visible),
        bottom=max(char["bottom"] for char in visible),
        x0=visible[0]["x0"],
        x1=visible[-1]["x1"],
        size=max(char["size"] for char in visible),
        lead_width=lead_width(chars[chars.index(visible[0]) :]),
        page_width=size[0],
        page_height=size[1],
        column=column,
    )


Box = tuple[float, float, float, float]  # (x0, top, x1, bottom)


def char_middle(char: Mapping[str, Any]) -> tuple[float, float]:
    """The centre of the character's box."""
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def containing_box(char: Mapping[str, Any], boxes: Sequence[Box]) -> int | None:
    """The index of the first box holding the character's centre, or None."""
    x, y = char_middle(char)
    for index, (x0, top, x1, bottom) in enumerate(boxes):
        if x0 <= x <= x1 and top <= y <= bottom:
            return index
    return None


def outside(char: dict[str, Any], boxes: Iterable[Box]) -> bool:
    """True when the character's centre lies outside every `(x0, top, x1, bottom)` box."""
    return containing_box(char, list(boxes)) is None


def ruled_table_rows(cells: Sequence[Box], chars: Sequence[dict[str, Any]]) -> list[Row]:
    """A ruled table's rows laid out as pdfplumber's `extract()` lays them (a position per
    grid row and column), each cell's text read from the characters whose centre it
    holds, grouped into lines as the page's are; a position a merged cell covers is
    SPANNED_ABOVE below the cell's first row, SPANNED_LEFT right of its first column."""
    tops = sorted({cell[1] for cell in cells})
    lefts = sorted({cell[0] for cell in cells})
    row_of = {top: row for row, top in enumerate(tops)}
    column_of = {left: column for column, left in enumerate(lefts)}
    grid: list[list[GridCell]] = [[None] * len(lefts) for _ in tops]
    owner: dict[tuple[int, int], int] = {}
    for index, (x0, top, x1, bottom) in enumerate(cells):
        first_row, first_column = row_of[top], column_of[x0]
        last_row = bisect.bisect_left(tops, bottom - GRID_SNAP_POINTS)
        last_column = bisect.bisect_left(lefts, x1 - GRID_SNAP_POINTS)
        for row in range(first_row, last_row):
            for column in range(first_column, last_column):
                owner[row, column] = index
                if row > first_row:
                    grid[row][column] = SPANNED_ABOVE
                elif column > first_column:
                    grid[row][column] = SPANNED_LEFT
    held: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        x, y = char_middle(char)
        position = (bisect.bisect_right(tops, y) - 1, bisect.bisect_right(lefts, x) - 1)
        if position in owner:
            held.setdefault(owner[position], []).append(char)
    for index, (x0, top, _x1, _bottom) in enumerate(cells):  # a cell's text at its start
        lines = group_chars_into_lines(held.get(index, []))
        grid[row_of[top]][column_of[x0]] = "\n".join(line_text(line) for line in lines)
    return [tuple(row) for row in grid]


def group_chars_into_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines, each sorted left to right: a character joins a line
    when its baseline lies within LINE_TOLERANCE of the line's, or when their boxes
    overlap by LINE_OVERLAP_SHARE of the smaller height (a raised or sunk glyph)."""
    lines: list[list[dict[str, Any]]] = []
    first: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda char: (baseline_of(char), char["x0"])):
        if first is not None and same_line(first, char):
            lines[-1].append(char)
        else:
            lines.append([char])
            first = char
    return [sorted(line, key=lambda char: char["x0"]) for line in lines]


def baseline_of(char: Mapping[str, Any]) -> float:
    """The character's baseline (its box's bottom when not measured by `with_baseline`)."""
    return char.get("baseline", char["bottom"])


def same_line(first: Mapping[str, Any], char: Mapping[str, Any]) -> bool:
    """True when `char` sits on the line `first` opened (see group_chars_into_lines)."""
    if abs(baseline_of(char) - baseline_of(first)) <= LINE_TOLERANCE:
        return True
    overlap = min(first["bottom"], char["bottom"]) - max(first["top"], char["top"])
    height = min(first["bottom"] - first["top"], char["bottom"] - char["top"])
    return height > 0 and overlap >= LINE_OVERLAP_SHARE * height


def line_text(chars: list[dict[str, Any]]) -> str:
    """The characters' text, with a space where a gap separates two non-CJK characters."""
    pieces: list[str] = []
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char["text"]
        if previous is not None and needs_space(previous, char):
            pieces.append(" ")
        pieces.append(text)
        previous = char
    return "".join(pieces)


def lead_width(chars: list[dict[str, Any]]) -> float:
    """The width of a line's first piece that a line break cannot cut: a word or number,
    up to its first ideograph and the punctuation glued after it (`区，`, `〔2021〕12号）`)."""
    end = chars[0]["x0"]
    seen_ideograph = False
    for char in chars:
        text = char["text"]
        if text.isspace() or (seen_ideograph and text not in NO_BREAK_BEFORE_CHARS):
            break
        end = char["x1"]
        seen_ideograph = seen_ideograph or bool(IDEOGRAPH_PATTERN.match(text))
    return end - chars[0]["x0"]


def needs_space(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """True when a visible gap separates two characters and neither is CJK or a space."""
    gap = right["x0"] - left["x1"]
    if gap <= SPACE_GAP_RATIO * max(left["size"], right["size"]):
        return False
    texts = left["text"] + right["text"]
    return not texts.isspace() and " " not in texts and not CJK_CHAR_PATTERN.search(texts)


# --- across pages -----------------------------------------------------------------------


def running_line_text(line: TextLine) -> str | None:
    """A header/footer candidate's digit-masked text; None for a line outside the top and
    bottom margins (RUNNING_MARGIN_SHARE)."""
    margin = RUNNING_MARGIN_SHARE * line.page_height
    if margin and margin < line.top and line.bottom < line.page_height - margin:
        return None
    return DIGITS_PATTERN.sub("#", normalize_line(line.text))


def drop_running_lines(items: list[PageItem]) -> list[PageItem]:
    """The items less page-number lines and lines repeated in the margins of most pages.

    A line repeats when lines of its text lie within RUNNING_POSITION_POINTS of its top on
    enough pages (a window, not a rounded position: an OCR'd header moves a point or two).
    """
    pages = {item.page for item in items}
    placed: dict[str, list[tuple[int, float]]] = {}
    for item in items:
        if isinstance(item, TextLine) and (text := running_line_text(item)) is not None:
            placed.setdefault(text, []).append((item.page, item.top))
    threshold = max(2, RUNNING_PAGE_SHARE * len(pages))

    def is_running(line: TextLine) -> bool:
        text = running_line_text(line)
        if text is None:
            return False
        near = {
            page for page, top in placed[text] if abs(top - line.top) <= RUNNING_POSITION_POINTS
        }
        return len(near) >= threshold

    return [
        item
        for item in items
        if not isinstance(item, TextLine)
        or not (
            is_page_number_line(normalize_line(item.text))
            or is_running(item)
            or is_browser_print_line(item)
        )
    ]


def is_browser_print_line(line: TextLine) -> bool:
    """True for a line a browser prints in a page's margins: the date and time it was
    printed (with the page's title after it), the page's address, a `1/3` page counter."""
    if running_line_text(line) is None:
        return False
    text = normalize_line(line.text)
    return any(pattern.search(text) for pattern in BROWSER_PRINT_PATTERNS)


def group_blocks(items: list[PageItem]) -> Iterator[list[TextLine] | PageTable]:
    """Runs of text lines, and tables, in order; a table continued on the next page is joined.

    A table continues when it is the last item of its page and the next page starts with
    a table of the same number of columns.
    """
    lines: list[TextLine] = []
    table: PageTable | None = None
    for item in items:
        if isinstance(item, TextLine):
            if table is not None:
                yield table
                table = None
            lines.append(item)
            continue
        if lines:
            yield lines
            lines = []
        if table is not None and continues_table(table, item):
            table = join_tables(table, item)
        else:
            if table is not None:
                yield table
            table = item
    if lines:
        yield lines
    if table is not None:
        yield table


def continues_table(table: PageTable, following: PageTable) -> bool:
    """True when `following` opens the page after `table`'s last page with as many columns.

    Called only when nothing but running lines stands between the two.
    """
    return following.page == table.end_page + 1 and following.width == table.width


def join_tables(table: PageTable, following: PageTable) -> PageTable:
    """`table` continued by `following`: repeated header rows dropped, a split row rejoined."""
    rows = list(table.rows)
    extra = list(drop_repeated_header(rows, list(following.rows)))
    if rows and extra and is_split_row_piece(rows[-1], extra[0]):
        rows[-1] = rejoin_split_row(rows[-1], extra.pop(0))
    return PageTable(
        rows=tuple(rows + extra), page=table.page, top=table.top, last_page=following.page
    )


def drop_repeated_header(rows: list[Row], following: list[Row]) -> list[Row]:
    """`following` less its leading rows that repeat the table's first rows (a header)."""
    repeated = 0
    while (
        repeated < len(following)
        and repeated < len(rows)
        and cell_texts(following[repeated]) == cell_texts(rows[repeated])
        and any(cell_texts(rows[repeated]))
    ):
        repeated += 1
    return following[repeated:]


def is_split_row_piece(row: Sequence[GridCell], piece: Sequence[GridCell]) -> bool:
    """True when `piece` is the rest of `row`, cut by a page break.

    The rest of a split row has text only under cells of `row` that have text, and leaves
    blank some one-line cell of `row` (a number, a score), which a new row would fill.
    """
    if len(row) != len(piece) or not any(has_text(rest) for rest in piece):
        return False
    if any(has_text(rest) and not has_text(cell) for cell, rest in zip(row, piece, strict=True)):
        return False
    return any(
        has_text(cell) and "\n" not in str(cell).strip() and not has_text(rest)
        for cell, rest in zip(row, piece, strict=True)
    )


def rejoin_split_row(row: Sequence[GridCell], piece: Sequence[GridCell]) -> Row:
    """Each cell of `row` followed by the text the page break moved to `piece`."""
    return tuple(
        f"{cell}\n{rest}" if isinstance(cell, str) and cell and has_text(rest) else cell
        for cell, rest in zip(row, piece, strict=True)
    )


def add_table(builder: DocumentBuilder, source_rows: list[Row], page: int) -> None:
    """A table block, covered positions as merged blanks with their origin when known;
    one-column tables become paragraphs."""
    rows: list[list[str | tuple[str, bool | MergeOrigin]]] = [
        [grid_cell_value(cell) for cell in row] for row in source_rows
    ]
    rows = [row for row in rows if any(cell for cell in row if isinstance(cell, str))]
    if not rows:
        return
    if all(len(row) == 1 for row in rows):
        for (text,) in rows:
            if isinstance(text, str) and text:
                builder.add_paragraph(text, page=page)
        return
    builder.add_table(rows, page=page)


def grid_cell_value(cell: GridCell) -> str | tuple[str, bool | MergeOrigin]:
    """A grid position as DocumentBuilder.add_table takes it: a cell's normalised text, or
    a merged blank with its origin ("above", "left") or True (origin unknown)."""
    if isinstance(cell, Spanned):
        return ("", cell.origin)
    return ("", True) if cell is None else pdf_cell_text(cell)


# --- paragraphs -------------------------------------------------------------------------


@dataclass(frozen=True)
class TextLayout:
    """What the page layout says about paragraphs, measured over the whole document.

    `edges` maps a page width to the text's `(left, right)` edges; `pitch` is the commonest
    distance from one line's top to the next's (lines within a paragraph);
    `marks_paragraphs` is True when the document marks its paragraph ends (extra space or
    a first-line indent), so an unmarked line after a full one continues its paragraph
    even after a `。`.
    """

    edges: dict[int, tuple[float, float]]
    pitch: float
    marks_paragraphs: bool


def measure_layout(items: Sequence[PageItem]) -> TextLayout:
    """The document's text edges, line pitch and paragraph marking."""
    lines = [item for item in items if isinstance(item, TextLine)]
    by_width: dict[int, list[TextLine]] = {}
    for line in lines:  # a line read in a column is measured against its column's edges
        if line.column is None:
            by_width.setdefault(round(line.page_width), []).append(line)
    edges = {width: text_edges(group) for width, group in by_width.items()}
    steps = Counter(
        round(following.top - line.top, 1)
        for line, following in itertools.pairwise(lines)
        if following.page == line.page and 0 < following.top - line.top < 3 * line.size
    )
    # the most common step (the smaller on a tie): lines within a paragraph
    pitch = min(steps, key=lambda step: (-steps[step], step)) if steps else 0.0
    layout = TextLayout(edges=edges, pitch=pitch, marks_paragraphs=False)
    ends = [
        (line, following)
        for line, following in itertools.pairwise(lines)
        if following.page == line.page and not is_full_pdf_line(line, following, layout)
    ]
    marked = sum(
        1
        for line, following in ends
        if is_paragraph_gap(line, following, layout) or is_indented(following, layout)
    )
    return TextLayout(
        edges=edges, pitch=pitch, marks_paragraphs=bool(ends) and marked >= MARKED_SHARE * len(ends)
    )


def text_edges(lines: Sequence[TextLine]) -> tuple[float, float]:
    """The `(left, right)` edges of the text: percentiles of the lines' ends (robust to a
    centred title or an over-long line)."""
    rights = sorted(line.x1 for line in lines)
    lefts = sorted(line.x0 for line in lines)
    right = rights[int(EDGE_PERCENTILE * (len(rights) - 1))]
    left = lefts[int((1 - EDGE_PERCENTILE) * (len(lefts) - 1))]
    return left, right


def is_full_pdf_line(line: TextLine, following: TextLine, layout: TextLayout) -> bool:
    """True when the line reaches the text's right edge: within FULL_LINE_SLACK_EMS, or
    too close for the first piece of the following line to have fitted."""
    _, right = line_edges(line, layout)
    slack = max(FULL_LINE_SLACK_EMS * line.size, following.lead_width)
    return line.x1 >= right - slack


def is_indented(line: TextLine, layout: TextLayout) -> bool:
    """True when the line starts INDENT_EMS or more right of the text's left edge."""
    left, _ = line_edges(line, layout)
    return line.x0 >= left + INDENT_EMS * line.size


def line_edges(line: TextLine, layout: TextLayout) -> tuple[float, float]:
    """The `(left, right)` edges of the text the line belongs to: its column's, or those of
    the text on pages of its width."""
    if line.column is not None:
        return line.column
    return layout.edges.get(round(line.page_width), (0.0, 0.0))


def is_paragraph_gap(line: TextLine, following: TextLine, layout: TextLayout) -> bool:
    """True when extra space (over PARAGRAPH_GAP_EMS) separates two lines of one page."""
    if following.page != line.page or not layout.pitch:
        return False
    return following.top - line.top > layout.pitch + PARAGRAPH_GAP_EMS * line.size


def continues_pdf_line(
    line: TextLine, text: str, following: TextLine, following_text: str, layout: TextLayout
) -> bool:
    """True when `following` carries on `line`'s paragraph (a hard wrap at the text edge)."""
    return (
        is_full_pdf_line(line, following, layout)
        and not looks_like_heading(following_text)
        and not is_indented(following, layout)
        and not is_paragraph_gap(line, following, layout)
        and (layout.marks_paragraphs or not ends_sentence(text))
    )


def join_pdf_lines(lines: list[TextLine], layout: TextLayout) -> list[tuple[str, int]]:
    """Paragraphs `(text, page of its first line)` from lines, normalised and unwrapped."""
    paragraphs: list[tuple[str, int]] = []
    previous: tuple[TextLine, str] | None = None
    for line in lines:
        text = normalize_line(line.text)
        if not text:
            continue
        if previous is not None and continues_pdf_line(*previous, line, text, layout):
            joined, page = paragraphs[-1]
            paragraphs[-1] = (join_line_pieces(joined, text), page)
        else:
            paragraphs.append((text, line.page))
        previous = (line, text)
    return paragraphs
