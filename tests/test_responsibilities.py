"""Responsibilities: bracketed unit lists after task items and lead/participant sentences."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractor.document import Cell, DocumentBuilder, SourceInfo, document_from_lines
from extractor.fields.responsibilities import (
    CELL_SPLIT_PATTERN,
    CLAUSE_SUBJECT_WORD_PATTERN,
    CLOSING_NAME_BRACKETS,
    DATE_OPENING_PATTERN,
    DUTY_OPENING_PATTERN,
    EACH_UNIT_PATTERN,
    FIRST_ITEM_PATTERN,
    ITEM_HEADING_PATTERN,
    JOINT_PATTERN,
    LEAD_BY_PATTERN,
    LEAD_HEADER_PATTERN,
    LEAD_ROLE_PATTERN,
    LIST_VERB_PATTERN,
    MODAL_OPENING_PATTERN,
    NEXT_ITEM_PATTERN,
    OPENING_NAME_BRACKETS,
    PARTICIPANT_HEADER_PATTERN,
    SENTENCE_PATTERN,
    SENTENCE_VERB_PATTERN,
    SUBJECT_ACTION_PATTERN,
    SUBJECT_AS_PATTERN,
    SUBJECT_DUTY_PATTERN,
    SUBJECT_IS_PATTERN,
    SUBJECT_SETTING_PATTERN,
    TASK_HEADER_PATTERN,
    UNIT_SPLIT_PATTERN,
    UNIT_TAIL_PATTERN,
    UNITS_THEN_VERB_PATTERN,
    bracket_depth_change,
    clean_duty,
    column_role,
    extract_responsibilities,
    find_sentence_lists,
    has_name_bracket,
    is_unit,
    label_runs,
    marked_lead_units,
    parse_bracket_units,
    parse_clause,
    parse_clause_units,
    section_number_path,
    split_at_connectors,
    split_cell_units,
    split_outside_brackets,
    split_units,
    table_cell_units,
    task_table_columns,
    top_level_brackets,
    unit_cell_text,
)
from extractor.pipeline import build_structure
from extractor.readers import read_document
from extractor.readers.txt import read_txt
from extractor.structure import Structure
from tests.conftest import CORPUS, extracted


def responsibilities_of(lines: list[str]):
    doc = document_from_lines(lines)
    return doc, extract_responsibilities(Structure(doc=doc, sections=[], tables=[])).records


# --- patterns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "verb"),
    [
        ("城区街道办事处按职责分工负责", "按职责分工负责"),
        ("企业发展服务科按照职责分工推动", "按照职责分工推动"),
        ("各社区负责实施", "负责实施"),
        ("县公安局配合", "配合"),
        ("县民政局牵头", "牵头"),
    ],
)
def test_list_verb_pattern(clause: str, verb: str) -> None:
    match = LIST_VERB_PATTERN.search(clause)
    assert match and match.group("verb") == verb


def test_list_verb_pattern_only_at_the_end() -> None:
    assert not LIST_VERB_PATTERN.search("负责人名单")
    assert not LIST_VERB_PATTERN.search("附件1")


def test_lead_by_pattern() -> None:
    match = LEAD_BY_PATTERN.search("绿色社区创建行动由县住房和城乡建设局及涉及镇（街道）牵头")
    assert match and match.group("units") == "县住房和城乡建设局及涉及镇（街道）"
    assert not LEAD_BY_PATTERN.search("由社区居委会负责")


def test_units_then_verb_pattern() -> None:
    match = UNITS_THEN_VERB_PATTERN.match("发改、教育等部门参与")
    assert match and (match.group("units"), match.group("verb")) == ("发改、教育等部门", "参与")
    match = UNITS_THEN_VERB_PATTERN.match("各居民区要积极配合做好申报工作")
    assert match and (match.group("units"), match.group("verb")) == ("各居民区", "配合")
    match = UNITS_THEN_VERB_PATTERN.match("民政、公安等部门根据职能协同指导推进")
    assert match and match.group("verb") == "协同"


def test_lead_role_pattern() -> None:
    match = LEAD_ROLE_PATTERN.match("各级建设部门要发挥绿色社区建设行动的牵头部门作用")
    assert match and match.group("units") == "各级建设部门"
    assert not LEAD_ROLE_PATTERN.match("要发挥社区居委会的作用")


def test_connectors_split_only_after_a_unit() -> None:
    assert split_at_connectors("县住房和城乡建设局及涉及镇（街道）") == [
        "县住房和城乡建设局",
        "涉及镇（街道）",
    ]
    assert split_at_connectors("省文化和旅游厅") == ["省文化和旅游厅"]
    assert split_at_connectors("省总工会和团省委") == ["省总工会", "团省委"]
    assert split_at_connectors("农业农村部与财政部") == ["农业农村部", "财政部"]
    assert UNIT_SPLIT_PATTERN.split("甲局、乙办，丙所") == ["甲局", "乙办", "丙所"]
    assert UNIT_SPLIT_PATTERN.split("甲局,乙办;丙所") == ["甲局", "乙办", "丙所"]


@pytest.mark.parametrize(
    ("text", "rest"), [("各居民区等", "各居民区"), ("住房保障等部门", "住房保障")]
)
def test_unit_tail_pattern(text: str, rest: str) -> None:
    assert UNIT_TAIL_PATTERN.sub("", text) == rest


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("（一）建立工作机制。绿色社区…", "（一）", "建立工作机制"),
        ("(二)加强调度指导。县住房…", "(二)", "加强调度指导"),
        ("3．推进实施。各社区…", "3．", "推进实施"),
    ],
)
def test_item_heading_pattern(text: str, number: str, title: str) -> None:
    match = ITEM_HEADING_PATTERN.match(text)
    assert match and (match.group("number"), match.group("title")) == (number, title)


@pytest.mark.parametrize(
    ("clause", "units"),
    [
        ("涉及的镇（街道）是绿色社区创建行动的具体实施单位", "涉及的镇（街道）"),
        ("各社区是创建工作的责任主体", "各社区"),
        ("县民政局是牵头部门", "县民政局"),
    ],
)
def test_subject_is_pattern(clause: str, units: str) -> None:
    match = SUBJECT_IS_PATTERN.match(clause)
    assert match and match.group("units") == units


def test_subject_is_pattern_no_match() -> None:
    assert SUBJECT_IS_PATTERN.match("绿色社区是重要内容") is None  # no unit word at the end
    assert SUBJECT_IS_PATTERN.match("甲局是实施单位，要建立机制") is None  # one clause only


@pytest.mark.parametrize(
    ("clause", "units"),
    [
        ("各地在社区人居环境建设和整治中", "各地"),
        ("各社区在社区人居环境建设和整治过程中", "各社区"),
        ("甲局在创建期间", "甲局"),
        ("各居民区在申报时", "各居民区"),
    ],
)
def test_subject_setting_pattern(clause: str, units: str) -> None:
    match = SUBJECT_SETTING_PATTERN.match(clause)
    assert match and match.group("units") == units


def test_subject_setting_pattern_no_match() -> None:
    assert SUBJECT_SETTING_PATTERN.match("各地在整治中选用绿色产品") is None
    assert SUBJECT_SETTING_PATTERN.match("在整治过程中") is None  # no subject


def test_modal_and_item_patterns() -> None:
    assert MODAL_OPENING_PATTERN.match("要积极选用") and MODAL_OPENING_PATTERN.match("应统筹")
    assert MODAL_OPENING_PATTERN.match("须按时报送") and not MODAL_OPENING_PATTERN.match("积极选用")
    assert FIRST_ITEM_PATTERN.match("一是要建立") and FIRST_ITEM_PATTERN.match("一要建立")
    assert not FIRST_ITEM_PATTERN.match("二是做好") and not FIRST_ITEM_PATTERN.match("一批社区")
    assert NEXT_ITEM_PATTERN.match("二是创建过程中") and NEXT_ITEM_PATTERN.match("三要开展")
    assert not NEXT_ITEM_PATTERN.match("一是要建立") and not NEXT_ITEM_PATTERN.match("二月底前")


def test_item_heading_pattern_no_number() -> None:
    assert not ITEM_HEADING_PATTERN.match("绿色社区创建行动由街道牵头。")


# --- pieces -----------------------------------------------------------------------------


def test_split_units_accepts_unit_lists_only() -> None:
    assert split_units("发改、教育、公安等部门") == ["发改", "教育", "公安"]
    assert split_units("索镇、果里镇") == ["索镇", "果里镇"]
    assert split_units("社区居民") is None  # alone, no unit suffix
    assert split_units("要动员志愿者、企事业单位、社会组织广泛") is None
    assert split_units("全县30%以上的城市社区") is None


@pytest.mark.parametrize(
    "unit",
    [
        "各区人民政府",
        "各县（市、区）人民政府",
        "市供水集团",
        "某某燃气公司",
        "县公安局",
        "城管中队",
    ],
)
def test_unit_suffixes_alone(unit: str) -> None:
    assert is_unit(unit, alone=True)


def test_parse_bracket_units_with_governments() -> None:
    assert parse_bracket_units("市城市管理局、市住房和城乡建设局，各区人民政府按职责分工负责") == (
        ["市城市管理局", "市住房和城乡建设局", "各区人民政府"],
        [],
    )


def test_is_unit_with_de() -> None:
    # alone, 的 is allowed only before a named unit
    assert is_unit("涉及的镇（街道）", alone=True)
    assert is_unit("相关的县民政局", alone=True)
    assert not is_unit("参与创建的单位", alone=True)
    assert not is_unit("社区的居民", alone=True)
    assert is_unit("涉及的镇（街道）", alone=False)


def test_top_level_brackets_closed_unclosed_and_nested() -> None:
    text = "完善设施。（甲局、乙镇（街道）按职责分工负责）"
    (span,) = top_level_brackets(text)
    assert (text[span.start : span.end], span.closed) == (
        "（甲局、乙镇（街道）按职责分工负责）",
        True,
    )
    text = "补齐短板。（甲办、乙队按照职责分工推动，各社区负责实施。"
    (span,) = top_level_brackets(text)
    assert (text[span.start : span.end], span.closed) == (
        "（甲办、乙队按照职责分工推动，各社区负责实施。",
        False,
    )
    text = "实施架空线规整(入地)，加强噪声治理。（甲局负责）"
    assert [text[s.start : s.end] for s in top_level_brackets(text)] == ["(入地)", "（甲局负责）"]
    assert top_level_brackets("没有括号。") == []


def test_parse_bracket_units_distributes_the_last_verb() -> None:
    lead, participants = parse_bracket_units(  # type: ignore[misc]
        "县住房和城乡建设局、县公安局，县住房保障事务中心，索镇、果里镇，城区街道办事处按职责分工负责"
    )
    assert lead == [
        "县住房和城乡建设局",
        "县公安局",
        "县住房保障事务中心",
        "索镇",
        "果里镇",
        "城区街道办事处",
    ]
    assert participants == []


def test_parse_bracket_units_lead_and_participants() -> None:
    assert parse_bracket_units("县民政局牵头，县公安局、县教育局配合") == (
        ["县民政局"],
        ["县公安局", "县教育局"],
    )
    assert parse_bracket_units("入地") is None
    assert parse_bracket_units("试行") is None


def test_parse_clause_units() -> None:
    assert parse_clause_units("镇三大整治办牵头负责考核督促") == (["镇三大整治办"], [])
    assert parse_clause_units("辖区城运中心、派出所、各居民区等参与单位") == (
        [],
        ["辖区城运中心", "派出所", "各居民区"],
    )
    assert parse_clause_units("带动社区居民积极参与") == ([], [])


def test_find_sentence_lists_spans_the_naming_clauses() -> None:
    text = "（一）建立机制。工作由甲局牵头，发改、教育等部门参与，建立协调机制。其他内容。"
    (found,) = find_sentence_lists(text, 10)
    assert (found.lead, found.participants) == (["甲局"], ["发改", "教育"])
    # the clause without units right after the naming clauses is the record's duty
    assert (
        text[found.start - 10 : found.end - 10]
        == "工作由甲局牵头，发改、教育等部门参与，建立协调机制"
    )
    assert text[found.duty[0] - 10 : found.duty[1] - 10] == "建立协调机制"


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        ("甲办等参与单位，对创建行动给予支持协调。", "对创建行动给予支持协调"),
        ("工作由甲办牵头，建立协作机制，形成工作合力。", "建立协作机制，形成工作合力"),
        ("工作由甲办牵头。建立协作机制。", None),  # not in the same sentence
        ("工作由甲办牵头，10月1日前报送材料。", None),  # a date ends it
    ],
)
def test_find_sentence_lists_a_record_without_duty_takes_the_next_predicate(
    text: str, duty: str | None
) -> None:
    (found,) = find_sentence_lists(text, 0)
    assert (text[found.duty[0] : found.duty[1]] if found.duty else None) == duty


@pytest.mark.parametrize(
    "text",
    [
        "2021年12月，县民政局会同县财政局出台了临时救助实施细则。",
        "区发展改革委曾于2022年9月牵头编制产业发展规划。",
        "近年来，市住建局牵头推进老旧小区改造。",
        "“十三五”以来，市住建局牵头推进老旧小区改造。",
    ],
)
def test_find_sentence_lists_a_report_of_work_done_assigns_none(text: str) -> None:
    assert find_sentence_lists(text, 0) == []


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("2022年，县财政投入资金1.2亿元，县农业农村局牵头开展清洁行动。", []),
        ("2021年12月，县农业农村局牵头开展清洁行动。", []),
        ("二〇二二年，县农业农村局牵头开展清洁行动。", []),
        # the plan's own year and later are plans; a year led by 到 is a goal's
        ("2024年，县农业农村局牵头开展清洁行动。", [["县农业农村局"]]),
        ("到2022年，县农业农村局牵头开展清洁行动。", [["县农业农村局"]]),
    ],
)
def test_find_sentence_lists_a_year_before_the_plans_reports(
    text: str, leads: list[list[str]]
) -> None:
    assert [f.lead for f in find_sentence_lists(text, 0, plan_year=2024)] == leads


def test_the_plans_signature_year_dates_its_reports() -> None:
    line = "2022年，县农业农村局牵头开展村庄清洁行动。"
    assert [r.lead for r in responsibilities_of([line, "2024年2月20日"])[1]] == []
    assert [r.lead for r in responsibilities_of([line])[1]] == [["县农业农村局"]]  # no date


@pytest.mark.parametrize(
    "text",
    [
        "县民政局会同县财政局出台临时救助实施细则。",
        "为了规范救助，县民政局会同县财政局出台实施细则。",
        "县民政局牵头，了解困难群众需求。",
    ],
)
def test_find_sentence_lists_a_duty_is_no_report(text: str) -> None:
    assert find_sentence_lists(text, 0)[0].lead == ["县民政局"]


def test_split_outside_brackets_keeps_bracketed_lists_whole() -> None:
    assert split_outside_brackets("各县（市、区）建设部门、民政局", UNIT_SPLIT_PATTERN) == [
        "各县（市、区）建设部门",
        "民政局",
    ]
    assert split_units("各县（市、区）建设部门、县民政局") == ["各县（市、区）建设部门", "县民政局"]


def test_task_table_header_patterns() -> None:
    assert LEAD_HEADER_PATTERN.search("牵头单位") and LEAD_HEADER_PATTERN.search("责任单位")
    assert PARTICIPANT_HEADER_PATTERN.search("配合单位") and not PARTICIPANT_HEADER_PATTERN.search(
        "牵头单位"
    )
    assert TASK_HEADER_PATTERN.search("重点任务") and not TASK_HEADER_PATTERN.search("完成时限")
    assert CELL_SPLIT_PATTERN.split("县民政局 县公安局") == ["县民政局", "县公安局"]


def test_task_table_columns() -> None:
    assert task_table_columns(["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]) == (
        1,
        [2],
        [3],
    )
    assert task_table_columns(["序号", "内容", "创建标准", "标准分"]) == (1, [], [])
    assert split_cell_units("县民政局、县公安局等") == ["县民政局", "县公安局"]


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("区民政局各街道办事处", ["区民政局", "各街道办事处"]),
        ("区民政局\n各街道办事处", ["区民政局", "各街道办事处"]),
        ("省住房和城乡建设厅各设区市", ["省住房和城乡建设厅", "各设区市"]),
        ("县政务服务中心各乡镇、县财政局", ["县政务服务中心", "各乡镇", "县财政局"]),
        # one unit: 各 after no bureau's name, or no 各 at all
        ("县政府各部门", ["县政府各部门"]),
        ("市公安局交警支队", ["市公安局交警支队"]),
        # a bureau's own branches or offices after 各: one unit
        ("市公安局各分局", ["市公安局各分局"]),
        ("县教育局各科室", ["县教育局各科室"]),
    ],
)
def test_split_cell_units_parts_units_run_together(cell: str, units: list[str]) -> None:
    assert split_cell_units(cell) == units


def test_responsibilities_from_a_task_table() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("附件2")
    builder.add_paragraph("重点任务分工表")
    builder.add_table(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "推进老旧小区改造", "县住建局", "县发改局、县财政局", "2021年底"],
            ["2", "开展垃圾分类", "县综合执法局", "各镇（街道）", "2022年底"],
        ]
    )
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    records = extract_responsibilities(build_structure(doc)).records
    assert [(r.task, r.lead, r.participants) for r in records] == [
        ("推进老旧小区改造", ["县住建局"], ["县发改局", "县财政局"]),
        ("开展垃圾分类", ["县综合执法局"], ["各镇（街道）"]),
    ]
    assert (
        records[0].evidence.quote == "1\t推进老旧小区改造\t县住建局\t县发改局、县财政局\t2021年底"
    )


@pytest.mark.parametrize(
    ("clause", "units", "partners", "duty"),
    [
        ("甲局要会同相关部门加强调度指导", "甲局", "相关部门", "加强调度指导"),
        (
            "甲局及涉及的镇（街道）会同有关部门制定办法",
            "甲局及涉及的镇（街道）",
            "有关部门",
            "制定办法",
        ),
        ("由区推进办会同相关行业部门对项目进行测评", "区推进办", "相关行业部门", "对项目进行测评"),
        ("某办将会同市建管委、市科技委组织专家考评", "某办", "市建管委、市科技委", "组织专家考评"),
        ("某办将会同市建管委科技委组织专家考评", "某办", "市建管委科技委", "组织专家考评"),
        ("省建设厅会同相关部门", "省建设厅", "相关部门", ""),
        ("甲局会同有关单位办理登记", "甲局", "有关单位", "办理登记"),
    ],
)
def test_joint_pattern(clause: str, units: str, partners: str, duty: str) -> None:
    match = JOINT_PATTERN.match(clause)
    assert match is not None
    assert (match.group("units"), match.group("partners"), match.group("duty")) == (
        units,
        partners,
        duty,
    )


def test_joint_pattern_no_match() -> None:
    assert JOINT_PATTERN.match("各社区要加强协作") is None


def test_units_then_verb_pattern_duty() -> None:
    match = UNITS_THEN_VERB_PATTERN.match("镇三大整治办牵头负责考核督促")
    assert match and (match.group("verb"), match.group("duty")) == ("牵头负责", "考核督促")
    match = UNITS_THEN_VERB_PATTERN.match("发改、教育等部门参与单位")
    assert match and (match.group("verb"), match.group("duty")) == ("参与", "")


@pytest.mark.parametrize(
    ("clause", "units", "duty"),
    [
        ("各社区负责研究制定实施方案", "各社区", "研究制定实施方案"),
        ("各职能科室要按照各自职责分别指导", "各职能科室", "按照各自职责分别指导"),
        ("各地应统筹用好各类资金", "各地", "统筹用好各类资金"),
        ("街道办事处须积极负责组织实施", "街道办事处", "组织实施"),
        # the basis a unit acts on stands for a modal
        ("市财政局、市统计局按职责提供相关数据", "市财政局、市统计局", "提供相关数据"),
        ("市财政局按照职责分工做好经费保障", "市财政局", "做好经费保障"),
        ("市发改委根据各自职能提供统计数据", "市发改委", "提供统计数据"),
        ("各区依据职责要加强督查", "各区", "加强督查"),
    ],
)
def test_subject_duty_pattern(clause: str, units: str, duty: str) -> None:
    match = SUBJECT_DUTY_PATTERN.match(clause)
    assert match and (match.group("units"), match.group("duty")) == (units, duty)


def test_subject_duty_pattern_no_match() -> None:
    assert SUBJECT_DUTY_PATTERN.match("负责研究制定实施方案") is None
    assert SUBJECT_DUTY_PATTERN.match("建立协调机制") is None
    assert SUBJECT_DUTY_PATTERN.match("明确职责分工") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "（二）市自然资源局、市生态环境局按职责提供相关数据，于2024年6月15日前报送市住建局。",
            [(["市自然资源局", "市生态环境局"], "提供相关数据")],
        ),
        ("(三)市财政局按照职责分工做好经费保障。", [(["市财政局"], "做好经费保障")]),
        ("市发改委、市统计局根据职能提供统计数据。", [(["市发改委", "市统计局"], "提供统计数据")]),
        # no unit before the basis: no record
        ("按照职责分工做好经费保障。", []),
        ("进一步明确职责分工，强化协作。", []),
    ],
)
def test_units_acting_on_their_duties_lead(line: str, expected: list[tuple]) -> None:
    doc = document_from_lines(["某市城市体检工作实施意见", "三、工作要求", line])
    records = extract_responsibilities(build_structure(doc)).records
    assert [(r.lead, r.task) for r in records] == expected


def test_subject_as_pattern() -> None:
    match = SUBJECT_AS_PATTERN.match("各社区作为落实创建工作的责任主体")
    assert match and match.group("units") == "各社区"
    assert SUBJECT_AS_PATTERN.match("各社区作为责任主体要建立机制，负责实施") is None


@pytest.mark.parametrize(
    ("text", "each"),
    [("各社区", True), ("各地", True), ("各创建社区", True), ("社区", False), ("各", False)],
)
def test_each_unit_pattern(text: str, each: bool) -> None:
    assert bool(EACH_UNIT_PATTERN.match(text)) is each


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        ("一是要建立协作机制", "建立协作机制"),
        ("积极申报创建项目", "申报创建项目"),
        ("按照各自职责分别指导、督促各社区", "指导、督促各社区"),
        ("按照本方案，对各地进行评价", "对各地进行评价"),
        ("加强调度指导", "加强调度指导"),
    ],
)
def test_duty_opening_pattern(text: str, duty: str) -> None:
    assert DUTY_OPENING_PATTERN.sub("", text, count=1) == duty


def test_clean_duty() -> None:
    assert clean_duty("，一是要建立协作机制，负责实施。") == "建立协作机制，负责实施"
    assert clean_duty("积极") is None


@pytest.mark.parametrize(
    ("clause", "dated"),
    [
        ("10月1日之前", True),
        ("于每年11月20日前报送总结", True),
        ("于2020年9月底前将方案报省建设厅", True),
        ("十一月下旬", True),
        ("协调推动工作", False),
        ("并进行年度评估", False),
    ],
)
def test_date_opening_pattern(clause: str, dated: bool) -> None:
    assert bool(DATE_OPENING_PATTERN.match(clause)) is dated


def test_sentence_pattern() -> None:
    text = "甲局牵头；乙办参与。未完"
    assert SENTENCE_PATTERN.findall(text) == ["甲局牵头；", "乙办参与。", "未完"]


def test_parse_clause_joint_and_subject_duties() -> None:
    found = parse_clause("甲局及涉及的镇（街道）要会同相关部门加强调度指导")
    assert (found.lead, found.participants) == (["甲局", "涉及的镇（街道）"], ["相关部门"])
    assert found.duty_at == len("甲局及涉及的镇（街道）要会同相关部门")
    # a subject with 要 counts only in organisation / measures sections
    assert parse_clause("各创建社区要积极申报创建项目").lead == []
    found = parse_clause("各创建社区要积极申报创建项目", subject_duties=True)
    assert (found.lead, found.duty_at) == (["各创建社区"], len("各创建社区要"))
    # the subject must be a unit: 社区居民 has no unit suffix, 创建工作 is no unit
    assert parse_clause("社区居民要积极参加", subject_duties=True).lead == []
    assert parse_clause("创建工作要常态化", subject_duties=True).lead == []
    found = parse_clause("各社区作为责任主体", subject_duties=True)
    assert (found.lead, found.duty_at) == (["各社区"], len("各社区作为责任主体"))


def test_find_sentence_lists_one_record_per_duty_clause() -> None:
    text = "甲办牵头负责考核督促、监督检查，协调推动工作，乙办牵头负责推进项目申报。"
    first, second = find_sentence_lists(text, 0)
    assert (first.lead, text[first.duty[0] : first.duty[1]]) == (
        ["甲办"],
        "考核督促、监督检查，协调推动工作",
    )
    assert text[first.start : first.end] == "甲办牵头负责考核督促、监督检查，协调推动工作"
    assert (second.lead, text[second.duty[0] : second.duty[1]]) == (["乙办"], "推进项目申报")


def test_find_sentence_lists_participants_join_the_open_record() -> None:
    text = "甲部门要发挥牵头部门作用，发改、民政等部门根据职能协同指导推进工作。"
    (found,) = find_sentence_lists(text, 0)
    assert (found.lead, found.participants, found.duty) == (["甲部门"], ["发改", "民政"], None)


def test_find_sentence_lists_a_date_ends_the_duty() -> None:
    text = "各居民区要积极配合做好申报工作，10月1日之前，各居民区将报告报社区办。"
    (found,) = find_sentence_lists(text, 0)
    assert found.participants == ["各居民区"]
    assert text[found.duty[0] : found.duty[1]] == "做好申报工作"


def test_find_sentence_lists_subject_carries_to_the_next_clauses() -> None:
    text = "各社区作为责任主体，一是要建立协作机制，负责制定方案；二是做好宣传。"
    first, second = find_sentence_lists(text, 0, subject_duties=True)
    assert first.lead == second.lead == ["各社区"]
    assert text[first.start : first.end] == "各社区作为责任主体，一是要建立协作机制，负责制定方案"
    assert text[second.start : second.end] == "二是做好宣传"
    assert find_sentence_lists(text, 0) == []


@pytest.mark.parametrize(
    "text",
    [
        "甲局作为责任主体，一是要建立机制；二是要做好宣传，加强动员；三是开展评估。",
        "甲局作为责任主体，一是要建立机制，二是要做好宣传，加强动员，三是开展评估。",
        "甲局是具体实施单位，一要建立机制；二要做好宣传，加强动员；三要开展评估。",
    ],
)
def test_find_sentence_lists_one_record_per_enumerated_duty(text: str) -> None:
    found = find_sentence_lists(text, 0, subject_duties=True)
    assert [f.lead for f in found] == [["甲局"]] * 3
    duties = [clean_duty(text[f.duty[0] : f.duty[1]]) for f in found]
    assert duties == ["建立机制", "做好宣传，加强动员", "开展评估"]


def test_find_sentence_lists_enumeration_ends_with_an_item_less_sentence() -> None:
    text = "甲局作为责任主体，一是要建立机制；其他工作要常态化。二是做好宣传。"
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert text[found.duty[0] : found.duty[1]] == "，一是要建立机制"
    # without 一是 there is no enumeration: 二是 alone opens nothing
    assert len(find_sentence_lists("甲局要建立机制；二是做好宣传。", 0, True)) == 1


@pytest.mark.parametrize(
    ("text", "lead", "duty"),
    [
        ("各地在环境整治中，应积极选用绿色产品。", ["各地"], "选用绿色产品"),
        ("各社区在整治过程中，要积极选用绿色产品；", ["各社区"], "选用绿色产品"),
        (
            "涉及的镇（街道）是具体实施单位，要建立联席会议制度。",
            ["涉及的镇（街道）"],
            "建立联席会议制度",
        ),
        ("甲局是责任主体，须按时报送。", ["甲局"], "按时报送"),
    ],
)
def test_find_sentence_lists_subject_before_a_comma(text: str, lead: list[str], duty: str) -> None:
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert found.lead == lead
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == duty
    assert find_sentence_lists(text, 0) == []  # only in organisation / measures sections


def test_find_sentence_lists_setting_needs_a_modal_next() -> None:
    assert find_sentence_lists("各地在环境整治中，选用绿色产品。", 0, True) == []
    assert find_sentence_lists("社区居民在整治中，要积极参与。", 0, True) == []


def test_section_number_path() -> None:
    doc = document_from_lines(["一、主要任务", "（一）营造环境", "1．推进实施", "正文。"])
    structure = build_structure(doc)
    path = structure.section_path(len(doc.text) - 1)
    assert section_number_path(path) == "一（一）1"
    assert section_number_path([]) is None


@pytest.mark.parametrize(("first", "second"), [("（一）", "（二）"), ("(一)", "(二)")])
def test_subject_duties_only_in_charge_sections(first: str, second: str) -> None:
    doc = document_from_lines(
        [
            "三、实施步骤",
            f"{first}试点阶段",
            "各社区要制定实施方案。",
            "四、组织实施",
            f"{first}加强领导",
            "各社区要制定实施方案。",
            f"{second}加强指导",
            "甲办要会同有关部门加强指导。甲办要会同有关部门加强指导。",
        ]
    )
    records = extract_responsibilities(build_structure(doc)).records
    assert [(r.section, r.task, r.lead, r.participants) for r in records] == [
        (f"四{first}", "制定实施方案", ["各社区"], []),
        (f"四{second}", "加强指导", ["甲办"], ["有关部门"]),
    ]


# --- whole extractor --------------------------------------------------------------------


def test_bracketed_list_after_an_item() -> None:
    doc, records = responsibilities_of(
        [
            "二、创建内容",
            "（一）营造宜居环境。综合治理社区道路。（县住建局、县公安局，索镇按职责分工负责）",
        ]
    )
    (record,) = records
    assert (record.task, record.section) == ("营造宜居环境", "（一）")
    assert record.lead == ["县住建局", "县公安局", "索镇"]
    assert record.participants == []
    assert record.evidence.quote == "（县住建局、县公安局，索镇按职责分工负责）"
    assert doc.text[record.evidence.start : record.evidence.end] == record.evidence.quote


def test_unclosed_bracket_ends_at_the_paragraph_end() -> None:
    _, records = responsibilities_of(
        [
            "(三)营造社区宜居环境。打通“最后一公里”。（社区发展办、交警一中队按照职责分工推动，各社区负责实施。"
        ]
    )
    (record,) = records
    assert record.section == "(三)"
    assert record.lead == ["社区发展办", "交警一中队", "各社区"]
    assert record.evidence.quote.endswith("各社区负责实施。")


@pytest.mark.parametrize(
    ("line", "warned"),
    [
        ("(三)营造环境。（社区发展办、交警一中队按照职责分工推动，各社区负责实施。", True),
        ("(三)营造环境。（社区发展办、交警一中队按照职责分工推动，各社区负责实施", True),
        ("（三）营造环境。（社区发展办、交警一中队按职责分工负责）。", False),
        ("（三）营造环境。(社区发展办、交警一中队按职责分工负责)", False),
    ],
)
def test_an_unclosed_unit_bracket_is_warned(line: str, warned: bool) -> None:
    doc = document_from_lines([line])
    structure = Structure(doc=doc, sections=[], tables=[])
    extracted = extract_responsibilities(structure)
    (record,) = extracted.records
    codes = [(w.code, w.evidence.quote if w.evidence else None) for w in extracted.warnings]
    assert codes == ([("bracket_unclosed", record.evidence.quote)] if warned else [])


def test_no_units_no_records() -> None:
    _, records = responsibilities_of(
        [
            "一、工作目标",
            "到2021年底，全县30%以上的城市社区参与创建。",
            "要动员志愿者、企事业单位广泛参与。",
        ]
    )
    assert records == []


# --- corpus -----------------------------------------------------------------------------

# (section path, task, lead, participants), checked by hand against corpus/*.txt
CORPUS_RESPONSIBILITIES = {
    "hangtai": [
        (
            "二（一）",
            "建立健全社区人居环境建设和整治机制",
            [
                "县住房和城乡建设局",
                "县公安局",
                "县民政局",
                "县市场监督管理局",
                "县综合行政执法局",
                "县住房保障事务中心",
                "索镇",
                "果里镇",
                "城区街道办事处",
            ],
            [],
        ),
        (
            "二（二）",
            "推进社区基础设施绿色化",
            [
                "县住房和城乡建设局",
                "县水利局",
                "县综合行政执法局",
                "县住房保障事务中心",
                "索镇",
                "果里镇",
                "城区街道办事处",
            ],
            [],
        ),
        (
            "二（三）",
            "营造社区宜居环境",
            [
                "县住房和城乡建设局",
                "县发展和改革局",
                "县公安局",
                "县民政局",
                "县自然资源局",
                "县综合行政执法局",
                "县住房保障事务中心",
                "索镇",
                "果里镇",
                "城区街道办事处",
            ],
            [],
        ),
        (
            "二（四）",
            "提高社区信息化智能化水平",
            [
                "县民政局",
                "县公安局",
                "县住房和城乡建设局",
                "县综合行政执法局",
                "县大数据发展中心",
                "县住房保障事务中心",
                "索镇",
                "果里镇",
                "城区街道办事处",
            ],
            [],
        ),
        (
            "二（五）",
            "培育社区绿色文化",
            [
                "县民政局",
                "县教育和体育局",
                "县住房和城乡建设局",
                "县综合行政执法局",
                "县住房保障事务中心",
                "市生态环境局桓台分局",
                "索镇",
                "果里镇",
                "城区街道办事处",
            ],
            [],
        ),
        (
            "四（一）",
            "建立部门协调机制，明确责任分工，加强协调配合",
            ["县住房和城乡建设局", "涉及镇（街道）"],
            [
                "发改",
                "教育",
                "公安",
                "民政",
                "自然资源",
                "生态环境",
                "水利",
                "市场监管",
                "综合执法",
                "大数据",
                "住房保障",
            ],
        ),
        (
            "四（一）",
            "充分发挥社区居委会（村委会）在推进创建行动中的工作动能，建立联席会议制度，及时统筹解决创建中的重大问题",
            ["涉及的镇（街道）"],
            [],
        ),
        (
            "四（二）",
            "加强对绿色社区创建的组织协调、工程建设、管理运行的调度指导",
            ["县住房和城乡建设局", "涉及的镇（街道）"],
            ["相关部门"],
        ),
    ],
    "wusong": [
        (
            "三（一）",
            "建立相应部门协作机制，形成工作合力，共同破解难题，统筹推进绿色社区创建",
            ["街道社区管理办"],
            [],
        ),
        (
            "三（一）",
            "督促、监督检查，协调推进工作及绿色社区创建项目的申报和实施",
            ["街道社区管理办"],
            [],
        ),
        (
            "三（一）",
            "对绿色社区创建行动给予支持协调",
            [],
            [
                "辖区城运中心",
                "派出所",
                "城管中队",
                "绿化市容所",
                "市场监督管理所",
                "房屋管理事务所",
                "各居民区",
            ],
        ),
        (
            "三（一）",
            "指导城市社区结合创建行动，开展人居环境建设和整治，推动基础设施绿色化，营造宜居环境、培育绿色文化",
            ["相关建设单位"],
            ["有关部门"],
        ),
        (
            "三（二）",
            "加强对绿色社区创建行动实施情况的督促检查，及时研究、协调解决工作中出现的问题，指导社区有力推进创建行动落实落地",
            ["街道社区管理办"],
            ["有关部门"],
        ),
        ("三（三）", "做好绿色社区创建申报工作", [], ["各居民区"]),
        (
            "三（三）",
            "对申报项目进行实地考察测评，初审通过后报市城市管理精细化推进办",
            ["区精推办"],
            ["相关行业部门"],
        ),
        (
            "三（三）",
            "组织中外专家、人大政协和市民代表对申报项目进行实地抽样考评",
            ["市城市管理精细化推进办"],
            ["市住房城乡建设管理委", "市科技委"],
        ),
    ],
    "zhaoxiang": [
        (
            "四（一）",
            "建立相应部门协作机制，形成工作合力，共同破解难题，统筹推进绿色社区创建",
            ["镇三大整治办", "镇规保办"],
            [],
        ),
        ("四（一）", "考核督促、监督检查，协调推动工作", ["镇三大整治办"], []),
        ("四（一）", "推进相关单位绿色社区创建项目的申报和实施", ["镇规保办"], []),
        (
            "四（一）",
            "对绿色社区创建行动给予支持协调",
            [],
            [
                "镇经发办",
                "社区办",
                "社发办",
                "规土所",
                "水务所",
                "派出所",
                "市场监管所",
                "房管所",
                "网格化中心",
            ],
        ),
        (
            "四（一）",
            "指导城市社区结合创建行动，开展人居环境建设和整治，推动基础设施绿色化，营造宜居环境、培育绿色文化",
            ["相关建设单位"],
            ["有关部门"],
        ),
        (
            "四（二）",
            "加强对绿色社区创建行动实施情况的督促检查，及时研究、协调解决工作中出现的问题，指导创建社区有力推进创建行动落实落地",
            ["镇三大整治办", "镇规保办"],
            ["有关部门"],
        ),
        ("四（三）", "申报绿色社区创建项目，并进行创建情况和实施效果年度评估", ["各创建社区"], []),
        (
            "四（三）",
            "对申报项目进行实地考察测评，初审通过后报市城市管理精细化推进办",
            ["区精细化推进办"],
            ["相关行业部门"],
        ),
        (
            "四（三）",
            "组织中外专家、人大政协和市民代表对申报项目进行实地抽样考评",
            ["市城市管理精细化推进办"],
            ["市住房城乡建设管理委科技委"],
        ),
    ],
    "qingyang": [
        (
            "三（一）",
            "建立健全社区人居环境建设和整治机制",
            ["社会事务办", "社区发展办", "综合执法队", "企业发展服务科", "各社区"],
            [],
        ),
        (
            "三（二）",
            "推进社区基础设施绿色化",
            [
                "社区发展办",
                "综合执法队",
                "社会事务办",
                "社区治理办",
                "企业发展服务科",
                "乡村振兴科",
                "各社区",
            ],
            [],
        ),
        (
            "三（三）",
            "营造社区宜居环境",
            [
                "社区发展办",
                "综合执法队",
                "社会事务办",
                "企业发展服务科",
                "乡村振兴科",
                "交警一中队",
                "社区卫生服务中心",
                "各社区",
            ],
            [],
        ),
        (
            "三（四）",
            "提高社区信息化智能化水平",
            ["青阳派出所", "综合执法队", "社区治理办", "社区发展办", "各社区"],
            [],
        ),
        (
            "三（五）",
            "培育社区绿色文化",
            ["社区治理办", "社会事务办", "教育办", "社区发展办", "各社区"],
            [],
        ),
        (
            "五（一）",
            "将绿色社区创建工作摆上重要议事日程，在绿色社区创建工作小组的统一领导下，建立部门协作机制，形成工作合力，统筹推进绿色社区创建",
            ["各职能科室"],
            [],
        ),
        ("五（二）", "指导、督促各社区做好绿色社区创建相关工作", ["各职能科室"], []),
        (
            "五（二）",
            "建立各科室、各社区协作机制，负责研究制定属地具体实施方案、年度创建计划并组织推动创建工作",
            ["各社区"],
            [],
        ),
        (
            "五（二）",
            "创建过程中按要求统筹落实相关支持政策，强化技术支撑，加强宣传动员，抓好示范引领",
            ["各社区"],
            [],
        ),
        (
            "五（二）",
            "以社区为基本单位，充分发挥属地优势，做好群众工作，推进创建工作顺利开展",
            ["各社区"],
            [],
        ),
        ("五（四）", "选用经济适用、绿色环保的技术、工艺、材料、产品", ["各社区"], []),
        (
            "五（六）",
            "加大信息报送力度，总结典型案例，及时报送本辖区开展创建工作亮点信息，并对本辖区绿色社区创建行动开展情况和实施效果进行年度评估",
            ["各社区"],
            [],
        ),
    ],
    "zhejiang": [
        (
            "四（一）",
            "加强组织推动",
            ["各级建设部门"],
            ["发展改革", "民政", "公安", "生态环境", "市场监管"],
        ),
        (
            "四（一）",
            "制定行动方案和绿色社区评估认定办法，按照统筹规划、分步推进、尽力而为、量力而行的原则，合理安排建设目标和时序",
            ["各县（市、区）建设部门"],
            ["有关部门"],
        ),
        ("四（一）", "做好实施方案统筹工作", ["各设区市建设部门"], []),
        ("四（二）", "加强与财政部门沟通，争取资金支持", ["各地建设部门"], []),
        (
            "四（二）",
            "统筹用好城镇老旧小区改造、绿色建筑、既有建筑绿色化改造、海绵城市建设、智慧城市建设、智慧安防小区建设等涉及住宅小区的各类资金，推进绿色社区创建，提高资金使用效率",
            ["各地"],
            [],
        ),
        ("四（三）", "选用经济适用、绿色环保的技术、工艺、材料、产品", ["各地"], []),
        (
            "四（五）",
            "对各地绿色社区建设行动工作落实情况和取得的成效进行评价，及时推广先进经验和典型做法，形成年度报告报送住房城乡建设等相关部委",
            ["省建设厅"],
            ["相关部门"],
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(CORPUS_RESPONSIBILITIES))
def test_corpus_responsibilities(name: str) -> None:
    plan = extracted(CORPUS / f"{name}.txt")
    found = [(r.section, r.task, r.lead, r.participants) for r in plan.responsibilities]
    assert found == CORPUS_RESPONSIBILITIES[name]
    text = read_document(CORPUS / f"{name}.txt").text
    for record in plan.responsibilities:
        assert text[record.evidence.start : record.evidence.end] == record.evidence.quote


def test_corpus_hangtai_evidence() -> None:
    plan = extracted(CORPUS / "hangtai.txt")
    quotes = [r.evidence.quote for r in plan.responsibilities]
    assert quotes[1] == (
        "（县住房和城乡建设局、县水利局、县综合行政执法局，县住房保障事务中心，索镇、果里镇，"
        "城区街道办事处按职责分工负责）"
    )
    assert quotes[5].startswith("绿色社区创建行动由县住房和城乡建设局")
    assert quotes[5].endswith("等部门参与，建立部门协调机制，明确责任分工，加强协调配合")
    assert quotes[6] == (
        "涉及的镇（街道）是绿色社区创建行动的具体实施单位，要充分发挥社区居委会（村委会）"
        "在推进创建行动中的工作动能，建立联席会议制度，及时统筹解决创建中的重大问题"
    )
    assert quotes[7] == (
        "县住房和城乡建设局及涉及的镇（街道）要会同相关部门加强对绿色社区创建的组织协调、"
        "工程建设、管理运行的调度指导"
    )


def test_corpus_zhaoxiang_one_record_per_duty_clause() -> None:
    plan = extracted(CORPUS / "zhaoxiang.txt")
    quotes = [r.evidence.quote for r in plan.responsibilities]
    assert quotes[1] == "镇三大整治办牵头负责考核督促、监督检查，协调推动工作"
    assert quotes[2] == "镇规保办牵头负责推进相关单位绿色社区创建项目的申报和实施"


def test_corpus_qingyang_subject_as_evidence() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    assert plan.responsibilities[7].evidence.quote == (
        "各社区作为落实绿色社区创建工作的责任主体，一是要建立各科室、各社区协作机制，"
        "负责研究制定属地具体实施方案、年度创建计划并组织推动创建工作"
    )


def test_corpus_qingyang_unclosed_bracket() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    assert plan.responsibilities[2].evidence.quote.startswith("（社区发展办、综合执法队")
    assert plan.responsibilities[2].evidence.quote.endswith("各社区负责实施。")
    assert ("bracket_unclosed", plan.responsibilities[2].evidence) in [
        (w.code, w.evidence) for w in plan.warnings
    ]


def test_corpus_wusong_duty_after_naming_clause() -> None:
    plan = extracted(CORPUS / "wusong.txt")
    quotes = [r.evidence.quote for r in plan.responsibilities]
    assert quotes[0] == (
        "绿色社区创建行动由街道社区管理办牵头，建立相应部门协作机制，形成工作合力，"
        "共同破解难题，统筹推进绿色社区创建"
    )
    assert quotes[2].endswith("各居民区等参与单位，对绿色社区创建行动给予支持协调")


def test_corpus_zhaoxiang_duty_after_naming_clause() -> None:
    plan = extracted(CORPUS / "zhaoxiang.txt")
    quotes = [r.evidence.quote for r in plan.responsibilities]
    assert quotes[0].startswith(
        "绿色社区创建行动由镇三大整治办、镇规保办牵头，建立相应部门协作机制"
    )
    assert quotes[3].endswith("网格化中心等参与单位，对绿色社区创建行动给予支持协调")


def test_corpus_qingyang_enumerated_duties_and_setting_subject() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    quotes = [r.evidence.quote for r in plan.responsibilities]
    assert (
        quotes[8]
        == "二是创建过程中按要求统筹落实相关支持政策，强化技术支撑，加强宣传动员，抓好示范引领"
    )
    assert quotes[9] == "三是以社区为基本单位，充分发挥属地优势，做好群众工作，推进创建工作顺利开展"
    assert quotes[10] == (
        "各社区在社区人居环境建设和整治过程中，要积极选用经济适用、绿色环保的技术、工艺、材料、产品"
    )


def test_corpus_zhejiang_setting_subject() -> None:
    plan = extracted(CORPUS / "zhejiang.txt")
    assert plan.responsibilities[5].evidence.quote == (
        "各地在社区人居环境建设和整治中，应积极选用经济适用、绿色环保的技术、工艺、材料、产品"
    )


# --- unit brackets in every common form -------------------------------------------------


def records_of(lines: list[str]) -> list[tuple[str | None, list[str], list[str]]]:
    _, records = responsibilities_of(lines)
    return [(r.task, r.lead, r.participants) for r in records]


@pytest.mark.parametrize(
    ("bracket", "lead", "participants"),
    [
        (
            "（责任单位：甲厅、乙厅，各市、县〔区〕政府）",
            ["甲厅", "乙厅", "各市、县〔区〕政府"],
            [],
        ),
        ("(责任单位:甲厅,各市、县（区）政府)", ["甲厅", "各市、县（区）政府"], []),
        ("（牵头单位：甲厅；配合单位：乙局、丙委）", ["甲厅"], ["乙局", "丙委"]),
        ("(牵头单位:甲厅;配合单位:乙局、丙委)", ["甲厅"], ["乙局", "丙委"]),
        ("（甲厅牵头，乙局、丙委参与）", ["甲厅"], ["乙局", "丙委"]),
        ("（甲厅牵头，乙局、丙委配合）", ["甲厅"], ["乙局", "丙委"]),
        ("（甲厅负责）", ["甲厅"], []),
        ("(甲厅负责)", ["甲厅"], []),
        ("（甲部指导）", ["甲部"], []),
        ("（甲部指导，试点城市政府负责落实）", ["试点城市政府"], ["甲部"]),
        ("（甲厅、乙局按职责分工负责）", ["甲厅", "乙局"], []),
        ("（甲部会同有关部门负责）", ["甲部"], ["有关部门"]),
        ("（甲部会同乙部、丙署等部门负责）", ["甲部"], ["乙部", "丙署"]),
        ("（“甲厅”、乙局等省直有关部门按职责分工负责）", ["甲厅", "乙局"], []),
        ("（甲厅和乙局负责）", ["甲厅", "乙局"], []),
    ],
)
def test_bracket_forms(bracket: str, lead: list[str], participants: list[str]) -> None:
    ((task, got_lead, got_participants),) = records_of([f"推进某项工作，完善机制。{bracket}"])
    assert (task, got_lead, got_participants) == ("推进某项工作，完善机制", lead, participants)


def test_several_brackets_in_one_paragraph_each_its_measure() -> None:
    records = records_of(
        [
            "（三）推进某业发展。建设一批示范点。（甲厅、乙局按职责分工负责）"
            "完善服务网络；加快人才培养。（丙委负责）推动融合发展（丁局牵头，戊局参与），"
            "强化宣传引导。"
        ]
    )
    assert records == [
        ("建设一批示范点", ["甲厅", "乙局"], []),
        ("完善服务网络；加快人才培养", ["丙委"], []),
        ("推动融合发展", ["丁局"], ["戊局"]),
    ]


def test_heading_words_when_the_bracket_closes_the_whole_item() -> None:
    # one bracket ending a titled item: it covers the item, which its heading names
    assert records_of(["（三）加强队伍建设。开展培训。（甲厅负责）"]) == [
        ("加强队伍建设", ["甲厅"], [])
    ]
    # nothing but the heading before the bracket
    assert records_of(["（三）加强队伍建设。（甲厅负责）开展培训。（乙局负责）"]) == [
        ("加强队伍建设", ["甲厅"], []),
        ("开展培训", ["乙局"], []),
    ]


@pytest.mark.parametrize(
    "convention",
    [
        "列第一的为牵头单位，下同",
        "列第一位者为牵头单位，下同",
        "排在第一位的部门为牵头部门，下同",
    ],
)
def test_first_unit_leads_once_stated_onward(convention: str) -> None:
    records = records_of(
        [
            f"一、做好甲事。（甲厅、乙局按职责分工负责，{convention}）推进乙事。（丙委、丁局负责）",
            "二、做好丙事。完善机制。（戊局、己局按职责分工负责）",
        ]
    )
    assert [(lead, participants) for _, lead, participants in records] == [
        (["甲厅"], ["乙局"]),
        (["丙委"], ["丁局"]),
        (["戊局"], ["己局"]),
    ]


def test_first_unit_leads_stated_in_running_text() -> None:
    records = records_of(
        ["各项任务中，列第一位者为牵头单位。", "（一）做好甲事。推进乙事。（甲厅、乙局）"]
    )
    # the one bracket closing the titled item: the heading's words are the task
    assert records == [("做好甲事", ["甲厅"], ["乙局"])]


def test_first_unit_leads_without_onward_holds_for_its_bracket_only() -> None:
    records = records_of(
        ["做好甲事。（甲厅、乙局负责，列第一的为牵头单位）推进乙事。（丙委、丁局负责）"]
    )
    assert [(lead, participants) for _, lead, participants in records] == [
        (["甲厅"], ["乙局"]),
        (["丙委", "丁局"], []),
    ]


def test_explicit_roles_override_the_convention() -> None:
    records = records_of(
        ["做好甲事。（甲厅负责，列第一的为牵头单位，下同）推进乙事。（乙局牵头，丙委、甲厅配合）"]
    )
    assert records[1][1:] == (["乙局"], ["丙委", "甲厅"])


def test_convention_ends_when_the_plan_says_otherwise() -> None:
    records = records_of(
        [
            "做好甲事。（甲厅、乙局负责，列第一的为牵头单位，下同）",
            "以下各项排名不分先后。推进乙事。（丙委、丁局负责）",
        ]
    )
    assert records[1][1:] == (["丙委", "丁局"], [])


def test_units_without_role_word_or_convention_warn() -> None:
    doc = document_from_lines(["做好甲事。推进乙事。（甲厅、乙局）"])
    structure = Structure(doc=doc, sections=[], tables=[])
    extracted = extract_responsibilities(structure)
    assert extracted.records == []
    (warning,) = extracted.warnings
    assert warning.code == "responsibility_roles_unknown"
    # the evidence is the measure the bracket closes, with the bracket
    assert (
        warning.evidence is not None
        and warning.evidence.quote == "做好甲事。推进乙事。（甲厅、乙局）"
    )


def test_unclosed_unit_bracket_warns() -> None:
    doc = document_from_lines(["做好甲事。（甲厅、乙局按职责分工负责"])
    structure = Structure(doc=doc, sections=[], tables=[])
    extracted = extract_responsibilities(structure)
    (record,) = extracted.records
    assert record.lead == ["甲厅", "乙局"]
    assert [w.code for w in extracted.warnings] == ["bracket_unclosed"]


@pytest.mark.parametrize(
    "line",
    [
        "（一）加强组织领导。各方面共同推进工作。",
        "到2022年（2020年为基期），覆盖率达到90%。",
        "制定管理办法（试行）。",
        "依托社区居委会（村委会）开展工作。",
        "完善机制（含技工院校），提升水平。",
        "引导社会各界广泛参与，形成全社会共同参与的良好氛围。",
    ],
)
def test_no_units_invented(line: str) -> None:
    doc = document_from_lines([line])
    structure = Structure(doc=doc, sections=[], tables=[])
    extracted = extract_responsibilities(structure)
    assert extracted.records == []
    assert extracted.warnings == []


def test_annex_of_duties_one_record_per_department() -> None:
    doc = document_from_lines(
        [
            "某某实施方案",
            "一、总体要求",
            "做好工作。",
            "附件",
            "部门职责分工",
            "省甲厅负责制定规划，统筹推进。",
            "省乙委：负责监督管理。",
            "省丙局：组织开展培训。",
        ]
    )
    structure = build_structure(doc)
    records = [
        (r.task, r.lead, r.participants)
        for r in extract_responsibilities(structure).records
        if r.section and r.section.startswith("附件")
    ]
    assert records == [
        ("制定规划，统筹推进", ["省甲厅"], []),
        ("监督管理", ["省乙委"], []),
        ("组织开展培训", ["省丙局"], []),
    ]


def test_split_units_keeps_collective_units_whole() -> None:
    assert split_units("省教育厅，各市、县〔区〕政府，赣江新区管委会") == [
        "省教育厅",
        "各市、县〔区〕政府",
        "赣江新区管委会",
    ]
    assert split_units("省教育厅、各市、县〔区〕政府") == ["省教育厅", "各市、县〔区〕政府"]
    assert split_units("各市、县（区）人民政府") == ["各市、县（区）人民政府"]
    assert split_units("“甲厅”、乙局等") == ["甲厅", "乙局"]


def test_task_table_other_header_names() -> None:
    header = ["序号", "重点任务", "责任部门", "责任领导", "配合部门", "协办单位", "完成时限"]
    assert task_table_columns(header) == (1, [2], [4, 5])


# --- duties as national and provincial plans assign them -------------------------------


def plan_records(lines: list[str]) -> list[tuple[str | None, str | None, list[str], list[str]]]:
    doc = document_from_lines(lines)
    records = extract_responsibilities(build_structure(doc)).records
    return [(r.section, r.task, r.lead, r.participants) for r in records]


@pytest.mark.parametrize(("first", "second"), [("（一）", "（二）"), ("(一)", "(二)")])
def test_run_in_leads_of_sub_item_paragraphs_are_left_out_of_the_task(
    first: str, second: str
) -> None:
    lines = [
        "二、主要任务",
        f"{first}强化统筹引领，发挥指导作用。建立评价体系，发挥导向作用。研究建立评价指标。"
        "完善统计制度。（甲部牵头，乙部参与）",
        "优化管理机制，强化分工协作。建立责任清单，明确职责边界。（甲部指导，丙市政府负责落实）",
        f"{second}推进绿色生产。筑牢源头防线。严格项目准入。（丁局负责）推广先进技术。（戊局指导）",
        "完善标准规范。明确控制要求。（丁局指导）",
    ]
    assert plan_records(lines) == [
        ("二" + first, "研究建立评价指标。完善统计制度", ["甲部"], ["乙部"]),
        ("二" + first, "建立责任清单，明确职责边界", ["丙市政府"], ["甲部"]),
        ("二" + second, "严格项目准入", ["丁局"], []),
        ("二" + second, "推广先进技术", ["戊局"], []),
        ("二" + second, "明确控制要求", ["丁局"], []),
    ]


def test_a_lone_paragraph_keeps_its_opening_sentence() -> None:
    # one paragraph per item: its short first sentence is a measure, the heading the task
    lines = [
        "二、主要任务",
        "（一）推进绿色生产。筑牢源头防线。严格项目准入。（丁局负责）",
        "（二）完善标准规范。明确控制要求。推广先进技术。（戊局负责）",
    ]
    assert plan_records(lines) == [
        ("二（一）", "推进绿色生产", ["丁局"], []),
        ("二（二）", "完善标准规范", ["戊局"], []),
    ]


def test_a_sub_item_needs_more_than_a_long_first_sentence() -> None:
    long_first = (
        "以收集利用等环节为重点，坚持因地制宜、农用优先、就地就近原则，"
        "推动区域农作物秸秆全量利用，资源化利用水平明显提高。"
    )
    lines = [
        "二、主要任务",
        f"（一）推进绿色生产。{long_first}严格项目准入。（丁局负责）",
        "完善标准规范。明确控制要求。（丁局指导）",
    ]
    (first, second) = plan_records(lines)
    # no sub-items: the bracket closes the whole item, which its heading names
    assert first[1] == "推进绿色生产"
    assert second[1] == "完善标准规范。明确控制要求"


def test_closing_text_after_one_paragraph_items_lies_outside_them() -> None:
    lines = [
        "一、对甲工作成效明显的市，给予奖励。（甲部负责）",
        "二、对乙工作成效明显的市，给予支持。（乙部负责）",
        "三、对丙工作成效明显的县，加大支持。（丙部负责）",
        "各有关部门要认真组织实施，明确职责分工；要完善考评体系，简化操作；要做好宣传引导。"
        "各省（区、市）政府要建立工作机制，统筹做好落实工作。国务院办公厅将会同有关方面统筹开展相关工作。",
        "国务院办公厅",
    ]
    assert plan_records(lines)[3:] == [
        (
            None,
            "认真组织实施，明确职责分工；要完善考评体系，简化操作；要做好宣传引导",
            ["各有关部门"],
            [],
        ),
        (None, "建立工作机制，统筹做好落实工作", ["各省（区、市）政府"], []),
        (None, "统筹开展相关工作", ["国务院办公厅"], ["有关方面"]),
    ]


def test_no_closing_text_when_items_run_over_several_paragraphs() -> None:
    lines = [
        "一、对甲工作成效明显的市，给予奖励。（甲部负责）",
        "各市要及时报送材料。",
        "二、对乙工作成效明显的市，给予支持。（乙部负责）",
        "三、对丙工作成效明显的县，加大支持。（丙部负责）",
        "各有关部门要认真组织实施。",
    ]
    assert plan_records(lines)[-1] == ("三", "认真组织实施", ["各有关部门"], [])


@pytest.mark.parametrize("end", ["；", ";"])
def test_a_subject_carries_its_modal_duties_over_semicolons(end: str) -> None:
    text = f"甲局要组织实施，明确分工{end}要完善体系{end}要做好宣传。乙局要加强指导。"
    first, second = find_sentence_lists(text, 0, subject_duties=True)
    assert (
        clean_duty(text[first.duty[0] : first.duty[1]])
        == f"组织实施，明确分工{end}要完善体系{end}要做好宣传"
    )
    assert second.lead == ["乙局"]
    # a sentence ended by 。 passes on nothing; one without a modal does not continue
    assert len(find_sentence_lists("甲局要组织实施。要完善体系。", 0, True)) == 1
    (only,) = find_sentence_lists(f"甲局要组织实施{end}完善体系。", 0, True)
    assert clean_duty(text[only.duty[0] : only.duty[1]]) == "组织实施"


def test_a_clause_with_a_topic_and_modal_of_its_own_ends_a_duty() -> None:
    text = "相关机构要优化服务，对于违规收取费用的要严肃处理。"
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == "优化服务"
    text = "相关机构要优化服务，对违规收费的，一律严肃处理。"
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == "优化服务"
    text = "相关机构要优化服务，对企业加强指导。"  # no topic of its own: the duty goes on
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == "优化服务，对企业加强指导"


@pytest.mark.parametrize(
    ("text", "lead", "duty"),
    [
        ("甲部、乙部在职责范围内，分别负责证书的实施。", ["甲部", "乙部"], "证书的实施"),
        ("甲部在职责范围内，负责证书管理。", ["甲部"], "证书管理"),
        ("甲学校应当主动开展合作。", ["甲学校"], "开展合作"),
        ("评价组织应对接职业标准。", ["评价组织"], "对接职业标准"),
        ("乙局主要负责规划战略。", ["乙局"], "规划战略"),
        ("职业学校要加强社区教育。", ["职业学校"], "加强社区教育"),
    ],
)
def test_subject_duties_of_national_plans(text: str, lead: list[str], duty: str) -> None:
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert found.lead == lead
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == duty


@pytest.mark.parametrize(
    "text",
    [
        "甲校、应用型高校教师原则上公开招聘。",  # 应用 is a word, not a modal
        "甲局要求各地按时报送。",  # 要求 is a word, not a modal
        "甲部在职责范围内，研究制定标准。",  # no modal, no 负责 after the setting
        "政府可以委托甲会开展评估。",  # 政府可以委托甲会 is no unit
    ],
)
def test_no_subject_duty(text: str) -> None:
    assert find_sentence_lists(text, 0, subject_duties=True) == []


@pytest.mark.parametrize(
    ("text", "lead", "participants", "duty"),
    [
        ("乙部门要配合甲部门做好编制调整工作。", ["甲部门"], ["乙部门"], "做好编制调整工作"),
        ("乙部门积极协助甲局开展评估。", ["甲局"], ["乙部门"], "开展评估"),
        ("行业协会要积极配合政府，为评价组织提供服务。", [], ["行业协会"], "为评价组织提供服务"),
        ("各居民区要积极配合做好申报工作。", [], ["各居民区"], "做好申报工作"),
    ],
)
def test_helpers_and_the_unit_they_help(
    text: str, lead: list[str], participants: list[str], duty: str
) -> None:
    (found,) = find_sentence_lists(text, 0, subject_duties=True)
    assert (found.lead, found.participants) == (lead, participants)
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == duty


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (
            "发展改革、人力资源社会保障等部门（单位）和工会、妇联等群团组织",
            ["发展改革", "人力资源社会保障", "工会", "妇联"],
        ),
        ("甲局、乙局", ["甲局", "乙局"]),
        ("教育、公安等部门", ["教育", "公安"]),
    ],
)
def test_members_of_a_body_take_part(members: str, expected: list[str]) -> None:
    text = f"建立联席会议，由省卫生部门牵头，{members}为成员，按照各自职责，加强工作指导。"
    (found,) = find_sentence_lists(text, 0)
    assert (found.lead, found.participants) == (["省卫生部门"], expected)
    assert clean_duty(text[found.duty[0] : found.duty[1]]) == "加强工作指导"


def test_members_need_unit_like_names() -> None:
    assert parse_clause("努力形成全社会共同参与的良好氛围为成员") == parse_clause("无")


def test_a_bracket_inside_a_sentence_annotates_the_duty_before_it() -> None:
    lines = [
        "二、构建标准",
        "（六）启动试点。甲部、乙部在职责范围内，分别负责证书的实施（技工院校内由甲部负责），"
        "丙部要制定职业标准。",
    ]
    assert plan_records(lines) == [
        ("二（六）", "证书的实施", ["甲部", "乙部"], []),
        ("二（六）", "制定职业标准", ["丙部"], []),
        ("二（六）", "证书的实施", ["甲部"], []),
    ]


def test_thematic_sections_leave_a_bracketed_measure_to_its_bracket() -> None:
    lines = [
        "一、促进学生全面发展",
        "（一）加强德育。各地要制定德育方案，融入各环节。（省教育厅负责）",
        "（二）加强体育。各地要开齐体育课程。",
    ]
    assert plan_records(lines) == [
        ("一（一）", "加强德育", ["省教育厅"], []),
        ("一（二）", "开齐体育课程", ["各地"], []),
    ]


def test_the_opening_before_the_numbered_items_charges_no_unit() -> None:
    lines = [
        "到2022年，企业参与职业教育的积极性有较大提升，各地要形成良好氛围。",
        "一、完善制度",
        "（一）健全框架。各地要健全制度框架。",
    ]
    assert plan_records(lines) == [("一（一）", "健全制度框架", ["各地"], [])]


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ("甲部门、乙部门和其他有关部门", ["甲部门", "乙部门"]),
        ("甲部门及其他相关单位", ["甲部门"]),
    ],
)
def test_other_units_after_the_named_ones_are_a_list_tail(units: str, expected: list[str]) -> None:
    assert split_units(units) == expected


@pytest.mark.parametrize("date", ["2020年9月底前", "二〇二〇年九月底前", "二○二〇年9月底前"])
def test_a_dated_clause_ends_the_duty_whatever_numerals_its_year(date: str) -> None:
    from extractor.pipeline import build_structure
    from extractor.readers.txt import read_txt

    text = (
        "某省绿色社区创建行动实施方案\n四、组织实施\n（一）加强统筹。各设区市建设部门要做好"
        f"实施方案统筹工作，于{date}将实施方案报省建设厅。\n"
    )
    structure = build_structure(read_txt(Path("snippet.txt"), text.encode()))
    [record] = extract_responsibilities(structure).records
    assert (record.task, record.lead) == ("做好实施方案统筹工作", ["各设区市建设部门"])


@pytest.mark.parametrize(
    ("inner", "lead"),
    [
        ("责任单位：区市场监管局、区商务局，各镇街", ["区市场监管局", "区商务局", "各镇街"]),
        ("责任单位：市住建局，各县（市、区）", ["市住建局", "各县（市、区）"]),
        ("各村（社区）负责", ["各村（社区）"]),
    ],
)
def test_a_bracket_names_collective_areas_after_its_units(inner: str, lead: list[str]) -> None:
    assert parse_bracket_units(inner) == (lead, [])


@pytest.mark.parametrize(
    ("clause", "lead"),
    [
        ("区城管局、区住建局等部门主要负责人为成员", []),  # persons, not a charge
        ("各单位负责同志要亲自抓", []),
        ("由区财政局负责人牵头", []),
        ("区人社局负责人员培训", ["区人社局"]),  # 负责 + 人员: a charge
        ("区城管局负责建立收运台账", ["区城管局"]),
        ("由区城管局负责统筹", ["区城管局"]),
    ],
)
def test_a_person_in_charge_is_no_charge(clause: str, lead: list[str]) -> None:
    assert parse_clause(clause, subject_duties=True).lead == lead


# --- label lines under a measure ----------------------------------------------------------

LABEL_PLAN = ["某县实施方案", "一、主要任务", "（一）完善服务设施。建设社区综合服务站。"]


@pytest.mark.parametrize(
    ("labels", "lead", "participants"),
    [
        (["责任单位：县住建局、县民政局，各镇政府"], ["县住建局", "县民政局", "各镇政府"], []),
        (["责任单位:县住建局;县民政局"], ["县住建局", "县民政局"], []),  # ASCII colon, semicolon
        (["牵头单位：甲局", "配合单位：乙局、丙局"], ["甲局"], ["乙局", "丙局"]),
        # a time line between the labels is passed over
        (["牵头单位：甲局", "完成时限：2024年12月底前", "配合单位：乙局"], ["甲局"], ["乙局"]),
        (["配合单位：县财政局"], [], ["县财政局"]),  # participants only
    ],
)  # fmt: skip
def test_label_lines_under_a_measure_assign_it(
    labels: list[str], lead: list[str], participants: list[str]
) -> None:
    assert plan_records([*LABEL_PLAN, *labels]) == [
        ("一（一）", "完善服务设施", lead, participants)
    ]


def test_label_lines_evidence_spans_the_run() -> None:
    doc = document_from_lines([*LABEL_PLAN, "牵头单位：县住建局", "配合单位：县财政局"])
    (record,) = extract_responsibilities(build_structure(doc)).records
    assert record.evidence.quote == "牵头单位：县住建局\n配合单位：县财政局"


@pytest.mark.parametrize(
    "line",
    [
        "责任单位：",  # a label with no units
        "责任领导：县政府分管副县长",  # persons, not units
        "完成时限：2024年12月底前",
        "责任单位：按照职责分工落实",  # words, not units
    ],
)
def test_lines_that_name_no_units_assign_nothing(line: str) -> None:
    assert plan_records([*LABEL_PLAN, line]) == []


def test_label_runs_are_cut_by_a_body_line() -> None:
    lines = ["牵头单位：甲局", "完成时限：年底", "正文一句。", "配合单位：乙局"]
    doc = document_from_lines(lines)
    assert label_runs(doc.paragraphs) == {0: [0], 3: [3]}


@pytest.mark.parametrize(
    ("sentence", "lead", "participants"),
    [
        ("甲局、乙局、丙局按职责分工负责。", ["甲局", "乙局", "丙局"], []),
        ("甲局、乙局按照各自职责负责。", ["甲局", "乙局"], []),
        ("县财政局负责。", ["县财政局"], []),
        ("县财政局、县审计局配合。", [], ["县财政局", "县审计局"]),
        ("各镇（街道）按职责分工负责。", ["各镇（街道）"], []),
    ],
)
def test_a_sentence_of_units_and_a_role_word_assigns_the_measure_before_it(
    sentence: str, lead: list[str], participants: list[str]
) -> None:
    lines = ["某县实施方案", "一、主要任务", f"（一）深化河湖清理。6月底前完成排查。{sentence}"]
    assert plan_records(lines) == [("一（一）", "深化河湖清理", lead, participants)]


def test_a_role_word_after_words_that_are_no_units_assigns_nothing() -> None:
    lines = ["某县实施方案", "一、主要任务", "（一）深化河湖清理。各项工作按职责分工负责。"]
    assert plan_records(lines) == []


def test_an_articles_number_is_no_part_of_a_unit() -> None:
    lines = ["某省考核办法", "第一章　考核程序", "第六条　各设区市人民政府要按时报送工作总结。"]
    assert [r[2] for r in plan_records(lines)] == [["各设区市人民政府"]]


@pytest.mark.parametrize(
    ("inner", "lead", "participants"),
    [
        # beside an explicit lead, the units only responsible take part
        ("牵头单位：甲局；责任单位：乙局、丙局", ["甲局"], ["乙局", "丙局"]),
        ("牵头单位:甲局;责任单位:乙局", ["甲局"], ["乙局"]),
        ("甲局牵头，乙局、丙局按职责分工负责", ["甲局"], ["乙局", "丙局"]),
        ("甲局牵头，各镇（街道）具体实施", ["甲局"], ["各镇（街道）"]),
        ("甲局牵头，乙局参与，各县组织实施", ["甲局"], ["乙局", "各县"]),
        # with no explicit lead, every responsible unit leads
        ("责任单位：甲局、乙局", ["甲局", "乙局"], []),
        ("甲局、乙局按职责分工负责", ["甲局", "乙局"], []),
        ("甲局负责，乙局配合", ["甲局"], ["乙局"]),
    ],
)
def test_units_only_responsible_beside_an_explicit_lead_take_part(
    inner: str, lead: list[str], participants: list[str]
) -> None:
    assert parse_bracket_units(inner) == (lead, participants)


def test_enumerated_items_with_their_own_subjects_are_records_of_their_own() -> None:
    lines = [
        "某县实施方案",
        "一、保障措施",
        "一是县住建局要加强统筹协调；二是县财政局要加大资金投入；三是各镇要抓好落实。",
    ]
    assert [(r[1], r[2]) for r in plan_records(lines)] == [
        ("加强统筹协调", ["县住建局"]),
        ("加大资金投入", ["县财政局"]),
        ("抓好落实", ["各镇"]),
    ]


def test_enumerated_items_without_a_subject_share_the_units_before_them() -> None:
    lines = [
        "某县实施方案",
        "一、保障措施",
        "各社区作为创建工作的责任主体，一是要建立工作机制；二是要做好宣传。",
    ]
    assert [r[2] for r in plan_records(lines)] == [["各社区"], ["各社区"]]


@pytest.mark.parametrize(
    ("measure", "lead", "participants", "task"),
    [
        # the lead's partners in a clause of their own, after 由…牵头
        ("由甲局牵头，会同乙局、丙局等部门，负责全县工作的统筹推进。", ["甲局"], ["乙局", "丙局"],
         "全县工作的统筹推进"),
        ("由甲局牵头，并会同乙局，制定实施细则。", ["甲局"], ["乙局"], "制定实施细则"),
        # … and the duty they share right after the partners, in the same clause
        ("甲办牵头，会同乙所、丙所编制年度计划，4月底前报县政府。", ["甲办"], ["乙所", "丙所"],
         "编制年度计划"),
        ("由甲局牵头，同时会同有关部门研究制定配套政策。", ["甲局"], ["有关部门"],
         "研究制定配套政策"),
        ("甲局牵头，会同乙局。", ["甲局"], ["乙局"], "推进分类"),  # no duty of their own
        # partners are parted by a separator: the words after the last one are the duty
        ("甲局牵头，会同乙局指导各有关单位开展自查。", ["甲局"], ["乙局"],
         "指导各有关单位开展自查"),
        ("甲局牵头，会同乙局和丙局等部门制定办法。", ["甲局"], ["乙局", "丙局"], "制定办法"),
        # an adverb before 由
        ("具体由甲局负责实施。", ["甲局"], [], "实施"),
        # a duty that is only a role word: the task is the measure's
        ("甲局负责牵头，乙局等部门配合。", ["甲局"], ["乙局"], "推进分类"),
        # a bracket in lenticular brackets, and fields glued once spaces are dropped
        ("【责任单位：甲局、各乡镇】", ["甲局", "各乡镇"], [], "推进分类"),
        ("（牵头单位：甲局　配合单位：乙局、丙局　完成时限：2023年底）", ["甲局"], ["乙局", "丙局"],
         "推进分类"),
        ("（牵头单位：甲局配合单位：乙局完成时限：2023年底）", ["甲局"], ["乙局"], "推进分类"),
        # field sentences closing the measure inside its paragraph
        ("建设分类设施。责任单位：甲局，配合单位：乙局。", ["甲局"], ["乙局"], "推进分类"),
        ("建设分类设施。牵头领导：副县长；牵头单位：甲局；责任单位：各乡镇。", ["甲局"], ["各乡镇"],
         "推进分类"),
        ("建设分类设施。牵头单位：甲局。完成时限：2023年底。", ["甲局"], [], "推进分类"),
    ],
)  # fmt: skip
def test_forms_of_assigning_a_measure(
    measure: str, lead: list[str], participants: list[str], task: str
) -> None:
    lines = ["某县实施方案", "一、重点任务", f"（一）推进分类。{measure}"]
    assert plan_records(lines) == [("一（一）", task, lead, participants)]


def test_a_time_limit_sentence_alone_assigns_no_unit() -> None:
    lines = ["某县实施方案", "一、重点任务", "（一）推进分类。建设设施。完成时限：2023年底。"]
    assert plan_records(lines) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["序号", "重点任务", "具体措施", "牵头单位", "配合单位"], (2, [3], [4])),
        (["序号", "工作任务", "牵头单位", "完成时限"], (1, [2], [])),
        (["牵头单位", "工作内容"], (1, [0], [])),  # units first: the task column after them
        (["序号", "名称", "备注"], (None, [], [])),
    ],
)
def test_the_task_column_is_the_most_specific_before_the_units(
    header: list[str], expected: tuple
) -> None:
    assert task_table_columns(header) == expected


def test_a_heading_that_is_only_units_names_who_carries_its_body() -> None:
    lines = [
        "某县实施方案",
        "三、职责分工",
        "（一）县住建局。负责统筹协调全县建设工作，制定建设标准。",
        "（二）县民政局：负责社区养老服务设施建设。",
        "（三）各乡镇人民政府",
        "负责本辖区试点社区的组织实施。",
        "（四）加强宣传引导。要广泛宣传。",  # a heading that names no unit: no record of its own
    ]
    assert plan_records(lines) == [
        ("三（一）", "统筹协调全县建设工作，制定建设标准", ["县住建局"], []),
        ("三（二）", "社区养老服务设施建设", ["县民政局"], []),
        ("三（三）", "本辖区试点社区的组织实施", ["各乡镇人民政府"], []),
    ]


@pytest.mark.parametrize(
    ("inner", "lead", "participants"),
    [
        ("责任单位：县住建局（牵头）、县民政局、县财政局", ["县住建局"], ["县民政局", "县财政局"]),
        ("县民政局、县住建局(牵头)、县财政局负责", ["县住建局"], ["县民政局", "县财政局"]),
        ("县住建局（牵头单位）、县民政局", ["县住建局"], ["县民政局"]),
        ("县住建局（牵头），县民政局配合", ["县住建局"], ["县民政局"]),
    ],
)  # fmt: skip
def test_a_unit_marked_as_lead_leads_and_the_rest_take_part(
    inner: str, lead: list[str], participants: list[str]
) -> None:
    assert parse_bracket_units(inner) == (lead, participants)


def test_a_task_tables_unit_marked_as_lead_leads() -> None:
    assert marked_lead_units("县民政局（牵头）、县卫健委") == (["县民政局"], ["县卫健委"])
    assert marked_lead_units("县民政局、县卫健委") == ([], ["县民政局", "县卫健委"])


# --- a unit subject acting without a modal, in a thematic plan's measures ------------------


@pytest.mark.parametrize("comma", ["，", ","])
def test_a_unit_subject_ordering_the_work_carries_it_without_a_modal(comma: str) -> None:
    lines = [
        "二、构建标准体系",
        f"（六）启动试点。甲部门组织制定职业标准{comma}乙部门依照职业标准牵头组织开发教学标准。",
    ]
    assert plan_records(lines) == [
        ("二（六）", "组织制定职业标准", ["甲部门"], []),
        ("二（六）", "依照职业标准牵头组织开发教学标准", ["乙部门"], []),
    ]


@pytest.mark.parametrize(
    ("sentence", "task", "lead"),
    [
        ("甲委员会定期听取督导评估情况汇报。", "定期听取督导评估情况汇报", "甲委员会"),
        ("各成员单位就有关工作情况向联席会议报告。", "就有关工作情况向联席会议报告", "各成员单位"),
        ("政府通过放宽准入，严格执法，保证质量。", "通过放宽准入，严格执法，保证质量", "政府"),
        (
            "各地在巩固现有拨款水平的基础上，逐步提高拨款水平。",
            "在巩固现有拨款水平的基础上，逐步提高拨款水平",
            "各地",
        ),
        # a body named 联席会议 acts; a frequency (每年召开…) is no date ending its duty
        (
            "联席会议统筹协调全国职业教育工作，研究解决重大问题，每年召开两次会议。",
            "统筹协调全国职业教育工作，研究解决重大问题，每年召开两次会议",
            "联席会议",
        ),
        # 组织 inside a unit's name is no verb
        ("市委组织部统筹推进干部培训。", "统筹推进干部培训", "市委组织部"),
        # 将 as "will" before the verb
        ("国务院办公厅将加强统筹协调和督促检查。", "加强统筹协调和督促检查", "国务院办公厅"),
    ],
)  # fmt: skip
def test_a_unit_subject_with_a_way_of_acting_is_charged(
    sentence: str, task: str, lead: str
) -> None:
    lines = ["三、加强质量管理", f"（一）健全制度。{sentence}"]
    assert plan_records(lines) == [("三（一）", task, [lead], [])]


@pytest.mark.parametrize(
    "sentence",
    [
        "学校依据目录灵活自主设置专业。",  # a freedom, no duty
        "职业院校通过社会培训所得收入，可按一定比例作为绩效工资来源。",  # a permission
        "各地将绿色社区创建纳入考核。",  # 将 before an object: no modal, no way of acting
        "各地就业困难人员得到帮扶。",  # 就 in a word of its own (就业), no preposition
        "各学校就近招收学生。",  # 就近: an adverb, no preposition
        "符合条件的企业依法享受税收优惠政策。",  # a benefit, and a firm is no body charged
    ],
)
def test_a_freedom_or_a_permission_charges_no_unit(sentence: str) -> None:
    assert plan_records(["三、加强质量管理", f"（一）健全制度。{sentence}"]) == []


def test_a_unit_subject_without_a_modal_is_charged_in_measures_only() -> None:
    lines = ["一、指导思想", "甲委员会定期听取督导评估情况汇报。"]
    assert plan_records(lines) == []


@pytest.mark.parametrize(
    ("sentence", "lead", "task"),
    [
        ("县财政局按照职责分工，统筹安排改造资金。", "县财政局", "统筹安排改造资金"),
        ("各部门根据各自职能，做好相关工作。", "各部门", "做好相关工作"),
        # 分工 never opens the duty: the clauses after the basis are it
        ("各成员单位按照职责分工，密切配合，形成合力。", "各成员单位", "密切配合，形成合力"),
    ],
)  # fmt: skip
def test_the_basis_closing_a_clause_leaves_the_duty_to_the_clauses_after(
    sentence: str, lead: str, task: str
) -> None:
    lines = ["三、保障措施", f"（一）加强资金保障。{sentence}"]
    assert plan_records(lines) == [("三（一）", task, [lead], [])]


@pytest.mark.parametrize("date", ["每年2月底前", "每年年底前", "每季度末"])
def test_a_yearly_date_still_ends_the_duty(date: str) -> None:
    lines = ["三、加强质量管理", f"（一）健全制度。甲部门组织开展评估，{date}报送结果。"]
    assert plan_records(lines) == [("三（一）", "组织开展评估", ["甲部门"], [])]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("部际联席会议", ["部际联席会议"]),  # a leading body, as a 领导小组 is
        ("联席会议、甲部门", ["联席会议", "甲部门"]),
        ("工作座谈会议", None),  # a meeting, no body
    ],
)
def test_a_joint_meeting_is_a_unit_a_meeting_is_not(text: str, units: list[str] | None) -> None:
    assert split_units(text) == units


# --- task tables (任务分解表): column roles, cells stating roles, group rows ---------------


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("牵头单位", "lead"),
        ("责任单位", "lead"),
        ("牵头 部门", "lead"),
        ("配合单位", "participant"),
        ("协办单位", "participant"),
        # a two-row header flattened: its most specific part decides
        ("责任单位/牵头单位", "lead"),
        ("责任单位/配合单位", "participant"),
        # one column naming both roles: a lead column, its cells' role words telling more
        ("牵头单位/配合单位", "lead"),
        ("牵头单位\n配合单位", "lead"),
        # persons, whatever role the header names: no units
        ("牵头领导", None),
        ("责任领导", None),
        ("责任人", None),
        # units the header gives no role
        ("单位", "unit"),
        ("实施部门", "unit"),
        # no units at all
        ("工作任务", None),
        ("完成时限", None),
    ],
)
def test_column_role(header: str, role: str | None) -> None:
    assert column_role(header) == role


def test_a_persons_column_is_neither_units_nor_task() -> None:
    header = ["序号", "重点任务", "牵头领导", "牵头单位", "配合单位", "完成时间"]
    assert task_table_columns(header) == (1, [3], [4])
    header = ["序号", "工作任务", "工作联系人", "责任单位"]
    assert task_table_columns(header) == (1, [3], [])


def cell(text: str) -> Cell:
    """A table cell holding `text` (its lines as the source broke them)."""
    return Cell(text=text, start=0, end=len(text))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("县自然资源局\n县财政局", "县自然资源局、县财政局"),  # a unit a line (docx paragraphs)
        ("市司法局\n各乡镇人民政府", "市司法局、各乡镇人民政府"),
        ("县财政局", "县财政局"),
        # a name wrapped inside: joined as the cell's text is
        ("区文化和旅游局、区住房和城乡\n建设局", "区文化和旅游局、区住房和城乡建设局"),
        ("市生态环境局\n桓台分局", "市生态环境局桓台分局"),  # a branch of the unit above
        ("县政府\n办公室", "县政府办公室"),  # the next line opens no unit
    ],
)
def test_unit_cell_text_splits_lines_between_whole_units(text: str, line: str) -> None:
    assert unit_cell_text(cell(text)) == line


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("甲局（牵头）、乙中心、丙局", "lead", (["甲局"], ["乙中心", "丙局"])),
        ("区城市管理局(牵头)、各街道办事处", "lead", (["区城市管理局"], ["各街道办事处"])),
        ("区大数据中心牵头，区行政审批局配合", "lead", (["区大数据中心"], ["区行政审批局"])),
        ("甲中心牵头,乙局、丙局配合", "lead", (["甲中心"], ["乙局", "丙局"])),
        ("甲局负责，乙局参与", "lead", (["甲局"], ["乙局"])),
        ("县民政局、县卫健委", "lead", (["县民政局", "县卫健委"], [])),
        ("县民政局、县卫健委", "participant", ([], ["县民政局", "县卫健委"])),
        ("各乡镇人民政府按职责分工负责", "participant", ([], ["各乡镇人民政府"])),
        ("", "lead", ([], [])),
    ],
)  # fmt: skip
def test_table_cell_units_read_roles_the_cell_states(
    text: str, role: str, expected: tuple[list[str], list[str]]
) -> None:
    assert table_cell_units(text, role) == expected


def table_plan(table: str) -> list[str]:
    """A short plan around a task table laid out as `table` (lines of text)."""
    return [
        "某县城市更新行动实施方案",
        "",
        "一、重点任务",
        "",
        "附件：某县城市更新行动重点任务分解表",
        "",
        table,
    ]


def read_plan(lines: list[str]) -> Structure:
    """The structure of a plain-text plan, read as the txt reader reads a file."""
    return build_structure(read_txt(Path("plan.txt"), "\n".join(lines).encode("utf-8")))


TAB_ROWS_TABLE = "\n".join(
    [
        "序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限",
        "一、强化组织保障",
        "1\t建立工作机制\t成立工作专班\t县发改局\t县财政局、县人社局\t2024年3月底前",
        "2\t加强督促检查\t定期通报进展\t县政府办牵头，各乡镇配合\t\t持续推进",
    ]
)
PIPE_TABLE = "\n".join(
    [
        "| 序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |",
        "|---|---|---|---|---|---|",
        "| 一、强化组织保障 | | | | | |",
        "| 1 | 建立工作机制 | 成立工作专班 | 县发改局 | 县财政局、县人社局 | 2024年3月底前 |",
        "| 2 | 加强督促检查 | 定期通报进展 | 县政府办牵头，各乡镇配合 | | 持续推进 |",
    ]
)
WORD_EXPORT_TABLE = "\n".join(
    [
        *(f"\t{c}" for c in ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]),
        "",
        "\t一、强化组织保障",
        "",
        *(f"\t{c}" for c in ["1", "建立工作机制", "成立工作专班", "县发改局", "县财政局"]),
        "县人社局",  # the cell's second line: a unit of its own
        "\t2024年3月底前",
        "",
        *(f"\t{c}" for c in ["2", "加强督促检查", "定期通报进展", "县政府办牵头，各乡镇配合"]),
        "\t",
        "\t持续推进",
        "",
    ]
)


@pytest.mark.parametrize("table", [TAB_ROWS_TABLE, PIPE_TABLE, WORD_EXPORT_TABLE])
def test_a_task_table_in_any_layout_gives_one_record_a_task_row(table: str) -> None:
    records = extract_responsibilities(read_plan(table_plan(table))).records
    assert [(r.task, r.section, r.lead, r.participants) for r in records] == [
        ("成立工作专班", "一", ["县发改局"], ["县财政局", "县人社局"]),
        ("定期通报进展", "一", ["县政府办"], ["各乡镇"]),
    ]  # the group row 一、强化组织保障 is no task


def test_a_task_table_from_a_docx_with_merged_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市数字政府建设实施方案")
    document.add_paragraph("一、重点任务")
    rows = [
        ["序号", "主要任务", "任务措施", "牵头部门", "参与单位", "完成时限", "责任领导"],
        ["一、夯实数字基础设施"] * 7,
        ["1", "建设政务云", "扩容政务云", "市数据局", "市财政局\n市发改委", "2024年底", "王副市长"],
        ["2", "", "推进系统上云", "市数据局", "市直各部门", "2025年底前", ""],
    ]  # fmt: skip
    table = document.add_table(rows=4, cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text if r != 1 or c == 0 else ""
    table.cell(1, 0).merge(table.cell(1, 6)).text = "一、夯实数字基础设施"
    for column in (1, 6):
        top = table.cell(2, column)
        text = top.text
        top.merge(table.cell(3, column)).text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    records = extract_responsibilities(build_structure(read_document(path))).records
    assert [(r.task, r.lead, r.participants) for r in records] == [
        ("扩容政务云", ["市数据局"], ["市财政局", "市发改委"]),
        ("推进系统上云", ["市数据局"], ["市直各部门"]),
    ]  # not 王副市长 (a person), nor the group row


def test_a_two_row_header_gives_lead_and_participant_columns() -> None:
    table = "\n".join(
        [
            "序号\t工作任务\t责任单位\t\t完成时限",
            "\t\t牵头单位\t配合单位\t",
            "1\t新建幼儿园5所\t县教体局\t县发改局、县财政局\t2025年8月底前",
        ]
    )
    structure = read_plan(table_plan(table))
    assert structure.tables[0].table.header[2:4] == ["责任单位/牵头单位", "责任单位/配合单位"]
    (record,) = extract_responsibilities(structure).records
    assert (record.lead, record.participants) == (["县教体局"], ["县发改局", "县财政局"])


def test_units_in_a_column_without_role_are_warned_row_by_row() -> None:
    table = "\n".join(
        [
            "序号\t工作事项\t单位\t完成时限",
            "1\t实施城乡供水一体化工程\t县水利局、县财政局\t2025年12月底前",
            "2\t开展水质检测\t县卫生健康局\t每半年一次",
        ]
    )
    found = extract_responsibilities(read_plan(table_plan(table)))
    assert found.records == []
    assert [w.code for w in found.warnings] == ["responsibility_roles_unknown"] * 2
    assert "row 2" in found.warnings[1].message and "县卫生健康局" in found.warnings[1].message
    assert "某县城市更新行动重点任务分解表" in found.warnings[0].message
    assert found.warnings[0].evidence is not None
    assert found.warnings[0].evidence.quote.startswith("1\t实施城乡供水")


@pytest.mark.parametrize(
    "table",
    [
        # a list of units (名称), no task table: no doubt
        "序号\t安置单位名称\t安置任务\n1\t市体彩中心\t1\n2\t丽水学院\t1",
        # no time limit: a list, not tasks
        "序号\t工作事项\t单位\n1\t供水工程\t县水利局\n2\t水质检测\t县卫健局",
    ],
)
def test_unit_lists_that_are_no_task_tables_warn_nothing(table: str) -> None:
    found = extract_responsibilities(read_plan(table_plan(table)))
    assert found.records == [] and found.warnings == []


@pytest.mark.parametrize("tab_rows", [True, False])
def test_a_task_row_with_a_blank_lead_cell_is_warned_not_guessed(tab_rows: bool) -> None:
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "建设停车平台", "市城管局", "市公安局", "2024年底前"],
        ["2", "新增停车泊位", "", "市资源局", "2025年底前"],  # merged above? not guessed
        ["3", "规范路内停车", "", "", "持续推进"],  # no unit at all: said, not dropped
        ["4", "建设充电设施", "市发改委", "", "2025年底前"],  # no participant: no doubt
    ]
    if tab_rows:
        table = "\n".join("\t".join(row) for row in rows)
    else:  # the Word-export layout: a cell a line, a blank line after each row
        table = "\n".join(line for row in rows for line in [*(f"\t{c}" for c in row), ""])
    found = extract_responsibilities(read_plan(table_plan(table)))
    assert [(r.task, r.lead, r.participants) for r in found.records] == [
        ("建设停车平台", ["市城管局"], ["市公安局"]),
        ("新增停车泊位", [], ["市资源局"]),
        ("建设充电设施", ["市发改委"], []),
    ]
    assert [w.code for w in found.warnings] == ["responsibility_lead_missing"] * 2
    assert ["row 2" in found.warnings[0].message, "row 3" in found.warnings[1].message] == [
        True,
        True,
    ]


def test_the_written_out_bracket_looks_agree_with_the_bracket_lists() -> None:
    # bracket_depth_change and has_name_bracket spell the brackets out for speed: the lists
    # are the source, and a bracket added to one must be added there too
    for bracket in OPENING_NAME_BRACKETS:
        assert (bracket_depth_change(bracket), has_name_bracket(bracket)) == (1, True)
    for bracket in CLOSING_NAME_BRACKETS:
        assert (bracket_depth_change(bracket), has_name_bracket(bracket)) == (-1, False)
    assert (bracket_depth_change("县住建局【】「」"), has_name_bracket("县住建局【】")) == (
        0,
        False,
    )


@pytest.mark.parametrize(
    "clause",
    [
        "甲部门组织制定职业标准",
        "乙部门统筹推进",
        "丙部门依照标准开发教材",
        "丁部门依据规划实施",
        "政府依法监管",
        "政府通过放宽准入保证质量",
        "甲委员会定期听取汇报",
        "各成员单位就有关工作情况报告",
        "各地在巩固现有水平的基础上提高拨款",
    ],
)
def test_the_prefilters_let_every_modal_less_subject_through(clause: str) -> None:
    # the sentence and clause filters are built from SUBJECT_ACTION_HINTS: a clause the
    # subject-action pattern reads must pass both
    assert SUBJECT_ACTION_PATTERN.match(clause)
    assert SENTENCE_VERB_PATTERN.search(clause) and CLAUSE_SUBJECT_WORD_PATTERN.search(clause)
