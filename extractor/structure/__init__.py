"""Structure stage: a Document's heading tree and its tables, recovered as contract records.

`Structure` is what every field extractor (extractor.fields) receives: the document, its
section tree, its recovered tables, and the doubts of reading and recovering them (field
extractors return their own warnings; see extractor.fields.Extracted).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from extractor.document import Cell, Document, TableBlock
from extractor.models import Section, Table, Warning


@dataclass(frozen=True)
class RecoveredTable:
    """A source table squared into a grid, with its contract `Table` record.

    `grid` has one row per row of the block (title, caption, header and body rows alike),
    each as wide as the header (as the widest row for a table without a header); position
    `grid[r][c]` is the source cell that fills it, a merged cell's text repeated down or
    across with the offsets of the cell it repeats. `title_rows` counts the leading rows
    taken as title or caption (`2021年…计划表`, `单位 | 某某街道`), `header_rows` the header
    rows after them (0 when the table has no header words). The body is the rest:
    `table.rows` as text, `structure.tables.body_grid()` as cells.
    """

    table: Table
    block: TableBlock
    grid: tuple[tuple[Cell, ...], ...]
    header_rows: int
    title_rows: int = 0


@dataclass
class Structure:
    """The document with its sections and tables; `warnings` are the reader's, the section
    tree's and the tables' doubts (field extractors return theirs, never append here)."""

    doc: Document
    sections: list[Section]
    tables: list[RecoveredTable]
    warnings: list[Warning] = field(default_factory=list)

    _starts: dict[int, tuple[list[Section], list[int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _paragraph_paths: list[list[Section]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def paragraph_paths(self) -> list[list[Section]]:
        """`section_path` of each paragraph's start, in the order of `doc.paragraphs`:
        worked out once per structure, as several field extractors walk every paragraph.
        The lists are shared: read them, never change them."""
        if self._paragraph_paths is None:
            self._paragraph_paths = [self.section_path(p.start) for p in self.doc.paragraphs]
        return self._paragraph_paths

    def section_path(self, offset: int) -> list[Section]:
        """The sections containing `offset`, outermost first (empty before any heading).

        A section spans from its heading to the next heading of the same or a higher
        level; its `evidence` covers only the heading line. O(depth × log siblings): a
        bisect over each level's heading starts, so a plan of 10,000 `（一）` headings
        costs no more per lookup than one of ten.
        """
        path: list[Section] = []
        siblings = self.sections
        while siblings:
            index = bisect.bisect_right(self.heading_starts(siblings), offset) - 1
            if index < 0:
                break
            current = siblings[index]
            path.append(current)
            siblings = current.children
        return path

    def heading_starts(self, siblings: list[Section]) -> list[int]:
        """The heading offsets of one level's sections (in document order), computed once."""
        cached = self._starts.get(id(siblings))
        if cached is not None and cached[0] is siblings and len(cached[1]) == len(siblings):
            return cached[1]
        starts = [section.evidence.start for section in siblings]
        self._starts[id(siblings)] = (siblings, starts)
        return starts
