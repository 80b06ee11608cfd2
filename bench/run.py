"""Speed figures for the README and the issue notes (never a timed test).

Measures, median of several runs on this machine:
- start-up: `extract corpus/hangtai.txt -o out.json` as a whole process;
- in-process: extracting all five corpus plans after imports (reader → Plan);
- per format, where the corpus has .docx/.pdf versions: in-process time per plan;
- with the `[ocr]` extra: `extract corpus/zhaoxiang_scan.pdf` (3 image-only pages) as a
  whole process, model loading included (3 runs; `bench/ocr_accuracy.py` times each page).

Run: `.venv/bin/python bench/run.py [--runs N]`; results are printed and written to
bench/results.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")
SCAN, SCAN_PAGES = CORPUS / "zhaoxiang_scan.pdf", 3
OCR_RUNS = 3  # each run takes seconds


def median_seconds(action, runs: int) -> float:
    """Median wall time of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_bytecode() -> None:
    """Write the package's .pyc files, as a regular `pip install` does at install time.

    An editable install compiles on first import instead, unless PYTHONDONTWRITEBYTECODE is
    set (it is on some development machines): then every start would recompile the whole
    package, which no installed copy does.
    """
    import compileall

    compileall.compile_dir(ROOT / "extractor", quiet=1)


def whole_process_startup(runs: int) -> float:
    """Median seconds of the `extract` console script on hangtai.txt, as a new process."""
    extract = Path(sys.executable).parent / "extract"
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        command = [str(extract), str(CORPUS / "hangtai.txt"), "-o", str(out)]
        subprocess.run(command, check=True)  # warm the file cache and .pyc files
        return median_seconds(lambda: subprocess.run(command, check=True), runs)


def whole_process_scan(runs: int) -> float:
    """Median seconds of `extract` on the image-only corpus PDF (OCR), as a new process."""
    extract = Path(sys.executable).parent / "extract"
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(extract), str(SCAN), "-o", str(Path(tmp) / "out.json")]
        return median_seconds(lambda: subprocess.run(command, check=True), runs)


def in_process(paths: list[Path], runs: int) -> float:
    """Median seconds to extract all `paths` in this process, imports already done."""
    from extractor.pipeline import extract_file

    for path in paths:  # warm-up: lazy imports and regex compilation are not measured
        extract_file(path)
    return median_seconds(lambda: [extract_file(p) for p in paths], runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()

    results: dict[str, float] = {
        "startup_extract_hangtai_s": whole_process_startup(args.runs),
        "in_process_all_txt_s": in_process([CORPUS / f"{n}.txt" for n in PLAN_NAMES], args.runs),
    }
    for suffix in ("txt", "docx", "pdf"):
        for name in PLAN_NAMES:
            path = CORPUS / f"{name}.{suffix}"
            if path.exists():
                results[f"in_process_{name}_{suffix}_s"] = in_process([path], args.runs)
    if importlib.util.find_spec("rapidocr") is not None:
        seconds = whole_process_scan(OCR_RUNS)
        results["ocr_extract_zhaoxiang_scan_s"] = seconds
        results["ocr_extract_zhaoxiang_scan_per_page_s"] = seconds / SCAN_PAGES
    for key, value in results.items():
        print(f"{key:40s} {value * 1000:9.1f} ms")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
