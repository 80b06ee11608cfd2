"""Reader for PDF plans: text lines in reading order, ruled tables, running lines dropped.

A text PDF is read with pdfplumber: per page, the ruled tables (`page.find_tables()`) and
the characters outside them, grouped into lines by their `top`. Lines that repeat at the
same place on most pages (a running header or footer) and page-number lines (`- 2 -`)
are dropped. The remaining lines go through extractor.normalize like the .txt reader's,
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

import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.document import Document, DocumentBuilder, SourceInfo
from extractor.errors import InputError
from extractor.models import Warning
from extractor.normalize import (
    CJK_CHARS,
    ends_sentence,
    is_page_number_line,
    join_line_breaks,
    join_line_pieces,
    looks_like_heading,
    normalize_line,
)
from extractor.readers import sha256_hex
from extractor.readers.txt import cell_text

MAX_PAGES = 2000  # a plan has tens of pages; refuse a PDF that expands beyond this
MAX_OCR_PAGES = 200  # OCR takes seconds a page: a longer scan is refused, not read for hours

# a document whose every page has fewer characters than this has no text layer (a scan);
# in a document with a text layer, a page with fewer is scanned when images cover it
MIN_TEXT_LAYER_CHARS = 10

# a page with (almost) no text layer is scanned when images cover at least this share of
# its area: a scanned attachment or a stamped signature page fills its page, a logo or a
# seal on a blank page does not
SCANNED_IMAGE_SHARE = 0.5

# characters whose `top` differs by at most this many points sit on one line
LINE_TOLERANCE = 3.0

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


@dataclass(frozen=True)
class PageTable:
    """One ruled table on one page: pdfplumber's rows, `None` where a merge covers a cell."""

    rows: tuple[tuple[str | None, ...], ...]
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
Row = tuple[str | None, ...]


def read_pdf(path: Path, data: bytes) -> Document:
    """Read a PDF plan into a normalised Document (OCR for scanned pages, if installed)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            check_page_count(path, len(pages))
            if not has_text_layer(pages):
                return read_scanned_pdf(path, data, len(pages))
            scanned = ocr_scanned_pages(data, scanned_page_numbers(pages))
            items: list[PageItem] = [
                item
                for page in pages
                if page.page_number not in scanned.pages
                for item in read_page_items(page)
            ]
            page_count = len(pages)
    except PdfminerException as exc:  # pdfplumber wraps what pdfminer raised on opening
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise InputError(path, ENCRYPTED_MESSAGE) from exc
        raise InputError(path, f"corrupt PDF ({type(cause).__name__})") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(path, ENCRYPTED_MESSAGE) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(path, f"corrupt PDF ({type(exc).__name__})") from exc
    source = SourceInfo(path=str(path), format="pdf", sha256=sha256_hex(data), pages=page_count)
    items = merge_page_items(items, scanned.items)
    return build_pdf_document(path, items, source, scanned.warnings)


def check_page_count(path: Path, pages: int) -> None:
    """InputError when the PDF has no pages or more than MAX_PAGES."""
    if pages == 0:
        raise InputError(path, "PDF has no pages")
    if pages > MAX_PAGES:
        raise InputError(path, f"PDF has {pages} pages, over the {MAX_PAGES}-page limit")


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


def read_scanned_pdf(path: Path, data: bytes, page_count: int) -> Document:
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
    warnings = [ocr_pages_warning(range(1, page_count + 1))]
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


def read_page_items(page: Any) -> list[PageItem]:
    """A page's tables and the text lines outside them, in reading order (top down)."""
    number = page.page_number
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    chars = [char for char in page.chars if char.get("upright", True) and outside(char, boxes)]
    items: list[PageItem] = [
        text_line(line, number, (float(page.width), float(page.height)))
        for line in group_chars_into_lines(chars)
        if any(char["text"].strip() for char in line)
    ]
    for table in tables:  # stable sort below keeps the parts of one grid in order
        items.extend(page_tables([tuple(row) for row in table.extract()], number, table.bbox[1]))
    return sorted(items, key=lambda item: item.top)


def text_line(chars: list[dict[str, Any]], page: int, size: tuple[float, float]) -> TextLine:
    """A TextLine from one line's characters; its ends are those of its visible characters."""
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
    )


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
    title_shape = [cell is None for cell in rows[0]] if rows else []
    is_titled = len(title_shape) > 1 and title_shape.count(False) == 1
    for index, row in enumerate(rows[1:], start=1):
        restarts = (
            is_titled
            and index + 1 < len(rows)
            and [cell is None for cell in row] == title_shape
            and filled_texts(rows[index + 1]) == filled_texts(rows[1])
            and bool(filled_texts(rows[1]))
        )
        if restarts:
            parts.append([])
        parts[-1].append(row)
    return parts


def filled_texts(row: Sequence[str | None]) -> list[str]:
    """The row's non-empty cell texts, normalised: the same row whatever the grid."""
    return [text for text in cell_texts(row) if text]


def drop_uncovered_columns(rows: list[Row]) -> list[Row]:
    """The rows less the grid columns where no cell starts (None in every row).

    Such a column comes from another table's rules drawn in the same grid.
    """
    width = max((len(row) for row in rows), default=0)
    keep = [
        column
        for column in range(width)
        if any(column < len(row) and row[column] is not None for row in rows)
    ]
    return [tuple(row[column] for column in keep if column < len(row)) for row in rows]


def outside(char: dict[str, Any], boxes: Iterable[tuple[float, float, float, float]]) -> bool:
    """True when the character's centre lies outside every `(x0, top, x1, bottom)` box."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def group_chars_into_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines (tops within LINE_TOLERANCE), each sorted left to right."""
    lines: list[list[dict[str, Any]]] = []
    line_top = 0.0
    for char in sorted(chars, key=lambda char: (char["top"], char["x0"])):
        if lines and char["top"] - line_top <= LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
            line_top = char["top"]
    return [sorted(line, key=lambda char: char["x0"]) for line in lines]


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
        or not (is_page_number_line(normalize_line(item.text)) or is_running(item))
    ]


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


def drop_repeated_header(
    rows: list[tuple[str | None, ...]], following: list[tuple[str | None, ...]]
) -> list[tuple[str | None, ...]]:
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


def pdf_cell_text(cell: str) -> str:
    """A cell's text from pdfplumber, normalised and joined into one line (its lines are
    wraps of the cell's width as often as line breaks, and a PDF does not say which)."""
    return join_line_breaks(cell_text(cell.split("\n")))


def cell_texts(row: Sequence[str | None]) -> list[str]:
    """A row's cells as normalised one-line texts (None as "")."""
    return [pdf_cell_text(cell) if cell else "" for cell in row]


def is_split_row_piece(row: Sequence[str | None], piece: Sequence[str | None]) -> bool:
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


def has_text(cell: str | None) -> bool:
    """True for a cell holding some visible text."""
    return bool(cell and cell.strip())


def rejoin_split_row(
    row: Sequence[str | None], piece: Sequence[str | None]
) -> tuple[str | None, ...]:
    """Each cell of `row` followed by the text the page break moved to `piece`."""
    return tuple(
        f"{cell}\n{rest}" if cell and rest and rest.strip() else cell
        for cell, rest in zip(row, piece, strict=True)
    )


def add_table(builder: DocumentBuilder, source_rows: list[Row], page: int) -> None:
    """A table block (None cells as merged blanks); one-column tables become paragraphs."""
    rows: list[list[str | tuple[str, bool]]] = [
        [("", True) if cell is None else pdf_cell_text(cell) for cell in row] for row in source_rows
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
    for line in lines:
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
    _, right = layout.edges.get(round(line.page_width), (0.0, 0.0))
    slack = max(FULL_LINE_SLACK_EMS * line.size, following.lead_width)
    return line.x1 >= right - slack


def is_indented(line: TextLine, layout: TextLayout) -> bool:
    """True when the line starts INDENT_EMS or more right of the text's left edge."""
    left, _ = layout.edges.get(round(line.page_width), (0.0, 0.0))
    return line.x0 >= left + INDENT_EMS * line.size


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
