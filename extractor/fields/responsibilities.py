"""Responsibilities: which units carry which task, as lead units and participants.

Two sources, both in the plan's own words, one unit per element:

- the unit list in brackets that closes a task paragraph,
  `（县住房和城乡建设局、县公安局，索镇、果里镇，城区街道办事处按职责分工负责）`: each
  `，`-clause takes the verb of its own or of the next clause that has one, so every unit
  before `按职责分工负责` is responsible. A bracket that never closes runs to the end of
  the paragraph. The task is the title of the item (section) the paragraph sits in.
- sentences naming a lead and helpers: `由A及B牵头，C、D等部门参与`, `A牵头负责…`,
  `A、B等参与单位`, `A要发挥…牵头部门作用`, `C、D等部门根据职能协同…`.
- task tables (`工作任务 | 牵头单位 | 配合单位`): one record per body row, the task
  from the task column, leads and participants from the unit columns.

Lists split on 、 ， ； outside brackets, so `各县（市、区）建设部门` stays one unit.
Lead vs participants: a unit that must deliver (负责 / 牵头 / 推动 / 落实 / 实施, incl.
`按职责分工负责`) is a lead; a unit that helps (参与 / 配合 / 协同 / 协助) a participant.
A list is taken only when every element looks like a unit (ends in a unit suffix such as
局/办/所/中心/队/科/社区, or is a short department name such as 发改, 公安, 市场监管).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.models import Responsibility, Section
from extractor.structure import RecoveredTable, Structure

# the verb closing a clause of a bracketed unit list:
# 按职责分工负责 / 按照职责分工推动 / 负责实施 / 牵头 / 配合
LIST_VERB_PATTERN = re.compile(
    r"(?P<verb>(?:按照?(?:各自)?职责(?:分工)?|根据职能|分别)?"
    r"(?:牵头负责|负责实施|负责落实|负责|牵头|推动|落实|实施|参与|配合|协同|协助))$"
)
# verbs that make a unit a participant rather than a lead
PARTICIPANT_VERBS = ("参与", "配合", "协同", "协助")
# `由A、B牵头` anywhere in a clause: 绿色社区创建行动由县住房和城乡建设局及涉及镇（街道）牵头
LEAD_BY_PATTERN = re.compile(r"由(?P<units>[^，。；由]+?)(?:共同)?牵头")
# units opening a clause, then a verb: 镇三大整治办牵头负责… / 发改、教育等部门参与 /
# 各居民区要积极配合… / 发展改革、民政等部门根据职能协同指导…
UNITS_THEN_VERB_PATTERN = re.compile(
    r"^(?P<units>[^，。；]+?)"
    r"(?:要|应|须|积极|主动|共同|根据职能|按照?(?:各自)?职责(?:分工)?)*"
    r"(?P<verb>牵头|参与|配合|协同|协助)"
)
# units that take the lead role by name: 各级建设部门要发挥绿色社区建设行动的牵头部门作用
LEAD_ROLE_PATTERN = re.compile(
    r"^(?P<units>[^，。；]+?)(?:要|应)?发挥[^，。；]*?牵头(?:部门|单位)?作用"
)
# where a list splits: 、 ， and 及 right after a unit suffix (县住房和城乡建设局及涉及镇)
UNIT_SPLIT_PATTERN = re.compile(r"[、，,；;]|(?<=[局办所心委室队科部厅院会站组处门])及")
# where a unit column's cell splits: 县民政局、县公安局 / 县民政局 县公安局
CELL_SPLIT_PATTERN = re.compile(r"[、，,；;/]|\s+")
# the header of a task table's lead column: 牵头单位 / 责任单位 / 主责部门 / 责任主体
LEAD_HEADER_PATTERN = re.compile(r"牵头|责任单位|责任部门|主责|负责单位|负责部门|责任主体|实施主体")
# the header of a task table's participant column: 配合单位 / 参与部门 / 协办单位
PARTICIPANT_HEADER_PATTERN = re.compile(r"配合|参与|协办|协同|协助")
# the header of a task table's task column: 工作任务 / 重点任务 / 主要内容 / 工作措施
TASK_HEADER_PATTERN = re.compile(r"任务|内容|事项|措施|工作|项目")
# a table cell piece longer than this is a note, not a unit
CELL_UNIT_MAX_CHARS = 30
# what trails the last unit of a list: 等 / 等部门 / 等单位 / 等有关部门
UNIT_TAIL_PATTERN = re.compile(r"(?:等(?:相关|有关)?(?:部门|单位)?)$")
# a unit named with its suffix: 县公安局 / 城区街道办事处 / 索镇 / 各社区 / 派出所 / 城管中队
UNIT_SUFFIX_PATTERN = re.compile(
    r"(?:局|办|办事处|所|中心|委|委员会|室|队|科|部|部门|厅|院|会|站|组|处|单位|街道|镇|乡|"
    r"社区|居委会|居民区|村|分局|（街道）)$"
)
# a department named without suffix, as in 发改、教育、公安、自然资源、市场监管
SHORT_UNIT_PATTERN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# a unit is plain CJK, brackets allowed (with 、 inside: 各县（市、区）建设部门)
UNIT_TEXT_PATTERN = re.compile(r"^[\u4e00-\u9fff（）、]{2,25}$")
# words that never stand in a unit name: 全县30%以上的城市社区, 要动员志愿者
NOT_UNIT_WORDS = re.compile(r"的|要|将|对|在|把|为|是|动员|广泛|积极")
# a `，`-clause of a sentence, without the comma or the sentence end
CLAUSE_PATTERN = re.compile(r"[^，,。；]+")
# where a bracketed unit list splits into clauses: 县公安局，县住房保障事务中心；索镇
LIST_CLAUSE_SPLIT_PATTERN = re.compile(r"[，,；;]")
# a sentence can name units only if it holds one of these verbs (a cheap first filter)
SENTENCE_VERB_PATTERN = re.compile(r"牵头|参与|配合|协同|协助")
# a task item's own number and title when no section covers it: （一）建立工作机制。…
ITEM_HEADING_PATTERN = re.compile(
    r"^\s*(?P<number>[（(][一二三四五六七八九十]+[）)]|\d+[．.、])\s*(?P<title>[^。；\s]{2,40})[。；]?"
)


@dataclass(frozen=True)
class UnitList:
    """A unit list found in the text: where it is and who leads / participates."""

    start: int
    end: int
    lead: list[str]
    participants: list[str]


def split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """`text` split at the `separator` matches that lie outside （…）."""
    pieces: list[str] = []
    begin = depth = scanned = 0
    for match in separator.finditer(text):
        between = text[scanned : match.start()]
        depth += between.count("（") + between.count("(") - between.count("）") - between.count(")")
        scanned = match.start()
        if depth <= 0:
            pieces.append(text[begin : match.start()])
            begin = match.end()
    pieces.append(text[begin:])
    return pieces


def split_units(text: str) -> list[str] | None:
    """The units of a list, or None when any element is not unit-like."""
    text = UNIT_TAIL_PATTERN.sub("", text.strip())
    units = [u.strip() for u in split_outside_brackets(text, UNIT_SPLIT_PATTERN)]
    units = [UNIT_TAIL_PATTERN.sub("", u) for u in units if u]
    if not units or not all(is_unit(u, alone=len(units) == 1) for u in units):
        return None
    return units


def is_unit(text: str, alone: bool) -> bool:
    """Whether `text` names a unit; alone, it needs a unit suffix (not just `社区居民`)."""
    if not UNIT_TEXT_PATTERN.match(text) or NOT_UNIT_WORDS.search(text):
        return False
    if UNIT_SUFFIX_PATTERN.search(text):
        return True
    return not alone and bool(SHORT_UNIT_PATTERN.match(text))


def trailing_bracket(text: str) -> tuple[int, int] | None:
    """`[start, end)` in `text` of the bracket that ends it, or of one that never closes."""
    if "（" not in text and "(" not in text:
        return None
    stripped = text.rstrip().rstrip("。；;.")
    if stripped.endswith(("）", ")")):
        depth = 0
        for i in range(len(stripped) - 1, -1, -1):
            if stripped[i] in "）)":
                depth += 1
            elif stripped[i] in "（(":
                depth -= 1
                if depth == 0:
                    return i, len(stripped)
        return None
    if stripped.count("（") + stripped.count("(") <= stripped.count("）") + stripped.count(")"):
        return None  # every bracket closes
    open_at: list[int] = []
    for i, char in enumerate(stripped):
        if char in "（(":
            open_at.append(i)
        elif char in "）)" and open_at:
            open_at.pop()
    return (open_at[-1], len(text.rstrip())) if open_at else None


def parse_bracket_units(inner: str) -> tuple[list[str], list[str]] | None:
    """(lead, participants) of a bracketed list `A、B，C按职责分工负责`, or None."""
    clauses = [c.strip() for c in LIST_CLAUSE_SPLIT_PATTERN.split(inner.strip().rstrip("。"))]
    clauses = [c for c in clauses if c]
    if not clauses or not LIST_VERB_PATTERN.search(clauses[-1]):
        return None
    lead: list[str] = []
    participants: list[str] = []
    pending: list[str] = []
    for clause in clauses:
        verb = LIST_VERB_PATTERN.search(clause)
        units = split_units(clause[: verb.start()] if verb else clause)
        if units is None:
            return None
        pending.extend(units)
        if verb:
            target = participants if verb.group("verb").endswith(PARTICIPANT_VERBS) else lead
            target.extend(pending)
            pending = []
    return lead, participants


def find_bracket_list(paragraph: Paragraph) -> UnitList | None:
    """The unit list in brackets that closes `paragraph`, or None."""
    span = trailing_bracket(paragraph.text)
    if span is None:
        return None
    start, end = span
    inner = paragraph.text[start + 1 : end]
    inner = inner[:-1] if inner.endswith(("）", ")")) else inner
    parsed = parse_bracket_units(inner)
    if parsed is None:
        return None
    return UnitList(paragraph.start + start, paragraph.start + end, *parsed)


def parse_clause_units(clause: str) -> tuple[list[str], list[str]]:
    """(lead, participants) named in one `，`-clause of a running sentence."""
    if match := LEAD_BY_PATTERN.search(clause):
        units = split_units(match.group("units"))
        if units:
            return units, []
    if match := LEAD_ROLE_PATTERN.match(clause):
        units = split_units(match.group("units"))
        if units:
            return units, []
    if match := UNITS_THEN_VERB_PATTERN.match(clause):
        units = split_units(match.group("units"))
        if units:
            if match.group("verb") in PARTICIPANT_VERBS:
                return [], units
            return units, []
    return [], []


def sentences_with_verbs(text: str) -> Iterator[tuple[int, int]]:
    """`[start, end)` in `text` of each sentence holding a SENTENCE_VERB_PATTERN verb."""
    covered = -1
    for verb in SENTENCE_VERB_PATTERN.finditer(text):
        if verb.start() < covered:
            continue
        start = max(text.rfind("。", 0, verb.start()), text.rfind("；", 0, verb.start())) + 1
        ends = [i for i in (text.find("。", verb.end()), text.find("；", verb.end())) if i >= 0]
        covered = min(ends) + 1 if ends else len(text)
        yield start, covered


def find_sentence_lists(text: str, offset: int) -> list[UnitList]:
    """One UnitList per sentence of `text` that names leads or participants.

    Its span runs from the first to the last clause that names units.
    """
    found: list[UnitList] = []
    for start, end in sentences_with_verbs(text):
        lead: list[str] = []
        participants: list[str] = []
        spans: list[tuple[int, int]] = []
        for clause in CLAUSE_PATTERN.finditer(text, start, end):
            if not SENTENCE_VERB_PATTERN.search(clause.group(0)):
                continue
            clause_lead, clause_participants = parse_clause_units(clause.group(0).strip())
            if clause_lead or clause_participants:
                spans.append((offset + clause.start(), offset + clause.end()))
            lead.extend(u for u in clause_lead if u not in lead)
            participants.extend(u for u in clause_participants if u not in participants)
        if spans:
            found.append(UnitList(spans[0][0], spans[-1][1], lead, participants))
    return found


def task_of(structure: Structure, paragraph: Paragraph) -> tuple[str | None, str | None]:
    """(task title, section number) of the innermost section holding `paragraph`.

    Falls back to the paragraph's own `（一）title。` when no section covers it.
    """
    path: list[Section] = structure.section_path(paragraph.start)
    if path:
        return path[-1].title, path[-1].number
    match = ITEM_HEADING_PATTERN.match(paragraph.text)
    if match:
        return match.group("title"), match.group("number")
    return None, None


def split_cell_units(text: str) -> list[str]:
    """The units of a table cell in a lead/participant column (`等` dropped)."""
    units = [
        UNIT_TAIL_PATTERN.sub("", u.strip())
        for u in split_outside_brackets(text, CELL_SPLIT_PATTERN)
    ]
    return [u for u in units if u and len(u) <= CELL_UNIT_MAX_CHARS]


def task_table_columns(header: list[str]) -> tuple[int | None, list[int], list[int]]:
    """(task column, lead columns, participant columns) of a table header."""
    lead = [c for c, h in enumerate(header) if LEAD_HEADER_PATTERN.search(h)]
    participants = [
        c for c, h in enumerate(header) if c not in lead and PARTICIPANT_HEADER_PATTERN.search(h)
    ]
    task = next(
        (
            c
            for c, h in enumerate(header)
            if c not in lead and c not in participants and TASK_HEADER_PATTERN.search(h)
        ),
        None,
    )
    return task, lead, participants


def responsibilities_from_table(
    structure: Structure, recovered: RecoveredTable
) -> list[Responsibility]:
    """One record per body row of a task table with lead or participant columns."""
    table = recovered.table
    task_col, lead_cols, participant_cols = task_table_columns(table.header)
    if not lead_cols and not participant_cols:
        return []
    doc: Document = structure.doc
    first_body = recovered.title_rows + recovered.header_rows
    path = structure.section_path(recovered.block.start)
    section = path[-1].number if path else None
    records: list[Responsibility] = []
    for index, row in enumerate(table.rows):
        lead = [u for c in lead_cols for u in split_cell_units(row[c])]
        participants = [u for c in participant_cols for u in split_cell_units(row[c])]
        if not lead and not participants:
            continue
        source = recovered.block.rows[first_body + index]
        records.append(
            Responsibility(
                task=(row[task_col].strip() or None) if task_col is not None else None,
                section=section,
                lead=lead,
                participants=participants,
                evidence=doc.evidence(source[0].start, source[-1].end),
            )
        )
    return records


def extract_responsibilities(structure: Structure) -> list[Responsibility]:
    """Every unit list of the plan's paragraphs, then of its task tables, in order."""
    doc = structure.doc
    records: list[Responsibility] = []
    for paragraph in doc.paragraphs:
        bracket = find_bracket_list(paragraph)
        body_end = bracket.start - paragraph.start if bracket else len(paragraph.text)
        lists = find_sentence_lists(paragraph.text[:body_end], paragraph.start)
        if bracket:
            lists.append(bracket)
        if not lists:
            continue
        task, section = task_of(structure, paragraph)
        records.extend(
            Responsibility(
                task=task,
                section=section,
                lead=found.lead,
                participants=found.participants,
                evidence=doc.evidence(found.start, found.end),
            )
            for found in lists
        )
    for recovered in structure.tables:
        records.extend(responsibilities_from_table(structure, recovered))
    return records
