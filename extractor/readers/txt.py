"""The plain-text reader: decoded, normalised paragraphs and tab-laid-out tables.

Tables in converted plans are laid out one cell per line: a line starting with a tab
(possibly after spaces) opens a cell, the lines after it without a tab continue that cell,
a blank line ends a row, and a line of text after a row has ended ends the table. Two or
more blank lines in a row, or an attachment heading (`附件2：`), end a table too.

A cell's further lines are its own line breaks (a title over its points, one deduction
rule a line): the cell's text keeps them, its lines joined by "\n" (see `cell_text`). A
"table" of one-cell rows is tab-indented text, and its cells become paragraphs, their
lines joined as hard wraps are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.document import Document, DocumentBuilder, SourceInfo
from extractor.errors import InputError
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

# a table cell line: a tab, possibly after spaces (` \t2021年绿色社区创建计划表`)
CELL_LINE_PATTERN = re.compile(r"^[ \u00a0\u3000]*\t")

# a line that cannot continue a cell, so it ends the table: `附件2：`, `附表1`, `三、组织实施`
TABLE_BREAK_PATTERNS = (ATTACHMENT_HEADING_PATTERN, CHAPTER_HEADING_PATTERN)

# this many blank lines in a row end a table (a single one only ends a row)
TABLE_BREAK_BLANK_LINES = 2

# what separates the lines of one cell in its text (`（一）建立健全…机制\n（20分）`)
CELL_LINE_BREAK = "\n"


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


def split_cells(line: str) -> list[str]:
    """The cells a tab line opens: usually one; more when the line holds further tabs."""
    return CELL_LINE_PATTERN.sub("", line, count=1).split("\t")


def split_blocks(lines: list[str]) -> list[TableDraft | TextDraft]:
    """Group source lines into runs of paragraph lines and tables, in order.

    Blank and page-number lines are dropped; paragraph lines are normalised (and dropped
    if nothing is left; an indent is kept as one space); table cells keep their source
    pieces until the table is done.
    """
    blocks: list[TableDraft | TextDraft] = []
    table: TableDraft | None = None
    blank_run = 0
    for line in lines:
        if "\t" in line and CELL_LINE_PATTERN.match(line):
            if table is None:
                table = TableDraft()
                blocks.append(table)
            elif blank_run:
                table.end_row()
            table.row.extend([piece] for piece in split_cells(line))
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
    return blocks


def build_document(blocks: list[TableDraft | TextDraft], source: SourceInfo) -> Document:
    """Lay the blocks out: paragraph runs joined where hard-wrapped, tables row by row.

    The wrap width is decided once for the whole document. A "table" whose rows hold one
    cell each is tab-indented text, not a table: its cells become paragraphs (a cell's
    lines joined, as a hard wrap is).
    """
    wrap_width = detect_wrap_width(
        [line for block in blocks if isinstance(block, TextDraft) for line in block.lines]
    )
    builder = DocumentBuilder()
    for block in blocks:
        if isinstance(block, TextDraft):
            for paragraph in join_lines_at_width(block.lines, wrap_width):
                builder.add_paragraph(paragraph)
            continue
        rows = block.cell_texts()
        if all(len(row) == 1 for row in rows):
            for (text,) in rows:
                if text:
                    builder.add_paragraph(join_line_breaks(text))
            continue
        builder.add_table([list(row) for row in rows])
    return builder.build(source)


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
