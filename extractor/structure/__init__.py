"""Structure stage: a Document's heading tree and its tables, recovered as contract records.

`Structure` is what every field extractor (extractor.fields) receives: the document, its
section tree, its recovered tables, and the doubts of reading and recovering them (field
extractors return their own warnings; see extractor.fields.Extracted).
"""

from __future__ import annotations

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

    def section_path(self, offset: int) -> list[Section]:
        """The sections containing `offset`, outermost first (empty before any heading).

        A section spans from its heading to the next heading of the same or a higher
        level; its `evidence` covers only the heading line.
        """
        path: list[Section] = []
        siblings = self.sections
        while siblings:
            current = None
            for section in siblings:
                if section.evidence.start <= offset:
                    current = section
                else:
                    break
            if current is None:
                break
            path.append(current)
            siblings = current.children
        return path
