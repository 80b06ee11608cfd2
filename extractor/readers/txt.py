"""The plain-text reader: decoded, normalised paragraphs and tab-laid-out tables.

Tables in converted plans are laid out one cell per line: a line starting with a tab
(possibly after spaces) opens a cell, the lines after it without a tab continue that cell,
a blank line ends a row, and a line of text after a row has ended ends the table. Two or
more blank lines in a row, or an attachment heading (`附件2：`), end a table too.

A cell's further lines are its own line breaks (a title over its points, one deduction
rule a line): the cell's text keeps them, its lines joined by "\n" (see `cell_text`). A
"table" of one-cell rows is tab-indented text, and its cells become paragraphs, their
lines joined as hard wraps are; so do one-cell rows of prose at either end of a table (a
paragraph indented by a stray tab next to a table). A table cut by a doubled blank line
is joined again when its rows go on as wide as before, and a row as wide as two or more
rows (a blank line missing between them) is cut back into rows, with a warning.

Tables in the other layouts copies leave (a row a line with tabs, pipes, box drawing,
fixed-width columns) are found by `extractor.readers.text_tables` first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from extractor.document import Document, DocumentBuilder, MergeOrigin, SourceInfo, TableBlock
from extractor.errors import InputError
from extractor.models import Warning
from extractor.normalize import (
    ATTACHMENT_HEADING_PATTERN,
    CHAPTER_HEADING_PATTERN,
    SPACE_CHARS,
    decode_text_file,
    detect_wrap_width,
    is_page_number_line,
    join_line_breaks,
    join_lines_at_width,
    normalize_line,
)
from extractor.readers import sha256_hex
from extractor.readers.text_tables import TextTable, find_text_tables
from extractor.structure.tables import (
    HEADER_CELL_MAX_CHARS,
    HEADER_WORD_PATTERN,
    NUMBER_CELL_PATTERN,
)

# a table cell line: a tab, possibly after spaces (` \t2021年绿色社区创建计划表`)
CELL_LINE_PATTERN = re.compile(r"^[ \u00a0\u3000]*\t")

# a line that cannot continue a cell, so it ends the table: `附件2：`, `附表1`, `三、组织实施`
TABLE_BREAK_PATTERNS = (ATTACHMENT_HEADING_PATTERN, CHAPTER_HEADING_PATTERN)

# this many blank lines in a row end a table (a single one only ends a row), unless the
# rows go on as wide as before and the next is no header (`join_split_tables`)
TABLE_BREAK_BLANK_LINES = 2

# what separates the lines of one cell in its text (`（一）建立健全…机制\n（20分）`)
CELL_LINE_BREAK = "\n"

# a one-cell row at either end of a table that is prose, not a title: a sentence end or
# clause break (`…组织实施。`), or longer than a title
PROSE_ROW_PATTERN = re.compile(r"[。；;！？]")
PROSE_ROW_MIN_CHARS = 40

# a table row as wide as this many rows of the table's usual width (or more) is rows run
# together by a missing blank line, when the usual width is at least this …
MIN_SPLIT_ROW_WIDTH = 2
# … and that width is shared by at least this share of the table's rows
USUAL_WIDTH_SHARE = 0.5

# a table read by guesswork, noted for a warning: (code, message, row index or None)
TableNote = tuple[str, str, int | None]


@dataclass
class TableDraft:
    """A table being read: finished rows, and the cells (as source pieces) of the open row."""

    rows: list[list[list[str]]] = field(default_factory=list)
    row: list[list[str]] = field(default_factory=list)

    def end_row(self) -> None:
        """Close the open row, if it has any cell."""
        if self.row:
            self.rows.append(self.row)
            self.row = []

    def cell_texts(self) -> list[list[str]]:
        """The rows as normalised cell texts, each cell's lines kept (`cell_text`)."""
        self.end_row()
        return [[cell_text(pieces) for pieces in row] for row in self.rows]

    def usual_width(self) -> int:
        """The width most rows of more than one cell share (0 when none does)."""
        self.end_row()
        widths = Counter(len(row) for row in self.rows if len(row) > 1)
        return widths.most_common(1)[0][0] if widths else 0


@dataclass
class TextDraft:
    """A run of paragraph lines between tables, as normalised lines not yet joined.

    A line indented in the source keeps one leading space, which tells the hard-wrap rules
    that it may open a paragraph.
    """

    lines: list[str] = field(default_factory=list)


def cell_text(pieces: list[str]) -> str:
    """One cell's source lines, each normalised, joined by "\n"; blank lines are dropped.

    Dropped, not kept as an empty line: a .txt cell cannot hold a blank line (it ends the
    row), so a .docx cell's empty paragraphs go too and the same cell reads the same from
    both. A blank or NBSP-only cell is "".
    """
    if len(pieces) == 1:
        return normalize_line(pieces[0])
    return CELL_LINE_BREAK.join(line for piece in pieces if (line := normalize_line(piece)))


def is_table_break(line: str) -> bool:
    """True when a line without a tab cannot be the continuation of a table cell."""
    stripped = line.strip()
    return any(pattern.match(stripped) for pattern in TABLE_BREAK_PATTERNS)


def split_cells(line: str, opening: re.Match[str] | None = None) -> list[str]:
    """The cells a tab line opens: usually one; more when the line holds further tabs.
    `opening`: the line's CELL_LINE_PATTERN match, when the caller has it already."""
    opening = opening or CELL_LINE_PATTERN.match(line)
    return (line[opening.end() :] if opening else line).split("\t")


Draft = TableDraft | TextDraft | TextTable


def split_blocks(lines: list[str]) -> list[Draft]:
    """Group source lines into runs of paragraph lines and tables, in order.

    Tables in a layout of `text_tables` are taken first, whole. Blank and page-number
    lines are dropped; paragraph lines are normalised (and dropped if nothing is left; an
    indent is kept as one space); Word-export table cells keep their source pieces until
    the table is done.
    """
    text_tables = find_text_tables(lines)
    blocks: list[Draft] = []
    table: TableDraft | None = None
    blank_run = 0
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        if index in text_tables:
            blocks.append(text_tables[index])
            skip_to = text_tables[index].end
            table, blank_run = None, 0
            continue
        if "\t" in line and (opening := CELL_LINE_PATTERN.match(line)):
            if table is None:
                table = TableDraft()
                blocks.append(table)
            elif blank_run:
                table.end_row()
            table.row.extend([piece] for piece in split_cells(line, opening))
            blank_run = 0
            continue
        if not line.strip():
            blank_run += 1
            if table is not None:
                table.end_row()
                if blank_run >= TABLE_BREAK_BLANK_LINES:
                    table = None
            continue
        if is_page_number_line(line):
            continue
        if table is not None and not blank_run and table.row and not is_table_break(line):
            table.row[-1].append(line)
            continue
        blank_run = 0
        table = None
        text = normalize_line(line)
        if not text:
            continue
        if not blocks or not isinstance(blocks[-1], TextDraft):
            blocks.append(TextDraft())
        blocks[-1].lines.append(f" {text}" if line[:1] in SPACE_CHARS else text)
    return join_split_tables(blocks)


def join_split_tables(blocks: list[Draft]) -> list[Draft]:
    """Word-export tables cut by a doubled blank line joined again: a table right after
    another, nothing between, whose first row is as wide as the other's usual rows."""
    joined: list[Draft] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(block, TableDraft) and isinstance(previous, TableDraft):
            block.end_row()
            width = previous.usual_width()
            first = block.cell_texts()[0] if block.rows else []
            if len(first) == width > 1 and not looks_like_header(first):
                previous.end_row()
                previous.rows.extend(block.rows)
                continue
        joined.append(block)
    return joined


def looks_like_header(row: list[str]) -> bool:
    """True for a row of short header words and no figure (`序号 | 名称 | 分值`): a new
    table's header, not a row going on after a doubled blank line."""
    words = [
        text
        for text in row
        if len(text) <= HEADER_CELL_MAX_CHARS and HEADER_WORD_PATTERN.search(text)
    ]
    figures = any(NUMBER_CELL_PATTERN.match(text) for text in row)
    return not figures and len(words) * 2 >= len(row)


def is_prose_row(row: list[str]) -> bool:
    """True for a one-cell row of running text (a tab-indented paragraph, not a title)."""
    return len(row) == 1 and (
        bool(PROSE_ROW_PATTERN.search(row[0])) or len(row[0]) > PROSE_ROW_MIN_CHARS
    )


def split_run_together_rows(rows: list[list[str]]) -> tuple[list[list[str]], list[TableNote]]:
    """Rows as wide as two or more usual rows cut into rows of the usual width (a blank
    line missing between them), each cut noted."""
    widths = Counter(len(row) for row in rows if len(row) > 1)
    if not widths:
        return rows, []
    width, count = widths.most_common(1)[0]
    if width < MIN_SPLIT_ROW_WIDTH or count < USUAL_WIDTH_SHARE * len(rows):
        return rows, []
    result: list[list[str]] = []
    notes: list[TableNote] = []
    for row in rows:
        if len(row) > width and len(row) % width == 0:
            notes.append(
                (
                    "table_rows_run_together",
                    f"a row of {len(row)} cells read as {len(row) // width} rows of {width} "
                    "(a blank line between rows seems missing)",
                    len(result),
                )
            )
            result.extend(row[at : at + width] for at in range(0, len(row), width))
        else:
            result.append(row)
    return result, notes


def text_table_rows(table: TextTable) -> list[list[str | tuple[str, MergeOrigin]]]:
    """A `TextTable`'s rows for the builder: cell texts, merged positions as placeholders."""
    return [
        [("", cell.merged_from) if cell.merged_from else cell_text(cell.lines) for cell in row]
        for row in table.rows
    ]


def build_document(blocks: list[Draft], source: SourceInfo) -> Document:
    """Lay the blocks out: paragraph runs joined where hard-wrapped, tables row by row.

    The wrap width is decided once for the whole document. A "table" whose rows hold one
    cell each is tab-indented text, not a table: its cells become paragraphs (a cell's
    lines joined, as a hard wrap is); so do prose rows of one cell at either end of a
    table. Rows read by guesswork give warnings, their evidence the row.
    """
    wrap_width = detect_wrap_width(
        [line for block in blocks if isinstance(block, TextDraft) for line in block.lines]
    )
    builder = DocumentBuilder()
    notes: list[tuple[TableBlock, TableNote]] = []
    for block in blocks:
        if isinstance(block, TextDraft):
            for paragraph in join_lines_at_width(block.lines, wrap_width):
                builder.add_paragraph(paragraph)
            continue
        if isinstance(block, TextTable):
            table = builder.add_table(text_table_rows(block))  # type: ignore[arg-type]
            notes.extend((table, note) for note in block.notes)
            continue
        rows = block.cell_texts()
        if all(len(row) == 1 for row in rows):
            add_paragraph_rows(builder, rows)
            continue
        first = next(i for i, row in enumerate(rows) if not is_prose_row(row))
        last = max(i for i, row in enumerate(rows) if not is_prose_row(row)) + 1
        add_paragraph_rows(builder, rows[:first])
        table_rows, table_notes = split_run_together_rows(rows[first:last])
        table = builder.add_table([list(row) for row in table_rows])
        notes.extend((table, note) for note in table_notes)
        add_paragraph_rows(builder, rows[last:])
    doc = builder.build(source)
    if not notes:
        return doc
    return replace(doc, warnings=tuple(note_warning(doc, table, note) for table, note in notes))


def add_paragraph_rows(builder: DocumentBuilder, rows: list[list[str]]) -> None:
    """One-cell rows laid out as paragraphs, a cell's lines joined as a hard wrap is."""
    for row in rows:
        for text in row:
            if text:
                builder.add_paragraph(join_line_breaks(text))


def note_warning(doc: Document, table: TableBlock, note: TableNote) -> Warning:
    """A warning for a table read by guesswork, naming the table by its first cells."""
    code, message, row = note
    first_cells = " | ".join(cell.text.replace("\n", "") for cell in table.rows[0][:3])
    cells = table.rows[row] if row is not None else ()
    start, end = (cells[0].start, cells[-1].end) if cells else (table.start, table.end)
    return Warning(
        code=code,
        message=f"table 「{first_cells}」: {message}",
        evidence=doc.evidence(start, end),
    )


def read_txt(path: Path, data: bytes) -> Document:
    """Read a plain-text plan (any common encoding) into a normalised Document.

    Bytes that fit no encoding and were replaced, and an HTML page read for its text, are
    said in the Document's warnings (`bytes_replaced`, `html_converted`).
    """
    from dataclasses import replace

    from extractor.models import Warning

    decoded = decode_text_file(path, data)
    source = SourceInfo(path=str(path), format="txt", sha256=sha256_hex(data), pages=None)
    doc = build_document(split_blocks(decoded.text.splitlines()), source)
    if not doc.blocks or not doc.text.strip():
        raise InputError(path, "no text: only white space, page numbers or conversion artefacts")
    warnings = []
    if decoded.converted_from == "html":
        message = "the file is an HTML page: read as its text, tags left out, tables as tables"
        warnings.append(Warning(code="html_converted", message=message))
    if decoded.replaced:
        warnings.append(Warning(code="bytes_replaced", message=decoded.replaced_message()))
    return replace(doc, warnings=(*doc.warnings, *warnings)) if warnings else doc
