"""Multi-column pages: a gutter found between a page's lines, its text read column by column.

A page typeset in two or three text columns groups, by baseline, the left column's line
with the right column's line beside it. The page's entries (its lines, as character
lists, and its ruled tables, as boxes) are looked at top down for a gutter: an x-band
that many lines hold an empty gap across (`find_gutter`). The entries are then cut into
runs by those that cross the band (a title spanning both columns, a full-width table),
which stay where they are; a run whose two sides both look like columns of text
(`is_column_run`: lines enough, wide enough, most of them filling the column to its
edge) is read all of its left side top down, then its right side, each side looked at
again for a gutter of its own (the third column of three). A run that does not look
like columns (a label and its value, a signature block beside a date, an unruled table
whose cells end raggedly) is left as it stands.

Each line read in a column carries its column's edges (`Entry.column`), so the reader's
paragraph joining measures a hard wrap against its column's right edge, not the page's.
Pure functions over pdfplumber's character dicts (`x0`, `x1`, `top`, `bottom`, `size`,
`text`); no pdfplumber import.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

Char = dict[str, Any]
Band = tuple[float, float]  # (x0, x1) of an empty vertical strip, in points

# a gutter is at least this many ems wide: a Chinese layout sets about two characters
# between its columns (Word's default 2.02 字符), while a word gap is a quarter em and
# ideographs are set with none
GUTTER_MIN_EMS = 1.5

# a column holds at least this many lines, and so many lines hold the gutter's gap: one
# line with a wide gap (`联系人：张三      电话：…`) makes no column
MIN_COLUMN_LINES = 3

# the median line of a column is at least this many ems wide: a column of text fills its
# width (a three-column A4 page still sets 13 or more characters a line), while labels
# before their values (`发布机构：`) or a row of menu items are a few characters
MIN_COLUMN_EMS = 8.0

# a column line "fills" its column when it ends within this many ems of the column's right
# edge (the percentile COLUMN_EDGE_PERCENTILE of its lines' ends: robust to a hanging
# `。`); at least COLUMN_FULL_SHARE of a run's column lines fill theirs, as wrapped
# paragraphs do, unlike the ragged cells of a table set without rulings
COLUMN_EDGE_SLACK_EMS = 1.0
COLUMN_EDGE_PERCENTILE = 0.9
COLUMN_FULL_SHARE = 0.4

# a page is cut into at most this many columns (the search stops there: each cut halves
# the text at least once, so a real page never comes near)
MAX_COLUMNS = 6


@dataclass(frozen=True)
class Entry:
    """A page item as the column search sees it: a line's characters (left to right) or,
    when `table` is set, the index of a ruled table, with its box in points (origin top
    left). `column` is the `(left, right)` edges of the column a line was read in (None
    for a line read across the page)."""

    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[Char, ...] = ()
    table: int | None = None
    column: tuple[float, float] | None = None
    visible: tuple[Char, ...] = ()  # `chars` less spaces, which neither fill nor cut a gap


def line_entry(chars: Sequence[Char]) -> Entry:
    """The entry of one line's characters (sorted left to right), boxed by its visible
    ones (by all of them when it has none)."""
    visible = tuple(char for char in chars if char["text"].strip())
    boxed = visible or tuple(chars)
    return Entry(
        x0=boxed[0]["x0"],
        top=min(char["top"] for char in boxed),
        x1=max(char["x1"] for char in boxed),
        bottom=max(char["bottom"] for char in boxed),
        chars=tuple(chars),
        visible=visible,
    )


def table_entry(index: int, box: Sequence[float]) -> Entry:
    """The entry of the ruled table `index` whose box is `(x0, top, x1, bottom)`."""
    x0, top, x1, bottom = (float(value) for value in box)
    return Entry(x0=x0, top=top, x1=x1, bottom=bottom, table=index)


def body_size(entries: Sequence[Entry]) -> float:
    """The median font size of the entries' visible characters (0 when there are none)."""
    sizes = [char["size"] for entry in entries for char in entry.visible]
    return statistics.median(sizes) if sizes else 0.0


def wide_gaps(entry: Entry, min_gap: float) -> list[Band]:
    """The gaps of at least `min_gap` points between the line's visible characters."""
    gaps: list[Band] = []
    reach: float | None = None
    for char in entry.visible:
        x0, x1 = char["x0"], char["x1"]
        if reach is None:
            reach = x1
            continue
        if x0 - reach >= min_gap:
            gaps.append((reach, x0))
        if x1 > reach:
            reach = x1
    return gaps


def find_gutter(entries: Sequence[Entry], size: float) -> Band | None:
    """The band most lines hold an empty gap across: the common part of the gaps (each
    GUTTER_MIN_EMS or wider) that hold the x where most gaps overlap, when at least
    MIN_COLUMN_LINES lines hold it and it is itself GUTTER_MIN_EMS wide; else None."""
    min_gap = GUTTER_MIN_EMS * size
    gaps = [gap for entry in entries if not entry.table for gap in wide_gaps(entry, min_gap)]
    if len(gaps) < MIN_COLUMN_LINES:
        return None
    events = sorted([(start, 1) for start, _ in gaps] + [(end, -1) for _, end in gaps])
    best, best_x, count = 0, 0.0, 0
    for x, step in events:  # an end sorts before a start at one x: touching gaps do not stack
        count += step
        if count > best:
            best, best_x = count, x
    if best < MIN_COLUMN_LINES:
        return None
    holding = [(start, end) for start, end in gaps if start <= best_x < end]
    band = (max(start for start, _ in holding), min(end for _, end in holding))
    return band if band[1] - band[0] >= min_gap else None


def crosses(entry: Entry, band: Band) -> bool:
    """True when the entry reaches into the band: a visible character (a table's box)
    overlaps it."""
    if entry.table is not None or not entry.chars:
        return entry.x0 < band[1] and entry.x1 > band[0]
    return any(char["x0"] < band[1] and char["x1"] > band[0] for char in entry.visible)


def split_entry(entry: Entry, band: Band) -> tuple[Entry | None, Entry | None]:
    """The parts of an entry that does not cross the band left and right of it (a line
    beside the gutter cut in two, by each character's middle); None for an empty side."""
    middle = (band[0] + band[1]) / 2
    if entry.table is not None:
        return (entry, None) if entry.x1 <= middle else (None, entry)
    left = [char for char in entry.chars if (char["x0"] + char["x1"]) / 2 < middle]
    right = [char for char in entry.chars if (char["x0"] + char["x1"]) / 2 >= middle]
    return (
        line_entry(left) if any(char["text"].strip() for char in left) else None,
        line_entry(right) if any(char["text"].strip() for char in right) else None,
    )


def column_runs(entries: Sequence[Entry], band: Band) -> list[list[Entry]]:
    """The entries (top down) cut into runs by those that cross the band, each of which
    is a run of its own."""
    runs: list[list[Entry]] = []
    current: list[Entry] = []
    for entry in entries:
        if crosses(entry, band):
            if current:
                runs.append(current)
                current = []
            runs.append([entry])
        else:
            current.append(entry)
    if current:
        runs.append(current)
    return runs


def column_edges(entries: Sequence[Entry]) -> tuple[float, float]:
    """A column's `(left, right)` edges: percentiles of its lines' starts and ends."""
    lefts = sorted(entry.x0 for entry in entries)
    rights = sorted(entry.x1 for entry in entries)
    return (
        lefts[int((1 - COLUMN_EDGE_PERCENTILE) * (len(lefts) - 1))],
        rights[int(COLUMN_EDGE_PERCENTILE * (len(rights) - 1))],
    )


def is_text_column(lines: Sequence[Entry], size: float) -> bool:
    """True when the lines can be a column of text: MIN_COLUMN_LINES of them at least,
    their median MIN_COLUMN_EMS wide or wider."""
    if len(lines) < MIN_COLUMN_LINES:
        return False
    return statistics.median(line.x1 - line.x0 for line in lines) >= MIN_COLUMN_EMS * size


def full_line_count(lines: Sequence[Entry], size: float) -> int:
    """How many of a column's lines end within COLUMN_EDGE_SLACK_EMS of its right edge."""
    _, right = column_edges(lines)
    return sum(1 for line in lines if line.x1 >= right - COLUMN_EDGE_SLACK_EMS * size)


def is_column_run(left: Sequence[Entry], right: Sequence[Entry], size: float) -> bool:
    """True when both sides of a run are columns of text (is_text_column) and at least
    COLUMN_FULL_SHARE of their lines fill their column."""
    left_lines = [entry for entry in left if entry.table is None]
    right_lines = [entry for entry in right if entry.table is None]
    if not (is_text_column(left_lines, size) and is_text_column(right_lines, size)):
        return False
    full = full_line_count(left_lines, size) + full_line_count(right_lines, size)
    return full >= COLUMN_FULL_SHARE * (len(left_lines) + len(right_lines))


def split_run(run: Sequence[Entry], band: Band) -> tuple[list[Entry], list[Entry]]:
    """A run's entries cut at the band into its left side and its right side."""
    left: list[Entry] = []
    right: list[Entry] = []
    for entry in run:
        left_part, right_part = split_entry(entry, band)
        if left_part is not None:
            left.append(left_part)
        if right_part is not None:
            right.append(right_part)
    return left, right


def in_column(entries: Sequence[Entry]) -> list[Entry]:
    """The entries with the edges of the column they make up, those of a column found
    within them kept."""
    lines = [entry for entry in entries if entry.table is None]
    if not lines:
        return list(entries)
    edges = column_edges(lines)
    return [
        replace(entry, column=edges) if entry.table is None and entry.column is None else entry
        for entry in entries
    ]


def top_down(entries: Sequence[Entry]) -> list[Entry]:
    """The entries sorted by top (lines before a table at the same top, as they came)."""
    return sorted(entries, key=lambda entry: entry.top)


def reading_order(entries: Sequence[Entry], size: float, columns: int = 1) -> list[Entry] | None:
    """The entries in reading order, column by column where a gutter cuts a run of them;
    None when no run is cut (the page reads top down as it is). `columns` counts the
    columns the entries already lie in (the search stops at MAX_COLUMNS)."""
    entries = top_down(entries)
    if columns >= MAX_COLUMNS or size <= 0:
        return None
    band = find_gutter(entries, size)
    if band is None:
        return None
    ordered: list[Entry] = []
    cut = False
    for run in column_runs(entries, band):
        left, right = split_run(run, band)
        if not is_column_run(left, right, size):
            ordered.extend(run)
            continue
        cut = True
        for side in (left, right):
            inner = reading_order(side, size, columns + 1)
            ordered.extend(in_column(top_down(side) if inner is None else inner))
    return ordered if cut else None
