"""OCR character accuracy and speed on rendered pages of a corpus plan (never a timed test).

Each page of a text PDF from corpus/ is rendered to an image exactly as a scan would be
read (extractor.readers.ocr, OCR_DPI), read by OCR, and compared with the page's own
text layer: character accuracy = 1 − edit distance / reference length, over the CJK
characters only (spaces, digits and punctuation widths are left out of the count).
Also prints the seconds per page of the text-layer reader on every corpus PDF.

Run: `.venv/bin/python bench/ocr_accuracy.py [PLAN ...]` (default: zhaoxiang); needs the
`[ocr]` extra.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
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


def cjk_only(text: str) -> str:
    """The ideographs of `text`, in order."""
    return "".join(CJK_PATTERN.findall(text))


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


def main() -> None:
    """Print OCR accuracy and seconds per page, then text-PDF seconds per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plans", nargs="*", default=["zhaoxiang"], help="corpus plan names")
    args = parser.parse_args()
    start = time.perf_counter()
    load_engine()
    print(f"OCR engine load: {time.perf_counter() - start:.2f} s")
    errors = reference_chars = 0
    seconds: list[float] = []
    for name in args.plans:
        for number, (reference, ocr_text, elapsed) in enumerate(
            ocr_pages(CORPUS / f"{name}.pdf"), start=1
        ):
            expected, got = cjk_only(reference), cjk_only(ocr_text)
            distance = edit_distance(expected, got)
            errors += distance
            reference_chars += len(expected)
            seconds.append(elapsed)
            accuracy = 1 - distance / max(len(expected), 1)
            print(f"{name} p{number}: {len(expected)} CJK chars, {distance} edits, "
                  f"accuracy {accuracy:.4f}, {elapsed:.2f} s")  # fmt: skip
    print(
        f"OCR character accuracy (CJK): {1 - errors / max(reference_chars, 1):.4f} over "
        f"{reference_chars} chars; {statistics.mean(seconds):.2f} s/page mean, "
        f"{statistics.median(seconds):.2f} s/page median"
    )
    for name in PLAN_NAMES:
        print(f"text PDF {name}: {text_pdf_seconds_per_page(name):.3f} s/page")


if __name__ == "__main__":
    main()
