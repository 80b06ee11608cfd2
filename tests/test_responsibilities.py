"""Responsibilities: bracketed unit lists after task items and lead/participant sentences."""

from __future__ import annotations

import pytest

from extractor.document import DocumentBuilder, SourceInfo, document_from_lines
from extractor.fields.responsibilities import (
    CELL_SPLIT_PATTERN,
    ITEM_HEADING_PATTERN,
    LEAD_BY_PATTERN,
    LEAD_HEADER_PATTERN,
    LEAD_ROLE_PATTERN,
    LIST_VERB_PATTERN,
    PARTICIPANT_HEADER_PATTERN,
    TASK_HEADER_PATTERN,
    UNIT_SPLIT_PATTERN,
    UNIT_TAIL_PATTERN,
    UNITS_THEN_VERB_PATTERN,
    extract_responsibilities,
    find_sentence_lists,
    parse_bracket_units,
    parse_clause_units,
    split_cell_units,
    split_outside_brackets,
    split_units,
    task_table_columns,
    trailing_bracket,
)
from extractor.pipeline import build_structure
from extractor.readers import read_document
from extractor.structure import Structure
from tests.conftest import CORPUS, extracted


def responsibilities_of(lines: list[str]):
    doc = document_from_lines(lines)
    return doc, extract_responsibilities(Structure(doc=doc, sections=[], tables=[]))


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


def test_unit_split_pattern_splits_on_ji_only_after_a_unit() -> None:
    assert UNIT_SPLIT_PATTERN.split("县住房和城乡建设局及涉及镇（街道）") == [
        "县住房和城乡建设局",
        "涉及镇（街道）",
    ]
    assert UNIT_SPLIT_PATTERN.split("甲局、乙办，丙所") == ["甲局", "乙办", "丙所"]


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


def test_item_heading_pattern_no_number() -> None:
    assert not ITEM_HEADING_PATTERN.match("绿色社区创建行动由街道牵头。")


# --- pieces -----------------------------------------------------------------------------


def test_split_units_accepts_unit_lists_only() -> None:
    assert split_units("发改、教育、公安等部门") == ["发改", "教育", "公安"]
    assert split_units("索镇、果里镇") == ["索镇", "果里镇"]
    assert split_units("社区居民") is None  # alone, no unit suffix
    assert split_units("要动员志愿者、企事业单位、社会组织广泛") is None
    assert split_units("全县30%以上的城市社区") is None


def test_trailing_bracket_closed_unclosed_and_none() -> None:
    text = "完善设施。（甲局、乙镇（街道）按职责分工负责）"
    start, end = trailing_bracket(text)  # type: ignore[misc]
    assert text[start:end] == "（甲局、乙镇（街道）按职责分工负责）"
    text = "补齐短板。（甲办、乙队按照职责分工推动，各社区负责实施。"
    start, end = trailing_bracket(text)  # type: ignore[misc]
    assert text[start:end] == "（甲办、乙队按照职责分工推动，各社区负责实施。"
    assert trailing_bracket("实施架空线规整（入地），加强噪声治理。") is None


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
    assert text[found.start - 10 : found.end - 10] == "工作由甲局牵头，发改、教育等部门参与"


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
    records = extract_responsibilities(build_structure(doc))
    assert [(r.task, r.lead, r.participants) for r in records] == [
        ("推进老旧小区改造", ["县住建局"], ["县发改局", "县财政局"]),
        ("开展垃圾分类", ["县综合执法局"], ["各镇（街道）"]),
    ]
    assert (
        records[0].evidence.quote == "1\t推进老旧小区改造\t县住建局\t县发改局、县财政局\t2021年底"
    )


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

BUREAUS_TAIL = ["县住房保障事务中心", "索镇", "果里镇", "城区街道办事处"]
CORPUS_RESPONSIBILITIES = {
    "hangtai": [
        (
            "（一）",
            [
                "县住房和城乡建设局",
                "县公安局",
                "县民政局",
                "县市场监督管理局",
                "县综合行政执法局",
                *BUREAUS_TAIL,
            ],
            [],
        ),
        ("（二）", ["县住房和城乡建设局", "县水利局", "县综合行政执法局", *BUREAUS_TAIL], []),
        (
            "（三）",
            [
                "县住房和城乡建设局",
                "县发展和改革局",
                "县公安局",
                "县民政局",
                "县自然资源局",
                "县综合行政执法局",
                *BUREAUS_TAIL,
            ],
            [],
        ),
        (
            "（四）",
            [
                "县民政局",
                "县公安局",
                "县住房和城乡建设局",
                "县综合行政执法局",
                "县大数据发展中心",
                *BUREAUS_TAIL,
            ],
            [],
        ),
        (
            "（五）",
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
            "（一）",
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
    ],
    "wusong": [
        ("（一）", ["街道社区管理办"], []),
        (
            "（一）",
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
        ("（三）", [], ["各居民区"]),
    ],
    "zhaoxiang": [
        ("（一）", ["镇三大整治办", "镇规保办"], []),
        ("（一）", ["镇三大整治办", "镇规保办"], []),
        (
            "（一）",
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
    ],
    "qingyang": [
        ("（一）", ["社会事务办", "社区发展办", "综合执法队", "企业发展服务科", "各社区"], []),
        (
            "（二）",
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
            "（三）",
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
        ("（四）", ["青阳派出所", "综合执法队", "社区治理办", "社区发展办", "各社区"], []),
        ("（五）", ["社区治理办", "社会事务办", "教育办", "社区发展办", "各社区"], []),
    ],
    "zhejiang": [
        ("（一）", ["各级建设部门"], ["发展改革", "民政", "公安", "生态环境", "市场监管"]),
    ],
}


@pytest.mark.parametrize("name", sorted(CORPUS_RESPONSIBILITIES))
def test_corpus_responsibilities(name: str) -> None:
    plan = extracted(CORPUS / f"{name}.txt")
    found = [(r.section, r.lead, r.participants) for r in plan.responsibilities]
    assert found == CORPUS_RESPONSIBILITIES[name]


def test_corpus_hangtai_tasks_and_evidence() -> None:
    plan = extracted(CORPUS / "hangtai.txt")
    text = read_document(CORPUS / "hangtai.txt").text
    assert [r.task for r in plan.responsibilities] == [
        "建立健全社区人居环境建设和整治机制",
        "推进社区基础设施绿色化",
        "营造社区宜居环境",
        "提高社区信息化智能化水平",
        "培育社区绿色文化",
        "建立工作机制",
    ]
    for record in plan.responsibilities:
        assert text[record.evidence.start : record.evidence.end] == record.evidence.quote
    assert plan.responsibilities[1].evidence.quote == (
        "（县住房和城乡建设局、县水利局、县综合行政执法局，县住房保障事务中心，索镇、果里镇，"
        "城区街道办事处按职责分工负责）"
    )
    assert plan.responsibilities[5].evidence.quote.startswith(
        "绿色社区创建行动由县住房和城乡建设局"
    )


def test_corpus_qingyang_unclosed_bracket() -> None:
    plan = extracted(CORPUS / "qingyang.txt")
    assert plan.responsibilities[2].evidence.quote.startswith("（社区发展办、综合执法队")
    assert plan.responsibilities[2].evidence.quote.endswith("各社区负责实施。")
