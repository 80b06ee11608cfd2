"""Many plans at once: serial against a two-worker Dask LocalCluster, and the plan database.

Builds 100 .txt plans (the corpus .txt plans repeated, each copy made distinct by trailing
blank lines, which the reader drops but the sha256 sees) and 20 text PDFs (the corpus PDFs
repeated), then times (never a timed test):

- extraction of each batch serially in this process, on a LocalCluster of two worker
  processes (what `--jobs 2` starts, start-up included, and start-up alone), and on two
  worker threads of one process (`processes=False`, for contrast: the GIL serialises them);
- indexing the 100 extracted plans into a new SQLite database, re-indexing them (every plan
  replaced), and exporting the tables to Parquet (if pyarrow is installed).

Run: `.venv/bin/python bench/batch.py [--runs N]` (needs the extra `cluster`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TXT_PLANS = 100
PDF_PLANS = 20
SCANNED = "_scan"  # scanned PDFs take seconds a page of OCR: another benchmark's business


def make_batch(folder: Path) -> tuple[list[Path], list[Path]]:
    """100 distinct .txt plans and 20 .pdf plans in `folder`."""
    texts = sorted(CORPUS.glob("*.txt"))
    pdfs = sorted(p for p in CORPUS.glob("*.pdf") if SCANNED not in p.stem)
    txt_paths, pdf_paths = [], []
    for i in range(TXT_PLANS):
        source = texts[i % len(texts)]
        path = folder / f"{i:03d}_{source.name}"
        path.write_bytes(source.read_bytes() + b"\n" * (i // len(texts)))
        txt_paths.append(path)
    for i in range(PDF_PLANS):
        source = pdfs[i % len(pdfs)]
        path = folder / f"{i:03d}_{source.name}"
        path.write_bytes(source.read_bytes())
        pdf_paths.append(path)
    return txt_paths, pdf_paths


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_of(runs: int, action) -> float:
    return statistics.median(timed(action)[0] for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from dask.distributed import Client, LocalCluster

    from extractor.cluster import extract_many
    from extractor.store.sqlite import index_plans, open_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        txt_paths, pdf_paths = make_batch(folder)
        list(extract_many(txt_paths[:5]))  # warm-up: imports, pattern compilation
        seconds, _ = timed(lambda: LocalCluster(n_workers=2, threads_per_worker=1).close())
        print(f"LocalCluster of 2 worker processes, start and close: {seconds:.2f} s")
        for label, paths in ((f"{TXT_PLANS} .txt", txt_paths), (f"{PDF_PLANS} .pdf", pdf_paths)):
            serial = median_of(args.runs, lambda paths=paths: list(extract_many(paths)))
            jobs = median_of(args.runs, lambda paths=paths: list(extract_many(paths, jobs=2)))
            threads = median_of(
                args.runs,
                lambda paths=paths: list(extract_many(paths, jobs=2, processes=False)),
            )
            with (
                LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
                Client(cluster),
            ):
                address = cluster.scheduler_address
                list(extract_many(paths[:4], scheduler=address))  # workers warmed up
                running = median_of(
                    args.runs,
                    lambda paths=paths, address=address: list(
                        extract_many(paths, scheduler=address)
                    ),
                )
            print(
                f"{label}: serial {serial:.2f} s; --jobs 2 (LocalCluster, start-up included) "
                f"{jobs:.2f} s; a running 2-worker LocalCluster {running:.2f} s; "
                f"2 threads of one process {threads:.2f} s"
            )

        plans = [result for _, result in extract_many(txt_paths)]
        assert not any(isinstance(p, str) for p in plans), "every plan extracts"

        def index_new() -> None:
            db = folder / "plans.sqlite"
            db.unlink(missing_ok=True)
            with open_database(db) as conn:
                index_plans(conn, plans)

        new = median_of(args.runs, index_new)
        with open_database(folder / "plans.sqlite") as conn:
            rows = sum(
                conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'search%' AND name != 'store_info'"
                )
            )

        def reindex() -> None:
            with open_database(folder / "plans.sqlite") as conn:
                index_plans(conn, plans)

        again = median_of(args.runs, reindex)
        size = (folder / "plans.sqlite").stat().st_size / 1024 / 1024
        print(
            f"SQLite index of {len(plans)} plans: {new:.2f} s new ({rows} rows, "
            f"{size:.1f} MB), {again:.2f} s re-indexed (every plan replaced)"
        )
        try:
            from extractor.store.parquet import export_parquet
        except ImportError:
            return
        with open_database(folder / "plans.sqlite") as conn:
            export = median_of(args.runs, lambda: export_parquet(conn, folder / "parquet"))
        print(f"Parquet export of the same tables: {export:.2f} s")


if __name__ == "__main__":
    main()
