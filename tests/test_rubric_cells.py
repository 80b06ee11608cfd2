"""Cell readers: point values, subtotals, dimension names, notes, item numbers, totals."""

from __future__ import annotations

import pytest

from extractor.fields.rubric.cells import (
    award_points,
    awards_points,
    dimension_name,
    has_dimension_numbering,
    header_total,
    is_bonus,
    is_dimension_number,
    is_grand_total_label,
    is_penalty,
    is_total_label,
    item_number_value,
    numbering_kind,
    numbering_value,
    parse_points,
    points_in_text,
    split_note,
    split_subtotal,
)


@pytest.mark.parametrize(
    ("text", "points"),
    [("5", 5.0), (" 3.5 ", 3.5), ("6分", 6.0), ("", None), (" ", None), ("/", None), ("五", None)],
)
def test_parse_points(text: str, points: float | None) -> None:
    assert parse_points(text) == points


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("另加5分", 5.0),
        ("加3分", 3.0),
        ("奖励2分", 2.0),
        ("再奖1分", 1.0),
        ("+5", 5.0),
        ("＋1.5分", 1.5),
        ("4", 4.0),
        ("另加", None),  # no figure
        ("酌情加分", None),
        ("扣5分", None),  # a deduction, not an award
        ("最高加10分", None),  # a cap on several awards, not one
    ],
)
def test_award_points_of_a_bonus_rows_points_cell(text: str, points: float | None) -> None:
    assert award_points(text) == points


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "（一）建立健全社区人居环境建设和整治机制（20分）",
            ("（一）建立健全社区人居环境建设和整治机制", 20.0),
        ),
        ("推进绿色化(22分)", ("推进绿色化", 22.0)),
        ("培育文化（ 7.5分 ）", ("培育文化", 7.5)),
        ("营造社区宜居环境", ("营造社区宜居环境", None)),
        ("（20分）以上的社区", ("（20分）以上的社区", None)),
        ("一、组织领导（满分20分）", ("一、组织领导", 20.0)),
        ("基础工作(共40分)", ("基础工作", 40.0)),
        ("创建成效（分值：60分）", ("创建成效", 60.0)),
        ("三、加分项（最高加10分）", ("三、加分项", 10.0)),
        ("四、扣分项（最高扣10分）", ("四、扣分项（最高扣10分）", None)),  # a cap, no points
        ("组织领导（20%）", ("组织领导（20%）", None)),
    ],
)
def test_split_subtotal(text: str, expected: tuple[str, float | None]) -> None:
    assert split_subtotal(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("（一）建立健全社区人居环境建设和整治机制（20分）", "建立健全社区人居环境建设和整治机制"),
        ("(二)推进社区基础设施绿色化", "推进社区基础设施绿色化"),
        ("三、营造社区宜居环境（22分）", "营造社区宜居环境"),
        ("4．提高信息化水平", "提高信息化水平"),
        ("15分钟生活圈建设", "15分钟生活圈建设"),
        ("附加", "附加"),
    ],
)
def test_dimension_name(text: str, name: str) -> None:
    assert dimension_name(text) == name


@pytest.mark.parametrize(
    ("text", "total"),
    [("标准分（100分）", 100.0), ("分值(满分110分)", 110.0), ("得分（分）", None), ("分值", None)],
)
def test_header_total(text: str, total: float | None) -> None:
    assert header_total(text) == total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "社区停车秩序规范（划线、编号、归类有序停放机动车和非机动车得5分）",
            ("社区停车秩序规范", "划线、编号、归类有序停放机动车和非机动车得5分"),
        ),
        ("坚持共同缔造理念(80%以上得6分)", ("坚持共同缔造理念", "80%以上得6分")),
        (
            "建设分布式光伏设施（实施得1分，仅有方案不得分）",
            ("建设分布式光伏设施", "实施得1分，仅有方案不得分"),
        ),
        ("建设了智能化安防系统（损坏一处扣1分）", ("建设了智能化安防系统", "损坏一处扣1分")),
        ("绿色社区创建标准（试行）", ("绿色社区创建标准（试行）", None)),
        ("（得5分）", ("（得5分）", None)),
        ("完善“15分钟生活圈”", ("完善“15分钟生活圈”", None)),
    ],
)
def test_split_note(text: str, expected: tuple[str, str | None]) -> None:
    assert split_note(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        ("12", 12),
        ("3．", 3),
        ("4.", 4),
        ("5、", 5),
        ("（6）", 6),
        ("(7)", 7),
        ("一", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_item_number_value(text: str, value: int | None) -> None:
    assert item_number_value(text) == value


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("第二部分", "part", 2),
        ("（三）", "bracketed", 3),
        ("(四)", "bracketed", 4),
        ("一、", "chinese", 1),
        ("十二", "chinese", 12),
        ("5．", "arabic", 5),
        ("（6）", "arabic", 6),
        ("序号", None, None),
        ("", None, None),
    ],
)
def test_numbering_kind_and_value(text: str, kind: str | None, value: int | None) -> None:
    assert (numbering_kind(text), numbering_value(text)) == (kind, value)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("合计", True),
        ("合计分值", True),
        ("合  计", True),
        ("总计", True),
        ("总分", True),
        ("地区合计", True),  # the one definition tables use too (extractor.vocabulary)
        ("总 分", True),
        ("小计", True),
        ("总分析", False),
        ("合计完成比例", False),
        ("内容", False),
    ],
)
def test_is_total_label(text: str, total: bool) -> None:
    assert is_total_label(text) is total


@pytest.mark.parametrize(
    ("text", "bonus"), [("附加", True), ("附加分", True), ("加分项", True), ("培育文化", False)]
)
def test_is_bonus(text: str, bonus: bool) -> None:
    assert is_bonus(text) is bonus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("积极配合开展工作（8分）。", (8.0, True)),
        ("积极配合开展工作(8分)", (8.0, True)),
        ("1.建立台账（15分）；2.定期更新（20分）; 3.督查（25分）", (60.0, True)),
        ("查看会议记录（3分，少一次扣1分）", (3.0, True)),
        ("满分10分，少一次扣2分", (10.0, True)),
        ("本项共15分", (15.0, True)),
        ("达到90%得6分，80%得4分", (None, True)),
        ("满分10分，另满分5分", (None, True)),
        ("每少一次扣1分，扣完为止", (None, False)),
        ("分别奖10分、5分、3分", (None, False)),
        ("低于60分不得分", (None, False)),
        ("建立工作台账", (None, False)),
    ],
)
def test_points_in_text(text: str, expected: tuple[float | None, bool]) -> None:
    assert points_in_text(text) == expected


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("一、", True),
        ("二", True),
        ("（三）", True),
        ("(四)", True),
        ("第一部分", True),
        ("1", False),
        ("12", False),
        ("一档", False),
        ("", False),
    ],
)
def test_is_dimension_number(text: str, dimension: bool) -> None:
    assert is_dimension_number(text) is dimension


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("一、组织领导（20分）", True),
        ("（二）日常工作", True),
        ("第三部分 加分项", True),
        ("组织领导", False),
        ("1.成立小组", False),
    ],
)
def test_has_dimension_numbering(text: str, numbered: bool) -> None:
    assert has_dimension_numbering(text) is numbered


@pytest.mark.parametrize(
    ("text", "grand"),
    [("合计", True), ("总 分", True), ("总分（100分）", True), ("小计", False)],
)
def test_is_grand_total_label(text: str, grand: bool) -> None:
    assert is_grand_total_label(text) is grand


@pytest.mark.parametrize(
    ("text", "bonus", "awards", "penalty"),
    [
        ("加分项", True, False, False),
        ("奖励分", True, False, False),
        ("综合奖扣分项目", True, False, True),  # mixed: bonus wins (checked first)
        ("另加2分", True, True, False),
        ("前3名的分别奖10分、5分、3分", False, True, False),
        ("分别加5分、3分、2分", False, True, False),
        ("扣分项", False, False, True),
        ("减分项目", False, False, True),
        ("一票否决", False, False, True),
        ("增加分类投放点", False, False, False),
        ("每少一次扣1分", False, False, False),
    ],
)
def test_bonus_awards_and_penalties(text: str, bonus: bool, awards: bool, penalty: bool) -> None:
    assert (is_bonus(text), awards_points(text), is_penalty(text)) == (bonus, awards, penalty)
