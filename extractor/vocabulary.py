"""One vocabulary for every extractor: the words Chinese official texts use for units,
their roles and the lists that join them (and, in their own sections, table words).

Each section is self-contained named data with an example in a comment; the extractors
build their patterns from it, so that two lists of the same thing cannot drift apart.
"""

from __future__ import annotations

import re

# Units: suffixes, collective units, role words, connectors ---------------------------------

# how a unit's name ends, longest first where one ends another (委员会 before 委):
# 县住房和城乡建设局 / 省委网信办 / 城区街道办事处 / 市场监管总局 / 国家发展改革委 /
# 生态环境部 / 省消防救援总队 / 赣江新区管委会 / 省计划生育协会 / 江西银保监局 /
# 人行南昌中心支行 / 南昌海关 / 供销合作总社 / 省妇联 / 省科协 / 各市、县（区）政府
UNIT_SUFFIXES: tuple[str, ...] = (
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
    "工作组",
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
    "科",
    "室",
    "处",
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
    "部门",
    "单位",
    "机构",
    "街道",
    "（街道）",
    "镇",
    "乡",
    "社区",
    "居民区",
    "村",
)
# a unit named by its suffix, as a pattern over the end of a name (see UNIT_SUFFIXES)
UNIT_SUFFIX_PATTERN = re.compile(
    "(?:" + "|".join(re.escape(s) for s in sorted(UNIT_SUFFIXES, key=len, reverse=True)) + ")$"
)
# units that stand for many, written as one name (their 、 and brackets are part of it):
# 各市、县（区）政府 / 各市、县〔区〕人民政府 / 各区人民政府 / 有关部门 / 各成员单位 /
# 各有关单位 / 省直有关部门 / 各地 / 各级政府 / 各设区市
COLLECTIVE_UNIT_PATTERN = re.compile(
    r"^(?:各(?:[^，,；;。]{0,12}?(?:政府|部门|单位|机构|地|级|市|县|区)|地)"
    r"|(?:省直|市直|县直|区直|中央|国家)?(?:各)?(?:有关|相关)(?:部门|单位|方面))$"
)
# a piece of a 、-list that is only an administrative level, joined to the piece after it
# to form one collective unit: 各市、县（区）政府 → 各市 + 县（区）政府
LEVEL_ONLY_PATTERN = re.compile(r"^各?(?:设区)?[省市县区乡镇](?:[（(〔][市县区][）)〕])?$")

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
# what may stand between units and their role word: 按职责分工 / 按照各自职责 / 分别 / 共同
ROLE_QUALIFIER = r"(?:按照?(?:各自)?职责(?:分工)?|根据职能|分别|共同|积极|主动)*"
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
    r"(?:等(?:省直|市直|县直|区直)?(?:相关|有关)?(?:部门|单位|方面)?(?:（单位）)?"
    r"|(?:和|及|以及)其他(?:相关|有关)?(?:部门|单位|方面)"
    r"|按照?(?:各自)?职责(?:分工)?)$"
)
# the convention that the first unit of each bracket leads: 列第一的为牵头单位 /
# 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 排名第一的单位为牵头单位
FIRST_LEADS_PATTERN = re.compile(
    r"(?:列|排|排名|排在|列在)(?:在)?第一(?:位|个)?(?:的|者)?(?:单位|部门)?"
    r"为牵头(?:单位|部门)"
)
# the convention holds for what follows: 下同 / 以下同 / 后同
CONVENTION_ONWARD_PATTERN = re.compile(r"(?:以)?下同|后同")
# the document ends the convention: 排名不分先后 / 不分先后
CONVENTION_END_PATTERN = re.compile(r"不分先后")
# words that never stand in a unit name (verbs and function words opening a clause):
# 支持邮政 / 努力构建社会 / 完善政府 / 要动员志愿者 / 挂靠社区发展办 / 政府可以委托甲会 /
# 技工院校内由乙部门 / 做好社区办 / 带动中小企业
NOT_UNIT_WORDS = re.compile(
    r"要|将|对|在|把|为|是|由|动员|广泛|积极|支持|构建|完善|形成|推动|鼓励|引导|加强|建立|"
    r"参照|努力|通过|开展|提高|确保|实现|加快|以下|不再|列出|挂靠|可以|委托|做好|抓好|带动"
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


# How the title of a table, an attachment or a plan ends; a title line that ends otherwise
# was wrapped and goes on on the next line (`2023年市区符合政府安排工作条件` /
# `退役士兵和退出消防员安置任务`): …创建名单 / …汇总表 / …考核细则 / …实施方案（试行）
TITLE_END_PATTERN = re.compile(
    r"(?:表|单|清单|名单|名册|标准|细则|办法|方案|任务|计划|目录|汇总|一览|明细|情况|指标|要求"
    r"|规划|意见|通知|决定|规定|制度|职责|分工|安排)(?:\s*[（(][^（）()]*[）)])?$"
)
