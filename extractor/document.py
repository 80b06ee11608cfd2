"""The document model every reader returns: normalised text plus blocks with offsets.

All offsets are half-open `[start, end)` character intervals into `Document.text`, the
normalised text that `rubric text FILE` prints and that every `Evidence` points into.
Layout of that text: blocks in reading order, one per line group, joined by "\n"; a
table block is one line per row with its cells joined by "\t" (a cell may itself hold
"\n" where the source broke a line inside the cell).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from extractor.models import Evidence, SourceFormat

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

    `merged` is True where the source format says the position continues a merged cell
    (docx gridSpan/vMerge, pdfplumber's None); a plain-text source cannot say, so its
    empty cells stay `merged=False` and table recovery decides.
    """

    text: str
    start: int
    end: int
    merged: bool = False


@dataclass(frozen=True)
class TableBlock:
    """A table as laid out in the source: rows of cells, not yet squared or filled."""

    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    page: int | None = None


Block = Paragraph | TableBlock


@dataclass(frozen=True)
class Document:
    """A read document: normalised text, its blocks in reading order, and its source."""

    text: str
    blocks: tuple[Block, ...]
    source: SourceInfo

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraph blocks, in order."""
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[TableBlock]:
        """The table blocks, in order."""
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    def page_at(self, offset: int) -> int | None:
        """The 1-based page of the block holding `offset`, or None for input without pages."""
        if self.source.pages is None:
            return None
        index = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[index].page if index >= 0 else None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

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
    only lays it out and records where each piece landed.
    """

    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _blocks: list[Block] = field(default_factory=list)

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
        self._separate()
        start = self._append(text)
        paragraph = Paragraph(text=text, start=start, end=self._length, page=page)
        self._blocks.append(paragraph)
        return paragraph

    def add_table(
        self, rows: list[list[str | tuple[str, bool]]], page: int | None = None
    ) -> TableBlock:
        """Append a table given as rows of cell texts (or `(text, merged)` pairs)."""
        self._separate()
        table_start = self._length
        built_rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate(rows):
            if r:
                self._append(ROW_SEPARATOR)
            cells: list[Cell] = []
            for c, value in enumerate(row):
                text, merged = (value, False) if isinstance(value, str) else value
                if c:
                    self._append(CELL_SEPARATOR)
                start = self._append(text)
                cells.append(Cell(text=text, start=start, end=self._length, merged=merged))
            built_rows.append(tuple(cells))
        table = TableBlock(rows=tuple(built_rows), start=table_start, end=self._length, page=page)
        self._blocks.append(table)
        return table

    def build(self, source: SourceInfo) -> Document:
        """The finished Document."""
        return Document(text="".join(self._parts), blocks=tuple(self._blocks), source=source)


def document_from_lines(lines: list[str], path: str = "<snippet>") -> Document:
    """A txt-like Document with one paragraph per line: for tests of later stages."""
    builder = DocumentBuilder()
    for line in lines:
        builder.add_paragraph(line)
    return builder.build(SourceInfo(path=path, format="txt", sha256="0" * 64))
