"""OCR character accuracy and speed on rendered pages of a corpus plan (never a timed test).

Each page of a text PDF from corpus/ is rendered to an image exactly as a scan would be
read (extractor.readers.ocr, OCR_DPI), read by OCR, and compared with the page's own
text layer: character accuracy = 1 − edit distance / reference length, counted twice:
over the ideographs only, and over the ideographs with the digits, Latin letters and `%`
that targets, dates and points are made of (both after NFKC, so width forms count as
equal; spaces and punctuation are left out). On pages with ruled tables, also the share
of table cells whose OCR text (extractor.readers.scan_tables: cells from the image's
rulings, filled with the boxes inside them) equals the text layer's cell
(as the text-PDF reader gives its tables), after NFKC and with whitespace removed, cell by
cell at the same grid position; and the seconds those pages take, OCR and table finding
apart. Also prints the seconds per page of the text-layer reader on every corpus PDF.

Run: `.venv/bin/python bench/ocr_accuracy.py [--skew DEGREES] [--scanner] [--show-cells] [PLAN ...]`
(default: every corpus plan); needs the `[ocr]` extra.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))

from extractor.readers.ocr import (  # noqa: E402
    boxes_to_lines,
    load_engine,
    page_items,
    recognised_boxes,
    render_scale,
)
from extractor.readers.pdf import PageTable, read_page_items, read_pdf  # noqa: E402
from extractor.readers.scan_tables import find_tables, level_page  # noqa: E402

PLAN_NAMES = ("hangtai", "qingyang", "wusong", "zhaoxiang", "zhejiang")

# --scanner: grey levels of Gaussian sensor noise, and the JPEG quality a scan is saved at
SCANNER_NOISE_SIGMA = 12.0
SCANNER_JPEG_QUALITY = 50

# the characters counted: ideographs (`社区`)
CJK_PATTERN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# … and, in the second count, what figures are written with (`2021年`, `30%`, `PM2.5`)
CJK_AND_FIGURES_PATTERN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z%]")

# whitespace, left out when cells are compared (a wrap or a space OCR saw in `5 %`)
WHITESPACE_PATTERN = re.compile(r"\s+")

Rows = Sequence[Sequence[str | None]]


def cjk_only(text: str) -> str:
    """The ideographs of `text`, in order."""
    return "".join(CJK_PATTERN.findall(unicodedata.normalize("NFKC", text)))


def cjk_and_figures(text: str) -> str:
    """The ideographs, digits, Latin letters and `%` of `text` (NFKC), in order."""
    return "".join(CJK_AND_FIGURES_PATTERN.findall(unicodedata.normalize("NFKC", text)))


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), one row at a time."""
    if len(left) < len(right):
        left, right = right, left
    previous = list(range(len(right) + 1))
    for i, char in enumerate(left, start=1):
        current = [i]
        for j, other in enumerate(right, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


@dataclass
class PageReading:
    """One rendered page read by OCR, beside its text layer."""

    reference: str  # the text layer's text
    ocr_text: str  # all the OCR'd boxes as lines, top down (tables row by row, as before)
    ocr_seconds: float  # rendering, levelling and recognition (what a page took before)
    table_seconds: float  # finding the ruled tables and filling their cells
    reference_tables: list[Rows]  # pdfplumber's tables, top down
    tables: list[Rows]  # the tables found on the image, top down


def scanner_look(image: Any, seed: int) -> Any:
    """A rendered page (PIL RGB) as a cheap office scanner gives it: grey, with sensor
    noise (SCANNER_NOISE_SIGMA) and JPEG artefacts (SCANNER_JPEG_QUALITY); `seed` makes
    the noise the same from run to run."""
    import io

    import numpy
    from PIL import Image

    grey = numpy.asarray(image.convert("L"), dtype=numpy.float32)
    noise = numpy.random.default_rng(seed).normal(0.0, SCANNER_NOISE_SIGMA, grey.shape)
    noisy = Image.fromarray(numpy.clip(grey + noise, 0, 255).astype(numpy.uint8))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=SCANNER_JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def ocr_pages(path: Path, skew: float = 0.0, scanner: bool = False) -> list[PageReading]:
    """Every page of a text PDF rendered (turned `skew` degrees clockwise, as a scan fed in
    askew; given a scanner's noise and JPEG artefacts with `scanner`), read by OCR as the
    reader does (levelled first) and compared with its text layer."""
    import numpy
    import pdfplumber
    import pypdfium2
    from PIL import Image

    engine = load_engine()
    pages = []
    pdf = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as plumber:
        for index, plumber_page in enumerate(plumber.pages):
            page = pdf[index]
            width, height = page.get_size()
            start = time.perf_counter()
            scale = render_scale(width, height)
            rendered = page.render(scale=scale).to_pil().convert("RGB")
            if skew:
                rendered = rendered.rotate(-skew, resample=Image.BILINEAR, fillcolor="white")
            if scanner:
                rendered = scanner_look(rendered, seed=index)
            image = level_page(numpy.asarray(rendered))
            boxes = recognised_boxes(engine.read(image))
            lines = boxes_to_lines(boxes, page=index + 1, scale=scale, size=(width, height))
            recognised = time.perf_counter()
            items = page_items(
                boxes, find_tables(image), page=index + 1, scale=scale, size=(width, height)
            )
            found = time.perf_counter()
            pages.append(
                PageReading(
                    reference=plumber_page.extract_text() or "",
                    ocr_text="\n".join(line.text for line in lines),
                    ocr_seconds=recognised - start,
                    table_seconds=found - recognised,
                    reference_tables=[
                        item.rows
                        for item in read_page_items(plumber_page)
                        if isinstance(item, PageTable)
                    ],
                    tables=[item.rows for item in items if isinstance(item, PageTable)],
                )
            )
    pdf.close()
    return pages


def cell_key(text: str | None) -> str:
    """A cell's text as compared: NFKC, whitespace removed."""
    return WHITESPACE_PATTERN.sub("", unicodedata.normalize("NFKC", text or ""))


def equal_cells(reference: Rows, read: Rows) -> tuple[int, int, list[tuple[str, str]]]:
    """`(cells, cells read equal, the others as (reference, read))`: each cell of the
    reference table (merged positions, None, left out) against the same grid position."""
    cells, equal, differing = 0, 0, []
    for row_index, row in enumerate(reference):
        for column, text in enumerate(row):
            if text is None:
                continue
            cells += 1
            got = None
            if row_index < len(read) and column < len(read[row_index]):
                got = read[row_index][column]
            if got is not None and cell_key(got) == cell_key(text):
                equal += 1
            else:
                differing.append((cell_key(text), cell_key(got)))
    return cells, equal, differing


def text_pdf_seconds_per_page(name: str) -> float:
    """Seconds per page of reading corpus/<name>.pdf through its text layer."""
    path = CORPUS / f"{name}.pdf"
    data = path.read_bytes()
    start = time.perf_counter()
    doc = read_pdf(path, data)
    return (time.perf_counter() - start) / (doc.source.pages or 1)


@dataclass
class Tally:
    """Edits and reference characters of one way of counting, over all pages."""

    edits: int = 0
    characters: int = 0

    def add(self, reference: str, read: str) -> int:
        """Count one page (both texts already reduced to the counted characters)."""
        distance = edit_distance(reference, read)
        self.edits += distance
        self.characters += len(reference)
        return distance

    @property
    def accuracy(self) -> float:
        """1 − edits / reference characters."""
        return 1 - self.edits / max(self.characters, 1)


def main() -> None:
    """Print OCR accuracy and seconds per page, table cell accuracy and seconds per table
    page, then text-PDF seconds per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="*", default=list(PLAN_NAMES), help="corpus plan names")
    parser.add_argument(
        "--show-cells", action="store_true", help="print each table cell read differently"
    )
    parser.add_argument(
        "--skew",
        type=float,
        default=0.0,
        help="turn each rendered page this many degrees clockwise first (a scan fed in "
        "askew), e.g. --skew 0.8",
    )
    parser.add_argument(
        "--scanner",
        action="store_true",
        help="give each rendered page a cheap scanner's look first (grey, noise, JPEG)",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    load_engine()
    print(f"OCR engine load: {time.perf_counter() - start:.2f} s")
    ideographs, with_figures = Tally(), Tally()
    seconds: list[float] = []
    table_page_seconds: list[tuple[float, float]] = []  # (OCR, table finding) per page
    all_cells = all_equal = 0
    for name in args.plans:
        plan_cells = plan_equal = 0
        readings = ocr_pages(CORPUS / f"{name}.pdf", args.skew, args.scanner)
        for number, reading in enumerate(readings, start=1):
            expected = cjk_only(reading.reference)
            distance = ideographs.add(expected, cjk_only(reading.ocr_text))
            figure_distance = with_figures.add(
                cjk_and_figures(reading.reference), cjk_and_figures(reading.ocr_text)
            )
            elapsed = reading.ocr_seconds + reading.table_seconds
            seconds.append(elapsed)
            print(f"{name} p{number}: {len(expected)} CJK chars, {distance} edits "
                  f"({figure_distance} with figures), {elapsed:.2f} s")  # fmt: skip
            if not reading.reference_tables:
                continue
            table_page_seconds.append((reading.ocr_seconds, reading.table_seconds))
            shapes = [(len(t), max(map(len, t), default=0)) for t in reading.reference_tables]
            found = [(len(t), max(map(len, t), default=0)) for t in reading.tables]
            print(f"  tables {shapes} (text layer), {found} (image)")
            for index, reference in enumerate(reading.reference_tables):
                read = reading.tables[index] if index < len(reading.tables) else []
                cells, equal, differing = equal_cells(reference, read)
                plan_cells, plan_equal = plan_cells + cells, plan_equal + equal
                for text, got in differing if args.show_cells else []:
                    print(f"    {text!r} read {got!r}")
        if plan_cells:
            print(f"{name} table cells: {plan_equal}/{plan_cells} read equal "
                  f"({plan_equal / plan_cells:.1%})")  # fmt: skip
        all_cells, all_equal = all_cells + plan_cells, all_equal + plan_equal
    print(
        f"OCR character accuracy: {ideographs.accuracy:.4f} over {ideographs.characters} CJK "
        f"chars; {with_figures.accuracy:.4f} over {with_figures.characters} CJK chars, "
        f"digits, letters and %"
    )
    print(
        f"OCR speed over {len(seconds)} pages: {statistics.median(seconds):.2f} s/page median, "
        f"{statistics.mean(seconds):.2f} s/page mean, {max(seconds):.2f} s slowest"
    )
    if all_cells:
        print(f"table cells read equal: {all_equal}/{all_cells} ({all_equal / all_cells:.1%})")
    if table_page_seconds:
        ocr_mean = statistics.mean(ocr for ocr, _ in table_page_seconds)
        table_mean = statistics.mean(table for _, table in table_page_seconds)
        print(
            f"table pages ({len(table_page_seconds)}): {ocr_mean:.2f} s/page rendering and OCR "
            f"(as before) + {table_mean:.3f} s/page finding tables and filling cells"
        )
    for name in PLAN_NAMES:
        print(f"text PDF {name}: {text_pdf_seconds_per_page(name):.3f} s/page")


if __name__ == "__main__":
    main()
