"""The comparison as one CSV: a `view` column, then the union of every view's columns.

UTF-8 with a byte-order mark, so that Excel on a Chinese Windows does not read it as GBK;
text cells safe from formula injection (`csv_safe`); marked cells prefixed with their
markers (`[分≠]`).
"""

from __future__ import annotations

import csv
import io

from extractor.review.views import Comparison, Value, cell_text, marked_text

# A spreadsheet opening a CSV takes a cell starting with one of these for a formula
# (`=cmd|' /C calc'!A0`, `+1+1`, `@SUM(A1)`), so such a text cell gets a leading `'`
# (OWASP's CSV injection rule); numbers are written as they are (`-5` stays `-5`).
CSV_FORMULA_START_CHARS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA_GUARD = "'"
BYTE_ORDER_MARK = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this


def csv_safe(value: Value, text: str | None = None) -> str:
    """A CSV cell that no spreadsheet runs as a formula (CSV_FORMULA_START_CHARS); a bare
    carriage return, which the csv module leaves unquoted, becomes a line break. `text`
    is the cell as shown, when it is not `cell_text(value)` (a marked cell)."""
    text = cell_text(value) if text is None else text
    if isinstance(value, str) and text.startswith(CSV_FORMULA_START_CHARS):
        text = CSV_FORMULA_GUARD + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_csv(comparison: Comparison) -> str:
    """One CSV text (starting with a BOM): a `view` column, then every view's columns."""
    columns: list[str] = []
    for view in comparison.views:
        columns += [c for c in view.columns if c not in columns]
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["view", *(csv_safe(c) for c in columns)])
    for view in comparison.views:
        for r, row in enumerate(view.rows):
            by_column = {
                column: csv_safe(value, marked_text(view, r, c))
                for c, (column, value) in enumerate(zip(view.columns, row, strict=True))
            }
            writer.writerow([csv_safe(view.name)] + [by_column.get(c, "") for c in columns])
    return out.getvalue()
