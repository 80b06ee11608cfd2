"""Which role each column of a scoring table plays, read from its flattened header.

Headers come flattened per column (multi-row headers joined top-down with "/", a spanning
cell repeated over the columns it spans). Roles:

- `dimension` (内容, 类别, 项目): the merged first column grouping items;
- `number` (序号), or a column whose header is blank or repeats its neighbour's and whose
  cells are rising item numbers (`创建标准` spanning the number and the criterion);
- `criterion` (创建标准, 建设标准, 评估标准, 标准); `points` (分值, 标准分, 权重);
- `level` (`权重分/合格`, `权重分/一般`…: a group under one points parent, or a bare grade
  word such as 合格); `rules` (评分标准, 扣分); `score` (得分: the assessor's blank column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from extractor.fields.rubric.cells import item_number_value

# Header words per role, tried in this order (评分标准 is rules before 标准 is criterion,
# 得分 is score before 分 could mean points). Each matches a header containing the word.
ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("score", ("得分", "自评分", "实得分", "评分结果")),  # 得分（分）
    ("rules", ("评分标准", "评分办法", "评分细则", "评分方法", "计分方法", "扣分")),  # 评分标准
    ("points", ("分值", "标准分", "权重", "满分", "分数")),  # 标准分（100分）
    ("number", ("序号", "编号")),  # 序号
    ("dimension", ("内容", "类别", "项目", "类型", "维度", "一级指标")),  # 内容
    ("criterion", ("标准", "指标", "要求")),  # 创建标准, 建设标准, 评估标准
)

# Grade words that make a column a level column on their own: 合格, 一般, 良好
LEVEL_WORDS = frozenset(
    ("合格", "基本合格", "不合格", "一般", "良好", "较好", "优秀", "达标", "基本达标", "未达标")
)

# A header parent over level columns: 权重分 in `权重分/合格`, 分值, 评分等级
LEVEL_PARENT = re.compile(r"分|权重|等级|档次")

# Separator of a flattened multi-row header: 权重分/合格
HEADER_LEVEL_SEPARATOR = "/"


@dataclass(frozen=True)
class ColumnRoles:
    """Column index per role (None when the table has no such column) and level columns."""

    dimension: int | None = None
    number: int | None = None
    criterion: int | None = None
    points: int | None = None
    rules: int | None = None
    levels: dict[str, int] = field(default_factory=dict)


def role_from_header(header: str) -> str | None:
    """The role a header's words name: `创建标准` → criterion, `得分（分）` → score."""
    compact = "".join(header.split())
    for role, words in ROLE_KEYWORDS:
        if any(word in compact for word in words):
            return role
    return None


def level_columns(header: list[str]) -> dict[str, int]:
    """Grade columns: `权重分/合格`, `权重分/一般` → {"合格": i, "一般": j}; bare 合格 too."""
    by_parent: dict[str, list[int]] = {}
    levels: dict[str, int] = {}
    for index, text in enumerate(header):
        compact = "".join(text.split())
        parent, _, leaf = compact.rpartition(HEADER_LEVEL_SEPARATOR)
        if parent and leaf:
            by_parent.setdefault(parent, []).append(index)
        elif compact in LEVEL_WORDS:
            levels[compact] = index
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


def assign_roles(header: list[str], body: list[list[str]]) -> ColumnRoles:
    """Roles of a table's columns from its header, with item numbers recognised by content.

    `body` is the item rows (total rows left out); the first column of each role wins,
    except that a second dimension-like column becomes the criterion when none is named.
    """
    levels = level_columns(header)
    level_indexes = set(levels.values())
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        if index in level_indexes:
            continue
        role = role_from_header(text)
        column = [row[index] if index < len(row) else "" for row in body]
        if role != "number" and untitled_or_repeated(header, index):
            if looks_like_numbering(column):
                role = "number"
        if role is not None and role not in found:
            found[role] = index
        elif role == "dimension" and "criterion" not in found:
            # A second 内容-like column under a first (项目 | 考核内容) holds the criteria.
            found["criterion"] = index
    return ColumnRoles(
        dimension=found.get("dimension"),
        number=found.get("number"),
        criterion=found.get("criterion"),
        points=found.get("points"),
        rules=found.get("rules"),
        levels=levels,
    )
