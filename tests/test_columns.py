"""Tests for extractor.readers.columns: gutters between a page's lines, column runs."""

from __future__ import annotations

from extractor.readers.columns import (
    MIN_COLUMN_EMS,
    Entry,
    find_gutter,
    is_column_run,
    line_entry,
    reading_order,
    table_entry,
    wide_gaps,
)

SIZE = 10.0


def chars(x: float, top: float, text: str) -> list[dict[str, object]]:
    """One character box per character of `text`, SIZE wide, from `x` at `top`."""
    return [
        {"text": c, "x0": x + i * SIZE, "x1": x + (i + 1) * SIZE, "top": top,
         "bottom": top + SIZE, "size": SIZE}
        for i, c in enumerate(text)
    ]  # fmt: skip


def two_column_lines(
    rows: int, left: int = 20, right: int = 20, gutter: float = 20.0
) -> list[Entry]:
    """`rows` lines of a left column `left` characters wide beside a right one."""
    return [
        line_entry(chars(50, 100 + 15 * row, "字" * left)
                   + chars(50 + left * SIZE + gutter, 100 + 15 * row, "文" * right))
        for row in range(rows)
    ]  # fmt: skip


def test_wide_gaps_finds_only_gaps_of_the_given_width() -> None:
    entry = line_entry(chars(50, 100, "联系人") + chars(100, 100, "电话") + chars(122, 100, "号"))
    assert wide_gaps(entry, 15.0) == [(80.0, 100.0)]


def test_a_gutter_is_found_between_two_columns() -> None:
    assert find_gutter(two_column_lines(5), SIZE) == (250.0, 270.0)


def test_a_gap_on_too_few_lines_or_too_narrow_is_no_gutter() -> None:
    assert find_gutter(two_column_lines(2), SIZE) is None
    assert find_gutter(two_column_lines(5, gutter=12.0), SIZE) is None  # 1.2 em: no gutter


def test_label_and_value_rows_are_no_column_run() -> None:
    rows = two_column_lines(5, left=5)
    band = find_gutter(rows, SIZE)
    assert band is not None
    left = [line_entry(list(e.chars[:5])) for e in rows]
    right = [line_entry(list(e.chars[5:])) for e in rows]
    assert 5 < MIN_COLUMN_EMS and not is_column_run(left, right, SIZE)
    assert reading_order(rows, SIZE) is None


def test_columns_are_read_left_then_right_with_their_edges() -> None:
    ordered = reading_order(two_column_lines(4), SIZE)
    assert ordered is not None
    assert ["".join(c["text"] for c in e.chars)[0] for e in ordered] == ["字"] * 4 + ["文"] * 4
    assert ordered[0].column == (50.0, 250.0) and ordered[-1].column == (270.0, 470.0)


def test_a_full_width_table_between_two_column_runs_stays_between_them() -> None:
    above, below = two_column_lines(3), two_column_lines(3)
    below = [line_entry([{**c, "top": c["top"] + 200} for c in e.chars]) for e in below]
    table = table_entry(0, (50.0, 160.0, 470.0, 280.0))
    ordered = reading_order([*above, table, *below], SIZE)
    assert ordered is not None
    kinds = [
        "T" if e.table is not None else "".join(c["text"] for c in e.chars)[0] for e in ordered
    ]
    assert kinds == ["字"] * 3 + ["文"] * 3 + ["T"] + ["字"] * 3 + ["文"] * 3
