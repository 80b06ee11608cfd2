"""Targets from indicator tables (extractor.fields.indicators)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.fields.indicators import indicator_columns, read_value, target_years
from extractor.models import Plan
from extractor.pipeline import extract_from_document
from extractor.readers.txt import read_txt


def plan_of(text: str) -> Plan:
    return extract_from_document(read_txt(Path("plan.txt"), text.encode("utf-8")))


INDICATOR_PLAN = (
    "某市城市更新行动计划（2023—2025年）\n一、主要目标\n主要指标如下：\n"
    "序号\t指标名称\t2022年\t2025年\t属性\n"
    "1\t城市生活垃圾资源化利用率（%）\t55\t60\t预期性\n"
    "2\t老旧小区改造数量（个）\t120\t300\t约束性\n"
    "3\t城市绿地率（%）\t38\t≥40\t预期性\n"
    "4\t城市更新投资（亿元）\t50\t120\t预期性\n"
    "二、重点任务\n（一）推进老旧小区改造。\n"
)


def test_an_indicator_tables_target_columns_give_targets() -> None:
    plan = plan_of(INDICATOR_PLAN)
    assert [(t.year, t.percent, t.count, t.comparator, t.subject) for t in plan.targets] == [
        (2025, 60.0, None, "=", "城市生活垃圾资源化利用率"),
        (2025, None, 300, "=", "老旧小区改造数量"),
        (2025, 40.0, None, ">=", "城市绿地率"),
    ]
    assert plan.targets[0].deadline == dt.date(2025, 12, 31)
    assert plan.targets[0].evidence.quote.startswith("1\t城市生活垃圾资源化利用率")
    # a unit the contract cannot hold is said, not dropped silently
    (unrecorded,) = [w for w in plan.warnings if w.code == "indicator_unit_unrecorded"]
    assert "城市更新投资（亿元）" in unrecorded.message


def test_a_target_the_text_states_already_is_kept_once() -> None:
    text = INDICATOR_PLAN.replace("主要指标如下：", "到2025年，城市绿地率不低于40%。主要指标如下：")
    targets = plan_of(text).targets
    assert [(t.percent, t.subject) for t in targets].count((40.0, "城市绿地率")) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["序号", "指标名称", "2022年", "2025年", "属性"], (1, None, [(2, 2022), (3, 2025)])),
        (["指标", "单位", "现状值（2020年）", "2025年目标"], (0, 1, [(3, 2025)])),
        (["主要指标", "计量单位", "2024年", "2025年"], (0, 1, [(2, 2024), (3, 2025)])),
        (["指标属性", "指标名称", "二〇二五年"], (1, None, [(2, 2025)])),
        (["序号", "任务", "2025年"], None),  # no indicator column: a task table
        (["指标名称", "单位", "备注"], None),  # no year column
    ],
)  # fmt: skip
def test_indicator_columns(header: list[str], expected: tuple | None) -> None:
    assert indicator_columns(header) == expected


def test_target_years_leave_the_baseline_out() -> None:
    years = [(2, 2022), (3, 2025)]
    assert target_years(years, plan_year=2023) == [(3, 2025)]
    assert target_years(years, plan_year=None) == [(3, 2025)]
    assert target_years([(2, 2025)], plan_year=None) == [(2, 2025)]
    assert target_years([(2, 2021)], plan_year=2023) == []  # a year already past


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("60", (60.0, "=")),
        ("≥40", (40.0, ">=")),
        ("＞ 40", (40.0, ">")),
        ("40以上", (40.0, ">=")),
        ("不超过5", (5.0, "<=")),
        ("约60", (60.0, "~")),
        ("2.5", (2.5, "=")),
        ("—", None),
        ("稳步提升", None),
    ],
)
def test_read_value(cell: str, expected: tuple | None) -> None:
    assert read_value(cell) == expected


def test_a_scoring_tables_indicators_are_no_targets() -> None:
    text = (
        "某县考核细则\n一、考核内容\n"
        "序号\t考核指标\t分值\t2025年\t评分标准\n"
        "1\t垃圾分类覆盖率（%）\t10\t90\t每低1个百分点扣1分\n"
        "2\t回收利用率（%）\t10\t35\t未达到不得分\n"
        "3\t示范小区（个）\t10\t5\t每少1个扣2分\n"
    )
    plan = plan_of(text)
    assert plan.rubrics and plan.targets == []


@pytest.mark.parametrize(
    ("unit", "count"),
    [("个", 300), ("万人次", 3_000_000), ("千米", 300), ("万平方米", 3_000_000), ("位", 300)],
)
def test_an_indicators_unit_is_counted_as_the_text_counts_it(unit: str, count: int) -> None:
    text = (
        "某市行动计划\n一、主要目标\n序号\t指标名称\t单位\t2022年\t2025年\n"
        f"1\t服务规模\t{unit}\t100\t300\n"
    )
    assert [t.count for t in plan_of(text).targets] == [count]
