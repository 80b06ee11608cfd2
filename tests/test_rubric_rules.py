"""Deduction rules: clause splitting, deductions, ranges, units, caps, zero-score clauses."""

from __future__ import annotations

import pytest

from extractor.fields.rubric.rules import (
    CAP,
    DEDUCTION,
    OPEN_CAP,
    PER_UNIT,
    RANGE_DEDUCTION,
    ZERO_SCORE,
    deduction_rules,
    group_clauses,
    parse_number,
    parse_rule,
    parse_rules,
    scoring_rules,
    split_clauses,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扣1-3分", ("1", "3")),
        ("扣1—3分", ("1", "3")),
        ("扣 2～4 分", ("2", "4")),
        ("扣1至3分", ("1", "3")),
        ("扣3分", None),
    ],
)
def test_range_deduction(text: str, expected: tuple[str, str] | None) -> None:
    match = RANGE_DEDUCTION.search(text)
    assert (match.group("low", "high") if match else None) == expected


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("未建设扣6分", "6"),
        ("扣除0.5分", "0.5"),
        ("扣一分", "一"),
        ("被通报一次减2分", "2"),
        ("扣分", None),
        ("得6分", None),
        ("减少1户不扣分", None),
    ],
)
def test_deduction(text: str, points: str | None) -> None:
    match = DEDUCTION.search(text)
    assert (match.group("points") if match else None) == points


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        ("最高扣2分", "2"),
        ("最多扣6分", "6"),
        ("累计最高扣4分", "4"),
        ("扣满3分为止", "3"),
        ("最多减5分", "5"),
        ("每处扣1分", None),
    ],
)
def test_cap(text: str, cap: str | None) -> None:
    match = CAP.search(text)
    assert (match.group("cap") or match.group("cap_full") if match else None) == cap


def test_open_cap() -> None:
    assert OPEN_CAP.fullmatch("扣完为止")
    assert OPEN_CAP.fullmatch("扣完本项分为止")
    assert OPEN_CAP.search("扣3分") is None


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("乱停车每发现1处扣1分", "发现1处"),
        ("覆盖面每降低5%扣1分", "降低5%"),
        ("每少1次扣3分", "少1次"),
        ("每使用1项的扣1分", "使用1项"),
        ("每减少1户减0.5分", "减少1户"),
        ("未建设扣6分", None),
    ],
)
def test_per_unit(text: str, per: str | None) -> None:
    match = PER_UNIT.search(text)
    assert (match.group("per") if match else None) == per


@pytest.mark.parametrize(
    ("text", "zero"),
    [("低于60%此项不得分", True), ("该项得0分", True), ("不计分", True), ("扣3分", False)],
)
def test_zero_score(text: str, zero: bool) -> None:
    assert bool(ZERO_SCORE.search(text)) is zero


def test_parse_number() -> None:
    assert (parse_number("3"), parse_number("0.5"), parse_number("三"), parse_number("十")) == (
        3.0,
        0.5,
        3.0,
        10.0,
    )


def test_split_clauses_keeps_punctuation_and_splits_after_fen_dun() -> None:
    assert split_clauses("未开展A扣2分、未开展B扣2分，形象工程、面子工程扣3分。") == [
        "未开展A扣2分、",
        "未开展B扣2分，",
        "形象工程、面子工程扣3分。",
    ]


def test_group_clauses_joins_lead_in_cap_and_remark() -> None:
    assert group_clauses("每年至少开展2次培训，每少1次扣3分，最高扣6分。") == [
        "每年至少开展2次培训，每少1次扣3分，最高扣6分"
    ]
    assert group_clauses("无固定场所的扣2分；一季度内不更新的扣2分，扣完为止。") == [
        "无固定场所的扣2分",
        "一季度内不更新的扣2分，扣完为止",
    ]
    assert group_clauses("缺文件扣3分，以此类推") == ["缺文件扣3分，以此类推"]
    assert group_clauses("有关部门颁发的奖状、证书。") == ["有关部门颁发的奖状、证书"]
    assert group_clauses("") == []


@pytest.mark.parametrize(
    ("text", "deduct", "deduct_max", "per", "cap"),
    [
        ("每发现1处扣1分，最高扣2分", 1.0, None, "发现1处", 2.0),
        ("每少1次扣3分，最高扣6分", 3.0, None, "少1次", 6.0),
        ("覆盖面每降低5%扣1分", 1.0, None, "降低5%", None),
        ("未建设智能化安防系统扣6分", 6.0, None, None, None),
        ("各主体未参与创建扣1-3分", 1.0, 3.0, None, None),
        ("低于60%此项不得分", None, None, None, None),
        ("最高扣4分", None, None, None, 4.0),
    ],
)
def test_parse_rule(
    text: str, deduct: float | None, deduct_max: float | None, per: str | None, cap: float | None
) -> None:
    rule = parse_rule(text)
    assert (rule.text, rule.deduct, rule.deduct_max, rule.per, rule.cap) == (
        text,
        deduct,
        deduct_max,
        per,
        cap,
    )


def test_parse_rules_of_a_cell() -> None:
    rules = parse_rules("噪声扰民投诉处理率100%，每降低10%扣1分，低于60%此项不得分。")
    assert [(r.text, r.deduct, r.per) for r in rules] == [
        ("噪声扰民投诉处理率100%，每降低10%扣1分", 1.0, "降低10%"),
        ("低于60%此项不得分", None, None),
    ]
    rules = parse_rules("处理率每降低10%扣1分，低于60%此项不得分。", item_points=6.0)
    assert [(r.text, r.deduct) for r in rules] == [
        ("处理率每降低10%扣1分", 1.0),
        ("低于60%此项不得分", 6.0),
    ]


@pytest.mark.parametrize(
    ("text", "item_points", "deduct"),
    [
        ("低于60%此项不得分", 6.0, 6.0),
        ("未建立台账的不得分", 5.0, 5.0),
        ("该项得0分", 3.0, 3.0),
        ("未建立台账的不得分", None, None),
        ("未建立台账扣2分", 5.0, 2.0),
    ],
)
def test_zero_score_rule_takes_the_item_points(
    text: str, item_points: float | None, deduct: float | None
) -> None:
    rule = parse_rule(text, item_points)
    assert (rule.text, rule.deduct) == (text, deduct)
    rules = parse_rules(
        "乱停车每发现1处扣1分，最高扣2分；公共车位被占用的每发现1处扣1分，最高扣2分。"
    )
    assert [(r.deduct, r.per, r.cap) for r in rules] == [(1.0, "发现1处", 2.0)] * 2
    assert parse_rules("") == []


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("损坏一处扣1分", "损坏一处"),
        ("缺1项扣2分", "缺1项"),
        ("一季度内不更新的扣2分", "一季度内不更新"),
        ("每发现1处扣1分", "发现1处"),  # 每 takes precedence
        ("未建设扣6分", None),
    ],
)
def test_counted_unit_without_mei(text: str, per: str | None) -> None:
    assert parse_rule(text).per == per


def test_deduction_rules_keep_only_stated_deductions() -> None:
    assert [(r.text, r.deduct, r.per) for r in deduction_rules("损坏一处扣1分")] == [
        ("损坏一处扣1分", 1.0, "损坏一处")
    ]
    assert deduction_rules("实施得1分，仅有方案不得分") == []
    assert deduction_rules("能起示范效应得5分") == []


@pytest.mark.parametrize(
    ("text", "points", "expected"),
    [
        ("少一次扣1分", 3.0, [(1.0, "少一次", None)]),
        ("每少一次扣0.5分，扣完为止", 4.0, [(0.5, "少一次", 4.0)]),  # 扣完为止: the item's points
        ("每月上报，得5分，每少一次扣0.5分，扣完为止", 10.0, [(0.5, "少一次", 5.0)]),
        ("参加会议（2分，少一次扣0.5分，扣完为止）", 10.0, [(0.5, "少一次", 2.0)]),
        ("出现推诿扯皮现象的不得分", 6.0, [(6.0, None, None)]),
        ("每发现一处扣2分，最高扣5分", 10.0, [(2.0, "发现一处", 5.0)]),
        ("每發現1處扣2分，最多扣5分", 10.0, [(2.0, "發現1處", 5.0)]),
        ("年内完成10例以上；否则按完成比例得分", 15.0, [(None, None, None)]),
    ],
)
def test_rules_written_in_any_scoring_table(
    text: str, points: float, expected: list[tuple[float | None, str | None, float | None]]
) -> None:
    assert [(r.deduct, r.per, r.cap) for r in parse_rules(text, points)] == expected


def test_numbered_parts_without_deductions_are_rules_of_their_own() -> None:
    text = "1.成立工作小组（1分）；明确联络员（3分）2.年内至少部署3次（3分，少一次扣1分）。"
    assert group_clauses(text) == [
        "1.成立工作小组（1分）；明确联络员（3分）",
        "2.年内至少部署3次（3分，少一次扣1分）",
    ]
    text = "（1）建立台账（5分）；（2）定期更新（5分）"
    assert group_clauses(text) == ["（1）建立台账（5分）", "（2）定期更新（5分）"]


def test_a_list_of_award_or_deduction_figures_stays_in_one_rule() -> None:
    text = "获省级表彰的分别奖10分、5分、3分；被通报批评的分别扣5分、3分"
    assert group_clauses(text) == [
        "获省级表彰的分别奖10分、5分、3分",
        "被通报批评的分别扣5分、3分",
    ]
    # a list of deduction clauses still splits at 分、
    assert group_clauses("未开展A扣2分、未开展B扣2分") == ["未开展A扣2分", "未开展B扣2分"]


def test_proportional_clause_is_a_rule_of_its_own() -> None:
    rules = parse_rules("按扣分比例折算扣分分值；被通报批评的扣5分")
    assert [(r.text, r.deduct) for r in rules] == [
        ("按扣分比例折算扣分分值", None),
        ("被通报批评的扣5分", 5.0),
    ]


@pytest.mark.parametrize(
    ("text", "item_points", "deduct"),
    [
        ("1.确保污水处理率达80%以上，否则不得分（10分）", 60, 10),  # the part's own points
        ("2、确保设施正常运行，否则不得分(5分)", 60, 5),
        ("确保污水处理率达80%以上，否则不得分", 60, 60),  # no part: the whole item
        ("1.确保污水处理率达80%以上，否则不得分", 60, 60),  # a part without its own points
    ],
)
def test_a_numbered_parts_zero_score_takes_its_own_points(
    text: str, item_points: float, deduct: float
) -> None:
    assert parse_rule(text, item_points).deduct == deduct


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("出现1例未处理扣2分", "出现1例未处理"),
        ("发现一件未办结扣1分", "发现一件未办结"),
        ("发生1起责任事故扣5分", "发生1起责任事故"),
        ("班子成员缺1人扣2分", "班子成员缺1人"),
        ("被市级通报批评一次减2分", "被市级通报批评一次"),
        ("少报送一篇信息扣0.5分", "少报送一篇信息"),
        ("未参加的，缺一名扣1分", "缺一名"),
        ("台账不全扣1分", None),
    ],
)
def test_a_counted_case_is_the_unit_of_a_deduction(text: str, per: str | None) -> None:
    assert parse_rule(text).per == per


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # the requirement's sentence stays the criterion's
        ("完成年度投资计划（20分）。未完成的不得分。", [("未完成的不得分", 20.0)]),
        (
            "落实党建责任制．每发现一处问题扣1分，最高扣10分。",
            [("落实党建责任制．每发现一处问题扣1分，最高扣10分", 1.0)],
        ),
        (
            "按时报送信息。每少报一次扣0.5分；迟报一次扣0.2分。",
            [("每少报一次扣0.5分", 0.5), ("迟报一次扣0.2分", 0.2)],
        ),
        ("每年至少培训2次，每少1次扣3分", [("每年至少培训2次，每少1次扣3分", 3.0)]),
        ("建立工作台账，做到资料齐全。", []),  # requirements only: no rule
        ("", []),
    ],
)
def test_scoring_rules_of_a_cell_stating_the_criterion_too(
    text: str, rules: list[tuple[str, float]]
) -> None:
    assert [(r.text, r.deduct) for r in scoring_rules(text, 20)] == rules
