"""Chinese numerals read as numbers: `二〇二一` → 2021, `二十一` → 21, `六十五点五` → 65.5.

One implementation for every stage that meets a numeral written in Chinese: dates and
figures (`fields/dates.py`), heading numbers (`structure/sections.py`) and deduction points
(`fields/rubric/rules.py`). It sits at the package top so that `structure` need not import
from `fields`. The inverse, an int written as Chinese list numbering, is the docx reader's
`chinese_counting`.

Both readers return None, never raise, for text that is not a numeral.
"""

from __future__ import annotations

import re

# Chinese digits, positional or before a unit: 二〇二一 (also with ○, the white circle often
# typed for 〇), 二零二二, 六十, 两个.
CHINESE_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Chinese multipliers: 十 in 二十一, 百 in 一百, 千 in 一千, 万 in 一万.
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}

# A whole Chinese number, optionally with a decimal part: 六十, 二十一, 一百, 六十五点五.
CHINESE_NUMBER_PATTERN = re.compile(
    r"[〇○零一二两三四五六七八九十百千万]+(?:点[〇○零一二三四五六七八九]+)?"
)


def parse_chinese_number(text: str) -> float | None:
    """The value of a Chinese numeral, decimals after 点 included.

    `六十` → 60.0, `二十一` → 21.0, `一百` → 100.0, `二〇二一` → 2021.0, `六十五点五` → 65.5.
    None when `text` as a whole is not a numeral (CHINESE_NUMBER_PATTERN): ``, `六十a`, `点五`.
    """
    if not text or not CHINESE_NUMBER_PATTERN.fullmatch(text):
        return None
    whole, _, fraction = text.partition("点")
    value = chinese_integer(whole)
    if value is None:
        return None
    if fraction:
        digits = "".join(str(CHINESE_DIGITS[ch]) for ch in fraction)
        return value + float(f"0.{digits}")
    return float(value)


def chinese_integer(text: str) -> int | None:
    """An integer written in Chinese, positional or with units.

    Positional when `text` has no unit: `二〇二一` → 2021, `两` → 2. With units: `十` → 10,
    `二十一` → 21, `一百零五` → 105, `一万二千` → 12000. None for empty text or a character
    outside CHINESE_DIGITS and CHINESE_UNITS (`2十`, `点`); the order of units is not checked.
    """
    if not text or any(ch not in CHINESE_DIGITS and ch not in CHINESE_UNITS for ch in text):
        return None
    if not any(ch in CHINESE_UNITS for ch in text):
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch == "万":
            total = (total + section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * CHINESE_UNITS[ch]
            digit = None
    return total + section + (digit or 0)


# A year as plans write it, in digits or in Chinese numerals, as a pattern fragment:
# 2021 / 二〇二一 / 二○二一 (the white circle typed for 〇) / 二零二一
YEAR_NUMBER = r"(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3}"


def year_value(text: str) -> int | None:
    """The year a YEAR_NUMBER match stands for: `2021` → 2021, `二〇二一` → 2021; else None."""
    if text.isdigit():
        return int(text)
    value = chinese_integer(text)
    return value if value is not None and 1900 <= value <= 2099 else None


# The measure words that count things: 个 所 项 名 人 家 座 张 套 户 处 条 …, and the units that
# measure a quantity, which a target's `count` holds in that unit: 公里 亩 平方米 公顷 吨 斤
# 千瓦, a concentration 微克/立方米 (a pattern fragment); 部 counts lifts (加装电梯1500部), not
# bodies (5部门, 3部委), 株/棵 trees
MEASURE_WORDS = (
    r"(?:个|所|项|名|位|人次|人|家|座|平方公里|公里|千米|亩|张|套|户|处|条|支|台|辆|栋|间|株|棵"
    r"|部(?![门委分署级])"
    r"|平方米|立方米|公顷|吨|公斤|千克|斤|千瓦时|千瓦|微克/立方米)"
)
# what 万 and 亿 after a number multiply it by: 1.5万个 → 15000
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
