"""Responsibilities: which units carry which task, as lead units and participants.

Three sources, all in the plan's own words, one unit per element:

- unit brackets closing a measure, anywhere in a paragraph and as many as it holds:
  `（A、B，C按职责分工负责）` (every `，`-clause takes the role word of its own or of the
  next clause that has one), `（责任单位：A、B，各市、县〔区〕政府）`,
  `（牵头单位：A；配合单位：B、C）`, `（A牵头，B、C参与）`, `（A负责）`,
  `（A会同B等部门负责）` (B participants), `（A指导）` (A lead) and `（A指导，B负责）` (B lead,
  A participant); beside an explicit lead, units only responsible take part
  (`（牵头单位：A；责任单位：B）`, `（A牵头，B按职责分工负责）`: A lead, B participant).
  Once the plan states that the first unit of a bracket leads
  (`列第一的为牵头单位，下同`, `排在第一位的部门为牵头部门`), every bracket whose roles do
  not say otherwise has its first unit as lead and the rest as participants, until the plan
  says `不分先后`; stated without `下同`, the convention holds for its own bracket only.
  Each bracket is tied to the measure it closes: the words from the previous unit bracket
  (or the item's heading, or the paragraph start) up to it are its task. The heading's
  words are the task instead when nothing precedes the bracket but the heading, or when
  the bracket is the one unit bracket of a titled item and ends it (`（三）加强X。…（A负责）`:
  it covers the whole item, which its heading names). A bracket of units with no role word
  and no convention, or one that never closes, gives a warning naming its sentence.
- sentences naming a lead and helpers: `由A及B牵头，C、D等部门参与`, `A牵头负责…`,
  `A、B等参与单位`, `A要发挥…牵头部门作用`, `C、D等部门根据职能协同…`,
  `A（要）会同B加强…` (A lead, B participants), `由A负责…`. In a section that assigns work
  (content, steps, measures, organisation, attachment) also a unit subject with `负责` /
  `要` / `应` / `须` / `将` (`各社区要积极申报…` → lead 各社区; an annex line `省教育厅负责…` /
  `省教育厅：负责…`), `A作为…责任主体，一是要…` and `A是…实施单位，要…` (A lead of what
  follows), and `A在…过程中，要…` (the modal in the next clause). In organisation and
  measures sections and a thematic plan's measures also a unit subject with 将 as "will"
  (`A将加强…`) or acting without a modal, its duty opened by a way of acting or a verb
  ordering the work (`A组织制定…`, `A依照…`, `A通过…`, `A定期…`, `A就…`,
  `A在…的基础上，…`), unless it states a freedom or a permission (`自主`, `，可…`).
  A clause whose units carry a duty of their own (`A牵头负责考核督促，B牵头负责推进…`)
  starts its own record, whose task is that duty as written (up to the next such clause,
  a clause opening with a date, or the sentence end); a clause without its own duty
  (`由A牵头`, `C、D等部门参与`) joins the sentence's open record, or starts one. A record
  without a duty takes the clauses without units that directly follow it as its task
  (`…等参与单位，对创建行动给予支持协调`); failing that, the task is the section title.
  After `一是…`, each `二是…` / `三是…` item is a record of its own with the same units.
  A sentence reporting work done names no duty: `…出台了…`, `曾于…`, `近年来，…`,
  `“十三五”以来，…`, or one opening with a year before the plan's (`2022年，甲局牵头开展…`).
  Identical records are kept once.
- label lines under a measure, each a paragraph of its own: `责任单位：A、B，各镇人民政府`, or
  `牵头单位：A` then `配合单位：B、C` (other `key：value` lines between them, such as
  `完成时限：…`, are passed over). A run of such lines is read as one bracket; its task is
  the title of the section holding it.
- task tables (`工作任务 | 牵头单位 | 配合单位`): one record per body row, the task
  from the task column, leads and participants from the unit columns (a two-row header's
  most specific part decides: `责任单位/配合单位` is a participant column; a column of
  persons, `牵头领导` / `责任人`, is none). A cell stating roles is read as a bracket is
  (`甲局（牵头）、乙局`, `甲局牵头，乙局配合`); a line break between two whole units splits
  them (`县自然资源局\n县财政局`). A row spanning the table (`一、强化组织保障`) groups
  the rows below and is no task. Units under a header naming no role (`单位`) in a table
  of tasks with time limits give a warning per row, no record.

`section` is the number path of the section holding the text, outermost first
(`二（三）`, `五（二）`), so that `（一）` under 二 and under 四 differ.
Lists split on 、 ， ； (and ASCII , ;) outside brackets （）()〔〕, so `各县（市、区）建设部门`
stays one unit, and a bare level before a collective unit joins it (`各市、县〔区〕政府`).
Unit words (suffixes, collective units, role words, connectors) come from
`extractor.vocabulary`. A list is taken only when every element looks like a unit (ends
in a unit suffix, is a collective unit, or is a short department name such as 发改, 公安,
市场监管); a subject with `要` / `负责` alone must end in a unit suffix or be `各X`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from extractor.document import Cell, Document, Paragraph
from extractor.fields import Extracted, PlanDating
from extractor.fields.dates import YEAR_PATTERN
from extractor.fields.targets import dating_of
from extractor.lookahead import initials, led_by
from extractor.models import Evidence, Responsibility, Section, SectionKind, Warning
from extractor.normalize import HAN, join_line_breaks
from extractor.numerals import YEAR_NUMBER, year_value
from extractor.structure import RecoveredTable, Structure
from extractor.structure.sections import article_number_end
from extractor.structure.tables import body_grid, is_spanning_row, table_warning
from extractor.vocabulary import (
    BRANCH_UNIT_SUFFIXES,
    COLLECTIVE_UNIT_PATTERN,
    CONVENTION_END_PATTERN,
    CONVENTION_ONWARD_PATTERN,
    FIELD_LABEL_BOUNDARY_PATTERN,
    FIELD_LABELS,
    FIRST_LEADS_PATTERN,
    GUIDE_ROLE_WORDS,
    JOINT_WORD,
    KEY_VALUE_LINE_PATTERN,
    LEAD_HEADER_PATTERN,
    LEAD_LABELS,
    LEAD_ROLE_WORDS,
    LEVEL_CHARACTERS,
    LEVEL_ONLY_PATTERN,
    LIST_SEPARATORS,
    NOT_UNIT_WORDS,
    PARTICIPANT_LABELS,
    PARTICIPANT_ROLE_WORDS,
    PERSON_HEADER_PATTERN,
    ROLE_LABEL_PATTERN,
    ROLE_QUALIFIER,
    ROLE_QUALIFIER_INITIALS,
    TIME_LIMIT_PATTERN,
    UNIT_HEADER_PATTERN,
    UNIT_NOUNS,
    UNIT_SUFFIXES,
    UNIT_TAIL_PATTERN,
    WORD_CONNECTORS,
    alternation,
)

# the role word closing a clause of a bracketed unit list, with what may precede it:
# 按职责分工负责 / 按照职责分工推动 / 负责实施 / 牵头 / 配合 / 指导 / 分别负责
LIST_ROLE_WORDS = LEAD_ROLE_WORDS + PARTICIPANT_ROLE_WORDS + GUIDE_ROLE_WORDS
LIST_VERB_PATTERN = re.compile(
    led_by(
        ROLE_QUALIFIER_INITIALS + initials(LIST_ROLE_WORDS),
        rf"(?P<verb>{ROLE_QUALIFIER}(?:{alternation(LIST_ROLE_WORDS)}))$",
    )
)
# A会同B inside a bracket clause: 国家发展改革委会同有关部门负责 / 甲局会同乙局、丙局
BRACKET_JOINT_PATTERN = re.compile(
    rf"^(?P<lead>.+?){JOINT_WORD}(?P<partners>.+?)"
    rf"(?P<verb>{ROLE_QUALIFIER}(?:{alternation(LEAD_ROLE_WORDS)}))?$"
)
# the scope a bracket clause names before 由 and its units: 技工院校内由乙部门负责 → 乙部门负责
BRACKET_SCOPE_PATTERN = re.compile(r"^[^由，,；;]{0,12}由(?=[^由]+(?:负责|牵头)$)")
# what closes a bracket: ） or )
CLOSING_BRACKETS = ("）", ")")
# brackets a unit name may hold (各市、县〔区〕政府, 各县（市、区）) — never a split point
OPENING_NAME_BRACKETS = "（(〔["  # spelled out in has_name_bracket, bracket_depth_change (tested)
CLOSING_NAME_BRACKETS = "）)〕]"
# what a text naming a unit must hold (`is_unit`): a unit suffix (县住建局), a collective's
# 各 / 有关 / 相关, or a list separator between short names (发改、教育)
UNIT_HINT_PATTERN = re.compile(
    alternation((*UNIT_SUFFIXES, "各", "有关", "相关", *LIST_SEPARATORS))
)
# a unit marked as the lead inside a list: 县住建局（牵头）、县民政局 / 甲局(牵头单位)
LEAD_MARK_PATTERN = re.compile(r"\s*[（(](?:牵头(?:单位|部门)?|主责)[）)]")
MARKED_LEAD_PATTERN = re.compile(
    r"(?P<unit>[^、，,；;（()）]+?)\s*[（(](?:牵头(?:单位|部门)?|主责)[）)]"
)
# a clause of the partners a lead named before works with: 会同乙局、丙局等部门 / 并会同乙局
JOINED_OPENINGS = ("会同", "并会同", "同时会同")

# verbs that make a unit a participant rather than a lead
PARTICIPANT_VERBS = PARTICIPANT_ROLE_WORDS
# role words of explicit leads (as against 负责 / 按职责分工负责, which every unit shares)
EXPLICIT_LEAD_WORDS = ("牵头", "牵头负责", "主责", "主办")
# where a sentence of a paragraph opens with a field label: …。责任单位：甲局 / 完成时限：…
INLINE_FIELD_PATTERN = re.compile(
    rf"(?:^|(?<=[。；;]))\s*(?=(?:{alternation(FIELD_LABELS)})\s*[：:])", re.MULTILINE
)
# a duty that is only a role word says no task of its own: 甲局负责牵头 / 乙局负责配合
# (`甲局要组织实施` names a task: implementing the measure)
ROLE_WORDS_ALONE = frozenset(
    (
        *EXPLICIT_LEAD_WORDS,
        *(word for word in LEAD_ROLE_WORDS if word.endswith("负责")),
        *PARTICIPANT_ROLE_WORDS,
        *GUIDE_ROLE_WORDS,
    )
)
# what ends a sentence right before a bracket that closes a measure: 。（甲局负责）
MEASURE_END_CHARS = "。；;！!？?"
# `由A、B牵头` anywhere in a clause: 绿色社区创建行动由县住房和城乡建设局及涉及镇（街道）牵头
LEAD_BY_PATTERN = re.compile(r"由(?P<units>[^，。；;由]+?)(?:共同)?牵头")
# 负责 as the verb that charges a unit, not the noun it opens: 负责人 / 负责同志 (主要负责人为
# 成员) are persons; 负责人员培训 is a charge
CHARGE_WORD = r"负责(?!人(?!员)|同志)"
# `由A负责…` opening a clause, its duty after 负责: 由省教育厅负责制定实施细则 / 具体由甲局负责实施
LEAD_BY_DUTY_PATTERN = re.compile(
    rf"^(?:具体|统一|主要|均)?由(?P<units>[^，。；;由]+?)(?:牵头)?{CHARGE_WORD}(?P<duty>.*)$"
)
# units opening a clause, then a verb, then the duty: 镇三大整治办牵头负责考核督促 /
# 发改、教育等部门参与 / 各居民区要积极配合做好… / 发展改革等部门根据职能协同指导…
UNITS_THEN_VERB_PATTERN = re.compile(
    r"^(?P<units>[^，。；;]+?)"
    r"(?:要|应|须|积极|主动|共同|根据职能|按照?(?:各自)?职责(?:分工)?)*"
    r"(?P<verb>牵头负责|牵头|参与|配合|协同|协助)(?:单位|部门)?(?P<duty>.*)$"
)
# where a unit named after 会同 ends: 相关部门 / 相关行业部门 / 市住房城乡建设管理委;
# not inside a word: 办法, 办理, 所有, 局面, 委托
PARTNER_END = r"(?:部门|单位|方面|委员会|委|局|办|厅|中心|所|院|站|队|部)(?![法理公事有面托位伍分])"
# a lead's partners in a clause of their own, and the duty they share when it follows them:
# (由甲局牵头，)会同乙局、丙局等部门(，负责…) / (甲办牵头，)会同乙所、丙所编制年度计划
JOINED_PARTNERS_PATTERN = re.compile(
    r"^(?:并|同时)?会同"
    rf"(?P<partners>[^，。；;]*?{PARTNER_END}(?:[、和及与][^，。；;、]{{1,8}}?{PARTNER_END})*"
    rf"(?:等(?:有关|相关)?{PARTNER_END})?)"
    r"(?P<duty>[^，。；;]*)$"
)  # a separator between partners: 会同乙局指导各单位开展自查 has one partner, then its duty
# a lead, 会同, partner units, then the duty: 县住房和城乡建设局及涉及的镇（街道）要会同相关部门
# 加强…调度指导 / 由区精推办会同相关行业部门对申报项目… / 某办将会同市建管委、市科技委组织… /
# 经甲部会同有关部门组织专家评审 / 某办将会同有关方面统筹组织…
JOINT_PATTERN = re.compile(
    r"^(?:由|经)?(?P<units>[^，。；;]+?)(?:要|应|须|将)?会同"
    rf"(?P<partners>[^，。；;]*?{PARTNER_END}(?:、?[^，。；;、]{{1,8}}?{PARTNER_END})*)"
    r"(?P<duty>.*)$"
)
# the unit a helper works with, then the duty (after 配合 / 协助):
# 本级教育行政部门做好… / 政府 (the whole clause)
HELPED_UNIT_PATTERN = re.compile(rf"^(?P<units>[^，。；;]*?(?:{PARTNER_END}|政府))(?P<duty>.*)$")
# units named as the members of a body another unit leads (after `由A牵头，`):
# 发展改革、教育等部门（单位）和工会、妇联等群团组织为成员 / 甲局、乙局为成员单位
MEMBERS_PATTERN = re.compile(r"^(?P<units>[^，。；;]+?)(?:作为|为)成员(?:单位)?$")
# where a list of members splits into groups, each closed by the kind of its units:
# 发展改革、教育等部门（单位）和 / 工会、妇联等群团组织
MEMBER_GROUP_END_PATTERN = re.compile(
    rf"等{HAN}{{0,4}}?(?:部门|单位|组织|机构|团体)(?:[（(](?:部门|单位)[）)])?(?:以及|和|及|与)?"
)
# a member named by its field alone within a group closed by its kind: 人力资源社会保障
MEMBER_NAME_PATTERN = re.compile(rf"^{HAN}{{2,10}}$")
# the role verbs UNITS_THEN_VERB_PATTERN needs, one of which a clause must hold for it
CLAUSE_VERBS = ("牵头", "参与", "配合", "协同", "协助")
CLAUSE_VERB_PATTERN = re.compile("|".join(CLAUSE_VERBS))  # a look for any, scanned in C
# a modal after a subject, not the first character of a word: 要 / 应当 / 应 / 须
# (not 要求, 要素, 应用, 应急, 应届; 应对接 is 应 + 对接)
MODAL_WORD = r"(?:要(?![求素点件])|应当|应(?![用急届聘试收付变有])|须)"
# the basis a unit acts on, standing for a modal: 按职责 / 按照职责分工 / 根据各自职能 / 依据职责
DUTY_BASIS = r"(?:按照?|根据|依据|依照)(?:各自)?(?:职责|职能)(?:分工)?+"  # 分工 never opens a duty
# 将 as "will" after a unit subject, before the verb of its duty (将 before an object,
# 各地将X纳入…, keeps it in the duty): 国务院办公厅将加强统筹协调…
WILL_WORD = r"将(?=加强|组织|统筹|进行|开展|适时|及时|继续|研究|建立|完善|推动|推进|指导|督促)"
# a unit subject, 负责 or a modal, 将 as "will" or the basis it acts on, then its duty
# (sections that assign work only): 各社区负责研究制定… / 各职能科室要按照各自职责分别指导… /
# 各地应统筹用好… / 省教育厅：负责… / 省财政厅将负责… / 甲校应当主动… (not 甲校、应用型高校…) /
# 市自然资源局、市生态环境局按职责提供相关数据
SUBJECT_DUTY_PATTERN = re.compile(
    r"^(?P<units>[^，。；;：:]+?)[：:]?"
    rf"(?:(?:要|应当?|须|将)?(?:积极|主动|切实|主要)?{CHARGE_WORD}|{MODAL_WORD}|{WILL_WORD}"
    rf"|{DUTY_BASIS}(?:{MODAL_WORD})?)(?P<duty>.+)$"
)
# a unit subject and the basis it acts on, closing the clause: 县财政局按照职责分工，… (its
# duty in the clauses after)
BASIS_ONLY_PATTERN = re.compile(rf"^(?P<units>[^，。；;：:]+?){DUTY_BASIS}$")
# a unit subject acting without a modal, its duty opened by a way of acting or a verb that
# orders the work (a thematic plan's measures): 甲部门组织制定职业标准 / 乙部门依照标准牵头
# 组织开发… / 政府通过放宽准入，… / 甲委员会定期听取… / 各成员单位就有关情况向联席会议报告 /
# 各地在巩固…的基础上，… (组织 not as 组织部, a unit's name; 就 not as 就业)
SUBJECT_ACTION_WORDS = (
    "(?<!党)组织(?![部处科])",  # not 党组织 nor 组织部, organisations named
    "统筹",
    "依照",
    "依据",
    "依法",
    "通过",
    "定期",
    "就(?=有关|相关)",  # 就有关情况…, the preposition; not 就业, 就近, 就地
    "在(?=[^，。；;]*(?:基础上|前提下))",
)
# the literal words SUBJECT_ACTION_WORDS need, for the sentence and clause prefilters (each
# of its choices opens with one of them; 在…基础上 holds 基础上)
SUBJECT_ACTION_HINTS = (
    *("组织", "统筹", "依照", "依据", "依法", "通过", "定期", "就有关", "就相关"),
    *("基础上", "前提下"),
)
# a freedom, a permission or a benefit, no duty: 学校依据目录灵活自主设置专业 / …所得收入，
# 可按一定比例… / 符合条件的企业依法享受税收优惠
PERMISSION_PATTERN = re.compile(r"自主|允许|可以|享受|享有")
# subjects a modal-less statement describes as beneficiaries or free agents, not as charged
# with a duty (企业依法…, 各学校通过…): firms, schools and banks
BENEFICIARY_SUFFIXES = ("企业", "公司", "学校", "院校", "银行", "集团")
PERMISSION_OPENING = ("可", "也可", "均可")
SUBJECT_ACTION_PATTERN = re.compile(
    rf"^(?P<units>[^，。；;：:]{{2,30}}?)(?P<duty>(?:{'|'.join(SUBJECT_ACTION_WORDS)}).+)$"
)
# a unit subject with 负责 (or a colon), then its duty: 省教育厅负责… / 省教育厅：负责…
SUBJECT_CHARGED_PATTERN = re.compile(
    r"^(?P<units>[^，。；;：:]+?)[：:]?(?:要|应当?|须|将)?(?:积极|主动|切实|主要)?"
    rf"{CHARGE_WORD}(?P<duty>.+)$"
)
# a unit subject, a colon, its duty in words (an annex of duties): 省教育厅：制定…;
# not a form's blank: 填报单位：（盖章）
SUBJECT_COLON_PATTERN = re.compile(rf"^(?P<units>[^，。；;：:]+?)[：:](?P<duty>{HAN}.*)$")
# 各社区作为落实绿色社区创建工作的责任主体，一是要建立…
SUBJECT_AS_PATTERN = re.compile(r"^(?P<units>[^，。；]+?)作为[^，。；]*$")
# a unit subject named as the unit carrying the work, its duties in the next clauses:
# 涉及的镇（街道）是绿色社区创建行动的具体实施单位，要充分发挥…
SUBJECT_IS_PATTERN = re.compile(r"^(?P<units>[^，。；]+?)是[^，。；]*(?:单位|主体|部门)$")
# a unit subject with the setting of its duty, the modal in the next clause:
# 各地在社区人居环境建设和整治中，应积极选用… / 各社区在…建设和整治过程中，要积极选用… /
# 甲部、乙部在职责范围内，分别负责…
SUBJECT_SETTING_PATTERN = re.compile(r"^(?P<units>[^，。；在]+?)在[^，。；]*(?:中|时|期间|内)$")
# a clause opening with a modal (and no subject): 要积极选用… / 应统筹… / 须按时报送
MODAL_OPENING_PATTERN = re.compile(r"^(?:要|应|须)")
# a clause opening with a modal or with 负责 (and no subject), which carries the duty of a
# subject named in the clause before: 要积极选用… / 分别负责… / 负责…
CHARGE_OPENING_PATTERN = re.compile(r"^(?:要|应|须|(?:分别|共同)?负责)")
# the first item of an enumeration of duties: 一是要建立… / 一要…
FIRST_ITEM_PATTERN = re.compile(r"^一(?:是|要)")
# a further item of an enumeration of duties: 二是创建过程中… / 三是以社区为基本单位… / 二要…
NEXT_ITEM_PATTERN = re.compile(r"^[二三四五六七八九十](?:是|要)")
# an enumeration opening a clause whose own subject follows: 一是县住建局要… / 二是各镇要…
ITEM_OPENING_PATTERN = re.compile(r"^[一二三四五六七八九十]是")
# a subject named only as 各X: 各社区 / 各地 / 各创建社区
EACH_UNIT_PATTERN = re.compile(rf"^各{HAN}{{1,8}}$")
# words that open a duty but are not part of it: 一是要 / 二要 / 积极 / 按照各自职责分别 /
# 按照各自职责，/ 按照本方案，/ 分别负责 (a condition of substance stays: 按照班额等情况，…)
DUTY_OPENING_PATTERN = re.compile(
    r"^(?:[一二三四五六七八九十](?:是|(?=要)))?(?:要|应|须)?(?:积极|主动|切实)?"
    r"(?:(?:按照?|根据|依照)(?:各自)?职责(?:分工)?[，,]?|(?:按照|根据|依照)本[^，。；]{1,8}，)?"
    r"(?:分别|共同)?(?:负责)?"
)
# a clause opening with a date ends a duty: 10月1日之前，… / 于每年11月20日前报送… /
# 于2020年9月底前 / 于二〇二〇年九月底前 (a year in Chinese numerals: fields.dates.YEAR_PATTERN);
# 每年 / 每季 / 每月 only before a day of it (每年2月底前), not a frequency (每年召开两次会议)
DATE_OPENING_PATTERN = re.compile(
    rf"^(?:于|在)?(?:\d|{YEAR_PATTERN}|每(?:年度?|季度?|月)(?=\d|[一二三四五六七八九十]{{1,3}}[月日号]|"
    r"年?[底末初]|[上下]半年|第?[一二三四]季度)|[一二三四五六七八九十]+月|年底|年初|同时)"
)
# a sentence reporting work done assigns none: 县民政局会同县财政局出台了细则 (the aspect 了,
# not 为了 / 除了 / 了解), 区发改委曾于2022年牵头编制…, 近年来 / “十三五”以来，市住建局牵头…
PAST_REPORT_PATTERN = re.compile(
    r"(?<![为除])了(?![解结])|曾(?:经|于)|^\s*[^，,。；;]*以来[，,]|近年来"
)
# a sentence opening with a year (and month) of its own, in a clause of its own: 2022年，… /
# 2021年12月，… ; before the plan's year it reports what was done
YEAR_OPENING_PATTERN = re.compile(
    rf"^\s*(?:在|于)?(?P<year>{YEAR_NUMBER})年(?:[一二三四五六七八九十\d]{{1,3}}月份?)?[，,]"
)
# a clause with a topic of its own and its modal ends a duty: 对于违规收费的要严肃处理 /
# 对弄虚作假的，一律… / 凡未按时报送的将…
DUTY_STOP_PATTERN = re.compile(r"^(?:对于?|凡)[^，。；;]+?的(?:$|(?:要|应当?|须|将|一律|予以))")
# units that take the lead role by name: 各级建设部门要发挥绿色社区建设行动的牵头部门作用
LEAD_ROLE_PATTERN = re.compile(
    r"^(?P<units>[^，。；]+?)(?:要|应)?发挥[^，。；]*?牵头(?:部门|单位)?作用"
)
# section kinds whose sentences may name a subject with 负责 / 要 / 应 / 须: 组织实施, 保障措施
CHARGE_SECTION_KINDS: frozenset[SectionKind] = frozenset({"organization", "measures"})
# further section kinds that assign work, where only a subject stated with 负责 or a colon
# counts (`A要…` there is as often a plan's wish as a unit's duty: 试点社区要及时总结…):
# 主要任务 / 创建内容, 实施步骤, and an annex of each department's duties (省教育厅负责…)
STATED_CHARGE_SECTION_KINDS: frozenset[SectionKind] = frozenset({"content", "steps", "attachment"})
# where a list splits: 、 ， ； and their ASCII forms
UNIT_SPLIT_PATTERN = re.compile("|".join(re.escape(s) for s in LIST_SEPARATORS))
# a connector word between two units: 县住房和城乡建设局及涉及镇 / 省总工会和团省委
CONNECTOR_PATTERN = re.compile(alternation(WORD_CONNECTORS))
# where a unit column's cell splits: 县民政局、县公安局 / 县民政局 县公安局
CELL_SPLIT_PATTERN = re.compile(r"[、，,；;/]|\s+")
# two units of a cell run together where its lines were joined (a Word cell with a unit a
# line, `区民政局` / `各街道办事处`, read as 区民政局各街道办事处): a bureau's name ends and 各
# opens the next (各 never stands inside a bureau's name; 县政府各部门 is one unit)
FUSED_CELL_UNITS_PATTERN = re.compile(
    r"(?:(?<=局|厅)|(?<=中心))(?=各(?:设区市|街道|乡镇|镇|乡|社区|村|县|区|市|地|级|有关|相关|成员))"
)  # before a collective of places or of the rest: 市公安局各分局, 县教育局各科室 stay whole
# the header of a task table's participant column: 配合单位 / 参与部门 / 协办单位 / 配合部门
PARTICIPANT_HEADER_PATTERN = re.compile(r"配合|参与|协办|协同|协助")
# the header of a task table's task column: 工作任务 / 重点任务 / 主要内容 / 工作措施
TASK_HEADER_PATTERN = re.compile(r"任务|内容|事项|措施|工作|项目")
# a role word in a unit column's cell, whose roles are then read as a bracket's
# (`read_bracket`): 甲局牵头，乙局配合 / 甲局（牵头）、乙局 / 甲局负责，乙局参与
CELL_ROLE_WORD_PATTERN = re.compile(alternation((*LIST_ROLE_WORDS, "主责", JOINT_WORD)))
# what opens a unit's name: a level (县财政局) or a collective (各乡镇, 有关部门); a cell's line
# opening so after a line that ends a unit names a unit of its own (`unit_cell_text`)
UNIT_OPENING_PATTERN = re.compile(rf"^(?:各|有关|相关|[{''.join(LEVEL_CHARACTERS)}])")
# a column naming units as a list does, not as who carries a task: 安置单位名称 / 单位名单
UNIT_NAME_HEADER_PATTERN = re.compile(r"名称|名单")
# a task table's time-limit column: 完成时限 / 时间节点 / 完成时间
TIME_LIMIT_HEADER_PATTERN = TIME_LIMIT_PATTERN
# a table cell piece longer than this is a note, not a unit
CELL_UNIT_MAX_CHARS = 30
# a department named without suffix, as in 发改、教育、公安、自然资源、市场监管
SHORT_UNIT_PATTERN = re.compile(rf"^{HAN}{{2,4}}$")
# a unit is plain CJK, brackets allowed (with 、 inside: 各县（市、区）建设部门, 各市、县〔区〕政府)
UNIT_TEXT_PATTERN = re.compile(rf"^(?:{HAN}|[（）()〔〕、]){{2,30}}$")
# a character that no unit (UNIT_TEXT_PATTERN) holds and no list split (UNIT_SPLIT_PATTERN,
# white space) takes out, so a list holding one has a unit that fails: 鲁建城建字〔2020〕22号
# (the class first, the exceptions looked behind at the one character it took: `re` scans for
# the class in C, where a look-ahead first is tried at every position)
NO_UNIT_CHAR_PATTERN = re.compile(r"[\W\d\x00-\xff](?<![\s（）()〔〕、，,；;])")
# quote marks, never part of a name: “省商务厅” → 省商务厅
QUOTE_MARKS = "“”‘’\"'「」『』"
QUOTE_MARK_PATTERN = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
# role labels, never units themselves: 责任单位 / 配合部门
ROLE_LABELS = frozenset(LEAD_LABELS + PARTICIPANT_LABELS)
ROLE_LABEL_WORDS = LEAD_LABELS + PARTICIPANT_LABELS  # as `str.startswith` takes them
# words that name no unit by themselves after 的: 参与创建的单位 / 有关的部门 / 相关的机构
GENERIC_UNIT_WORDS = frozenset(UNIT_NOUNS)
# a `，`-clause of a sentence, without the comma, the sentence end and the spaces around its
# words (a clause of spaces alone is none)
CLAUSE_BODY_PATTERN = re.compile(r"\s*(?P<body>[^，,。；;\s](?:[^，,。；;]*[^，,。；;\s])?)")
# where a bracketed unit list splits into clauses: 县公安局，县住房保障事务中心；索镇。以下…
LIST_CLAUSE_SPLIT_PATTERN = re.compile(r"[，,；;。]")
# a sentence can name units only if it holds one of these verbs (a cheap first filter; every
# choice a literal, so `re` scans for their first characters in C: no class among them)
SENTENCE_VERB_PATTERN = re.compile(
    "|".join(
        (
            *("牵头", "参与", "配合", "协同", "协助", "会同", "负责", "要", "应", "须", "将"),
            *("作为", "职责", "职能", "：", ":", *SUBJECT_ACTION_HINTS),
        )
    )
)
# a clause can name units only if it holds one of the words `parse_clause`'s patterns need:
# the role verbs, 会同, 成员, 负责 (every clause) and, for a subject with its duty, a colon,
# 作为, 是, 在, a modal or the basis of a duty (职责/职能) (a cheap first filter: most clauses
# hold none)
CLAUSE_ROLE_WORD_PATTERN = re.compile(r"牵头|参与|配合|协同|协助|会同|成员|负责")
CLAUSE_SUBJECT_WORD_PATTERN = re.compile(
    "|".join(("：", ":", "作为", "是", "在", "要", "应", "须", "将", "职责", "职能"))
    + "|"
    + "|".join(SUBJECT_ACTION_HINTS)
)
# … and with `stated_only`, only 负责 (a role word) or a colon
CLAUSE_STATED_WORD_PATTERN = re.compile(r"[：:]")
# a sentence of a paragraph, up to and with its 。 or ；
SENTENCE_PATTERN = re.compile(r"[^。；;]+[。；;]?")
# a task item's own number and title when no section covers it: （一）建立工作机制。…
ITEM_HEADING_PATTERN = re.compile(
    r"^\s*(?P<number>[（(][一二三四五六七八九十]+[）)]|\d+[．.、])\s*(?P<title>[^。；;\s]{2,40})[。；;]?"
)
# what is stripped from the ends of a measure's words: 。推动X。 → 推动X
MEASURE_TRIM = " \t\u3000。；;，,、：:"
# the run-in lead of a paragraph: a short first sentence summing up the sub-item the
# paragraph carries, before its measures (`筑牢危险废物源头防线。新建…` /
# `健全标准体系，推动大宗工业固体废物资源化利用。以尾矿…为重点，…`); no bracket in it
RUN_IN_LEAD_PATTERN = re.compile(r"[^。；;！!？?（(）)]{4,50}。")
# a section's paragraphs are sub-items with run-in leads when at least this many of them
# all open with one (a single short opening sentence is as often a plain measure)
RUN_IN_MIN_PARAGRAPHS = 2
# a plan's items are one paragraph each (`一、对…的地方，…。（甲部负责）`) when at least this
# many top-level items are; paragraphs after the last such item are then its closing text
CLOSING_MIN_ITEMS = 3
# section kinds that never assign work in a thematic plan (its background and aims)
NO_CHARGE_SECTION_KINDS: frozenset[SectionKind] = frozenset(
    {"preamble", "principles", "scope", "objectives"}
)


@dataclass(frozen=True)
class UnitList:
    """A unit list found in the text: where it is and who leads / participates."""

    start: int
    end: int
    lead: list[str]
    participants: list[str]
    duty: tuple[int, int] | None = None


class ClauseUnits(NamedTuple):  # a tuple: built for every clause, cheaper than a dataclass
    """The units one `，`-clause names, and where in it their own duty starts (or None)."""

    lead: list[str]
    participants: list[str]
    duty_at: int | None = None


def bracket_depth_change(text: str) -> int:
    """How much `text` deepens the bracket nesting: （( 〔 [ open, ）) 〕 ] close."""
    # the counts written out (OPENING_NAME_BRACKETS, CLOSING_NAME_BRACKETS): generators over
    # the brackets cost more than the counting
    opened = text.count("（") + text.count("(") + text.count("〔") + text.count("[")
    return opened - text.count("）") - text.count(")") - text.count("〕") - text.count("]")


def has_name_bracket(text: str) -> bool:
    """Whether `text` holds an opening bracket of OPENING_NAME_BRACKETS (tested by `in`, as
    a generator over them costs more than the scans)."""
    return "（" in text or "(" in text or "〔" in text or "[" in text


def has_unit_suffix(text: str) -> bool:
    """Whether `text` ends in a unit suffix, as `UNIT_SUFFIX_PATTERN.search` says (its `$`
    also before a final newline), by `str.endswith`: a regex search tries every position."""
    return text.endswith(UNIT_SUFFIXES) or (text[-1:] == "\n" and text[:-1].endswith(UNIT_SUFFIXES))


def split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """`text` split at the `separator` matches that lie outside （…）, (…) and 〔…〕."""
    if not has_name_bracket(text):
        return separator.split(text)  # no bracket: every separator splits (the common case)
    pieces: list[str] = []
    begin = depth = scanned = 0
    for match in separator.finditer(text):
        depth += bracket_depth_change(text[scanned : match.start()])
        scanned = match.start()
        if depth <= 0:
            pieces.append(text[begin : match.start()])
            begin = match.end()
    pieces.append(text[begin:])
    return pieces


def split_at_connectors(piece: str) -> list[str]:
    """`piece` split at 和 / 及 / 与 / 以及 standing right after a unit suffix.

    `县住房和城乡建设局及涉及镇（街道）` → two units; `省文化和旅游厅` stays whole, since
    `省文化` ends in no unit suffix.
    """
    parts: list[str] = []
    begin = 0
    if not CONNECTOR_PATTERN.search(piece):
        return [piece]  # no connector word (most pieces): nothing to split
    has_bracket = has_name_bracket(piece)  # else no depth to count
    for match in CONNECTOR_PATTERN.finditer(piece):
        left = piece[begin : match.start()]
        if (
            match.end() < len(piece)
            and has_unit_suffix(left)
            and (not has_bracket or bracket_depth_change(piece[: match.start()]) == 0)
        ):
            parts.append(left)
            begin = match.end()
    parts.append(piece[begin:])
    return parts


def join_level_pieces(pieces: list[str]) -> list[str]:
    """Pieces with a bare level joined to the unit after it: 各市 + 县〔区〕政府 → one unit."""
    joined: list[str] = []
    carry = ""
    for piece in pieces:
        if LEVEL_ONLY_PATTERN.match(piece):
            carry += piece + "、"
            continue
        joined.append(carry + piece)
        carry = ""
    if carry:
        joined.append(carry.rstrip("、"))
    return joined


def clean_unit(text: str) -> str:
    """A unit name without quote marks, spaces and list tails (`等`, `等有关部门`)."""
    return without_tail(QUOTE_MARK_PATTERN.sub("", text))  # every quote mark out in one pass


def without_tail(text: str) -> str:
    """`text` without spaces and a list's tail (`县财政局等有关部门` → 县财政局)."""
    return UNIT_TAIL_PATTERN.sub("", text.strip()).strip()


def split_units(text: str) -> list[str] | None:
    """The units of a list, or None when any element is not unit-like."""
    text = clean_unit(text)
    if NO_UNIT_CHAR_PATTERN.search(text) or NOT_UNIT_WORDS.search(text):
        # a character no unit holds (a digit, a letter, 。) or a word none does (要, 推动):
        # the unit holding it fails `is_unit` (no such word spans a list separator)
        return None
    pieces = [
        p for piece in split_outside_brackets(text, UNIT_SPLIT_PATTERN) if (p := piece.strip())
    ]
    if CONNECTOR_PATTERN.search(text):  # one look for 和/及/与 in the list, not one a piece
        pieces = [part for p in pieces for part in split_at_connectors(p)]
    # each unit without its tail (`等部门`); the quote marks went with the list's
    units = [unit for piece in join_level_pieces(pieces) if (unit := without_tail(piece))]
    if not units or not all(is_unit(u, alone=len(units) == 1) for u in units):
        return None
    return units


def is_unit(text: str, alone: bool) -> bool:
    """Whether `text`, a piece of a list holding no NOT_UNIT_WORDS (`split_units` looks for
    them in the whole list), names a unit; alone, it needs a unit suffix (not `社区居民`)."""
    if not UNIT_TEXT_PATTERN.match(text) or text in ROLE_LABELS:
        return False
    if COLLECTIVE_UNIT_PATTERN.match(text):
        return True
    if alone and "的" in text:
        named = text.rsplit("的", 1)[1]  # 涉及的镇（街道） → 镇（街道）
        if named in GENERIC_UNIT_WORDS or not has_unit_suffix(named):
            return False
    if has_unit_suffix(text):
        return True
    return not alone and bool(SHORT_UNIT_PATTERN.match(text))


@dataclass
class BracketRoles:
    """What a bracketed unit list says, clause by clause, before roles are settled.

    `entries` are (units, role) in order, role one of `lead` (牵头), `responsible`
    (负责, 按职责分工负责, 责任单位：), `participant`, `guide` (指导) or None (no role word);
    `first_leads` is set when the bracket states that its first unit leads, `onward` when
    it says so for the brackets after it too (`下同`).
    """

    entries: list[tuple[list[str], str | None]] = field(default_factory=list)
    first_leads: bool = False
    onward: bool = False

    def units(self) -> list[str]:
        """Every unit the bracket names, in order, each once."""
        return list(dict.fromkeys(u for units, _ in self.entries for u in units))

    def undecided(self) -> bool:
        """Whether some units carry no role word at all."""
        return any(role is None for _, role in self.entries)


def role_of_verb(verb: str) -> str:
    """The role a clause's closing role word gives: 牵头 → lead, 配合 → participant, …"""
    if verb.endswith(PARTICIPANT_ROLE_WORDS):
        return "participant"
    if verb.endswith(GUIDE_ROLE_WORDS):
        return "guide"
    if verb.endswith(EXPLICIT_LEAD_WORDS):
        return "lead"
    return "responsible"


def role_of_label(label: str) -> str:
    """The role a label gives: 牵头单位 → lead, 配合单位 → participant, 责任单位 → responsible."""
    if label in PARTICIPANT_LABELS:
        return "participant"
    return "lead" if "牵头" in label else "responsible"


def read_bracket(inner: str) -> BracketRoles | None:
    """The units and role words of a bracket's text, or None when it names no unit list.

    Clauses that name no units (a note such as `以下均需…落实，不再列出`) are passed over,
    but a bracket needs one clause that is nothing but units (and a role word) to count.
    """
    if not UNIT_HINT_PATTERN.search(inner):
        return None  # no unit can be in it (（试行）, （盖章）, （2021—2025年）): most brackets
    found = BracketRoles()
    pending: list[str] = []
    label_role: str | None = None
    if "：" in inner or ":" in inner:  # 牵头单位：甲局配合单位：乙局: a field per clause
        inner = FIELD_LABEL_BOUNDARY_PATTERN.sub("；", inner)
    clauses = [c.strip() for c in split_outside_brackets(inner, LIST_CLAUSE_SPLIT_PATTERN)]
    for clause in filter(None, clauses):
        if FIRST_LEADS_PATTERN.search(clause):
            found.first_leads = True
            found.onward = found.onward or bool(CONVENTION_ONWARD_PATTERN.search(clause))
            continue
        if CONVENTION_ONWARD_PATTERN.fullmatch(clause):
            found.onward = True
            continue
        if label := ROLE_LABEL_PATTERN.match(clause):
            label_role = role_of_label(label.group("label"))
            clause = label.group("units").strip()
            if not clause:
                continue
        clause = BRACKET_SCOPE_PATTERN.sub("", clause)
        marked: list[str] = []
        if "牵头" in clause and LEAD_MARK_PATTERN.search(clause):
            # 县住建局（牵头）、县民政局: the unit marked leads, the others keep the clause's role
            marked = [m.group("unit").strip("、，, ") for m in MARKED_LEAD_PATTERN.finditer(clause)]
            clause = LEAD_MARK_PATTERN.sub("", clause)
        if joint := BRACKET_JOINT_PATTERN.match(clause):
            lead, partners = split_units(joint.group("lead")), split_units(joint.group("partners"))
            if lead and partners:
                found.entries.extend([(pending + lead, "lead"), (partners, "participant")])
                pending = []
                continue
        verb = LIST_VERB_PATTERN.search(clause)
        units = split_units(clause[: verb.start()] if verb else clause)
        if units is None:
            continue
        if marked and (leads := [u for u in units if u in marked]):
            found.entries.append((leads, "lead"))
            units = [u for u in units if u not in marked]
            if not units:
                continue
            if not verb and not label_role:  # the list is the assignment: the others take part
                found.entries.append((units, "responsible"))
                continue
        if verb:
            found.entries.append((pending + units, role_of_verb(verb.group("verb"))))
            pending = []
        elif label_role:
            found.entries.append((units, label_role))
        else:
            pending.extend(units)
    if pending:
        found.entries.append((pending, None))
    return found if found.entries else None


def settle_roles(found: BracketRoles, first_leads: bool) -> tuple[list[str], list[str]]:
    """(lead, participants) of a read bracket; `first_leads`: the convention holds.

    Explicit roles (牵头, 配合/参与) are kept as written, and beside an explicit lead the
    units that are only responsible take part (`牵头单位：A；责任单位：B` / `A牵头，B按职责分工
    负责` → A leads, B takes part). Otherwise, under the convention the first unit leads and
    the rest take part; without it every responsible unit leads. Guides (指导) lead when
    nobody else does, else they are participants.
    """
    roles = {role for _, role in found.entries}
    if (first_leads or found.first_leads) and not roles & {"lead", "participant"}:
        units = found.units()
        return units[:1], units[1:]
    leading = ("lead",) if "lead" in roles else ("lead", "responsible", None)
    lead = [u for units, role in found.entries if role in leading for u in units]
    guides = [u for units, role in found.entries if role == "guide" for u in units]
    participants = [
        u for units, role in found.entries if role not in (*leading, "guide") for u in units
    ]
    if not lead:
        return list(dict.fromkeys(guides)), list(dict.fromkeys(participants))
    lead = list(dict.fromkeys(lead))
    participants = [u for u in dict.fromkeys(guides + participants) if u not in lead]
    return lead, participants


def parse_bracket_units(
    inner: str, first_leads: bool = False
) -> tuple[list[str], list[str]] | None:
    """(lead, participants) of a bracketed list `A、B，C按职责分工负责`, or None.

    None also when some units carry no role word and no convention settles them.
    """
    found = read_bracket(inner)
    if found is None or (found.undecided() and not (first_leads or found.first_leads)):
        return None
    return settle_roles(found, first_leads)


@dataclass(frozen=True)
class BracketSpan:
    """A top-level bracket of a paragraph: `[start, end)` in the paragraph text, and
    whether it closes (`）`) or runs to the paragraph end."""

    start: int
    end: int
    closed: bool


# an opening or closing round bracket, full- or half-width
# (lenticular brackets too: some plans close a measure with 【责任单位：…】)
BRACKET_CHAR_PATTERN = re.compile(r"[（()）【】]")
UNIT_BRACKET_OPENINGS = "（(【"


def top_level_brackets(text: str) -> list[BracketSpan]:
    """The outermost （…） / (…) / 【…】 of `text`, in order; one left open runs to the text
    end."""
    spans: list[BracketSpan] = []
    if "（" not in text and "(" not in text and "【" not in text:  # UNIT_BRACKET_OPENINGS
        return spans  # no opening bracket, so no span (most paragraphs)
    depth = 0
    opened = 0
    for match in BRACKET_CHAR_PATTERN.finditer(text):  # only the brackets, not every char
        index = match.start()
        if match.group() in UNIT_BRACKET_OPENINGS:
            if depth == 0:
                opened = index
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append(BracketSpan(opened, index + 1, True))
    if depth > 0:
        spans.append(BracketSpan(opened, len(text.rstrip()), False))
    return spans


def after_sentence_end(text: str, span: BracketSpan, measure_start: int) -> bool:
    """Whether the bracket at `span` stands on its own after a sentence (`…。（甲局、乙局）`),
    as a bracket of units without role words must to count: after a name it annotates the
    name (`领导小组（挂靠社区发展办）`)."""
    before = text[measure_start : span.start].rstrip()
    return not before or before[-1] in MEASURE_END_CHARS


@dataclass(frozen=True)
class MeasureBracket:
    """A unit bracket of a paragraph with the measure it closes (paragraph offsets)."""

    measure_start: int
    start: int
    end: int
    lead: list[str]
    participants: list[str]
    closed: bool


@dataclass
class Convention:
    """Whether the plan has stated, up to here, that the first unit of a bracket leads."""

    first_leads: bool = False

    def read(self, text: str) -> None:
        """Takes up a convention stated in running text (outside unit brackets)."""
        if FIRST_LEADS_PATTERN.search(text):
            self.first_leads = True
        elif CONVENTION_END_PATTERN.search(text):
            self.first_leads = False


def find_unit_brackets(
    text: str, body_start: int, convention: Convention
) -> tuple[list[MeasureBracket], list[tuple[int, int, int]]]:
    """The unit brackets of a paragraph's `text` (from `body_start`, after its heading),
    and (measure start, bracket start, bracket end) of brackets whose units are left
    undecided (no role word, no convention).

    `convention` is read and updated in document order.
    """
    found: list[MeasureBracket] = []
    undecided: list[tuple[int, int, int]] = []
    measure_start = body_start
    for span in top_level_brackets(text):
        if span.end <= body_start:
            continue
        inner = text[span.start + 1 : span.end - 1 if span.closed else span.end]
        convention.read(text[measure_start : span.start])
        read = read_bracket(inner)
        if read is None:
            continue
        on_its_own = after_sentence_end(text, span, measure_start)
        first_leads = convention.first_leads or read.first_leads
        has_role = any(role is not None for _, role in read.entries)
        if read.undecided() and not first_leads:
            if on_its_own:
                undecided.append((measure_start, span.start, span.end))
                measure_start = span.end
            continue
        if not has_role and not on_its_own:
            continue  # 社区居委会（村委会）: a name's bracket, not a unit list
        lead, participants = settle_roles(read, convention.first_leads)
        found.append(
            MeasureBracket(measure_start, span.start, span.end, lead, participants, span.closed)
        )
        if read.first_leads and read.onward:
            convention.first_leads = True
        measure_start = span.end
    convention.read(text[measure_start:])
    return found, undecided


def subject_units(text: str) -> list[str] | None:
    """The units of a subject before `要` / `负责`: unit-suffixed names or `各X`."""
    if EACH_UNIT_PATTERN.match(text.strip()) and not NOT_UNIT_WORDS.search(text):
        return [text.strip()]
    units = split_units(text)
    if units and all(has_unit_suffix(u) or COLLECTIVE_UNIT_PATTERN.match(u) for u in units):
        return units
    return None


def parse_clause(
    clause: str, subject_duties: bool = False, following: str = "", stated_only: bool = False
) -> ClauseUnits:
    """The units one `，`-clause of a running sentence names, and where their duty starts.

    `subject_duties` also takes a unit subject with `负责` / `要`, 将 as "will" (`A将加强…`)
    or the basis it acts on (`A按职责提供…`), `A作为…`, `A是…单位`, `A在…中` followed by a
    clause opening with `要` / `应` (`following`, the next clause), and a government subject
    acting without a modal (`A组织制定…`, `A依照…`, `A通过…`, `A定期…`, `A就有关…`, `A在…的
    基础上`) unless it states a freedom, a permission or a benefit, for organisation and
    measures sections; with `stated_only`, only a subject with `负责` or a colon
    (`省教育厅负责…`, `省教育厅：…`), for the other sections that assign work.
    """
    subject_words = CLAUSE_STATED_WORD_PATTERN if stated_only else CLAUSE_SUBJECT_WORD_PATTERN
    if not CLAUSE_ROLE_WORD_PATTERN.search(clause) and not (
        subject_duties and subject_words.search(clause)
    ):
        return ClauseUnits([], [])  # none of the words the patterns below need: skip them
    if item := ITEM_OPENING_PATTERN.match(clause):
        # 一是县住建局要加强统筹: the item's own subject, its duty placed in the whole clause
        found = parse_clause(clause[item.end() :], subject_duties, following, stated_only)
        if found.lead or found.participants:
            at = found.duty_at + item.end() if found.duty_at is not None else None
            return ClauseUnits(found.lead, found.participants, at)
    # each pattern below runs only when the literal words it needs are in the clause (its
    # lazy unit group backtracks over the whole clause otherwise)
    if "由" in clause[:3] and "负责" in clause and (match := LEAD_BY_DUTY_PATTERN.match(clause)):
        if units := split_units(match.group("units")):
            return ClauseUnits(units, [], duty_of(match))
    if "由" in clause and "牵头" in clause and (match := LEAD_BY_PATTERN.search(clause)):
        if units := split_units(match.group("units")):
            return ClauseUnits(units, [])
    if "发挥" in clause and (match := LEAD_ROLE_PATTERN.match(clause)):
        if units := split_units(match.group("units")):
            return ClauseUnits(units, [])
    if clause.startswith(JOINED_OPENINGS) and (match := JOINED_PARTNERS_PATTERN.match(clause)):
        # 由甲局牵头，会同乙局、丙局等部门，负责…: the lead's partners, in a clause of their own
        if partners := split_units(match.group("partners")):
            return ClauseUnits([], partners, duty_of(match))
    if "会同" in clause and (match := JOINT_PATTERN.match(clause)):
        lead = split_units(match.group("units"))
        partners = split_units(match.group("partners"))
        if lead and partners:
            return ClauseUnits(lead, partners, duty_of(match))
    if (
        "成员" in clause
        and (match := MEMBERS_PATTERN.match(clause))
        and (members := member_units(match["units"]))
    ):
        return ClauseUnits([], members)
    if CLAUSE_VERB_PATTERN.search(clause) and (match := UNITS_THEN_VERB_PATTERN.match(clause)):
        if units := split_units(match.group("units")):
            if match.group("verb") in PARTICIPANT_VERBS:
                return helped_units(units, match)
            return ClauseUnits(units, [], duty_of(match))
    # units and a closing role word, a bracket's words without the bracket: 甲局、乙局按职责
    # 分工负责 / 丙局配合 (its task: the clauses after it, else the section's title)
    verb = LIST_VERB_PATTERN.search(clause)
    if verb and (units := split_units(clause[: verb.start()])):
        if role_of_verb(verb.group("verb")) == "participant":
            return ClauseUnits([], units)
        return ClauseUnits(units, [])
    if not subject_duties:
        return ClauseUnits([], [])
    charged = "负责" in clause
    colon = "：" in clause or ":" in clause
    if match := (charged and SUBJECT_CHARGED_PATTERN.match(clause)) or (
        colon and SUBJECT_COLON_PATTERN.match(clause)
    ):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], duty_of(match))
    if stated_only:
        return ClauseUnits([], [])
    if match := ("作为" in clause and SUBJECT_AS_PATTERN.match(clause)) or (
        "是" in clause and SUBJECT_IS_PATTERN.match(clause)
    ):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], len(clause))
    if (
        "在" in clause
        and CHARGE_OPENING_PATTERN.match(following)
        and (match := SUBJECT_SETTING_PATTERN.match(clause))
    ):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], len(clause))
    if (
        charged
        or "要" in clause
        or "应" in clause
        or "须" in clause
        or "将" in clause
        or "职" in clause
    ) and (match := SUBJECT_DUTY_PATTERN.match(clause)):
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [], duty_of(match))
    if "职" in clause and (match := BASIS_ONLY_PATTERN.match(clause)):
        # 县财政局按照职责分工，统筹安排资金: the basis ends the clause, the duty follows it
        if units := subject_units(match.group("units")):
            return ClauseUnits(units, [])
    if (
        (match := SUBJECT_ACTION_PATTERN.match(clause))
        and not following.startswith(PERMISSION_OPENING)
        and not PERMISSION_PATTERN.search(clause)
    ):
        units = subject_units(match.group("units"))
        if units and not any(unit.endswith(BENEFICIARY_SUFFIXES) for unit in units):
            return ClauseUnits(units, [], duty_of(match))
    return ClauseUnits([], [])


def member_units(text: str) -> list[str] | None:
    """The units of a members list, or None when it is none: groups closed by their kind
    (`发展改革、教育等部门（单位）和工会、妇联等群团组织` → 发展改革, 教育, 工会, 妇联), where
    a field's name alone is a member; a list without such a close is read as a unit list."""
    groups = [g for g in MEMBER_GROUP_END_PATTERN.split(text) if g.strip()]
    if len(groups) == 1 and not MEMBER_GROUP_END_PATTERN.search(text):
        return split_units(text)
    members = [clean_unit(m) for g in groups for m in split_outside_brackets(g, UNIT_SPLIT_PATTERN)]
    if not members or not all(
        MEMBER_NAME_PATTERN.match(m) and not NOT_UNIT_WORDS.search(m) for m in members
    ):
        return None
    return list(dict.fromkeys(members))


def helped_units(helpers: list[str], match: re.Match[str]) -> ClauseUnits:
    """The units of `A配合B做好X` (B leads X, A takes part) or `A配合B，…` (B is only the
    one A works with: A takes part in the duty of the clauses after), else A alone."""
    duty = match.group("duty")
    if helped := HELPED_UNIT_PATTERN.match(duty):
        if (units := subject_units(helped.group("units"))) and not set(units) & set(helpers):
            if not helped.group("duty").strip():
                return ClauseUnits([], helpers)
            return ClauseUnits(units, helpers, match.start("duty") + helped.start("duty"))
    return ClauseUnits([], helpers, duty_of(match))


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


class ClauseSpan(NamedTuple):  # a tuple: built for every clause, cheaper than a dataclass
    """A `，`-clause of a sentence: its text without outer spaces and where it lies."""

    body: str
    start: int
    end: int


def sentence_clauses(text: str, start: int, end: int, offset: int) -> list[ClauseSpan]:
    """The non-empty `，`-clauses of `text[start:end]`, placed at `offset`."""
    return [
        ClauseSpan(clause.group("body"), offset + clause.start("body"), offset + clause.end("body"))
        for clause in CLAUSE_BODY_PATTERN.finditer(text, start, end)
    ]


def is_past_year_opening(sentence: str, plan_year: int | None) -> bool:
    """True for a sentence opening with a year before the plan's: `2022年，甲局牵头开展…`."""
    if plan_year is None or not (found := YEAR_OPENING_PATTERN.match(sentence)):
        return False
    year = year_value(found.group("year"))
    return year is not None and year < plan_year


def find_sentence_lists(
    text: str,
    offset: int,
    subject_duties: bool = False,
    stated_only: bool = False,
    plan_year: int | None = None,
) -> list[UnitList]:
    """The UnitLists the sentences of `text` name (see the module docstring); a sentence
    reporting work done (PAST_REPORT_PATTERN, or opening with a year before `plan_year`)
    names none.

    A list's span runs from its first clause to its last clause (duty included);
    `duty` is the span of its own duty, None when it names none. A record without a
    duty takes the clauses without units that directly follow it as its duty. After
    `一是…`, each `二是…` / `三是…` item (in the same or a following sentence) is a
    record of its own with the same units.
    """
    subject_words = CLAUSE_STATED_WORD_PATTERN if stated_only else CLAUSE_SUBJECT_WORD_PATTERN

    def may_name_units(words: str) -> bool:
        """Whether some clause of `words` may name units: it holds a word that one of
        `parse_clause`'s patterns needs (a superset of the clauses that do)."""
        return bool(
            CLAUSE_ROLE_WORD_PATTERN.search(words)
            or (subject_duties and subject_words.search(words))
        )

    if not may_name_units(text):
        return []  # no clause names units: no record can start
    found: list[OpenRecord] = []
    enumerating: OpenRecord | None = None  # the record whose duty opened with 一是
    continued: OpenRecord | None = None  # a record whose duty ran up to a ；
    for sentence in SENTENCE_PATTERN.finditer(text):
        words = sentence.group(0)
        if enumerating is None or not NEXT_ITEM_PATTERN.match(words.lstrip()):
            enumerating = None
            if not SENTENCE_VERB_PATTERN.search(words):
                continue
        if PAST_REPORT_PATTERN.search(words) or is_past_year_opening(words, plan_year):
            continued = None  # what was done, not what is charged
            continue
        current: OpenRecord | None = None
        if continued and subject_duties and MODAL_OPENING_PATTERN.match(words.lstrip()):
            current = continued  # 甲部要…；要…；要… : the subject carries every 要
            current.duty_open = True
        elif enumerating is None and not may_name_units(words):
            continued = None  # nothing to continue, no clause names units: no record
            continue
        clauses = sentence_clauses(text, sentence.start(), sentence.end(), offset)
        for index, clause in enumerate(clauses):
            following = clauses[index + 1].body if index + 1 < len(clauses) else ""
            units = parse_clause(clause.body, subject_duties, following, stated_only)
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
                elif (
                    current
                    and current.duty_open
                    and not DATE_OPENING_PATTERN.match(clause.body)
                    and not DUTY_STOP_PATTERN.match(clause.body)
                ):
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
                if (
                    units.duty_at is not None
                    and current.duty is None
                    and clause.body.startswith(JOINED_OPENINGS)
                ):  # 甲办牵头，会同乙所编制计划: the partners' clause states the shared duty
                    current.extend_duty(clause.start + units.duty_at, clause.end)
        ends_open = sentence.group(0).rstrip().endswith(("；", ";"))
        continued = current if current and current.duty_open and ends_open else None
    return [UnitList(r.start, r.end, r.lead, r.participants, r.duty) for r in found]


def clean_duty(text: str) -> str | None:
    """A duty as a task: `一是要建立…机制，负责…` → `建立…机制，负责…`; None when empty or
    only a role word (`甲局负责牵头`: the task is the measure's)."""
    duty = DUTY_OPENING_PATTERN.sub("", text.strip().lstrip("，,、"), count=1).strip()
    duty = duty.rstrip("，。；、 ")
    return None if not duty or duty in ROLE_WORDS_ALONE else duty


def section_number_path(path: list[Section]) -> str | None:
    """The numbers of a section path, outermost first: [二, （三）] → `二（三）`."""
    numbers = [s.number for s in path if s.number]
    return "".join(numbers) or None


def heading_number_span(path: list[Section], paragraph: Paragraph) -> tuple[int, int] | None:
    """`[start, end)` in `paragraph.text` of the number of the heading it holds (`（二）`), or
    None when it holds no numbered heading."""
    if not path or not path[-1].number:
        return None
    at = path[-1].evidence.start - paragraph.start
    if 0 <= at < len(paragraph.text) and paragraph.text.startswith(path[-1].number, at):
        return at, at + len(path[-1].number)
    return None


def unit_heading_record(
    doc: Document, path: list[Section], paragraph: Paragraph
) -> Responsibility | None:
    """The record of a paragraph under a heading that is only units (`（一）县住建局。` /
    `（三）各乡镇人民政府`), its body opening with a charge (`负责…`, `要…`) as a subject's
    duty would: the units lead, the body is the task (a duties section: 职责分工)."""
    if not path:
        return None
    start = heading_end(path, paragraph)
    body = paragraph.text[start:]
    begin = start + len(body) - len(body.lstrip("。：: \n"))
    # the charge first: a cheap look, where reading the title as units is not
    if not CHARGE_OPENING_PATTERN.match(paragraph.text[begin:]):
        return None
    if not (units := subject_units(path[-1].title)):
        return None
    task = clean_duty(paragraph.text[begin:])
    if task is None:
        return None
    return Responsibility(
        task=task,
        section=section_number_path(path),
        lead=units,
        participants=[],
        evidence=doc.evidence(paragraph.start + begin, paragraph.end),
    )


def heading_end(path: list[Section], paragraph: Paragraph) -> int:
    """Where, in `paragraph.text`, the body starts after the heading it opens with (if any):
    its section's heading (`path`: the sections holding it), or its own `（一）title。` when
    no section covers it."""
    if path:
        heading = path[-1].evidence
        if paragraph.start <= heading.start and heading.end <= paragraph.end:
            return heading.end - paragraph.start
        return 0
    match = ITEM_HEADING_PATTERN.match(paragraph.text)
    return match.end() if match else 0


def task_of(path: list[Section], paragraph: Paragraph) -> tuple[str | None, str | None, bool]:
    """(task title, section number path, in a section that assigns work) of `paragraph`,
    which the sections of `path` hold.

    The title is the innermost section's; the third value tells whether the path holds
    a section of a kind in CHARGE_SECTION_KINDS. Falls back to the paragraph's own
    `（一）title。` when no section covers it.
    """
    if path:
        in_charge = any(s.kind in CHARGE_SECTION_KINDS for s in path)
        return path[-1].title, section_number_path(path), in_charge
    match = ITEM_HEADING_PATTERN.match(paragraph.text)
    if match:
        return match.group("title"), match.group("number"), False
    return None, None, False


def subject_duty_mode(path: list[Section]) -> tuple[bool, bool]:
    """(subject_duties, stated_only) for the sentences of a paragraph, from the kinds of the
    sections holding it (`path`): any subject in CHARGE_SECTION_KINDS and in a thematic
    plan's sections of kind `other` only, a stated one in STATED_CHARGE_SECTION_KINDS."""
    kinds = {s.kind for s in path}
    if kinds & CHARGE_SECTION_KINDS or kinds == {"other"}:
        return True, False
    return (True, True) if kinds & STATED_CHARGE_SECTION_KINDS else (False, False)


def in_thematic_section(path: list[Section]) -> bool:
    """Whether a paragraph lies in sections (`path`) of kind `other` only (`三、推动校企深度
    合作`): a thematic plan's measures, whose unit brackets, where they stand, name who is
    charged with the sentences they close (`各地要指导…。（省教育厅负责）` → 省教育厅 alone)."""
    return bool(path) and all(s.kind == "other" for s in path)


class SectionFacts(NamedTuple):
    """What every paragraph of one section shares, worked out once for the section: its
    `task_of` title and number path, its `subject_duty_mode`, `in_thematic_section`."""

    title: str | None
    number_path: str | None
    mode: tuple[bool, bool]
    thematic: bool


def section_facts(path: list[Section]) -> SectionFacts:
    """The SectionFacts of the paragraphs a (non-empty) section `path` holds."""
    return SectionFacts(
        path[-1].title,
        section_number_path(path),
        subject_duty_mode(path),
        in_thematic_section(path),
    )


def run_in_sections(paragraphs: list[Paragraph], paths: list[list[Section]]) -> set[int]:
    """The heading offsets of sections whose paragraphs are sub-items with run-in leads.

    A section qualifies when it holds at least RUN_IN_MIN_PARAGRAPHS paragraphs and every
    one opens (after the section's heading) with a RUN_IN_LEAD_PATTERN sentence followed by
    more text: `（一）强化X。建立Y，发挥Z。…（甲部牵头）` / `优化A，强化B。…（乙部指导）`.
    """
    grouped: dict[int, list[tuple[Paragraph, list[Section]]]] = {}
    for paragraph, path in zip(paragraphs, paths, strict=True):
        if path:
            grouped.setdefault(path[-1].evidence.start, []).append((paragraph, path))
    return {
        start
        for start, held in grouped.items()
        if len(held) >= RUN_IN_MIN_PARAGRAPHS  # counted first: the pattern only where it may tell
        and all(run_in_lead_end(p.text, heading_end(path, p)) is not None for p, path in held)
    }


def run_in_lead_end(text: str, body_start: int) -> int | None:
    """Where the run-in lead opening `text[body_start:]` ends, or None when there is none
    (or nothing follows it)."""
    match = RUN_IN_LEAD_PATTERN.match(text, body_start)
    if match is None or not text[match.end() :].strip():
        return None
    return match.end()


def closing_start(
    structure: Structure, paragraphs: list[Paragraph], paths: list[list[Section]]
) -> int | None:
    """Where a plan's closing text starts, when its items are one run-in paragraph each.

    When at least CLOSING_MIN_ITEMS top-level items each are one paragraph opening with the
    item's heading (`一、对…的地方，…。（甲部负责）` … `三十、…`), the paragraphs after the last
    item's are the plan's closing text (`各地、各有关部门要…`), outside every item. None
    otherwise, or when the last item has no further paragraph.
    """
    items = [s for s in structure.sections if s.number and s.kind != "attachment"]
    if len(items) < CLOSING_MIN_ITEMS:
        return None
    counts: dict[int, int] = {}
    last_paragraph: dict[int, Paragraph] = {}
    item_starts = {item.evidence.start for item in items}
    for paragraph, path in zip(paragraphs, paths, strict=True):
        if path and path[0].evidence.start in item_starts:
            key = path[0].evidence.start
            counts[key] = counts.get(key, 0) + 1
            last_paragraph.setdefault(key, paragraph)
    *earlier, last = items
    for item in (*earlier, last):
        opening = last_paragraph.get(item.evidence.start)
        if opening is None or opening.start != item.evidence.start:
            return None
        if item.evidence.end >= opening.end or item.children:
            return None  # a heading line of its own, not a run-in item
    if any(counts.get(item.evidence.start) != 1 for item in earlier):
        return None
    if counts.get(last.evidence.start, 0) < 2:
        return None
    return last_paragraph[last.evidence.start].end


def split_cell_units(text: str) -> list[str]:
    """The units of a table cell in a lead/participant column (`等` dropped), those its
    lines ran together parted (`区民政局各街道办事处` → 区民政局, 各街道办事处)."""
    units = [without_tail(u) for u in split_outside_brackets(text, CELL_SPLIT_PATTERN)]
    if "各" in text:  # the cheap look: most cells hold no fused units
        units = [part for u in units for part in FUSED_CELL_UNITS_PATTERN.split(u)]
    return [u for u in units if u and len(u) <= CELL_UNIT_MAX_CHARS]


def column_role(header: str) -> str | None:
    """The role a task table's column gives its units, by its header: `lead` (牵头单位,
    责任单位), `participant` (配合单位), `unit` (单位: units without a role) or None (tasks,
    dates, persons such as 牵头领导). A two-row header's most specific part decides first
    (`责任单位/配合单位` → participant); a column naming both roles (`牵头单位/配合单位`) is
    a lead column, its cells' role words (`甲局牵头，乙局配合`) telling who takes part."""
    compact = "".join(header.split())
    if PERSON_HEADER_PATTERN.search(compact) and not UNIT_HEADER_PATTERN.search(compact):
        return None
    if "牵头" in compact and PARTICIPANT_HEADER_PATTERN.search(compact):
        return "lead"  # 牵头单位/配合单位 in one column: its cells say who takes part, or all lead
    for part in dict.fromkeys((compact.rsplit("/", 1)[-1], compact)):
        if PARTICIPANT_HEADER_PATTERN.search(part):
            return "participant"
        if LEAD_HEADER_PATTERN.search(part):
            return "lead"
    return "unit" if UNIT_HEADER_PATTERN.search(compact) else None


def task_table_columns(header: list[str]) -> tuple[int | None, list[int], list[int]]:
    """(task column, lead columns, participant columns) of a table header. Of several task
    columns (`重点任务 | 具体措施`, the first merged over the rows of its measures), the task is
    the most specific: the last before the unit columns."""
    roles = [column_role(h) for h in header]
    lead = [c for c, role in enumerate(roles) if role == "lead"]
    participants = [c for c, role in enumerate(roles) if role == "participant"]
    units_start = min(lead + participants, default=len(header))
    tasks = [
        c
        for c, h in enumerate(header)
        if roles[c] is None
        and TASK_HEADER_PATTERN.search(h)
        and not PERSON_HEADER_PATTERN.search(h)
    ]
    before_units = [c for c in tasks if c < units_start]
    task = before_units[-1] if before_units else (tasks[0] if tasks else None)
    return task, lead, participants


def marked_lead_units(cell: str) -> tuple[list[str], list[str]]:
    """(the units a cell marks as leading, its other units): `甲局（牵头）、乙局` → ([甲局],
    [乙局]); a cell with no mark gives ([], every unit)."""
    if "牵头" not in cell or not LEAD_MARK_PATTERN.search(cell):
        return [], split_cell_units(cell)
    marked = [m.group("unit").strip("、，, ") for m in MARKED_LEAD_PATTERN.finditer(cell)]
    units = split_cell_units(LEAD_MARK_PATTERN.sub("", cell))
    return [u for u in units if u in marked], [u for u in units if u not in marked]


def unit_cell_text(cell: Cell) -> str:
    """A unit column's cell as one line, a line break between two whole units made a list
    separator (`县自然资源局\n县财政局` → `县自然资源局、县财政局`), any other joined as a
    wrap is (`区住房和城乡\n建设局`, `市生态环境局\n桓台分局`, `县政府\n办公室`)."""
    if "\n" not in cell.text:
        return cell.line
    lines = [line.strip() for line in cell.text.split("\n") if line.strip()]
    joined = lines[:1]
    for before, after in pairwise(lines):
        between_units = (
            before.endswith(UNIT_SUFFIXES)
            and UNIT_OPENING_PATTERN.match(after) is not None
            and not after.endswith(BRANCH_UNIT_SUFFIXES)
        )
        joined.append(("、" if between_units else "\n") + after)
    return join_line_breaks("".join(joined)).strip()


def table_cell_units(text: str, role: str) -> tuple[list[str], list[str]]:
    """(lead, participants) of a unit column's cell, its units in the column's `role`
    (lead or participant) unless the cell gives theirs: `甲局（牵头）、乙局` → ([甲局], [乙局]),
    `甲局牵头，乙局、丙局配合` → ([甲局], [乙局, 丙局])."""
    if not text:
        return [], []
    if CELL_ROLE_WORD_PATTERN.search(text) and (found := read_bracket(text)):
        default = "responsible" if role == "lead" else "participant"
        given = {None, "responsible"} if role == "participant" else {None}
        found = BracketRoles(
            [(units, default if said in given else said) for units, said in found.entries]
        )
        return settle_roles(found, False)
    if role == "lead":
        marked, others = marked_lead_units(text)
        return (marked, others) if marked else (others, [])
    return [], split_cell_units(text)


def task_row_units(
    cells: Sequence[Cell], lead_cols: list[int], participant_cols: list[int]
) -> tuple[list[str], list[str]]:
    """(lead, participants) of a task table's body row, from its lead and participant
    columns, each unit once (a lead is never also a participant)."""
    lead: list[str] = []
    participants: list[str] = []
    for columns, role in ((lead_cols, "lead"), (participant_cols, "participant")):
        for column in columns:
            leads, others = table_cell_units(unit_cell_text(cells[column]), role)
            lead += leads
            participants += others
    lead = list(dict.fromkeys(lead))
    return lead, [u for u in dict.fromkeys(participants) if u not in lead]


def unroled_units_warnings(
    doc: Document, recovered: RecoveredTable, task_col: int | None
) -> list[Warning]:
    """A warning for each body row of a task table (tasks with a time limit) whose units
    stand in a column that names no role (`工作事项 | 单位 | 完成时限`): the tool cannot say
    who leads, so no record."""
    table = recovered.table
    columns = [
        c
        for c, h in enumerate(table.header)
        if column_role(h) == "unit" and not UNIT_NAME_HEADER_PATTERN.search(h)
    ]
    if (
        not columns
        or task_col is None
        or table.kind != "other"
        or not any(TIME_LIMIT_HEADER_PATTERN.search(h) for h in table.header)
    ):
        return []  # a list of units (安置单位名称 | 安置任务), no task table
    warnings = []
    for number, (row, cells) in enumerate(
        zip(table.rows, body_grid(recovered), strict=True), start=1
    ):
        for column in columns:
            if row[task_col] and not is_spanning_row(row) and split_units(row[column]):
                message = (
                    f"row {number}: the units of column 「{table.header[column]}」 "
                    f"({row[column]}) have no role (牵头/配合…) the column or the cell names; "
                    "no record made"
                )
                warnings.append(
                    table_warning(doc, recovered, "responsibility_roles_unknown", message, cells)
                )
    return warnings


def responsibilities_from_table(
    structure: Structure, recovered: RecoveredTable
) -> tuple[list[Responsibility], list[Warning]]:
    """One record per body row of a task table with lead or participant columns (a row
    spanning the table, `一、强化组织保障`, groups the rows and is none), and the doubts:
    task rows without a lead, unit columns that name no role."""
    table = recovered.table
    task_col, lead_cols, participant_cols = task_table_columns(table.header)
    doc: Document = structure.doc
    if not lead_cols and not participant_cols:
        return [], unroled_units_warnings(doc, recovered, task_col)
    section = section_number_path(structure.section_path(recovered.block.start))
    first_body = recovered.title_rows + recovered.header_rows
    records: list[Responsibility] = []
    warnings: list[Warning] = []
    for index, (row, cells) in enumerate(zip(table.rows, body_grid(recovered), strict=True)):
        if is_spanning_row(row):
            continue
        lead, participants = task_row_units(cells, lead_cols, participant_cols)
        if not lead and lead_cols and task_col is not None and row[task_col]:
            warnings.append(lead_missing_warning(doc, recovered, index + 1, cells))
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
    return records, warnings


def lead_missing_warning(
    doc: Document, recovered: RecoveredTable, number: int, cells: Sequence[Cell]
) -> Warning:
    """The doubt a task row with a blank lead cell leaves: a Word or web copy writes a
    merged cell in its first row only, so the lead may be the one above; none is guessed."""
    message = (
        f"row {number}: the task has no lead unit (a blank cell, perhaps merged with the "
        "row above, which the source cannot mark); no lead recorded"
    )
    return table_warning(doc, recovered, "responsibility_lead_missing", message, cells)


def measure_task(
    text: str, bracket: MeasureBracket, body_start: int, only: bool, title: str | None
) -> str | None:
    """The task of a unit bracket: the words of the measure it closes, or the heading's.

    The heading's words (`title`) when nothing but the heading precedes the bracket, or
    when the bracket is the paragraph's one unit bracket, its measure starts at the heading
    of a titled item and nothing follows it: it then covers the whole item. `only` is False
    where the paragraph is a sub-item of its section (a run-in lead opens it).
    """
    words = text[bracket.measure_start : bracket.start].strip(MEASURE_TRIM)
    ends_paragraph = not text[bracket.end :].strip(MEASURE_TRIM)
    whole_item = only and body_start > 0 and bracket.measure_start == body_start and ends_paragraph
    if title and (not words or whole_item):
        return title
    return words or title


def annotated_duty(text: str, bracket: MeasureBracket) -> tuple[str, int] | None:
    """The duty a unit bracket standing inside a sentence annotates, and where it starts
    in `text`: `甲部、乙部分别负责证书的实施（技工院校内由甲部负责），…` → `证书的实施`.

    None when the bracket follows a sentence end, or the sentence before it names no duty
    of its own up to the bracket.
    """
    before = text[bracket.measure_start : bracket.start].rstrip()
    if not before or before[-1] in MEASURE_END_CHARS:
        return None
    sentence_start = bracket.measure_start + max(before.rfind(c) for c in MEASURE_END_CHARS) + 1
    stretch = text[sentence_start : bracket.start]
    lists = find_sentence_lists(stretch, 0, subject_duties=True)
    if not lists or lists[-1].duty is None or lists[-1].end != len(stretch.rstrip()):
        return None
    begin, end = lists[-1].duty
    duty = clean_duty(stretch[begin:end])
    if duty is None:
        return None
    return duty, sentence_start + stretch.index(duty, begin)


def bracket_records(
    structure: Structure,
    paragraph: Paragraph,
    convention: Convention,
    path: list[Section],
    title: str | None,
    section: str | None,
    run_in: bool = False,
    thematic: bool | None = None,
) -> tuple[list[Responsibility], list[tuple[int, int]], list[Warning]]:
    """The records of a paragraph's unit brackets, the `[start, end)` paragraph spans its
    brackets cover (where no sentence record is looked for; with the measures they close in
    a thematic section), and the brackets' doubts.

    `path`: the sections holding the paragraph. `run_in`: the paragraph is a sub-item
    opening with a run-in lead, which its first bracket's task leaves out (the lead sums up
    the measures that follow it). `title`, `section`: the paragraph's `task_of`, worked out
    once by the caller, as `thematic` (`in_thematic_section` of `path`) may be.
    """
    warnings: list[Warning] = []
    doc = structure.doc
    body_start = heading_end(path, paragraph)
    if run_in:
        lead_end = run_in_lead_end(paragraph.text, body_start)
        body_start = lead_end if lead_end is not None else body_start
    brackets, undecided = find_unit_brackets(paragraph.text, body_start, convention)
    records: list[Responsibility] = []
    inside_sentence: list[bool] = []  # a bracket annotating the clause before it
    for bracket in brackets:
        only = len(brackets) == 1 and not run_in
        task = measure_task(paragraph.text, bracket, body_start, only, title)
        start = paragraph.start + bracket.start
        duty = annotated_duty(paragraph.text, bracket)
        inside_sentence.append(duty is not None)
        if duty:  # the duty's own words are evidenced by its sentence's record
            task = duty[0]
        elif task != title:  # the evidence shows the measure's words with its units
            start = paragraph.start + bracket.measure_start
            start += len(paragraph.text[bracket.measure_start : bracket.start]) - len(
                paragraph.text[bracket.measure_start : bracket.start].lstrip(MEASURE_TRIM)
            )
        evidence = doc.evidence(start, paragraph.start + bracket.end)
        records.append(
            Responsibility(
                task=task,
                section=section,
                lead=bracket.lead,
                participants=bracket.participants,
                evidence=evidence,
            )
        )
        if not bracket.closed:
            warnings.append(unclosed_bracket_warning(evidence))
    for start, _, end in undecided:
        warnings.append(undecided_units_warning(doc, paragraph.start, start, end))
    if in_thematic_section(path) if thematic is None else thematic:
        covered = [
            (b.start if annotated else b.measure_start, b.end)
            for b, annotated in zip(brackets, inside_sentence, strict=True)
        ]
        covered += [(m, e) for m, _, e in undecided]
    else:
        covered = [(b.start, b.end) for b in brackets] + [(s, e) for _, s, e in undecided]
    return records, covered, warnings


def outside_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `[start, end)` stretches of `text` that lie outside every span, in order."""
    pieces: list[tuple[int, int]] = []
    begin = 0
    for start, end in sorted(spans):
        if start > begin:
            pieces.append((begin, start))
        begin = max(begin, end)
    if begin < len(text):
        pieces.append((begin, len(text)))
    return pieces


def extract_responsibilities(
    structure: Structure, dating: PlanDating | None = None
) -> Extracted[list[Responsibility]]:
    """Every unit list of the plan's paragraphs, then of its task tables, in order, and the
    doubts of brackets left unread; `dating`, the plan's PlanDating (a sentence opening with
    an earlier year reports past work), is worked out here when not given.

    A record equal to an earlier one (task, section, lead, participants) is left out.
    """
    doc = structure.doc
    plan_year = (dating or dating_of(doc)).year
    records: list[Responsibility] = []
    warnings: list[Warning] = []
    convention = Convention()
    paths = structure.paragraph_paths()
    run_in = run_in_sections(doc.paragraphs, paths)
    closing = closing_start(structure, doc.paragraphs, paths)
    body = body_start(structure)
    runs = label_runs(doc.paragraphs)
    in_runs = {index for run in runs.values() for index in run}
    facts: dict[int, SectionFacts] = {}  # by id of the innermost section
    for index, (paragraph, path) in enumerate(zip(doc.paragraphs, paths, strict=True)):
        shared = facts.get(id(path[-1])) if path else None
        if path and shared is None:
            shared = facts[id(path[-1])] = section_facts(path)
        # the task, once for brackets and sentences: the section's, else the paragraph's own
        title, section = (
            (shared.title, shared.number_path) if shared else task_of(path, paragraph)[:2]
        )
        if index in in_runs:
            if index in runs:
                lines = [doc.paragraphs[i] for i in runs[index]]
                text = "；".join(line.text.strip() for line in lines)
                span = (lines[0].start, lines[-1].end)
                if record := label_record(doc, text, span, convention, title, section):
                    records.append(record)
            continue
        own_title, own_section = title, section
        subject_duties, stated_only = shared.mode if shared else subject_duty_mode(path)
        if (
            closing is not None
            and paragraph.start >= closing
            and not any(s.kind == "attachment" for s in path)
        ):
            title, section, subject_duties, stated_only = None, None, True, False
        sub_item = bool(path) and path[-1].evidence.start in run_in
        found, covered, doubts = bracket_records(
            structure,
            paragraph,
            convention,
            path,
            own_title,
            own_section,
            sub_item,
            thematic=shared.thematic if shared else False,
        )
        warnings.extend(doubts)
        if run := inline_label_run(paragraph.text, heading_end(path, paragraph)):
            span = (paragraph.start + run[0], paragraph.start + run[1])
            inline = paragraph.text[run[0] : run[1]]
            if record := label_record(doc, inline, span, convention, own_title, own_section):
                found.append(record)
            covered = [*covered, run]
        if record := unit_heading_record(doc, path, paragraph):
            found.append(record)  # （一）县住建局。负责…: the heading names who, the body what
            covered = [(0, len(paragraph.text))]
        if paragraph.start < body:
            covered = [(0, len(paragraph.text))]  # the opening states aims, assigns no work
        elif number_end := article_number_end(paragraph.text):
            covered = [*covered, (0, number_end)]  # 第五条　考核工作由…: the number is no unit
        elif number := heading_number_span(path, paragraph):
            covered = [*covered, number]  # （二）县民政局：负责…: the number is no unit
        for start, end in outside_spans(paragraph.text, covered):
            text = paragraph.text[start:end]
            lists = find_sentence_lists(
                text, paragraph.start + start, subject_duties, stated_only, plan_year
            )
            records.extend(
                Responsibility(
                    task=(clean_duty(doc.text[f.duty[0] : f.duty[1]]) if f.duty else None) or title,
                    section=section,
                    lead=f.lead,
                    participants=f.participants,
                    evidence=doc.evidence(f.start, f.end),
                )
                for f in lists
            )
        records.extend(found)
    for recovered in structure.tables:
        table_records, doubts = responsibilities_from_table(structure, recovered)
        records.extend(table_records)
        warnings.extend(doubts)
    return Extracted(without_repeats(records), warnings)


def is_label_line(text: str) -> bool:
    """True for a paragraph that is a role label and its units (`责任单位：A、B`)."""
    match = ROLE_LABEL_PATTERN.match(text.strip())
    return match is not None and bool(match.group("units").strip())


def label_runs(paragraphs: Sequence[Paragraph]) -> dict[int, list[int]]:
    """The runs of label lines, by the index of their first paragraph: each run lists the
    indices of its label lines, other `key：value` lines between them passed over."""
    runs: dict[int, list[int]] = {}
    current: list[int] | None = None
    for index, paragraph in enumerate(paragraphs):
        if is_label_line(paragraph.text):
            if current is None:
                current = runs[index] = []
            current.append(index)
        elif current is None or not KEY_VALUE_LINE_PATTERN.match(paragraph.text.strip()):
            current = None
    return runs


def label_record(
    doc: Document,
    text: str,
    span: tuple[int, int],
    convention: Convention,
    task: str | None,
    section: str | None,
) -> Responsibility | None:
    """The record of label lines or sentences (`text`, at `span` of the document) read as
    one bracket, None when they name no units whose roles are known."""
    found = read_bracket(text)
    if found is None or (found.undecided() and not convention.first_leads):
        return None
    lead, participants = settle_roles(found, convention.first_leads)
    return Responsibility(
        task=task,
        section=section,
        lead=lead,
        participants=participants,
        evidence=doc.evidence(*span),
    )


def inline_label_run(text: str, start: int) -> tuple[int, int] | None:
    """`[start, end)` of the field sentences closing a measure in a paragraph's `text` after
    `start` (`…。责任单位：甲局，配合单位：乙局。`): from the first sentence that opens with a
    role label, through the sentences after it that open with a field label (`完成时限：…`);
    None when no sentence opens with a role label."""
    if "：" not in text and ":" not in text:
        return None  # no label without its colon (most paragraphs)
    for found in INLINE_FIELD_PATTERN.finditer(text, start):
        if not text.startswith(ROLE_LABEL_WORDS, found.end()):
            continue  # a time limit or a person in charge alone assigns no unit
        end = found.end()
        while (stop := text.find("。", end)) >= 0 and stop + 1 < len(text):
            if not INLINE_FIELD_PATTERN.match(text, stop + 1):
                return found.end(), stop + 1
            end = stop + 1
        return found.end(), len(text.rstrip())
    return None


def body_start(structure: Structure) -> int:
    """Where the plan's numbered items start (its first numbered section's heading): the
    opening before them (addressees, aims, `总体要求`) names units but charges none."""
    numbered = [s.evidence.start for s in structure.sections if s.number]
    return min(numbered, default=0)


def unclosed_bracket_warning(evidence: Evidence) -> Warning:
    """The doubt a unit list whose bracket never closes leaves: where it really ends."""
    return Warning(
        code="bracket_unclosed",
        message="a unit list's bracket never closes; the list was read to the paragraph end",
        evidence=evidence,
    )


def undecided_units_warning(doc: Document, offset: int, start: int, end: int) -> Warning:
    """The doubt a bracket of units without role word (and no convention) leaves."""
    evidence = doc.evidence(offset + start, offset + end)
    return Warning(
        code="responsibility_roles_unknown",
        message="a bracket names units but no role word (牵头/负责/配合…) and no convention "
        f"says who leads; no record made: {evidence.quote[-80:]}",
        evidence=evidence,
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
