"""Tests of extractor.fields.targets: quantitative goals per year and figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.fields.targets import (
    ASPIRATION_PATTERN,
    COUNT_PATTERN,
    FIGURE_HINT_PATTERN,
    LATER_DEADLINE_PATTERN,
    PERCENT_PATTERN,
    SCOPE_PATTERN,
    SUBJECT_PATTERN,
    YEAR_LEAD_PATTERN,
    Figure,
    clause_bounds,
    comparator_of,
    extract_targets,
    figures_in,
    fill_from_restatement,
    in_citation,
    is_objectives,
    opens_clause,
    sentence_spans,
    sets_goal,
    subject_after,
    year_leads,
)
from extractor.models import Evidence, Table, Target
from extractor.pipeline import extract_from_document
from extractor.readers.txt import read_txt
from extractor.structure import RecoveredTable, Structure
from tests.conftest import CORPUS, extracted
from tests.test_phases import Heading, outline_structure

D = dt.date


def goals_structure(*goal_lines: str, steps: list[str] | None = None) -> Structure:
    """A plan with an objectives section holding `goal_lines` and optional steps phases."""
    lines = ["一、工作目标", *goal_lines]
    headings: list[Heading] = [(0, "一", "工作目标", "objectives", 1)]
    if steps:
        headings.append((len(lines), "二", "实施步骤", "steps", 1))
        lines.append("二、实施步骤")
        for i, step in enumerate(steps):
            headings.append((len(lines), f"（{i + 1}）", step.split("。")[0], "other", 2))
            lines.append(step)
    lines.append("三、保障措施")
    headings.append((len(lines) - 1, "三", "保障措施", "measures", 1))
    lines.append("住建、民政等9个部门联合印发（建城〔2020〕68号）。")
    return outline_structure(lines, headings)


def summary(targets: list[Target]) -> list[tuple]:
    return [
        (
            t.year,
            t.percent,
            t.comparator,
            t.aspirational,
            t.scope,
            t.subject,
            t.requirement,
            t.deadline,
        )
        for t in targets
    ]


# --- patterns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "lead", "before"),
    [
        ("2021年，全县", "2021年", None, None),
        ("到2021年底，推广", "2021年底", "到", None),
        ("2021年底前将创建范围", "2021年底", None, "前"),
        ("力争到202x年，", "202x年", "到", None),
        ("截至2022年6月，", "2022年6月", "截至", None),
    ],
)
def test_year_lead_pattern(text: str, date: str, lead: str | None, before: str | None) -> None:
    found = YEAR_LEAD_PATTERN.search(text)
    assert found is not None
    assert (found.group("date"), found.group("lead"), found.group("before")) == (date, lead, before)


def test_year_leads_resolve_deadlines() -> None:
    text = "到2021年底，甲；2022年，乙；到2023年，丙；10月底前，丁；2024年6月，戊；2025年6月前，己"
    leads = year_leads(text, 0, len(text))
    assert [(x.year, x.deadline) for x in leads] == [
        (2021, D(2021, 12, 31)),
        (2022, None),
        (2023, D(2023, 12, 31)),
        (2024, None),
        (2025, D(2025, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县30%以上", (30.0, None)),
        ("全县 12.5 %的", (12.5, None)),
        ("达到10%—20%", (10.0, 20.0)),
        ("达到10—20%", (10.0, 20.0)),
        ("达到10%-20%", (10.0, 20.0)),
        ("达到10%至20%", (10.0, 20.0)),
        ("百分之六十以上", (60.0, None)),
        ("百分之十至百分之二十", (10.0, 20.0)),
    ],
)
def test_percent_pattern(text: str, expected: tuple) -> None:
    figures = figures_in(text, 0, len(text))
    assert len(figures) == 1
    assert (figures[0].percent, figures[0].percent_max) == expected


@pytest.mark.parametrize("text", ["2021年", "3年工作", "百分百满意", "第30号"])
def test_percent_pattern_no_match(text: str) -> None:
    assert PERCENT_PATTERN.search(text) is None


@pytest.mark.parametrize(
    ("text", "count", "subject"),
    [
        ("选取2个试点社区", 2, "试点社区"),
        ("首批100个绿色示范社区", 100, "绿色示范社区"),
        ("两个示范小区", 2, "示范小区"),
        ("建成10个以上居民区", 10, "居民区"),
    ],
)
def test_count_pattern(text: str, count: int, subject: str) -> None:
    (figure,) = figures_in(text, 0, len(text))
    after = comparator_of(text, figure, 0)[1]
    assert (figure.count, subject_after(text, after, len(text))[0]) == (count, subject)


@pytest.mark.parametrize(
    "text",
    ["选取西苑社区、东岳社区作为试点", "5类标准要素", "第3个", "每千人", "6个月", "5个百分点"],
)
def test_count_pattern_no_match(text: str) -> None:
    assert COUNT_PATTERN.search(text) is None


def test_tally_is_no_figure() -> None:
    assert COUNT_PATTERN.search("等9个部门") and figures_in("住建等9个部门", 0, 7) == []


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("每改造1万平方米既有建筑，年可节约标准煤", []),  # the unit of a rate
        ("每新建1个社区，配备2名社工", [2]),
        ("每年新增100个托位", [100]),  # a yearly goal: 年 between 每 and the verb
    ],
)
def test_the_unit_of_a_rate_is_no_figure(text: str, counts: list[int]) -> None:
    assert [f.count for f in figures_in(text, 0, len(text))] == counts


def test_scope_subject_aspiration_patterns() -> None:
    assert SCOPE_PATTERN.findall("力争本辖区85%") == ["本辖区"]
    assert SCOPE_PATTERN.findall("全街道25%") == ["全街道"]
    assert SCOPE_PATTERN.findall("全省40%") == ["全省"]
    assert SCOPE_PATTERN.findall("推广示范成果") == []
    assert SUBJECT_PATTERN.match("的城市社区参与").group("subject") == "城市社区"
    assert SUBJECT_PATTERN.match("社区创建达标").group("subject") == "社区"
    assert SUBJECT_PATTERN.match("比例的社区可").group("subject") == "社区"
    assert SUBJECT_PATTERN.match("的居民小区").group("subject") == "居民小区"
    assert SUBJECT_PATTERN.match("的工作目标") is None
    assert ASPIRATION_PATTERN.search("力争全省60%")
    assert ASPIRATION_PATTERN.search("争取60%")
    assert not ASPIRATION_PATTERN.search("全省60%")


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("全县30%以上的", ">="),
        ("全县30%及以上的", ">="),
        ("覆盖面不低于30%", ">="),
        ("至少30%", ">="),
        ("超过30%", ">="),
        ("不超过30%", "<="),
        ("30%以下", "<="),
        ("30%以内", "<="),
        ("高于30%", ">"),
        ("低于30%", "<"),
        ("辖区30%社区", "="),
        ("达到30%", "="),
        ("10%—30%的", None),
    ],
)
def test_comparator_of(text: str, comparator: str | None) -> None:
    (figure,) = figures_in(text, 0, len(text))
    assert comparator_of(text, figure, 0)[0] == comparator


def test_comparator_of_counts() -> None:
    text = "建成10个以上社区"
    (figure,) = figures_in(text, 0, len(text))
    assert isinstance(figure, Figure)
    assert comparator_of(text, figure, 0)[0] == ">="
    text = "不少于2个试点社区"
    (figure,) = figures_in(text, 0, len(text))
    assert comparator_of(text, figure, 0)[0] == ">="


def test_figure_hint_pattern() -> None:
    assert FIGURE_HINT_PATTERN.search("全县30%以上")
    assert FIGURE_HINT_PATTERN.search("百分之六十")
    assert FIGURE_HINT_PATTERN.search("2个试点社区")
    assert not FIGURE_HINT_PATTERN.search("全面动员部署。")


def test_is_objectives_by_kind_or_title() -> None:
    structure = goals_structure("到2021年底，完成。")
    objectives, measures = structure.sections
    assert is_objectives(objectives)
    assert not is_objectives(measures)
    renamed = measures.model_copy(update={"title": "主要目标", "kind": "other"})
    assert is_objectives(renamed)


def test_sentence_and_clause_spans() -> None:
    text = "甲，乙；丙。丁"
    assert sentence_spans(text, 0, len(text)) == [(0, 6), (6, 7)]
    assert clause_bounds(text, 0, 6, 2) == (2, 3)
    assert clause_bounds(text, 0, 6, 4) == (4, 5)


# --- extraction on snippets -----------------------------------------------------------------


def test_targets_per_year_with_comparators_and_scope() -> None:
    structure = goals_structure(
        "2021年，全县30%以上的城市社区参与创建并达到创建要求；"
        "2022年，力争全县60%以上的城市社区参与创建并达到创建要求，基本实现目标。"
    )
    targets = extract_targets(structure).records
    assert summary(targets) == [
        (2021, 30.0, ">=", False, "全县", "城市社区", "参与创建并达到创建要求", None),
        (2022, 60.0, ">=", True, "全县", "城市社区", "参与创建并达到创建要求", None),
    ]
    assert targets[0].evidence.quote == "2021年，全县30%以上的城市社区参与创建并达到创建要求"


def test_target_deadline_bare_figure_and_chinese_numerals() -> None:
    structure = goals_structure(
        "到2021年底，辖区50%社区创建达标。到2022年底，全镇不低于百分之六十的居民小区创建达标。"
    )
    assert summary(extract_targets(structure).records) == [
        (2021, 50.0, "=", False, "辖区", "社区", "创建达标", D(2021, 12, 31)),
        (2022, 60.0, ">=", False, "全镇", "居民小区", "创建达标", D(2022, 12, 31)),
    ]


def test_target_range_and_count() -> None:
    structure = goals_structure(
        "2021年，全区10%—20%的社区创建达标，首批100个绿色示范社区完成创建。"
    )
    targets = extract_targets(structure).records
    assert [
        (t.year, t.percent, t.percent_max, t.count, t.comparator, t.subject) for t in targets
    ] == [
        (2021, 10.0, 20.0, None, None, "社区"),
        (2021, None, None, 100, "=", "绿色示范社区"),
    ]


def test_unknown_year_warns() -> None:
    structure = goals_structure("到202x年底，全县50%以上城市社区创建达标。")
    extracted = extract_targets(structure)
    targets = extracted.records
    assert [(t.year, t.percent, t.deadline) for t in targets] == [(None, 50.0, None)]
    assert [w.code for w in extracted.warnings] == ["target_year_unknown"]


def test_year_without_figure_warns() -> None:
    structure = goals_structure("2020年，全面启动创建行动；2021年，全省40%以上的城市社区达到要求。")
    extracted = extract_targets(structure)
    targets = extracted.records
    assert [(t.year, t.percent) for t in targets] == [(2021, 40.0)]
    assert [(w.code, w.evidence.quote) for w in extracted.warnings] == [
        ("target_without_figure", "2020年，全面启动创建行动")
    ]


def test_no_figure_no_target() -> None:
    structure = goals_structure("选取西苑社区、东岳国际社区作为试点示范。")
    extracted = extract_targets(structure)
    assert extracted.records == []
    assert extracted.warnings == []


def test_tally_and_citation_outside_goals_are_not_targets() -> None:
    structure = goals_structure("全面提升社区环境。")
    assert extract_targets(structure).records == []  # 等9个部门, 〔2020〕68号 sit in measures


def test_steps_restatement_merges_and_steps_only_figure_stays() -> None:
    structure = goals_structure(
        "到2021年底，辖区50%以上社区创建达标。",
        steps=[
            "推广示范阶段（2021年4月至12月）。到2021年底，力争本辖区50%以上的社区创建达标。",
            "巩固提升阶段（2022年1月至12月）。力争本辖区85%的社区创建达标。",
        ],
    )
    targets = extract_targets(structure).records
    assert summary(targets) == [
        (2021, 50.0, ">=", False, "辖区", "社区", "创建达标", D(2021, 12, 31)),
        (2022, 85.0, "=", True, "本辖区", "社区", "创建达标", None),
    ]
    assert targets[0].evidence.quote == "到2021年底，辖区50%以上社区创建达标"


def test_steps_restatement_without_year_merges_by_figure() -> None:
    structure = goals_structure(
        "到2022年，全镇65%以上城市社区创建达标。",
        steps=["巩固提升阶段。力争全镇65%以上的城市社区创建达标。"],
    )
    assert [(t.year, t.percent) for t in extract_targets(structure).records] == [(2022, 65.0)]


def test_steps_restatement_of_same_year_fills_unknown_fields_only() -> None:
    structure = goals_structure(
        "2021年，全县30%以上的城市社区参与创建并达到创建要求；2022年，全县60%以上的城市社区参与创建。",
        steps=[
            "全面推广阶段（2021年7月至2022年11月）。2021年底前将创建范围扩大到30%的社区，"
            "2022年扩大到60%的社区。",
        ],
    )
    targets = extract_targets(structure).records
    assert summary(targets) == [
        # the deadline comes from the restatement; comparator, scope and subject stay
        (2021, 30.0, ">=", False, "全县", "城市社区", "参与创建并达到创建要求", D(2021, 12, 31)),
        # 2022年 without 到/前 gives the restatement no deadline: nothing to fill
        (2022, 60.0, ">=", False, "全县", "城市社区", "参与创建", None),
    ]
    assert targets[0].evidence.quote == "2021年，全县30%以上的城市社区参与创建并达到创建要求"


@pytest.mark.parametrize(
    ("clause", "date"),
    [
        ("并于10月底前达到创建要求", "10月底"),
        ("于2022年6月30日前全部完成创建", "2022年6月30日"),
        ("11月底前实现创建目标", "11月底"),
        ("并在2022年十月底之前达到创建要求", "2022年十月底"),
    ],
)
def test_later_deadline_pattern(clause: str, date: str) -> None:
    found = LATER_DEADLINE_PATTERN.match(clause)
    assert found and found.group("date") == date


def test_later_deadline_pattern_no_match() -> None:
    assert LATER_DEADLINE_PATTERN.match("2022年2月20日前将清单报送至领导小组") is None
    assert LATER_DEADLINE_PATTERN.match("达到创建要求") is None  # no date
    assert LATER_DEADLINE_PATTERN.match("10月底达到创建要求") is None  # no 前


PHASE_2022 = "推广示范阶段（2022年2月1日至2022年10月31日）。"


@pytest.mark.parametrize(
    ("tail", "deadline"),
    [
        ("，2022年2月20日前将清单报送至领导小组，并于10月底前达到创建要求。", D(2022, 10, 31)),
        ("，并于2022年9月30日前达到创建要求。", D(2022, 9, 30)),
        ("，2022年2月20日前将清单报送至领导小组。", None),  # no clause of reaching
        ("，并于2023年6月底前达到创建要求。", None),  # another year
        ("。10月底前达到创建要求。", None),  # another sentence
        ("，30%以上的小区年内改造，并于10月底前完成改造。", None),  # a later figure's clause
    ],
)
def test_steps_restatement_deadline_from_a_later_clause(tail: str, deadline: D | None) -> None:
    structure = goals_structure(
        "2022年，全街道60%以上的社区参与创建行动并达到创建要求。",
        steps=[f"{PHASE_2022}街道将按照本辖区60%以上的社区开展创建行动的工作目标{tail}"],
    )
    targets = extract_targets(structure).records
    assert (targets[0].year, targets[0].percent, targets[0].deadline) == (2022, 60.0, deadline)


def test_steps_later_clause_does_not_replace_a_known_deadline() -> None:
    structure = goals_structure(
        "到2022年底，全街道60%以上的社区达到创建要求。",
        steps=[f"{PHASE_2022}本辖区60%以上的社区开展创建，并于10月底前达到创建要求。"],
    )
    assert extract_targets(structure).records[0].deadline == D(2022, 12, 31)


def test_restatement_of_another_year_or_without_year_fills_nothing() -> None:
    goal = Target(year=2021, percent=30.0, evidence=Evidence(start=0, end=1, quote="x"))
    other_year = goal.model_copy(update={"year": 2022, "deadline": D(2022, 12, 31)})
    no_year = goal.model_copy(update={"year": None, "deadline": D(2022, 1, 31), "scope": "全县"})
    same_year = goal.model_copy(update={"deadline": D(2021, 12, 31), "scope": "全县"})
    assert fill_from_restatement(goal, other_year) == goal
    assert fill_from_restatement(goal, no_year) == goal
    filled = fill_from_restatement(goal, same_year)
    assert (filled.deadline, filled.scope) == (D(2021, 12, 31), "全县")
    kept = fill_from_restatement(goal.model_copy(update={"scope": "全省"}), same_year)
    assert kept.scope == "全省"


# --- goals set anywhere in the plan --------------------------------------------------------


def measures_structure(*lines: str, issued: str | None = None) -> Structure:
    """A plan of plain paragraphs under a measures heading, signed on `issued` (a date line)."""
    body = [*lines, *([issued] if issued else [])]
    return outline_structure(["一、重点任务", *body], [(0, "一", "重点任务", "measures", 1)])


def anywhere(*lines: str, issued: str | None = None) -> list[tuple]:
    targets = extract_targets(measures_structure(*lines, issued=issued)).records
    return [
        (t.year, t.percent, t.percent_max, t.count, t.comparator, t.scope, t.subject)
        for t in targets
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # year-led, counts with measure words, one year for several figures
        (
            "到2022年，建设50所高水平学校和150个骨干专业。",
            [
                (2022, None, None, 50, "=", None, "高水平学校"),
                (2022, None, None, 150, "=", None, "骨干专业"),
            ],
        ),
        ("到2022年，培育100家示范企业。", [(2022, None, None, 100, "=", None, "示范企业")]),
        (
            "到2025年，全省培训10万名农村电商人才。",
            [(2025, None, None, 100000, "=", "全省", "农村电商人才")],
        ),
        ("到2025年，全县培训1.5万人。", [(2025, None, None, 15000, "=", "全县", None)]),
        ("到2021年，建成绿道200公里。", [(2021, None, None, 200, "=", None, "绿道")]),
        (
            "到2023年，改造5000亩农田、3座水库。",
            [(2023, None, None, 5000, "=", None, "农田"), (2023, None, None, 3, "=", None, "水库")],
        ),
        # shares: half and full width (normalised before), ranges with every separator
        (
            "到2020年，秸秆综合利用率达到85%以上。",
            [(2020, 85.0, None, None, ">=", None, "秸秆综合利用率")],
        ),
        (
            "到2020年,秸秆综合利用率达到85%以上;",
            [(2020, 85.0, None, None, ">=", None, "秸秆综合利用率")],
        ),
        ("到2020年，覆盖率达到60%—70%。", [(2020, 60.0, 70.0, None, None, None, "覆盖率")]),
        ("到2020年，覆盖率达到60%-70%。", [(2020, 60.0, 70.0, None, None, None, "覆盖率")]),
        ("到2020年，覆盖率达到60%~70%。", [(2020, 60.0, 70.0, None, None, None, "覆盖率")]),
        ("到2020年，覆盖率达到60%至70%。", [(2020, 60.0, 70.0, None, None, None, "覆盖率")]),
        # comparators
        ("到2020年，各地至少建设一所示范学校。", [(2020, None, None, 1, ">=", "各地", "示范学校")]),
        ("到2020年，全省形成30所左右特色高中。", [(2020, None, None, 30, "~", "全省", "特色高中")]),
        ("到2020年，全省约建成100个站点。", [(2020, None, None, 100, "~", "全省", "站点")]),
        ("到2020年，全省建成100余家企业。", [(2020, None, None, 100, ">", "全省", "企业")]),
        (
            "到2020年，各设区市建成1-2个示范机构。",
            [(2020, None, None, 1, ">=", "各设区市", "示范机构")],
        ),
        ("到2020年，大班额比例控制在5%以内。", [(2020, 5.0, None, None, "<=", None, "大班额")]),
        ("到2020年，空置率不超过10%。", [(2020, 10.0, None, None, "<=", None, "空置率")]),
        # no year: year null
        ("农村电商覆盖率提高到80%以上。", [(None, 80.0, None, None, ">=", None, "农村电商覆盖率")]),
        ("农村电商覆盖率提高到80%。", [(None, 80.0, None, None, ">=", None, "农村电商覆盖率")]),
        ("绿色建筑占比不低于30%。", [(None, 30.0, None, None, ">=", None, "绿色建筑")]),
        ("建设100个省级工作室，发挥示范作用。", [(None, None, None, 100, "=", None, "省级工作室")]),
        ("在全国范围内选择10个左右城市开展试点。", [(None, None, None, 10, "~", "全国", "城市")]),
        # the year from a start and a span
        ("2012年起5年内，全县建成20个示范村。", [(2016, None, None, 20, "=", "全县", "示范村")]),
        # a start is no target year (建成 still sets the figure as a goal)
        ("从2019年起，全县建成20个示范村。", [(None, None, None, 20, "=", "全县", "示范村")]),
    ],
)
def test_targets_anywhere(line: str, expected: list[tuple]) -> None:
    assert anywhere(line) == expected


def test_paragraph_lead_lends_its_year_to_later_sentences() -> None:
    assert anywhere("具体指标：到2022年，学校基本达标。推动建设300个实训基地。") == [
        (2022, None, None, 300, "=", None, "实训基地")
    ]
    # after a run-in heading
    assert anywhere("（三）目标任务。到2025年，体系基本健全。各县建成不少于1个服务机构。") == [
        (2025, None, None, 1, ">=", "各县", "服务机构")
    ]
    # a lead in mid-paragraph lends nothing to the sentences after it
    assert anywhere("加强管理，完善制度。到2025年，体系基本健全。推动建设300个实训基地。") == [
        (None, None, None, 300, "=", None, "实训基地")
    ]


def test_plan_span_counts_from_the_issue_year_and_warns() -> None:
    structure = measures_structure("用3年时间，全省建成50个示范区。", issued="2019年1月24日")
    extracted = extract_targets(structure)
    targets = extracted.records
    assert [(t.year, t.count, t.deadline) for t in targets] == [(2021, 50, D(2021, 12, 31))]
    assert [w.code for w in extracted.warnings] == ["target_year_inferred"]
    # without an issue date the span gives no year
    assert anywhere("用3年时间，全省建成50个示范区。") == [
        (None, None, None, 50, "=", "全省", "示范区")
    ]


def test_count_range_warns() -> None:
    structure = measures_structure("到2020年，各市建成1～2个示范机构。")
    extracted = extract_targets(structure)
    assert [(t.count, t.comparator) for t in extracted.records] == [(1, ">=")]
    assert [w.code for w in extracted.warnings] == ["target_count_range"]


@pytest.mark.parametrize(
    "line",
    [
        "根据《关于建设10个示范区的通知》（2019年版）精神。",  # in a title
        "落实《方案》（国发〔2019〕4号）第3个要求。",  # doc number, ordinal
        "住建、民政等9个部门联合印发方案。",  # a tally
        "按1:1配套，咨询电话0791-86123456，详见附件1。",  # ratio, phone, annex
        "顶岗实习时间一般为6个月。",  # a duration
        "消除66人以上超大班额。",  # a qualifier, not a bound
        "支持其辖区内1家示范区扩区。",  # a count with no verb of building before it
        "其中30%用于奖励。",  # a bare share outside goals
        "按照第二批名单推进，已投入资金3000万元。",  # batch, money
        "覆盖率90%以上（低于80%得3分）。",  # a scoring line
        "严把两个关口，建立一个机制。",  # Chinese 一/两 without a floor
    ],
)
def test_figures_that_are_not_targets(line: str) -> None:
    assert anywhere(line) == []


def test_relative_change_is_no_target_and_warns_in_a_goal() -> None:
    structure = measures_structure("到2025年，单位能耗比2020年下降13.5%。")
    extracted = extract_targets(structure)
    assert extracted.records == []
    assert [w.code for w in extracted.warnings] == ["target_relative_figure"]
    extracted = extract_targets(measures_structure("全年消费比上年增长5%。"))
    assert extracted.records == [] and extracted.warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "到2025年，地区生产总值比2020年翻一番。",
        "到2025年，地区生产总值较2020年翻两番。",
        "到二〇二五年，居民收入比二〇二〇年增长1倍。",
    ],
)
def test_a_multiple_of_a_base_is_a_relative_figure(line: str) -> None:
    extracted = extract_targets(goals_structure(line))
    assert extracted.records == []
    assert [w.code for w in extracted.warnings] == ["target_relative_figure"]
    assert extracted.warnings[0].evidence is not None
    assert extracted.warnings[0].evidence.quote == line.rstrip("。")


@pytest.mark.parametrize(
    "line",
    [
        "到2025年，单位能耗比2020年下降13.5%。",
        "到2025年，单位能耗较2020年下降13.5%。",
        "到2025年，居民收入与2020年相比增长50%以上。",
    ],
)
def test_a_year_compared_with_dates_nothing(line: str) -> None:
    extracted = extract_targets(goals_structure(line))
    assert extracted.records == []
    assert [w.code for w in extracted.warnings] == ["target_relative_figure"]  # no second lead


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("到2025年，每千人口拥有婴幼儿托位数达到4.5个。", 4.5),
        ("到2025年，每千人口执业（助理）医师数达到3.2人。", 3.2),
        ("到2025年，每万人口全科医生数达到3.5名以上。", 3.5),
        ("到2025年，每千人口托位数达到4.5—5个。", 4.5),
    ],
)
def test_a_count_with_a_fraction_is_no_target_and_warns(line: str, value: float) -> None:
    for structure in (goals_structure(line), measures_structure(line)):
        extracted = extract_targets(structure)
        assert extracted.records == []
        assert [w.code for w in extracted.warnings] == ["target_count_fraction"]
        assert f"{value:g}" in extracted.warnings[0].message


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("到2025年，新增停车泊位1.5万个。", 15000),  # a whole number once multiplied
        ("到2025年，新增城镇就业1.25万人。", 12500),
        ("到2025年，每千人口托位数达到4个。", 4),
    ],
)
def test_a_multiplied_fraction_is_a_count(line: str, count: int) -> None:
    extracted = extract_targets(goals_structure(line))
    assert [t.count for t in extracted.records] == [count]
    assert extracted.warnings == []


def quantities(*lines: str) -> list[tuple]:
    targets = extract_targets(goals_structure(*lines)).records
    return [(t.count, t.comparator, t.subject) for t in targets]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("到2025年，新增绿化面积100万平方米。", [(1000000, "=", "绿化面积")]),
        ("到2025年，人均公园绿地面积达到15平方米以上。", [(15, ">=", "人均公园绿地面积")]),
        (
            "到2025年，PM2.5平均浓度控制在35微克/立方米以内。",
            [(35, "<=", "PM2.5平均浓度")],
        ),
        (
            "到2025年，播种面积稳定在100万亩以上，粮食产量稳定在5亿斤以上。",
            [(1000000, ">=", "播种面积"), (500000000, ">=", "粮食产量")],
        ),
        ("到2025年，新增造林面积二万公顷。", [(20000, "=", "造林面积")]),
        ("到2025年，固体废物利用量达到5000吨左右。", [(5000, "~", "固体废物利用量")]),
    ],
)
def test_quantities_in_units_are_counts_in_that_unit(line: str, expected: list[tuple]) -> None:
    assert quantities(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a bounded quantity before 的 qualifies the noun: not a goal
        ("到2025年，建筑面积2万平方米以上的公共建筑达到绿色标准。", []),
        ("到2025年，从业人员500人以上的企业覆盖率达到90%。", [(None, "=", "企业覆盖率")]),
        # a bare comparator before it qualifies too: a size class
        ("到2025年，新建住房以不超过70平方米的小户型为主。", []),
        ("到2025年，服务人口不少于1万人的社区配备1名社工。", [(1, "=", "社工")]),
        # with a verb of building it is one
        ("到2025年，建成100个以上的示范点。", [(100, ">=", "示范点")]),
        ("到2025年，建设不少于10个的示范点。", [(10, ">=", "示范点")]),
    ],
)
def test_a_bounded_count_qualifying_a_noun_is_no_goal(line: str, expected: list[tuple]) -> None:
    assert quantities(line) == expected


def scoped(*lines: str) -> list[tuple]:
    targets = extract_targets(goals_structure(*lines)).records
    return [(t.year, t.percent, t.count, t.scope, t.subject) for t in targets]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a later year of a series leaves the subject out: the previous share's
        (
            "到2025年，农村卫生厕所普及率达到90%以上。其中，2023年达到80%，2024年达到85%。",
            [
                (2025, 90.0, None, None, "农村卫生厕所普及率"),
                (2023, 80.0, None, None, "农村卫生厕所普及率"),
                (2024, 85.0, None, None, "农村卫生厕所普及率"),
            ],
        ),
        (
            "2023年，全市改造老旧小区50个；2024年，改造60个。",
            [(2023, None, 50, "全市", "老旧小区"), (2024, None, 60, None, "老旧小区")],
        ),
        (
            "2023年，完成老旧小区改造五十个；2024年，完成六十个。",
            [(2023, None, 50, None, "老旧小区"), (2024, None, 60, None, "老旧小区")],
        ),
        # an area where the subject would be is the scope, the subject borrowed
        (
            "到2025年，全省城市生活垃圾分类覆盖率达到100%，县城达到80%以上。",
            [
                (2025, 100.0, None, "全省", "城市生活垃圾分类覆盖率"),
                (2025, 80.0, None, "县城", "生活垃圾分类覆盖率"),
            ],
        ),
        (
            "到二〇二五年，城镇污水处理率达到百分之九十五（县城达到百分之九十）。",
            [(2025, 95.0, None, None, "城镇污水处理率"), (2025, 90.0, None, "县城", "污水处理率")],
        ),
        (
            "到2025年，城市达到90%以上，县城达到70%以上。",
            [(2025, 90.0, None, "城市", None), (2025, 70.0, None, "县城", None)],
        ),
        # a subject of its own is kept, and 建成区 is no verb
        (
            "到2025年，污水处理率达到95%，建成区绿地率达到38%。",
            [(2025, 95.0, None, None, "污水处理率"), (2025, 38.0, None, None, "建成区绿地率")],
        ),
        (
            "到2025年，全县建成区人均公园绿地面积达到15平方米以上。",
            [(2025, None, 15, "全县", "建成区人均公园绿地面积")],
        ),
    ],
)
def test_a_subject_left_out_is_the_previous_figures(line: str, expected: list[tuple]) -> None:
    assert scoped(line) == expected


@pytest.mark.parametrize(
    "later",
    [
        "到2025年底，这一比例达到60%。",
        "到2025年底，该比例提高到60%。",
        "2025年，上述比例达到60%。",
        "力争到2025年底，这个比例达到百分之六十。",
    ],
)
def test_a_share_pointing_back_restates_the_earlier_one(later: str) -> None:
    line = "到2023年底，全区30%以上的城市社区达到创建标准；" + later
    targets = extract_targets(goals_structure(line)).records
    assert [(t.year, t.percent, t.scope, t.subject, t.requirement) for t in targets] == [
        (2023, 30.0, "全区", "城市社区", "达到创建标准"),
        (2025, 60.0, "全区", "城市社区", "达到创建标准"),
    ]


def test_a_share_pointing_back_with_nothing_before_is_warned() -> None:
    extracted = extract_targets(goals_structure("到2025年底，这一比例达到60%。"))
    assert [(t.percent, t.subject) for t in extracted.records] == [(60.0, None)]
    assert [w.code for w in extracted.warnings] == ["target_anaphoric_share"]


def test_a_share_of_a_named_area_does_not_point_back() -> None:
    line = "到2023年底，全区30%以上的城市社区达到创建标准；到2025年底，该市老旧小区比例达到60%。"
    subjects = [t.subject for t in extract_targets(goals_structure(line)).records]
    assert subjects == ["城市社区", "该市老旧小区"]


@pytest.mark.parametrize("lead", ["确保到2024年底，", "计划到2024年底，", "到2024年底，"])
def test_a_lead_after_a_word_of_intent_dates_a_measure(lead: str) -> None:
    line = f"{lead}城市生活垃圾回收利用率达到35%以上。"
    assert [(t.year, t.percent) for t in extract_targets(measures_structure(line)).records] == [
        (2024, 35.0)
    ]


def test_past_years_give_no_targets() -> None:
    lines = ("2016年，全省建成24所示范学校。", "到2020年，全省建成50所示范学校。")
    assert anywhere(*lines, issued="2019年1月24日") == [
        (2020, None, None, 50, "=", "全省", "示范学校")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "目前，全县特困人员集中供养率达到60%。",
        "截至目前，全市建成示范学校50所以上。",
        "全区已建成省级工业园区2个，入驻企业超过500家。",
        "全省已经建成100个以上示范社区。",
        "现有养老床位不少于3000张。",
    ],
)
def test_the_state_of_things_is_no_target(line: str) -> None:
    assert anywhere(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "确保已建成的设施运行率达到90%以上。",
            [(None, 90.0, None, None, ">=", None, "设施运行率")],
        ),
        (
            "将目标任务分解落实，建设100个示范社区。",
            [(None, None, None, 100, "=", None, "示范社区")],
        ),
    ],
)
def test_a_goal_is_no_state_of_things(line: str, expected: list[tuple]) -> None:
    assert anywhere(line) == expected


def test_restatement_elsewhere_is_kept_once() -> None:
    structure = goals_structure(
        "到2022年，全省建成100个示范社区。",
    )
    assert [(t.year, t.count) for t in extract_targets(structure).records] == [(2022, 100)]
    structure = outline_structure(
        [
            "一、工作目标",
            "到2022年，全省建成100个示范社区。",
            "二、重点任务",
            "全省建成100个示范社区。",
        ],
        [(0, "一", "工作目标", "objectives", 1), (2, "二", "重点任务", "measures", 1)],
    )
    assert [(t.year, t.count) for t in extract_targets(structure).records] == [(2022, 100)]


def test_rubric_criterion_in_the_text_is_no_target() -> None:
    structure = measures_structure("推动物业管理提质扩面，物业管理覆盖面不低于30%。")
    assert len(extract_targets(structure).records) == 1
    table = Table(
        kind="rubric",
        header=["内容", "分值"],
        rows=[["物业管理覆盖面不低于30%", "6"]],
        evidence=Evidence(start=0, end=1, quote="一"),
    )
    structure.tables.append(RecoveredTable(table=table, block=None, grid=(), header_rows=1))  # type: ignore[arg-type]
    assert extract_targets(structure).records == []


def test_goal_helpers() -> None:
    text = "具体指标：到2022年，按照2020年的目标"
    assert opens_clause(text, 0, text.index("到"))
    assert not opens_clause(text, 0, text.index("2020"))
    text = "（国发〔2019〕4号）建设10个"
    assert in_citation(text, 0, 5) and not in_citation(text, 0, text.index("10"))
    text = "建设10个站点，66人以上大班"
    first, second = figures_in(text, 0, len(text))
    assert sets_goal(text, first, 0, None)
    assert not sets_goal(text, second, text.index("66"), None)


def test_year_leads_kinds() -> None:
    text = "到2022年，甲；2020年初步建成，乙；从2019年起，丙；2012年起5年内，丁"
    leads = year_leads(text, 0, len(text))
    assert [(x.kind, x.year) for x in leads] == [
        ("by", 2022),
        ("year", 2020),  # 初步 is not 年初
        ("start", None),
        ("by", 2016),
    ]


# --- corpus: every target checked by hand against the source text ---------------------------


def corpus_targets(name: str) -> list[tuple]:
    return summary(extracted(CORPUS / f"{name}.txt").targets)


def test_corpus_hangtai_targets() -> None:
    assert corpus_targets("hangtai") == [
        # 2021年底前将创建范围扩大到30%的社区 (steps) fills the 2021 deadline
        (2021, 30.0, ">=", False, "全县", "城市社区", "参与创建并达到创建要求", D(2021, 12, 31)),
        (2022, 60.0, ">=", False, "全县", "城市社区", "参与创建并达到创建要求", None),
    ]


def test_corpus_wusong_targets() -> None:
    assert corpus_targets("wusong") == [
        (2021, 50.0, ">=", False, "辖区", "社区", "创建达标", D(2021, 12, 31)),
        (2022, 85.0, "=", False, "辖区", "社区", "创建达标", D(2022, 12, 31)),
    ]


def test_corpus_zhaoxiang_targets() -> None:
    assert corpus_targets("zhaoxiang") == [
        (2021, 45.0, ">=", False, "全镇", "城市社区", "创建达标", D(2021, 12, 31)),
        (2022, 65.0, ">=", False, "全镇", "城市社区", "创建达标", D(2022, 12, 31)),
    ]


def test_corpus_qingyang_targets() -> None:
    assert corpus_targets("qingyang") == [
        (2021, 25.0, ">=", False, "全街道", "社区", "试点参与创建行动并达到创建要求", None),
        # 并于10月底前达到创建要求, later in the steps restatement (phase year 2022)
        (2022, 60.0, ">=", True, "全街道", "社区", "参与创建行动并达到创建要求", D(2022, 10, 31)),
    ]


def test_corpus_zhejiang_targets_and_warning() -> None:
    plan = extracted(CORPUS / "zhejiang.txt")
    assert summary(plan.targets) == [
        (2021, 40.0, ">=", False, "全省", "城市社区", "参与建设行动并达到要求", None),
        (2022, 60.0, ">=", True, "全省", "城市社区", "参与建设行动并达到要求", None),
    ]
    warnings = [(w.code, w.evidence.quote) for w in plan.warnings if w.code.startswith("target_")]
    assert warnings == [("target_without_figure", "2020年，全面启动绿色社区建设行动")]


# --- a count's requirement is its verb; its subject keeps its modifiers -----------------------


def counted(*lines: str) -> list[tuple]:
    targets = extract_targets(measures_structure(*lines)).records
    return [(t.count, t.scope, t.subject, t.requirement) for t in targets]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("到2022年，建设50所示范学校。", [(50, None, "示范学校", "建设")]),
        ("到2022年，推动建设300个实训基地。", [(300, None, "实训基地", "推动建设")]),
        ("二〇二〇年初步建成300个职教集团。", [(300, None, "职教集团", "初步建成")]),
        ("到2022年，各县至少建设一所示范学校。", [(1, "各县", "示范学校", "建设")]),
        ("到2025年，所有县均建成不少于1个服务机构。", [(1, "所有县", "服务机构", "建成")]),
        ("到2021年，重点引进2-3个知名品牌。", [(2, None, "知名品牌", "重点引进")]),
        # a count coordinated with the one before shares its verb
        (
            "到2022年，建设50所示范学校和150个骨干专业。",
            [(50, None, "示范学校", "建设"), (150, None, "骨干专业", "建设")],
        ),
        (
            "到2022年，培育20家龙头企业、100个合作社。",
            [(20, None, "龙头企业", "培育"), (100, None, "合作社", "培育")],
        ),
        # a count closing its clause: the verb opens the words before it
        ("到2021年全省引进知名品牌30个。", [(30, "全省", "知名品牌", "引进")]),
        # the verb wins over a predicate after the subject
        ("到2021年，重点扶持3个本土品牌发展。", [(3, None, "本土品牌", "重点扶持")]),
        # no verb of building before the count: the predicate after it
        (
            "到2021年，按照每千人口不少于10个托位规划托育设施。",
            [(10, None, "每千人口托位", "规划托育设施")],
        ),
    ],
)
def test_count_requirement_is_its_governing_verb(line: str, expected: list[tuple]) -> None:
    assert counted(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # counts written after what they count, coordinated: each its own subject, one verb
        (
            "到2025年，建成省级示范幼儿园10所、公办幼儿园30所。",
            [(10, None, "省级示范幼儿园", "建成"), (30, None, "公办幼儿园", "建成")],
        ),
        (
            "到2025年,创建国家级示范区1个和省级示范区3—5个;",
            [(1, None, "国家级示范区", "创建"), (3, None, "省级示范区", "创建")],
        ),
        (
            "二〇二五年，全市培育龙头企业二十家以上、合作社一百个左右。",
            [(20, "全市", "龙头企业", "培育"), (100, "全市", "合作社", "培育")],
        ),
        # a parenthetical after the count is its own clause
        (
            "到2025年，全县改造城镇老旧小区120个（涉及居民1.5万户）。",
            [(120, "全县", "城镇老旧小区", "改造"), (15000, None, "涉及居民", None)],
        ),
        # two verbs in a row are one requirement; adverbs opening the clause are neither
        (
            "到2025年，全市新建改扩建中小学校20所。",
            [(20, "全市", "中小学校", "新建改扩建")],
        ),
        ("到2025年，新建、改建农村公路300公里。", [(300, None, "农村公路", "新建、改建")]),
        ("到2025年，累计建成高标准农田50万亩以上。", [(500000, None, "高标准农田", "累计建成")]),
        (
            "到2025年，力争培育专精特新“小巨人”企业10家以上。",
            [(10, None, "专精特新“小巨人”企业", "培育")],
        ),
        # the pre-posed order is unchanged: a noun right after the count is what it counts
        (
            "到2022年，建设50所示范学校、150个骨干专业。",
            [(50, None, "示范学校", "建设"), (150, None, "骨干专业", "建设")],
        ),
    ],
)
def test_count_written_after_what_it_counts(line: str, expected: list[tuple]) -> None:
    assert counted(line) == expected


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("到2022年，推动建设300个具有引领作用的实训基地。", "具有引领作用的实训基地"),
        ("到2020年，各市建成2个功能健全、设施完善的服务机构。", "功能健全、设施完善的服务机构"),
        ("到2022年，至少建设一所符合发展需要的中等学校。", "符合发展需要的中等学校"),
        # the predicate after the last 的 is cut, an adverb opening it included
        ("到2022年，在10个左右人才紧缺的领域大力开展培训。", "人才紧缺的领域"),
        ("到2022年，建设10个托位规划、建设托育设施。", "托位"),
        # a verb before 示范/试点 names the kind of pilot, no predicate
        ("到2025年，各省至少建成3个无障碍环境建设示范城市。", "无障碍环境建设示范城市"),
        ("到2024年，选择2个完整社区建设试点。", "完整社区建设试点"),
        ("到2024年，培育5个城市更新改造示范项目。", "城市更新改造示范项目"),
        # 开展试点 is the predicate still
        ("到2024年，选择10个城市开展试点。", "城市"),
        # the scope and the verb before 的 out, no 的 opens the subject
        ("2025年底前完成全县的老旧小区改造120个。", "老旧小区"),
        ("到2024年，要新建口袋公园20个。", "口袋公园"),  # a modal before the verb
    ],
)
def test_count_subject_keeps_its_modifiers(line: str, subject: str) -> None:
    [target] = extract_targets(measures_structure(line)).records
    assert target.subject == subject


def goals_counted(*lines: str) -> list[tuple]:
    targets = extract_targets(goals_structure(*lines)).records
    return [(t.count, t.percent, t.subject, t.requirement) for t in targets]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # an item's number is no part of what it counts, in every numbering and width
        ("3. 累计创建美丽宜居村庄50个。", [(50, None, "美丽宜居村庄", "累计创建")]),
        ("4．累计创建美丽乡村示范点20个。", [(20, None, "美丽乡村示范点", "累计创建")]),
        ("（二）新增停车位5000个。", [(5000, None, "停车位", "新增")]),
        ("(2)新增停车位5000个。", [(5000, None, "停车位", "新增")]),
        ("②新建污水处理站30座。", [(30, None, "污水处理站", "新建")]),
        ("第三条　新建污水处理站30座。", [(30, None, "污水处理站", "新建")]),
        # no number: the words are unchanged
        ("累计建成污水处理站30座。", [(30, None, "污水处理站", "累计建成")]),
    ],
)
def test_an_items_number_is_no_part_of_its_target(line: str, expected: list[tuple]) -> None:
    assert goals_counted(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a tally or hedge between the subject and its verb is neither's
        ("全区示范小区累计达到100个。", [(100, None, "示范小区", "累计达到")]),
        ("示范街道总计达到5个。", [(5, None, "示范街道", "达到")]),
        ("城乡生活垃圾分类覆盖率均达到100%。", [(None, 100.0, "城乡生活垃圾分类覆盖率", None)]),
        ("回收利用率基本达到35%。", [(None, 35.0, "回收利用率", None)]),
        # how often or by when opens the clause, before the verb
        ("每年完成困难残疾人家庭改造100户以上。", [(100, None, "困难残疾人家庭", "改造")]),
        ("年内新增停车位500个。", [(500, None, "停车位", "新增")]),
        # 建筑 is a noun, never the verb 建; 配建 and 开工 are verbs of building
        ("建筑面积不低于800平方米。", [(800, None, "建筑面积", None)]),
        ("每个社区至少配建1个综合服务站。", [(1, None, "综合服务站", "配建")]),
        ("全省新开工改造城镇老旧小区2000个以上。", [(2000, None, "城镇老旧小区", "新开工改造")]),
        # 部 counts lifts, never departments
        ("完成加装电梯1500部。", [(1500, None, "加装电梯", "完成")]),
        ("植树造林10万株。", [(100000, None, "植树造林", None)]),
        ("住建、民政等5部门联合推进。", []),
        ("省直12部门联合推进。", []),
    ],
)
def test_count_and_share_subjects_lose_adverbs(line: str, expected: list[tuple]) -> None:
    assert goals_counted(line) == expected


# --- a share of a whole; a year naming one goal ---------------------------------------------


def shares(*lines: str) -> list[tuple]:
    targets = extract_targets(measures_structure(*lines)).records
    return [(t.year, t.percent, t.comparator, t.subject, t.requirement) for t in targets]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "到2022年，实践课时原则上占总课时一半以上。",
            [(2022, 50.0, ">=", "实践课时", "占总课时一半以上")],
        ),
        (
            "到2022年，骨干教师（具备双重能力的教师）占教师总数超过一半。",
            [(2022, 50.0, ">=", "骨干教师", "占教师总数超过一半")],
        ),
        (
            "到2025年,绿色建筑占新建建筑比例达到70%;",
            [(2025, 70.0, "=", "绿色建筑", "占新建建筑比例达到70%")],
        ),
        (
            "到2020年，全省大班额比例控制在5%以内。",
            [(2020, 5.0, "<=", "大班额", "比例控制在5%以内")],
        ),
        ("到2025年，女性干部占三分之一以上。", [(2025, 33.33, ">=", "女性干部", "占三分之一以上")]),
        # 的 before 比例 ends the part; a word of intent opening the clause is no part of it
        (
            "到2025年，二级以上综合医院设置老年医学科的比例达到60%以上。",
            [(2025, 60.0, ">=", "二级以上综合医院设置老年医学科", "比例达到60%以上")],
        ),
        (
            "到2025年，力争全县绿色建筑占新建建筑的比例达到百分之七十。",
            [(2025, 70.0, "=", "绿色建筑", "占新建建筑的比例达到百分之七十")],
        ),
        # a rate is its own subject: no relation, no requirement
        ("到2020年，秸秆综合利用率达到85%以上。", [(2020, 85.0, ">=", "秸秆综合利用率", None)]),
    ],
)
def test_share_of_a_whole(line: str, expected: list[tuple]) -> None:
    assert shares(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "各地要按照2020年大班额比例控制在5%以内的目标推进。",
        "各地要实现2020年大班额比例控制在5%以内的工作目标。",
    ],
)
def test_a_year_naming_a_goal_dates_that_goal_only(line: str) -> None:
    [target] = extract_targets(measures_structure(line)).records
    assert (target.year, target.percent, target.deadline) == (2020, 5.0, None)
    assert target.evidence.quote == "2020年大班额比例控制在5%以内"


def test_a_year_naming_a_goal_leaves_qualifiers_out() -> None:
    line = "各地要按照2020年消除66人以上超大班额、56人以上大班额比例控制在5%以内的目标推进。"
    assert shares(line) == [(2020, 5.0, "<=", "56人以上大班额", "比例控制在5%以内")]


@pytest.mark.parametrize(
    "line",
    [
        "各地要按照2020年印发的标准推进，覆盖率逐步提高。",  # a year with no figure named as a goal
        "各地参照2019年全省30%的水平推进。",  # a past level, not followed by 的目标
    ],
)
def test_a_year_inside_a_clause_without_a_named_goal_dates_nothing(line: str) -> None:
    assert [t.year for t in extract_targets(measures_structure(line)).records] in ([], [None])


@pytest.mark.parametrize(
    ("text", "percent"),
    [("一半以上", 50.0), ("超过一半", 50.0), ("三分之一", 33.33), ("四分之三", 75.0)],
)
def test_share_as_a_part(text: str, percent: float) -> None:
    [figure] = figures_in(text, 0, len(text))
    assert figure.percent == percent


@pytest.mark.parametrize("text", ["十分重要", "分之一", "大半"])
def test_share_as_a_part_no_match(text: str) -> None:
    assert figures_in(text, 0, len(text)) == []


def test_halving_is_a_change_not_a_level() -> None:
    found = extract_targets(measures_structure("到2025年，事故数量减少一半。"))
    assert found.records == []
    assert [w.code for w in found.warnings] == ["target_relative_figure"]


# --- planned counts: approximate or hoped for; an elided subject ------------------------------


def planned(*lines: str) -> list[tuple]:
    targets = extract_targets(measures_structure(*lines)).records
    return [
        (t.count, t.comparator, t.aspirational, t.subject, t.requirement, t.evidence.quote)
        for t in targets
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "推动院校在10个左右紧缺领域大力开展培训。",
            [
                (
                    10,
                    "~",
                    False,
                    "紧缺领域",
                    "大力开展培训",
                    "推动院校在10个左右紧缺领域大力开展培训",
                )
            ],
        ),
        (
            "自2019年开始，支持20家左右企业开展试点。",
            [(20, "~", False, "企业", "开展试点", "支持20家左右企业开展试点")],
        ),
        (
            "重点支持8条左右商业街区改造提升，力争1条列入国家示范项目。",
            [
                (8, "~", False, "商业街区", "改造提升", "重点支持8条左右商业街区改造提升"),
                (1, "=", True, "商业街区", "列入国家示范项目", "力争1条列入国家示范项目"),
            ],
        ),
    ],
)
def test_planned_counts_anywhere(line: str, expected: list[tuple]) -> None:
    assert planned(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "支持8个部门开展联合检查。",  # a plain count: no verb of building, no 左右, no 力争
        "每年召开2次左右会议。",  # a frequency, not a count of things
        "力争早日建成示范区。",  # hoped for, but no figure
    ],
)
def test_counts_that_are_not_planned(line: str) -> None:
    assert extract_targets(measures_structure(line)).records == []


def test_elided_subject_needs_the_same_measure_word() -> None:
    [first, second] = extract_targets(
        measures_structure("重点支持8条左右商业街区改造，力争1个列入国家示范项目。")
    ).records
    assert (first.subject, second.subject) == ("商业街区", None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("到2025年，确保小区设施达标率100%。", [(2025, 100.0, "=", "小区设施达标率", None)]),
        ("到2023年，城区分类覆盖率98%以上。", [(2023, 98.0, ">=", "城区分类覆盖率", None)]),
        ("到2025年,绿色社区比重60%;", [(2025, 60.0, "=", "绿色社区比重", None)]),
        # a figure after a word that names no rate has no subject of its own
        ("到2025年，确保完成60%。", [(2025, 60.0, "=", None, None)]),
    ],
)  # fmt: skip
def test_a_rate_written_right_before_its_figure_is_its_subject(line: str, expected: list) -> None:
    assert shares(line) == expected


def test_two_rates_with_one_figure_in_one_sentence_are_two_targets() -> None:
    line = "到2023年，水源地水质达标率保持100%，河湖问题整改销号率达到100%。"
    assert shares(line) == [
        (2023, 100.0, "=", "水源地水质达标率", None),
        (2023, 100.0, "=", "河湖问题整改销号率", None),
    ]


def test_a_goal_restated_with_the_same_subject_is_kept_once() -> None:
    lines = ["到2023年，河湖问题整改销号率达到100%。", "到2023年，河湖问题整改销号率达到100%。"]
    assert len(extract_targets(goals_structure(*lines)).records) == 1


def test_an_articles_number_does_not_hide_its_year() -> None:
    line = "第四条　到2025年，各设区市城区生活垃圾回收利用率达到35%以上。"
    assert shares(line) == [(2025, 35.0, ">=", "城区生活垃圾回收利用率", None)]


def test_a_signature_date_in_the_last_section_is_no_goal() -> None:
    structure = goals_structure(
        "到2022年，全市60%以上的社区达到创建要求。", "某市住房和城乡建设局", "2021年3月5日"
    )
    extracted = extract_targets(structure)
    assert [t.year for t in extracted.records] == [2022]
    assert not [w for w in extracted.warnings if w.code == "target_without_figure"]


def test_a_date_qualifying_a_noun_leads_no_goal() -> None:
    # 2000年底前建成的 says which estates were built by then: no year of a goal, no warning
    extracted_targets = extract_targets(
        goals_structure("到2025年底，力争基本完成2000年底前建成的需改造城镇老旧小区改造任务。")
    )
    assert extracted_targets.records == []
    assert [w.message for w in extracted_targets.warnings] == [
        "到2025年底 has a goal sentence but no figure"
    ]


# --- a scope after the dated phrase, a sentence's topic, a rate per head --------------------


def scopes_and_quotes(*lines: str) -> list[tuple]:
    targets = extract_targets(measures_structure(*lines)).records
    return [(t.count, t.scope, t.evidence.quote) for t in targets]


@pytest.mark.parametrize("comma", ["，", ","])
def test_a_scope_after_the_dated_phrase_holds_for_every_goal_of_its_segment(comma: str) -> None:
    line = f"到2021年全省引进知名品牌30个{comma}重点引进2-3个连锁品牌{comma}扶持5个本土品牌发展。"
    assert scopes_and_quotes(line) == [
        (30, "全省", "到2021年全省引进知名品牌30个"),
        (2, "全省", "重点引进2-3个连锁品牌"),  # the dated phrase is the first goal's words
        (5, "全省", "扶持5个本土品牌发展"),
    ]


def test_a_dated_phrase_in_a_clause_of_its_own_dates_every_clause_after_it() -> None:
    line = "二〇二一年，全市建成10个示范点，培育5家龙头企业。"
    assert scopes_and_quotes(line) == [
        (10, "全市", "二〇二一年，全市建成10个示范点"),
        (5, "全市", "二〇二一年，全市建成10个示范点，培育5家龙头企业"),
    ]


def test_a_scope_of_a_clause_of_its_own_wins_over_the_one_after_the_dated_phrase() -> None:
    line = "到2021年全省引进知名品牌30个，各设区市建成2个示范街区。"
    assert [scope for _, scope, _ in scopes_and_quotes(line)] == ["全省", "各设区市"]


def test_a_scope_after_the_dated_phrase_of_an_earlier_sentence_is_not_lent() -> None:
    # the paragraph's year is lent to the next sentence, its area is not
    structure = goals_structure("到2025年，全省建成10个示范区。培育20家龙头企业。")
    assert [(t.year, t.scope) for t in extract_targets(structure).records] == [
        (2025, "全省"),
        (2025, None),
    ]


@pytest.mark.parametrize(
    ("line", "scope", "quote"),
    [
        (
            "对新建居住小区，要按照每千人口不少于10个托位建设托育设施。",
            "新建居住小区",
            "要按照每千人口不少于10个托位建设托育设施",  # the figure's clause alone
        ),
        (
            "对于老城区,应按照每千人口不少于8个托位建设托育设施。",
            "老城区",
            "应按照每千人口不少于8个托位建设托育设施",
        ),
        # a dated phrase right after the topic: the evidence opens with the topic
        (
            "已建成无托育设施的居住小区，2025年前要按照每千人口不少于8个托位建设托育设施。",
            "已建成无托育设施的居住小区",
            "已建成无托育设施的居住小区，2025年前要按照每千人口不少于8个托位建设托育设施",
        ),
    ],
)
def test_an_area_named_as_the_sentences_topic_is_its_scope(
    line: str, scope: str, quote: str
) -> None:
    assert [(s, q) for _, s, q in scopes_and_quotes(line)] == [(scope, quote)]


@pytest.mark.parametrize(
    "line",
    [
        "对违反规定的单位，要按照每千人口不少于10个托位建设托育设施。",  # no area: no scope
        "全面改造老旧小区，建设100个示范点。",  # no modal or date after it: a task, no topic
        "在老旧小区改造中，要建设100个示范点。",  # a setting, not an area
        # a purpose or a manner before the goal, ending in an area word: no topic
        "为加快建设美丽乡村，到2025年建成省级示范村10个。",
        "围绕打造宜居城市，到2024年要新建口袋公园20个。",
    ],
)
def test_a_first_clause_that_is_no_area_topic_gives_no_scope(line: str) -> None:
    assert [scope for _, scope, _ in scopes_and_quotes(line)] == [None]


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("到2025年，按照每千人口不少于10个托位规划托育设施。", "每千人口托位"),
        ("到2025年，每万人拥有不少于2个健身场所。", "每万人健身场所"),
        ("到2025年，新建住宅按每百户配置不少于5个充电桩。", "每百户充电桩"),
        # a scope or a time opened by 每 is no rate per head
        ("到2025年，每个设区市建成1个示范机构。", "示范机构"),
        ("到2025年，每年培训100名教师。", "教师"),
    ],
)
def test_a_count_per_head_of_population_says_so_in_its_subject(line: str, subject: str) -> None:
    assert [t.subject for t in extract_targets(measures_structure(line)).records] == [subject]


@pytest.mark.parametrize(
    ("title", "years"),
    [
        # no issue date: the period the title covers dates the plan, 2023 is its past
        ("某县老旧小区改造三年行动方案（2024—2026年）", [2026]),
        ("某县老旧小区改造三年行动方案(2024-2026)", [2026]),
        # no period either: the past cannot be told, the figure stays
        ("某县老旧小区改造三年行动方案", [2023, 2026]),
    ],
)
def test_a_titles_period_dates_a_plan_without_an_issue_date(title: str, years: list[int]) -> None:
    text = "\n".join(
        [
            title,
            "2023年全县完成老旧小区改造32个。",
            "一、工作目标",
            "到2026年底，全县改造老旧小区80个以上。",
        ]
    )
    plan = extract_from_document(read_txt(Path("snippet.txt"), text.encode()))
    assert sorted(target.year for target in plan.targets) == years


def test_a_rate_per_unit_is_no_count() -> None:
    # 8公里/平方公里 is a density, not 8 of anything
    assert (
        extract_targets(goals_structure("城市建成区平均路网密度提高到8公里/平方公里。")).records
        == []
    )
    [target] = extract_targets(goals_structure("新建城市绿道不少于50公里。")).records
    assert (target.count, target.subject) == (50, "城市绿道")


@pytest.mark.parametrize("hedge", ["力争", "争取", "确保"])
def test_a_hedge_and_a_scope_open_no_shares_subject(hedge: str) -> None:
    line = f"到2026年，{hedge}全市完整社区覆盖率超过60%。"
    [target] = extract_targets(goals_structure(line)).records
    assert (target.subject, target.scope, target.percent) == ("完整社区覆盖率", "全市", 60.0)
