"""Start-up of `extract` on one .txt plan against `python -c "import pydantic, typer"`.

One plan is mostly start-up (its extraction is a few ms), so the figure that matters is the
whole process. The two commands run alternately in one loop, so a slow minute of the host
slows both; the ratio of their medians is the figure (issue #12 asks for at most 2×).
`python -X importtime` on the same command shows where the time goes.

Run: `.venv/bin/python bench/startup.py [--runs N] [--plan corpus/hangtai.txt]`
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = [sys.executable, "-c", "import pydantic, typer"]
# what the `extract` console script runs, with this checkout first on the path
EXTRACT = [sys.executable, "-c", "import sys; from extractor.cli import extract_main; "
           "sys.argv[0] = 'extract'; sys.exit(extract_main())"]  # fmt: skip


def seconds(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of `command` (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--plan", type=Path, default=ROOT / "corpus" / "hangtai.txt")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "extractor", quiet=1)  # as an installed copy has them
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        command = [*EXTRACT, str(args.plan), "-o", str(Path(tmp) / "out.json")]
        seconds(BASELINE, env), seconds(command, env)  # warm the file cache
        base, extract = [], []
        for _ in range(args.runs):
            base.append(seconds(BASELINE, env))
            extract.append(seconds(command, env))
    b, e = statistics.median(base), statistics.median(extract)
    print(f"import pydantic, typer  {b * 1000:7.1f} ms (median of {args.runs})")
    print(f"extract {args.plan.name:15s} {e * 1000:7.1f} ms")
    print(f"ratio                   {e / b:7.2f}×")


if __name__ == "__main__":
    main()
