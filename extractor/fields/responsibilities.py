"""Responsibilities: which units carry which task, as lead units and participants.

Three sources, all in the plan's own words, one unit per element:

- the unit list in brackets that closes a task paragraph,
  `（县住房和城乡建设局、县公安局，索镇、果里镇，城区街道办事处按职责分工负责）`: each
  `，`-clause takes the verb of its own or of the next clause that has one, so every unit
  before `按职责分工负责` is responsible. A bracket that never closes runs to the end of
  the paragraph. The task is the title of the item (section) the paragraph sits in.
- sentences naming a lead and helpers: `由A及B牵头，C、D等部门参与`, `A牵头负责…`,
  `A、B等参与单位`, `A要发挥…牵头部门作用`, `C、D等部门根据职能协同…`,
  `A（要）会同B加强…` (A lead, B participants). In an organisation or measures section
  also a unit subject with `负责` / `要` / `应` / `须` (`各社区要积极申报…` → lead 各社区),
  `A作为…责任主体，一是要…` and `A是…实施单位，要…` (A lead of what follows), and
  `A在…过程中，要…` (the modal in the next clause).
  A clause whose units carry a duty of their own (`A牵头负责考核督促，B牵头负责推进…`)
  starts its own record, whose task is that duty as written (up to the next such clause,
  a clause opening with a date, or the sentence end); a clause without its own duty
  (`由A牵头`, `C、D等部门参与`) joins the sentence's open record, or starts one. A record
  without a duty takes the clauses without units that directly follow it as its task
  (`…等参与单位，对创建行动给予支持协调`); failing that, the task is the section title.
  After `一是…`, each `二是…` / `三是…` item is a record of its own with the same units.
  Identical records are kept once.
- task tables (`工作任务 | 牵头单位 | 配合单位`): one record per body row, the task
  from the task column, leads and participants from the unit columns.

`section` is the number path of the section holding the text, outermost first
(`二（三）`, `五（二）`), so that `（一）` under 二 and under 四 differ.
Lists split on 、 ， ； outside brackets, so `各县（市、区）建设部门` stays one unit.
Lead vs participants: a unit that must deliver (负责 / 牵头 / 推动 / 落实 / 实施, incl.
`按职责分工负责`, and the A of `A会同B`) is a lead; a unit that helps (参与 / 配合 / 协同 /
协助, and the B of `A会同B`) a participant. A list is taken only when every element looks
like a unit (ends in a unit suffix such as 局/办/所/中心/队/科/社区, or is a short
department name such as 发改, 公安, 市场监管); a subject with `要` / `负责` alone must end in
a unit suffix or be `各X` (各社区, 各地).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.models import Responsibility, Section, SectionKind, Warning
from extractor.normalize import HAN
from extractor.structure import RecoveredTable, Structure

# the verb closing a clause of a bracketed unit list:
# 按职责分工负责 / 按照职责分工推动 / 负责实施 / 牵头 / 配合
LIST_VERB_PATTERN = re.compile(
    r"(?P<verb>(?:按照?(?:各自)?职责(?:分工)?|根据职能|分别)?"
    r"(?:牵头负责|负责实施|负责落实|负责|牵头|推动|落实|实施|参与|配合|协同|协助))$"
)
# what closes a bracket: ） or )
CLOSING_BRACKETS = ("）", ")")
# verbs that make a unit a participant rather than a lead
PARTICIPANT_VERBS = ("参与", "配合", "协同", "协助")
# `由A、B牵头` anywhere in a clause: 绿色社区创建行动由县住房和城乡建设局及涉及镇（街道）牵头
LEAD_BY_PATTERN = re.compile(r"由(?P<units>[^，。；由]+?)(?:共同)?牵头")
# units opening a clause, then a verb, then the duty: 镇三大整治办牵头负责考核督促 /
# 发改、教育等部门参与 / 各居民区要积极配合做好… / 发展改革等部门根据职能协同指导…
UNITS_THEN_VERB_PATTERN = re.compile(
    r"^(?P<units>[^，。；]+?)"
    r"(?:要|应|须|积极|主动|共同|根据职能|按照?(?:各自)?职责(?:分工)?)*"
    r"(?P<verb>牵头负责|牵头|参与|配合|协同|协助)(?:单位|部门)?(?P<duty>.*)$"
)
# where a unit named after 会同 ends: 相关部门 / 相关行业部门 / 市住房城乡建设管理委;
# not inside a word: 办法, 办理, 所有, 局面, 委托
PARTNER_END = r"(?:部门|单位|委员会|委|局|办|厅|中心|所|院|站|队)(?![法理公事有面托位伍])"
# a lead, 会同, partner units, then the duty: 县住房和城乡建设局及涉及的镇（街道）要会同相关部门
# 加强…调度指导 / 由区精推办会同相关行业部门对申报项目… / 某办将会同市建管委、市科技委组织…
JOINT_PATTERN = re.compile(
    r"^由?(?P<units>[^，。；]+?)(?:要|应|须|将)?会同"
    rf"(?P<partners>[^，。；]*?{PARTNER_END}(?:、?[^，。；、]{{1,8}}?{PARTNER_END})*)"
    r"(?P<duty>.*)$"
)
# a unit subject, 负责 or a modal, then its duty (organisation/measures sections only):
# 各社区负责研究制定… / 各职能科室要按照各自职责分别指导… / 各地应统筹用好…
SUBJECT_DUTY_PATTERN = re.compile(
    r"^(?P<units>[^，。；]+?)(?:(?:要|应|须)?(?:积极|主动|切实)?负责|要|应|须)(?P<duty>.+)$"
)
# a unit subject named as the one in charge, its duties in the next clauses:
# 各社区作为落实绿色社区创建工作的责任主体，一是要建立…
SUBJECT_AS_PATTERN = re.compile(r"^(?P<units>[^，。；]+?)作为[^，。；]*$")
# a unit subject named as the unit carrying the work, its duties in the next clauses:
# 涉及的镇（街道）是绿色社区创建行动的具体实施单位，要充分发挥…
SUBJECT_IS_PATTERN = re.compile(r"^(?P<units>[^，。；]+?)是[^，。；]*(?:单位|主体|部门)$")
# a unit subject with the setting of its duty, the modal in the next clause:
# 各地在社区人居环境建设和整治中，应积极选用… / 各社区在…建设和整治过程中，要积极选用…
SUBJECT_SETTING_PATTERN = re.compile(r"^(?P<units>[^，。；在]+?)在[^，。；]*(?:中|时|期间)$")
# a clause opening with a modal (and no subject): 要积极选用… / 应统筹… / 须按时报送
MODAL_OPENING_PATTERN = re.compile(r"^(?:要|应|须)")
# the first item of an enumeration of duties: 一是要建立… / 一要…
FIRST_ITEM_PATTERN = re.compile(r"^一(?:是|要)")
# a further item of an enumeration of duties: 二是创建过程中… / 三是以社区为基本单位… / 二要…
NEXT_ITEM_PATTERN = re.compile(r"^[二三四五六七八九十](?:是|要)")
# a subject named only as 各X: 各社区 / 各地 / 各创建社区
EACH_UNIT_PATTERN = re.compile(rf"^各{HAN}{{1,8}}$")
# words that open a duty but are not part of it: 一是要 / 二要 / 积极 / 按照各自职责分别 /
# 按照本方案，
DUTY_OPENING_PATTERN = re.compile(
    r"^(?:[一二三四五六七八九十](?:是|(?=要)))?(?:要|应|须)?(?:积极|主动|切实)?"
    r"(?:(?:按照?|根据|依照)(?:各自)?职责(?:分工)?|(?:按照|根据|依照)[^，。；]{1,10}，)?"
    r"(?:分别)?"
)
# a clause opening with a date ends a duty: 10月1日之前，… / 于每年11月20日前报送… / 于2020年9月底前
DATE_OPENING_PATTERN = re.compile(
    r"^(?:于|在)?(?:\d|每年|每季|每月|[一二三四五六七八九十]+月|年底|年初|同时)"
)
# section kinds whose sentences may name a subject with 负责 / 要: 组织实施, 保障措施
CHARGE_SECTION_KINDS: frozenset[SectionKind] = frozenset({"organization", "measures"})
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
    r"社区|居委会|居民区|村|分局|（街道）|政府|公司|集团)$"
)
# a department named without suffix, as in 发改、教育、公安、自然资源、市场监管
SHORT_UNIT_PATTERN = re.compile(rf"^{HAN}{{2,4}}$")
# a unit is plain CJK, brackets allowed (with 、 inside: 各县（市、区）建设部门)
UNIT_TEXT_PATTERN = re.compile(rf"^(?:{HAN}|[（）、]){{2,25}}$")
# words that never stand in a unit name: 要动员志愿者 (的 only in a list: 涉及的镇（街道）,
# or alone before a named unit, see GENERIC_UNIT_WORDS)
NOT_UNIT_WORDS = re.compile(r"要|将|对|在|把|为|是|动员|广泛|积极")
# words that name no unit by themselves after 的: 参与创建的单位 / 有关的部门 / 相关的机构
GENERIC_UNIT_WORDS = frozenset({"单位", "部门", "机构", "主体"})
# a `，`-clause of a sentence, without the comma or the sentence end
CLAUSE_PATTERN = re.compile(r"[^，,。；]+")
# where a bracketed unit list splits into clauses: 县公安局，县住房保障事务中心；索镇
LIST_CLAUSE_SPLIT_PATTERN = re.compile(r"[，,；;]")
# a sentence can name units only if it holds one of these verbs (a cheap first filter)
SENTENCE_VERB_PATTERN = re.compile(r"牵头|参与|配合|协同|协助|会同|负责|要|应|须|作为")
# a sentence of a paragraph, up to and with its 。 or ；
SENTENCE_PATTERN = re.compile(r"[^。；]+[。；]?")
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
    duty: tuple[int, int] | None = None


@dataclass(frozen=True)
class ClauseUnits:
    """The units one `，`-clause names, and where in it their own duty starts (or None)."""

    lead: list[str]
    participants: list[str]
    duty_at: int | None = None


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
    if alone and "的" in text:
        named = text.rsplit("的", 1)[1]  # 涉及的镇（街道） → 镇（街道）
        if named in GENERIC_UNIT_WORDS or not UNIT_SUFFIX_PATTERN.search(named):
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


def subject_units(text: str) -> list[str] | None:
    """The units of a subject before `要` / `负责`: unit-suffixed names or `各X`."""
    if EACH_UNIT_PATTERN.match(text.strip()) and not NOT_UNIT_WORDS.search(text):
        return [text.strip()]
    units = split_units(text)
    if units and all(UNIT_SUFFIX_PATTERN.search(u) for u in units):
        return units
    return None


def parse_clause(clause: str, subject_duties: bool = False, following: str = "") -> ClauseUnits:
    """The units one `，`-clause of a running sentence names, and where their duty starts.

    `subject_duties` also takes a unit subject with `负责` / `要`, `A作为…`, `A是…单位`
    and `A在…中` followed by a clause opening with `要` / `应` (`following`, the next
    clause), for organisation and measures sections.
    """
    if match := LEAD_BY_PATTERN.search(clause):
        if units := split_units(match.group("units")):
            return ClauseUnits(units, [])
    if match := LEAD_ROLE_PATTERN.match(clause):
        if units := split_units(match.group("units")):
            return ClauseUnits(units, [])
    if match := JOINT_PATTERN.match(clause):
        lead = split_units(match.group("units"))
        partners = split_units(match.group("partners"))
        if lead and partners:
            return ClauseUnits(lead, partners, duty_of(match))
    if match := UNITS_THEN_VERB_PATTERN.match(clause):
        if units := split_units(match.group("units")):
            if match.group("verb") in PARTICIPANT_VERBS:
                return ClauseUnits([], units, duty_of(match))
            return ClauseUnits(units, [], duty_of(match))
    if not subject_duties:
        return ClauseUnits([], [])
    if match := SUBJECT_AS_PATTERN.match(clause) or SUBJECT_IS_PATTERN.match(clause):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], len(clause))
    if MODAL_OPENING_PATTERN.match(following) and (match := SUBJECT_SETTING_PATTERN.match(clause)):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], len(clause))
    if match := SUBJECT_DUTY_PATTERN.match(clause):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], duty_of(match))
    return ClauseUnits([], [])


def duty_of(match: re.Match[str]) -> int | None:
    """Where the `duty` group of a clause match starts, or None when it is empty."""
    return match.start("duty") if match.group("duty").strip() else None


def parse_clause_units(clause: str) -> tuple[list[str], list[str]]:
    """(lead, participants) named in one `，`-clause of a running sentence."""
    found = parse_clause(clause)
    return found.lead, found.participants


@dataclass
class OpenRecord:
    """A record being built while a sentence is read clause by clause.

    `duty_open`: the next clause without units continues the duty (or, when the record
    has none yet, becomes it).
    """

    start: int
    end: int
    lead: list[str]
    participants: list[str]
    duty: tuple[int, int] | None
    duty_open: bool

    def take(self, lead: list[str], participants: list[str], end: int) -> None:
        """Adds the units of a clause without a duty of its own, ending at `end`."""
        self.lead.extend(u for u in lead if u not in self.lead)
        self.participants.extend(u for u in participants if u not in self.participants)
        self.end = end
        self.duty_open = self.duty is None

    def extend_duty(self, start: int, end: int) -> None:
        """Continues the duty (or starts it) with the clause at `[start, end)`."""
        self.duty = (self.duty[0] if self.duty else start, end)
        self.end = end

    def duty_is_empty(self) -> bool:
        """Whether no clause has been read into the duty yet."""
        return self.duty is None or self.duty[0] == self.duty[1]


@dataclass(frozen=True)
class ClauseSpan:
    """A `，`-clause of a sentence: its text without outer spaces and where it lies."""

    body: str
    start: int
    end: int


def sentence_clauses(text: str, start: int, end: int, offset: int) -> list[ClauseSpan]:
    """The non-empty `，`-clauses of `text[start:end]`, placed at `offset`."""
    clauses = []
    for clause in CLAUSE_PATTERN.finditer(text, start, end):
        raw = clause.group(0)
        body = raw.strip()
        if body:
            begin = offset + clause.start() + len(raw) - len(raw.lstrip())
            clauses.append(ClauseSpan(body, begin, begin + len(body)))
    return clauses


def find_sentence_lists(text: str, offset: int, subject_duties: bool = False) -> list[UnitList]:
    """The UnitLists the sentences of `text` name (see the module docstring).

    A list's span runs from its first clause to its last clause (duty included);
    `duty` is the span of its own duty, None when it names none. A record without a
    duty takes the clauses without units that directly follow it as its duty. After
    `一是…`, each `二是…` / `三是…` item (in the same or a following sentence) is a
    record of its own with the same units.
    """
    found: list[OpenRecord] = []
    enumerating: OpenRecord | None = None  # the record whose duty opened with 一是
    for sentence in SENTENCE_PATTERN.finditer(text):
        if enumerating is None or not NEXT_ITEM_PATTERN.match(sentence.group(0).lstrip()):
            enumerating = None
            if not SENTENCE_VERB_PATTERN.search(sentence.group(0)):
                continue
        clauses = sentence_clauses(text, sentence.start(), sentence.end(), offset)
        current: OpenRecord | None = None
        for index, clause in enumerate(clauses):
            following = clauses[index + 1].body if index + 1 < len(clauses) else ""
            units = parse_clause(clause.body, subject_duties, following)
            if not units.lead and not units.participants:
                if enumerating and NEXT_ITEM_PATTERN.match(clause.body):
                    current = OpenRecord(
                        clause.start,
                        clause.end,
                        list(enumerating.lead),
                        list(enumerating.participants),
                        (clause.start, clause.end),
                        True,
                    )
                    found.append(current)
                elif current and current.duty_open and not DATE_OPENING_PATTERN.match(clause.body):
                    if current.duty_is_empty() and FIRST_ITEM_PATTERN.match(clause.body):
                        enumerating = current
                    current.extend_duty(clause.start, clause.end)
                elif current:
                    current.duty_open = False
                continue
            enumerating = None
            if current is None or (units.duty_at is not None and units.lead):
                duty_start = clause.start + units.duty_at if units.duty_at is not None else None
                current = OpenRecord(
                    clause.start,
                    clause.end,
                    units.lead,
                    units.participants,
                    (duty_start, clause.end) if duty_start is not None else None,
                    True,
                )
                found.append(current)
            else:
                current.take(units.lead, units.participants, clause.end)
    return [UnitList(r.start, r.end, r.lead, r.participants, r.duty) for r in found]


def clean_duty(text: str) -> str | None:
    """A duty as a task: `一是要建立…机制，负责…` → `建立…机制，负责…`; None when empty."""
    duty = DUTY_OPENING_PATTERN.sub("", text.strip().lstrip("，,、"), count=1).strip()
    return duty.rstrip("，。；、 ") or None


def section_number_path(path: list[Section]) -> str | None:
    """The numbers of a section path, outermost first: [二, （三）] → `二（三）`."""
    numbers = [s.number for s in path if s.number]
    return "".join(numbers) or None


def task_of(structure: Structure, paragraph: Paragraph) -> tuple[str | None, str | None, bool]:
    """(task title, section number path, in a charge section) of `paragraph`.

    The title is the innermost section's; the third value tells whether the path holds
    an organisation or measures section. Falls back to the paragraph's own
    `（一）title。` when no section covers it.
    """
    path: list[Section] = structure.section_path(paragraph.start)
    if path:
        in_charge = any(s.kind in CHARGE_SECTION_KINDS for s in path)
        return path[-1].title, section_number_path(path), in_charge
    match = ITEM_HEADING_PATTERN.match(paragraph.text)
    if match:
        return match.group("title"), match.group("number"), False
    return None, None, False


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
    section = section_number_path(structure.section_path(recovered.block.start))
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
    """Every unit list of the plan's paragraphs, then of its task tables, in order.

    A record equal to an earlier one (task, section, lead, participants) is left out.
    """
    doc = structure.doc
    records: list[Responsibility] = []
    for paragraph in doc.paragraphs:
        bracket = find_bracket_list(paragraph)
        body_end = bracket.start - paragraph.start if bracket else len(paragraph.text)
        title, section, in_charge = task_of(structure, paragraph)
        lists = find_sentence_lists(paragraph.text[:body_end], paragraph.start, in_charge)
        if bracket:
            lists.append(bracket)
            if not doc.text[bracket.start : bracket.end].endswith(CLOSING_BRACKETS):
                structure.warnings.append(unclosed_bracket_warning(doc, bracket))
        records.extend(
            Responsibility(
                task=(clean_duty(doc.text[found.duty[0] : found.duty[1]]) if found.duty else None)
                or title,
                section=section,
                lead=found.lead,
                participants=found.participants,
                evidence=doc.evidence(found.start, found.end),
            )
            for found in lists
        )
    for recovered in structure.tables:
        records.extend(responsibilities_from_table(structure, recovered))
    return without_repeats(records)


def unclosed_bracket_warning(doc: Document, bracket: UnitList) -> Warning:
    """The doubt a unit list whose bracket never closes leaves: where it really ends."""
    return Warning(
        code="bracket_unclosed",
        message="a unit list's bracket never closes; the list was read to the paragraph end",
        evidence=doc.evidence(bracket.start, bracket.end),
    )


def without_repeats(records: list[Responsibility]) -> list[Responsibility]:
    """`records` without those equal to an earlier one in task, section and units."""
    seen: set[tuple[object, ...]] = set()
    kept: list[Responsibility] = []
    for record in records:
        key = (record.task, record.section, tuple(record.lead), tuple(record.participants))
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept
