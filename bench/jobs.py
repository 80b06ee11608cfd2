"""A folder of 100 .txt plans with `extract -j 2` against `-j 1` (and 10 PDFs, -j 2 and 1).

The folder holds copies of the corpus .txt plans (seeds and devset, cycled to 100); the PDFs
are the corpus's text PDFs, cycled to 10. Each run is a whole `extract FOLDER -o OUT`
process, start-up included; the figure is the median of `--runs` runs. The outputs of the
two runs are compared byte for byte (they must be the same).

Run: `.venv/bin/python bench/jobs.py [--runs N] [--plans 100] [--pdfs 10]`
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXTRACT = [sys.executable, "-c", "import sys; from extractor.cli import extract_main; "
           "sys.argv[0] = 'extract'; sys.exit(extract_main())"]  # fmt: skip


def burn(loops: int) -> float:
    """Seconds of a pure-Python loop: the calibration of what parallelism the host gives."""
    start = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i
    return time.perf_counter() - start


def available_parallelism(loops: int = 10_000_000) -> float:
    """How many cores two processes really get now (2.0 on an idle 2-core host): one loop's
    time against two run at once. Other work on the host lowers it, and with it any -j."""
    import multiprocessing

    one = burn(loops)
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(burn, [loops, loops])
    return 2 * one / (time.perf_counter() - start)


def fill_folder(folder: Path, sources: list[Path], count: int) -> None:
    """`count` copies of `sources`, cycled, named NNN-NAME.SUFFIX."""
    folder.mkdir(parents=True)
    for number, source in zip(range(count), itertools.cycle(sources)):
        shutil.copyfile(source, folder / f"{number:03d}-{source.name}")


def timed_run(folder: Path, out: Path, jobs: int) -> float:
    """Seconds of one `extract FOLDER -j JOBS -o OUT` process (a fresh OUT each time)."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([*EXTRACT, str(folder), "-j", str(jobs), "-q", "-o", str(out)],
                   check=True, env=env, cwd=ROOT)  # fmt: skip
    return time.perf_counter() - start


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def compare_jobs(folder: Path, tmp: Path, runs: int, label: str) -> None:
    """Print the median seconds of -j 1 and -j 2 on `folder` and check the outputs match."""
    medians, written = {}, {}
    for jobs in (1, 2):
        out = tmp / f"out-{label}-{jobs}"
        timed_run(folder, out, jobs)  # warm the file and compile caches
        medians[jobs] = statistics.median(timed_run(folder, out, jobs) for _ in range(runs))
        written[jobs] = outputs(out)
    assert written[1] == written[2], "-j 2 wrote something else than -j 1"
    count = len(written[1])
    print(f"{label:12s} -j 1 {medians[1]:6.2f} s   -j 2 {medians[2]:6.2f} s   "
          f"speed-up {medians[1] / medians[2]:4.2f}×   ({count} plans, same output)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--pdfs", type=int, default=10)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; two processes get {available_parallelism():.2f} of them now")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        texts = sorted(CORPUS.glob("*.txt"))
        fill_folder(tmp / "txt", texts, args.plans)
        compare_jobs(tmp / "txt", tmp, args.runs, f"{args.plans} .txt")
        pdfs = sorted(p for p in CORPUS.glob("*.pdf") if "scan" not in p.name)
        if args.pdfs and pdfs:
            fill_folder(tmp / "pdf", pdfs, args.pdfs)
            compare_jobs(tmp / "pdf", tmp, args.runs, f"{args.pdfs} .pdf")


if __name__ == "__main__":
    main()
