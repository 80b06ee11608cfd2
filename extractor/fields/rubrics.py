"""Rubrics from scoring tables: dimensions, items, points, levels, rules and the pass line.

Every recovered table of kind `rubric` becomes one `Rubric`, whatever its column names and
order. Column roles come from the header (extractor.fields.rubric.columns); each body row
with a criterion is an item, grouped under its dimension:

- Dimension rows: a row numbered as a dimension (`一、 | 通用考核项目 | 40 | | |`, `（二）`,
  `第一部分`; or a blank 序号 and a label `一、组织领导（20分）`) starts a dimension whose
  points are its points cell or its `（20分）`; with a criterion of its own it is a
  dimension of one item. A row spanning the table does the same in a table without a
  dimension column. A `小计` row gives the dimension above it its points when none was
  stated; it is never the rubric's total.
- Label columns (考核项目, 项目, 单位 left of the criterion): with dimension rows they all
  name the item (`Item.name`, distinct texts joined by "/": `重点考核部门/县委农工部`; a
  blank cell continues the name above, a merge written once). Without, the first one is
  the dimension column when it holds one text over several items (merged cells arrive
  filled down; a blank continues the one above), else it names the items too.
- Points: the points column; where that is blank, the criterion's or the rule's words
  when they state the item's points unambiguously (`…（8分）`, `满分10分`, the parts'
  `（15分）…（20分）` summed); figures that may or may not be the points (`90%以上得6分`)
  leave them None with an `item_points_unclear` warning.
- Rules: the rules column's clauses; a criterion column that states the scoring too
  (`考核内容及评分标准`), or a table with no rules column whose criteria deduct
  (`发现一处扣0.5分，最高扣5分`), gives the clauses that score, without the sentences that
  only state the requirement; a scoring hint in brackets (`…（损坏一处扣1分）`) gives its
  deductions.
- Bonus and penalty rows: a 附加/加分项/奖励分/另加/奖扣分 label, or a row without points
  whose text awards some (`分别奖10分、5分、3分`), is a bonus item, left out of the total.
  A row that both awards and deducts (`综合奖扣分项目`: 奖 for ranking, 扣 for criticism)
  is a bonus too: it stands outside the stated total like any award, and its 扣 clauses
  are kept as its rules. A penalty-only row (扣分项, 一票否决) keeps its rules, has no
  points and never counts toward the total.
- A row that writes the header again (a page's repeated header) is skipped.
- A total row (`合计`, `合  计`, `总 分`, its label after a blank 序号; the words are
  extractor.vocabulary's, shared with table recovery) is not an item: its figures are
  read in source order after its label (points first, then one per level column), so
  any way of squaring the merged label gives the same reading.

The total is the first one stated (points header `标准分（100分）`, the total row, a note
`总分110分` next to the table); when none is stated it is the sum of the counted items'
points, a dimension scoring each of its units on its own subtotal counted once (see
extractor.fields.rubric.checks), or None when some item has no points. Levels are the
level columns, else the grade bands written next to the table (`≥90分为优秀，≥70分为合格`,
extractor.fields.rubric.grades), whose 合格/达标 threshold is the pass line. Without bands,
the pass line comes from the paragraphs right after the table (then right before it; each
side stops at a table, an 附件 label or a heading): `须不低于80分`, `达到85分以上` → 80,
85, and the fail line `低于60分的，确定为不合格` → 60; `pass_rule` is that sentence as
written. Dimension names drop their numbering and
subtotal (see extractor.fields.rubric.cells); a `不得分` clause is a rule whose `deduct`
is the item's points, so the item scores 0 (see extractor.fields.rubric.rules).

Scoring criteria written as numbered paragraphs instead of a table (`1.成立领导小组（5分）。
未成立的不得分`) are read by extractor.fields.rubric.prose, after the tables, where no table
rubric stands.

A table is never lost silently: a rubric table without a criterion column or without any
item, and a table of another kind whose cells state points (`5分`, `（10分）`), give a
`scoring_table_without_rubric` warning naming the table.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from extractor.document import Block, Cell, Document, Paragraph, TableBlock
from extractor.fields import Extracted
from extractor.fields.rubric.cells import (
    award_points,
    awards_points,
    dimension_name,
    has_dimension_numbering,
    header_total,
    is_bonus,
    is_dimension_number,
    is_grand_total_label,
    is_penalty,
    is_total_label,
    numbering_kind,
    parse_points,
    points_in_text,
    split_note,
    split_subtotal,
)
from extractor.fields.rubric.checks import (
    StatedNumber,
    dimension_points_warnings,
    duplicate_number_warnings,
    items_points,
    level_total_warnings,
    per_unit_warnings,
    points_sum_warnings,
)
from extractor.fields.rubric.columns import ColumnRoles, assign_roles
from extractor.fields.rubric.grades import (
    BAND_HINT,
    GradeBands,
    find_grades,
    find_note_totals,
    find_pass_line,
    grade_bands,
    sentences,
)
from extractor.fields.rubric.prose import prose_rubrics
from extractor.fields.rubric.rules import deduction_rules, parse_rules, scoring_rules
from extractor.models import Dimension, Evidence, Item, Rubric, Section, Warning
from extractor.structure import RecoveredTable, Structure
from extractor.structure.tables import cell_text, is_blank

NUMBER = r"\d+(?:\.\d+)?"

# A paragraph that labels an attachment; the search for a pass line stops there: 附件1, 附件2：
ATTACHMENT_LABEL = re.compile(r"^\s*附\s*件")

# The enumeration mark after an item number, which is not part of it: 三、 / 4． / 5.
NUMBER_MARKS = "、．.，, "

# How many paragraphs on each side of a table may hold its pass line or total.
NEARBY_PARAGRAPHS = 3
# Every grade band names a score in points: 90分以上为优秀 (a paragraph without it states none)
GRADE_SENTENCE_HINT = "分"

# A cell stating points, in a table not read as a rubric: 5分, （10分）, 满分20分
POINT_VALUE_CELL = re.compile(
    rf"^\s*{NUMBER}\s*分\s*$|[（(]\s*{NUMBER}\s*分\s*[）)]|满分\s*{NUMBER}"
)
# How many such cells make a table look like a scoring table (one may be a chance figure).
MIN_POINT_CELLS = 2


@dataclass(frozen=True)
class TotalRow:
    """The figures of a `合计` row: points total and the total per level."""

    points: float | None
    level_totals: dict[str, float]
    evidence: Evidence


def extract_rubrics(structure: Structure) -> Extracted[list[Rubric]]:
    """One Rubric per rubric table, with its consistency warnings; a table that states
    points but gives no rubric is warned about. Then the rubrics written as numbered
    paragraphs (extractor.fields.rubric.prose) where no table rubric stands."""
    rubrics: list[Rubric] = []
    found_warnings: list[Warning] = []
    headings = frozenset(section_starts(structure.sections))
    for recovered in structure.tables:
        if recovered.table.kind != "rubric":
            if has_point_values(recovered):
                reason = f"a {recovered.table.kind} table whose cells state points (分)"
                found_warnings.append(lost_table_warning(recovered, reason))
            continue
        built = rubric_from_table(structure.doc, recovered, headings)
        if built is None:
            reason = "a scoring table whose criterion column (考核内容, 标准 …) was not found"
            found_warnings.append(lost_table_warning(recovered, reason))
            continue
        rubric, warnings = built
        if not any(dimension.items for dimension in rubric.dimensions):
            reason = "a scoring table none of whose rows has a criterion"
            found_warnings.append(lost_table_warning(recovered, reason))
            continue
        rubrics.append(rubric)
        found_warnings.extend(warnings)
    if any(not rubric.levels and rubric.pass_score is None for rubric in rubrics):
        rubrics, distant_warnings = with_distant_grades(structure.doc, rubrics)
        found_warnings.extend(distant_warnings)
    prose, prose_warnings = prose_rubrics(structure, rubrics)
    if not rubrics and not prose:  # grades with nothing to grade: say where they stand
        prose_warnings.extend(grades_without_rubric_warnings(structure.doc))
    return Extracted([*rubrics, *prose], [*found_warnings, *prose_warnings])


def grades_without_rubric_warnings(doc: Document) -> list[Warning]:
    """A warning for each sentence of a plan with no rubric that states grade bands with a
    pass line (a 考核办法's article `…60分以上（含60分）不足80分为合格…`): its scoring table
    is elsewhere (an attachment not included, a form published apart) or written in a way
    not read, and the pass line has no rubric to go to. A band without a pass line
    (`得分90分以上为优秀`) is a remark in passing."""
    return [
        Warning(
            code="grades_without_rubric",
            message="grade bands with a pass line are stated but no scoring table or scoring "
            f"text was read (pass line {bands.pass_score:g}): {evidence.quote.strip()}",
            evidence=evidence,
        )
        for bands, evidence in grade_sentences(doc)
        if bands.pass_score is not None
    ]


def grade_sentences(doc: Document) -> list[tuple[GradeBands, Evidence]]:
    """Every sentence of the running text that states grade bands (`得分90分以上为优秀，
    80分（含）至90分为良好…`), with its evidence; table cells are not running text."""
    found: list[tuple[GradeBands, Evidence]] = []
    for paragraph in doc.paragraphs:
        if GRADE_SENTENCE_HINT not in paragraph.text or not BAND_HINT.search(paragraph.text):
            continue  # the cheap looks: a band names its score in 分 and its grade
        for left, right in sentences(paragraph.text):
            bands = grade_bands(paragraph.text[left:right])
            if bands is not None:
                start = paragraph.start + left
                found.append((bands, doc.evidence(start, paragraph.start + right)))
    return found


def with_distant_grades(doc: Document, rubrics: list[Rubric]) -> tuple[list[Rubric], list[Warning]]:
    """`rubrics` with the grade bands a plan states away from its one scoring table (in a
    考核细则's 考核方式 section: `考核结果分为…四个等次，得分90分以上为优秀…`).

    With one table rubric lacking grades and one band sentence in the text, the bands are
    its levels and pass line; with more of either, which belongs to which is not decided and
    each sentence is named in a warning (`rubric_grades_elsewhere`).
    """
    bare = [i for i, r in enumerate(rubrics) if not r.levels and r.pass_score is None]
    # the sentences a table's neighbourhood gave it: by its pass line, or by its levels when
    # they gave none (`85分以上为A级，70分以上为B级`)
    used = {r.pass_rule for r in rubrics if r.pass_rule}
    levels = [r.levels for r in rubrics if r.levels]
    found = [
        (bands, evidence)
        for bands, evidence in grade_sentences(doc)
        if evidence.quote.strip() not in used and bands.levels not in levels
    ]
    if not found:
        return rubrics, []
    if len(bare) == 1 and len(rubrics) == 1 and len(found) == 1:
        bands, evidence = found[0]
        index = bare[0]
        rubric = rubrics[index].model_copy(
            update={
                "levels": bands.levels,
                "pass_score": bands.pass_score,
                "pass_rule": evidence.quote.strip() if bands.pass_score is not None else None,
            }
        )
        return [*rubrics[:index], rubric, *rubrics[index + 1 :]], []
    warnings = [
        Warning(
            code="rubric_grades_elsewhere",
            message="grade bands stated away from the scoring tables, not given to any of "
            f"them ({len(rubrics)} rubric(s)): {evidence.quote.strip()}",
            evidence=evidence,
        )
        for _, evidence in found
    ]
    return rubrics, warnings


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


def repeats_header(row: list[str], header: list[str]) -> bool:
    """True for a body row that writes the header again (a page's repeated header in a
    copy of a paginated table): two or more texts, each its column's header or the last
    part of a flattened one (`分值/合格` → `合格`)."""
    written = 0
    for index, text in enumerate(row):
        if not text.strip():
            continue
        text = "".join(text.split())
        name = "".join(header[index].split()) if index < len(header) else ""
        if text not in (name, name.rpartition("/")[2]):
            return False  # most rows: their first text is no header's
        written += 1
    return written >= 2


def is_total_row(row: list[str]) -> bool:
    """True for a `合计` / `总 分` / `小计` row (its label in any column)."""
    return is_total_texts(tuple(row))


@functools.lru_cache(maxsize=4096)
def is_total_texts(texts: tuple[str, ...]) -> bool:
    """`is_total_row` of a row's texts, remembered: every stage of a rubric asks it again."""
    return any(is_total_label(text) for text in texts)


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
    if points is None and not level_totals:
        points = header_total(cell_text(cells[label_at]))  # 总分（100分）
    evidence = cells_evidence(doc, cells)
    if evidence is None:
        return None
    return TotalRow(points=points, level_totals=level_totals, evidence=evidence)


@dataclass(frozen=True)
class LabelUse:
    """How a table's label columns are read: which one names dimensions, which name items.

    `from_rows` is True when dimensions come from rows of their own (`一、 | 通用考核项目 |
    40`), not from a column; `outer` is the numbering kind of those rows where the 序号
    column mixes two (`outer_numbering`).
    """

    dimension: int | None
    names: tuple[int, ...]
    from_rows: bool
    outer: str | None = None


@dataclass
class GroupedItems:
    """What `group_items` reads from a table's body."""

    dimensions: list[Dimension] = field(default_factory=list)
    evidences: list[Evidence | None] = field(default_factory=list)
    total_row: TotalRow | None = None
    # (dimension index, item index) of items whose number cell is the row above's (merged)
    continued: set[tuple[int, int]] = field(default_factory=set)
    warnings: list[Warning] = field(default_factory=list)


def outer_numbering(rows: list[list[str]], roles: ColumnRoles) -> str | None:
    """The numbering kind of the dimension rows where the 序号 column mixes two kinds and
    the first is a dimension's (`一 | 组织领导 | 20` over `（一）`, `1` items), else None."""
    kinds: list[str] = []
    for row in rows:
        kind = numbering_kind(column_text(row, roles.number))
        if kind is not None and kind not in kinds and not is_total_row(row):
            kinds.append(kind)
    return kinds[0] if len(kinds) >= 2 and kinds[0] != "arabic" else None


def row_dimension_label(row: list[str], roles: ColumnRoles, outer: str | None = None) -> str | None:
    """The label of a dimension row, or None for any other row.

    A dimension row is numbered as a dimension in its 序号 cell (`一、 | 通用考核项目 | 40`)
    or in its first label (`一、组织领导（20分）` after a blank 序号), and carries a label;
    numbered in the `outer` kind of a column mixing two, its label may be its criterion
    (`一 | 组织领导 | 20` in a table without label columns).
    """
    number = column_text(row, roles.number)
    label = next((text for column in roles.labels if (text := column_text(row, column))), "")
    if number and is_dimension_number(number):
        if not label and outer is not None and numbering_kind(number) == outer:
            return column_text(row, roles.criterion) or None
        return label or None
    if not number and label and has_dimension_numbering(label):
        criterion = column_text(row, roles.criterion)
        if not criterion or criterion == label:
            return label
    return None


def groups_rows(rows: list[list[str]], roles: ColumnRoles) -> bool:
    """True when the first label column holds one text over two or more item rows (or a
    blank under a text), so it names groups of items; a table of one item counts."""
    column = roles.dimension
    item_rows = [
        row
        for row in rows
        if column_text(row, roles.criterion) and not is_total_row(row) and not is_spanning_row(row)
    ]
    if len(item_rows) < 2:
        return True
    previous: str | None = None
    for row in item_rows:
        text = column_text(row, column)
        if previous is not None and (not text or text == previous):
            return True
        previous = text or previous
    return False


def label_use(rows: list[list[str]], roles: ColumnRoles) -> LabelUse:
    """How to read the label columns (see `LabelUse`): dimension rows make every label an
    item's name; else the first label names dimensions when it groups rows."""
    outer = outer_numbering(rows, roles)
    if any(row_dimension_label(row, roles, outer) for row in rows if not is_total_row(row)):
        return LabelUse(dimension=None, names=roles.labels, from_rows=True, outer=outer)
    if roles.dimension is not None and groups_rows(rows, roles):
        return LabelUse(dimension=roles.dimension, names=roles.names, from_rows=False)
    return LabelUse(dimension=None, names=roles.labels, from_rows=False)


def item_name(row: list[str], columns: tuple[int, ...], dimension_text: str = "") -> str | None:
    """The item's name: its label cells' distinct texts joined by "/"
    (`重点考核部门/县委农工部`)."""
    texts: list[str] = []
    for column in columns:
        text = column_text(row, column)
        if text and text not in texts and text != dimension_text:  # a merge filled from it
            texts.append(text)
    return "/".join(texts) or None


def item_from_row(
    doc: Document,
    row: list[str],
    grid_row: tuple[Cell, ...] | None,
    roles: ColumnRoles,
    dimension_text: str,
    names: tuple[int, ...] = (),
) -> tuple[Item, bool] | None:
    """One item from a body row and whether its points were unclear, or None when the row
    has no criterion.

    Points come from the points column; where that is blank, from the criterion's or the
    rule's own words (`…（8分）`, `满分10分`) when they state them unambiguously. A row that
    awards points (`分别奖10分、5分`, a 加分项/奖扣分 label) is a bonus; a penalty-only row
    (扣分项, 一票否决) keeps its rules and has no points.
    """
    raw_criterion = column_text(row, roles.criterion)
    if not raw_criterion or raw_criterion == dimension_text or is_spanning_row(row):
        return None
    criterion, note = split_note(raw_criterion)
    # the number without its enumeration mark, as a section's: 三、 → 三, 4． → 4
    number = column_text(row, roles.number).rstrip(NUMBER_MARKS) or None
    name = item_name(row, names, dimension_text)
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
    rules_text = column_text(row, roles.rules)
    labels = (dimension_text, number or "", name or "")
    points = parse_points(column_text(row, roles.points))
    bonus = any(is_bonus(text) for text in labels) or (
        points is None and awards_points(f"{raw_criterion}\n{rules_text}")
    )
    if bonus and points is None:  # 另加5分 in the points column: what the bonus awards
        points = award_points(column_text(row, roles.points))
    penalty = not bonus and points is None and any(is_penalty(text) for text in labels)
    unclear = False
    if points is None and not bonus and not penalty and not level_points:
        for text in (raw_criterion, rules_text):
            points, stated = points_in_text(text)
            if stated:
                unclear = points is None
                break
    if roles.rules is not None and roles.rules == roles.criterion:
        rules = scoring_rules(rules_text, points)
    elif roles.rules is not None:
        rules = parse_rules(rules_text, points)
    elif penalty:
        rules = parse_rules(raw_criterion, points)
    elif note:
        rules = deduction_rules(note)
    else:
        rules = scoring_rules(raw_criterion, points)
    item = Item(
        number=number,
        name=name,
        criterion=criterion,
        points=points,
        level_points=level_points,
        rules=rules,
        note=note,
        bonus=bonus,
        evidence=evidence,
    )
    return item, unclear


def fill_names(row: list[str], columns: tuple[int, ...], above: dict[int, str]) -> list[str]:
    """`row` with its blank name cells filled from the item above (a merge a plain-text
    table writes only in its first row); `above` is updated with the row's names."""
    filled = list(row)
    for column in columns:
        if column >= len(filled):
            continue
        if filled[column].strip():
            above[column] = filled[column]
        elif column in above:
            filled[column] = above[column]
    return filled


def section_starts(sections: list[Section]) -> list[int]:
    """Where every heading of the section tree starts."""
    starts: list[int] = []
    for section in sections:
        starts.append(section.evidence.start)
        starts.extend(section_starts(section.children))
    return starts


def same_cell(a: Cell | None, b: Cell | None) -> bool:
    """True when two grid positions hold the one source cell (a merge filled down)."""
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def group_items(
    doc: Document, recovered: RecoveredTable, roles: ColumnRoles, table_name: str = "评分表"
) -> GroupedItems:
    """Items grouped under their dimensions, each dimension's cell, the total row, and
    the items whose points were unclear (as warnings).

    A dimension starts at a dimension row (`一、 | 通用考核项目 | 40`; with content of its
    own it is a dimension of one item), where the dimension column's cell changes, or, with
    neither, at a row spanning the table (`一、组织领导（20分）`). A `小计` row gives the
    dimension above it its points when no subtotal was stated.
    """
    rows = recovered.table.rows
    grid_rows = body_source_rows(recovered)
    use = label_use(rows, roles)
    grouped = GroupedItems()
    current_text: str | None = None
    pending: tuple[str, float | None, Evidence | None] | None = None
    previous_number: Cell | None = None
    names_above: dict[int, str] = {}
    for index, row in enumerate(rows):
        grid_row = grid_rows[index] if index < len(grid_rows) else None
        if repeats_header(row, recovered.table.header):
            continue
        if is_total_row(row):
            cells = source_cells(recovered, index)
            read = read_total_row(doc, cells, roles)
            label = next((cell_text(c) for c in cells if is_total_label(cell_text(c))), "")
            if is_grand_total_label(label):
                grouped.total_row = grouped.total_row or read
            elif read is not None and grouped.dimensions and grouped.dimensions[-1].points is None:
                grouped.dimensions[-1].points = read.points
            continue
        row_label = row_dimension_label(row, roles, use.outer) if use.from_rows else None
        if row_label is None and use.dimension is None:
            row_label = heading_row_text(row)
        if row_label is not None:
            subtotal = split_subtotal(row_label)[1]
            points = parse_points(column_text(row, roles.points))
            evidence = cells_evidence(doc, source_cells(recovered, index))
            pending = (row_label, points if points is not None else subtotal, evidence)
            current_text = None
            names_above = {}
            if item_from_row(doc, row, grid_row, roles, row_label) is None:
                continue
        if use.dimension is not None:
            text = column_text(row, use.dimension) or current_text or ""
        else:
            text = pending[0] if pending else ""
        names = () if row_label is not None else use.names
        if current_text is not None and text != current_text:
            names_above = {}
        row = fill_names(row, names, names_above)
        built = item_from_row(doc, row, grid_row, roles, text, names)
        if built is None:
            continue
        item, unclear = built
        if current_text is None or text != current_text:
            subtotal = pending[1] if pending and use.dimension is None else split_subtotal(text)[1]
            grouped.dimensions.append(Dimension(name=dimension_name(text) or None, points=subtotal))
            evidence = dimension_cell_evidence(doc, grid_row, use.dimension)
            grouped.evidences.append(evidence or (pending[2] if pending else None))
            current_text = text
        number_cell = (
            grid_row[roles.number]
            if grid_row is not None and roles.number is not None and roles.number < len(grid_row)
            else None
        )
        dimension_items = grouped.dimensions[-1].items
        if dimension_items and item.number and same_cell(number_cell, previous_number):
            grouped.continued.add((len(grouped.dimensions) - 1, len(dimension_items)))
        previous_number = number_cell
        dimension_items.append(item)
        if unclear:
            grouped.warnings.append(
                Warning(
                    code="item_points_unclear",
                    message=f"{table_name}: item {item.number or item.criterion[:20]} has no "
                    "points of its own and its text states figures that may or may not be "
                    "them; points left empty",
                    evidence=item.evidence,
                )
            )
    return grouped


def dimension_cell_evidence(
    doc: Document, grid_row: tuple[Cell, ...] | None, column: int | None
) -> Evidence | None:
    """Evidence of a row's dimension cell, None when there is no such cell or it is blank."""
    if grid_row is None or column is None or column >= len(grid_row):
        return None
    cell = grid_row[column]
    return None if is_blank(cell) else doc.evidence(cell.start, cell.end)


def nearby_paragraphs(
    doc: Document, block: TableBlock, heading_starts: frozenset[int] = frozenset()
) -> list[Paragraph]:
    """Paragraphs right after the table, then right before it.

    Each side stops at another table, an 附件 label or a section heading, and after
    NEARBY_PARAGRAPHS paragraphs.
    """
    position = bisect.bisect_left(doc.block_starts, block.start)
    found = doc.blocks[position] if position < len(doc.blocks) else None
    if not isinstance(found, TableBlock) or found.start != block.start:
        return []
    # only the NEARBY_PARAGRAPHS blocks on each side are looked at: slice no more
    after = doc.blocks[position + 1 : position + 1 + NEARBY_PARAGRAPHS]
    before = doc.blocks[max(0, position - NEARBY_PARAGRAPHS) : position]
    return adjacent_paragraphs(after, heading_starts) + adjacent_paragraphs(
        before[::-1], heading_starts
    )


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


def table_label(recovered: RecoveredTable) -> str:
    """How a warning names a table: its title, else its header, else where it starts."""
    table = recovered.table
    if table.title:
        return table.title
    header = " | ".join(text for text in table.header if text)
    return f"表（{header}）" if header else f"表（第{table.evidence.start}字起）"


def rules_from_notes(roles: ColumnRoles, rows: list[list[str]]) -> ColumnRoles:
    """`roles` with a 说明/备注 column as the rules when there is no rules column and that
    column holds deductions (`扣2分`, `不得分`)."""
    if roles.rules is not None:
        return roles
    for column in roles.notes:
        if any(deduction_rules(column_text(row, column)) for row in rows):
            return replace(roles, rules=column)
    return roles


def rubric_from_table(
    doc: Document, recovered: RecoveredTable, heading_starts: frozenset[int] = frozenset()
) -> tuple[Rubric, list[Warning]] | None:
    """The rubric of one scoring table and its warnings; None without criteria."""
    rows = recovered.table.rows
    header = recovered.table.header
    item_rows = [row for row in rows if not is_total_row(row) and not repeats_header(row, header)]
    roles = assign_roles(header, item_rows)
    if roles.criterion is None:
        return None
    roles = rules_from_notes(roles, item_rows)
    name = table_label(recovered)
    grouped = group_items(doc, recovered, roles, name)
    total_row = grouped.total_row

    paragraphs = nearby_paragraphs(doc, recovered.block, heading_starts)
    stated: list[StatedNumber] = []
    header_stated = find_header_total(doc, recovered, roles)
    if header_stated is not None:
        stated.append(header_stated)
    if total_row is not None and total_row.points is not None:
        stated.append(StatedNumber(total_row.points, total_row.evidence))
    stated.extend(find_note_totals(doc, paragraphs))
    note_rows = [text for row in rows if (text := heading_row_text(row))]
    grades = find_grades([paragraph.text for paragraph in paragraphs] + note_rows)
    pass_line = None
    if grades is not None and grades.pass_score is not None:
        pass_line = (grades.pass_score, grades.text.strip())
    elif grades is None:
        pass_line = find_pass_line(paragraphs)

    rubric = Rubric(
        title=recovered.table.title,
        total_points=None,
        pass_score=pass_line[0] if pass_line else None,
        pass_rule=pass_line[1] if pass_line else None,
        levels=list(roles.levels) or (grades.levels if grades else []),
        dimensions=grouped.dimensions,
        evidence=doc.evidence(recovered.block.start, recovered.block.end),
    )
    rubric.total_points = stated[0].value if stated else items_points(rubric)
    warnings = [
        *grouped.warnings,
        *per_unit_warnings(rubric, grouped.evidences),
        *points_sum_warnings(rubric, stated),
        *dimension_points_warnings(rubric, grouped.evidences),
        *(
            level_total_warnings(rubric, total_row.level_totals, total_row.evidence)
            if total_row is not None
            else []
        ),
        *duplicate_number_warnings(rubric, grouped.continued),
    ]
    return rubric, warnings


def has_point_values(recovered: RecoveredTable) -> bool:
    """True when the table's cells state points (`5分`, `（10分）`) in two or more cells."""
    cells = [text for row in recovered.table.rows for text in row]
    return sum(1 for text in cells if POINT_VALUE_CELL.search(text)) >= MIN_POINT_CELLS


def lost_table_warning(recovered: RecoveredTable, reason: str) -> Warning:
    """The warning for a scoring table that gives no rubric, naming the table."""
    table = recovered.table
    return Warning(
        code="scoring_table_without_rubric",
        message=f"{table_label(recovered)}: {reason}; no rubric read from it",
        evidence=table.evidence,
    )
