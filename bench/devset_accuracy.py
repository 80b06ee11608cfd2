"""How much of what the reviewed goldens say does the extractor get right, field by field?

For every plan with a golden (the seeds and the devset), the extraction is compared with its
golden by the semantic diff (`rubric diff`, evidence left out). Per top-level field it counts
the golden's values (leaf values of its records, evidence excluded), how many of them the
extraction gets wrong or misses (values under a changed or removed path; a missed record
counts all its values), and how many values the extraction adds that the golden does not
have (invented or misplaced records).

Run: `.venv/bin/python bench/devset_accuracy.py [NAME ...]` (default: every golden).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (
    "title",
    "jurisdiction",
    "doc_number",
    "issued_on",
    "issuers",
    "references",
    "sections",
    "targets",
    "phases",
    "deadlines",
    "responsibilities",
    "rubrics",
    "tables",
    "communities",
    "committee",
    "attachments",
)


def leaf_count(value: Any) -> int:
    """Scalar values in `value`, evidence left out; an empty list or null counts as one."""
    if isinstance(value, dict):
        return sum(leaf_count(v) for k, v in value.items() if k != "evidence") or 1
    if isinstance(value, list):
        return sum(leaf_count(v) for v in value) or 1
    return 1


def field_of(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="golden names (default: all)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.pipeline import extract_file
    from extractor.review.diff import diff_plans

    names = args.names or sorted(p.stem for p in (ROOT / "golden").glob("*.json"))
    total, wrong, extra = Counter(), Counter(), Counter()
    for name in names:
        golden = json.loads((ROOT / "golden" / f"{name}.json").read_text("utf-8"))
        plan = json.loads(extract_file(ROOT / "corpus" / f"{name}.txt").model_dump_json())
        counts, misses, adds = Counter(), Counter(), Counter()
        for field in FIELDS:
            counts[field] = leaf_count(golden.get(field))
        for change in diff_plans(golden, plan):
            field = field_of(change.path)
            if field not in counts:
                continue
            if change.kind in ("changed", "removed"):
                misses[field] += leaf_count(change.old)
            if change.kind in ("changed", "added"):
                adds[field] += leaf_count(change.new) if change.kind == "added" else 0
        right = sum(counts.values()) - sum(misses.values())
        print(f"{name:36s} {right:5d}/{sum(counts.values()):<5d} right, {sum(adds.values())} added")
        total.update(counts)
        wrong.update(misses)
        extra.update(adds)
    print()
    print(f"{'field':18s} {'right':>7s} {'of':>6s} {'share':>6s} {'added':>6s}")
    for field in FIELDS:
        right = total[field] - wrong[field]
        share = right / total[field] if total[field] else 1.0
        print(f"{field:18s} {right:7d} {total[field]:6d} {share:6.0%} {extra[field]:6d}")


if __name__ == "__main__":
    main()
