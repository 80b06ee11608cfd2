"""Our .docx reading against docling's MsWordDocumentBackend, on the corpus .docx files.

Per plan, median of several in-process runs after imports:
- txt: our whole extraction of the .txt (reader → Plan), the baseline;
- ours read: our .docx reader alone (→ Document); ours full: reader → Plan;
- docling: MsWordDocumentBackend.convert() (→ DoclingDocument, reading only, no fields).
Docling is not a project dependency: it runs in its own virtualenv, given by --docling-python
(made with `python3 -m venv /tmp/docling && /tmp/docling/bin/pip install
"docling-slim[format-docx]"`), through a child process running this script with --docling-only.

Run: `.venv/bin/python bench/docx_vs_docling.py [--runs 5] [--docling-python PATH]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")
DEFAULT_DOCLING_PYTHON = "/tmp/docling/bin/python"


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls of `action`, in milliseconds (one warm-up call)."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def docling_times(runs: int) -> dict[str, object]:
    """Docling's import time and per-plan convert times (run inside docling's venv)."""
    start = time.perf_counter()
    from docling.backend.msword_backend import MsWordDocumentBackend
    from docling.datamodel.base_models import InputFormat
    from docling.datamodel.document import InputDocument

    import_ms = (time.perf_counter() - start) * 1000

    def convert(path: Path) -> object:
        document = InputDocument(
            path_or_stream=path, format=InputFormat.DOCX, backend=MsWordDocumentBackend
        )
        return document._backend.convert()

    plans = {}
    for name in PLAN_NAMES:
        path = CORPUS / f"{name}.docx"
        result = convert(path)
        plans[name] = {
            "ms": median_ms(lambda path=path: convert(path), runs),
            "tables": len(result.tables),
        }
    return {"import_ms": import_ms, "plans": plans}


def our_times(runs: int) -> dict[str, dict[str, float]]:
    """Our per-plan times: txt extraction, docx read, docx extraction."""
    sys.path.insert(0, str(ROOT))
    from extractor.pipeline import extract_file
    from extractor.readers import read_document

    times = {}
    for name in PLAN_NAMES:
        txt, docx = CORPUS / f"{name}.txt", CORPUS / f"{name}.docx"
        times[name] = {
            "txt": median_ms(lambda txt=txt: extract_file(txt), runs),
            "read": median_ms(lambda docx=docx: read_document(docx), runs),
            "full": median_ms(lambda docx=docx: extract_file(docx), runs),
            "tables": len(read_document(docx).tables),
        }
    return times


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docling-python", default=DEFAULT_DOCLING_PYTHON)
    parser.add_argument("--docling-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.docling_only:
        print(json.dumps(docling_times(args.runs)))
        return
    ours = our_times(args.runs)
    child = subprocess.run(
        [args.docling_python, __file__, "--docling-only", "--runs", str(args.runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    docling = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"docling import: {docling['import_ms']:.0f} ms (ours: python-docx not imported)")
    header = "plan        txt full   ours read  ours full   docling  docling/ours-read  tables"
    print(header)
    for name in PLAN_NAMES:
        mine, theirs = ours[name], docling["plans"][name]
        print(
            f"{name:10} {mine['txt']:7.1f}ms {mine['read']:8.1f}ms {mine['full']:8.1f}ms "
            f"{theirs['ms']:8.1f}ms {theirs['ms'] / mine['read']:12.1f}×"
            f"        {mine['tables']}/{theirs['tables']}"
        )


if __name__ == "__main__":
    main()
