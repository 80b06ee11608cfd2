"""Write golden/gaps/NAME.txt: where the extraction of a devset plan still differs from its
reviewed golden, one `rubric diff` line each (tests/test_golden.py checks the list is exact).

Run after a change that is meant to alter the output, then read `git diff golden/gaps/`:
every line that appears is a value the extractor now gets wrong (a regression, unless the
golden itself was wrong), every line that goes is one it now gets right.

    .venv/bin/python golden/record_gaps.py [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="devset names (default: all)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.review.diff import change_line, diff_plans
    from tests.conftest import DEVSET_NAMES, GAPS, extracted

    GAPS.mkdir(exist_ok=True)
    for name in args.names or DEVSET_NAMES:
        golden = json.loads((ROOT / "golden" / f"{name}.json").read_text("utf-8"))
        plan = json.loads(extracted(ROOT / "corpus" / f"{name}.txt").model_dump_json())
        lines = [change_line(c) for c in diff_plans(golden, plan, with_evidence=True)]
        path = GAPS / f"{name}.txt"
        if lines:
            path.write_text("\n".join(lines) + "\n", "utf-8")
        else:
            path.unlink(missing_ok=True)
        print(f"{name}: {len(lines)} gaps")


if __name__ == "__main__":
    main()
