"""What one cell of a scoring table says: a point value, a subtotal, a scoring note, a total.

Dimension names lose their own numbering and subtotal (`（一）建立健全…机制（20分）` →
name `建立健全…机制`, points 20): the numbering is layout, like a heading's number, and
dropping it lets the same dimension compare equal across plans numbered differently.
"""

from __future__ import annotations

import re

NUMBER = r"\d+(?:\.\d+)?"

# A cell holding only a point value: 5, 3.5, 6分
POINTS_VALUE = re.compile(rf"\s*(?P<points>{NUMBER})\s*分?\s*")

# A subtotal at the end of a dimension cell: …整治机制（20分）, …机制(20分)
SUBTOTAL = re.compile(rf"\s*[（(]\s*(?P<points>{NUMBER})\s*分\s*[）)]\s*$")

# A stated total inside a header or title: 标准分（100分）, 分值（满分110分）
HEADER_TOTAL = re.compile(rf"[（(]\s*(?:满分|总分|共|合计)?\s*(?P<points>{NUMBER})\s*分\s*[）)]")

# A dimension's own numbering: （一）, (二), 一、, 1．, 2.
DIMENSION_NUMBERING = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、．.]"
    r"|\d{1,2}\s*[、．.](?!\d))\s*"
)

# A trailing scoring hint in a criterion: …停车秩序规范（划线、编号…停放得5分）,
# …光伏设施（实施得1分，仅有方案不得分）, …安防系统（损坏一处扣1分）
SCORING_NOTE = re.compile(
    rf"\s*[（(](?P<note>[^（）()]*?(?:[得扣]\s*(?:{NUMBER}|[一二三四五六七八九十])\s*分"
    r"|不得分|得满分)[^（）()]*)[）)]\s*$"
)

# An item number as written: 1, 12, 1., 1．, 1、, （3）
ITEM_NUMBER = re.compile(r"\s*[（(]?\s*(?P<value>\d{1,3})\s*[）)]?\s*[.．、]?\s*")

# The label of a total row: 合计, 合计分值, 总计, 总分, 合  计
TOTAL_LABEL = re.compile(r"\s*(?:合\s*计|总\s*计|总\s*分)(?:分值|分数|得分)?\s*")

# A bonus dimension or item: 附加, 附加分, 附加项, 加分项
BONUS = re.compile(r"附加|加分项")


def parse_points(text: str) -> float | None:
    """`5` → 5.0, `3.5` → 3.5, `6分` → 6.0; None for anything else (blank, words)."""
    match = POINTS_VALUE.fullmatch(text)
    return float(match.group("points")) if match else None


def split_subtotal(text: str) -> tuple[str, float | None]:
    """`…整治机制（20分）` → (`…整治机制`, 20.0); text without a subtotal → (text, None)."""
    match = SUBTOTAL.search(text)
    if not match:
        return text.strip(), None
    return text[: match.start()].strip(), float(match.group("points"))


def dimension_name(text: str) -> str:
    """A dimension cell without its numbering and subtotal: `（一）…机制（20分）` → `…机制`."""
    name, _ = split_subtotal(text)
    return DIMENSION_NUMBERING.sub("", name, count=1).strip()


def header_total(text: str) -> float | None:
    """The total a header states: `标准分（100分）` → 100.0; `得分（分）` → None."""
    match = HEADER_TOTAL.search(text)
    return float(match.group("points")) if match else None


def split_note(text: str) -> tuple[str, str | None]:
    """`社区停车秩序规范（…停放得5分）` → (`社区停车秩序规范`, `…停放得5分`); else (text, None)."""
    match = SCORING_NOTE.search(text)
    if not match or not text[: match.start()].strip():
        return text.strip(), None
    return text[: match.start()].strip(), match.group("note").strip()


def item_number_value(text: str) -> int | None:
    """The integer of an item number: `12` → 12, `（3）` → 3, `1．` → 1; else None."""
    match = ITEM_NUMBER.fullmatch(text)
    return int(match.group("value")) if match else None


def is_total_label(text: str) -> bool:
    """True for a total row's label: `合计`, `合计分值`, `总计`."""
    return bool(TOTAL_LABEL.fullmatch(text))


def is_bonus(text: str) -> bool:
    """True for a cell marking bonus points: `附加`, `附加分`, `加分项`."""
    return bool(BONUS.search(text))
