"""The document model every reader returns: normalised text plus blocks with offsets.

All offsets are half-open `[start, end)` character intervals into `Document.text`, the
normalised text that `rubric text FILE` prints and that every `Evidence` points into.
Layout of that text: blocks in reading order, one per line group, joined by "\n"; a
table block is one line per row with its cells joined by "\t" (a cell may itself hold
"\n" where the source broke a line inside the cell: .txt and .docx cells do, a .pdf
cell's lines are joined by its reader).

A reader that read the file only in part, or by guesswork (a PDF's scanned pages, OCR'd
or skipped), says so in `Document.warnings`, which head the plan's warnings.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from extractor.limits import Limits, check_limit, current_limits
from extractor.models import Evidence, SourceFormat, Warning
from extractor.normalize import join_line_breaks, join_line_pieces

# where a merged cell's text comes from: the row above (a row span) or the cell to the left
MergeOrigin = Literal["above", "left"]

ROW_SEPARATOR = "\n"
CELL_SEPARATOR = "\t"
BLOCK_SEPARATOR = "\n"


@dataclass(frozen=True)
class SourceInfo:
    """What the reader knows of the file itself."""

    path: str
    format: SourceFormat
    sha256: str
    pages: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or heading line) of running text, hard wraps already joined."""

    text: str
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True)
class Cell:
    """One grid position of a table. `text` is `Document.text[start:end]`.

    `text` keeps the cell's own line breaks: its lines, each normalised, joined by "\n"
    (no blank line, none at either end). What the cell *says*, as field extractors read
    it, is its lines joined into one (`structure.tables.cell_text`).

    `merged` is True where the source format says the position continues a merged cell
    (docx gridSpan/vMerge, pdfplumber's None, a text table's missing cell or box ruling);
    a Word-export text table cannot say, so its empty cells stay `merged=False` and table
    recovery decides. `merged_from` says where the merged cell starts when the reader
    knows it: "above" (a row span, e.g. docx `vMerge`, a box cell whose lower ruling is
    open, or a cell a one-row-per-line text table leaves out) or "left" (a column span,
    docx `gridSpan`, a box cell over several columns); None leaves the direction to table
    recovery.
    """

    text: str
    start: int
    end: int
    merged: bool = False
    merged_from: MergeOrigin | None = None

    @cached_property
    def line(self) -> str:
        """What the cell says, as one line (see `structure.tables.cell_text`)."""
        # worked out once per cell: table recovery and the field extractors read a cell
        # some 5,000 times over the five seeds
        return join_line_breaks(self.text).strip()


def new_cell(
    text: str, start: int, end: int, merged: bool, merged_from: MergeOrigin | None
) -> Cell:
    """`Cell(text, start, end, merged, merged_from)`, built by filling its `__dict__` at once:
    a frozen dataclass's `__init__` sets each field through `object.__setattr__`, three
    times slower, and a reader builds every cell of every table."""
    cell = object.__new__(Cell)
    cell.__dict__.update(text=text, start=start, end=end, merged=merged, merged_from=merged_from)
    # `Cell.line` filled in too: each cell is read ~6 times, and a cached_property's first
    # access (it takes a lock) costs more than working the line out here
    cell.__dict__["line"] = join_line_breaks(text).strip()
    return cell


@dataclass(frozen=True)
class TableBlock:
    """A table as laid out in the source: rows of cells, not yet squared or filled."""

    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    page: int | None = None


Block = Paragraph | TableBlock


@dataclass(frozen=True)
class JoinedText:
    """`Document.text` with every table cell's line breaks joined as
    `structure.tables.cell_text` joins them, so a cell is one line again.

    For patterns that stop at "\n" (`《[^《》\n]+》`) and values sliced from the text,
    which must read a cell's lines as one. `breaks` are the offsets in `Document.text` of
    the breaks taken out, in order; a break between two Latin words became a space, which
    keeps its offset and is not listed.
    """

    text: str
    breaks: tuple[int, ...]

    def joined_offset(self, offset: int) -> int:
        """Where the character at `Document.text[offset]` stands in `text`."""
        return offset - bisect.bisect_left(self.breaks, offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """`[start, end)` of `text` as a span of `Document.text` (breaks inside included)."""
        joined_breaks = self._joined_breaks
        return (
            start + bisect.bisect_right(joined_breaks, start),
            end + bisect.bisect_left(joined_breaks, end),
        )

    def slice(self, start: int, end: int) -> str:
        """`Document.text[start:end]` with the cells' line breaks in it joined."""
        return self.text[self.joined_offset(start) : self.joined_offset(end)]

    @cached_property
    def _joined_breaks(self) -> list[int]:
        # where each break would stand in `text`: before the character that followed it
        return [offset - index for index, offset in enumerate(self.breaks)]


def join_cell_line_breaks(text: str, blocks: tuple[Block, ...]) -> JoinedText:
    """`text` with the line breaks inside the table cells of `blocks` joined (`JoinedText`)."""
    parts: list[str] = []
    breaks: list[int] = []
    done = 0
    rows = (row for block in blocks if isinstance(block, TableBlock) for row in block.rows)
    for row in rows:
        if not row or text.find("\n", row[0].start, row[-1].end) < 0:
            continue  # no cell of the row holds several lines (most rows): one look for all
        for cell in row:
            line_break = cell.text.find("\n")
            while line_break >= 0:
                at = cell.start + line_break
                # a cell's lines are stripped: the glue is "" (CJK) or " " (two Latin words)
                glue = join_line_pieces(text[at - 1], text[at + 1])[1:-1]
                parts += [text[done:at], glue]
                if not glue:
                    breaks.append(at)
                done = at + 1
                line_break = cell.text.find("\n", line_break + 1)
    if not parts:
        return JoinedText(text=text, breaks=())
    parts.append(text[done:])
    return JoinedText(text="".join(parts), breaks=tuple(breaks))


@dataclass(frozen=True)
class Document:
    """A read document: normalised text, its blocks in reading order, and its source.

    `warnings` are the reader's doubts about the whole file (pages it could not read, or
    read by OCR); they come first in the plan's `warnings`.
    """

    text: str
    blocks: tuple[Block, ...]
    source: SourceInfo
    warnings: tuple[Warning, ...] = ()

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraph blocks, in order (worked out once: every field extractor reads them)."""
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Where each paragraph starts, in order (for a bisection over `paragraphs`)."""
        return [paragraph.start for paragraph in self.paragraphs]

    @cached_property
    def tables(self) -> tuple[TableBlock, ...]:
        """The table blocks, in order."""
        return tuple(b for b in self.blocks if isinstance(b, TableBlock))

    def page_at(self, offset: int) -> int | None:
        """The 1-based page of the block holding `offset`, or None for input without pages."""
        if self.source.pages is None:
            return None
        index = bisect.bisect_right(self.block_starts, offset) - 1
        return self.blocks[index].page if index >= 0 else None

    @cached_property
    def block_starts(self) -> list[int]:
        """Where each block starts, in order (for a bisection over `blocks`)."""
        return [block.start for block in self.blocks]

    @cached_property
    def joined(self) -> JoinedText:
        """The text with every table cell's line breaks joined (see `JoinedText`)."""
        return join_cell_line_breaks(self.text, self.blocks)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for `[start, end)`; leading and trailing white space is trimmed off."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(start=start, end=end, quote=self.text[start:end], page=self.page_at(start))


@dataclass
class DocumentBuilder:
    """Assembles a Document block by block, keeping offsets exact.

    Readers hand over text that is already normalised (extractor.normalize); the builder
    only lays it out and records where each piece landed. It enforces the `characters`,
    `table-cells` and `document-cells` limits (extractor.limits) as blocks come in, before
    any later stage works on them: LimitExceeded past one.
    """

    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _blocks: list[Block] = field(default_factory=list)
    limits: Limits = field(default_factory=current_limits)
    _cells: int = 0  # grid positions of the tables so far, each squared

    def _append(self, piece: str) -> int:
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return start

    def _separate(self) -> None:
        if self._blocks:
            self._append(BLOCK_SEPARATOR)

    def add_paragraph(self, text: str, page: int | None = None) -> Paragraph:
        """Append one paragraph; empty text is allowed but readers should skip it."""
        self._check_characters(len(text) + len(BLOCK_SEPARATOR))
        self._separate()
        start = self._append(text)
        paragraph = Paragraph(text=text, start=start, end=self._length, page=page)
        self._blocks.append(paragraph)
        return paragraph

    def add_table(
        self, rows: list[list[str | tuple[str, bool | MergeOrigin]]], page: int | None = None
    ) -> TableBlock:
        """Append a table given as rows of cell texts, or `(text, merged)` pairs where
        `merged` is True (direction unknown) or the merge's origin, "above" or "left"."""
        self.check_table_size(len(rows), max((len(row) for row in rows), default=0))
        self._check_characters(
            sum(len(v if isinstance(v, str) else v[0]) + 1 for row in rows for v in row)
        )
        self._separate()
        table_start = self._length
        built_rows: list[tuple[Cell, ...]] = []
        parts, length = self._parts, self._length  # kept locally: a call per cell adds up
        for r, row in enumerate(rows):
            if r:
                parts.append(ROW_SEPARATOR)
                length += len(ROW_SEPARATOR)
            cells: list[Cell] = []
            for c, value in enumerate(row):
                text, merge = (value, False) if isinstance(value, str) else value
                origin = merge if isinstance(merge, str) else None
                if c:
                    parts.append(CELL_SEPARATOR)
                    length += len(CELL_SEPARATOR)
                parts.append(text)
                cells.append(new_cell(text, length, length + len(text), bool(merge), origin))
                length += len(text)
            built_rows.append(tuple(cells))
        self._length = length
        self._cells += len(rows) * max((len(row) for row in rows), default=0)
        table = TableBlock(rows=tuple(built_rows), start=table_start, end=self._length, page=page)
        self._blocks.append(table)
        return table

    def check_table_size(self, rows: int, columns: int) -> None:
        """LimitExceeded when a table of `rows` × `columns` (as squared) would pass the
        `table-cells` limit, or bring the document's tables past `document-cells`.

        Readers building large tables row by row call it early too (the .docx reader).
        """
        cells = rows * columns
        check_limit("table_cells", f"table of {rows} rows × {columns} columns", cells, self.limits)
        check_limit(
            "document_cells", "table cells in the document", self._cells + cells, self.limits
        )

    def _check_characters(self, more: int) -> None:
        check_limit("characters", "characters of text", self._length + more, self.limits)

    def build(self, source: SourceInfo, warnings: Sequence[Warning] = ()) -> Document:
        """The finished Document, with the reader's `warnings` about the file."""
        return Document(
            text="".join(self._parts),
            blocks=tuple(self._blocks),
            source=source,
            warnings=tuple(warnings),
        )


def document_from_lines(lines: list[str], path: str = "<snippet>") -> Document:
    """A txt-like Document with one paragraph per line: for tests of later stages."""
    builder = DocumentBuilder()
    for line in lines:
        builder.add_paragraph(line)
    return builder.build(SourceInfo(path=path, format="txt", sha256="0" * 64))
