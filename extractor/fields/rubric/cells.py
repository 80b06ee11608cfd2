"""What one cell of a scoring table says: a point value, a subtotal, a scoring note, a total.

Dimension names lose their own numbering and subtotal (`（一）建立健全…机制（20分）` →
name `建立健全…机制`, points 20): the numbering is layout, like a heading's number, and
dropping it lets the same dimension compare equal across plans numbered differently.
"""

from __future__ import annotations

import re

from extractor.numerals import chinese_integer
from extractor.vocabulary import GRAND_TOTAL_WORD, TOTAL_SUFFIX, TOTAL_WORD

NUMBER = r"\d+(?:\.\d+)?"
CHINESE_DIGITS = "一二三四五六七八九十"

# A cell holding only a point value: 5, 3.5, 6分
POINTS_VALUE = re.compile(rf"\s*(?P<points>{NUMBER})\s*分?\s*")

# A subtotal at the end of a dimension cell: …整治机制（20分）, …机制(20分), （满分20分）,
# （共20分）, （分值：20分）, and a bonus dimension's most: 加分项（最高加10分）
SUBTOTAL = re.compile(
    r"\s*[（(]\s*(?:(?:满分|共|计|合计|分值|最高加|最多加|加分上限)\s*[：:为]?\s*)?"
    rf"(?P<points>{NUMBER})\s*分\s*[）)]\s*$"
)

# A stated total inside a header or title: 标准分（100分）, 分值（满分110分）
HEADER_TOTAL = re.compile(rf"[（(]\s*(?:满分|总分|共|合计)?\s*(?P<points>{NUMBER})\s*分\s*[）)]")

# A dimension's own numbering: （一）, (二), 一、, 1．, 2., 第一部分
DIMENSION_NUMBERING = re.compile(
    rf"^\s*(?:[（(]\s*[{CHINESE_DIGITS}]+\s*[）)]|[{CHINESE_DIGITS}]+\s*[、．.]"
    rf"|第[{CHINESE_DIGITS}]+(?:部分|项|类|篇)\s*[、：:]?|\d{{1,2}}\s*[、．.](?!\d))\s*"
)

# A 序号 cell numbering a dimension row, not an item: 一、, 二, （三）, (四), 第一部分
DIMENSION_NUMBER_CELL = re.compile(
    rf"\s*(?:[{CHINESE_DIGITS}]+\s*[、．.]?|[（(]\s*[{CHINESE_DIGITS}]+\s*[）)]"
    rf"|第[{CHINESE_DIGITS}]+(?:部分|项|类|篇))\s*"
)

# The kinds of numbering a 序号 cell may hold, tried in order: 第一部分, （一）, 一、 / 二, 1 /
# 1. / （2）
NUMBERING_KINDS: tuple[tuple[str, str], ...] = (
    ("part", rf"\s*第[{CHINESE_DIGITS}]+(?:部分|项|类|篇)\s*"),
    ("bracketed", rf"\s*[（(]\s*[{CHINESE_DIGITS}]+\s*[）)]\s*"),
    ("chinese", rf"\s*[{CHINESE_DIGITS}]+\s*[、．.]?\s*"),
    ("arabic", r"\s*[（(]?\s*\d{1,3}\s*[）)]?\s*[.．、]?\s*"),
)
# all kinds in one pattern, a group each: a full match's group is the first kind that fits
NUMBERING_KIND_PATTERN = re.compile(
    "|".join(f"(?P<{kind}>{body})" for kind, body in NUMBERING_KINDS)
)

# A label opening with a dimension's Chinese numbering: 一、组织领导, （二）日常工作, 第一部分
DIMENSION_LABEL = re.compile(
    rf"^\s*(?:[{CHINESE_DIGITS}]+\s*[、．.]|[（(]\s*[{CHINESE_DIGITS}]+\s*[）)]"
    rf"|第[{CHINESE_DIGITS}]+(?:部分|项|类|篇))"
)

# A trailing scoring hint in a criterion: …停车秩序规范（划线、编号…停放得5分）,
# …光伏设施（实施得1分，仅有方案不得分）, …安防系统（损坏一处扣1分）
SCORING_NOTE = re.compile(
    rf"\s*[（(](?P<note>[^（）()]*?(?:[得扣]\s*(?:{NUMBER}|[一二三四五六七八九十])\s*分"
    r"|不得分|得满分)[^（）()]*)[）)]\s*$"
)

# An item number as written: 1, 12, 1., 1．, 1、, （3）
ITEM_NUMBER = re.compile(r"\s*[（(]?\s*(?P<value>\d{1,3})\s*[）)]?\s*[.．、]?\s*")

# The label of a total row, from the shared total words (extractor.vocabulary): 合计,
# 合计分值, 总计, 总分, 合  计, 总 分, 小计, 考核总分, 总分（100分）
TOTAL_LABEL = re.compile(
    rf"\s*[^\s\d]{{0,4}}?(?:{TOTAL_WORD})(?:{TOTAL_SUFFIX})?\s*(?:[（(][^（）()]*[）)])?\s*"
)
# … of the whole table (not a 小计): 合计, 总分, 总 计
GRAND_TOTAL_LABEL = re.compile(rf".*?(?:{GRAND_TOTAL_WORD})")

# A bonus dimension or item by its label: 附加, 附加分, 加分项, 加分项目, 奖励分, 另加,
# 奖扣分项目 (awards and deductions together: bonus, its 扣 clauses are its rules)
BONUS = re.compile(r"附加|加分项|^\s*加分|奖励分|奖励项|奖扣|奖惩|另加")

# An award written in a criterion or rule, making a pointless row a bonus item:
# 分别奖10分、5分、3分, 分别加5分、3分、2分, 另加2分, 奖励3分
AWARD = re.compile(rf"(?:分别|另|再)(?:奖励?|加)\s*(?:{NUMBER})\s*分|奖励?\s*(?:{NUMBER})\s*分")

# A points cell of a bonus row written as the award: 另加5分, 加3分, 奖励2分, +5
AWARD_CELL = re.compile(rf"\s*(?:另|再)?(?:加|奖励?|[+＋])?\s*(?P<points>{NUMBER})\s*分?\s*")

# A penalty-only dimension or item: 扣分项, 扣分项目, 减分项目, 一票否决, 否决项, 倒扣分
PENALTY = re.compile(r"扣分项|减分项|一票否决|否决项|倒扣")

# Points a criterion or rule states for the whole item: 满分10分, 共15分, 总分为20分
STATED_FULL_POINTS = re.compile(rf"(?:满分|共|合计|总分)\s*(?:为|是)?\s*(?P<points>{NUMBER})\s*分")

# Points in brackets after a part of the text: （8分）, (30分), （3分，少一次扣1分）
BRACKETED_POINTS = re.compile(
    rf"[（(]\s*(?P<points>{NUMBER})\s*分\s*(?:[，,；;：:][^（）()]*)?[）)]"
)

# Figures that are not the item's points: deductions (扣1分, 扣1-3分), awards (奖10分、5分),
# thresholds (60分以上, 低于80分)
OTHER_POINTS = re.compile(
    rf"(?:扣(?:除)?|减)\s*(?:{NUMBER})\s*(?:[-—–~～至到]\s*(?:{NUMBER})\s*)?分"
    rf"|(?:奖励?|加)\s*(?:{NUMBER})\s*分(?:\s*[、，]\s*(?:{NUMBER})\s*分)*"
    rf"|(?:{NUMBER})\s*分\s*(?:及|或)?(?:以上|以下)|(?:低于|高于|不足|超过)\s*(?:{NUMBER})\s*分"
)

# Any figure of points: 5分, 0.5分
ANY_POINTS = re.compile(rf"(?:{NUMBER})\s*分")


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


def numbering_value(text: str) -> int | None:
    """The integer of a number in any kind of numbering: `12` → 12, `（三）` → 3, `二、`
    → 2, `第一部分` → 1; else None."""
    value = item_number_value(text)
    if value is not None or numbering_kind(text) is None:
        return value
    digits = "".join(char for char in text if char in CHINESE_DIGITS)
    return chinese_integer(digits)


def is_total_label(text: str) -> bool:
    """True for a total row's label: `合计`, `合计分值`, `总计`, `总 分`, `小计`."""
    return bool(TOTAL_LABEL.fullmatch(text))


def is_grand_total_label(text: str) -> bool:
    """True for the label of the whole table's total: `合计`, `总分`; False for `小计`."""
    return is_total_label(text) and bool(GRAND_TOTAL_LABEL.match(text))


def is_bonus(text: str) -> bool:
    """True for a cell marking bonus points: `附加`, `附加分`, `加分项`, `奖扣分项目`."""
    return bool(BONUS.search(text))


def awards_points(text: str) -> bool:
    """True for a text that awards points: `分别奖10分、5分、3分`, `另加2分`."""
    return bool(AWARD.search(text))


def award_points(text: str) -> float | None:
    """The points a bonus row's points cell awards: `另加5分` → 5.0, `+3` → 3.0; None for
    anything else (`另加`, `酌情加分`)."""
    match = AWARD_CELL.fullmatch(text)
    return float(match.group("points")) if match else None


def is_penalty(text: str) -> bool:
    """True for a cell marking a penalty-only row: `扣分项`, `一票否决`."""
    return bool(PENALTY.search(text))


def is_dimension_number(text: str) -> bool:
    """True for a 序号 cell numbering a dimension: `一、`, `（二）`, `第一部分`; not `1`."""
    return bool(DIMENSION_NUMBER_CELL.fullmatch(text))


def numbering_kind(text: str) -> str | None:
    """The kind of a 序号 cell's numbering: `第一部分` → part, `（一）` → bracketed, `一、`
    → chinese, `1`/`（2）` → arabic; None for anything else."""
    match = NUMBERING_KIND_PATTERN.fullmatch(text)
    return match.lastgroup if match else None


def has_dimension_numbering(text: str) -> bool:
    """True for a label opening with a dimension's numbering: `一、组织领导（20分）`."""
    return bool(DIMENSION_LABEL.match(text))


def points_in_text(text: str) -> tuple[float | None, bool]:
    """The points a criterion or rule text states for its item, and whether it states any.

    `满分10分` → (10, True); `…（8分）` → (8, True); `1.甲（15分）；2.乙（20分）` → (35, True)
    (the parts' sum); `达到90%得6分，80%得4分` → (None, True): figures that could be the
    points but are not stated as such; deductions, awards and thresholds are no points:
    `每少一次扣1分` → (None, False).
    """
    full = {float(m.group("points")) for m in STATED_FULL_POINTS.finditer(text)}
    if full:
        return (full.pop(), True) if len(full) == 1 else (None, True)
    bracketed = [float(m.group("points")) for m in BRACKETED_POINTS.finditer(text)]
    rest = OTHER_POINTS.sub("", BRACKETED_POINTS.sub("", text))
    if ANY_POINTS.search(rest):
        return None, True
    if bracketed:
        return sum(bracketed), True
    return None, False
