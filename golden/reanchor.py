"""Re-anchor a golden's evidence after a change of the normalised text (`rubric text`).

Values are what a golden claims; offsets only say where the quote sits in the normalised
text, which moves when a reader lays the text out differently (a table layout newly read as
a table, a punctuation mark normalised). This rewrites each evidence's `start`/`end` to
where its `quote` now sits, taking the occurrence nearest the old relative position, and
changes no value. A quote that is no longer in the text is reported and left as it was:
that is a change of meaning to review by hand.

    .venv/bin/python golden/reanchor.py NAME [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def occurrences(text: str, quote: str) -> list[int]:
    """Every start of `quote` in `text`."""
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def reanchor(value: Any, text: str, old_length: int, missing: list[str]) -> None:
    """Move every evidence in `value` (in place) to its quote's nearest occurrence."""
    if isinstance(value, list):
        for item in value:
            reanchor(item, text, old_length, missing)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key == "evidence" and isinstance(item, dict) and item.get("quote"):
            starts = occurrences(text, item["quote"])
            if not starts:
                missing.append(item["quote"][:60])
                continue
            wanted = item["start"] / max(old_length, 1) * len(text)
            start = min(starts, key=lambda s: abs(s - wanted))
            item["start"], item["end"] = start, start + len(item["quote"])
        else:
            reanchor(item, text, old_length, missing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="golden names (golden/NAME.json)")
    parser.add_argument(
        "--old-length", type=int, help="length of the text the offsets were taken from"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractor.readers import read_document

    for name in args.names:
        path = ROOT / "golden" / f"{name}.json"
        golden = json.loads(path.read_text("utf-8"))
        text = read_document(ROOT / "corpus" / f"{name}.txt").text
        missing: list[str] = []
        reanchor(golden, text, args.old_length or len(text), missing)
        path.write_text(json.dumps(golden, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"{name}: {len(missing)} quotes not found" + "".join(f"\n  {q}" for q in missing))


if __name__ == "__main__":
    main()
