"""Is extraction time linear in the size of a plan? (never a timed test)

Builds plans of growing size from the corpus .txt plans: every corpus plan's text laid end
to end, repeated 1, 2, 4, 8 and 16 times (so headings, tables and every field grow together,
as in a long provincial plan with many annexes), and times `extract_from_document` on each
after reading. Prints milliseconds, microseconds per KB and the ratio of the largest size's
per-KB time to the smallest's: about 1 for linear time, growing with the size for anything
worse (a quadratic step doubles it at each doubling).

Run: `.venv/bin/python bench/scaling.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REPEATS = (1, 2, 4, 8, 16)


def median_seconds(action, runs: int) -> float:
    """Median wall time of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.pipeline import extract_from_document
    from extractor.readers.txt import read_txt

    plans = sorted(CORPUS.glob("*.txt"))
    # two blank lines between plans: a table never runs on into the next plan
    unit = "\n\n\n".join(path.read_text("utf-8") for path in plans) + "\n\n\n"
    per_kb = []
    print(f"{len(plans)} corpus plans, {len(unit.encode('utf-8')) / 1024:.0f} KB laid end to end")
    for repeat in REPEATS:
        data = (unit * repeat).encode("utf-8")
        doc = read_txt(Path(f"scaled_{repeat}.txt"), data)
        extract_from_document(doc)  # warm-up
        seconds = median_seconds(lambda doc=doc: extract_from_document(doc), args.runs)
        kb = len(data) / 1024
        per_kb.append(seconds / kb)
        print(
            f"x{repeat:<3d} {kb:8.0f} KB {seconds * 1000:9.1f} ms {seconds / kb * 1e6:8.1f} µs/KB"
        )
    print(f"per-KB time, largest / smallest: {per_kb[-1] / per_kb[0]:.2f} (1.0 is linear)")


if __name__ == "__main__":
    main()
