"""Deadlines: dated duties anywhere in the plan, with who acts, for whom, and what they do.

A duty is a date followed by 前/之前 (`2021年12月15日前…向街道进行申报`, `每年10月15日前…上报
省建设厅`), an approximate time (`11月下旬，…`) or a year reached with 到 and an action but no
figure (`到2022年实现生活垃圾分类全覆盖`). A sentence with several dates holds one duty per
date (`10月30日之前…；11月15日之前…；11月下旬…`); a duty's action runs over its coordinate
clauses up to the next dated clause; where the actor's clause only names what a dated
report hands over (`各部门制定的实施办法，于…前报送…`), the action opens with it. A start
opening the sentence in a clause of its own (`从2019年起，`) is part of the evidence. The
year of a month and day comes from the sentence, the phase or the paragraph around it, or
stays unknown. The same duty stated twice (in the
text and again under a form) is one record.

A task table with a deadline column (`工作任务 | 牵头单位 | 完成时限`) gives one duty per task
row with a time limit: the task as action, the row's lead units as actor (`甲局牵头，乙局配合`
→ 甲局), the date as a measure's time limit is read (`2023年—2025年` → 2025-12-31, `每年12月
底前` yearly, `6月底前` in the plan's year); a limit without a date (`持续推进`, `长期坚持`,
`2024年起`) is no deadline, as in the text, and one recurring more often than yearly
(`每季度`) is a warning, not a record.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractor.document import Document, Paragraph
from extractor.fields import Extracted, PlanDating
from extractor.fields.dates import (
    DATE_FIRST_CHARS,
    DATE_PATTERN,
    PERIOD_PATTERN,
    YEAR_PATTERN,
    DateParts,
    date_parts,
    is_approximate_part,
    last_day_of_month,
    parse_period,
    qualifies_noun_after,
    resolve_date,
)
from extractor.fields.phases import PhaseSpan, phases_with_spans
from extractor.fields.responsibilities import (
    inline_label_run,
    read_bracket,
    settle_roles,
    task_row_units,
    task_table_columns,
    top_level_brackets,
)
from extractor.fields.targets import figures_in, plan_issued_on, sentence_spans, sets_goal
from extractor.lookahead import led_by
from extractor.models import Deadline, Phase, Warning
from extractor.normalize import HAN
from extractor.numerals import YEAR_NUMBER, year_value
from extractor.structure import RecoveredTable, Structure
from extractor.structure.sections import article_number_end, numbering_end
from extractor.structure.tables import body_grid, header_column, is_spanning_row, table_warning
from extractor.vocabulary import (
    AREA_SUFFIXES,
    KEY_VALUE_LINE_PATTERN,
    LEAD_LABELS,
    ROLE_LABEL_PATTERN,
    TIME_LIMIT_PATTERN,
    TIME_LIMIT_WORDS,
    UNIT_SUFFIXES,
    alternation,
)

# A duty ends here (a new duty may follow): …汇总后提交区精细化推进办；11月15日之前…
DUTY_END_PATTERN = re.compile(r"[；;。！？]")
# A clause ends here: …报镇三大整治办汇总，
CLAUSE_END_PATTERN = re.compile(r"[，,；;。！？]")
# A clause end, for where a first clause stops: …扩大到30%的社区，
FIRST_CLAUSE_END_PATTERN = re.compile(r"[，,；;。！？]")
# A parenthetical closing an action, left out of it: …领导小组（挂靠社区发展办）, or one the
# action's clause ends inside: …完成改造（市城管局牵头，各区政府负责） → 完成改造
TRAILING_PAREN_PATTERN = re.compile(r"[（(][^（）()]*(?:[)）]\s*)?$")
# A clause that starts another duty or only hopes, ending the action before it:
# 由区精推办会同…, 力争取得阶段性成果, 争取…
OTHER_CLAUSE_PATTERN = re.compile(rf"由{HAN}{{1,24}}?(?:会同|负责|牵头|组织|进行|对)|力争|争取")
# A modal opening an action, not part of it: 要积极申报, 须报送, 应当…, 将会同… (将 as "will",
# before a verb or preposition; 将 before an object, 将创建申请报告…报…, stays)
LEADING_MODAL_PATTERN = re.compile(
    r"^(?:也|还|均)?(?:应当|必须|要|须|需|应"
    r"|将(?=会同|对|组织|进行|按照|按|根据|结合|在|于|向|与|开展|加强|及时|积极|继续|全面|完成|"
    r"逐步|陆续|统一|牵头|负责|汇总|上报|报送|提交))"
)

# A dated duty: 每年10月15日前, 2021年12月15日前, 10月1日之前, 于当年10月15日前, 2021年底前,
# 二〇二一年十月底前, or an approximate time without 前: 11月下旬, 2019年上半年, 2021年一季度;
# 次年1月底前 / 翌年3月底前 recur too (each year's report, due the year after it)
DEADLINE_PATTERN = re.compile(
    led_by(
        f"每当次翌{DATE_FIRST_CHARS}",
        rf"(?P<yearly>每年度?|当年度?|次年度?|翌年度?)?(?P<date>{DATE_PATTERN.pattern})"
        rf"(?:(?P<before>之前|以前|前)|(?<=旬)|(?<=半年)|(?<=季度))",
    )
)
# The year after each year, for a yearly report (次年1月底前报送上年情况); after a named year
# (2024年启动，次年6月底前…) it is one date this reading does not resolve
FOLLOWING_YEAR_WORDS = ("次年", "翌年")
# Dates joined under one 前, each a deadline of the same duty: 每年6月底和12月底前 /
# 3月、6月、9月底前 (每年 before the first holds for all)
DATE_JOINERS = ("和", "及", "与", "、")
COORDINATED_DEADLINES_PATTERN = re.compile(
    led_by(
        f"每{DATE_FIRST_CHARS}",
        rf"(?P<yearly>每年度?)?(?P<dates>(?:{DATE_PATTERN.pattern})"
        rf"(?:\s*(?:和|及|与|、)\s*(?:{DATE_PATTERN.pattern}))+)(?:之前|以前|前)",
    )
)
# The end of a year the sentence does not name, before which a duty is due: 年底前 / 今年年底前 /
# 本年度末前 (not the end of 2023年底前, read with its year; the year comes from the context
# or the plan's issue date)
YEAR_END_PATTERN = re.compile(
    led_by(
        "今本当年",
        r"(?<![\d〇○零一二三四五六七八九十年])(?:今年|本年度?|当年)?(?P<date>年(?:底|末|度末))(?:之|以)?前",
    )
)
YEAR_END = DateParts(month=12, part="底")
# A year to be reached, with an action and no 前: 到2022年实现…全覆盖, 到2022年底实现创建目标,
# and with the action later in its clause: 到2019年底，各地要全面完成…, 到2020年，基本建成…
BY_YEAR_PATTERN = re.compile(
    rf"(?<=[到至])(?P<date>{YEAR_PATTERN}(?:底|末)?)"
    r"(?=[，,]?[^，,；;。！？]{0,20}?(?:要|将|基本|全面|全部|初步)?"
    r"(?:实现|完成|建成|形成|达到|覆盖|建立|推广|推行|构建|完善|健全|达标))"
)
# A figure makes a 到YYYY年 phrase a target, not a duty: 30%, 百分之六十, 10个社区
FIGURE_PATTERN = re.compile(r"\d\s*%|百分之|[\d一二两三四五六七八九十百]+个")
# A bare year, to take as context: 2022年, 二〇二二年
CONTEXT_YEAR_PATTERN = re.compile(rf"(?<![\d〇○零一二三四五六七八九])({YEAR_NUMBER})年")
# A cheap first look: a paragraph without these holds no duty (10月15日前, 3月底之前, 下旬,
# 上半年, 一季度, 到2022年, 到二〇二二年)
DUTY_HINT_PATTERN = re.compile(
    led_by(
        "日号月底末旬半季到至",
        rf"(?:[日号月底末](?:之|以)?前|旬|半年|季度|[到至](?:{YEAR_NUMBER})年)",
    )
)
# A parenthetical that is only a period: （2021年3月底前）, （2021年4月至12月） — a label
PAREN_PATTERN = re.compile(r"[（(]([^（）()]*)[)）]")
# more characters than a period written in full (`二〇二一年十二月三十一日至二〇二二年十二月
# 三十一日`, 26) can hold: a bracket opened further back than this holds no period alone
PERIOD_LABEL_MAX_CHARS = 40
# A share in a duty makes it a target restated, not a duty: 2021年底前将…扩大到30%的社区
PERCENT_PATTERN = re.compile(r"\d\s*%|百分之")

# Endings of a unit or group that can act or receive (vocabulary.UNIT_SUFFIXES): 部门, 单位,
# 社区, 居民区, 办, 局, 厅…, or of an area acting through its government (AREA_SUFFIXES):
# 各区, 各县（市、区）, 各省份, and 各地
UNIT_SUFFIX = f"(?:{alternation(UNIT_SUFFIXES + AREA_SUFFIXES)}|(?<=各)地)"
# A unit's own parenthetical: 各镇（街道）, 各县（市、区）建设部门
UNIT_PARENTHETICAL = rf"[（(](?:{HAN}|、){{1,12}}[)）]"
# A share inside an actor's words: 街道所辖社区总数的25%比例的社区
SHARE = r"\d+(?:\.\d+)?%"
# An actor heading a clause, before its verb: 各居民区将…, 社区管理办进行…, 各社区要…, 请各单位于…,
# 各设区市建设部门于…, 同时社区也可以…, 各镇（街道）要…, 各县（市、区）建设部门要…,
# 街道所辖社区总数的25%比例的社区可作为…, 2020年底前各市县完成… (not the adverb 全部: 于…前全部
# 完成)
ACTOR_PATTERN = re.compile(
    rf"(?:同时|并且|并|且|由|请)?(?![向在于对把将与和按从为报交]|全部)"
    rf"(?P<actor>(?:{HAN}|{UNIT_PARENTHETICAL}|{SHARE}){{0,24}}?{UNIT_SUFFIX}"
    rf"(?:{UNIT_PARENTHETICAL})?)"
    r"(?=(?:也|还|均|须|需|应)?(?:将|要|应|须|需|可以|可|于|在|向|会同|进行|负责|报|对|按|组织|汇总|完成"
    r"|印发|制定|出台|编制|提出|研究))"
)
# A unit's name, all Chinese characters, ending like a unit: 省建设厅, 镇三大整治办
UNIT_NAME_PATTERN = re.compile(rf"{HAN}*{UNIT_SUFFIX}")
# An actor named with 由: 本表由设区市住房和城乡建设部门汇总填写
BY_ACTOR_PATTERN = re.compile(
    rf"由(?P<actor>{HAN}{{2,24}}?{UNIT_SUFFIX})"
    r"(?=负责|汇总|统一|牵头|会同|填写|组织|进行|报送|上报)"
)
# Words between an actor and the date: 各设区市建设部门于每年…, 并于10月底前, 在2021年…,
# 国务院办公厅将于…, 各地要在…前, 乡镇政府汇总后于…, 县城管局要在今年9月底前…
BEFORE_DATE_FILLER = re.compile(
    rf"(?:{HAN}{{2}}后)?(?:要|应|须|需|并|也|将|拟)?(?:于|在)?(?:今年|本年度?|当年)?$"
)  # also 乡镇政府汇总后于…, 县城管局要在今年9月底前…

# A start opening a sentence before its duty, all of its first clause: 从2019年起，各部门于
# 每年2月底前… / 自2020年开始，… (it says from when a yearly duty holds: its evidence)
START_CLAUSE_PATTERN = re.compile(rf"\s*(?:从|自)(?:{DATE_PATTERN.pattern})(?:起|开始)?[，,]\s*")
# What an actor's clause holds when it names the thing a dated report hands over, not a duty
# of its own: 各部门制定的实施办法，于…前报送… (a noun phrase closed by 的 and its noun; no
# modal: 各地要做好统筹工作，于…前报… is a duty, then another)
FRONTED_OBJECT_PATTERN = re.compile(
    r"^(?!(?:也|还|均)?(?:要|应|须|需|将|可|拟|并))[^，,；;。的]*的[^，,；;。的]{0,18}"
    r"(?:办法|方案|计划|措施|报告|清单|材料|意见|细则|制度|名单|总结|情况|数据|台账)$"
)  # a document handed over; not 按照本方案的要求，于…前上报… (a manner, then the duty)
# A dated clause that only hands over what the clause before it names: …，于…前报送国务院办公厅
HANDING_OVER_PATTERN = re.compile(r"(?:报送|上报|提交|报)(?![告名销道])")  # not 报名, 报销
# A clause that only gives a unit its role, no work: 乙局配合 / 甲局牵头 / 各镇负责
ROLE_CLAUSE_END_PATTERN = re.compile(r"(?:牵头|负责|配合|参与|协助|协同|协办)$")
# A dated clause that only says the work is done, the work named by the clause before it:
# 开展社区环境整治，2025年9月底前完成 / …，年底前全部完工 / …，6月底前建成投用 (the action is
# that clause, with the verb when it says more than 完成)
BARE_COMPLETION_PATTERN = re.compile(
    r"^(?:全部|基本|全面|如期|按期)?(?P<verb>完成|完工|办结|建成|到位|落实到位|投入使用|建成投用|投用)"
    r"(?:任务|工作)?$"
)
# the verbs of a bare completion that add nothing to the work named before them
DONE_VERBS = ("完成", "完工", "办结")
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
    stops (the next duty's date, a semicolon, or the sentence end). `by_year` marks a year
    to be reached (`到2020年，…`), whose clauses are all outcomes of that year.
    """

    parts: DateParts
    yearly: bool
    start: int
    end: int
    duty_end: int
    by_year: bool = False


def is_period_label(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` sits in parentheses that hold a period and nothing else."""
    # a period's words are short: an opening further back holds more than one can be
    floor = max(0, start - PERIOD_LABEL_MAX_CHARS)
    opening = max(text.rfind("（", floor, start), text.rfind("(", floor, start))
    if opening < 0:
        return False
    found = PAREN_PATTERN.match(text, opening)
    return bool(found and found.end() >= end and parse_period(found.group(1), whole=True))


def duties_in_sentence(text: str, start: int, end: int) -> list[DutyMatch]:
    """The dated duties of one sentence; 每年 before the first carries over to later dates
    of the same sentence that give no year of their own. A duty runs to a semicolon, or to
    the last clause end before the next dated clause, or to the sentence end."""
    matches = sorted(
        [
            m
            for m in DEADLINE_PATTERN.finditer(text, start, end)
            if not is_period_label(text, m.start(), m.end())
            and not (m.group("before") and qualifies_noun_after(text, m.end(), end))
        ]
        + [
            m
            for m in BY_YEAR_PATTERN.finditer(text, start, end)
            if not by_year_has_figure(text, m, end)
        ]
        + list(YEAR_END_PATTERN.finditer(text, start, end)),
        key=lambda m: m.start(),
    )
    duties: list[DutyMatch] = []
    yearly = False
    for i, found in enumerate(matches):
        # 年底前 names the end of a year it leaves to the context (the plan's year)
        parts = YEAR_END if found.re is YEAR_END_PATTERN else date_parts(found.group("date"))
        by_year = found.re is BY_YEAR_PATTERN
        if parts.year is None and parts.month is None:
            continue
        if parts.month is None and not by_year and not says_period_end(parts):
            continue  # 2022年前 is too vague to be a deadline
        if (said := found.groupdict().get("yearly")) and said.startswith(FOLLOWING_YEAR_WORDS):
            if CONTEXT_YEAR_PATTERN.search(text, start, found.start()):
                continue  # 2024年启动，次年6月底前…: a year after a named one, not resolved
            yearly = True
        elif said:
            yearly = True
        elif parts.year is not None:
            yearly = False
        next_start = matches[i + 1].start() if i + 1 < len(matches) else end
        duties.append(
            DutyMatch(
                parts,
                yearly and parts.year is None,
                found.start(),
                found.end(),
                duty_end(text, found.end(), next_start, end),
                by_year,
            )
        )
    return with_coordinated_dates(text, start, end, duties)


def with_coordinated_dates(
    text: str, start: int, end: int, duties: list[DutyMatch]
) -> list[DutyMatch]:
    """`duties` with the dates joined to a duty's date under its one 前 (`每年6月底和12月底
    前分别报送…`: the duty of 12月底前 is due at 6月底 too, yearly as 每年 says for both)."""
    if not any(text[d.start - 1 : d.start] in DATE_JOINERS for d in duties if d.start > start):
        return duties  # no date joined to a duty's (most sentences)
    for group in COORDINATED_DEADLINES_PATTERN.finditer(text, start, end):
        dates = list(DATE_PATTERN.finditer(text, group.start("dates"), group.end("dates")))
        index = next((i for i, d in enumerate(duties) if d.start == dates[-1].start()), None)
        if index is None or duties[index].by_year:
            continue
        # one duty: every date's record starts where the group does (its actor is before it)
        last = duties[index]
        first_year = date_parts(dates[0].group(0)).year
        yearly = bool(group.group("yearly")) or last.yearly
        last = duties[index] = replace(
            last,
            parts=shared_part(last.parts, last.parts, first_year),
            start=group.start(),
            yearly=yearly and last.parts.year is None,
        )
        duties[index:index] = [
            replace(
                last,
                parts=shared_part(parts, last.parts, first_year),
                yearly=yearly and parts.year is None,
            )
            for found in dates[:-1]
            if (parts := date_parts(found.group(0))).month is not None
        ]
    return duties


def shared_part(parts: DateParts, last: DateParts, year: int | None) -> DateParts:
    """A joined date's parts with what the others state for all: the first date's year
    (`2023年6月底和12月底前`) and the last date's part of the month (`3月、6月、9月底前`: each
    底), where it gives none of its own."""
    if parts.year is None and year is not None:
        parts = replace(parts, year=year)
    if parts.day is None and parts.part is None and last.part is not None:
        parts = replace(parts, part=last.part)
    return parts


def says_period_end(parts: DateParts) -> bool:
    """True for a year's part that ends on a known day: 底/末 (2021年底前), a half (2019年上半年)
    or a quarter (2021年一季度)."""
    return parts.part in ("底", "末") or is_approximate_part(parts.part)


def by_year_has_figure(text: str, found: re.Match[str], end: int) -> bool:
    """True when the words a `到2022年` phrase governs (up to a semicolon or the sentence
    end) hold a figure: `到2020年底，全省形成30所左右…` is a target, not a duty."""
    stop = DUTY_END_PATTERN.search(text, found.end(), end)
    stop_at = stop.start() if stop else end
    return bool(FIGURE_PATTERN.search(text, found.end(), stop_at)) or bool(
        figures_in(text, found.end(), stop_at)
    )


def states_goal_figure(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` (a duty's first clause) sets a figure as a goal: a share,
    or a count after a verb of building or a comparator (`明确1个省级试点县`, not
    `推荐1名联络员`). Such a duty is a target restated, and a target never becomes a duty."""
    if PERCENT_PATTERN.search(text, start, end):
        return True
    return any(
        figure.count is not None and sets_goal(text, figure, start, None)
        for figure in figures_in(text, start, end)
    )


def duty_end(text: str, start: int, next_start: int, sentence_end: int) -> int:
    """Where a duty beginning at `start` stops: a semicolon before `next_start`, else the
    last clause end before the next dated clause, else the sentence end."""
    if stop := DUTY_END_PATTERN.search(text, start, next_start):
        return stop.start()
    if next_start >= sentence_end:
        return sentence_end
    last = None
    for found in CLAUSE_END_PATTERN.finditer(text, start, next_start):
        last = found
    return last.start() if last else next_start


def own_clauses_end(text: str, start: int, end: int) -> int:
    """Where the clauses of one duty stop: before a later clause that names another actor
    (`由区精推办会同…`, `市…推进办将…`) or only hopes (`力争…`), else `end`."""
    for found in CLAUSE_END_PATTERN.finditer(text, start, end):
        clause = found.end()
        if OTHER_CLAUSE_PATTERN.match(text, clause, end) or ACTOR_PATTERN.match(text, clause, end):
            return found.start()
    return end


def action_bounds(text: str, start: int, end: int, outcomes: bool = False) -> tuple[int, int]:
    """`[start, end)` of a duty's action: without a leading modal (要, 须, 将 as "will") and
    a closing parenthetical (`（挂靠社区发展办）`). With `outcomes` (the clauses of a year to
    be reached, `到2020年，A…，B在…取得进展`) a later clause naming a unit is one more outcome,
    not another actor's duty."""
    while start < end and text[start] in "，, ":
        start += 1
    if found := LEADING_MODAL_PATTERN.match(text[start:end]):
        start += found.end()
    if not outcomes:
        end = own_clauses_end(text, start, end)
    if found := TRAILING_PAREN_PATTERN.search(text, start, end):
        end = found.start()
    while end > start and text[end - 1] in "，,： ":
        end -= 1
    return start, end


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
            if UNIT_NAME_PATTERN.fullmatch(unit):
                return unit, found.end("unit")
    return None, start


def context_year(
    text: str, paragraph: Paragraph, sentence_start: int, duty: DutyMatch, phase: Phase | None
) -> int | None:
    """The year a month-and-day duty falls in: from an earlier date of its sentence, else
    from its phase (when the day fits only one year of it), else from its paragraph."""
    years = CONTEXT_YEAR_PATTERN.findall(text, sentence_start, duty.start)
    if years:
        return year_value(years[-1])
    if phase is not None and (year := year_within_phase(duty.parts, phase)) is not None:
        return year
    years = CONTEXT_YEAR_PATTERN.findall(text, paragraph.start, duty.start)
    return year_value(years[-1]) if years else None


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
    first_clause = FIRST_CLAUSE_END_PATTERN.search(text, action_start, duty.duty_end)
    if states_goal_figure(
        text, duty.start, first_clause.start() if first_clause else duty.duty_end
    ):
        return None
    action_start, action_end = action_bounds(
        text, action_start, duty.duty_end, outcomes=duty.by_year and actor is None
    )
    action = text[action_start:action_end].strip() or None
    if action is None:
        return None  # a date with nothing to do: a heading's period, not a duty
    if actor is not None and (fronted := fronted_object(text, actor, evidence_start, duty)):
        action = fronted + action  # 各部门制定的办法，于…前报送… → 制定的办法报送…
    elif completed := completed_work(text, sentence[0], duty, action, actor):
        action, evidence_start = completed  # 开展环境整治，2025年9月底前完成 → 开展环境整治
    evidence_start = with_start_clause(text, sentence[0], evidence_start)
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
    approximate = text[duty.start : duty.end] if is_approximate_part(parts.part) else None
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


def fronted_object(text: str, actor: str, actor_clause: int, duty: DutyMatch) -> str | None:
    """The words after an actor, in a clause of their own right before a dated hand-over, that
    name what is handed over: `各有关部门制定的实施办法，于2018年12月31日前报送国务院办公厅` →
    制定的实施办法 (the action then reads 制定的实施办法报送国务院办公厅); None otherwise."""
    if not text.startswith(actor, actor_clause):
        return None
    date_clause = clause_start(text, actor_clause, duty.start)
    if date_clause == actor_clause or text[date_clause : duty.start] not in ("", "于", "在"):
        return None  # the date is in the actor's own clause, or a clause lies between
    words = text[actor_clause + len(actor) : date_clause - 1].strip()
    after = duty.end
    while after < duty.duty_end and text[after] in "，, ":
        after += 1
    if FRONTED_OBJECT_PATTERN.match(words) and HANDING_OVER_PATTERN.match(text, after):
        return words
    return None


def completed_work(
    text: str, sentence_start: int, duty: DutyMatch, action: str, actor: str | None
) -> tuple[str, int] | None:
    """(the action, where its evidence starts) of a dated clause that only says the work is
    done (`完成`, `全部建成`), the work being the clause right before it: `开展社区环境整治，
    2025年9月底前完成` → 开展社区环境整治; `各街道要…改造，年底前建成投用` → …改造建成投用 (its
    actor and modal left out). None when the action says more, or no clause precedes."""
    found = BARE_COMPLETION_PATTERN.match(action)
    if found is None:
        return None
    date_clause = clause_start(text, sentence_start, duty.start)
    if date_clause == sentence_start:
        return None
    if text[date_clause : duty.start].strip() not in ("", "于", "在"):
        return None  # 完善平台，并由区里于…前完成: more than a date opens the clause
    work_start = clause_start(text, sentence_start, date_clause - 1)
    work_start += numbering_end(text[work_start : date_clause - 1])  # 1.开展… → 开展…
    evidence_start = work_start
    if actor is not None and text.startswith(actor, work_start):
        work_start += len(actor)
    work = text[work_start : date_clause - 1].strip()
    if modal := LEADING_MODAL_PATTERN.match(work):
        work = work[modal.end() :]
    if not work or DEADLINE_PATTERN.search(work):
        return None  # the clause before is another dated duty
    if ROLE_CLAUSE_END_PATTERN.search(work):
        return None  # 甲局负责，乙局配合，7月1日前落实到位: the clause before says who, not what
    verb = found.group("verb")
    return (work if verb in DONE_VERBS else work + verb), evidence_start


def with_start_clause(text: str, sentence_start: int, evidence_start: int) -> int:
    """Where a duty's evidence starts: at the start that opens its sentence in a clause of its
    own (`从2019年起，各部门于每年2月底前…`: from when the duty holds), else `evidence_start`."""
    if evidence_start == sentence_start or text[evidence_start - 1] not in "，,":
        return evidence_start
    found = START_CLAUSE_PATTERN.match(text, sentence_start, evidence_start)
    return sentence_start if found and found.end() == evidence_start else evidence_start


def month_and_day(parts: DateParts, date: dt.date | None) -> tuple[int | None, int | None]:
    """The month and day a duty falls on: as written (`10月15日`), or as resolved where the
    text says 底 (`10月底` → 10, 31; `2021年底` → 12, 31) or gives only the year
    (`到2022年` → 12, 31); a ten-day period keeps no day."""
    month, day = parts.month, parts.day
    if month is None and date is not None:
        return date.month, date.day
    if parts.part in ("底", "末"):
        if date is not None:
            return date.month, date.day
        if month is not None and month != 2:
            return month, last_day_of_month(2001, month)  # any year: only February varies
    return month, day


# a task table's columns: its time limit (完成时限 / 时间节点 / 完成时间), its task
# (responsibilities.task_table_columns) and its lead (牵头单位 / 责任单位: vocabulary)
WHEN_WORDS = alternation(TIME_LIMIT_WORDS)
TABLE_WHEN_HEADER_PATTERN = TIME_LIMIT_PATTERN
# a duty due more often than yearly: 每月5日前 / 每季度末月25日前 / 每季度结束后10日内 /
# 每半年 / 每周五前 (the contract records yearly recurrence only)
RECURRING_DUTY_PATTERN = re.compile(
    r"每(?:个)?(?:月|季度?|半年|周|旬)(?:末月|初|末|第[一二三]个月|结束后)?"
    r"[^，,。；;]{0,6}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:日|号|天)?\s*(?:之?前|以?内)"
)
# a cheap first look for one
RECURRING_HINT_PATTERN = re.compile(r"每(?:个)?(?:月|季|半年|周|旬)")
# a time limit among the fields of an assignment: 完成时限：2023年12月 / 时间节点:年底前
WHEN_FIELD_PATTERN = re.compile(
    rf"(?:{WHEN_WORDS}){HAN}{{0,2}}\s*[：:]\s*(?P<when>[^；;，,。）)】]+)"
)
# a cheap first look for one in a paragraph
WHEN_HINT_PATTERN = TIME_LIMIT_PATTERN
# a line under a measure stating its time limit: 完成时限：2024年12月底前 / 时间节点:2025年6月
WHEN_LINE_PATTERN = re.compile(
    rf"^{HAN}{{0,4}}(?:{WHEN_WORDS}){HAN}{{0,2}}\s*[：:]\s*(?P<when>.+)$"
)
# a time-limit cell that says something (a date, 持续推进), not a blank's stand-in (`/`, `—`)
HAN_PATTERN = re.compile(HAN)
# a deadline cell that repeats every year: 每年12月底前
TABLE_YEARLY_PATTERN = re.compile(r"每年")


def deadlines_from_table(
    doc: Document, recovered: RecoveredTable
) -> tuple[list[tuple[Deadline, DateParts]], list[Warning]]:
    """One duty per task row of a table with a time-limit column, dated as a measure's time
    limit is (`deadline_from_when`), the task as action and its lead units as actor
    (`开展河道清淤 | 区水务局 | 2018年12月底` → 2018-12-31, actor 区水务局; `甲局牵头，乙局配合`
    → 甲局), with the date parts it ends on; a limit stating no date (`持续推进`, `长期坚持`,
    an open end `2024年起`) is no deadline, as in the text. A warning for each limit
    recurring more often than yearly (`每季度`), which a deadline cannot record. A row
    spanning the table groups rows."""
    header = recovered.table.header
    when_col = header_column(header, TABLE_WHEN_HEADER_PATTERN)
    task_col, lead_cols, participant_cols = task_table_columns(header)
    if when_col is None or task_col is None:
        return [], []
    found: list[tuple[Deadline, DateParts]] = []
    warnings: list[Warning] = []
    for number, (row, cells) in enumerate(
        zip(recovered.table.rows, body_grid(recovered), strict=True), start=1
    ):
        when = row[when_col]
        if not row[task_col] or not HAN_PATTERN.search(when) or is_spanning_row(row):
            continue  # no task, or no limit (blank, `/`, `—`)
        lead = task_row_units(cells, lead_cols, participant_cols)[0]
        span = (cells[0].start, cells[-1].end)
        if dated := deadline_from_when(doc, when, span, row[task_col], "、".join(lead) or None):
            found.append(dated)
        if RECURRING_HINT_PATTERN.search(when):
            message = (
                f"row {number}: the time limit {when} recurs more often than yearly, which a "
                "deadline cannot record"
            )
            warnings.append(
                table_warning(doc, recovered, "deadline_recurrence_unrecorded", message, cells)
            )
    return found, warnings


def phase_of(spans: list[tuple[PhaseSpan, Phase]], offset: int) -> Phase | None:
    """The phase whose heading or body holds `offset`."""
    for span, phase in spans:
        if span.start <= offset < span.end:
            return phase
    return None


def extract_deadlines(
    structure: Structure,
    phases: list[tuple[PhaseSpan, Phase]] | None = None,
    dating: PlanDating | None = None,
) -> Extracted[list[Deadline]]:
    """Every dated duty of the plan's paragraphs, in document order; a duty restated later
    (same day, same recipient) is kept once, as first stated. `phases` are the plan's
    phases with their spans (`phases_with_spans`) and `dating` its PlanDating (the issue
    date gives a year to a day without one), each worked out here when not given."""
    doc = structure.doc
    spans = phases
    # the plan's issue date: handed over, else looked up once and only when a day needs it
    issued_on = (
        (lambda: dating.issued_on)
        if dating is not None
        else functools.cache(functools.partial(plan_issued_on, doc))
    )
    deadlines: list[Deadline] = []
    warnings: list[Warning] = []
    stated: set[tuple] = set()  # duty_key of each kept record: a set, not a scan per record
    paths = structure.paragraph_paths()
    headings: tuple[list[int], list[int]] | None = None  # of the phases, looked up once

    def keep(found: tuple[Deadline, DateParts] | None) -> None:
        """Keeps a measure's time limit, its year from the plan's issue when it gives none."""
        if found is None:
            return
        deadline, parts = found
        if deadline.date is None and deadline.recurrence is None:
            deadline, warning = date_from_issue(deadline, parts, issued_on())
            warnings.extend([warning] if warning else [])
        if duty_key(deadline) not in stated:
            stated.add(duty_key(deadline))
            deadlines.append(deadline)

    for index, paragraph in enumerate(doc.paragraphs):
        path = paths[index]
        title = path[-1].title if path else None
        if KEY_VALUE_LINE_PATTERN.match(paragraph.text.strip()) and (
            when := WHEN_LINE_PATTERN.match(paragraph.text.strip())
        ):
            actor = label_line_actor(doc.paragraphs, index)
            span = (paragraph.start, paragraph.end)
            keep(deadline_from_when(doc, when.group("when"), span, title, actor))
            continue
        if RECURRING_HINT_PATTERN.search(paragraph.text):
            warnings.extend(recurring_duty_warnings(doc, paragraph))
        if not DUTY_HINT_PATTERN.search(paragraph.text) and not WHEN_HINT_PATTERN.search(
            paragraph.text
        ):
            continue
        assigned = assignment_deadlines(doc, paragraph, title) if title else []
        for _, found in assigned:
            keep(found)
        covered = [(paragraph.start + start, paragraph.start + end) for (start, end), _ in assigned]
        # after the paragraph's own number: 第六条　各地应于… / （一）各乡镇于…
        body = paragraph.start + max(
            article_number_end(paragraph.text), numbering_end(paragraph.text)
        )
        for sentence in sentence_spans(doc.text, body, paragraph.end):
            for duty in duties_in_sentence(doc.text, *sentence):
                spans = phases_with_spans(structure) if spans is None else spans
                headings = phase_headings(spans) if headings is None else headings
                if in_phase_heading(headings, duty.start):
                    continue  # 2023年5月底前为启动阶段: the phase's period, not a duty
                if any(start <= duty.start < end for start, end in covered):
                    continue  # a measure's time limit, kept above
                phase = None
                if duty.parts.year is None and not duty.yearly:
                    phase = phase_of(spans, duty.start)
                deadline = deadline_from_duty(doc, paragraph, sentence, duty, phase)
                if deadline is not None and needs_issue_year(deadline, duty):
                    deadline, warning = date_from_issue(deadline, duty.parts, issued_on())
                    warnings.extend([warning] if warning else [])
                if deadline is not None and duty_key(deadline) not in stated:
                    stated.add(duty_key(deadline))
                    deadlines.append(deadline)
    for recovered in structure.tables:
        rows, doubts = deadlines_from_table(doc, recovered)
        warnings.extend(doubts)
        for dated in rows:
            keep(dated)
    return Extracted(deadlines, warnings)


def deadline_from_when(
    doc: Document, when: str, span: tuple[int, int], action: str | None, actor: str | None
) -> tuple[Deadline, DateParts] | None:
    """The deadline a measure's time limit `when` states (the measure: `action`, the title
    of its section) with the date parts it ends on, evidenced by `span`; None when it states
    no date, only an opening (`2022年以后`), or there is no such measure.

    The limit is the end of what it names: `2024年12月底前` → 2024-12-31, `2025年6月` →
    2025-06-30, `2023年—2025年` → 2025-12-31; `每年12月底前` recurs yearly."""
    period = PERIOD_PATTERN.search(when)
    if action is None or period is None or period.group("after"):
        return None
    first = date_parts(period.group("first"))
    parts = date_parts(period.group("second")) if period.group("second") else first
    yearly = bool(TABLE_YEARLY_PATTERN.search(when))
    year = parts.year if parts.year is not None else first.year
    date = None if yearly else resolve_date(parts, "deadline", year)
    month, day = month_and_day(parts, date)
    deadline = Deadline(
        date=date,
        recurrence="yearly" if yearly else None,
        month=month,
        day=day,
        action=action,
        actor=actor,
        evidence=doc.evidence(*span),
    )
    return deadline, parts


def assignment_deadlines(
    doc: Document, paragraph: Paragraph, action: str | None
) -> list[tuple[tuple[int, int], tuple[Deadline, DateParts]]]:
    """The time limits stated in the assignments closing a paragraph's measures, with the
    span each assignment covers: a unit bracket (`（甲局负责，2023年12月底前完成）`,
    `（责任单位：甲局；完成时限：2023年12月）`) or field sentences (`…。责任单位：甲局；完成
    时限：2023年底前。`). Each is the measure's deadline (`action`: its section's title), its
    actor the assignment's leads."""
    text = paragraph.text
    spans = [(b.start, b.end) for b in top_level_brackets(text)]
    if run := inline_label_run(text, 0):
        spans.append(run)
    found = []
    for start, end in spans:
        inner = text[start:end]
        if not WHEN_HINT_PATTERN.search(inner) and not DUTY_HINT_PATTERN.search(inner):
            continue  # no time limit in it: no need to read its units
        when = WHEN_FIELD_PATTERN.search(inner)
        dated = when.group("when") if when else None
        roles = read_bracket(inner.strip("（）()【】"))
        if dated is None and roles is not None and (duty := DEADLINE_PATTERN.search(inner)):
            dated = inner[duty.start() :]  # 甲局负责，2023年12月底前完成
        if dated is None:
            continue
        actor = "、".join(settle_roles(roles, False)[0]) or None if roles else None
        span = (paragraph.start + start, paragraph.start + end)
        if deadline := deadline_from_when(doc, dated, span, action, actor):
            found.append(((start, end), deadline))
    return found


def recurring_duty_warnings(doc: Document, paragraph: Paragraph) -> list[Warning]:
    """A warning for each duty of `paragraph` that recurs more often than yearly (`每月5日前
    报送`, `每季度末月25日前`): the contract's recurrence is yearly or none, so it is said,
    not recorded."""
    return [
        Warning(
            code="deadline_recurrence_unrecorded",
            message=f"a duty due {found.group(0)} recurs more often than yearly, which a "
            "deadline cannot record: " + doc.text[sentence[0] : sentence[1]].strip()[:80],
            evidence=doc.evidence(*sentence),
        )
        for sentence in sentence_spans(doc.text, paragraph.start, paragraph.end)
        if (found := RECURRING_DUTY_PATTERN.search(doc.text, *sentence))
    ]


def label_line_actor(paragraphs: Sequence[Paragraph], index: int) -> str | None:
    """The units of the lead label line (`责任单位：…`, `牵头单位：…`) among the key：value
    lines around `paragraphs[index]`, as written; None when there is none."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(paragraphs):
            text = paragraphs[at].text.strip()
            label = ROLE_LABEL_PATTERN.match(text)
            if label and label.group("label") in LEAD_LABELS:
                return label.group("units").strip() or None
            if not KEY_VALUE_LINE_PATTERN.match(text):
                break
            at += step
    return None


def phase_headings(phases: list[tuple[PhaseSpan, Phase]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the phases' headings, in document order (`in_phase_heading`
    looks one up by bisection: a plan's every duty asks)."""
    return [span.start for span, _ in phases], [span.heading_end for span, _ in phases]


def in_phase_heading(headings: tuple[list[int], list[int]], offset: int) -> bool:
    """True when `offset` lies in the heading of a phase (`（一）2023年5月底前为启动阶段`),
    of the `phase_headings` given."""
    starts, ends = headings
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < ends[index]


def needs_issue_year(deadline: Deadline, duty: DutyMatch) -> bool:
    """True for a dated (not yearly) duty whose month and day no context gave a year."""
    return (
        deadline.date is None
        and deadline.recurrence is None
        and duty.parts.month is not None
        and duty.parts.year is None
        and not duty.parts.year_unknown
    )


def date_from_issue(
    deadline: Deadline, parts: DateParts, issued: dt.date | None
) -> tuple[Deadline, Warning | None]:
    """`deadline` dated in the year of the plan's issue (`3月15日前报…` in a plan of
    2020-02-05 → 2020-03-15; a day already past at issue falls in the next year), with a
    warning that the year was inferred; unchanged without an issue date."""
    if issued is None:
        return deadline, None
    year = issued.year
    date = resolve_date(parts, "deadline", year)
    if date is not None and date < issued:
        year += 1
        date = resolve_date(parts, "deadline", year)
    if date is None:
        return deadline, None
    warning = Warning(
        code="deadline_year_inferred",
        message=f"the year of this deadline is taken from the plan's date ({issued.isoformat()}): "
        f"{deadline.evidence.quote}",
        evidence=deadline.evidence,
    )
    return deadline.model_copy(update={"date": date}), warning


def duty_key(deadline: Deadline) -> tuple:
    """What `same_duty` compares, as one hashable value: two records state one duty exactly
    when their keys are equal (the action counts only where there is no recipient)."""
    return (
        deadline.date,
        deadline.recurrence,
        deadline.month,
        deadline.day,
        deadline.approximate,
        deadline.recipient,
        deadline.action if deadline.recipient is None else None,
    )


def same_duty(a: Deadline, b: Deadline) -> bool:
    """True when two records state one duty: same date or yearly day, and the same
    recipient (or, with no recipient, the same action) — a restatement under a form."""
    return duty_key(a) == duty_key(b)
