"""Which role each column of a scoring table plays, read from its flattened header.

Headers come flattened per column (multi-row headers joined top-down with "/", a spanning
cell repeated over the columns it spans). Roles, whatever the columns' order:

- label columns (考核项目, 项目, 内容, 类别, 一级指标, 责任单位 left of the criterion): the
  first is `dimension` (a merged first column grouping items), the others `names` (the
  item's short name or the unit it scores); rubric assembly decides whether the first
  groups items or names them too (extractor.fields.rubrics);
- `number` (序号), or a column whose header is blank or repeats its neighbour's and whose
  cells are rising item numbers (`创建标准` spanning the number and the criterion);
- `criterion` (考核内容, 考核要点, 考核指标, 创建标准, 标准, 要求): the rightmost column
  named so; columns named so further left are labels (`考核内容 | 考核要点` → the 要点 are
  the criteria); without one, the rightmost label column is the criterion; a column named
  for both (`考核内容及评分标准`, `工作要求和计分办法`) is the criterion and, without a rules
  column of its own, the rules too;
- `points` (分值, 标准分, 各项分值, 权重); `rules` (评分标准, 评分细则, 评分办法, 扣分标准);
  `score` (得分: the assessor's blank column); `notes` (说明, 备注, 考核方式, 负责考核部门,
  and unit columns right of the criterion), which rubric assembly reads as rules when
  they hold deductions and there is no rules column;
- `level` (`权重分/合格`, `权重分/一般`…: a group under one points parent; bare grade words
  such as 合格, 优秀; `A/B/C`, `一档/二档` when two or more stand side by side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extractor.fields.rubric.cells import item_number_value

# Header words per role, tried in this order (评分标准 is rules before 标准 is criterion,
# 得分 is score before 分 could mean points, 一级指标 is a label before 指标 is a
# criterion, 考核方式 is a note before 考核 could be anything else). Each matches a header
# containing the word.
ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("score", ("得分", "自评分", "实得分", "评分结果", "考核结果")),  # 得分（分）
    (
        "rules",  # 评分标准, 评分细则, 评分办法, 扣分标准, 计分方法, 考核办法
        ("评分", "计分", "扣分", "赋分标准", "考核办法", "评价办法", "计分办法"),
    ),
    ("points", ("分值", "标准分", "权重", "满分", "分数", "赋分")),  # 标准分（100分）, 各项分值
    ("number", ("序号", "编号")),  # 序号
    (
        "note",  # 说明, 备注, 考核方式, 负责考核部门, 数据来源
        ("说明", "备注", "方式", "方法", "考核部门", "考核单位", "来源", "佐证", "依据"),
    ),
    ("dimension", ("一级指标", "二级指标", "项目", "类别", "类型", "维度", "对象")),  # 考核项目
    (
        "criterion",  # 考核内容, 考核要点, 考核指标, 创建标准, 评估标准, 工作要求
        ("内容", "要点", "标准", "指标", "要求", "细则", "任务"),
    ),
    ("unit", ("单位", "部门")),  # 责任单位: a label left of the criterion, a note right of it
)

# A header naming the criterion and its scoring in one column, which is the criterion (the
# rules are read from it too): 考核内容及评分标准, 工作要求和计分办法, 考核指标与扣分标准,
# 考核内容、评分细则
COMBINED_HEADER = re.compile(
    r"(?:内容|要点|标准|指标|要求|任务)\s*(?:及|和|与|、|/|暨)\s*"
    r"(?:评分|计分|扣分|赋分|考核办法|评价办法)"
)

# Grade words that make a column a level column on their own: 合格, 一般, 良好
LEVEL_WORDS = frozenset(
    (
        "合格",
        "基本合格",
        "不合格",
        "一般",
        "良好",
        "较好",
        "优秀",
        "较差",
        "差",
        "达标",
        "基本达标",
        "未达标",
        "不达标",
        "及格",
        "不及格",
    )
)

# Grade marks that are levels only side by side (one alone may be anything): A, B级, 一档,
# 二等, 三类, 第一档
LEVEL_MARK = re.compile(r"[A-EＡ-Ｅ](?:级|档|等|类)?|第?[一二三四五](?:档|等|级|类)")

# A header parent over level columns: 权重分 in `权重分/合格`, 分值, 评分等级
LEVEL_PARENT = re.compile(r"分|权重|等级|档次")

# Separator of a flattened multi-row header: 权重分/合格
HEADER_LEVEL_SEPARATOR = "/"


@dataclass(frozen=True)
class ColumnRoles:
    """Column index per role (None when the table has no such column) and level columns.

    `dimension` is the first label column, `names` the further label columns left of the
    criterion, `notes` the 说明/备注-like columns.
    """

    dimension: int | None = None
    number: int | None = None
    criterion: int | None = None
    points: int | None = None
    rules: int | None = None
    levels: dict[str, int] = field(default_factory=dict)
    names: tuple[int, ...] = ()
    notes: tuple[int, ...] = ()

    @property
    def labels(self) -> tuple[int, ...]:
        """Every label column, left to right: the dimension column, then the names."""
        return self.names if self.dimension is None else (self.dimension, *self.names)


def role_from_header(header: str) -> str | None:
    """The role a header's words name: `考核内容` → criterion, `得分（分）` → score,
    `考核内容及评分标准` → combined (criterion and rules)."""
    compact = "".join(header.split())
    if COMBINED_HEADER.search(compact):
        return "combined"
    for role, words in ROLE_KEYWORDS:
        if any(word in compact for word in words):
            return role
    return None


def is_level_leaf(text: str) -> bool:
    """True for a grade word (合格, 优秀) or a grade mark (A, B级, 一档)."""
    return text in LEVEL_WORDS or bool(LEVEL_MARK.fullmatch(text))


def level_columns(header: list[str]) -> dict[str, int]:
    """Grade columns: `权重分/合格`, `权重分/一般` → {"合格": i, "一般": j}; bare 合格 too,
    and bare marks (`A`, `B`, `一档`) when two or more stand together."""
    by_parent: dict[str, list[int]] = {}
    levels: dict[str, int] = {}
    marks: dict[str, int] = {}
    for index, text in enumerate(header):
        compact = "".join(text.split())
        parent, _, leaf = compact.rpartition(HEADER_LEVEL_SEPARATOR)
        if parent and leaf:
            by_parent.setdefault(parent, []).append(index)
        elif compact in LEVEL_WORDS:
            levels[compact] = index
        elif LEVEL_MARK.fullmatch(compact):
            marks[compact] = index
    if len(marks) >= 2:
        levels.update(marks)
    for parent, indexes in by_parent.items():
        leaves = ["".join(header[i].split()).rpartition(HEADER_LEVEL_SEPARATOR)[2] for i in indexes]
        graded = any(leaf in LEVEL_WORDS for leaf in leaves)
        if len(set(leaves)) >= 2 and (graded or LEVEL_PARENT.search(parent)):
            for index, leaf in zip(indexes, leaves, strict=True):
                levels.setdefault(leaf, index)
    return dict(sorted(levels.items(), key=lambda pair: pair[1]))


def looks_like_numbering(values: list[str]) -> bool:
    """True when the non-blank cells are at least two strictly rising item numbers."""
    numbers = [item_number_value(value) for value in values if value.strip()]
    if len(numbers) < 2 or any(number is None for number in numbers):
        return False
    return all(a < b for a, b in pairwise(numbers))  # type: ignore[operator]


def untitled_or_repeated(header: list[str], index: int) -> bool:
    """True when a column has no header of its own: blank, or the same as a neighbour's."""
    text = header[index].strip()
    if not text:
        return True
    neighbours = [header[i] for i in (index - 1, index + 1) if 0 <= i < len(header)]
    return any(text == other.strip() for other in neighbours)


def column_roles(header: list[str], body: list[list[str]], skip: set[int]) -> dict[int, str]:
    """Each column's role by its header words (item numbers recognised by content)."""
    roles: dict[int, str] = {}
    for index, text in enumerate(header):
        if index in skip:
            continue
        role = role_from_header(text)
        column = [row[index] if index < len(row) else "" for row in body]
        if role != "number" and untitled_or_repeated(header, index):
            if looks_like_numbering(column):
                role = "number"
        if role is not None:
            roles[index] = role
    return roles


def first_column(roles: dict[int, str], role: str) -> int | None:
    """The leftmost column playing `role`, or None."""
    return next((index for index, found in roles.items() if found == role), None)


def assign_roles(header: list[str], body: list[list[str]]) -> ColumnRoles:
    """Roles of a table's columns from its header (see the module docstring).

    `body` is the item rows (total rows left out); the first column of each single role
    wins; the criterion is the rightmost criterion-named column, or the rightmost label.
    """
    levels = level_columns(header)
    roles = column_roles(header, body, set(levels.values()))
    criteria = [index for index, role in roles.items() if role in ("criterion", "combined")]
    labels = [index for index, role in roles.items() if role == "dimension"]
    criterion = criteria[-1] if criteria else None
    if criterion is None and labels:
        criterion = labels[
            -1
        ]  # `考核项目 | 分值 | 评分标准`: the items are the 项目 (a unit never)
    if criterion is not None:
        labels = sorted(
            index
            for index, role in roles.items()
            if index < criterion and role in ("dimension", "criterion", "combined", "unit")
        )
    notes = tuple(
        index
        for index, role in roles.items()
        if role == "note" or (role == "unit" and criterion is not None and index > criterion)
    )
    rules = first_column(roles, "rules")
    if rules is None and criterion is not None and roles.get(criterion) == "combined":
        rules = criterion
    return ColumnRoles(
        dimension=labels[0] if labels else None,
        number=first_column(roles, "number"),
        criterion=criterion,
        points=first_column(roles, "points"),
        rules=rules,
        levels=levels,
        names=tuple(labels[1:]),
        notes=notes,
    )
