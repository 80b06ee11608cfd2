"""Chinese date expressions and numerals: `2021年3月底前`, `二〇二一年`, `11月下旬`, `百分之六十`.

A date expression is parsed into `DateParts` (what the text says) and then resolved to a
`datetime.date` by its role (CONTRACT.md): a start takes the first day of a month or year,
an end or a deadline the last one; a part the text leaves out (the year of `10月底`) comes
from a `context_year` the caller found in the surrounding text, or the result is None.
Nothing here ever looks at today's date.
Chinese numerals themselves (`六十`, `二〇二一`) are read by `extractor.numerals`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from extractor.lookahead import led_by
from extractor.normalize import HAN
from extractor.numerals import YEAR_NUMBER, parse_chinese_number, year_value

DateRole = Literal["start", "end", "deadline"]

# A year: 2021年, 二〇二一年 / 二○二一年 / 二零二一年 (numerals.YEAR_NUMBER), or one whose last
# digits are unknown, 202x年 / 20XX年
YEAR_PATTERN = rf"(?:{YEAR_NUMBER}|\d{{2}}[\dxX][xX]|\d{{3}}[xX])年"
# A month: 3月, 12月, 十二月 (a Chinese-numeral month only after a year, see DATE_PATTERN).
ASCII_MONTH = r"(?:1[0-2]|0?[1-9])月"
CHINESE_MONTH_NUMBER = r"(?:十[一二]?|[一二三四五六七八九])"
CHINESE_MONTH = rf"{CHINESE_MONTH_NUMBER}月"
# A day: 15日, 1号, 三十一日.
ASCII_DAY = r"(?:3[01]|[12]\d|0?[1-9])[日号]"
CHINESE_DAY_NUMBER = (
    r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
CHINESE_DAY = rf"{CHINESE_DAY_NUMBER}[日号]"
# A part of a month or year: 底/末 (end), 初 (start), 上旬/中旬/下旬 (ten-day periods), and of
# a year: 上半年/下半年 (halves), 一季度/第三季度 (quarters). 初 followed by 步/级/中… is
# another word: 2020年初步建成 is 2020 (then 初步, "initially"), 2021年初中毕业生 is 2021.
PART_PATTERN = (
    r"(?:底|末|初(?![步级中次审稿选评])|上旬|中旬|下旬|上半年|下半年|第?[一二三四1-4]季度)"
)
# The halves and quarters of a year, as (first month, last month): 上半年 → 1–6, 三季度 → 7–9
HALF_YEARS = {"上半年": (1, 6), "下半年": (7, 12)}
QUARTER_PATTERN = re.compile(r"第?([一二三四1-4])季度")

# One date expression: 2021年, 2021年底, 2021年3月, 2021年3月底, 2021年12月15日, 二〇二一年
# 十二月, 10月底, 11月下旬, 10月15日, 2019年上半年. A bare month must be written in digits so
# that words such as 统一月报 are not read as January.
# (every date opens with a digit or, as a year in Chinese numerals, with 一 or 二)
DATE_FIRST_CHARS = r"\d一二"
DATE_PATTERN = re.compile(
    led_by(
        DATE_FIRST_CHARS,
        rf"(?<![\d〇○零一二三四五六七八九十xX])"
        rf"(?:{YEAR_PATTERN}(?:(?:{ASCII_MONTH}|{CHINESE_MONTH})(?:{ASCII_DAY}|{CHINESE_DAY})?)?"
        rf"|{ASCII_MONTH}(?:{ASCII_DAY})?)"
        rf"{PART_PATTERN}?",
    )
)
# The pieces of one matched date expression: 2021年 | 12月 | 15日 | 底 (spaces allowed, as a
# signature line may print them: 2023 年 10 月 16 日).
YEAR_PART = re.compile(r"([\dxX〇○零一二三四五六七八九]{4})\s*年")
MONTH_PART = re.compile(r"(?:年|^)\s*(\d{1,2}|[十一二三四五六七八九]{1,2})\s*月")
DAY_PART = re.compile(r"月\s*(\d{1,2}|[十一二三四五六七八九]{1,3})\s*[日号]")
TAIL_PART = re.compile(rf"({PART_PATTERN})$")
# A whole day, as a signature or a printing line writes it: 2022年1月7日 / 二〇二二年一月七日 /
# 二○二三年十月十六日 / 2023 年 10 月 16 日
FULL_DATE = (
    rf"(?:{YEAR_NUMBER})\s*年\s*(?:\d{{1,2}}|{CHINESE_MONTH_NUMBER})\s*月\s*"
    rf"(?:\d{{1,2}}|{CHINESE_DAY_NUMBER})\s*日"
)
# A line that is only a date, no title nor a sentence: 2022年1月7日 / 二〇二二年一月七日印发 /
# 2023年10月 (a month printed under a title)
DATE_LINE_PATTERN = re.compile(
    rf"^(?:{FULL_DATE}|(?:{YEAR_NUMBER})\s*年\s*(?:\d{{1,2}}|{CHINESE_MONTH_NUMBER})\s*月)"
    r"\s*(?:印发|发布)?$"
)

# What follows a dated 前 that makes the date a noun's qualifier, neither a deadline nor a
# goal's year: 2000年底前建成的小区, 2023年底前已完成的项目 — a verb of one or two characters
# right before 的, then the noun; not a verb with its object (前完成全县的摸底调查) nor a 将
# that fronts the object (前将整改的结果报送); also a state reached by then, whatever its
# length: 8月31日前年满6周岁的儿童, 2023年底前已取得证书的人员
QUALIFIED_NOUN_AFTER_DATE_PATTERN = re.compile(
    rf"(?:(?:已经?|所)?(?![将要应须并把对向])(?:{HAN}){{1,2}}"
    r"|(?:已经?|年满|已满|未满|不满)[^，,；;。！？的]{1,10})的(?![，,；;。！？])"
)

# A period running from now, its start the plan's day: 即日起至2024年3月 / 自即日起到3月底
FROM_NOW_PATTERN = re.compile(r"(?:自|从)?即日起?\s*(?:至|到)\s*")
# Between the two ends of a period: 2020年11月至2021年6月, 4月—6月, 2021年4月到12月.
RANGE_SEPARATOR = r"\s*(?:至|到|—{1,2}|－|-|–|~|～)\s*"
# A month range written with one 月 after a year: 2024年1—3月, 2024年4至6月 (the first month's
# 月 left out: parse_period reads it as 2024年1月—3月)
MONTH_RANGE_PATTERN = re.compile(rf"(?<=年)(\d{{1,2}})(?={RANGE_SEPARATOR}\d{{1,2}}\s*月)")
# Words after a date that leave the period open: 2022年12月以后, 2021年12月起.
OPEN_END_PATTERN = re.compile(r"(?:以后|之后|后|起|开始|以来)")


@dataclass(frozen=True)
class DateParts:
    """What a date expression says, before it is resolved to a day.

    `year_unknown` is True for 202x年 / 20XX年 (a year the text does not give);
    `part` is 底/末/初/上旬/中旬/下旬 or None.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    year_unknown: bool = False


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: its parts and its `[start, end)` span."""

    parts: DateParts
    start: int
    end: int


def qualifies_noun_after(text: str, offset: int, end: int) -> bool:
    """True when the words at `offset` (just past a date's 前) make the date qualify a noun:
    `…2000年底前|建成的小区` yes, `…2024年6月底前|完成设施选址` no."""
    return bool(QUALIFIED_NOUN_AFTER_DATE_PATTERN.match(text, offset, end))


def parse_number(text: str) -> float | None:
    """A figure written in ASCII digits (`30`, `12.5`) or Chinese (`六十`); None otherwise."""
    try:
        return float(text)
    except ValueError:
        return parse_chinese_number(text)


def parse_year(text: str) -> tuple[int | None, bool]:
    """The year of `2021`/`二〇二一` as `(2021, False)`; `202x`/`20XX` as `(None, True)`."""
    if re.search(r"[xX]", text):
        return None, True
    return year_value(text), False


def date_parts(expression: str) -> DateParts:
    """The parts of one date expression as matched by DATE_PATTERN: `2021年3月底` → 2021, 3, 底."""
    year, unknown = None, False
    if found := YEAR_PART.search(expression):
        year, unknown = parse_year(found.group(1))
    month = day = None
    if found := MONTH_PART.search(expression):
        month = _small_number(found.group(1))
    if found := DAY_PART.search(expression):
        day = _small_number(found.group(1))
    tail = TAIL_PART.search(expression)
    return DateParts(
        year=year,
        month=month,
        day=day,
        part=tail.group(1) if tail else None,
        year_unknown=unknown,
    )


def full_date(expression: str) -> dt.date | None:
    """The day a whole date (FULL_DATE) names: `二〇二二年一月七日` → 2022-01-07, `2023 年 10 月
    16 日` → 2023-10-16; None when a part is missing or the day does not exist (2月30日)."""
    parts = date_parts(expression)
    if parts.year is None or parts.month is None or parts.day is None:
        return None
    return resolve_date(parts, "deadline")


def _small_number(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None else None


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in `text`, in order, with its span."""
    return [
        DateMatch(parts=date_parts(m.group(0)), start=m.start(), end=m.end())
        for m in DATE_PATTERN.finditer(text)
    ]


def last_day_of_month(year: int, month: int) -> int:
    """31 for 2021-03, 28 for 2021-02."""
    return calendar.monthrange(year, month)[1]


def resolve_date(
    parts: DateParts, role: DateRole, context_year: int | None = None
) -> dt.date | None:
    """The day a date expression stands for in `role`; None where the text cannot say.

    `2021年4月` start → 2021-04-01, end → 2021-04-30; `2021年3月底` end → 2021-03-31;
    `2022年底` end → 2022-12-31; `11月下旬` end → the 30th; the year of a month-only
    expression is `context_year`. 初 as an end and 底 as a start are too vague → None.
    """
    if parts.year_unknown:
        return None
    year = parts.year if parts.year is not None else context_year
    if year is None:
        return None
    is_start = role == "start"
    try:
        if parts.month is None:
            return _resolve_year_only(year, parts.part, is_start)
        if parts.day is not None:
            return dt.date(year, parts.month, parts.day)
        return _resolve_month(year, parts.month, parts.part, is_start)
    except ValueError:
        return None


def _resolve_year_only(year: int, part: str | None, is_start: bool) -> dt.date | None:
    if part is None:
        return dt.date(year, 1, 1) if is_start else dt.date(year, 12, 31)
    if part in ("底", "末"):
        return None if is_start else dt.date(year, 12, 31)
    if part == "初":
        return dt.date(year, 1, 1) if is_start else None
    if (months := year_part_months(part)) is not None:
        first, last = months
        return (
            dt.date(year, first, 1)
            if is_start
            else dt.date(year, last, last_day_of_month(year, last))
        )
    return None


def year_part_months(part: str) -> tuple[int, int] | None:
    """The first and last month of a half or a quarter of a year: `上半年` → (1, 6),
    `第三季度` → (7, 9); None for any other part."""
    if part in HALF_YEARS:
        return HALF_YEARS[part]
    if found := QUARTER_PATTERN.fullmatch(part):
        quarter = int(parse_number(found.group(1)) or 1)
        return 3 * quarter - 2, 3 * quarter
    return None


def is_approximate_part(part: str | None) -> bool:
    """True for a part that names a period rather than a day: a ten-day period (`下旬`), a
    half (`上半年`) or a quarter (`一季度`) — a deadline keeps its words as `approximate`."""
    return part is not None and (part.endswith("旬") or year_part_months(part) is not None)


def _resolve_month(year: int, month: int, part: str | None, is_start: bool) -> dt.date | None:
    last = last_day_of_month(year, month)
    days = {
        None: (1, last),
        "底": (None, last),
        "末": (None, last),
        "初": (1, None),
        "上旬": (1, 10),
        "中旬": (11, 20),
        "下旬": (21, last),
    }
    if part not in days:
        return None  # 3月上半年: no part of a month
    first_day, last_day = days[part]
    day = first_day if is_start else last_day
    return dt.date(year, month, day) if day is not None else None


def parse_date_expr(text: str, role: DateRole, context_year: int | None = None) -> dt.date | None:
    """The first date expression in `text`, resolved for `role`.

    `parse_date_expr("2021年3月底前", "end")` → 2021-03-31; `("10月底前", "deadline", 2022)`
    → 2022-10-31; an expression followed by 以后/起 is an open end: None as an end.
    """
    found = DATE_PATTERN.search(text)
    if found is None:
        return None
    if role != "start" and OPEN_END_PATTERN.match(text, found.end()):
        return None
    return resolve_date(date_parts(found.group(0)), role, context_year)


# A whole period label: 2020年11月至2021年6月, 2021年4月至12月, 2021年3月底前, 2022年12月以后,
# 2021年12月1日至2022年1月31日, 2022年11月1日至2022年12月底, 2021年.
PERIOD_PATTERN = re.compile(
    rf"(?P<first>{DATE_PATTERN.pattern})"  # led by DATE_PATTERN's look-ahead
    rf"(?:{RANGE_SEPARATOR}(?P<second>{DATE_PATTERN.pattern})"
    rf"|(?P<before>之前|以前|前)|(?P<after>以后|之后|起|开始))?"
)


def parse_period(
    text: str, context_year: int | None = None, whole: bool = False
) -> tuple[dt.date | None, dt.date | None] | None:
    """`(start, end)` of the first period in `text`, or None when there is none.

    `2021年4月至12月` → (2021-04-01, 2021-12-31), the second end taking the first's year
    (`2024年1—3月` the same as `2024年1月—3月`); `2021年3月底前` → (None, 2021-03-31);
    `2022年12月以后` → (2022-12-01, None). With `whole=True` the text must be the period and
    nothing else (a heading's parentheses), where `即日起至2024年3月` → (None, 2024-03-31).
    """
    text = MONTH_RANGE_PATTERN.sub(r"\g<1>月", text)  # 2024年1—3月: as 2024年1月—3月
    if whole and (opening := FROM_NOW_PATTERN.match(text.strip())):
        end = parse_period(text.strip()[opening.end() :], context_year, whole=True)
        return (None, end[1] if end[1] is not None else end[0]) if end else None
    found = PERIOD_PATTERN.fullmatch(text.strip()) if whole else PERIOD_PATTERN.search(text)
    if found is None:
        return None
    first = date_parts(found.group("first"))
    if found.group("second"):
        second = date_parts(found.group("second"))
        year = first.year if first.year is not None else context_year
        return resolve_date(first, "start", context_year), resolve_date(second, "end", year)
    if found.group("before"):
        return None, resolve_date(first, "end", context_year)
    if found.group("after"):
        return resolve_date(first, "start", context_year), None
    return resolve_date(first, "start", context_year), resolve_date(first, "end", context_year)


def is_ranged_period(text: str) -> bool:
    """True when `text` holds a period with a marked end: `X至Y`, `X前`, `X以后`."""
    return any(
        m.group("second") or m.group("before") or m.group("after")
        for m in PERIOD_PATTERN.finditer(text)
    )
