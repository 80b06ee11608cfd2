"""Column roles: header words, level groups, untitled item-number columns."""

from __future__ import annotations

import pytest

from extractor.fields.rubric.columns import (
    ColumnRoles,
    assign_roles,
    level_columns,
    looks_like_numbering,
    role_from_header,
    untitled_or_repeated,
)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("内容", "criterion"),
        ("内  容", "criterion"),
        ("考核项目", "dimension"),
        ("一级指标", "dimension"),
        ("考核内容", "criterion"),
        ("考核要点", "criterion"),
        ("考核指标", "criterion"),
        ("三级指标", "criterion"),
        ("各项分值", "points"),
        ("评分细则", "rules"),
        ("评分办法", "rules"),
        ("扣分标准", "rules"),
        ("说明", "note"),
        ("考核方式", "note"),
        ("负责考核部门", "note"),
        ("责任单位", "unit"),
        ("时间", None),
        ("类别", "dimension"),
        ("项目", "dimension"),
        ("序号", "number"),
        ("创建标准", "criterion"),
        ("建设标准", "criterion"),
        ("评估标准", "criterion"),
        ("分值", "points"),
        ("标准分（100分）", "points"),
        ("权重", "points"),
        ("评分标准", "rules"),
        ("扣分细则", "rules"),
        ("得分", "score"),
        ("得分（分）", "score"),
        ("备注", "note"),
        ("考核内容及评分标准", "combined"),
        ("考核内容和评分办法", "combined"),
        ("工作要求与计分方法", "combined"),
        ("考核指标、扣分标准", "combined"),
        ("考核标准及评分细则", "combined"),
        ("评分标准及依据", "rules"),  # not a criterion word before the scoring word
    ],
)
def test_role_from_header(header: str, role: str | None) -> None:
    assert role_from_header(header) == role


def test_level_columns_from_a_flattened_two_row_header() -> None:
    header = [
        "序号",
        "内容",
        "创建标准",
        "分值",
        "权重分/合格",
        "权重分/一般",
        "权重分/良好",
        "得分",
    ]
    assert level_columns(header) == {"合格": 4, "一般": 5, "良好": 6}


def test_level_columns_from_bare_grade_words_and_not_from_other_groups() -> None:
    assert level_columns(["内容", "优秀", "良好", "合格"]) == {"优秀": 1, "良好": 2, "合格": 3}
    assert level_columns(["单位/名称", "单位/地址"]) == {}
    assert level_columns(["评价/A", "评价/B"]) == {}


@pytest.mark.parametrize(
    ("values", "numbering"),
    [
        (["1", "2", "3"], True),
        (["1．", "2．", ""], True),
        (["6", "6", "6"], False),
        (["3", "1"], False),
        (["1"], False),
        (["1", "甲"], False),
    ],
)
def test_looks_like_numbering(values: list[str], numbering: bool) -> None:
    assert looks_like_numbering(values) is numbering


def test_untitled_or_repeated() -> None:
    header = ["内容", "创建标准", "创建标准", "", "分值"]
    assert [untitled_or_repeated(header, i) for i in range(5)] == [False, True, True, True, False]


def test_assign_roles_finds_the_number_column_under_a_spanning_header() -> None:
    header = ["内容", "创建标准", "创建标准", "标准分（100分）", "得分（分）"]
    body = [["甲", "1", "标准一", "5", ""], ["甲", "2", "标准二", "5", ""]]
    assert assign_roles(header, body) == ColumnRoles(dimension=0, number=1, criterion=2, points=3)


def test_assign_roles_with_repeated_points_header_and_rules() -> None:
    header = ["内容", "分值", "分值", "建设标准", "评分标准"]
    body = [["甲", "6", "1", "标准一", "扣3分"], ["甲", "6", "2", "标准二", "扣2分"]]
    assert assign_roles(header, body) == ColumnRoles(
        dimension=0, number=2, criterion=3, points=1, rules=4
    )


def test_assign_roles_with_levels() -> None:
    header = ["序号", "内容", "创建标准", "分值", "权重分/合格", "权重分/良好", "得分"]
    roles = assign_roles(header, [["1", "甲", "标准", "6", "4", "6", ""]])
    assert (roles.number, roles.dimension, roles.criterion, roles.points) == (0, 1, 2, 3)
    assert roles.levels == {"合格": 4, "良好": 5}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # two label columns under one spanning 考核项目, points before the criterion
        (
            ["序号", "考核项目", "考核项目", "各项分值", "考核内容", "评分标准", "说明"],
            ColumnRoles(
                dimension=1, number=0, criterion=4, points=3, rules=5, names=(2,), notes=(6,)
            ),
        ),
        # another order, no 序号: 考核内容 left of 考核要点 is a label
        (
            ["考核内容", "考核要点", "评分细则", "分值"],
            ColumnRoles(dimension=0, criterion=1, points=3, rules=2),
        ),
        # no points column, 评分办法 rules, 考核指标 criterion
        (["考核项目", "考核指标", "评分办法"], ColumnRoles(dimension=0, criterion=1, rules=2)),
        # a unit column left of the criterion is a label, right of it a note
        (
            ["责任单位", "考核内容", "标准分", "负责考核部门"],
            ColumnRoles(dimension=0, criterion=1, points=2, notes=(3,)),
        ),
        (["考核内容", "分值", "责任单位"], ColumnRoles(criterion=0, points=1, notes=(2,))),
        # only a label column: it holds the criteria
        (
            ["序号", "考核项目", "分值", "评分标准"],
            ColumnRoles(number=0, criterion=1, points=2, rules=3),
        ),
        # one column for the criterion and its scoring: the rules are read from it too
        (
            ["序号", "考核项目", "考核内容及评分标准", "分值"],
            ColumnRoles(dimension=1, number=0, criterion=2, points=3, rules=2),
        ),
        # … unless the table has a rules column of its own
        (
            ["考核项目", "考核内容及评分标准", "扣分细则", "分值"],
            ColumnRoles(dimension=0, criterion=1, points=3, rules=2),
        ),
        # a roster or a results table has no criterion
        (["序号", "姓名", "职务"], ColumnRoles(number=0)),
        (["序号", "单位", "得分"], ColumnRoles(number=0)),
    ],
)
def test_assign_roles_whatever_the_names_and_order(
    header: list[str], expected: ColumnRoles
) -> None:
    assert assign_roles(header, [["" for _ in header]]) == expected


def test_labels_are_the_dimension_then_the_names() -> None:
    roles = ColumnRoles(dimension=1, names=(2,))
    assert roles.labels == (1, 2)
    assert ColumnRoles(names=(3,)).labels == (3,)


def test_level_marks_count_only_side_by_side() -> None:
    assert level_columns(["考核内容", "A", "B", "C"]) == {"A": 1, "B": 2, "C": 3}
    assert level_columns(["考核内容", "一档", "二档"]) == {"一档": 1, "二档": 2}
    assert level_columns(["考核内容", "B级", "不合格"]) == {"不合格": 2}
    assert level_columns(["序号", "A", "分值"]) == {}
