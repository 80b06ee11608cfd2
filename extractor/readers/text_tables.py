"""Plain-text tables in the layouts copies leave them in, found as runs of source lines.

A chain of small pure functions, one per layout (the Word-export layout, a cell a line, is
read by `extractor.readers.txt` itself):

- tab rows (`read_tab_rows`): one row a line, cells split by TAB (a web or Excel copy);
- pipes (`read_pipe_table`): `| a | b |` lines, with or without the `|---|` rule, `｜` too;
- box (`read_box_table`): `┌─┬─┐ │ ├─┼─┤ └─┴─┘` or `+---+` grids, cells wrapping over
  several lines of a ruled row;
- fixed width (`read_fixed_width_table`): cells padded into aligned columns with runs of
  spaces or full-width spaces.

Each returns a `TextTable`: the lines it covers and its rows of `SourceCell`s, the source
lines of each cell (joined later, a line each, as a Word-export cell's lines are) or a
placeholder for a position a merged cell covers (`merged_from`: "above" for a row span,
"left" for a column span). `find_text_tables` runs them over the document's lines.

A web copy writes a merged cell only in its first row, so its later rows are short.
`align_rows` puts a short row's cells under the columns by the kind of content each
column holds (item numbers, short labels, numbers, long text; `cell_kind`), a small
dynamic programme against column profiles (`column_profiles`); where kinds do not decide,
a short row is aligned right (its missing leading cells are row spans).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from extractor.document import MergeOrigin
from extractor.structure.tables import HEADER_CELL_MAX_CHARS, TOTAL_ROW_PATTERN
from extractor.vocabulary import (
    MEMBER_ROLE_MARKER_PATTERN,
    OFFICE_TITLE_MAX_CHARS,
    OFFICE_TITLE_PATTERN,
)

Layout = Literal["tab_rows", "pipes", "box", "fixed_width"]
CellKind = Literal["ordinal", "integer", "number", "label", "person", "text", "empty"]

# --- tolerances -------------------------------------------------------------------------

# a tab-row, pipe or box table has at least this many rows: one tab line is a stray tab
MIN_TABLE_ROWS = 2
# a fixed-width table has at least this many lines and columns: two aligned columns are a
# list (names and posts, a signature beside a date), not a table
MIN_FIXED_WIDTH_ROWS = 3
MIN_FIXED_WIDTH_COLUMNS = 3
# in a fixed-width table, this many leading lines may straddle a column gap (a header
# cell spanning the columns below it)
MAX_FIXED_WIDTH_HEADER_LINES = 2
# in a fixed-width table, a flush-left line of one text between two table lines is a row
# spanning the table (a dimension row `一、组织领导（15分）`) if it is at most this long
# and ends no sentence (。；); a longer one, or a sentence, is prose, which ends the table
MAX_SPANNING_LINE_CHARS = 30
SENTENCE_END_CHARS = "。；;！？"
# the cost of a missing cell taken as a column span of its left neighbour, beyond the
# difference of the two columns: small where the row above spans the same columns (or
# there is none), larger where the row above has a cell in each (a row span is likelier)
COLUMN_SPAN_COST = 0.1
NEW_COLUMN_SPAN_COST = 0.5
# the cost of a row span (a missing cell taken from above) after the row's first cell: a
# row's missing cells are its leading ones unless the kinds of its cells say otherwise
MIDDLE_ROW_SPAN_COST = 0.3
# a cost this small per column breaks ties toward right alignment (gaps on the left)
RIGHT_ALIGN_BIAS = 1e-4

# --- patterns ---------------------------------------------------------------------------

# a tab-row line: text, then a tab (`序号\t考核项目`), or an empty first cell and at
# least two further tabs (` \t总分\t100\t\t`)
TAB_ROW_LINE_PATTERN = re.compile(r"^[ \u00a0\u3000]*[^\s][^\t]*\t|^[ \u00a0\u3000]*\t[^\t]*\t")
# a Word-export cell line: a tab first, possibly after spaces (`\t序号`)
WORD_EXPORT_LINE_PATTERN = re.compile(r"^[ \u00a0\u3000]*\t")
# a pipe line: `| 序号 | 名称 |` / `｜序号｜名称｜` / `序号 | 名称` (needs a rule line)
PIPE_CHARS = "|｜"
PIPE_LINE_PATTERN = re.compile(r"^\s*[|｜].*[|｜]\s*$")
PIPE_SPLIT_PATTERN = re.compile(r"(?<!\\)[|｜]")
# a Markdown rule line: `|---|:--:|` / `--- | ---` / `｜－－｜－－｜`
PIPE_RULE_PATTERN = re.compile(
    r"^(?=.*[|｜])\s*[|｜]?\s*:?[-－—=]{2,}:?\s*(?:[|｜+]\s*:?[-－—=]{2,}:?\s*)*[|｜]?\s*$"
)
# box drawing: vertical rulings (`│ ┃ ║ |`), horizontal ones (`─ ━ ═ - =`), junctions
BOX_VERTICAL_CHARS = "│┃║|"
BOX_HORIZONTAL_CHARS = "─━═-="
BOX_JUNCTION_CHARS = "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫+"
# a ruling line: `┌──┬──┐` / `├──┼──┤` / `│  ├──┤` (a cell reaching down) / `+----+----+`
BOX_RULE_PATTERN = re.compile(
    r"^\s*[┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫+│┃║|]"
    r"[─━═\-=┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫+│┃║| ]*$"
)
# what a box rule line opens with (`BOX_RULE_PATTERN`'s first character): `┌` `+` `|` …
BOX_OPENING_CHARS = BOX_JUNCTION_CHARS + BOX_VERTICAL_CHARS
# a box content line: `│序号│名称│` / `| 1 | 某社区 |`
BOX_CONTENT_PATTERN = re.compile(r"^\s*[│┃║|]")
# a fixed-width line: text, a gap of two spaces or a full-width space, text
# (`序号    名称`, `1　　某社区`)
FIXED_WIDTH_GAP_PATTERN = re.compile(r"\S(?: {2,}|[ \u3000]*\u3000[ \u3000]*)\S")
# a gap inside a fixed-width line: two display columns of white space or more
FIXED_WIDTH_SPLIT_PATTERN = re.compile(r" {2,}|[ \u3000]*\u3000[ \u3000]*")

# cell kinds: an item number of any level `一、` `（二）` `3.` `4、` `(5)` …
ORDINAL_CELL_PATTERN = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、](?!\d))$"
)
# … a small whole number (an item number or points: `12`) …
INTEGER_CELL_PATTERN = re.compile(r"^\d{1,3}$")
# … any other figure: `3.5` `1,200` `45%` `20分` `100万元`
NUMBER_CELL_PATTERN = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|分|万元|元|个|人|项)?$")
# header words naming a column's kind (a header row is aligned by them):
# 序号 / 编号 → item numbers; 分值 / 得分 / 数量 / 权重 → figures; 内容 / 标准 / 说明 → text
HEADER_KIND_PATTERNS: tuple[tuple[CellKind, re.Pattern[str]], ...] = (
    ("ordinal", re.compile(r"序号|编号")),
    ("number", re.compile(r"分值|分数|得分|标准分|权重|数量|金额|面积|人数|比例|[（(]分[）)]")),
    ("text", re.compile(r"内容|标准|要求|措施|说明|备注|描述|细则|情况")),
)
# a clause break: a cell holding one is text, never a label (`…工作（8分）。`)
CLAUSE_PATTERN = re.compile(r"[。；;，,]")
# a top-level item number (`一、`): such a row starts a new group, so no cell above
# reaches into it
CHAPTER_CELL_PATTERN = re.compile(r"^[一二三四五六七八九十]+[、.．]")

# how well a cell of one kind fits a column holding another (1: the same kind)
KIND_COMPATIBILITY: dict[tuple[CellKind, CellKind], float] = {
    ("integer", "ordinal"): 0.7,
    ("ordinal", "integer"): 0.7,
    ("integer", "number"): 0.8,
    ("number", "integer"): 0.8,
    ("label", "text"): 0.5,
    ("text", "label"): 0.5,
    ("person", "label"): 0.5,
    ("label", "person"): 0.5,
}
# an empty cell says little about its column
EMPTY_CELL_FIT = 0.5

Profile = dict[CellKind, float]


@dataclass
class SourceCell:
    """One grid position of a text table: the source lines of its cell, or a placeholder
    (no lines) for a position a merged cell covers, with where that cell is."""

    lines: list[str] = field(default_factory=list)
    merged_from: MergeOrigin | None = None


@dataclass(frozen=True)
class TextTable:
    """A table found in lines `[start, end)`, as rows of `SourceCell`s."""

    start: int
    end: int
    rows: list[list[SourceCell]]
    layout: Layout
    # what was read by guesswork, for warnings: (code, message, row index or None)
    notes: tuple[tuple[str, str, int | None], ...] = ()


# --- cell kinds and column profiles -----------------------------------------------------


def cell_kind(text: str) -> CellKind:
    """What a cell holds: an item number, a figure, a short label, a person's office
    (`分管副区长`) or longer text."""
    text = text.strip()
    if not text:
        return "empty"
    if ORDINAL_CELL_PATTERN.match(text):
        return "ordinal"
    if INTEGER_CELL_PATTERN.match(text):
        return "integer"
    if NUMBER_CELL_PATTERN.match(text):
        return "number"
    if len(text) > HEADER_CELL_MAX_CHARS or CLAUSE_PATTERN.search(text):
        return "text"
    # an office is at most OFFICE_TITLE_MAX_CHARS long and closes the text: no search further back
    if OFFICE_TITLE_PATTERN.search(text, max(0, len(text) - OFFICE_TITLE_MAX_CHARS)):
        return "person"  # 分管副区长: a 责任领导 column's, which a task never fits
    return "label"


def header_kind(text: str) -> CellKind | None:
    """The kind of column a header word names (`序号` → ordinal, `分值` → number), or None."""
    compact = re.sub(r"\s+", "", text)
    for kind, pattern in HEADER_KIND_PATTERNS:
        if pattern.search(compact):
            return kind
    return None


def is_header_like(cells: Sequence[str]) -> bool:
    """True for a row of short labels only (no figure, item number or sentence)."""
    kinds = [cell_kind(c) for c in cells]
    return "label" in kinds and all(k in ("label", "empty") for k in kinds)


def column_profiles(rows: Sequence[Sequence[str | None]], width: int) -> list[Profile]:
    """Per column, the share of each cell kind among `rows` (rows `width` wide; None, a
    position a merged cell covers, is not counted)."""
    profiles: list[Profile] = []
    for column in range(width):
        counts: Profile = {}
        for row in rows:
            text = row[column]
            if text is None:
                continue
            kind = cell_kind(text)
            counts[kind] = counts.get(kind, 0) + 1
        total = sum(counts.values()) or 1
        profiles.append({kind: count / total for kind, count in counts.items()})
    return profiles


def kind_fit(kind: CellKind, profile: Profile) -> float:
    """How well a cell of `kind` fits a column of `profile`, 0 to 1."""
    if kind == "empty":
        return EMPTY_CELL_FIT + (1 - EMPTY_CELL_FIT) * profile.get("empty", 0)
    return sum(
        share * (1.0 if other == kind else KIND_COMPATIBILITY.get((kind, other), 0.0))
        for other, share in profile.items()
        if other != "empty"
    ) / max(1e-9, 1 - profile.get("empty", 0))


def profile_distance(left: Profile, right: Profile) -> float:
    """How unlike two columns are, 0 (same kinds in the same shares) to 1."""
    return 1 - sum(min(share, right.get(kind, 0)) for kind, share in left.items())


# --- aligning short rows ----------------------------------------------------------------

# what fills a grid position of an aligned row: the index of one of the row's cells, or
# the merge that covers it
Placement = int | MergeOrigin


def align_row(
    cells: Sequence[str],
    profiles: Sequence[Profile],
    above: Sequence[int] | None,
) -> list[Placement]:
    """The row's cells placed under the `len(profiles)` columns, in order.

    A column left without a cell of its own is covered by a merged cell: the one above (a
    row span; only where `above`, the cell ids of the row above, is given, and only over
    the whole width of that cell, as a row-spanning cell keeps its columns) or the row's
    cell to its left (a column span, costed by how unlike the two columns are). Each
    placed cell costs how badly its kind fits its column (for a row of short labels, only
    a header word's kind counts: `分值` over figures); among equal costs the cells go
    right.
    """
    width, count = len(profiles), len(cells)
    header_row = is_header_like(cells)
    kinds: list[CellKind | None] = [header_kind(c) if header_row else cell_kind(c) for c in cells]
    inf = float("inf")
    # best[i][c][a]: the cost of placing i cells over c columns, a = column c-1 is a row span
    best = [[[inf, inf] for _ in range(width + 1)] for _ in range(count + 1)]
    back: dict[tuple[int, int, int], tuple[int, int, int, Placement]] = {}
    best[0][0][0] = 0.0
    for column in range(width):
        for placed in range(count + 1):
            for spanned in (0, 1):
                cost = best[placed][column][spanned]
                if cost == inf:
                    continue
                same_above = bool(
                    above is not None and column and above[column] == above[column - 1]
                )
                options: list[tuple[float, int, int, Placement]] = []
                if spanned and same_above:
                    options.append((MIDDLE_ROW_SPAN_COST if placed else 0.0, placed, 1, "above"))
                else:
                    if placed < count:
                        kind = kinds[placed]
                        fit = 1.0 if kind is None else kind_fit(kind, profiles[column])
                        bias = -RIGHT_ALIGN_BIAS * column
                        options.append((1 - fit + bias, placed + 1, 0, placed))
                    if above is not None and not same_above:
                        span_cost = MIDDLE_ROW_SPAN_COST if placed else 0.0
                        options.append((span_cost, placed, 1, "above"))
                    if column and placed and not spanned:
                        distance = profile_distance(profiles[column - 1], profiles[column])
                        span_cost = (
                            NEW_COLUMN_SPAN_COST
                            if above is not None and above[column] != above[column - 1]
                            else COLUMN_SPAN_COST
                        )
                        options.append((distance + span_cost, placed, 0, "left"))
                for step, next_placed, next_spanned, placement in options:
                    total = cost + step
                    if total < best[next_placed][column + 1][next_spanned]:
                        best[next_placed][column + 1][next_spanned] = total
                        back[(next_placed, column + 1, next_spanned)] = (
                            placed,
                            column,
                            spanned,
                            placement,
                        )
    end = min((0, 1), key=lambda s: best[count][width][s])
    if best[count][width][end] == inf:
        return list(range(count)) + ["left"] * (width - count)
    placements: list[Placement] = []
    state = (count, width, end)
    while state[1]:
        placed, column, spanned, placement = back[state]
        placements.append(placement)
        state = (placed, column, spanned)
    return placements[::-1]


def blocks_row_spans(cells: Sequence[str]) -> bool:
    """True for a row no cell above reaches into: a total row, a top-level item (`二、`)."""
    first = next((c.strip() for c in cells if c.strip()), "")
    return bool(TOTAL_ROW_PATTERN.match(first) or CHAPTER_CELL_PATTERN.match(first))


def align_rows(rows: Sequence[Sequence[str]]) -> list[list[Placement]]:
    """Every row placed under the table's columns (`align_row`), top-down.

    The columns are profiled from the rows of full width (the first row, likely the
    header, only when no other is), then again from every row as first aligned.
    """
    width = max((len(row) for row in rows), default=0)
    full: list[list[str | None]] = [list(row) for row in rows[1:] if len(row) == width] or [
        list(row) for row in rows if len(row) == width
    ]
    profiles = column_profiles(full, width)
    placements = align_with(rows, profiles)
    aligned = [
        [rows[r][p] if isinstance(p, int) else None for p in row]
        for r, row in enumerate(placements)
    ]
    body = aligned[1:] or aligned
    return align_with(rows, column_profiles(body, width))


def align_with(rows: Sequence[Sequence[str]], profiles: Sequence[Profile]) -> list[list[Placement]]:
    """`align_rows` for given column profiles."""
    width = len(profiles)
    placements: list[list[Placement]] = []
    above: list[int] | None = None
    for index, row in enumerate(rows):
        if len(row) == width:
            placed: list[Placement] = list(range(width))
        else:
            # the first row (most often the header) reaches down only into a row of labels
            spans_allowed = (
                above is not None
                and not blocks_row_spans(row)
                and (index > 1 or is_header_like(row))
            )
            placed = align_row(row, profiles, above if spans_allowed else None)
        ids: list[int] = []
        for column, placement in enumerate(placed):
            if placement == "above" and above is not None:
                ids.append(above[column])
            elif placement == "left" and column:
                ids.append(ids[-1])
            else:
                ids.append(index * width + column)
        above = ids
        placements.append(placed)
    return placements


def aligned_cells(rows: Sequence[Sequence[str]]) -> list[list[SourceCell]]:
    """The rows as `SourceCell`s, each as wide as the widest (`align_rows`)."""
    return [
        [
            SourceCell([row[p]]) if isinstance(p, int) else SourceCell(merged_from=p)
            for p in placements
        ]
        for row, placements in zip(rows, align_rows(rows), strict=True)
    ]


def is_spanning_line(
    lines: Sequence[str], index: int, start: int, is_row_line: Callable[[str], bool]
) -> bool:
    """True for a line of one short text, no sentence, between two row lines of a table
    begun at `start`: a row spanning the table (`一、组织领导（15分）`)."""
    line = lines[index]
    text = line.strip()
    return (
        start < index < len(lines) - 1
        and "\t" not in line
        and 0 < len(text) <= MAX_SPANNING_LINE_CHARS
        and text[-1] not in SENTENCE_END_CHARS
        and not is_row_line(line)
        and is_row_line(lines[index - 1])
        and is_row_line(lines[index + 1])
    )


def spanning_row(text: str, width: int) -> list[SourceCell]:
    """A row of one cell spanning `width` columns."""
    return [SourceCell(lines=[text]), *(SourceCell(merged_from="left") for _ in range(width - 1))]


# --- tab rows ---------------------------------------------------------------------------


def is_tab_row_line(line: str) -> bool:
    """True for a line of tab-separated cells (`序号\t名称`, ` \t合计\t100\t`)."""
    return "\t" in line and bool(TAB_ROW_LINE_PATTERN.match(line))


def is_numbered_list(rows: Sequence[Sequence[str]]) -> bool:
    """True for lines of an item number, a tab and a text (`1.\t…`, `（二）\t…`): a
    word processor's numbered list, not a table."""
    return all(len(row) <= 2 and cell_kind(row[0]) in ("ordinal", "integer") for row in rows)


def read_tab_rows(lines: Sequence[str], start: int) -> TextTable | None:
    """A table of one row a line, cells split by TAB, starting at `lines[start]`.

    The run goes on over single blank lines between rows; a line ending in tabs holds
    real empty cells; a short line without a tab between two rows spans the table
    (`is_spanning_line`: `一、组织领导（20分）`, a merged cell copied without its tabs).
    At least one line must have text before its first tab: lines that
    all open with a tab are the Word-export layout. A short row is aligned by
    `align_rows`.
    """
    if not is_tab_row_line(lines[start]):
        return None
    rows: list[list[str]] = []
    spanning: dict[int, str] = {}  # row index → the text of a row spanning the table
    opens_with_text = False
    end = index = start
    while index < len(lines):
        line = lines[index]
        if is_tab_row_line(line):
            rows.append(line.split("\t"))
            opens_with_text = opens_with_text or not WORD_EXPORT_LINE_PATTERN.match(line)
            end = index = index + 1
        elif is_spanning_line(lines, index, start, is_tab_row_line):
            spanning[len(rows) + len(spanning)] = line.strip()
            end = index = index + 1
        elif not line.strip() and index + 1 < len(lines) and is_tab_row_line(lines[index + 1]):
            index += 1
        else:
            break
    if len(rows) < MIN_TABLE_ROWS or not opens_with_text or is_numbered_list(rows):
        return None
    cells = aligned_cells(rows)
    for at, text in sorted(spanning.items()):
        cells.insert(at, spanning_row(text, len(cells[0])))
    return TextTable(start=start, end=end, rows=mark_header_spans(cells), layout="tab_rows")


# --- pipes ------------------------------------------------------------------------------


def split_pipe_line(line: str) -> list[str]:
    """The cells of a pipe line: outer pipes dropped, `\\|` kept as text."""
    line = line.strip()
    if line[:1] in PIPE_CHARS:
        line = line[1:]
    if line[-1:] in PIPE_CHARS and not line.endswith("\\" + line[-1:]):
        line = line[:-1]
    return [cell.replace("\\|", "|") for cell in PIPE_SPLIT_PATTERN.split(line)]


def is_pipe_line(line: str) -> bool:
    """True for a line of pipe-separated cells (`| a | b |`, `a | b` beside a rule)."""
    return any(c in line for c in PIPE_CHARS)


def read_pipe_table(lines: Sequence[str], start: int) -> TextTable | None:
    """A pipe (Markdown) table starting at `lines[start]`: rows of `|`-separated cells.

    Lines must open with a pipe, unless the second line is a `---|---` rule (Markdown
    without outer pipes). Rule lines are dropped; a short row is aligned as tab rows are.
    """
    first = lines[start]
    ruled = start + 1 < len(lines) and bool(PIPE_RULE_PATTERN.match(lines[start + 1]))
    if not (PIPE_LINE_PATTERN.match(first) or (ruled and is_pipe_line(first))):
        return None
    if PIPE_RULE_PATTERN.match(first) or BOX_RULE_PATTERN.match(first):
        return None
    rows: list[list[str]] = []
    end = start
    while end < len(lines):
        line = lines[end]
        if PIPE_RULE_PATTERN.match(line) and rows:
            end += 1
            continue
        if not (PIPE_LINE_PATTERN.match(line) or (ruled and is_pipe_line(line))):
            break
        rows.append(split_pipe_line(line))
        end += 1
    if len(rows) < MIN_TABLE_ROWS and not ruled:
        return None
    if max(len(row) for row in rows) < 2:
        return None
    cells = mark_header_spans(aligned_cells(rows))
    return TextTable(start=start, end=end, rows=cells, layout="pipes")


# --- box drawing ------------------------------------------------------------------------


def char_positions(line: str, box_width: int) -> list[int]:
    """The display column each character of `line` starts at (CJK 2 columns, ASCII 1,
    box-drawing characters `box_width`)."""
    positions, at = [], 0
    for char in line:
        positions.append(at)
        if "\u2500" <= char <= "\u257f":
            at += box_width
        else:
            at += 2 if ord(char) >= 0x800 else 1
    positions.append(at)
    return positions


def ruling_positions(line: str, positions: Sequence[int], rule: bool) -> list[int]:
    """Display columns of the vertical rulings a line draws (junctions on a rule line)."""
    marks = BOX_JUNCTION_CHARS + BOX_VERTICAL_CHARS if rule else BOX_VERTICAL_CHARS
    return [positions[i] for i, char in enumerate(line) if char in marks]


def box_layout(lines: Sequence[str]) -> tuple[list[int], list[list[int]]]:
    """The table's column boundaries and each line's character positions.

    Box-drawing characters are one display column in some sources and two in others (a
    CJK font); the reading whose rulings line up best across the lines is taken.
    """
    best: tuple[int, list[int], list[list[int]]] | None = None
    for box_width in (1, 2):
        positions = [char_positions(line, box_width) for line in lines]
        marks: dict[int, int] = {}
        for line, pos in zip(lines, positions, strict=True):
            for mark in ruling_positions(line, pos, bool(BOX_RULE_PATTERN.match(line))):
                marks[mark] = marks.get(mark, 0) + 1
        shared = sum(count for count in marks.values() if count > 1)
        if best is None or shared > best[0]:
            boundaries = sorted(mark for mark, count in marks.items() if count > 1)
            best = (shared, boundaries, positions)
    assert best is not None
    return best[1], best[2]


def is_box_rule(line: str) -> bool:
    """True for a ruling line of a box or `+---+` table."""
    stripped = line.strip()
    return bool(BOX_RULE_PATTERN.match(stripped)) and any(
        c in stripped for c in BOX_HORIZONTAL_CHARS
    )


def line_segments(
    line: str, positions: Sequence[int], boundaries: Sequence[int]
) -> list[tuple[int, int, str]]:
    """A content line's cells as (first column, last column + 1, text) between rulings."""
    segments = []
    cut = [i for i, char in enumerate(line) if char in BOX_VERTICAL_CHARS]
    for left, right in pairwise(cut):
        first = column_at(boundaries, positions[left])
        last = column_at(boundaries, positions[right])
        if last > first:
            segments.append((first, last, line[left + 1 : right]))
    return segments


def column_at(boundaries: Sequence[int], position: int) -> int:
    """The index of the boundary at `position` (the nearest one at or before it)."""
    index = 0
    for number, boundary in enumerate(boundaries):
        if boundary <= position:
            index = number
    return index


def rule_opens(line: str, positions: Sequence[int], boundaries: Sequence[int]) -> set[int]:
    """Columns a rule line leaves open (no horizontal stroke): a cell reaching down."""
    open_columns = set()
    for column, (left, right) in enumerate(pairwise(boundaries)):
        inside = [c for c, p in zip(line, positions, strict=False) if left < p < right]
        if not any(c in BOX_HORIZONTAL_CHARS for c in inside):
            open_columns.add(column)
    return open_columns


def read_box_table(lines: Sequence[str], start: int) -> TextTable | None:
    """A box-drawing or `+---+` grid table starting at its top rule `lines[start]`.

    The rulings give the columns; the lines between two rules are one row, each cell's
    lines kept; a cell over several columns covers them ("left"), one whose lower rule is
    open continues into the row below ("above", its lines added to the cell). A grid
    ruled only under its header reads each body line as a row, a line with an empty first
    cell continuing the row above.
    """
    if not is_box_rule(lines[start]):
        return None
    end = start + 1
    while end < len(lines) and (is_box_rule(lines[end]) or BOX_CONTENT_PATTERN.match(lines[end])):
        end += 1
    block = [line.rstrip() for line in lines[start:end]]
    content = [i for i, line in enumerate(block) if not is_box_rule(line)]
    if not content:
        return None
    boundaries, positions = box_layout(block)
    width = len(boundaries) - 1
    if width < 1:
        return None
    groups: list[tuple[int, list[int]]] = []  # (the rule line above, content lines)
    for index, line in enumerate(block):
        if is_box_rule(line):
            groups.append((index, []))
        elif groups:
            groups[-1][1].append(index)
    groups = [(rule, members) for rule, members in groups if members]
    rules = sum(1 for line in block if is_box_rule(line))
    if rules <= 3:
        groups = split_unruled_rows(groups, block, positions, boundaries)
    rows: list[list[SourceCell]] = []
    notes: list[tuple[str, str, int | None]] = []
    owners: list[SourceCell | None] = [None] * width
    on_columns = set(boundaries)
    for rule, members in groups:
        off = [
            member
            for member in members
            if set(ruling_positions(block[member], positions[member], False)) - on_columns
        ]
        if off:
            notes.append(
                (
                    "table_layout_irregular",
                    f"line {start + off[0] + 1} has a ruling off the table's columns; its "
                    "cells were put under the nearest column",
                    len(rows),
                )
            )
        opens = rule_opens(block[rule], positions[rule], boundaries) if rows else set()
        row: list[SourceCell] = [SourceCell(merged_from="left") for _ in range(width)]
        first_line = block[members[0]]
        for first, last, _ in line_segments(first_line, positions[members[0]], boundaries):
            owner = owners[first] if first in opens else None
            cell = SourceCell(merged_from="above") if owner else SourceCell()
            for member in members:
                for seg_first, _, text in line_segments(
                    block[member], positions[member], boundaries
                ):
                    if seg_first == first and text.strip():
                        (owner or cell).lines.append(text)
            row[first] = cell
            for column in range(first, last):
                owners[column] = owner or cell
                if column > first:
                    row[column] = SourceCell(merged_from="above" if owner else "left")
        rows.append(row)
    if len(rows) < 1 or width < 2:
        return None
    return TextTable(
        start=start, end=start + len(block), rows=rows, layout="box", notes=tuple(notes)
    )


def split_unruled_rows(
    groups: list[tuple[int, list[int]]],
    block: Sequence[str],
    positions: Sequence[Sequence[int]],
    boundaries: Sequence[int],
) -> list[tuple[int, list[int]]]:
    """Body groups of a grid ruled only under its header, cut into one row a line (a
    line whose first cell is empty continues the row above)."""
    result = groups[:1]
    for rule, members in groups[1:]:
        current: list[int] = []
        for member in members:
            segments = line_segments(block[member], positions[member], boundaries)
            opens_row = bool(segments) and bool(segments[0][2].strip())
            if current and opens_row:
                result.append((rule, current))
                current = []
            current.append(member)
        if current:
            result.append((rule, current))
    return result


# --- fixed width ------------------------------------------------------------------------


def is_fixed_width_line(line: str) -> bool:
    """True for a line holding a gap of two spaces or a full-width space between texts."""
    return "\t" not in line and bool(FIXED_WIDTH_GAP_PATTERN.search(line))


def text_spans(line: str) -> list[tuple[int, int, str]]:
    """A line's pieces of text between gaps, as (first display column, end, raw text)."""
    positions = char_positions(line, 2)
    spans = []
    at = 0
    for gap in [*FIXED_WIDTH_SPLIT_PATTERN.finditer(line), None]:
        stop = gap.start() if gap else len(line.rstrip())
        piece = line[at:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((positions[at + lead], positions[stop], piece.strip()))
        if gap:
            at = gap.end()
    return spans


def column_gaps(lines: Sequence[str]) -> list[tuple[int, int]]:
    """The (start, end) display columns free of text in every one of `lines`, inside the
    text, at least two columns wide: the gaps between a fixed-width table's columns."""
    spans = [span for line in lines for span in text_spans(line)]
    if not spans:
        return []
    covered = sorted((first, end) for first, end, _ in spans)
    gaps = []
    reach = covered[0][1]
    for first, end in covered[1:]:
        if first - reach >= 2:
            gaps.append((reach, first))
        reach = max(reach, end)
    return gaps


def is_continuation_line(line: str) -> bool:
    """True for an indented line of one text (no gap, no tab): in a fixed-width table, a
    cell's text wrapping onto the next line under its column."""
    return (
        line[:1] in " \u3000"
        and bool(line.strip())
        and "\t" not in line
        and not is_fixed_width_line(line)
    )


def is_flush_left_spanning_line(lines: Sequence[str], index: int, start: int) -> bool:
    """`is_spanning_line` in a fixed-width table, flush left: an indented line of one
    text is a wrapped cell (`is_continuation_line`)."""
    return lines[index][:1] not in " \u3000" and is_spanning_line(
        lines, index, start, is_fixed_width_line
    )


def read_fixed_width_table(lines: Sequence[str], start: int) -> TextTable | None:
    """A fixed-width table starting at `lines[start]`: a run of lines whose texts line up
    in columns (`column_gaps`), at least `MIN_FIXED_WIDTH_ROWS` lines and
    `MIN_FIXED_WIDTH_COLUMNS` columns.

    The gaps are those of every line below the first `MAX_FIXED_WIDTH_HEADER_LINES`; a
    header text crossing a gap spans the columns it crosses ("left"). An indented line of
    one text within a column past the first continues that column's cell of the row
    above (a wrapped cell); a flush-left short line of one text between two table lines
    is a row spanning the table (`is_spanning_line`). Indented prose, a list of names and posts
    (`韩　正　　国务院副总理`) or a signature block do not line up in three columns and
    stay text; a run opening with a roster's role marker (`组  长：张三　县长`) is a roster.
    """
    if not is_fixed_width_line(lines[start]) or (start and is_fixed_width_line(lines[start - 1])):
        return None
    if MEMBER_ROLE_MARKER_PATTERN.match(lines[start].lstrip()):
        return None  # 组  长：张三　县长: a roster, its columns aligned by spaces (committee)
    end = start
    while end < len(lines) and (
        is_fixed_width_line(lines[end])
        or (end > start and is_continuation_line(lines[end]))
        or is_flush_left_spanning_line(lines, end, start)
    ):
        end += 1
    run = list(lines[start:end])
    table_lines = [line for line in run if is_fixed_width_line(line)]
    if len(table_lines) < MIN_FIXED_WIDTH_ROWS:
        return None
    header_lines = min(MAX_FIXED_WIDTH_HEADER_LINES, len(table_lines) - MIN_TABLE_ROWS)
    gaps = column_gaps(table_lines[header_lines:])
    width = len(gaps) + 1
    if width < MIN_FIXED_WIDTH_COLUMNS:
        return None
    rows: list[list[SourceCell]] = []
    spanning: set[int] = set()
    for offset, line in enumerate(run):
        if is_fixed_width_line(line):
            rows.append(fixed_width_row(line, gaps))
            continue
        if is_flush_left_spanning_line(lines, start + offset, start):
            spanning.add(len(rows))
            rows.append(spanning_row(line.strip(), width))
            continue
        ((first, last, text),) = text_spans(line)
        column = sum(1 for _, gap_end in gaps if gap_end <= first)
        if column == 0 or any(gap_start < last and first < gap_end for gap_start, gap_end in gaps):
            end = start + offset  # not under one column: the table ends before it
            break
        if rows[-1][column].merged_from is None:
            rows[-1][column].lines.append(text)
    body = [
        row for index, row in enumerate(rows) if index >= header_lines and index not in spanning
    ]
    if len(rows) - len(spanning) < MIN_FIXED_WIDTH_ROWS or any(
        sum(1 for cell in row if cell.lines) < 2 for row in body
    ):
        return None
    return TextTable(start=start, end=end, rows=mark_header_spans(rows), layout="fixed_width")


def mark_header_spans(rows: list[list[SourceCell]]) -> list[list[SourceCell]]:
    """A two-row header of labels written out in full (blanks where merged: a
    fixed-width, Excel or Markdown copy), its spans marked.

    A blank of the first row over a text of the second, right of a text, is the first
    row's cell spanning on ("left": `目标值` over `2021年 2022年`); a blank of the second
    row under a text of the first is that cell reaching down ("above": `序号`)."""
    if len(rows) < MIN_TABLE_ROWS + 1:
        return rows
    top, below = rows[0], rows[1]
    texts = [[cell_source_text(cell) for cell in row] for row in (top, below)]
    if not all(is_header_like(row) for row in texts) or all(texts[1]):
        return rows
    top = list(top)
    for column in range(1, len(top)):
        left_filled = bool(texts[0][column - 1]) or top[column - 1].merged_from == "left"
        if not texts[0][column] and texts[1][column] and left_filled:
            top[column] = SourceCell(merged_from="left")
    spanned = [cell.merged_from == "left" for cell in top]
    under_span = [
        column
        for column, text in enumerate(texts[1])
        if text and (spanned[column] or (column + 1 < len(top) and spanned[column + 1]))
    ]
    if len(under_span) != sum(1 for text in texts[1] if text):
        return rows
    below = [
        SourceCell(merged_from="above") if not texts[1][c] and texts[0][c] else cell
        for c, cell in enumerate(below)
    ]
    return [top, below, *rows[2:]]


def fixed_width_row(line: str, gaps: Sequence[tuple[int, int]]) -> list[SourceCell]:
    """A line cut at the gaps into cells; a text crossing gaps spans their columns."""
    width = len(gaps) + 1
    row: list[SourceCell] = [SourceCell() for _ in range(width)]
    for first, end, text in text_spans(line):
        # a text starting inside a gap belongs to the column after it (a centred header);
        # one reaching past a gap's end spans the column after it too
        column = sum(1 for gap_start, _ in gaps if gap_start < first)
        last = sum(1 for _, gap_end in gaps if gap_end < end)
        if row[column].merged_from:
            continue
        row[column].lines = [f"{row[column].lines[0]} {text}"] if row[column].lines else [text]
        for spanned in range(column + 1, min(last, width - 1) + 1):
            row[spanned] = SourceCell(merged_from="left")
    return row


def cell_source_text(cell: SourceCell) -> str:
    """A source cell's text, its lines joined and stripped ("" for a merged position)."""
    return "".join(line.strip() for line in cell.lines)


# --- all layouts ------------------------------------------------------------------------

TABLE_READERS = (read_box_table, read_pipe_table, read_tab_rows, read_fixed_width_table)


def may_open_table(line: str) -> bool:
    """False for a line no reader of `TABLE_READERS` can start a table at: one needing none
    of a tab row (`is_tab_row_line`: a Word-export cell line is none), a pipe (pipes), a
    box character first (`is_box_rule`) or a gap between texts (`is_fixed_width_line`). A
    cheap test run before the readers' patterns."""
    body = line.strip()
    return bool(body) and (
        is_tab_row_line(line)
        or body[0] in BOX_OPENING_CHARS
        or "|" in body  # PIPE_CHARS, each tested by `in`: a generator costs more than the scan
        or "｜" in body
        or "  " in body
        or "\u3000" in body
    )


def find_text_tables(lines: Sequence[str]) -> dict[int, TextTable]:
    """Every table in `lines` in a layout of this module, by its first line.

    Word-export lines (a cell a line, opening with a tab) are left to the txt reader.
    """
    found: dict[int, TextTable] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        table = None
        if may_open_table(line):  # most lines are prose: skip the four readers' patterns
            for reader in TABLE_READERS:
                table = reader(lines, index)
                if table is not None:
                    break
        if table is None:
            index += 1
            continue
        found[index] = table
        index = table.end
    return found
