"""Does time stay linear, and memory bounded, on large and hostile plans? (never a timed test)

Two parts:

1. Hostile files: each in a subprocess of its own (`extract FILE -o out.json`), its exit
   code, first error line and peak memory (`ru_maxrss` of the subprocess).
2. Scaling: plans made of one thing repeated — headings (`一、` chapters of 20 `（一）`
   sections, each with a sentence), table rows (one long task table with units and
   deadlines), plain characters (long paragraphs with targets and units) — at 5 sizes
   doubling up to ~10 MB of text. For each, the time of `extract_file` (read + extract), the
   microseconds per KB, and the ratio of the largest size's per-KB time to the smallest's
   (about 1 for linear time; a quadratic step doubles it at each doubling).

Run: `.venv/bin/python bench/scaling_hostile.py [--max-mb 10] [--runs 1]`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOUBLINGS = 5
CHINESE_NUMBERS = "一二三四五六七八九十"


def chapter_number(n: int) -> str:
    """A Chinese chapter number for 1 ≤ n < 100: 1 → 一, 12 → 十二, 35 → 三十五."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMBERS[tens - 1] + "十")
    return head + (CHINESE_NUMBERS[ones - 1] if ones else "")


def headings_plan(target_chars: int) -> str:
    """Chapters `一、` … each of 20 `（一）` sections of one sentence, up to the size."""
    lines, chapter = ["某某市绿色社区创建行动实施方案"], 0
    size = 0
    while size < target_chars:
        chapter += 1
        lines.append(f"{chapter_number(chapter % 99 + 1)}、第{chapter}部分重点任务")
        for section in range(1, 21):
            lines.append(f"（{chapter_number(section)}）推进第{section}项工作")
            lines.append(f"到2025年，全市{section}0%以上社区完成改造（市住建局牵头）。")
        size += sum(len(line) + 1 for line in lines[-41:])
    return "\n".join(lines) + "\n"


def table_plan(target_chars: int) -> str:
    """One task table (`序号 | 工作任务 | 牵头单位 | 完成时限`), a row per line group."""
    rows = ["一、重点任务分工", "\t序号\n\t工作任务\n\t牵头单位\n\t完成时限\n"]
    n, size = 0, 0
    while size < target_chars:
        n += 1
        deadline = f"2025年{n % 12 + 1}月底前"
        row = f"\t{n}\n\t推进第{n}个社区设施改造\n\t市住建局、市发改委\n\t{deadline}\n"
        rows.append(row)
        size += len(row) + 1
    return "\n".join(rows) + "\n"


def characters_plan(target_chars: int) -> str:
    """Long paragraphs of duties and targets under a few headings."""
    sentence = "各区要按照要求，到2025年实现80%以上城市社区达标，市住建局会同市发改委负责。"
    paragraph = sentence * 20
    lines, size = ["一、工作目标"], 0
    while size < target_chars:
        lines.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(lines) + "\n"


SCALING_CASES: dict[str, Callable[[int], str]] = {
    "headings": headings_plan,
    "table rows": table_plan,
    "characters": characters_plan,
}


def time_extraction(path: Path, runs: int) -> float:
    """Median seconds to read and extract `path` in process, as `extract` does it
    (`extract_file`: the cycle collector paused for the one plan)."""
    from extractor.limits import DEFAULT_LIMITS, use_limits
    from extractor.pipeline import extract_file

    limits = DEFAULT_LIMITS.raised(
        {"characters": 10**9, "table-cells": 10**8, "document-cells": 10**8}
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with use_limits(limits):
            extract_file(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def scaling(folder: Path, max_mb: float, runs: int) -> None:
    """Print the time per KB of each scaling case at doubling sizes."""
    top = int(max_mb * 1024 * 1024 / 3)  # characters, ~3 bytes each in UTF-8
    sizes = [top >> (DOUBLINGS - 1 - i) for i in range(DOUBLINGS)]
    print(f"{'case':<12} {'MB':>6} {'seconds':>8} {'µs/KB':>7}")
    for name, make in SCALING_CASES.items():
        per_kb = []
        for size in sizes:
            path = folder / f"{name.replace(' ', '_')}_{size}.txt"
            data = make(size).encode("utf-8")
            path.write_bytes(data)
            seconds = time_extraction(path, runs)
            per_kb.append(seconds * 1e6 / (len(data) / 1024))
            print(f"{name:<12} {len(data) / 1e6:>6.2f} {seconds:>8.2f} {per_kb[-1]:>7.0f}")
        print(f"{name:<12} largest/smallest per-KB time: {per_kb[-1] / per_kb[0]:.2f}\n")


def cells_at_limit() -> str:
    """Two task tables of 100,000 cells each (the default table-cells and document-cells
    limits), ~3 million characters in all."""
    header = "\t序号\n\t工作任务\n\t牵头单位\n\t完成时限\n"
    tables = []
    for _ in range(2):
        rows = [header] + [
            f"\t{n}\n\t推进第{n}个社区设施改造，完善配套设施建设，提升社区环境\n"
            f"\t市住建局、市发改委、市财政局\n\t2025年{n % 12 + 1}月底前\n"
            for n in range(1, 25_000)
        ]
        tables.append("\n".join(rows))
    return "一、重点任务\n" + "\n\n\n二、分工\n".join(tables)


def hostile_files() -> dict[str, bytes]:
    """The hostile cases of issue #13 that the readers see (PDFs are another bench's)."""
    sys.path.insert(0, str(ROOT))
    from tests import hostile

    return {
        "numbering_2_6e9.docx": hostile.docx_bytes(
            hostile.paragraph("工作", num_id="1"), hostile.numbering(2_600_000_000)
        ),
        "wide_rows.docx": hostile.docx_bytes(hostile.table([["x"] * 20_000] * 4, span=64)),
        "many_cells.txt": ("\t格\n" * 500 + "\n").encode() * 1000,
        "headings_600kb.txt": headings_plan(200_000).encode(),
        "headings_at_limit.txt": headings_plan(4_990_000).encode(),
        "cells_at_limit.txt": cells_at_limit().encode(),
        "encrypted.docx": hostile.encrypted_docx(),
        "negative_seek.docx": hostile.negative_seek_docx(),
        "html_as.txt": ("<html><body>" + "<p>一、工作目标</p>" * 20_000).encode(),
    }


# The `extract` command run through its typer app, not `extract_main`, which ends the process
# with os._exit before a `finally` could report the peak.
PEAK_CODE = (
    "import resource, sys\n"
    "from extractor.cli import extract_app\n"
    "code = 0\n"
    "try:\n"
    "    extract_app(prog_name='extract')\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "finally:\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print(f'PEAK_KB {peak}', file=sys.__stdout__)\n"
    "sys.exit(code)\n"
)


def peak_memory(folder: Path) -> None:
    """Print exit code, first stderr line and peak memory of each hostile file."""
    print(f"{'hostile file':<22} {'KB in':>8} {'exit':>4} {'peak MB':>8}  first error line")
    for name, data in hostile_files().items():
        path = folder / name
        path.write_bytes(data)
        result = subprocess.run(
            [sys.executable, "-c", PEAK_CODE, str(path), "-o", str(folder / "out.json")],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        peak = next(
            (int(line.split()[1]) for line in result.stdout.splitlines() if "PEAK_KB" in line), 0
        )
        error = (result.stderr.strip().splitlines() or [""])[0]
        error = error.replace(str(path), name)
        print(f"{name:<22} {len(data) / 1024:>8.0f} {result.returncode:>4} {peak / 1024:>8.0f}  "
              f"{error[:110]}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=10, help="largest plan size in MB")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (median)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="scaling-hostile-") as folder:
        # peaks first: a child forked from a parent grown by the scaling runs would
        # report the parent's size as its own peak (ru_maxrss is inherited across fork)
        peak_memory(Path(folder))
        print()
        scaling(Path(folder), args.max_mb, args.runs)


if __name__ == "__main__":
    main()
