"""Rubrics from scoring tables: dimensions, items, points, levels, rules and the pass line.

Every recovered table of kind `rubric` becomes one `Rubric`. Column roles come from the
header (extractor.fields.rubric.columns); each body row with a criterion is an item,
grouped under its dimension (merged cells arrive filled down; a blank dimension cell
continues the one above). A total row (`合计`, `合计分值`) is not an item: its figures are
read in source order after its label (points first, then one per level column), so any
way of squaring the merged label gives the same reading.

The total is the first one stated (points header `标准分（100分）`, the total row, a note
`总分110分` next to the table); when none is stated it is the sum of the items' points
(bonus `附加` items left out), or None when some item has no points. The pass line comes
from the paragraphs right after the table (then right before it; each side stops at a
table, an 附件 label or a heading): `须不低于80分`, `达到85分以上` → 80, 85; `pass_rule`
is that sentence as written. Dimension names drop their numbering and subtotal (see
extractor.fields.rubric.cells); a `不得分` clause is a rule whose `deduct` is the item's
points, so the item scores 0 (see extractor.fields.rubric.rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.document import Block, Cell, Document, Paragraph, TableBlock
from extractor.fields.rubric.cells import (
    dimension_name,
    header_total,
    is_bonus,
    is_total_label,
    parse_points,
    split_note,
    split_subtotal,
)
from extractor.fields.rubric.checks import (
    StatedNumber,
    dimension_points_warnings,
    duplicate_number_warnings,
    items_points,
    level_total_warnings,
    points_sum_warnings,
)
from extractor.fields.rubric.columns import ColumnRoles, assign_roles
from extractor.fields.rubric.rules import deduction_rules, parse_rules
from extractor.models import Dimension, Evidence, Item, Rubric, Section, Warning
from extractor.structure import RecoveredTable, Structure
from extractor.structure.tables import cell_text, is_blank

NUMBER = r"\d+(?:\.\d+)?"

# A pass line: 得分须不低于80分, 自评达到85分以上, 各项相加之和达到80分以上, 80分及以上
PASS_SCORE = re.compile(
    rf"(?:不低于|不少于|达到|高于|超过|≥|>=)\s*(?P<score>{NUMBER})\s*分"
    rf"|(?P<score_after>{NUMBER})\s*分(?:及|或)?以上"
)

# A total stated in a note: 总分110分, 满分为100分, 总分值100分
NOTE_TOTAL = re.compile(rf"(?:总分值|总分|满分)\s*(?:为|是|共)?\s*(?P<points>{NUMBER})\s*分")

# A paragraph that labels an attachment; the search for a pass line stops there: 附件1, 附件2：
ATTACHMENT_LABEL = re.compile(r"^\s*附\s*件")

# How many paragraphs on each side of a table may hold its pass line or total.
NEARBY_PARAGRAPHS = 3

# Characters that end a sentence: 。！？
SENTENCE_END = "。！？!?"


@dataclass(frozen=True)
class TotalRow:
    """The figures of a `合计` row: points total and the total per level."""

    points: float | None
    level_totals: dict[str, float]
    evidence: Evidence


def extract_rubrics(structure: Structure) -> list[Rubric]:
    """One Rubric per rubric table; consistency warnings go to `structure.warnings`."""
    rubrics: list[Rubric] = []
    headings = frozenset(section_starts(structure.sections))
    for recovered in structure.tables:
        if recovered.table.kind != "rubric":
            continue
        built = rubric_from_table(structure.doc, recovered, headings)
        if built is not None:
            rubric, warnings = built
            rubrics.append(rubric)
            structure.warnings.extend(warnings)
    return rubrics


def body_source_rows(recovered: RecoveredTable) -> list[tuple[Cell, ...]]:
    """The grid row of each body row (the grid may or may not include the header rows)."""
    count = len(recovered.table.rows)
    return list(recovered.grid[len(recovered.grid) - count :]) if count else []


def source_cells(recovered: RecoveredTable, index: int) -> list[Cell]:
    """Body row `index` as the source laid it out: each source cell once, in text order."""
    block_rows = recovered.block.rows
    first_body = recovered.title_rows + recovered.header_rows
    if len(block_rows) - first_body == len(recovered.table.rows):
        return list(block_rows[first_body + index])
    grid_rows = body_source_rows(recovered)
    if index >= len(grid_rows):
        return []
    unique = {(cell.start, cell.end): cell for cell in grid_rows[index]}
    return sorted(unique.values(), key=lambda cell: cell.start)


def cells_evidence(doc: Document, cells: list[Cell]) -> Evidence | None:
    """Evidence spanning `cells` (a row), or None when there are none."""
    if not cells:
        return None
    return doc.evidence(min(c.start for c in cells), max(c.end for c in cells))


def column_text(row: list[str], column: int | None) -> str:
    """The text at `column` of a row, "" when the column is absent."""
    if column is None or column >= len(row):
        return ""
    return row[column].strip()


def is_spanning_row(row: list[str]) -> bool:
    """True for a row whose non-blank cells all hold one text (a cell spanning the row)."""
    texts = {text.strip() for text in row if text.strip()}
    return len(texts) == 1 and sum(1 for text in row if text.strip()) > 1


def heading_row_text(row: list[str]) -> str | None:
    """The text of a row that only holds one label (`一、组织领导（20分）`), else None."""
    texts = {text.strip() for text in row if text.strip()}
    if len(texts) != 1:
        return None
    text = texts.pop()
    return None if parse_points(text) is not None else text


def is_total_row(row: list[str]) -> bool:
    """True for a `合计` row."""
    return any(is_total_label(text) for text in row)


def read_total_row(doc: Document, cells: list[Cell], roles: ColumnRoles) -> TotalRow | None:
    """Figures after the total label, in source order: points, then one per level."""
    label_at = max(
        (i for i, cell in enumerate(cells) if is_total_label(cell_text(cell))), default=None
    )
    if label_at is None:
        return None
    figures = [
        parse_points(cell_text(cell)) for cell in cells[label_at + 1 :] if not is_blank(cell)
    ]
    numbers = [figure for figure in figures if figure is not None]
    levels = list(roles.levels)
    points: float | None = None
    level_totals: dict[str, float] = {}
    if len(numbers) == len(levels) + 1 or (numbers and not levels):
        points = numbers[0]
        if levels:
            level_totals = dict(zip(levels, numbers[1:], strict=True))
    elif levels and len(numbers) == len(levels) and roles.points is None:
        level_totals = dict(zip(levels, numbers, strict=True))
    evidence = cells_evidence(doc, cells)
    if evidence is None:
        return None
    return TotalRow(points=points, level_totals=level_totals, evidence=evidence)


def item_from_row(
    doc: Document,
    row: list[str],
    grid_row: tuple[Cell, ...] | None,
    roles: ColumnRoles,
    dimension_text: str,
) -> Item | None:
    """One item from a body row, or None when the row has no criterion."""
    raw_criterion = column_text(row, roles.criterion)
    if not raw_criterion or raw_criterion == dimension_text or is_spanning_row(row):
        return None
    criterion, note = split_note(raw_criterion)
    number = column_text(row, roles.number) or None
    level_points = {
        level: value
        for level, column in roles.levels.items()
        if (value := parse_points(column_text(row, column))) is not None
    }
    evidence = None
    if grid_row is not None and roles.criterion is not None and roles.criterion < len(grid_row):
        cell = grid_row[roles.criterion]
        if not is_blank(cell):
            evidence = doc.evidence(cell.start, cell.end)
    if evidence is None and grid_row:
        evidence = cells_evidence(doc, list(grid_row))
    if evidence is None:
        return None
    points = parse_points(column_text(row, roles.points))
    return Item(
        number=number,
        criterion=criterion,
        points=points,
        level_points=level_points,
        rules=parse_rules(column_text(row, roles.rules), points)
        if roles.rules is not None
        else deduction_rules(note or ""),
        note=note,
        bonus=is_bonus(dimension_text) or is_bonus(number or ""),
        evidence=evidence,
    )


def section_starts(sections: list[Section]) -> list[int]:
    """Where every heading of the section tree starts."""
    starts: list[int] = []
    for section in sections:
        starts.append(section.evidence.start)
        starts.extend(section_starts(section.children))
    return starts


def group_items(
    doc: Document, recovered: RecoveredTable, roles: ColumnRoles
) -> tuple[list[Dimension], list[Evidence | None], TotalRow | None]:
    """Items grouped under their dimensions, each dimension's cell, and the total row.

    A dimension starts where the dimension cell changes; without a dimension column, a
    row spanning the table (`一、组织领导（20分）`) heads the items below it.
    """
    grid_rows = body_source_rows(recovered)
    dimensions: list[Dimension] = []
    evidences: list[Evidence | None] = []
    current_text: str | None = None
    heading: tuple[str, Evidence | None] = ("", None)
    total_row: TotalRow | None = None
    for index, row in enumerate(recovered.table.rows):
        if is_total_row(row):
            total_row = total_row or read_total_row(doc, source_cells(recovered, index), roles)
            continue
        grid_row = grid_rows[index] if index < len(grid_rows) else None
        label = heading_row_text(row) if roles.dimension is None else None
        if label is not None:
            heading = (label, cells_evidence(doc, source_cells(recovered, index)))
            continue
        if roles.dimension is None:
            text = heading[0]
        else:
            text = column_text(row, roles.dimension) or current_text or ""
        item = item_from_row(doc, row, grid_row, roles, text)
        if item is None:
            continue
        if current_text is None or text != current_text:
            _, subtotal = split_subtotal(text)
            dimensions.append(Dimension(name=dimension_name(text) or None, points=subtotal))
            evidences.append(dimension_cell_evidence(doc, grid_row, roles) or heading[1])
            current_text = text
        dimensions[-1].items.append(item)
    return dimensions, evidences, total_row


def dimension_cell_evidence(
    doc: Document, grid_row: tuple[Cell, ...] | None, roles: ColumnRoles
) -> Evidence | None:
    """Evidence of a row's dimension cell, None when there is no such cell or it is blank."""
    if grid_row is None or roles.dimension is None or roles.dimension >= len(grid_row):
        return None
    cell = grid_row[roles.dimension]
    return None if is_blank(cell) else doc.evidence(cell.start, cell.end)


def nearby_paragraphs(
    doc: Document, block: TableBlock, heading_starts: frozenset[int] = frozenset()
) -> list[Paragraph]:
    """Paragraphs right after the table, then right before it.

    Each side stops at another table, an 附件 label or a section heading, and after
    NEARBY_PARAGRAPHS paragraphs.
    """
    position = next(
        (
            i
            for i, b in enumerate(doc.blocks)
            if isinstance(b, TableBlock) and b.start == block.start
        ),
        None,
    )
    if position is None:
        return []
    after = adjacent_paragraphs(doc.blocks[position + 1 :], heading_starts)
    before = adjacent_paragraphs(list(reversed(doc.blocks[:position])), heading_starts)
    return after + before


def adjacent_paragraphs(blocks: Sequence[Block], heading_starts: frozenset[int]) -> list[Paragraph]:
    """The leading paragraphs of `blocks` up to a table, 附件 label or heading."""
    found: list[Paragraph] = []
    for block in blocks[:NEARBY_PARAGRAPHS]:
        if (
            not isinstance(block, Paragraph)
            or ATTACHMENT_LABEL.match(block.text)
            or block.start in heading_starts
        ):
            break
        found.append(block)
    return found


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The `[start, end)` of the sentence of `text` holding `[start, end)`, its 。 included."""
    left = max((text.rfind(mark, 0, start) for mark in SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_END) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def find_pass_line(paragraphs: list[Paragraph]) -> tuple[float, str] | None:
    """The pass score and its sentence: `说明：…得分须不低于80分。` → (80, that sentence)."""
    for paragraph in paragraphs:
        match = PASS_SCORE.search(paragraph.text)
        if match:
            score = float(match.group("score") or match.group("score_after"))
            left, right = sentence_around(paragraph.text, match.start(), match.end())
            return score, paragraph.text[left:right].strip()
    return None


def find_note_totals(doc: Document, paragraphs: list[Paragraph]) -> list[StatedNumber]:
    """Totals stated in the paragraphs around a table: `总分110分`."""
    stated: list[StatedNumber] = []
    for paragraph in paragraphs:
        for match in NOTE_TOTAL.finditer(paragraph.text):
            evidence = doc.evidence(paragraph.start + match.start(), paragraph.start + match.end())
            stated.append(StatedNumber(float(match.group("points")), evidence))
    return stated


def find_header_total(
    doc: Document, recovered: RecoveredTable, roles: ColumnRoles
) -> StatedNumber | None:
    """A total stated in the points column's header: `标准分（100分）` → 100."""
    if roles.points is None or roles.points >= len(recovered.table.header):
        return None
    value = header_total(recovered.table.header[roles.points])
    if value is None:
        return None
    start = recovered.title_rows
    header_cells = [
        c for row in recovered.block.rows[start : start + recovered.header_rows] for c in row
    ]
    cell = next((c for c in header_cells if header_total(cell_text(c)) == value), None)
    return StatedNumber(value, doc.evidence(cell.start, cell.end) if cell else None)


def rubric_from_table(
    doc: Document, recovered: RecoveredTable, heading_starts: frozenset[int] = frozenset()
) -> tuple[Rubric, list[Warning]] | None:
    """The rubric of one scoring table and its consistency warnings; None without criteria."""
    rows = recovered.table.rows
    item_rows = [row for row in rows if not is_total_row(row)]
    roles = assign_roles(recovered.table.header, item_rows)
    if roles.criterion is None:
        return None
    dimensions, dimension_evidence, total_row = group_items(doc, recovered, roles)

    paragraphs = nearby_paragraphs(doc, recovered.block, heading_starts)
    stated: list[StatedNumber] = []
    header_stated = find_header_total(doc, recovered, roles)
    if header_stated is not None:
        stated.append(header_stated)
    if total_row is not None and total_row.points is not None:
        stated.append(StatedNumber(total_row.points, total_row.evidence))
    stated.extend(find_note_totals(doc, paragraphs))
    pass_line = find_pass_line(paragraphs)

    rubric = Rubric(
        title=recovered.table.title,
        total_points=None,
        pass_score=pass_line[0] if pass_line else None,
        pass_rule=pass_line[1] if pass_line else None,
        levels=list(roles.levels),
        dimensions=dimensions,
        evidence=doc.evidence(recovered.block.start, recovered.block.end),
    )
    rubric.total_points = stated[0].value if stated else items_points(rubric)
    warnings = [
        *points_sum_warnings(rubric, stated),
        *dimension_points_warnings(rubric, dimension_evidence),
        *(
            level_total_warnings(rubric, total_row.level_totals, total_row.evidence)
            if total_row is not None
            else []
        ),
        *duplicate_number_warnings(rubric),
    ]
    return rubric, warnings
