"""Start-up of `extract` on one .txt plan against `python -c "import pydantic, typer"`.

One plan is mostly start-up (its extraction is a few ms), so the figure that matters is the
whole process. The two commands run alternately in one loop, so a slow minute of the host
slows both; the ratio of their medians is the figure (issue #12 asks for at most 2×; last
measured 2026-12-04: 117 ms against 71 ms, 1.65× wall and 1.64× CPU, from 2.2×). CPU time
is the steadier ratio while other work shares the host. `python -X importtime` on the same
command shows where the time goes (with `--verbose`: `extract` otherwise holds back what is
written to stderr while the pipeline is imported), README's Speed section sums it up.

Run: `.venv/bin/python bench/startup.py [--runs N] [--plan corpus/hangtai.txt] [--against DIR]`
(`--against` times the same command from another checkout in the same loop, e.g. one made
with `git worktree add /tmp/before COMMIT`, for a before/after figure). Each checkout gets
a compile cache of its own (`extractor/compile_cache.py`, in a temporary folder), filled by
the warm-up run as by any first run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR_ENV = "PLAN_EXTRACTOR_CACHE_DIR"  # the folder of the compile cache (any checkout)
BASELINE = [sys.executable, "-c", "import pydantic, typer"]
# what the `extract` console script runs, with this checkout first on the path
EXTRACT = [sys.executable, "-c", "import sys; from extractor.cli import extract_main; "
           "sys.argv[0] = 'extract'; sys.exit(extract_main())"]  # fmt: skip


def seconds(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `command` (it must succeed).

    CPU time is the steadier figure on a shared host: other work slows the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--plan", type=Path, default=ROOT / "corpus" / "hangtai.txt")
    parser.add_argument("--against", type=Path, help="another checkout to time as well")
    args = parser.parse_args()
    trees = {"this checkout": ROOT}
    if args.against:
        trees["--against"] = args.against.resolve()
    plan = args.plan.resolve()
    times: dict[str, list[tuple[float, float]]] = {"baseline": [], **{n: [] for n in trees}}
    with tempfile.TemporaryDirectory() as tmp:
        # each command runs in its own tree: `python -c` puts the working folder first on
        # the path, so the extractor package there is the one imported
        runs = {"baseline": (BASELINE, dict(os.environ), Path(tmp))}
        for name, tree in trees.items():
            compileall.compile_dir(tree / "extractor", quiet=1)  # as an installed copy has them
            command = [*EXTRACT, str(plan), "-o", str(Path(tmp) / "out.json")]
            cache = str(Path(tmp) / f"cache-{len(runs)}")  # checkouts may cache other entries
            env = {**os.environ, "PYTHONPATH": str(tree), CACHE_DIR_ENV: cache}
            runs[name] = (command, env, tree)
        for command, env, cwd in runs.values():
            seconds(command, env, cwd)  # warm the file cache and the compile cache
        for _ in range(args.runs):
            for name, (command, env, cwd) in runs.items():
                times[name].append(seconds(command, env, cwd))
    wall = {name: statistics.median(t[0] for t in runs_) for name, runs_ in times.items()}
    cpu = {name: statistics.median(t[1] for t in runs_) for name, runs_ in times.items()}
    print(f"median of {args.runs} runs        wall ms   ratio    CPU ms   ratio")
    for name in times:
        label = "import pydantic, typer" if name == "baseline" else f"extract ({name})"
        print(
            f"{label:26s} {wall[name] * 1000:8.1f} {wall[name] / wall['baseline']:6.2f}× "
            f"{cpu[name] * 1000:8.1f} {cpu[name] / cpu['baseline']:6.2f}×"
        )


if __name__ == "__main__":
    main()
