"""Deadlines: dated duties anywhere in the plan, with who acts, for whom, and what they do.

A duty is a date followed by 前/之前 (`2021年12月15日前…向街道进行申报`, `每年10月15日前…上报
省建设厅`) or an approximate time (`11月下旬，…`). A sentence with several dates holds one
duty per date (`10月30日之前…；11月15日之前…；11月下旬…`). The year of a month and day comes
from the sentence, the phase or the paragraph around it, or stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.fields.dates import (
    DATE_PATTERN,
    DateParts,
    date_parts,
    last_day_of_month,
    parse_period,
    resolve_date,
)
from extractor.fields.phases import PhaseSpan, phases_with_spans
from extractor.fields.targets import sentence_spans
from extractor.models import Deadline, Phase
from extractor.structure import Structure

# A duty ends here (a new duty may follow): …汇总后提交区精细化推进办；11月15日之前…
DUTY_END_PATTERN = re.compile(r"[；;。！？]")
# A clause ends here: …报镇三大整治办汇总，
CLAUSE_END_PATTERN = re.compile(r"[，,；;。！？]")
# Where an action's words stop: a clause end or a parenthetical （盖章扫描…）
ACTION_END_PATTERN = re.compile(r"[，,；;。！？（(]")

# A dated duty: 每年10月15日前, 2021年12月15日前, 10月1日之前, 于当年10月15日前, 2021年底前,
# or an approximate time without 前: 11月下旬
DEADLINE_PATTERN = re.compile(
    rf"(?P<yearly>每年度?|当年度?)?(?P<date>{DATE_PATTERN.pattern})"
    rf"(?:(?P<before>之前|以前|前)|(?<=旬))"
)
# A bare year, to take as context: 2022年
CONTEXT_YEAR_PATTERN = re.compile(r"(?<!\d)(\d{4})年")
# A cheap first look: a paragraph without these holds no duty (10月15日前, 3月底之前, 下旬)
DUTY_HINT_PATTERN = re.compile(r"[日号月底末](?:之|以)?前|旬")
# A parenthetical that is only a period: （2021年3月底前）, （2021年4月至12月） — a label
PAREN_PATTERN = re.compile(r"[（(]([^（）()]*)[)）]")
# A share in a duty makes it a target restated, not a duty: 2021年底前将…扩大到30%的社区
PERCENT_PATTERN = re.compile(r"\d\s*%|百分之")

# Endings of a unit or group that can act or receive: 部门, 单位, 社区, 居民区, 办, 局, 厅…,
# or of an area acting through its government: 各区, 各县（市、区）
UNIT_SUFFIX = (
    r"(?:部门|单位|社区|居民区|居委会|委员会|办公室|领导小组|工作组|小组|办|局|厅|委|"
    r"街道|镇|乡|政府|中心|所|队|科室|处|科|站|区|县|市|省)"
)
# A unit's own parenthetical: 各镇（街道）, 各县（市、区）建设部门
UNIT_PARENTHETICAL = r"[（(][\u4e00-\u9fff、]{1,12}[)）]"
# An actor heading a clause, before its verb: 各居民区将…, 社区管理办进行…, 各社区要…,
# 各设区市建设部门于…, 同时社区也可以…, 各镇（街道）要…, 各县（市、区）建设部门要…
ACTOR_PATTERN = re.compile(
    rf"(?:同时|并且|并|且|由)?(?![向在于对把将与和按从为])"
    rf"(?P<actor>(?:[\u4e00-\u9fff]|{UNIT_PARENTHETICAL}){{0,24}}?{UNIT_SUFFIX}"
    rf"(?:{UNIT_PARENTHETICAL})?)"
    r"(?=(?:也|还|均|须|需|应)?(?:将|要|应|须|需|可以|可|于|在|向|会同|进行|负责|报|对|按|组织|汇总))"
)
# An actor named with 由: 本表由设区市住房和城乡建设部门汇总填写
BY_ACTOR_PATTERN = re.compile(
    rf"由(?P<actor>[\u4e00-\u9fff]{{2,24}}?{UNIT_SUFFIX})"
    r"(?=负责|汇总|统一|牵头|会同|填写|组织|进行|报送|上报)"
)
# Words between an actor and the date: 各设区市建设部门于每年…, 并于10月底前, 在2021年…
BEFORE_DATE_FILLER = re.compile(r"(?:要|应|须|需|并|也)?(?:于|在)?$")

# A recipient after 向: 向街道进行申报, 向县住房和城乡建设局报送
TO_RECIPIENT_PATTERN = re.compile(
    r"向(?P<unit>[^，,；;。！？（()）]{1,30}?)(?=进行|报送|上报|报告|提交|申报|汇报|报)"
)
# A recipient after 至 in a report: 报送年度评估总结情况至…领导小组办公室, 报送至…领导小组
REPORT_TO_PATTERN = re.compile(
    r"(?:报送|上报|提交|报)[^，,；;。！？]{0,30}?至(?P<unit>[^，,；;。！？（()）]{1,40}?)"
    r"(?=[，,；;。！？（(]|$)"
)
# A recipient right after a reporting verb: 上报省建设厅, 报镇三大整治办汇总, 提交区精细化推进办
REPORT_PATTERN = re.compile(
    r"(?<![汇申填])(?:报送|上报|提交|报)(?![告表名至送])"
    r"(?P<unit>[^，,；;。！？（()）]{1,40}?)(?=汇总|审核|备案|审定|并|[，,；;。！？（(]|$)"
)


@dataclass(frozen=True)
class DutyMatch:
    """One dated duty found in a sentence: the date's parts and spans.

    `[start, end)` is the date phrase (with 每年 / 前); `duty_end` where this duty's text
    stops (the next duty's date, a semicolon, or the sentence end).
    """

    parts: DateParts
    yearly: bool
    start: int
    end: int
    duty_end: int


def is_period_label(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` sits in parentheses that hold a period and nothing else."""
    opening = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
    if opening < 0:
        return False
    found = PAREN_PATTERN.match(text, opening)
    return bool(found and found.end() >= end and parse_period(found.group(1), whole=True))


def duties_in_sentence(text: str, start: int, end: int) -> list[DutyMatch]:
    """The dated duties of one sentence; 每年 before the first carries over to later dates
    of the same sentence that give no year of their own."""
    matches = [
        m
        for m in DEADLINE_PATTERN.finditer(text, start, end)
        if not is_period_label(text, m.start(), m.end())
    ]
    duties: list[DutyMatch] = []
    yearly = False
    for i, found in enumerate(matches):
        parts = date_parts(found.group("date"))
        if parts.year is None and parts.month is None:
            continue
        if parts.month is None and parts.part not in ("底", "末"):
            continue  # 2022年前 is too vague to be a deadline
        if found.group("yearly"):
            yearly = True
        elif parts.year is not None:
            yearly = False
        next_start = matches[i + 1].start() if i + 1 < len(matches) else end
        stop = DUTY_END_PATTERN.search(text, found.end(), next_start)
        duty_end = stop.start() if stop else next_start
        duties.append(
            DutyMatch(parts, yearly and parts.year is None, found.start(), found.end(), duty_end)
        )
    return duties


def clause_start(text: str, floor: int, offset: int) -> int:
    """Start of the clause holding `offset` (just after the previous comma or semicolon)."""
    begin = floor
    for found in CLAUSE_END_PATTERN.finditer(text, floor, offset):
        begin = found.end()
    return begin


def find_actor(text: str, sentence_start: int, duty: DutyMatch) -> tuple[str | None, int, int]:
    """Who must act, where the action's words begin, and where the evidence should start.

    Looked for right after the date (`10月1日之前，各居民区将…`), then right before it
    (`各设区市建设部门于每年…`), then as the subject of an earlier clause of the sentence
    (`各社区要…，于每年11月20日前…`, `本表由设区市住房和城乡建设部门汇总填写，…`).
    """
    begin = clause_start(text, sentence_start, duty.start)
    after = duty.end
    while after < duty.duty_end and text[after] in "，, ":
        after += 1
    found = ACTOR_PATTERN.match(text, after, duty.duty_end)
    if found:
        return found.group("actor"), found.end("actor"), begin
    head = text[begin : duty.start]
    filler = BEFORE_DATE_FILLER.search(head)
    subject = head[: filler.start()] if filler else head
    found = ACTOR_PATTERN.match(subject + "将") if subject else None
    if found and found.end("actor") == len(subject):
        return found.group("actor"), after, begin
    for clause_begin in reversed(clause_starts(text, sentence_start, begin)):
        found = ACTOR_PATTERN.match(text, clause_begin, begin) or BY_ACTOR_PATTERN.search(
            text, clause_begin, clause_end(text, clause_begin, begin)
        )
        if found:
            return found.group("actor"), after, clause_begin
    return None, after, begin


def clause_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where the clauses of `text[start:end]` begin."""
    starts = [start]
    for found in CLAUSE_END_PATTERN.finditer(text, start, end):
        if found.end() < end:
            starts.append(found.end())
    return starts


def clause_end(text: str, start: int, end: int) -> int:
    """Offset of the first clause end at or after `start` (or `end`)."""
    found = CLAUSE_END_PATTERN.search(text, start, end)
    return found.start() if found else end


def find_recipient(text: str, start: int, end: int) -> tuple[str | None, int]:
    """To whom the duty reports (`省建设厅`, `镇三大整治办`) and where that name ends."""
    for pattern in (TO_RECIPIENT_PATTERN, REPORT_TO_PATTERN, REPORT_PATTERN):
        for found in pattern.finditer(text, start, end):
            unit = found.group("unit")
            if re.fullmatch(rf"[\u4e00-\u9fff]*{UNIT_SUFFIX}", unit):
                return unit, found.end("unit")
    return None, start


def context_year(
    text: str, paragraph: Paragraph, sentence_start: int, duty: DutyMatch, phase: Phase | None
) -> int | None:
    """The year a month-and-day duty falls in: from an earlier date of its sentence, else
    from its phase (when the day fits only one year of it), else from its paragraph."""
    years = CONTEXT_YEAR_PATTERN.findall(text, sentence_start, duty.start)
    if years:
        return int(years[-1])
    if phase is not None and (year := year_within_phase(duty.parts, phase)) is not None:
        return year
    years = CONTEXT_YEAR_PATTERN.findall(text, paragraph.start, duty.start)
    return int(years[-1]) if years else None


def year_within_phase(parts: DateParts, phase: Phase) -> int | None:
    """The only year in which the month of `parts` falls inside the phase's period."""
    if parts.month is None:
        return None
    bounds = [d for d in (phase.start, phase.end) if d is not None]
    fitting = set()
    for year in {d.year for d in bounds}:
        first = dt.date(year, parts.month, 1)
        last = dt.date(year, parts.month, last_day_of_month(year, parts.month))
        if (phase.start is None or last >= phase.start) and (
            phase.end is None or first <= phase.end
        ):
            fitting.add(year)
    return fitting.pop() if len(fitting) == 1 else None


def deadline_from_duty(
    doc: Document,
    paragraph: Paragraph,
    sentence: tuple[int, int],
    duty: DutyMatch,
    phase: Phase | None,
) -> Deadline | None:
    """The Deadline record of one duty, or None when it restates a target (has a share) or
    has no action words."""
    text = doc.text
    actor, action_start, evidence_start = find_actor(text, sentence[0], duty)
    action_end_match = ACTION_END_PATTERN.search(text, action_start, duty.duty_end)
    action_end = action_end_match.start() if action_end_match else duty.duty_end
    if PERCENT_PATTERN.search(text, duty.start, action_end):
        return None
    action = text[action_start:action_end].strip() or None
    if action is None:
        return None  # a date with nothing to do: a heading's period, not a duty
    recipient, recipient_end = find_recipient(text, action_start, duty.duty_end)
    parts = duty.parts
    year = None
    if not duty.yearly:
        year = (
            parts.year
            if parts.year is not None
            else context_year(text, paragraph, sentence[0], duty, phase)
        )
    date = resolve_date(parts, "deadline", year) if year is not None else None
    approximate = text[duty.start : duty.end] if parts.part in ("上旬", "中旬", "下旬") else None
    if approximate:
        approximate = DATE_PATTERN.search(approximate).group(0)
    month, day = month_and_day(parts, date)
    return Deadline(
        date=None if duty.yearly else date,
        recurrence="yearly" if duty.yearly else None,
        month=month,
        day=day,
        approximate=approximate,
        action=action,
        actor=actor,
        recipient=recipient,
        evidence=doc.evidence(evidence_start, max(action_end, recipient_end)),
    )


def month_and_day(parts: DateParts, date: dt.date | None) -> tuple[int | None, int | None]:
    """The month and day a duty falls on: as written (`10月15日`), or as resolved where the
    text says 底 (`10月底` → 10, 31; `2021年底` → 12, 31); a ten-day period keeps no day."""
    month, day = parts.month, parts.day
    if parts.part in ("底", "末"):
        if date is not None:
            return date.month, date.day
        if month is not None and month != 2:
            return month, last_day_of_month(2001, month)  # any year: only February varies
    return month, day


def phase_of(spans: list[tuple[PhaseSpan, Phase]], offset: int) -> Phase | None:
    """The phase whose heading or body holds `offset`."""
    for span, phase in spans:
        if span.start <= offset < span.end:
            return phase
    return None


def extract_deadlines(structure: Structure) -> list[Deadline]:
    """Every dated duty of the plan's paragraphs, in document order."""
    doc = structure.doc
    spans: list[tuple[PhaseSpan, Phase]] | None = None  # computed only when a year is missing
    deadlines: list[Deadline] = []
    for paragraph in doc.paragraphs:
        if not DUTY_HINT_PATTERN.search(paragraph.text):
            continue
        for sentence in sentence_spans(doc.text, paragraph.start, paragraph.end):
            for duty in duties_in_sentence(doc.text, *sentence):
                phase = None
                if duty.parts.year is None and not duty.yearly:
                    spans = phases_with_spans(structure) if spans is None else spans
                    phase = phase_of(spans, duty.start)
                deadline = deadline_from_duty(doc, paragraph, sentence, duty, phase)
                if deadline is not None:
                    deadlines.append(deadline)
    return deadlines
