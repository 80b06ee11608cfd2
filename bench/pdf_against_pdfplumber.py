"""Time per page of the PDF reader against pdfplumber's own extraction, run alternately.

The reader is pdfplumber plus its own work (lines by baseline, overprinted characters,
rotation, columns, ruled cells), so pdfplumber reading the same pages is its floor: each
round reads the five corpus PDFs with the reader (`readers.pdf.read_text_pages`), then with
pdfplumber's `extract_text` and `find_tables` (what the reader needs of it), then with
`extract_text` alone, and prints the medians per page and the ratios.

    .venv/bin/python bench/pdf_against_pdfplumber.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from extractor.readers import pdf as pdf_reader

ROOT = Path(__file__).resolve().parent.parent
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")


def read_with_reader(files: list[bytes]) -> int:
    """Pages read by the project's PDF reader."""
    return sum(pdf_reader.read_text_pages(Path("plan.pdf"), data).page_count for data in files)


def read_with_pdfplumber(files: list[bytes], tables: bool = True) -> int:
    """Pages read by pdfplumber alone: text, and tables unless `tables` is False."""
    pages = 0
    for data in files:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for page in document.pages:
                page.extract_text()
                if tables:
                    page.find_tables()
                page.close()
                pages += 1
    return pages


def seconds(read: Callable[[], int]) -> float:
    """Wall time of one call of `read`."""
    start = time.perf_counter()
    read()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternations (median)")
    args = parser.parse_args()
    files = [(ROOT / "corpus" / f"{name}.pdf").read_bytes() for name in PLAN_NAMES]
    readers = {
        "reader": lambda: read_with_reader(files),
        "pdfplumber text+tables": lambda: read_with_pdfplumber(files),
        "pdfplumber text": lambda: read_with_pdfplumber(files, tables=False),
    }
    pages = read_with_reader(files)
    for read in readers.values():
        read()  # warm up: imports, font caches
    times: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(args.rounds):
        for name, read in readers.items():
            times[name].append(seconds(read))
    ours = statistics.median(times["reader"])
    print(f"{pages} pages, median of {args.rounds} rounds")
    for name, measured in times.items():
        median = statistics.median(measured)
        per_page = median / pages * 1000
        print(f"{name:24s} {per_page:6.1f} ms a page   reader/this {ours / median:.2f}")


if __name__ == "__main__":
    main()
