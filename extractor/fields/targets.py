"""Targets: the plan's quantitative goals, one per year and figure, wherever the plan states them.

A sentence is cut into year segments at each dated phrase (`2021年，…；2022年，…`,
`到2022年，…`); every figure in a segment (`30%以上`, `百分之六十`, `10%—20%`, `2个试点社区`,
`50所高水平高等职业学校`, `10万名`) is one target of that year. A paragraph that opens with a
dated phrase (`到2025年，…。…`) lends its year to its later sentences that give none.

In the objectives (目标) and steps (步骤) sections every figure is a target. Elsewhere (tasks,
measures, content) a figure is a target only where the text sets it as one: in a segment led
by a year to be reached (`到2022年`, `2020年底前`, a clause-opening `2020年`), bound by a
comparator (`不低于30%`, `提高到80%`, `控制在5%以内`, `95%以上，`), or counted right after a
verb of building (`建设100个…`, `培育100家…`). Such a figure without a year has year null;
a year span gives one (`2012年起5年内` → 2016, `用3年时间` from the plan's year, warned).
Figures that are not targets give none: relative changes (`比上年增长5%`, `提高5个百分点`,
warned where they sit in a goal), figures in citations (`《…2019年版》`, `〔2019〕4号`),
scoring lines (`80%以上得6分`), ordinals and per-unit rates (`第3个`, `每千人`), enumerations
(`等9个部门`), durations (`6个月`) and years before the plan's own year (the past); outside
the goals and steps, a sentence stating where things stand (`目前，…达到60%`, `已建成园区2个`),
a size class (`以不超过70平方米的小户型为主`) and a rate's unit (`每改造1万平方米…`) set none.

A target's scope is the area of its clause (`全省`), else the area written right after the
dated phrase of its sentence (`到2021年全省引进…30个，重点引进2-3个…`: 全省 for both), else the
area the sentence names as its topic in a first clause of its own before a modal or a date
(`对新建居住小区，要按照…`). A dated phrase that shares its clause with a figure is that
figure's evidence only; one in a clause of its own opens the evidence of every figure after
it. A count per head of population keeps the head in its subject (`每千人口不少于10个托位` →
每千人口托位).

A figure restated in the steps section is the objectives' target again, not a new one; where
the restatement gives the same year it fills what the objectives leave unsaid (`2021年底前将创建
范围扩大到30%的社区` gives the 2021 target its deadline). A restatement's deadline may also
sit in a later clause of its sentence (`…60%以上的社区…，并于10月底前达到创建要求`). A figure
restated elsewhere (same figure and subject, same year or none) is kept once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from extractor.document import Document, Paragraph
from extractor.fields import Extracted, PlanDating
from extractor.fields.dates import (
    DATE_FIRST_CHARS,
    DATE_LINE_PATTERN,
    DATE_PATTERN,
    date_parts,
    parse_number,
    qualifies_noun_after,
    resolve_date,
)
from extractor.fields.indicators import indicator_targets
from extractor.fields.metadata import find_printed_date, find_signature_date, find_title
from extractor.fields.phases import PhaseSpan, phases_with_spans
from extractor.lookahead import led_by
from extractor.models import Comparator, Phase, Section, Target, Warning
from extractor.numerals import MEASURE_WORDS, MULTIPLIERS
from extractor.structure import Structure
from extractor.structure.sections import numbering_end
from extractor.vocabulary import TITLE_PERIOD_NOTE

# The period a title covers, closing it: …实施方案（2024—2026年） / (2021-2025); its first
# year is the plan's where no issue date gives one
TITLE_PERIOD_PATTERN = re.compile(rf"{TITLE_PERIOD_NOTE}$")
FOUR_DIGITS_PATTERN = re.compile(r"\d{4}")
# A sentence ends here: …创建要求。
SENTENCE_END_PATTERN = re.compile(r"[。！？]")
# A clause ends here: …创建达标，/；/。
CLAUSE_END_PATTERN = re.compile(r"[，,；;。！？]")
# A clause or a label ends here, for where a dated phrase must open its clause: 具体指标：到2022年
CLAUSE_OPENING_END_PATTERN = re.compile(r"[，,；;。！？：:]")
# Words that may stand before a clause-opening dated phrase: 并到2022年, 同时2020年底前,
# 确保到2024年底
CLAUSE_OPENING_FILLER = ("", "并", "同时", "其中", "并且", "且", "确保", "计划", "预计", "力求")
# A cheap first look: a paragraph without these holds no figure (30%, 百分之六十, 2个, 10万名,
# 100余家, 一所, 15平方米, 5000吨); a date (2021年) is no figure
FIGURE_HINT_PATTERN = re.compile(
    led_by(
        r"%百分\d一二两三四五六七八九十千",
        rf"(?:%|百分之|一半|分之|\d\s*(?:[万亿余多]|{MEASURE_WORDS})"
        r"|[一二两三四五六七八九十百千](?:个|所|项|名|家|座|人|张|套|户|处|条))",
    )
)  # the measure words are the counts' own (numerals.MEASURE_WORDS): one list
# Section titles that hold goals even where the section kind says otherwise: 工作目标, 创建目标
OBJECTIVES_TITLE_PATTERN = re.compile(r"目标")
# A short first sentence that is only a run-in heading: （三）目标任务。到2022年，…
RUN_IN_HEADING_MAX = 20  # characters; a heading is a few words, a goal sentence is longer

# The dated phrase that opens a year segment: 2021年，/ 到2021年底，/ 2021年底前 / 力争到202x年;
# a start, 从2019年起 / 自2019年开始 / 2012年以来, opens a segment without a target year. A year
# compared with (比2020年, 较2020年, 同比, 与2020年相比) is a baseline, never a lead
YEAR_LEAD_PATTERN = re.compile(
    led_by(
        f"力争到至截在于从自{DATE_FIRST_CHARS}",
        rf"(?<![比较与])(?P<aspire>力争|争取)?(?P<lead>到|至|截至|截止|在|于|从|自)?"
        rf"(?P<date>{DATE_PATTERN.pattern})(?P<before>之前|以前|前)?(?P<since>起|开始|以来)?",
    )
)
# A span after a start: 2012年起5年内 → 2016, 2019年起用3年时间
SPAN_AFTER_START_PATTERN = re.compile(
    r"[，,]?(?:用|利用|经过)?(?P<years>\d{1,2}|[一二两三四五六七八九十])年(?:左右)?(?:时间|之内|内)"
)
# A span counted from the plan's own year: 用3年时间, 力争用两年时间, 3年内 (not 近3年内)
PLAN_SPAN_PATTERN = re.compile(
    led_by(
        r"力争用利经通\d一二两三四五六七八九十",
        r"(?P<aspire>力争|争取)?(?:用|利用|经过|通过)?"
        r"(?<![\d—\-~～至到近每前])(?P<years>\d{1,2}|[一二两三四五六七八九十])年(?:左右)?(?:时间|之内|内)",
    )
)
# A share: 30%, 12.5%, a range 10%—20% or 10—20%, in words 百分之六十 / 百分之十至百分之二十, or
# as a part: 一半 (50%), 三分之一 (33.33%), 四分之三 (75%)
PERCENT_PATTERN = re.compile(
    led_by(
        r"\d百一二三四五六七八九十",
        r"(?:(?P<low>\d+(?:\.\d+)?)\s*%?\s*(?:—{1,2}|－|-|–|~|～|至|到)\s*(?P<high>\d+(?:\.\d+)?)\s*%"
        r"|(?P<value>\d+(?:\.\d+)?)\s*%"
        r"|百分之(?P<low_zh>[〇零一二三四五六七八九十百点]+)"
        r"(?:(?:—{1,2}|－|-|–|~|～|至|到)百分之(?P<high_zh>[〇零一二三四五六七八九十百点]+))?"
        r"|(?P<half>一半)|(?P<whole>[二三四五六七八九十])分之(?P<part>[一二三四五六七八九]))",
    )
)
# A number in digits or Chinese, and the 万/亿 that multiplies it: 100, 1.5万, 两, 三十
COUNT_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# A number of things: 2个试点社区, 50所高水平学校, 10万名, 1-2个, 100余家, 两个试点小区. Not an
# ordinal or a per-unit rate (第3个, 每千人), nor a duration or a share (6个月, 5个百分点)
COUNT_PATTERN = re.compile(
    led_by(
        r"\d一二两三四五六七八九十百千",
        rf"(?<![\d.第每])(?:(?P<low>{COUNT_NUMBER})(?P<low_mult>[万亿])?"
        r"\s*(?:—{1,2}|－|-|–|~|～|至|到)\s*)?"
        rf"(?P<count>{COUNT_NUMBER})(?P<mult>[万亿])?(?P<more>余|多)?(?P<measure>{MEASURE_WORDS})"
        r"(?!月|百分点|工作日|小时|季度|年度|星期|周|口|民|/)",  # /: a rate (8公里/平方公里)
    )
)
# An enumeration's tally, not a goal: 住建、民政等9个部门
TALLY_BEFORE_PATTERN = re.compile(r"等\s*$")
# Words before a figure that make it a floor: 不低于30%, 至少2个, 超过50%, 提高到80%, and with a
# verb of building between: 至少建设一所, 不少于建成
GOAL_VERB = (
    r"(?:建设|建成|新建|建立|培育|打造|创建|遴选|认定|形成|布局|扶持|培养|培训|新增|选择|选取|"
    r"确定|明确|设立|组建|招收|吸纳|改扩建|改建|扩建|配建|开工|改造|建(?!筑)|办好|发展|推出|命名|评选|增加|达到|完成|"
    r"引进|引入)"
)
# A count after 每 and a verb is the unit of a rate, no goal: 每改造1万平方米既有建筑，年可节约…
# (not 每年新增100个, a yearly goal: 年 stands between)
PER_UNIT_BEFORE_PATTERN = re.compile(rf"每{GOAL_VERB}$")
PER_UNIT_LOOKBACK = 5  # characters: 每 and the longest verb of building (改扩建)
FLOOR_BEFORE_PATTERN = re.compile(
    rf"(?:不低于|不少于|至少|超过|提高到|提高至|提升到|提升至|增加到|增加至|增至|扩大到)"
    rf"(?:{GOAL_VERB})?$"
)
# Words before a figure that make it a ceiling: 不超过5%, 不高于, 不多于, 降低到, 控制在
CEILING_BEFORE_PATTERN = re.compile(
    r"(?:不超过|不高于|不多于|降低到|降低至|降至|下降到|下降至|减少到|减少至|控制在)$"
)
# Words before a figure that make it a strict bound: 高于50% (>), 低于5% (<)
ABOVE_BEFORE_PATTERN = re.compile(r"高于$")
BELOW_BEFORE_PATTERN = re.compile(r"低于$")
# Words that make a figure approximate: 约100个, 约建成100个, 30所左右 (comparator "~")
APPROX_BEFORE_PATTERN = re.compile(rf"(?:大约|约)(?:{GOAL_VERB})?$")
APPROX_AFTER_PATTERN = re.compile(r"左右")
# Words after a figure: 以上 / 及以上 (floor), 以下 / 以内 (ceiling)
FLOOR_AFTER_PATTERN = re.compile(r"(?:及|或)?以上")
CEILING_AFTER_PATTERN = re.compile(r"(?:及|或)?(?:以下|以内)")
# Words before a figure that set it as a goal outside a goals section: 达到95%, 控制在5%,
# 建设100个, 培育100家, 至少建设一所
GOAL_BEFORE_PATTERN = re.compile(
    rf"(?:达到|达|不低于|不少于|至少|超过|不超过|不高于|不多于|提高到|提高至|提升到|提升至|"
    rf"增加到|增加至|增至|扩大到|降低到|降低至|降至|下降到|下降至|减少到|减少至|控制在|保持在|"
    rf"保持|稳定在)(?:{GOAL_VERB})?(?:约|大约)?$"
    rf"|{GOAL_VERB}(?:了)?(?:约|大约|不少于|至少|超过)?$"
)
# A comparator with no verb of building before it, ending right before a count: 以不超过,
# 面积不少于 (not 建设不少于, whose count is built)
BARE_COMPARATOR_BEFORE_PATTERN = re.compile(
    rf"(?P<verb>{GOAL_VERB})?(?:不超过|不少于|不低于|不高于|不多于|超过|至少)$"
)
# What may follow a 以上/以下 that bounds a goal (not a qualifier: 66人以上超大班额): 的, a
# clause end, 和/及/或
BOUND_FOLLOWER_PATTERN = re.compile(r"(?:的|[，,；;。！？）)、]|和|及|或|$)")
# A change, not a level (no target): 比上年增长5%, 同比下降, 提高5个百分点
RELATIVE_BEFORE_PATTERN = re.compile(
    r"(?:增长|下降|减少|降低|提高|提升|增加|上升|缩小|扩大|减排|节约)(?:了)?(?:约|大约)?$"
)
# A change written as a multiple of a base, no level: 比2020年翻一番, 翻两番, 增长1倍
MULTIPLE_PATTERN = re.compile(r"翻[一两三四]?番|(?:增长|增加|提高)\d+(?:\.\d+)?倍")
# A scoring line of a rubric, not a goal: 80%以上得6分, 低于60%扣3分, …处理率达80%以上（10分）
SCORING_PATTERN = re.compile(r"[得扣加减]\s*\d+(?:\.\d+)?\s*分|[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
# A citation holds no goal: 《托儿所建筑设计规范（2019年版）》, （国发〔2019〕4号）
CITATION_OPEN, CITATION_CLOSE = "《", "》"
DOC_NUMBER_PAREN_PATTERN = re.compile(r"[（(][^（）()]*〔[^（）()]*[)）]")
# Words that mark a goal as aspirational: 力争全省60%以上, 争取
ASPIRATION_PATTERN = re.compile(r"力争|争取")
# The area a goal holds for, as written: 全县, 全省, 全街道, 辖区, 本辖区, 各地, 各设区市,
# 所有县（市、区）, 每个设区市
SCOPE_PATTERN = re.compile(
    r"本辖区|辖区|全街道|全[国省市县区镇乡村]|本[省市县区镇]|本地区|各地区?|各省份"
    r"|各省（区、市）|(?:各|所有|每个)(?:设区市|[省市县区镇乡](?![场级委直属]))(?:（[^（）]{1,8}）)?"
)
# The area a whole sentence's goals hold for, named as its topic in a first clause of its own
# before a modal or a date: 对新建居住小区，要按照… / 老城区的居住小区，2025年前要… (scope
# 新建居住小区 / 老城区的居住小区); the topic is a noun phrase ending in an area word
TOPIC_AREA = r"(?:居住小区|小区|社区|城区|街区|园区|地区|农村|乡村|县城|城市|城镇|乡镇)"
# (not a purpose or a manner set before the goal, opening with its preposition or verb:
# 为加快建设美丽乡村，到2025年… / 围绕打造宜居城市，要…)
TOPIC_PURPOSE_OPENING = (
    r"为|围绕|按照|依照|根据|以|坚持|通过|结合|着眼|聚焦|立足|加快|推进|推动|建设|打造|实施"
)
TOPIC_SCOPE_PATTERN = re.compile(
    rf"(?:对于?)?(?!{TOPIC_PURPOSE_OPENING})(?P<scope>[^，,；;。！？：:]{{1,30}}?{TOPIC_AREA})[，,]"
    rf"(?=(?:要|应当?|须|必须)|(?:到|在|于)?{DATE_PATTERN.pattern})"
)
# A rate per head of population standing before a count (a comparator between allowed): 按照
# 每千人口不少于10个托位 → subject 每千人口托位 (not 每个设区市, a scope, nor 每年, a time)
PER_HEAD_PATTERN = re.compile(
    r"(?P<per>每(?:十万|[十百千万])(?:人口|常住人口|户籍人口|人|户|名))"
    r"(?:拥有|配置|配备|设置)?(?:不少于|不低于|至少|不超过|不高于|达到|约)?$"
)
# What is counted, right after the figure: 的城市社区, 社区, 居民小区 (比例的 may come first)
SUBJECT_PATTERN = re.compile(
    r"(?:比例)?的?(?P<subject>城市社区|城镇社区|社区|居民小区|住宅小区|小区|居民区|居委会|村)"
)
# Where what is counted stops and what it must do begins: 托位规划、建设…, 社区参与创建,
# 领域大力开展… (an adverb opens the predicate), 街区改造提升, 1条列入…项目; a verb before
# 示范/试点 names the kind of pilot, no predicate: 3个无障碍环境建设示范城市, 2个完整社区建设试点
# (开展试点 is a predicate)
SUBJECT_END_PATTERN = re.compile(
    r"(?:大力|积极|全面|加快|逐步|进一步|着力|切实|率先)?"
    r"(?:参与|开展|达到|完成|实现|通过|纳入|列入|作为|用于|带动|探索|推进|实施|承担|覆盖|进行"
    r"|(?:规划|建设|创建|发展|改造)(?!示范|试点))"
)
# The verb phrase that governs a count, as a count target's requirement: 建设50所, 推动建设300个,
# 初步建成300个, 重点引进2-3个, 至少建设一所, 均建成不少于1个 (均 is the scope's, not the verb's)
COUNT_VERB = (
    rf"(?:推动|重点|初步|基本|加快|大力|积极|着力|率先|累计|新)?{GOAL_VERB}(?:、?{GOAL_VERB})?"
)
# Words that may open a clause before its verb, no part of what a count counts: 力争培育…10家,
# 其中高新技术企业50家, 确保建成…, and how often or by when: 每年完成…100户, 年内新增…500个
CLAUSE_ADVERB = r"(?:其中|力争|争取|确保|计划|预计|共计|共|再|每年|年均|年内)"
# A verb right before a count, a comparator between them allowed: 建设50所, 建成不少于1个
VERB_BEFORE_COUNT_PATTERN = re.compile(
    rf"(?P<verb>{COUNT_VERB})(?:了)?(?:约|大约|不少于|至少|超过|不低于|近)?$"
)
# A count coordinated with one before it shares its verb: 建设50所学校和150个专业
COORDINATED_COUNT_PATTERN = re.compile(r"(?:和|及|以及|与|、)$")
# A verb opening the words before a count that closes its clause: 引进高端商业品牌30个,
# 力争培育…企业10家, 新建改扩建中小学校20所
# (not the noun 建成区, the built-up area)
VERB_OPENING_PATTERN = re.compile(
    rf"^(?!建成区)(?:要|应当?|须|将)?{CLAUSE_ADVERB}?(?P<verb>{COUNT_VERB})"
)  # a modal before it too: 要新建口袋公园20个 → 口袋公园
# What follows a count written after what it counts: 建成示范幼儿园10所、公办幼儿园30所,
# 改造老旧小区120个（涉及…）
POSTPOSED_COUNT_FOLLOWER_PATTERN = re.compile(r"[、，,；;。！？（(]|和|及|$")
# Separators between two coordinated counts: 10所、公办幼儿园30所
COORDINATION_SEPARATORS = " 、，,和及与以"
# A goal named after its figure: …控制在5%以内的目标, …达到90%的要求 (the goal's words end there)
NAMED_GOAL_PATTERN = re.compile(r"的(?:工作)?(?:目标|任务|要求)")
# Words after 的 that name the goal itself, not what is counted: …控制在5%以内的目标
GOAL_WORDS = ("目标", "要求", "标准", "任务", "水平")
# What a share is of, written before it: 秸秆综合利用率达到85%; the words that stop it
SHARE_SUBJECT_STOP_PATTERN = re.compile(r"[，,；;。！？、：:的在使将把]|要|确保")
# A rate named right before its figure, with no verb between: 达标率100%, 覆盖率98%以上
RATE_NOUN_END_PATTERN = re.compile(r"(?:率|比重|占比)$")
# The words that state a share as a part of a whole: 课时占总课时一半以上, 绿色建筑占比达到
# 70%, 大班额比例控制在5%以内 (the part before them is the subject)
SHARE_RELATION_PATTERN = re.compile(r"占比|占|比例")
# A hedge or a tally between a subject and its verb, no part of the subject: 课时原则上占…,
# 覆盖率均达到100%, 示范小区累计达到100个, 示范街道总计达到5个
SHARE_QUALIFIER_PATTERN = re.compile(r"(?:原则上|一般|总体上?|基本上?|均|都|累计|总计|合计|共计)$")
# An area standing where a share's subject would be: 城市达到90%以上，县城达到70%以上 (the
# area is its scope, the subject that of the share before it)
AREA = (
    r"(?:地级及以上|设区|县级)?城市|设区市|县城|(?:主|中心)?城区|市区|建成区|农村|乡村|乡镇|城镇"
    r"|[省市县区]级"
)
AREA_PATTERN = re.compile(AREA)
# A share that points back at the one before it instead of naming its own: 到2025年底，这一
# 比例达到60% / 该比例提高到80% / 上述比例 (subject, scope and requirement all the earlier
# share's)
ANAPHORIC_SHARE_PATTERN = re.compile(r"这一|这个|该|此|上述|前述")
# Areas opening an earlier share's subject, dropped where a later share borrows it
AREA_OPENING_PATTERN = re.compile(rf"^(?:全[省市县区]|{AREA})+")
# A parenthetical inside a subject, left out of it: “双师型”教师（同时具备…能力的教师）
PARENTHETICAL_PATTERN = re.compile(r"[（(][^（）()]*[)）]")
# White space, ignored when a clause is looked up in a scoring table's rows
WHITE_SPACE_PATTERN = re.compile(r"\s+")
# a sentence stating the present or the done: 目前，… / 截至目前… / 现有… / 已建成… / 已经达到…;
# not 已建成的设施 (things done, as a goal's subject), 不得已, 而已
STATUS_PATTERN = re.compile(
    r"(?:^|[，,。；;])\s*(?:截至|截止)?(?:目前|当前|现阶段|至今)|现有(?![的])"
    r"|(?<![不得而])已(?:经)?(?![^，,。；;]*的)(?!知)"
)
SUBJECT_MAX = 30  # characters: longer "subjects" are a sentence, not a noun
# A later clause of a restatement that dates reaching the goal: 并于10月底前达到创建要求 /
# 2022年6月底前全部完成创建 (its date, then a verb of reaching)
LATER_DEADLINE_PATTERN = re.compile(
    rf"^(?:并|并且|且)?(?:于|在|到)?(?P<date>{DATE_PATTERN.pattern})(?:之前|以前|前)"
    r"(?:全部|均|全面)?(?:达到|完成|实现|达标)"
)

# Fields of an objectives target that a restatement in the steps section may fill
FILLABLE_FIELDS = ("deadline", "scope", "subject", "requirement")

LeadKind = Literal["by", "year", "start"]


@dataclass(frozen=True)
class YearLead:
    """A dated phrase opening a segment: its year, its deadline, its span in the text.

    `kind` is `by` for a year to be reached (到2022年, 2020年底前, 2012年起5年内), `year` for
    a bare year (2021年，), `start` for a start without a span (从2019年起: no target year).
    `inferred` is True where the year was counted from the plan's own year (用3年时间);
    `named` where the year sits inside a clause and dates only the goal that clause names
    (`按照2020年…控制在5%以内的目标`), not the other figures of its segment.
    """

    year: int | None
    year_unknown: bool
    deadline: dt.date | None
    aspirational: bool
    start: int
    end: int
    kind: LeadKind = "year"
    inferred: bool = False
    named: bool = False


@dataclass(frozen=True)
class Figure:
    """One figure found in a clause, with its span in the text.

    `count_max` is the upper end of a ranged count (`1-2个` → 1 and 2); `more` is True for
    `100余家` (more than); `subject_end` is where a subject read with the figure ends.
    `fraction` holds a counted figure that is no whole number (`4.5个`, `3.2人`: a rate per
    unit, which `count` cannot hold); `count` is then None.
    """

    percent: float | None
    percent_max: float | None
    count: int | None
    start: int
    end: int
    subject: str | None = None
    subject_end: int | None = None
    count_max: int | None = None
    more: bool = False
    fraction: float | None = None


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`[start, end)` of every sentence in `text[start:end]`, ending punctuation included."""
    spans, begin = [], start
    for found in SENTENCE_END_PATTERN.finditer(text, start, end):
        spans.append((begin, found.end()))
        begin = found.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def clause_bounds(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The clause of `text[start:end]` holding `offset`, between its commas/semicolons."""
    begin = start
    for found in CLAUSE_END_PATTERN.finditer(text, start, end):
        if found.start() >= offset:
            return begin, found.start()
        begin = found.end()
    return begin, end


def figure_clause(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The clause of a figure at `offset` (`clause_bounds`), narrowed to the bracket it sits
    in: `城镇污水处理率达到95%（县城达到90%）` → 县城达到90%, for 90%."""
    clause_start, clause_end = clause_bounds(text, start, end, offset)
    opening = max(text.rfind("（", clause_start, offset), text.rfind("(", clause_start, offset))
    if opening < 0 or max(text.rfind("）", opening, offset), text.rfind(")", opening, offset)) >= 0:
        return clause_start, clause_end
    closing = [
        i
        for i in (text.find("）", offset, clause_end), text.find(")", offset, clause_end))
        if i >= 0
    ]
    return opening + 1, min(closing) if closing else clause_end


def opens_clause(text: str, floor: int, offset: int) -> bool:
    """True when `offset` opens its clause (or follows a label, `具体指标：`), a filler such as
    `并` aside: `到2022年，…` yes, `按照2020年…的目标` no."""
    begin = floor
    for found in CLAUSE_OPENING_END_PATTERN.finditer(text, floor, offset):
        begin = found.end()
    return text[begin:offset].strip() in CLAUSE_OPENING_FILLER


def year_leads(text: str, start: int, end: int, plan_year: int | None = None) -> list[YearLead]:
    """The dated phrases (with a year) in `text[start:end]` that open year segments.

    A start followed by a span (`2012年起5年内`) is reached at its last year; a span alone
    (`用3年时间`) counts from `plan_year` when it opens its clause, and is marked inferred.
    """
    leads = []
    for found in YEAR_LEAD_PATTERN.finditer(text, start, end):
        parts = date_parts(found.group("date"))
        if parts.year is None and not parts.year_unknown:
            continue
        if found.group("before") and qualifies_noun_after(text, found.end(), end):
            continue  # 完成2000年底前建成的…任务: what was built by then, no goal's year
        lead_end = found.end()
        is_start = found.group("lead") in ("从", "自") or bool(found.group("since"))
        if is_start:
            span = SPAN_AFTER_START_PATTERN.match(text, lead_end, end)
            if span is None or parts.year is None or found.group("since") == "以来":
                leads.append(_start_lead(found, lead_end, parts.year_unknown))
                continue
            year = parts.year + int(parse_number(span.group("years")) or 1) - 1
            leads.append(
                YearLead(
                    year=year,
                    year_unknown=False,
                    deadline=dt.date(year, 12, 31),
                    aspirational=bool(found.group("aspire")),
                    start=found.start(),
                    end=span.end(),
                    kind="by",
                )
            )
            continue
        says_by = bool(found.group("before") or found.group("lead") in ("到", "至", "截至", "截止"))
        says_by = says_by or parts.part in ("底", "末")
        deadline = resolve_date(parts, "deadline") if says_by else None
        leads.append(
            YearLead(
                year=parts.year,
                year_unknown=parts.year_unknown,
                deadline=deadline,
                aspirational=bool(found.group("aspire")),
                start=found.start(),
                end=lead_end,
                kind="by" if says_by else "year",
            )
        )
    if plan_year is not None:
        leads.extend(plan_span_leads(text, start, end, plan_year, leads))
    return sorted(leads, key=lambda lead: lead.start)


def _start_lead(found: re.Match[str], end: int, year_unknown: bool) -> YearLead:
    return YearLead(
        year=None,
        year_unknown=year_unknown,
        deadline=None,
        aspirational=bool(found.group("aspire")),
        start=found.start(),
        end=end,
        kind="start",
    )


def plan_span_leads(
    text: str, start: int, end: int, plan_year: int, dated: list[YearLead]
) -> list[YearLead]:
    """Spans counted from the plan's year (`用3年时间` in a 2019 plan → 2021), where they open
    a clause and no dated phrase already covers them."""
    leads = []
    for found in PLAN_SPAN_PATTERN.finditer(text, start, end):
        if any(lead.start <= found.start() < lead.end for lead in dated):
            continue
        if not opens_clause(text, start, found.start()):
            continue
        year = plan_year + int(parse_number(found.group("years")) or 1) - 1
        leads.append(
            YearLead(
                year=year,
                year_unknown=False,
                deadline=dt.date(year, 12, 31),
                aspirational=bool(found.group("aspire")),
                start=found.start(),
                end=found.end(),
                kind="by",
                inferred=True,
            )
        )
    return leads


def figures_in(text: str, start: int, end: int) -> list[Figure]:
    """Every share and count in `text[start:end]`, in order (tallies `等9个` and the units of a
    rate `每改造1万平方米` left out)."""
    figures = [_percent_figure(m) for m in PERCENT_PATTERN.finditer(text, start, end)]
    for found in COUNT_PATTERN.finditer(text, start, end):
        if TALLY_BEFORE_PATTERN.search(text, max(start, found.start() - 3), found.start()):
            continue
        if PER_UNIT_BEFORE_PATTERN.search(
            text, max(start, found.start() - PER_UNIT_LOOKBACK), found.start()
        ):
            continue
        if (figure := _count_figure(found)) is not None:
            figures.append(figure)
    figures.sort(key=lambda f: f.start)
    kept: list[Figure] = []
    for figure in figures:  # 10万名 is one count, not also a percent or an overlap
        if kept and figure.start < kept[-1].end:
            continue
        kept.append(figure)
    return kept


def _count_figure(found: re.Match[str]) -> Figure | None:
    """The Figure of a COUNT_PATTERN match; one that is no whole number (`4.5个`) keeps its
    value as `fraction` and no count."""
    count = _count_value(found.group("count"), found.group("mult"))
    low = _count_value(found.group("low"), found.group("low_mult") or found.group("mult"))
    if count is None or (found.group("low") and low is None):
        return None
    fraction = next((v for v in (low, count) if v is not None and not v.is_integer()), None)
    whole = fraction is None
    return Figure(
        percent=None,
        percent_max=None,
        count=int(low if low is not None else count) if whole else None,
        start=found.start(),
        end=found.end(),
        count_max=int(count) if whole and low is not None else None,
        more=bool(found.group("more")),
        fraction=fraction,
    )


def _count_value(number: str | None, multiplier: str | None) -> float | None:
    if not number:
        return None
    value = parse_number(number)
    if value is None:
        return None
    return round(value * MULTIPLIERS.get(multiplier or "", 1), 6)  # 1.2万 → 12000.0, not …01


def _percent_figure(found: re.Match[str]) -> Figure:
    if found.group("low"):
        low, high = float(found.group("low")), float(found.group("high"))
    elif found.group("value"):
        low, high = float(found.group("value")), None
    elif found.group("half"):
        low, high = 50.0, None
    elif found.group("whole"):
        whole, part = parse_number(found.group("whole")), parse_number(found.group("part"))
        low = round(100 * (part or 0) / (whole or 1), 2)
        high = None
    else:
        low = parse_number(found.group("low_zh"))
        high = parse_number(found.group("high_zh")) if found.group("high_zh") else None
    return Figure(percent=low, percent_max=high, count=None, start=found.start(), end=found.end())


def comparator_of(text: str, figure: Figure, clause_start: int) -> tuple[Comparator | None, int]:
    """The comparator a figure carries and the offset just past any 以上/以下/左右 after it.

    `30%以上`, `不低于30%`, `提高到80%`, `至少建设一所` → `>=`; `不超过5%`, `控制在5%以内` →
    `<=`; `高于`/`低于`/`100余家` → `>`/`<`/`>`; `约100个`, `30所左右` → `~`; a bare figure
    (`85%`, `达到60%`) → `=`; a share range → None; a count range (`1-2个`) → `>=` its low end.
    """
    before = text[clause_start : figure.start]
    if figure.percent_max is not None:
        found = APPROX_AFTER_PATTERN.match(text, figure.end)
        return None, found.end() if found else figure.end
    if figure.count_max is not None:
        return ">=", figure.end
    if found := FLOOR_AFTER_PATTERN.match(text, figure.end):
        return ">=", found.end()
    if found := CEILING_AFTER_PATTERN.match(text, figure.end):
        return "<=", found.end()
    if found := APPROX_AFTER_PATTERN.match(text, figure.end):
        return "~", found.end()
    if figure.more:
        return ">", figure.end
    if CEILING_BEFORE_PATTERN.search(before):  # before the floor: 不超过 ends in 超过
        return "<=", figure.end
    if FLOOR_BEFORE_PATTERN.search(before):
        return ">=", figure.end
    if ABOVE_BEFORE_PATTERN.search(before):
        return ">", figure.end
    if BELOW_BEFORE_PATTERN.search(before):
        return "<", figure.end
    if APPROX_BEFORE_PATTERN.search(before):
        return "~", figure.end
    return "=", figure.end


def is_relative(text: str, figure: Figure, clause_start: int) -> bool:
    """True for a share that is a change rather than a level: `比上年增长5%`, `下降13.5%`
    (`提高到80%` is a level). `5个百分点` is never read as a figure (COUNT_PATTERN)."""
    return figure.percent is not None and bool(
        RELATIVE_BEFORE_PATTERN.search(text, clause_start, figure.start)
    )


def in_citation(text: str, floor: int, offset: int) -> bool:
    """True when `offset` sits in a title in 《》 or a parenthetical citing a document number."""
    opening = text.rfind(CITATION_OPEN, floor, offset)
    if opening >= 0 and text.rfind(CITATION_CLOSE, opening, offset) < 0:
        return True
    paren = max(text.rfind("（", floor, offset), text.rfind("(", floor, offset))
    if paren < 0:
        return False
    found = DOC_NUMBER_PAREN_PATTERN.match(text, paren)
    return bool(found and found.end() > offset)


def is_qualifier(text: str, figure: Figure, clause_start: int) -> bool:
    """True for a count bounded by 以上/以下 that qualifies the noun after it, no verb of
    building or comparator governing it: `建筑面积2万平方米以上的公共建筑`, `500人以上的企业`
    (`建成100个以上的示范点` is a goal); or bounded by a bare comparator before 的, a size
    class: `以不超过70平方米的小户型为主` (`建设不少于10个的…` has its verb)."""
    if figure.count is None:
        return False
    if text.startswith("的", figure.end) and (
        (bare := BARE_COMPARATOR_BEFORE_PATTERN.search(text, clause_start, figure.start))
        and not bare.group("verb")  # the leftmost match holds the verb where one stands
    ):
        return True
    bound = FLOOR_AFTER_PATTERN.match(text, figure.end) or CEILING_AFTER_PATTERN.match(
        text, figure.end
    )
    return bool(
        bound
        and text.startswith("的", bound.end())
        and not GOAL_BEFORE_PATTERN.search(text, clause_start, figure.start)
    )


def sets_goal(text: str, figure: Figure, clause_start: int, lead: YearLead | None) -> bool:
    """True when a figure outside a goals section is set as a goal: in a segment led by a
    year to be reached or a clause-opening year, a count that is approximate (`10个左右`) or
    hoped for (`力争1条`), after a comparator or a verb of building, or bounded by 以上/以下
    before 的 or a clause end (not `66人以上超大班额`)."""
    if lead is not None and lead.kind in ("by", "year"):
        return True
    if figure.count is not None and (
        APPROX_AFTER_PATTERN.match(text, figure.end)
        or ASPIRATION_PATTERN.search(text, clause_start, figure.start)
    ):
        return True  # a planned number: 10个左右城市, 力争1条列入…
    if GOAL_BEFORE_PATTERN.search(text, clause_start, figure.start):
        return figure.percent is not None or _count_is_plain(text, figure)
    bound = FLOOR_AFTER_PATTERN.match(text, figure.end) or CEILING_AFTER_PATTERN.match(
        text, figure.end
    )
    return bool(
        bound and figure.percent is not None and BOUND_FOLLOWER_PATTERN.match(text, bound.end())
    )


def _count_is_plain(text: str, figure: Figure) -> bool:
    # a Chinese 一 counts only with an explicit floor (至少建设一所), not 建立一个机制
    number = text[figure.start : figure.end]
    return not number.startswith(("一", "两")) or bool(
        FLOOR_BEFORE_PATTERN.search(text, max(0, figure.start - 8), figure.start)
    )


def subject_after(text: str, start: int, stop: int) -> tuple[str | None, int | None]:
    """What a count counts, read after it up to `stop`: the noun phrase with its modifiers,
    cut where its predicate begins after its last 的 (`1-2个功能健全、具有典型示范效应的婴幼儿
    照护机构` → 功能健全、具有典型示范效应的婴幼儿照护机构, `10个托位规划、建设…` → 托位)."""
    phrase = text[start:stop]
    head = phrase.rfind("的")
    if cut := SUBJECT_END_PATTERN.search(phrase, max(1, head + 2)):
        phrase = phrase[: cut.start()]
    subject = phrase.removeprefix("的").strip(" 、等和及与")
    if not subject or len(subject) > SUBJECT_MAX:
        return None, None
    return subject, start + len(phrase)


def subject_before(text: str, begin: int, figure_start: int, count: bool = False) -> str | None:
    """What a share is of, written before it: `秸秆综合利用率达到85%` → 秸秆综合利用率, or a
    rate right before its figure (`配套设施达标率100%`); for a count closing its clause, what
    it counts: `全省引进高端商业品牌30个` → 高端商业品牌."""
    before = text[begin:figure_start]
    verb = GOAL_BEFORE_PATTERN.search(before)
    if count:
        words = SCOPE_PATTERN.sub("", before[: verb.start()] if verb else before, count=1)
        words = VERB_OPENING_PATTERN.sub("", words.strip(COORDINATION_SEPARATORS))
        words = SHARE_QUALIFIER_PATTERN.sub("", re.sub(rf"^{CLAUSE_ADVERB}", "", words))
        words = words.lstrip("的")  # 完成全县的老旧小区: the scope and verb out, no 的 opens it
        return words if words and len(words) <= SUBJECT_MAX else None
    if verb is not None:
        words = before[: verb.start()]
    elif RATE_NOUN_END_PATTERN.search(before.rstrip()):
        words = before.rstrip()  # 达标率100%: a rate written right before its figure
    else:
        return None
    stops = list(SHARE_SUBJECT_STOP_PATTERN.finditer(words))
    subject = words[stops[-1].end() :] if stops else words
    subject = re.sub(rf"^{CLAUSE_ADVERB}", "", subject)  # 力争全市…覆盖率: no hedge opens it
    subject = SCOPE_PATTERN.sub("", subject, count=1) if SCOPE_PATTERN.match(subject) else subject
    subject = SHARE_QUALIFIER_PATTERN.sub("", subject.strip()).strip()
    return subject if subject and len(subject) <= SUBJECT_MAX else None


def has_elided_subject(text: str, after: int) -> bool:
    """True when a count is followed right away by its predicate, what it counts being named
    by an earlier count of its sentence: `8条左右商业街区改造提升，力争1条列入…`."""
    return bool(SUBJECT_END_PATTERN.match(text, after))


def elided_subject(text: str, figure: Figure, earlier: list[tuple[Figure, Target]]) -> str | None:
    """The subject of an earlier count of the sentence with the same measure word
    (`8条…街区…，力争1条…` → 街区), for a count whose own subject is elided."""
    for other, target in reversed(earlier):
        if other.count is not None and text[other.end - 1] == text[figure.end - 1]:
            return target.subject
    return None


def with_elided_share_subject(target: Target, earlier: list[tuple[Figure, Target]]) -> Target:
    """A share whose subject is left out (`…普及率达到90%。其中，2023年达到80%`) or is only an
    area (`…覆盖率达到100%，县城达到80%以上`) takes the subject of the paragraph's previous
    share; an area becomes the target's scope, the borrowed subject losing its own leading
    area words (`城镇污水处理率…（县城达到90%）` → 县城, 污水处理率)."""
    if target.subject is not None and ANAPHORIC_SHARE_PATTERN.fullmatch(target.subject):
        return with_anaphoric_share(target, earlier)
    area = target.subject if target.subject and AREA_PATTERN.fullmatch(target.subject) else None
    if target.subject is not None and area is None:
        return target
    for other, kept in reversed(earlier):
        if other.percent is None or kept.subject is None:
            continue
        if AREA_PATTERN.fullmatch(kept.subject):
            continue
        subject = (AREA_OPENING_PATTERN.sub("", kept.subject) if area else "") or kept.subject
        return target.model_copy(update={"subject": subject, "scope": area or target.scope})
    return target.model_copy(update={"subject": None, "scope": area}) if area else target


def with_anaphoric_share(target: Target, earlier: list[tuple[Figure, Target]]) -> Target:
    """A share written as `这一比例`/`该比例` restates the paragraph's previous share for a
    later year: its subject, requirement and (unless it names its own) scope are that
    share's (`全区30%以上的城市社区达到…标准；到2025年底，这一比例达到60%`); with no earlier share
    the subject is unknown (None), for `anaphoric_share_warning`."""
    for other, kept in reversed(earlier):
        if other.percent is not None and kept.subject is not None:
            update = {"subject": kept.subject, "requirement": kept.requirement}
            return target.model_copy(update=update | {"scope": target.scope or kept.scope})
    return target.model_copy(update={"subject": None, "requirement": None})


def anaphoric_share_warning(text: str, target: Target, figure: Figure) -> Warning | None:
    """A warning for a share that points back (`这一比例达到60%`) with no earlier share in its
    paragraph to say what it is a share of."""
    if target.subject is not None or "比例" not in text[target.evidence.start : figure.start]:
        return None
    words = text[target.evidence.start : figure.start]
    if not ANAPHORIC_SHARE_PATTERN.search(words):
        return None
    return Warning(
        code="target_anaphoric_share",
        message="a share points back to an earlier one (这一比例, 该比例) that its paragraph "
        f"does not state; its subject is unknown: {target.evidence.quote}",
        evidence=target.evidence,
    )


def share_relation(text: str, begin: int, figure_start: int) -> tuple[str, int] | None:
    """A share stated as a part of a whole: the part, and where the relation's words begin
    (its requirement runs from there through the figure). `课时原则上占总课时一半以上` → 课时,
    at 占; `“双师型”教师（…）占教师总数超过一半` → “双师型”教师; `大班额比例控制在5%以内` →
    大班额, at 比例; `医院设置老年医学科的比例达到60%` → 医院设置老年医学科; `力争全县绿色建筑占…` →
    绿色建筑; None without 占/占比/比例 before the figure."""
    for found in SHARE_RELATION_PATTERN.finditer(text, begin, figure_start):
        words = PARENTHETICAL_PATTERN.sub("", text[begin : found.start()]).removesuffix("的")
        stops = list(SHARE_SUBJECT_STOP_PATTERN.finditer(words))
        part = re.sub(rf"^{CLAUSE_ADVERB}", "", words[stops[-1].end() :] if stops else words)
        part = SCOPE_PATTERN.sub("", part, count=1) if SCOPE_PATTERN.match(part) else part
        part = SHARE_QUALIFIER_PATTERN.sub("", part).strip()
        if part and len(part) <= SUBJECT_MAX:
            return part, found.start()
    return None


def count_verb(text: str, begin: int, figure_start: int, closes_clause: bool) -> str | None:
    """The verb phrase that governs a count, its requirement: right before it (`推动建设300个`,
    `至少建设一所`, `均建成不少于1个` → 建成), shared with a count it is coordinated with
    (`建设50所学校和150个专业` → 建设), or opening the words before a count that closes its
    clause (`全省引进高端品牌30个` → 引进); None when no verb of building governs it
    (`按照每千人口不少于10个托位`)."""
    before = text[begin:figure_start]
    if found := VERB_BEFORE_COUNT_PATTERN.search(before):
        return found.group("verb")
    if COORDINATED_COUNT_PATTERN.search(before):
        earlier = list(
            re.finditer(rf"(?P<verb>{COUNT_VERB})(?:约|大约|不少于|至少)?{COUNT_NUMBER}", before)
        )
        if earlier:
            return earlier[-1].group("verb")
    if closes_clause:
        words = SCOPE_PATTERN.sub("", before, count=1).strip()
        if found := VERB_OPENING_PATTERN.match(words):
            return found.group("verb")
    return None


def target_from_figure(
    doc: Document,
    figure: Figure,
    lead: YearLead | None,
    sentence: tuple[int, int],
    next_start: int | None = None,
    previous: Figure | None = None,
) -> Target:
    """The Target one figure states, read from its clause and the segment's dated phrase.

    `lead` may be the paragraph's (a year lent by an earlier sentence); the evidence starts
    at the lead only where it sits in this sentence. `next_start` is where the next figure
    of the clause begins (what a count counts stops there: `50所…学校和150个…`); `previous`
    the figure before it in its segment (what a count written after its subject counts
    starts past it: `示范幼儿园10所、公办幼儿园30所`).
    """
    text = doc.text
    clause_start, clause_end = figure_clause(text, sentence[0], sentence[1], figure.start)
    comparator, after = comparator_of(text, figure, clause_start)
    lead_here = lead is not None and sentence[0] <= lead.start < sentence[1]
    begin = clause_start  # where the words of this figure's goal begin, past a lead in its clause
    if lead_here and clause_start <= lead.start < figure.start:
        begin = lead.end
    subject, requirement_start = figure.subject, figure.subject_end
    relation = None
    if subject is None and (found := SUBJECT_PATTERN.match(text, after)):
        subject, requirement_start = found.group("subject"), found.end()
    elif subject is None:
        stop = clause_end if next_start is None else min(clause_end, next_start)
        if figure.count is not None and has_elided_subject(text, after):
            requirement_start = after  # 力争1条列入…: what is counted was named before
        elif figure.count is not None and POSTPOSED_COUNT_FOLLOWER_PATTERN.match(text, after):
            pass  # 幼儿园10所、…: what it counts is written before it
        elif figure.count is not None:
            subject, requirement_start = subject_after(text, after, stop)
        elif text.startswith("的", after):
            subject, requirement_start = subject_after(text, after + 1, stop)
        if subject in GOAL_WORDS:
            subject = requirement_start = None
        if subject is None and figure.percent is not None:
            relation = share_relation(text, begin, figure.start)
        if relation is not None:
            subject = relation[0]
        elif subject is None and requirement_start is None:
            subject_begin = begin
            if previous is not None and previous.count is not None and previous.end > begin:
                subject_begin = max(begin, comparator_of(text, previous, clause_start)[1])
            subject = subject_before(text, subject_begin, figure.start, figure.count is not None)
    requirement = None
    requirement_end = clause_end if next_start is None else min(clause_end, next_start)
    if requirement_start is not None and requirement_start < requirement_end:
        requirement = text[requirement_start:requirement_end].strip(" 和及与、") or None
    if relation is not None:
        requirement = text[relation[1] : after]
    if figure.count is not None:
        closes_clause = requirement_start is None and figure.subject is None
        requirement = count_verb(text, begin, figure.start, closes_clause) or requirement
    if figure.count is not None and subject is not None:
        subject = with_per_head(text, clause_start, figure.start, subject)
    scopes = SCOPE_PATTERN.findall(text, clause_start, figure.start)
    scope = scopes[-1] if scopes else None
    evidence_start = clause_start
    if lead_here and lead.kind != "start":
        if not follows_goal_of_lead(text, lead, clause_start):
            evidence_start = lead.start
        if scope is None and text[clause_start - 1 : clause_start] not in ("（", "("):
            scope = scope_after_lead(text, lead, clause_end)  # not into a parenthetical
    if scope is None and (topic := sentence_topic(text, *sentence)) is not None:
        scope = topic.group("scope")
        if evidence_start == lead_start_after(topic, lead):
            evidence_start = topic.start()
    return Target(
        year=lead.year if lead is not None else None,
        percent=figure.percent,
        percent_max=figure.percent_max,
        count=figure.count,
        comparator=comparator,
        aspirational=bool(
            ASPIRATION_PATTERN.search(text, clause_start, clause_end)
            or (lead is not None and lead.aspirational)
        ),
        scope=scope,
        subject=subject,
        requirement=requirement,
        deadline=lead.deadline if lead is not None else None,
        evidence=doc.evidence(
            evidence_start, after if NAMED_GOAL_PATTERN.match(text, after) else clause_end
        ),
    )


def with_per_head(text: str, clause_start: int, figure_start: int, subject: str) -> str:
    """A count's subject with the head of population it is counted per, written before the
    count: `按照每千人口不少于10个托位` → 每千人口托位."""
    if "每" not in text[clause_start:figure_start]:
        return subject  # the cheap look: most counts are no rate
    found = PER_HEAD_PATTERN.search(text, clause_start, figure_start)
    return found.group("per") + subject if found else subject


def follows_goal_of_lead(text: str, lead: YearLead, clause_start: int) -> bool:
    """True when a dated phrase opens the clause of an earlier goal, not a clause of its own,
    and this figure's clause comes later: `到2021年全省引进…30个，重点引进2-3个…` (the dated
    phrase belongs to the first goal's words; this clause is its own evidence), where
    `到2020年，A达到95%，B达到75%` dates every clause after it."""
    if clause_start <= lead.end or text[lead.end : lead.end + 1] in ("，", ","):
        return False
    _, lead_clause_end = clause_bounds(text, lead.end, clause_start, lead.end)
    return bool(figures_in(text, lead.end, lead_clause_end))


def scope_after_lead(text: str, lead: YearLead, stop: int) -> str | None:
    """The area written right after a dated phrase, for every goal of its segment:
    `到2021年全省引进…30个，重点引进2-3个…` → 全省 for both (`到2021年，全省…` too)."""
    at = lead.end + 1 if text[lead.end : lead.end + 1] in ("，", ",") else lead.end
    found = SCOPE_PATTERN.match(text, at, stop)
    return found.group(0) if found else None


def sentence_topic(text: str, start: int, end: int) -> re.Match[str] | None:
    """The area a sentence names as its topic in a first clause of its own
    (TOPIC_SCOPE_PATTERN), or None."""
    while start < end and text[start].isspace():
        start += 1
    return TOPIC_SCOPE_PATTERN.match(text, start, end)


def lead_start_after(topic: re.Match[str], lead: YearLead | None) -> int | None:
    """The lead's start where it opens the clause right after the sentence's topic, else None."""
    if lead is None or lead.start != topic.end():
        return None
    return lead.start


def paragraph_lead(
    text: str, sentences: list[tuple[int, int]], plan_year: int | None
) -> tuple[int, YearLead] | None:
    """(index of its sentence, lead) of a dated phrase opening the paragraph's first sentence
    (after a run-in heading, `（三）目标任务。`, or a label, `具体指标：`), else None."""
    if not sentences:
        return None
    index = 0
    first = text[sentences[0][0] : sentences[0][1]].strip()
    if (
        len(sentences) > 1
        and len(first) <= RUN_IN_HEADING_MAX
        and not CLAUSE_END_PATTERN.search(first[:-1])
    ):
        index = 1
    start, end = sentences[index]
    for lead in year_leads(text, start, end, plan_year):
        if lead.kind in ("by", "year") and lead.year is not None:
            if opens_clause(text, start, lead.start) and is_future(lead, plan_year):
                return index, lead
        break
    return None


def names_goal(text: str, lead: YearLead, sentence_end: int) -> bool:
    """True for a year inside a clause that names the goal of that year: `按照2020年…比例控制在
    5%以内的目标推进`, `实现2025年…达到90%的目标` — the year, then a figure, then 的目标."""
    _, clause_end = clause_bounds(text, lead.end, sentence_end, lead.end)
    return any(
        NAMED_GOAL_PATTERN.match(text, comparator_of(text, figure, lead.end)[1])
        for figure in figures_in(text, lead.end, clause_end)
    )


def reports_status(text: str, start: int, end: int) -> bool:
    """True for a sentence stating where things stand, not where they are to be:
    `目前，全县…达到60%`, `全区已建成园区2个，入驻企业超过500家`."""
    return bool(STATUS_PATTERN.search(text[start:end]))  # a slice: ^ is the sentence start


def is_named_goal(text: str, figure: Figure, clause_start: int) -> bool:
    """True when the goal's name follows the figure: `控制在5%以内的目标`."""
    return bool(NAMED_GOAL_PATTERN.match(text, comparator_of(text, figure, clause_start)[1]))


def is_future(lead: YearLead, plan_year: int | None) -> bool:
    """False for a year before the plan's own year: `2016年，全省建成…` describes the past."""
    return lead.year is None or plan_year is None or lead.year >= plan_year


def targets_in_paragraph(
    doc: Document,
    paragraph: Paragraph,
    warn_without_figure: bool,
    anywhere: bool = False,
    plan_year: int | None = None,
) -> tuple[list[Target], list[Warning]]:
    """The targets of one paragraph, with warnings for unknown years and missing figures.

    With `anywhere` (a paragraph outside the goals and steps sections) only figures set as
    goals count (`sets_goal`), dated phrases must open their clause, and citations and
    scoring lines hold none.
    """
    targets: list[Target] = []
    warnings: list[Warning] = []
    text = doc.text
    if not warn_without_figure and not FIGURE_HINT_PATTERN.search(paragraph.text):
        return targets, warnings
    if DATE_LINE_PATTERN.match(paragraph.text.strip()):
        return targets, warnings  # 2021年3月5日 alone: a signature's date, no goal
    if anywhere and SCORING_PATTERN.search(paragraph.text):
        return targets, warnings
    body = paragraph.start + numbering_end(paragraph.text)  # 3. 累计…50个 / 第四条　到2025年，…
    sentences = sentence_spans(text, body, paragraph.end)
    carried: tuple[int, YearLead] | None = None
    looked_for_lead = False
    in_paragraph: list[tuple[Figure, Target]] = []  # for subjects a later figure leaves out
    for index, sentence in enumerate(sentences):
        if not warn_without_figure and not FIGURE_HINT_PATTERN.search(text, *sentence):
            continue  # the cheap look again, per sentence: most hold no figure
        if not looked_for_lead:
            carried, looked_for_lead = paragraph_lead(text, sentences, plan_year), True
        if anywhere and reports_status(text, *sentence):
            continue  # the state of things, not a goal
        leads = year_leads(text, *sentence, plan_year)
        if anywhere:
            leads = [
                lead if opens_clause(text, sentence[0], lead.start) else replace(lead, named=True)
                for lead in leads
                if opens_clause(text, sentence[0], lead.start)
                or names_goal(text, lead, sentence[1])
            ]
        first_lead = carried[1] if carried is not None and index > carried[0] else None
        cuts = [lead.start for lead in leads] + [sentence[1]]
        segments = [(first_lead, sentence[0], cuts[0])] + [
            (lead, lead.start, cuts[i + 1]) for i, lead in enumerate(leads)
        ]
        for lead, seg_start, seg_end in segments:
            own = lead is not None and seg_start == lead.start
            past = lead is not None and not is_future(lead, plan_year)
            figures = [
                f for f in figures_in(text, seg_start, seg_end) if not own or f.start >= lead.end
            ]
            if own and not figures and warn_without_figure and lead.kind != "start":
                warnings.append(_without_figure_warning(doc, lead, sentence, seg_end))
            for i, figure in enumerate(figures):
                clause_start, _ = figure_clause(text, *sentence, figure.start)
                if anywhere and (
                    past
                    or in_citation(text, paragraph.start, figure.start)
                    or not sets_goal(text, figure, clause_start, lead)
                    or (own and lead.named and not is_named_goal(text, figure, clause_start))
                ):
                    continue
                if is_qualifier(text, figure, clause_start):
                    continue
                next_start = figures[i + 1].start if i + 1 < len(figures) else None
                previous = figures[i - 1] if i > 0 else None
                target = target_from_figure(doc, figure, lead, sentence, next_start, previous)
                if figure.fraction is not None:
                    warnings.append(
                        Warning(
                            code="target_count_fraction",
                            message=f"{figure.fraction:g} is no whole number of things (a rate "
                            f"per unit?), not recorded as a count: {target.evidence.quote}",
                            evidence=target.evidence,
                        )
                    )
                    continue
                if is_relative(text, figure, clause_start):
                    warnings.append(
                        Warning(
                            code="target_relative_figure",
                            message="a change, not a level, is not recorded as a target: "
                            f"{target.evidence.quote}",
                            evidence=target.evidence,
                        )
                    )
                    continue
                if target.subject is None and figure.count is not None:
                    subject = elided_subject(text, figure, in_paragraph)
                    target = target.model_copy(update={"subject": subject})
                elif figure.percent is not None:
                    target = with_elided_share_subject(target, in_paragraph)
                    if target.subject is None and (
                        warning := anaphoric_share_warning(text, target, figure)
                    ):
                        warnings.append(warning)
                in_paragraph.append((figure, target))
                targets.append(target)
                warnings.extend(_target_warnings(doc, target, figure, lead))
    return targets, warnings


def _target_warnings(
    doc: Document, target: Target, figure: Figure, lead: YearLead | None
) -> list[Warning]:
    warnings = []
    if lead is not None and lead.year_unknown:
        warnings.append(
            Warning(
                code="target_year_unknown",
                message=f"the year of this target is not given: {lead_text(doc, lead)}",
                evidence=target.evidence,
            )
        )
    if lead is not None and lead.inferred:
        warnings.append(
            Warning(
                code="target_year_inferred",
                message=f"{lead_text(doc, lead)} is counted from the plan's own year: "
                f"{target.year}",
                evidence=target.evidence,
            )
        )
    if figure.count_max is not None:
        warnings.append(
            Warning(
                code="target_count_range",
                message=f"a range of counts is kept as its low end ({figure.count}, "
                f"up to {figure.count_max}): {target.evidence.quote}",
                evidence=target.evidence,
            )
        )
    return warnings


def lead_text(doc: Document, lead: YearLead) -> str:
    """The words of a dated phrase: `到202x年底`."""
    return doc.text[lead.start : lead.end]


def _without_figure_warning(
    doc: Document, lead: YearLead, sentence: tuple[int, int], segment_end: int
) -> Warning:
    _, clause_end = clause_bounds(doc.text, lead.end, sentence[1], lead.end)
    if clause_end == lead.end or doc.text[lead.end : lead.end + 1] in "，,：:":
        _, clause_end = clause_bounds(doc.text, lead.end + 1, sentence[1], lead.end + 1)
    if MULTIPLE_PATTERN.search(doc.text, lead.end, segment_end):
        return Warning(
            code="target_relative_figure",
            message="a multiple of a base, not a level, is not recorded as a target: "
            f"{doc.text[lead.start : clause_end]}",
            evidence=doc.evidence(lead.start, clause_end),
        )
    return Warning(
        code="target_without_figure",
        message=f"{lead_text(doc, lead)} has a goal sentence but no figure",
        evidence=doc.evidence(lead.start, clause_end),
    )


def is_objectives(section: Section) -> bool:
    """True for a goals section: kind objectives, or a title with 目标 (工作目标)."""
    return section.kind == "objectives" or bool(OBJECTIVES_TITLE_PATTERN.search(section.title))


def same_figure(a: Target, b: Target) -> bool:
    """True when two targets state the same figure (share, range or count)."""
    return (a.percent, a.percent_max, a.count) == (b.percent, b.percent_max, b.count)


def restates(step_target: Target, goal: Target) -> bool:
    """True when a steps-section target repeats an objectives target: same figure, and the
    same year where the steps text gives one."""
    return same_figure(step_target, goal) and step_target.year in (None, goal.year)


def restates_elsewhere(target: Target, kept: Target) -> bool:
    """True when a target outside the goals and steps repeats one already kept: same figure
    and subject, and the same year where it gives one."""
    return restates(target, kept) and target.subject in (None, kept.subject)


def fill_from_restatement(goal: Target, step_target: Target) -> Target:
    """`goal` with its unknown fields taken from a restatement of the same year and figure;
    the objectives' own values are kept. A restatement without a year fills nothing."""
    if step_target.year is None or step_target.year != goal.year:
        return goal
    filled = {
        field: getattr(step_target, field)
        for field in FILLABLE_FIELDS
        if getattr(goal, field) is None and getattr(step_target, field) is not None
    }
    return goal.model_copy(update=filled) if filled else goal


def single_year(start: dt.date | None, end: dt.date | None) -> int | None:
    """The year of a period that lies within one year, else None."""
    years = {d.year for d in (start, end) if d is not None}
    return years.pop() if len(years) == 1 else None


def plan_issued_on(doc: Document) -> dt.date | None:
    """The day the plan was issued (its signature date, else its 印发 line), or None."""
    signature = find_signature_date(doc)
    return signature[1] if signature else find_printed_date(doc)


def plan_dating(issued_on: dt.date | None, title: str | None) -> PlanDating:
    """The PlanDating of a plan issued on `issued_on` under `title`: its year the issue's,
    else the first of the period the title covers (`…三年行动方案（2024—2026年）` → 2024: a
    figure of 2023 is its past), else None."""
    if issued_on is not None:
        return PlanDating(issued_on, issued_on.year)
    period = TITLE_PERIOD_PATTERN.search(title) if title else None
    year = int(FOUR_DIGITS_PATTERN.search(period.group(0)).group(0)) if period else None
    return PlanDating(None, year)


def dating_of(doc: Document) -> PlanDating:
    """The PlanDating of `doc` looked up in its text (when the pipeline hands none over)."""
    issued_on = plan_issued_on(doc)
    return plan_dating(issued_on, find_title(doc) if issued_on is None else None)


def extract_targets(
    structure: Structure,
    phases: list[tuple[PhaseSpan, Phase]] | None = None,
    dating: PlanDating | None = None,
) -> Extracted[list[Target]]:
    """Every quantitative goal of the plan, and its doubts; `phases` are the plan's phases
    with their spans (`phases_with_spans`) and `dating` its PlanDating, each worked out here
    when not given.

    Objectives targets come first, then steps targets that restate none, then goals set
    anywhere else in document order. A steps-section figure without a year of its own takes
    the year of its phase when the phase lies within one year; one that restates an
    objectives target is merged into it (filling the target's unknown fields when it gives
    the same year). A goal set elsewhere that restates a kept target is dropped.
    """
    doc = structure.doc
    plan_year = (dating or dating_of(doc)).year
    spans = phases
    found_warnings: list[Warning] = []
    goals: list[Target] = []
    steps: list[Target] = []
    elsewhere: list[Target] = []
    kinds: dict[int, tuple[bool, bool]] = {}  # (in goals, in steps) by innermost section
    for paragraph, path in zip(doc.paragraphs, structure.paragraph_paths(), strict=True):
        key = id(path[-1]) if path else 0
        if (kind := kinds.get(key)) is None:
            kind = kinds[key] = (
                any(is_objectives(s) for s in path),
                any(s.kind == "steps" for s in path),
            )
        in_goals, in_steps = kind
        anywhere = not (in_goals or in_steps)
        found, warnings = targets_in_paragraph(
            doc, paragraph, warn_without_figure=in_goals, anywhere=anywhere, plan_year=plan_year
        )
        found_warnings.extend(warnings)
        if in_goals:
            goals.extend(found)
            continue
        if anywhere:
            elsewhere.extend(found)
            continue
        for target in found:
            if target.year is None:
                spans = phases_with_spans(structure) if spans is None else spans
                phase_year = next(
                    (
                        single_year(phase.start, phase.end)
                        for span, phase in spans
                        if span.start <= target.evidence.start < span.end
                    ),
                    None,
                )
                target = replace_year(target, phase_year)
            if target.deadline is None and (deadline := later_deadline(doc, target, paragraph.end)):
                target = target.model_copy(update={"deadline": deadline})
            steps.append(target)
    merged = _unique(goals)
    for target in steps:
        index = next((i for i, goal in enumerate(merged) if restates(target, goal)), None)
        if index is None:
            merged.append(target)
        else:
            merged[index] = fill_from_restatement(merged[index], target)
    criteria = rubric_criteria(structure)
    for target in elsewhere:
        if target.year is None and is_rubric_criterion(target, criteria):
            continue
        if not any(restates_elsewhere(target, kept) for kept in merged):
            merged.append(target)
    for recovered in structure.tables:
        tabled, warnings = indicator_targets(doc, recovered, plan_year)
        found_warnings.extend(warnings)
        merged.extend(t for t in tabled if not any(restates_in_table(t, kept) for kept in merged))
    return Extracted(merged, found_warnings)


def restates_in_table(target: Target, kept: Target) -> bool:
    """True when an indicator table's target is one the text states already: the same
    figure for the same year, of the same subject (or of one the text leaves unnamed)."""
    return (
        same_figure(target, kept)
        and target.year == kept.year
        and kept.subject in (None, target.subject)
    )


def rubric_criteria(structure: Structure) -> list[str]:
    """The text of every row of the plan's scoring tables, white space removed."""
    return [
        WHITE_SPACE_PATTERN.sub("", "".join(row))
        for recovered in structure.tables
        if recovered.table.kind == "rubric"
        for row in recovered.table.rows
    ]


def is_rubric_criterion(target: Target, criteria: list[str]) -> bool:
    """True when the plan's own scoring table states a yearless figure's clause as a
    criterion (`物业管理覆盖面不低于30%` in 创建内容 and in the 评估标准 table): a standard
    each unit is scored on (see `rubrics`), not a goal of the plan."""
    clause = WHITE_SPACE_PATTERN.sub("", target.evidence.quote)
    return any(clause in criterion for criterion in criteria)


def later_deadline(doc: Document, target: Target, paragraph_end: int) -> dt.date | None:
    """The date by which a steps target must be reached, from a later clause of its sentence.

    `…60%以上的社区开展创建行动的工作目标，2022年2月20日前将清单报送…，并于10月底前达到创建
    要求` → 10-31 of the target's year. A clause dated with another year, one whose action
    is not reaching (`报送`), or one after a further figure gives none.
    """
    if target.year is None:
        return None
    start = target.evidence.end
    found_end = SENTENCE_END_PATTERN.search(doc.text, start, paragraph_end)
    end = found_end.start() if found_end else paragraph_end
    if later_figures := figures_in(doc.text, start, end):
        end = later_figures[0].start  # a later figure's clauses are its own
    for clause in CLAUSE_END_PATTERN.split(doc.text[start:end]):
        found = LATER_DEADLINE_PATTERN.match(clause.strip())
        if found is None:
            continue
        parts = date_parts(found.group("date"))
        if parts.year not in (None, target.year):
            continue
        return resolve_date(parts, "deadline", context_year=target.year)
    return None


def replace_year(target: Target, year: int | None) -> Target:
    """`target` with its year set (a pydantic copy)."""
    return target.model_copy(update={"year": year}) if year is not None else target


def _unique(targets: list[Target]) -> list[Target]:
    """`targets` without restatements: the same figure for the same year and subject (two
    rates that are both 100% in one sentence are two targets)."""
    kept: list[Target] = []
    for target in targets:
        if not any(
            same_figure(target, k) and (target.year, target.subject) == (k.year, k.subject)
            for k in kept
        ):
            kept.append(target)
    return kept
