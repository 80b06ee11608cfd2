"""Rubrics written as numbered paragraphs (extractor.fields.rubric.prose), from .txt
snippets read and structured as the pipeline does it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.fields.rubric.prose import (
    ITEM_POINTS,
    item_text,
    may_hold_prose_rubric,
    prose_rubrics,
)
from extractor.fields.rubrics import extract_rubrics
from extractor.models import Rubric, Warning
from extractor.pipeline import build_structure, extract_from_document
from extractor.readers.txt import read_txt

EXAMPLE = """附件
某县2023年度垃圾分类工作考核细则
一、组织领导（20分）
1.成立工作领导小组，明确分管领导和工作人员（5分）。未成立的不得分，未明确分管领导的扣2分。
2.制定年度工作方案并按时报送（5分）。未制定的不得分；每迟报一天扣0.5分，扣完为止。
（一）建立工作台账（10分）。台账不完整的，每缺一项扣1分。
二、设施建设（40分）
1.建成分类投放点，覆盖率达到100%（满分20分）。每降低5%扣2分。
2.配齐分类收运车辆，20分。车辆不足的，每缺一辆扣2分，最高扣10分。
三、加分项（最高加10分）
1.获得省级以上表彰的加5分，市级表彰加3分。
考核满分60分，得分54分以上为优秀，45分至53分为良好，36分至44分为合格，36分以下为不合格。
"""

# A plan with a goals section mentioning 分 in passing, then an attachment mixing
# 一、 groupings, （一） dimensions (one without points) and 1. / （1） items.
MIXED = """某街道文明创建工作方案
一、工作目标
到2025年，群众满意度提高到90分以上，打造15分钟生活圈。
附件2
某街道文明创建评分标准
一、基础工作（满分30分）
（一）制度建设（共10分）
1.建立健全工作制度，满分5分。制度不健全的扣2分。
2.落实工作责任，分值5分。责任不落实的不得分。
（二）队伍建设
（1）配备专职人员（10分）。未配备的不得分。
（2）开展业务培训（10分）。每少一次扣2分。
二、考核等次
（一）考核满分30分。
（二）得分27分以上为优秀，18分以上为合格，18分以下为不合格。
"""

ASCII = """附件
某镇环境整治考核评分标准
一、组织保障(20分)
1. 成立整治工作专班,明确责任人(5分).未成立的不得分,未明确责任人的扣2分.
2. 制定整治方案(5分).方案不完善的扣1-3分.
3. 建立工作台账(10分).台账每缺一项扣1分,扣完为止.
总分20分,得分18分以上为优秀,12分以上为合格.
"""


def read_rubrics(source: str) -> tuple[list[Rubric], list[Warning]]:
    """The rubrics and rubric warnings of a .txt snippet, through the real stages."""
    structure = build_structure(read_txt(Path("snippet.txt"), source.encode()))
    extracted = extract_rubrics(structure)
    return extracted.records, extracted.warnings


def summary(rubric: Rubric) -> list[tuple[str | None, float | None, list[tuple]]]:
    """Each dimension's name, points and items' (number, criterion, points, bonus)."""
    return [
        (
            dimension.name,
            dimension.points,
            [(i.number, i.criterion, i.points, i.bonus) for i in dimension.items],
        )
        for dimension in rubric.dimensions
    ]


@pytest.mark.parametrize(
    ("body", "criterion", "points", "rules_text"),
    [
        ("建立台账（10分）。台账不完整的扣1分。", "建立台账", 10.0, "台账不完整的扣1分。"),
        ("建立台账(10分).台账不完整的扣1分.", "建立台账", 10.0, "台账不完整的扣1分."),
        ("建成投放点（满分20分）。每降低5%扣2分。", "建成投放点", 20.0, "每降低5%扣2分。"),
        ("落实工作责任，分值5分。不落实的不得分。", "落实工作责任", 5.0, "不落实的不得分。"),
        ("配齐收运车辆，20分。每缺一辆扣2分。", "配齐收运车辆", 20.0, "每缺一辆扣2分。"),
        ("开展会议（3分，少一次扣1分）", "开展会议", 3.0, "少一次扣1分"),
        ("获得省级表彰的加5分，市级表彰加3分。", "获得省级表彰的加5分，市级表彰加3分", None, ""),
        ("每发现一处扣1分。", "每发现一处扣1分", None, ""),
        ("满意度达到90分以上。", "满意度达到90分以上", None, ""),
    ],
)
def test_item_text_splits_at_the_items_own_points(
    body: str, criterion: str, points: float | None, rules_text: str
) -> None:
    split = item_text(body)
    assert (split.criterion, split.points, split.rules_text) == (criterion, points, rules_text)


@pytest.mark.parametrize(
    ("text", "found"),
    [("成立小组（5分）", True), ("满分5分", True), ("（满分20分）", True), ("15分钟生活圈", False)],
)
def test_item_points_pattern(text: str, found: bool) -> None:
    assert (ITEM_POINTS.search(text) is not None) == found


def test_the_example_gives_dimensions_items_rules_bonus_total_and_levels() -> None:
    [rubric], warnings = read_rubrics(EXAMPLE)
    assert rubric.title == "某县2023年度垃圾分类工作考核细则"
    assert summary(rubric) == [
        (
            "组织领导",
            20.0,
            [
                ("1", "成立工作领导小组，明确分管领导和工作人员", 5.0, False),
                ("2", "制定年度工作方案并按时报送", 5.0, False),
                ("（一）", "建立工作台账", 10.0, False),
            ],
        ),
        (
            "设施建设",
            40.0,
            [
                ("1", "建成分类投放点，覆盖率达到100%", 20.0, False),
                ("2", "配齐分类收运车辆", 20.0, False),
            ],
        ),
        ("加分项", 10.0, [("1", "获得省级以上表彰的加5分，市级表彰加3分", None, True)]),
    ]
    first, second, ledger = rubric.dimensions[0].items
    assert [(r.text, r.deduct) for r in first.rules] == [
        ("未成立的不得分", 5.0),
        ("未明确分管领导的扣2分", 2.0),
    ]
    assert [(r.deduct, r.per, r.cap) for r in second.rules] == [
        (5.0, None, None),
        (0.5, "迟报一天", 5.0),
    ]
    assert ledger.evidence.quote == "（一）建立工作台账（10分）。台账不完整的，每缺一项扣1分。"
    assert rubric.total_points == 60.0  # stated; the bonus item counts for nothing
    assert rubric.levels == ["不合格", "合格", "良好", "优秀"]
    assert rubric.pass_score == 36.0
    assert rubric.pass_rule is not None and rubric.pass_rule.startswith("考核满分60分")
    assert rubric.evidence.quote.startswith("某县2023年度") and rubric.evidence.quote.endswith(
        "36分以下为不合格。"
    )
    assert warnings == []


def test_a_stated_total_the_items_miss_is_warned_about() -> None:
    [rubric], warnings = read_rubrics(EXAMPLE.replace("考核满分60分", "考核满分100分"))
    assert rubric.total_points == 100.0
    assert [w.code for w in warnings] == ["points_sum_mismatch"]


def test_mixed_numbering_groupings_and_a_dimension_without_points() -> None:
    [rubric], warnings = read_rubrics(MIXED)
    assert rubric.title == "某街道文明创建评分标准"
    assert summary(rubric) == [
        (
            "制度建设",
            10.0,
            [("1", "建立健全工作制度", 5.0, False), ("2", "落实工作责任", 5.0, False)],
        ),
        (  # no points of its own: its items' sum
            "队伍建设",
            20.0,
            [("（1）", "配备专职人员", 10.0, False), ("（2）", "开展业务培训", 10.0, False)],
        ),
    ]
    # the grouping's （满分30分） is its part's; the note's 考核满分30分 is the total
    assert rubric.total_points == 30.0
    assert (rubric.pass_score, rubric.pass_rule) == (
        18.0,
        "得分27分以上为优秀，18分以上为合格，18分以下为不合格。",
    )
    assert warnings == []


def test_ascii_punctuation() -> None:
    [rubric], warnings = read_rubrics(ASCII)
    assert summary(rubric) == [
        (
            "组织保障",
            20.0,
            [
                ("1", "成立整治工作专班，明确责任人", 5.0, False),
                ("2", "制定整治方案", 5.0, False),
                ("3", "建立工作台账", 10.0, False),
            ],
        )
    ]
    [item] = [i for i in rubric.dimensions[0].items if i.number == "1"]
    assert [(r.text, r.deduct) for r in item.rules] == [
        ("未成立的不得分", 5.0),
        ("未明确责任人的扣2分", 2.0),
    ]
    [ranged] = rubric.dimensions[0].items[1].rules
    assert (ranged.deduct, ranged.deduct_max) == (1.0, 3.0)
    assert (rubric.total_points, rubric.pass_score) == (20.0, 12.0)
    assert warnings == []


def test_items_without_a_dimension_heading_and_without_a_stated_total() -> None:
    source = (
        "附件\n某村人居环境评分细则\n"
        "1.房前屋后无垃圾（4分）。发现一处扣1分。\n"
        "2.厕所改造到位（3分）。\n"
        "3.污水不乱排（3分）。发现乱排的不得分。\n"
    )
    [rubric], warnings = read_rubrics(source)
    [dimension] = rubric.dimensions
    assert (dimension.name, dimension.points, len(dimension.items)) == (None, 10.0, 3)
    assert rubric.total_points == 10.0
    assert (rubric.pass_score, rubric.levels) == (None, [])
    assert warnings == []


def test_a_plan_mentioning_points_in_passing_has_no_rubric() -> None:
    source = (
        "某县人居环境整治实施方案\n一、工作目标\n"
        "（一）群众满意度提高到90分以上的满意度。\n"
        "（二）打造15分钟生活圈（2025年）。\n"
        "（三）考评得分排名前3位的乡镇予以通报表扬（满分100分）。\n"
        "二、考核办法\n"
        "1.考核实行百分制。\n2.得分90分以上为优秀。\n"
    )
    rubrics, warnings = read_rubrics(source)
    assert (rubrics, warnings) == ([], [])


def test_too_few_items_stating_points_gives_a_warning_naming_the_section() -> None:
    source = (
        "某县河道保洁工作方案\n一、工作目标\n全面落实河道保洁责任。\n"
        "附件\n某县河道保洁考核细则\n"
        "1.河面有漂浮物的，每处扣1分。\n2.河岸有垃圾堆放的，每处扣2分。\n"
        "3.保洁员未在岗的，每人次扣1分（5分）。\n"
    )
    rubrics, warnings = read_rubrics(source)
    assert rubrics == []
    [warning] = warnings
    assert warning.code == "scoring_text_without_rubric"
    assert "某县河道保洁考核细则" in warning.message
    assert warning.evidence is not None and "附件" in warning.evidence.quote


def test_a_section_with_a_table_rubric_gives_no_prose_rubric() -> None:
    source = (
        "附件1\n绿色社区创建标准\n"
        "序号\t内容\t标准分\t评分标准\n"
        "1\t建立工作机制\t5\t未建立的不得分\n"
        "2\t开展宣传\t5\t每少一次扣1分\n"
        "3\t建立台账\t10\t缺一项扣1分\n\n"
        "一、说明\n1.甲（5分）。\n2.乙（5分）。\n3.丙（10分）。\n"
    )
    rubrics, _ = read_rubrics(source)
    assert len(rubrics) == 1 and rubrics[0].dimensions[0].items[0].criterion == "建立工作机制"


def test_a_plan_without_bracketed_or_closed_points_is_skipped_at_once() -> None:
    assert not may_hold_prose_rubric("群众满意度90分以上，15分钟生活圈")
    assert may_hold_prose_rubric("建立台账（10分）")
    structure = build_structure(read_txt(Path("s.txt"), "附件\n考核细则\n1.甲\n".encode()))
    assert prose_rubrics(structure) == ([], [])


def test_a_txt_plan_end_to_end() -> None:
    plan = extract_from_document(read_txt(Path("kaohe.txt"), EXAMPLE.encode()))
    [rubric] = plan.rubrics
    assert sum(len(d.items) for d in rubric.dimensions) == 6
    assert rubric.total_points == 60.0
    for item in (i for d in rubric.dimensions for i in d.items):
        assert EXAMPLE.count(item.evidence.quote) == 1
    assert not [w for w in plan.warnings if w.code.startswith(("points", "scoring"))]


PROSE_ITEMS = (
    "附件\n某镇垃圾分类考核细则\n"
    "一、组织保障（20分）\n"
    "1.成立领导小组（10分）。未成立的不得分。\n"
    "2.制定实施方案（10分）。未制定的不得分。\n"
    "二、宣传发动（10分）\n"
    "3.开展入户宣传（10分）。未开展的不得分。\n"
)


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        ("三、加分项目", "获得省级以上表彰的加5分，获得市级表彰的加3分（加分最高不超过5分）。"),
        ("三、加分项（最高加5分）", "获得省级以上表彰的加5分。"),
        ("（三）奖励分", "被市级以上媒体正面报道的，每次加1分。"),
    ],
)
def test_unnumbered_awards_under_a_bonus_heading_are_its_bonus_items(
    heading: str, line: str
) -> None:
    [rubric], _ = read_rubrics(PROSE_ITEMS + f"{heading}\n{line}\n")
    bonus = rubric.dimensions[-1]
    assert [(i.number, i.criterion, i.bonus) for i in bonus.items] == [
        (None, line.rstrip("。"), True)
    ]
    assert rubric.total_points == 30.0  # a bonus stays out of the total


def test_an_unnumbered_scoring_line_under_another_heading_stays_its_rules() -> None:
    source = PROSE_ITEMS + "三、日常工作（10分）\n每迟报一次扣1分，扣完为止。\n"
    [rubric], _ = read_rubrics(source)
    last = rubric.dimensions[-1].items[-1]
    assert (last.criterion, last.points, last.bonus) == ("日常工作", 10.0, False)
    assert [(rule.deduct, rule.cap) for rule in last.rules] == [(1.0, 10.0)]
