"""OCR character accuracy and speed on rendered pages of a corpus plan (never a timed test).

Each page of a text PDF from corpus/ is rendered to an image exactly as a scan would be
read (extractor.readers.ocr, OCR_DPI), read by OCR, and compared with the page's own
text layer: character accuracy = 1 − edit distance / reference length, counted twice:
over the ideographs only, and over the ideographs with the digits, Latin letters and `%`
that targets, dates and points are made of (both after NFKC, so width forms count as
equal; spaces and punctuation are left out). Also prints the seconds per page of the
text-layer reader on every corpus PDF.

Run: `.venv/bin/python bench/ocr_accuracy.py [PLAN ...]` (default: every corpus plan);
needs the `[ocr]` extra.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))

from extractor.readers.ocr import (  # noqa: E402
    boxes_to_lines,
    load_engine,
    recognised_boxes,
    render_scale,
)
from extractor.readers.pdf import read_pdf  # noqa: E402

PLAN_NAMES = ("hangtai", "qingyang", "wusong", "zhaoxiang", "zhejiang")

# the characters counted: ideographs (`社区`)
CJK_PATTERN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# … and, in the second count, what figures are written with (`2021年`, `30%`, `PM2.5`)
CJK_AND_FIGURES_PATTERN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z%]")


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


def ocr_pages(path: Path) -> list[tuple[str, str, float]]:
    """`(text layer, OCR text, OCR seconds)` for every page of a text PDF."""
    import numpy
    import pdfplumber
    import pypdfium2

    engine = load_engine()
    pages = []
    pdf = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as plumber:
        for index, plumber_page in enumerate(plumber.pages):
            page = pdf[index]
            width, height = page.get_size()
            start = time.perf_counter()
            scale = render_scale(width, height)
            image = numpy.asarray(page.render(scale=scale).to_pil().convert("RGB"))
            boxes = recognised_boxes(engine.read(image))
            lines = boxes_to_lines(boxes, page=index + 1, scale=scale, size=(width, height))
            seconds = time.perf_counter() - start
            ocr_text = "\n".join(line.text for line in lines)
            pages.append((plumber_page.extract_text() or "", ocr_text, seconds))
    pdf.close()
    return pages


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
    """Print OCR accuracy and seconds per page, then text-PDF seconds per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="*", default=list(PLAN_NAMES), help="corpus plan names")
    args = parser.parse_args()
    start = time.perf_counter()
    load_engine()
    print(f"OCR engine load: {time.perf_counter() - start:.2f} s")
    ideographs, with_figures = Tally(), Tally()
    seconds: list[float] = []
    for name in args.plans:
        for number, (reference, ocr_text, elapsed) in enumerate(
            ocr_pages(CORPUS / f"{name}.pdf"), start=1
        ):
            expected = cjk_only(reference)
            distance = ideographs.add(expected, cjk_only(ocr_text))
            figure_distance = with_figures.add(
                cjk_and_figures(reference), cjk_and_figures(ocr_text)
            )
            seconds.append(elapsed)
            print(f"{name} p{number}: {len(expected)} CJK chars, {distance} edits "
                  f"({figure_distance} with figures), {elapsed:.2f} s")  # fmt: skip
    print(
        f"OCR character accuracy: {ideographs.accuracy:.4f} over {ideographs.characters} CJK "
        f"chars; {with_figures.accuracy:.4f} over {with_figures.characters} CJK chars, "
        f"digits, letters and %"
    )
    print(
        f"OCR speed over {len(seconds)} pages: {statistics.median(seconds):.2f} s/page median, "
        f"{statistics.mean(seconds):.2f} s/page mean, {max(seconds):.2f} s slowest"
    )
    for name in PLAN_NAMES:
        print(f"text PDF {name}: {text_pdf_seconds_per_page(name):.3f} s/page")


if __name__ == "__main__":
    main()
