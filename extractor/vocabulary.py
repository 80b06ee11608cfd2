"""One vocabulary for every extractor: the words Chinese official texts use for units,
their roles and the lists that join them (and, in their own sections, table words).

Each section is self-contained named data with an example in a comment; the extractors
build their patterns from it, so that two lists of the same thing cannot drift apart.
"""

from __future__ import annotations

import re
from typing import get_args

from extractor.lookahead import led_by
from extractor.models import JurisdictionLevel, MemberRole

# Units: suffixes, collective units, role words, connectors ---------------------------------

# How a unit's name ends. Three kinds, joined in UNIT_SUFFIXES:
#
# bodies (organs, organisations, firms, schools), longest first where one ends another
# (委员会 before 委): 县住房和城乡建设局 / 省委网信办 / 城区街道办事处 / 市场监管总局 /
# 国家发展改革委 / 生态环境部 / 省消防救援总队 / 赣江新区管委会 / 省计划生育协会 /
# 江西银保监局 / 人行南昌中心支行 / 南昌海关 / 供销合作总社 / 省妇联 / 省科协 /
# 产教融合型企业 / 高等职业学校 / 职业院校 / 培训评价组织 / 某县公安局某镇派出所 /
# 住房和城乡建设部城市建设司
BODY_SUFFIXES: tuple[str, ...] = (
    "委员会",
    "管委会",
    "居委会",
    "村委会",
    "联合会",
    "协会",
    "学会",
    "商会",
    "工会",
    "理事会",
    "监会",
    "办事处",
    "办公室",
    "办公厅",
    "领导小组",
    "联席会议",
    "工作组",
    "小组",
    "总局",
    "分局",
    "局",
    "总队",
    "支队",
    "大队",
    "中队",
    "队",
    "厅",
    "委",
    "办",
    "部",
    "署",
    "院",
    "中心",
    "所",
    "站",
    "科室",
    "科",
    "室",
    "处",
    "司",  # a ministry's department: 城市建设司, 财务司 (公司 ends in it too)
    "人民政府",
    "政府",
    "党委",
    "公司",
    "企业",
    "学校",
    "院校",
    "组织",
    "集团",
    "银行",
    "支行",
    "海关",
    "总社",
    "社",
    "妇联",
    "残联",
    "侨联",
    "科协",
    "文联",
    "团委",
    "组",
)
# generic words a unit's name may end in: 有关部门 / 参与单位 / 相关机构
GENERIC_UNIT_SUFFIXES: tuple[str, ...] = ("部门", "单位", "机构")
# those words with 主体 (a party charged, 责任主体): no unit by themselves after 的
# (参与创建的单位), and what a column of units is headed by (实施部门, 承办机构)
UNIT_NOUNS: tuple[str, ...] = (*GENERIC_UNIT_SUFFIXES, "主体")
# places that act as units (their office or committee): 索镇 / 城区街道 / 各镇（街道） /
# 某社区 / 某居民区 / 某村
PLACE_UNIT_SUFFIXES: tuple[str, ...] = ("街道", "（街道）", "镇", "乡", "社区", "居民区", "村")
UNIT_SUFFIXES: tuple[str, ...] = BODY_SUFFIXES + GENERIC_UNIT_SUFFIXES + PLACE_UNIT_SUFFIXES
# a suffix that ends a signing body's name (红十字会, 某促进会), but in running text is as
# often a meeting (座谈会, 推进会): signatures only
SIGNING_BODY_SUFFIXES: tuple[str, ...] = ("会",)
# a branch of the unit named before it, never a unit of its own in a signature:
# 某市公安局某区分局 / 某县公安局某镇派出所 / 某医院某分院 / 消防救援支队
BRANCH_UNIT_SUFFIXES: tuple[str, ...] = ("分局", "分院", "分中心", "支队", "大队", "中队", "派出所")
# administrative areas and their level, as a place name ends (GB/T 2260 levels and below):
# 广西壮族自治区 / 桓台县 / 吴淞街道 / 索镇
PLACE_LEVEL_BY_SUFFIX: dict[str, JurisdictionLevel] = {
    "特别行政区": "province",
    "自治区": "province",
    "省": "province",
    "自治州": "city",
    "市": "city",
    "自治县": "county",
    "县": "county",
    "区": "district",
    "街道": "street",
    "镇": "town",
    "乡": "town",
}
# areas that act through their government (各区, 各县（市、区）, 各省份, 贫困地区): the
# level suffixes and the words for a province or region taken generally
AREA_SUFFIXES: tuple[str, ...] = (*PLACE_LEVEL_BY_SUFFIX, "省份", "地区")
# the one-character levels a place name or a unit's level is written with: 省 / 市 / 县 /
# 区 / 乡 / 镇 (县财政局, 各市、县（区）政府)
LEVEL_CHARACTERS: tuple[str, ...] = ("省", "市", "县", "区", "乡", "镇")
# what a national body's name starts with: 国务院 / 中共中央 / 党中央 / 全国人大常委会 /
# 国家发展改革委 / 最高人民法院 / 中国人民银行
NATIONAL_BODY_HEADS: tuple[str, ...] = (
    "国务院",
    "中共中央",
    "党中央",
    "中央",
    "全国",
    "国家",
    "最高人民",
    "中国人民银行",
)
# the head of a Party committee's name below the centre: 中共某县委 / 中共某街道工委
PARTY_BODY_HEAD = "中共"
# how a ministry-level body's name ends, with no place before it: 教育部 / 市场监管总局 /
# 海关总署 / 国家统计局 is a 局 of 国家 (a head above)
MINISTRY_SUFFIXES: tuple[str, ...] = ("总局", "总署", "部", "署")
# the words an organisation or office in a person's position starts with: levels and Party
# bodies (国务院, 中央, 省, 县 …) and the usual short names of ministries and bureaus,
# national and local (发展改革委, 生态环境部, 统计局, 住房城乡建设部, 县住建局 …)
ORGANISATION_HEADS: tuple[str, ...] = (
    *NATIONAL_BODY_HEADS,
    PARTY_BODY_HEAD,
    *"最高 共青团 团中央 人大 政协 中国 军委 解放军 武警".split(),
    *"自治区 省 市 县 区 乡 镇 街道".split(),
    *"外交 国防 发展 发改 教育 科技 科学 工业 工信 经信 民委 民族 民宗 宗教 公安 安全 国安".split(),
    *"民政 司法 财政 人力 人社 自然 国土 生态 环境 环保 住房 住建 城乡 建设 规划 交通 铁路".split(),
    *"水利 水务 农业 农村 农机 畜牧 渔业 林业 林草 草原 商务 文化 文旅 旅游 卫生 卫健 计生".split(),
    *"退役 应急 安监 审计 国资 海关 税务 市场 市监 工商 质监 食药 药监 广电 广播 新闻 体育".split(),
    *"统计 医保 医疗 扶贫 乡村 能源 粮食 烟草 邮政 民航 文物 中医 知识 气象 地震 信访 外汇".split(),
    *"金融 银行 人民银行 证监 银保 宣传 组织 统战 政法 纪委 监委 编办 机构 网信 台办 侨办".split(),
    *"港澳 参事 妇联 总工会 工会 科协 残联 红十字 工商联 团委 档案 保密 机关 法院 检察".split(),
    *"海洋 测绘 移民 消防 城管 综合 行政 供销 经济 开发 高新 管委".split(),
)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of `words`, longest first (so that 委员会 wins over 委), each
    once and escaped: `(局, 总局)` → `总局|局`."""
    unique = dict.fromkeys(words)
    return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))


# a unit named by its suffix, as a pattern over the end of a name (see UNIT_SUFFIXES)
UNIT_SUFFIX_PATTERN = re.compile(f"(?:{alternation(UNIT_SUFFIXES)})$")
# units that stand for many, written as one name (their 、 and brackets are part of it):
# 各市、县（区）政府 / 各市、县〔区〕人民政府 / 各区人民政府 / 有关部门 / 各成员单位 /
# 各有关单位 / 省直有关部门 / 各地 / 各级政府 / 各设区市 / 各县（市、区） / 各镇街 /
# 各村（社区） (a level with the kinds of area that stand with it, in brackets)
COLLECTIVE_UNIT_PATTERN = re.compile(
    r"^(?:各(?:[^，,；;。]{0,12}?(?:政府|部门|单位|机构|地|级|市|县|区|镇街|村)"
    r"(?:[（(〔][^（）()〔〕，,；;。]{1,10}[）)〕])?|地)"
    r"|(?:省直|市直|县直|区直|中央|国家)?(?:各)?(?:有关|相关)(?:部门|单位|方面))$"
)
# a piece of a 、-list that is only an administrative level, joined to the piece after it
# to form one collective unit: 各市、县（区）政府 → 各市 + 县（区）政府
LEVEL_ONLY_PATTERN = re.compile(
    rf"^各?(?:设区)?[{''.join(LEVEL_CHARACTERS)}](?:[（(〔][市县区][）)〕])?$"
)

# role words, as they close a clause naming units (longest first):
# 按职责分工负责 / 牵头负责 / 负责落实 / 牵头 / 负责 / 主责
LEAD_ROLE_WORDS: tuple[str, ...] = (
    "按职责分工负责",
    "按照职责分工负责",
    "按各自职责负责",
    "分别负责",
    "牵头负责",
    "负责实施",
    "负责落实",
    "负责推进",
    "共同负责",
    "负责",
    "牵头",
    "主责",
    "主办",
    "按照职责分工推动",
    "推动",
    "落实",
    "实施",
)
# units that help: 配合 / 参与 / 协同 / 协助 / 协办
PARTICIPANT_ROLE_WORDS: tuple[str, ...] = ("配合", "参与", "协同", "协助", "协办")
# units that guide: lead when the bracket names no other lead, else participants
# (`（生态环境部指导）` → lead; `（A指导，B负责）` → A participant, B lead)
GUIDE_ROLE_WORDS: tuple[str, ...] = ("指导", "督导", "统筹")
# the word joining a lead to the units it works with: 国家发展改革委会同有关部门负责
JOINT_WORD = "会同"
# what may stand between units and their role word: 按职责分工 / 按照各自职责 / 分别 / 共同 /
# 具体 (各镇具体实施) / 组织 (各县组织实施)
ROLE_QUALIFIER = r"(?:按照?(?:各自)?职责(?:分工)?|根据职能|分别|共同|积极|主动|具体|组织)*"
ROLE_QUALIFIER_INITIALS = "按根分共积主具组"  # what a qualifier opens with (a led pattern's class)
# a label naming the role of the units after it: 责任单位：… / 牵头单位：… / 配合单位：…
LEAD_LABELS: tuple[str, ...] = (
    "牵头单位",
    "牵头部门",
    "责任单位",
    "责任部门",
    "主责单位",
    "主责部门",
    "负责单位",
    "负责部门",
    "责任主体",
    "实施主体",
    "主办单位",
)
PARTICIPANT_LABELS: tuple[str, ...] = (
    "配合单位",
    "配合部门",
    "参与单位",
    "参与部门",
    "协办单位",
    "协办部门",
    "协同单位",
    "协同部门",
    "协助单位",
    "协助部门",
)
# the header of a task table's lead column: 牵头单位 / 责任单位 / 责任部门 / 主责部门 /
# 负责单位 / 责任主体 (not 责任领导 / 责任人: people, not units)
LEAD_HEADER_PATTERN = re.compile(f"{alternation(LEAD_LABELS)}|牵头|主责")
# an office a person holds, closing a table cell that names who answers for a task (a
# 责任领导 column): 分管副区长 / 县长 / 局长 / 办公室主任 / 党委书记 / 主要负责人 (not 增长, 延长:
# a level or a body comes before 长)
OFFICE_TITLE_PATTERN = re.compile(
    r"(?:[省市县区州盟旗镇乡]长|[厅局部处科院所]长|主任|书记|主席|秘书长|负责人|同志)$"
)
# the longest of them (秘书长, 负责人): a search for one need not look further back
OFFICE_TITLE_MAX_CHARS = 3
# the header of a task table's column of persons, never of units, whatever role it names:
# 牵头领导 / 责任领导 / 责任人 / 联系人 / 牵头负责人
PERSON_HEADER_PATTERN = re.compile(r"领导|责任人|联系人|负责人")
# the header of a column of units that names no role: 单位 / 实施部门 / 承办机构 (a task
# table's units the tool cannot call lead or participant)
UNIT_HEADER_PATTERN = re.compile(alternation(UNIT_NOUNS))
# the labels of the fields a measure's assignment lists, glued to the text before them once
# the readers drop the spaces between them (`牵头单位：甲局配合单位：乙局完成时限：年底`):
# the role labels, time limits and persons in charge
FIELD_LABELS: tuple[str, ...] = (
    *LEAD_LABELS,
    *PARTICIPANT_LABELS,
    *"完成时限 完成时间 完成期限 时间节点 截止时间 时限要求".split(),
    *"牵头领导 责任领导 分管领导 责任人 联系人".split(),
)
# the words of a time limit, in a task table's header or a field's key: 完成时限 / 时限要求 /
# 办结时限 (each holding 时限) / 时间节点 / 完成时间 / 截止时间 / 完成期限
TIME_LIMIT_WORDS: tuple[str, ...] = ("时限", "时间节点", "完成时间", "截止时间", "完成期限")
# any of them, in a header, a field's key or a paragraph (one compiled pattern for all readers)
TIME_LIMIT_PATTERN = re.compile(alternation(TIME_LIMIT_WORDS))
# where a field label starts right after other text: a boundary between two fields
FIELD_LABEL_BOUNDARY_PATTERN = re.compile(
    rf"(?<![；;，,。：:（(【\s])\s*(?=(?:{alternation(FIELD_LABELS)})\s*[：:])"
)
# a line of a key and its value under a measure: 完成时限：2024年12月底前 / 责任领导：… /
# 时间节点: 每季度 (a short key, then a colon)
KEY_VALUE_LINE_PATTERN = re.compile(r"^[^\W\d\x00-\xff]{2,8}\s*[：:]")
# a role label then its units: 责任单位：省教育厅 / 配合单位:省财政厅
ROLE_LABEL_PATTERN = re.compile(
    "^(?P<label>" + "|".join(LEAD_LABELS + PARTICIPANT_LABELS) + r")\s*[：:]\s*(?P<units>.*)$"
)

# what joins units in a list: 、 / 和 / 及 / 与 / 以及 (和/及/与 only between two names that
# each end in a unit suffix, since they also join words inside a name: 住房和城乡建设局)
LIST_SEPARATORS: tuple[str, ...] = ("、", "，", ",", "；", ";")
WORD_CONNECTORS: tuple[str, ...] = ("以及", "和", "及", "与")
# what trails the last unit of a list and is no unit: 等 / 等部门 / 等有关部门 /
# 等省直有关部门 / 等单位 / 按职责分工 / 有关部门 (after 等) / 和其他有关部门
UNIT_TAIL_PATTERN = re.compile(
    led_by(
        "等和及以按",
        r"(?:等(?:省直|市直|县直|区直)?(?:相关|有关)?(?:部门|单位|方面)?(?:（单位）)?"
        r"|(?:和|及|以及)其他(?:相关|有关)?(?:部门|单位|方面)"
        r"|按照?(?:各自)?职责(?:分工)?)$",
    )
)
# the convention that the first unit of each bracket leads: 列第一的为牵头单位 /
# 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 排名第一的单位为牵头单位
FIRST_LEADS_PATTERN = re.compile(
    r"(?:列|排|排名|排在|列在)(?:在)?第一(?:位|个)?(?:的|者)?(?:单位|部门)?"
    r"为牵头(?:单位|部门)"
)
# the convention holds for what follows: 下同 / 以下同 / 后同
CONVENTION_ONWARD_PATTERN = re.compile(r"以下同|下同|后同")
# the document ends the convention: 排名不分先后 / 不分先后
CONVENTION_END_PATTERN = re.compile(r"不分先后")
# words that never stand in a unit name (verbs and function words opening a clause):
# 支持邮政 / 努力构建社会 / 完善政府 / 要动员志愿者 / 挂靠社区发展办 / 政府可以委托甲会 /
# 技工院校内由乙部门 / 做好社区办 / 带动中小企业 / 各单位负责同志
NOT_UNIT_WORDS = re.compile(
    r"要|将|对|在|把|为|是|由|动员|广泛|积极|支持|构建|完善|形成|推动|鼓励|引导|加强|建立|"
    r"参照|努力|通过|开展|提高|确保|实现|加快|以下|不再|列出|挂靠|可以|委托|做好|抓好|带动|"
    r"负责"
)


# Committees: the roles of a leading group's members, and people's names ---------------------

# every role a roster writes, longest first so that 副组长 is not read as 组长: the words
# of MemberRole (组长, 常务副组长, 副组长, 成员, 办公室主任, 主任委员, 委员, 召集人 …)
MEMBER_ROLE_WORDS: tuple[MemberRole, ...] = tuple(
    sorted(get_args(MemberRole), key=len, reverse=True)
)
# a roster line's role marker: 组  长： / 副组长: / 成　员： / 主任委员： / 召集人： (spaces
# between the characters allowed)
MEMBER_ROLE_MARKER_PATTERN = re.compile(
    "(?P<role>" + "|".join(r"\s*".join(word) for word in MEMBER_ROLE_WORDS) + r")\s*[：:]"
)
# roles that only a group's roster uses: a table column holding one of them is a roster's
# role column (主任, 秘书长 … also fill the 职务 column of a contact list)
GROUP_ROLE_WORDS: frozenset[str] = frozenset(
    {
        "组长",
        "常务副组长",
        "副组长",
        "成员",
        "主任委员",
        "副主任委员",
        "委员",
        "召集人",
        "副召集人",
        "总指挥",
        "副总指挥",
        "指挥长",
        "副指挥长",
    }
)
# compound surnames, whose names run to four characters: 欧阳晓明, 司马光明
COMPOUND_SURNAMES = frozenset(
    {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙"}
    | {"宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门"}
)


# Tables: total rows and header words
#
# A total row's label, as written: 合计, 合  计, 总计, 总分, 总 分, 小计. A white space may
# stand between the two characters (a centred label padded by the typist). 小计 is a
# subtotal (of one dimension or group); the others total the whole table.
GRAND_TOTAL_WORDS: tuple[str, ...] = ("合计", "总计", "总分")  # 合计, 总 分
SUBTOTAL_WORDS: tuple[str, ...] = ("小计",)  # 小计
# What may follow a total word in its label: 合计分值, 总分数, 总得分 is not one (总得分 is a
# score column); a stated figure in brackets follows in the cell: 总分（100分）
TOTAL_WORD_SUFFIXES: tuple[str, ...] = ("分值", "分数", "得分")  # 合计分值, 合计得分


def spaced(word: str) -> str:
    """A regex for `word` with white space allowed between its characters: 合\\s*计."""
    return r"\s*".join(re.escape(char) for char in word)


# 合计 / 合  计 / 总计 / 总 分 / 小计, as an alternation for other patterns to embed
TOTAL_WORD = "|".join(spaced(word) for word in (*GRAND_TOTAL_WORDS, *SUBTOTAL_WORDS))
# 合计 / 总分 / 总 计 (no 小计): a total of the whole table
GRAND_TOTAL_WORD = "|".join(spaced(word) for word in GRAND_TOTAL_WORDS)
# 分值 / 分数 / 得分 after a total word: 合计分值
TOTAL_SUFFIX = "|".join(TOTAL_WORD_SUFFIXES)

# Header or title words of a scoring table: points (分值, 标准分, 各项分值, 权重分, 得分),
# scoring (评分标准, 扣分, 计分, 赋分)
POINTS_HEADER_WORDS: tuple[str, ...] = (
    "分值",
    "标准分",
    "得分",
    "评分",
    "权重",
    "扣分",
    "分数",
    "计分",
    "赋分",
)
# … and assessment words (考核内容, 考核项目, 考评), which a task table may also carry in a
# column (考核方式 beside 完成时限), so they make a rubric only without a task's columns
ASSESSMENT_HEADER_WORDS: tuple[str, ...] = ("考核", "考评")
POINTS_HEADER_WORD = "|".join(POINTS_HEADER_WORDS)
SCORING_HEADER_WORD = "|".join((*POINTS_HEADER_WORDS, *ASSESSMENT_HEADER_WORDS))


# Documents: the kinds a title ends in (文种, GB/T 9704 and the usual plan kinds):
# 某县…实施方案 / 国务院办公厅关于…的通知 / 某省…实施意见 / 国务院关于同意…的批复 /
# 某市…管理办法 / 某县…考核细则 / 关于…的复函
DOCUMENT_KIND_WORDS: tuple[str, ...] = (
    *"方案 办法 意见 计划 细则 规划 规定 规则 纲要 要点 措施 指引 指南".split(),
    *"通知 通告 公告 批复 决定 报告 请示 的函 复函".split(),
)
# what else a table's or an attachment's title ends in: …创建名单 / …汇总表 / …任务分工 /
# …评分标准 / …工作职责
LISTING_TITLE_WORDS: tuple[str, ...] = (
    *"表 单 清单 名单 名册 标准 任务 目录 汇总 一览 明细 情况 指标 要求".split(),
    *"制度 职责 分工 安排".split(),
)
# How the title of a table, an attachment or a plan ends; a title line that ends otherwise
# was wrapped and goes on on the next line (`2023年市区符合政府安排工作条件` /
# `退役士兵和退出消防员安置任务`): …创建名单 / …汇总表 / …考核细则 / …实施方案（试行）
# a note on a title's status, no part of its name: 某镇实施方案（试行） / …（征求意见稿）
STATUS_NOTE = r"[（(](?:试行|暂行|征求意见稿|送审稿|修订稿?)[）)]"
# the period a plan covers, closing its title and part of its name: …实施方案（2023—2025年） /
# …行动计划(2021-2025) / …工作要点（2022年）
TITLE_PERIOD_NOTE = r"[（(]\s*\d{4}\s*年?(?:\s*[—–\-－~～至到]{1,2}\s*\d{4}\s*年?)?\s*[）)]"
# how a red header (GB/T 9704's 发文机关标志) ends: 某县人民政府文件
RED_HEADER_END = "文件"
TITLE_END_PATTERN = re.compile(
    f"(?:{alternation(DOCUMENT_KIND_WORDS + LISTING_TITLE_WORDS)})"
    r"(?:\s*[（(][^（）()]*[）)])?$"
)
