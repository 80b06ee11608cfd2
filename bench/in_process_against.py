"""In-process time of the five seed plans here against another checkout, run alternately.

The host's speed drifts by 15% and more between minutes, so a figure measured today is not
comparable with one from another day; this runs both checkouts in fresh processes, one
after the other, several times, and prints both medians and their ratio. Each process
extracts the five seed .txt plans once to warm up, then times nine passes (median).

    git worktree add /tmp/base 89579de          # the checkout to compare with
    .venv/bin/python bench/in_process_against.py /tmp/base [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")

TIMING_CODE = f"""
import statistics, time
from pathlib import Path
from extractor.pipeline import extract_file
paths = [Path("corpus") / f"{{name}}.txt" for name in {PLAN_NAMES!r}]
for path in paths:
    extract_file(path)
times = []
for _ in range(9):
    start = time.perf_counter()
    for path in paths:
        extract_file(path)
    times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000)
"""


def median_ms(checkout: Path) -> float:
    """One fresh process's median milliseconds for the five plans in `checkout`."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    result = subprocess.run(
        [sys.executable, "-c", TIMING_CODE],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (a git worktree)")
    parser.add_argument("--rounds", type=int, default=7, help="alternations (median)")
    args = parser.parse_args()
    other, here = [], []
    for _ in range(args.rounds):
        other.append(median_ms(args.other.resolve()))
        here.append(median_ms(ROOT))
    other_ms, here_ms = statistics.median(other), statistics.median(here)
    print(
        f"other {other_ms:.1f} ms  this checkout {here_ms:.1f} ms  ratio {here_ms / other_ms:.2f}"
    )


if __name__ == "__main__":
    main()
