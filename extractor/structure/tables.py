"""Table recovery: a reader's `TableBlock` (cells as laid out) → a squared, filled `Table`.

A chain of small pure functions, in the style of pdfplumber's table.py:

    split_stacked_tables → split_title_rows → find_header_rows → expand_header
    → flatten_header → square_rows → label_columns → fill_merged_cells → classify_table

Choices, so that readers of the output know what a value means:

- Title: one-cell rows at the top of a block, before a wider row (a docx row of one cell
  spanning the others counts as one cell); else the nearest preceding paragraph that
  looks like a title (`preceding_title`), skipping a form's `填报单位：…` line and taking
  the text after an `附件N：` label; None otherwise.
- Header: among the leading rows without blank cells (before the body starts), the one that
  holds the most header words (序号, 内容, 名称, 分值 …). Rows above it that are not title
  rows (`单位 | 某街道`) are captions: counted in `title_rows`, kept out of `rows`. A next
  row that fills the header's spanning cell (blanks under the other cells, texts under
  the span) is a second header row; multi-row headers flatten per column as the distinct
  texts top-down joined by "/" (`权重分/合格`). A table with no header row (a signature
  block, a form) gets `header == []` and all its rows are body rows; its grid is as wide
  as its widest row.
- A header narrower than the body: the body's item-number column (1, 2, 3 …) lies under
  the header cell that spans number and text, which is repeated over it; any columns
  still missing get an empty header.
- Short body rows: under a header the first cell spans the missing columns (a `合计` label
  over number and text); in a headerless table the last cell does (a form's value field).
  A few rows longer than a header as wide as most rows keep their extra cells in unnamed
  columns at the end; the other rows are complete and padded with blanks there.
- Doubts become warnings (`table_warnings`): columns without a header, short rows whose
  span is guessed, a table of figures without a header row.
- Merged cells: a plain-text source marks a vertical merge only by a blank cell, so blanks
  are filled down in label columns only (the leading text columns: dimension names, a
  batch `第一批（2021年）`), never in a total row and never in a headerless table; blanks in
  value columns (得分, a form's fields) stay "". A cell the reader flagged `merged=True` is
  always filled: in the body from above in a label column (or the first column), else
  from the left (a horizontal span: a total row, a form's wide field); in the header from
  the left in its first row, from above in the rows below.
- Kind, from the header and title words, first match wins: rubric (points words: 分值,
  标准分, 得分, 评分, 权重), committee (组长, 成员, 职务), roster (`is_roster_header`),
  rubric (考核/考评 words in the header, or in the title over a header of contents or
  standards; never over a task table's 时限/牵头 columns), summary (汇总, 完成数量, 合计),
  form (申报表, 盖章, 意见 … anywhere, or a headerless table at least half blank), rubric
  (standards without points: 创建标准), else other.
- Two tables laid out back to back in one block (a one-cell title row after body rows,
  followed by a header) are split into two tables, each with its own part of the block.
- Text: the title, header and `rows` are each cell's lines joined into one line
  (`cell_text`), whether or not the source kept the cell's line breaks; the breaks stay
  in `Document.text` and so in the evidence quotes.
- `RecoveredTable.grid` has one row per row of the block (title, caption, header and body
  rows alike), each of the table's width; `body_grid` gives the body rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from itertools import pairwise

from extractor.document import Block, Cell, Document, Paragraph, TableBlock
from extractor.fields.dates import DATE_LINE_PATTERN as ONLY_DATE_LINE_PATTERN
from extractor.models import Section, Table, TableKind, Warning
from extractor.structure import RecoveredTable
from extractor.vocabulary import (
    POINTS_HEADER_WORD,
    SCORING_HEADER_WORD,
    TITLE_END_PATTERN,
    TOTAL_SUFFIX,
    TOTAL_WORD,
)

Row = Sequence[Cell]

# A header cell is short; body cells are longer or numeric.
HEADER_CELL_MAX_CHARS = 16
# The header is looked for among this many leading rows (after the title rows).
MAX_HEADER_SEARCH_ROWS = 4
# How many paragraphs before a table are searched for its title.
TITLE_LOOKBACK_PARAGRAPHS = 3
# A title paragraph is at most this long …
TITLE_MAX_CHARS = 40
# … and a title wrapped over two lines at most this long in all
LONG_TITLE_MAX_CHARS = 80
# A headerless table whose cells are at least this share blank is a form.
FORM_BLANK_SHARE = 0.5
# A headerless table with figures in at least this share of its rows is a table of data
# whose header was not found (a list of names or a signature block holds none).
DATA_ROW_SHARE = 0.5
# A table is named in warnings by its title or this many of its first cells.
NAMING_CELLS = 3

# 序号 / 居委名称 / 标准分（100分） / 县（市、区） / 2021年完成数量 / 权重分 / 责任单位
HEADER_WORD_PATTERN = re.compile(
    r"序号|编号|内容|项目|名称|名单|标准|分值|分数|得分|评分|权重|地址|时间|日期|姓名|职务|职位"
    r"|单位|部门|类别|类型|指标|数量|比例|备注|说明|街道|乡镇|批次|年度|要求|任务|措施|责任|牵头"
    r"|配合|时限|负责|等级|级别|人员|电话|联系人|^[省市县区镇]（.*）$"
)
# 1 / 20 / 3.5 / 100
NUMBER_CELL_PATTERN = re.compile(r"^\d+(?:\.\d+)?$")
# item numbers of a sequence column: 1 / 12 / 3． / 4、
SEQUENCE_CELL_PATTERN = re.compile(r"^(\d{1,3})[.．、]?$")
# 合计 / 合计分值 / 地区合计 / 总计 / 小计 / 合 计 / 总分 / 总 分（100分）: the shared total
# words (extractor.vocabulary), not read inside a longer word (总分配, 合计完成比例 is a header)
TOTAL_ROW_PATTERN = re.compile(rf"^.{{0,4}}?(?:{TOTAL_WORD})(?:{TOTAL_SUFFIX})?(?=$|[\s（(：:\d])")
# header words of a value column, never filled down: 得分（分） / 分值 / 备注
VALUE_HEADER_PATTERN = re.compile(r"分值|分数|得分|评分|权重|标准分|备注|意见|签字|盖章|说明")
# header words of an item-number column: 序号 / 编号
SEQUENCE_HEADER_PATTERN = re.compile(r"序号|编号|^No\.?$", re.IGNORECASE)

# kind: rubric with points words in the header or title — 分值 / 标准分 / 得分 / 评分标准 /
# 权重分 (the shared scoring header words of extractor.vocabulary) / 自评表
RUBRIC_POINTS_PATTERN = re.compile(rf"{POINTS_HEADER_WORD}|自评表|考评表")
# kind: rubric by assessment words in the header or title — 考核内容 / 考核项目 / 考评 /
# 自评表 / 考核细则 / 评分表 — unless the header is a task table's (TASK_HEADER_PATTERN)
RUBRIC_ASSESSMENT_PATTERN = re.compile(SCORING_HEADER_WORD)
# what a scoring table's header holds under a 考核 title (a list of units does not):
# 考核内容 / 评分标准 / 考核指标 / 考核要点 / 项目 / 要求
RUBRIC_CONTENT_PATTERN = re.compile(r"内容|标准|指标|要点|项目|要求|细则")
# a task table's columns, which 考核 words alone do not make a rubric: 完成时限 / 牵头单位
TASK_HEADER_PATTERN = re.compile(r"时限|时间|牵头|配合|完成期限|进度")
# kind: committee — 组长 / 成员 / 职务
COMMITTEE_PATTERN = re.compile(r"组长|成员|职务")
# kind: roster — a column of communities (居委名称 / 社区 / 小区名称 / 村) …
ROSTER_COMMUNITY_PATTERN = re.compile(r"居委|社区|小区|村")
# … or of names (名称 / 名单) next to a township column or under a community title …
ROSTER_NAME_PATTERN = re.compile(r"名称|名单")
# … together with 序号 / 地址 / a township column 街道（乡镇）
ROSTER_COMPANION_PATTERN = re.compile(r"序号|编号|地址|街道|乡镇")
# the township column or community title that makes a 名称 column a roster's:
# 街道（乡镇） / 绿色社区创建名单
ROSTER_CONTEXT_PATTERN = re.compile(r"街道|乡镇|社区|小区|居委")
# kind: summary — 汇总 / 完成数量 / 合计完成比例 / 统计表
SUMMARY_PATTERN = re.compile(r"汇总|完成数量|完成情况|合计|统计")
# kind: form — 申报表 / 登记表 / （盖章） / 推荐意见 / 填报
FORM_PATTERN = re.compile(r"申报表|登记表|审批表|盖章|意见|签字|填报")
# kind: rubric without points — 创建标准 / 建设标准 / 评价标准
RUBRIC_STANDARDS_PATTERN = re.compile(r"创建标准|建设标准|评价标准|考核标准|评估标准")

# an attachment label alone: 附件1 / 附件2： / 附件
ATTACHMENT_LABEL_PATTERN = re.compile(r"^附件\s*\d*\s*[：:]?$")
# an attachment label before a title: 附件1：绿色社区创建标准 → 绿色社区创建标准 / 附件：任务分解表
ATTACHMENT_PREFIX_PATTERN = re.compile(r"^附件\s*\d*\s*[：:．.、]\s*")
# a form's fill-in line above a table: 填报单位：（盖章）   填报时间：
FORM_LINE_PATTERN = re.compile(r"[：:]")
# prose, not a title: a sentence end or a clause break
PROSE_PATTERN = re.compile(r"[。；，;]")
# a line leading into the table, its title before 如下：/ 见下表：: 各乡镇…考核评分标准如下：,
# 具体任务分工如下: (a table's kind of name at its end)
LEAD_IN_TITLE_PATTERN = re.compile(
    r"^(?P<title>[^。；，;：:]{2,40}?(?:标准|细则|表|指标|清单|名单|名册|安排|分工|计划))"
    r"(?:如下|见下表)[：:]$"
)
# a date line, not a title: 2021年1月7日 / 2022年1月7日印发 / 二〇二三年十月十六日 (one
# definition of a date line for every stage: fields/dates.py)
DATE_LINE_PATTERN = ONLY_DATE_LINE_PATTERN
# a numbered heading, not a title: 一、 / （二） / (二) / 3．
NUMBERED_HEADING_PATTERN = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[．.、](?!\d))"
)


def cell_text(cell: Cell) -> str:
    """What the cell says, as one line: its lines joined as a hard wrap is
    (`（一）建立健全…机制\n（20分）` → `（一）建立健全…机制（20分）`), white space trimmed.

    Every value read from a cell goes through here, so a value is the same whether the
    source kept the cell's line breaks (.txt, .docx) or not (.pdf); `Cell.text` and the
    evidence quotes keep them.
    """
    return cell.line


def is_blank(cell: Cell) -> bool:
    """True for an empty (or white-space only) cell."""
    return not cell.line  # the cell's line, already trimmed: no strip per call


def is_spanning_row(row: Sequence[str]) -> bool:
    """True for a body row whose one text spans the table (`一、强化组织保障` over every
    column of a task table, filled across): it names a group of the rows below, no item."""
    texts = [text for text in row if text]
    return len(texts) > 1 and texts.count(texts[0]) == len(texts)


def is_total_row(row: Row) -> bool:
    """True for a `合计` / `总计` / `总 分` row: its first non-blank cell names the total
    (after a blank 序号 the label may sit in the second column)."""
    for cell in row:
        if not is_blank(cell):
            return bool(TOTAL_ROW_PATTERN.match(cell_text(cell)))
    return False


def is_title_row(row: Row) -> bool:
    """True for a row of one cell, or of one text cell spanning the rest (all merged)."""
    return bool(row) and not row[0].merged and all(c.merged for c in row[1:])


def split_title_rows(rows: Sequence[Row]) -> int:
    """How many leading title rows (`is_title_row`) come before the first wider row; 0
    when there is none (a one-column table has no title rows)."""
    count = 0
    while count < len(rows) and is_title_row(rows[count]):
        count += 1
    return count if count < len(rows) else 0


def is_body_row(row: Row) -> bool:
    """True for a row that cannot be a header: it holds a number or a long text."""
    return any(
        NUMBER_CELL_PATTERN.match(cell_text(c)) or len(cell_text(c)) > HEADER_CELL_MAX_CHARS
        for c in row
    )


def header_word_count(row: Row) -> int:
    """How many cells of `row` are short header words (序号, 名称, 分值 …)."""
    return sum(
        1
        for c in row
        if len(cell_text(c)) <= HEADER_CELL_MAX_CHARS
        and HEADER_WORD_PATTERN.search(re.sub(r"\s+", "", cell_text(c)))
    )


def is_header_continuation(row: Row, top: Row, width: int) -> bool:
    """True when `row` fills the spanning cell(s) of header row `top`: blanks elsewhere.

    Its texts must sit beyond `top`'s last cell (a txt span: `top` is narrower than the
    table) or under a span of cells flagged merged; its other cells are blank.
    """
    if is_body_row(row) or not any(is_blank(c) for c in row):
        return False
    filled = [i for i, c in enumerate(row) if not is_blank(c)]
    if not filled:
        return False
    if len(top) < width:
        return True
    spanned = {i for i, c in enumerate(top) if c.merged} | {
        i - 1 for i, c in enumerate(top) if c.merged and i
    }
    return all(i in spanned for i in filled)


def find_header_rows(rows: Sequence[Row], width: int) -> tuple[int, int]:
    """(caption rows, header rows) at the top of `rows`; (0, 0) for a headerless table.

    The header's first row is, among the leading rows without blank cells (a blank that
    is not flagged merged, a number or a long text ends the search), the one holding the
    most header words; rows above it are captions.
    """
    best, best_count = -1, 0
    for index, row in enumerate(rows[:MAX_HEADER_SEARCH_ROWS]):
        if is_body_row(row) or any(is_blank(c) and not c.merged for c in row):
            break
        count = header_word_count(row)
        if count > best_count:
            best, best_count = index, count
    if best < 0:
        return 0, 0
    header_rows = 1
    while best + header_rows < len(rows) and is_header_continuation(
        rows[best + header_rows], rows[best], width
    ):
        header_rows += 1
    return best, header_rows


def table_width(rows: Sequence[Row]) -> int:
    """The widest row's number of cells."""
    return max((len(row) for row in rows), default=0)


def blank_cell_after(row: Row) -> Cell:
    """An empty cell placed at the end of `row`, for a grid position the source left out."""
    end = row[-1].end if row else 0
    return Cell(text="", start=end, end=end)


def widen_spanning_cell(row: Row, at: int, width: int) -> list[Cell]:
    """`row` made `width` wide by repeating its cell at `at` (a span over the gap)."""
    row = list(row)
    missing = width - len(row)
    if missing <= 0 or not row:
        return row
    at = min(at, len(row) - 1)
    return row[:at] + [row[at]] * (missing + 1) + row[at + 1 :]


def sequence_columns(body: Sequence[Row], width: int) -> list[int]:
    """Columns of full-width body rows holding item numbers 1, 2, 3 … (strictly rising)."""
    full = [row for row in body if len(row) == width and not is_total_row(row)]
    found = []
    for column in range(width):
        numbers = []
        for row in full:
            match = SEQUENCE_CELL_PATTERN.match(cell_text(row[column]))
            if match:
                numbers.append(int(match.group(1)))
            elif not is_blank(row[column]):
                numbers = []
                break
        if len(numbers) >= 2 and all(b > a for a, b in pairwise(numbers)):
            found.append(column)
    return found


def expand_header(header: Sequence[Row], body: Sequence[Row], width: int) -> list[list[Cell]]:
    """The header rows, each made `width` wide.

    A second row's texts under a span widen the first row's cell above them; a header
    still narrower than the body repeats the cell over the body's item-number column (the
    cell that spans number and text); columns still missing get an empty header cell.
    """
    rows = [list(row) for row in header]
    if not rows:
        return []
    top = rows[0]
    for below in rows[1:]:
        if len(top) < width:
            first_text = next(i for i, c in enumerate(below) if not is_blank(c))
            top = widen_spanning_cell(top, first_text, min(width, max(len(below), len(top))))
    has_sequence_header = any(SEQUENCE_HEADER_PATTERN.search(cell_text(c)) for c in top)
    if not has_sequence_header:
        for column in sequence_columns(body, width):
            if len(top) >= width:
                break
            if column < len(top):
                top = widen_spanning_cell(top, column, len(top) + 1)
    top = top + [blank_cell_after(top)] * (width - len(top))
    expanded = [top]
    for below in rows[1:]:
        below = below[:width] + [blank_cell_after(below)] * (width - len(below))
        expanded.append(below)
    return expanded


def flatten_header(header: Sequence[Sequence[Cell]]) -> list[str]:
    """One text per column: the distinct non-blank texts top-down joined by "/"."""
    if not header:
        return []
    flat = []
    for column in range(len(header[0])):
        texts: list[str] = []
        for row in header:
            text = cell_text(row[column])
            if text and text not in texts:
                texts.append(text)
        flat.append("/".join(texts))
    return flat


def square_rows(
    rows: Sequence[Row], width: int, span_first: bool, complete: int | None = None
) -> list[list[Cell]]:
    """Every row made `width` wide: the first cell (or, with `span_first` False, the
    last) spans the missing columns; longer rows are cut (they cannot occur: `width` is
    the widest row). With `complete` (the header's width, when a few rows run longer
    than it), a row that wide or wider is complete: it is padded with blank cells at the
    end, and only narrower rows span up to `complete`."""
    squared = []
    for row in rows:
        if not row:
            squared.append([Cell(text="", start=0, end=0)] * width)
            continue
        at = 0 if span_first else len(row) - 1
        if complete is None:
            squared.append(widen_spanning_cell(row, at, width)[:width])
            continue
        widened = widen_spanning_cell(row, at, complete) if len(row) < complete else list(row)
        squared.append(widened + [blank_cell_after(widened)] * (width - len(widened)))
    return squared


def usual_width(rows: Sequence[Row]) -> int:
    """The width most rows other than totals have (0 for no rows)."""
    widths = Counter(len(row) for row in rows if not is_total_row(row))
    return widths.most_common(1)[0][0] if widths else 0


def label_columns(header: Sequence[str], body: Sequence[Sequence[Cell]]) -> list[int]:
    """The leading columns whose blanks are vertical merges (dimension names, batches).

    Scanning from the left, item-number columns are passed over; a column whose first
    body cell is text (not a number) and that has blanks below text is a label column;
    any other column (full text, points, all blank, a value header) ends the scan.
    """
    rows = [row for row in body if not is_total_row(row)]
    if not header or not rows:
        return []
    labels = []
    for column, title in enumerate(header):
        cells = [row[column] for row in rows]
        texts = [cell_text(c) for c in cells]
        if VALUE_HEADER_PATTERN.search(title):
            break
        if all(SEQUENCE_CELL_PATTERN.match(t) for t in texts if t) and any(texts):
            continue
        if not texts[0]:
            break
        if any(NUMBER_CELL_PATTERN.match(t) for t in texts if t):
            break
        if "" not in texts:
            break
        labels.append(column)
    return labels


def fill_merged_cells(body: Sequence[Sequence[Cell]], labels: Sequence[int]) -> list[list[Cell]]:
    """Body rows with merges filled: a cell whose reader knew the merge's origin
    (`merged_from`) from there; blanks in `labels` columns filled down (not in a total
    row); every other `merged=True` cell down in a label column or the first column,
    across (from the left) elsewhere and in a total row."""
    filled: list[list[Cell]] = []
    for index, row in enumerate(body):
        current = list(row)
        total = is_total_row(row)
        for column, cell in enumerate(current):
            if not is_blank(cell) and not cell.merged:
                continue
            above = filled[index - 1][column] if index else None
            if cell.merged_from == "above" and above is not None:
                current[column] = above
                continue
            if cell.merged_from == "left" and column:
                current[column] = current[column - 1]
                continue
            label = column in labels or (cell.merged and column == 0)
            down = above is not None and not total and label
            if down:
                current[column] = above
            elif cell.merged and column:
                current[column] = current[column - 1]
        filled.append(current)
    return filled


def fill_merged_header(header: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """Header rows with `merged=True` cells filled: in the first row from the left (a
    span across), in the rows below from above (a cell of the first row reaching down)
    unless the reader says the span comes from the left (`merged_from`)."""
    filled: list[list[Cell]] = []
    for index, row in enumerate(header):
        current = list(row)
        for column, cell in enumerate(current):
            if not cell.merged:
                continue
            if cell.merged_from == "left" and column:
                current[column] = current[column - 1]
            elif index and column < len(filled[index - 1]):
                current[column] = filled[index - 1][column]
            elif column:
                current[column] = current[column - 1]
        filled.append(current)
    return filled


def blank_share(rows: Sequence[Sequence[Cell]]) -> float:
    """The share of blank cells among all cells of `rows` (0 for no cells)."""
    cells = [c for row in rows for c in row]
    return sum(1 for c in cells if is_blank(c)) / len(cells) if cells else 0.0


def is_roster_header(title: str | None, header: Sequence[str]) -> bool:
    """True for a roster's header: a community column (`居委名称`) beside 序号 / 地址 /
    a township, or a `名称` column beside a township (`街道（乡镇）`) or under a title
    naming communities (`绿色社区创建名单`)."""
    cells = [re.sub(r"\s+", "", text) for text in header]
    companions = [c for c in cells if ROSTER_COMPANION_PATTERN.search(c)]
    for cell in cells:
        others = [c for c in companions if c != cell]
        if ROSTER_COMMUNITY_PATTERN.search(cell) and others:
            return True
        if ROSTER_NAME_PATTERN.search(cell) and others:
            context = [*others, title or ""]
            if any(ROSTER_CONTEXT_PATTERN.search(c) for c in context):
                return True
    return False


def classify_table(
    title: str | None, header: Sequence[str], body: Sequence[Sequence[Cell]]
) -> TableKind:
    """The table's kind from its header and title words (and, for forms, its blanks)."""
    words = re.sub(r"\s+", "", " ".join([title or "", *header]))
    head = re.sub(r"\s+", "", " ".join(header))
    if RUBRIC_POINTS_PATTERN.search(words):
        return "rubric"
    if COMMITTEE_PATTERN.search(head):
        return "committee"
    if is_roster_header(title, header):
        return "roster"
    if not TASK_HEADER_PATTERN.search(head) and (
        RUBRIC_ASSESSMENT_PATTERN.search(head)
        or (RUBRIC_ASSESSMENT_PATTERN.search(title or "") and RUBRIC_CONTENT_PATTERN.search(head))
    ):
        return "rubric"
    if SUMMARY_PATTERN.search(words):
        return "summary"
    cells = " ".join(cell_text(c) for row in body for c in row)
    if FORM_PATTERN.search(words) or FORM_PATTERN.search(cells):
        return "form"
    if not header and blank_share(body) >= FORM_BLANK_SHARE:
        return "form"
    if RUBRIC_STANDARDS_PATTERN.search(words):
        return "rubric"
    return "other"


def title_from_paragraph(text: str, max_chars: int = TITLE_MAX_CHARS) -> str | None:
    """The title a paragraph states, or None when it is no title.

    `附件1：标题` gives the text after the label, a lead-in `…考核评分标准如下：` the words before
    如下; prose, numbered headings, date lines and long lines are no titles.
    """
    text = text.strip()
    if ATTACHMENT_LABEL_PATTERN.match(text):
        return None
    text = ATTACHMENT_PREFIX_PATTERN.sub("", text)
    if not text or len(text) > max_chars:
        return None
    if text.endswith(("：", ":")) and (lead_in := LEAD_IN_TITLE_PATTERN.match(text)):
        return lead_in.group("title")
    if PROSE_PATTERN.search(text) or FORM_LINE_PATTERN.search(text):
        return None
    if NUMBERED_HEADING_PATTERN.match(text) or DATE_LINE_PATTERN.match(text):
        return None
    return text


def preceding_title(blocks: Sequence[Block], index: int) -> str | None:
    """The title paragraph just before `blocks[index]`, or None.

    Walks back over blank paragraphs and a form's fill-in line (`填报单位：…`); stops at
    another table, an attachment label alone (`附件2：`), prose or a heading.
    """
    seen = 0
    for block in reversed(blocks[max(0, index - TITLE_LOOKBACK_PARAGRAPHS * 2) : index]):
        if not isinstance(block, Paragraph):
            return None
        text = block.text.strip()
        if not text:
            continue
        seen += 1
        if seen > TITLE_LOOKBACK_PARAGRAPHS or ATTACHMENT_LABEL_PATTERN.match(text):
            return None
        title = title_from_paragraph(text)
        if title:
            return wrapped_title_start(blocks, block_index(blocks, block, index), title)
        if FORM_LINE_PATTERN.search(text) and not PROSE_PATTERN.search(text):
            continue
        return None
    return None


def block_index(blocks: Sequence[Block], block: Block, before: int) -> int:
    """The index of `block` among `blocks[:before]` (searched from the end)."""
    return next(i for i in range(before - 1, -1, -1) if blocks[i] is block)


def wrapped_title_start(blocks: Sequence[Block], at: int, title: str) -> str:
    """`title` (the paragraph at `at`) with the line before it when that line is the start
    of the same title, wrapped: title-like, not ending as a title does (TITLE_END_PATTERN),
    the two together at most LONG_TITLE_MAX_CHARS (`2023年…工作条件` + `退役士兵…安置任务`)."""
    previous = next((b for b in reversed(blocks[:at]) if not is_blank_paragraph(b)), None)
    if not isinstance(previous, Paragraph):
        return title
    start = title_from_paragraph(previous.text, LONG_TITLE_MAX_CHARS)
    if start is None or TITLE_END_PATTERN.search(start):
        return title
    joined = start + title
    return joined if len(joined) <= LONG_TITLE_MAX_CHARS else title


def is_blank_paragraph(block: Block) -> bool:
    """True for a paragraph holding nothing but white space."""
    return isinstance(block, Paragraph) and not block.text.strip()


def starts_new_table(rows: Sequence[Row], index: int) -> bool:
    """True when `rows[index]` is a one-cell title row, after body rows, followed by a
    header of its own (two tables laid out back to back: `2022年…计划表` over `序号 …`)."""
    if index == 0 or not is_title_row(rows[index]) or is_title_row(rows[index - 1]):
        return False
    following = rows[index + 1 : index + 1 + MAX_HEADER_SEARCH_ROWS]
    if not following or is_title_row(following[0]):
        return False
    return find_header_rows(following, table_width(following))[1] > 0


def split_stacked_tables(block: TableBlock) -> list[TableBlock]:
    """`block` cut before each title row that starts a new table (see `starts_new_table`)."""
    cuts = [i for i in range(len(block.rows)) if starts_new_table(block.rows, i)]
    if not cuts:
        return [block]
    parts = []
    for begin, end in pairwise([0, *cuts, len(block.rows)]):
        rows = block.rows[begin:end]
        parts.append(
            TableBlock(rows=rows, start=rows[0][0].start, end=rows[-1][-1].end, page=block.page)
        )
    return parts


def recover_table(doc: Document, block: TableBlock, nearby_title: str | None) -> RecoveredTable:
    """One table block squared, filled and classified (see the module docstring)."""
    rows = block.rows
    title_rows = split_title_rows(rows)
    title_texts = [cell_text(row[0]) for row in rows[:title_rows] if not is_blank(row[0])]
    title = title_texts[0] if title_texts else nearby_title
    rest = rows[title_rows:]
    width = table_width(rest)
    captions, header_rows = find_header_rows(rest, width)
    header_source = rest[captions : captions + header_rows]
    body_source = rest[captions + header_rows :]
    width = max(table_width(body_source), table_width(header_source))
    header_width = table_width(header_source)
    # a few rows longer than a header as wide as most rows: their extra cells are kept in
    # unnamed columns at the end (`table_warnings` says so), the other rows are complete
    overlong = bool(header_source) and usual_width(body_source) <= header_width < width
    if overlong:
        padded = [list(row) + [blank_cell_after(row)] * (width - len(row)) for row in header_source]
        header_grid = fill_merged_header(padded)
    else:
        header_grid = fill_merged_header(expand_header(header_source, body_source, width))
    header = flatten_header(header_grid)
    squared = square_rows(
        body_source, width, span_first=bool(header), complete=header_width if overlong else None
    )
    body = fill_merged_cells(squared, label_columns(header, squared))
    leading = square_rows(rows[:title_rows] + rest[:captions], width, span_first=True)
    table = Table(
        title=title,
        kind=classify_table(title, header, body),
        header=header,
        rows=[[cell_text(c) for c in row] for row in body],
        evidence=doc.evidence(block.start, block.end),
    )
    grid = tuple(tuple(row) for row in [*leading, *header_grid, *body])
    return RecoveredTable(
        table=table,
        block=block,
        grid=grid,
        header_rows=header_rows,
        title_rows=title_rows + captions,
    )


def header_column(
    header: Sequence[str], pattern: re.Pattern[str], skip: int | None = None
) -> int | None:
    """The first column (other than `skip`) whose header, white space removed, matches
    `pattern` (`街道（乡镇）`, `完成 时限`), or None: how field extractors find their columns."""
    for index, title in enumerate(header):
        if index != skip and pattern.search("".join(title.split())):
            return index
    return None


def body_grid(recovered: RecoveredTable) -> tuple[tuple[Cell, ...], ...]:
    """The grid's body rows (after title, caption and header rows), aligned with `rows`."""
    return recovered.grid[recovered.title_rows + recovered.header_rows :]


def recover_tables(
    doc: Document, sections: list[Section], chrome: Collection[int] = ()
) -> list[RecoveredTable]:
    """Every table block of `doc` as a `RecoveredTable`, in document order, less those at
    the indices `chrome` (a website's menus, extractor.structure.chrome)."""
    del sections  # the title comes from the table's own rows or the paragraphs before it
    recovered = []
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, TableBlock) or not block.rows or index in chrome:
            continue
        nearby_title = preceding_title(doc.blocks, index)
        for number, part in enumerate(split_stacked_tables(block)):
            recovered.append(recover_table(doc, part, nearby_title if number == 0 else None))
    return recovered


def table_name(recovered: RecoveredTable) -> str:
    """How a warning names a table: its title, else its first cells (`序号 | 名称 | 分值`)."""
    if recovered.table.title:
        return recovered.table.title
    first = recovered.block.rows[0] if recovered.block.rows else ()
    return " | ".join(cell_text(c) for c in first[:NAMING_CELLS])


def table_warning(
    doc: Document,
    recovered: RecoveredTable,
    code: str,
    message: str,
    row: Sequence[Cell] | None = None,
) -> Warning:
    """A warning about one table, its evidence the row concerned (else the whole table)."""
    start, end = (
        (row[0].start, row[-1].end) if row else (recovered.block.start, recovered.block.end)
    )
    return Warning(
        code=code,
        message=f"table 「{table_name(recovered)}」: {message}",
        evidence=doc.evidence(start, end),
    )


def table_warnings(doc: Document, tables: Sequence[RecoveredTable]) -> list[Warning]:
    """Doubts about how tables were squared, so that no table is read wrong silently:

    - `table_columns_without_header`: body rows wider than the header, their extra
      columns left without a name (kept, not cut);
    - `table_row_spans_guessed`: a body row narrower than the header (not a total row)
      whose missing cells the source did not mark, taken as its first cell spanning;
    - `table_header_not_found`: a table of figures (not a form) with no header row.
    """
    warnings: list[Warning] = []
    for recovered in tables:
        table = recovered.table
        body = body_grid(recovered)
        source_body = recovered.block.rows[recovered.title_rows + recovered.header_rows :]
        if table.header:
            unnamed = [
                column
                for column, name in enumerate(table.header)
                if not name and any(row[column] for row in table.rows)
            ]
            if unnamed:
                wide = next(
                    (row for row in source_body if len(row) > len(table.header) - len(unnamed)),
                    None,
                )
                columns = ", ".join(str(column + 1) for column in unnamed)
                warnings.append(
                    table_warning(
                        doc,
                        recovered,
                        "table_columns_without_header",
                        f"rows wider than the header: column(s) {columns} have no header "
                        "and are kept unnamed",
                        wide,
                    )
                )
            header_source = recovered.block.rows[
                recovered.title_rows : recovered.title_rows + recovered.header_rows
            ]
            width = min(len(table.header), table_width(header_source))
            short = [
                row
                for row in source_body
                if row
                and len(row) < width
                and not is_total_row(row)
                and not any(c.merged_from for c in row)
            ]
            if short:
                warnings.append(
                    table_warning(
                        doc,
                        recovered,
                        "table_row_spans_guessed",
                        f"{len(short)} row(s) narrower than the header's {width} columns; "
                        "the first cell of each is taken to span the missing ones",
                        short[0],
                    )
                )
        elif table.kind != "form" and body:
            data_rows = sum(
                1 for row in body if any(NUMBER_CELL_PATTERN.match(cell_text(c)) for c in row)
            )
            if len(body) > 1 and data_rows >= DATA_ROW_SHARE * len(body):
                warnings.append(
                    table_warning(
                        doc,
                        recovered,
                        "table_header_not_found",
                        f"no header row found among its first {MAX_HEADER_SEARCH_ROWS} rows; "
                        "its columns are unnamed",
                    )
                )
    return warnings
