"""Tests of extractor.fields.dates: Chinese date expressions, periods and figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from extractor.fields.dates import (
    DATE_LINE_PATTERN,
    DATE_PATTERN,
    FULL_DATE,
    DateParts,
    date_parts,
    find_dates,
    full_date,
    is_approximate_part,
    is_ranged_period,
    last_day_of_month,
    parse_date_expr,
    parse_number,
    parse_period,
    parse_year,
    qualifies_noun_after,
    resolve_date,
    year_part_months,
)

D = dt.date


def test_parse_number_reads_digits_and_words() -> None:
    assert parse_number("30") == 30.0
    assert parse_number("12.5") == 12.5
    assert parse_number("六十") == 60.0
    assert parse_number("多个") is None


def test_parse_year_known_and_unknown() -> None:
    assert parse_year("2021") == (2021, False)
    assert parse_year("二〇二一") == (2021, False)
    assert parse_year("202x") == (None, True)
    assert parse_year("20XX") == (None, True)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("到2021年底，全县", "2021年底"),
        ("2021年3月底前", "2021年3月底"),
        ("在2021年12月15日前", "2021年12月15日"),
        ("每年10月15日前", "10月15日"),
        ("11月下旬，市", "11月下旬"),
        ("二〇二一年十二月", "二〇二一年十二月"),
        ("到202x年底", "202x年底"),
        ("20XX年", "20XX年"),
        ("于10月1号前", "10月1号"),
        ("2022年初", "2022年初"),
        ("3月上旬", "3月上旬"),
        ("5月中旬", "5月中旬"),
    ],
)
def test_date_pattern_matches(text: str, match: str) -> None:
    found = DATE_PATTERN.search(text)
    assert found is not None
    assert found.group(0) == match


@pytest.mark.parametrize("text", ["统一月报", "3年工作", "12个月内", "第20210号", "30%以上"])
def test_date_pattern_no_match(text: str) -> None:
    assert DATE_PATTERN.search(text) is None


def test_date_parts() -> None:
    assert date_parts("2021年3月底") == DateParts(year=2021, month=3, part="底")
    assert date_parts("2021年12月15日") == DateParts(year=2021, month=12, day=15)
    assert date_parts("11月下旬") == DateParts(month=11, part="下旬")
    assert date_parts("二〇二一年十二月三十一日") == DateParts(year=2021, month=12, day=31)
    assert date_parts("202x年底") == DateParts(part="底", year_unknown=True)
    assert date_parts("2022年") == DateParts(year=2022)


def test_find_dates_gives_spans() -> None:
    text = "（2020年11月至2021年6月）"
    found = find_dates(text)
    assert [(m.start, m.end) for m in found] == [(1, 9), (10, 17)]
    assert [text[m.start : m.end] for m in found] == ["2020年11月", "2021年6月"]


@pytest.mark.parametrize(
    ("parts", "role", "context", "expected"),
    [
        (DateParts(year=2021, month=4), "start", None, D(2021, 4, 1)),
        (DateParts(year=2021, month=4), "end", None, D(2021, 4, 30)),
        (DateParts(year=2021, month=2), "deadline", None, D(2021, 2, 28)),
        (DateParts(year=2021, month=3, part="底"), "deadline", None, D(2021, 3, 31)),
        (DateParts(year=2022, part="底"), "end", None, D(2022, 12, 31)),
        (DateParts(year=2022), "start", None, D(2022, 1, 1)),
        (DateParts(year=2022), "end", None, D(2022, 12, 31)),
        (DateParts(month=10, part="底"), "deadline", 2022, D(2022, 10, 31)),
        (DateParts(month=10, part="底"), "deadline", None, None),
        (DateParts(month=11, part="下旬"), "end", 2021, D(2021, 11, 30)),
        (DateParts(month=11, part="下旬"), "start", 2021, D(2021, 11, 21)),
        (DateParts(month=11, part="中旬"), "end", 2021, D(2021, 11, 20)),
        (DateParts(month=11, part="上旬"), "end", 2021, D(2021, 11, 10)),
        (DateParts(month=3, part="初"), "start", 2021, D(2021, 3, 1)),
        (DateParts(month=3, part="初"), "end", 2021, None),
        (DateParts(year=2021, month=3, part="底"), "start", None, None),
        (DateParts(year=2021, month=12, day=15), "start", None, D(2021, 12, 15)),
        (DateParts(year=2021, month=2, day=30), "end", None, None),
        (DateParts(part="底", year_unknown=True), "end", 2021, None),
    ],
)
def test_resolve_date(
    parts: DateParts, role: str, context: int | None, expected: dt.date | None
) -> None:
    assert resolve_date(parts, role, context) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "role", "context", "expected"),
    [
        ("2021年4月", "start", None, D(2021, 4, 1)),
        ("2021年3月底前", "end", None, D(2021, 3, 31)),
        ("到2022年底", "deadline", None, D(2022, 12, 31)),
        ("10月底前", "deadline", 2022, D(2022, 10, 31)),
        ("10月底前", "deadline", None, None),
        ("2022年12月以后", "end", None, None),
        ("2022年12月以后", "start", None, D(2022, 12, 1)),
        ("二〇二一年十二月", "end", None, D(2021, 12, 31)),
        ("没有日期", "end", 2021, None),
    ],
)
def test_parse_date_expr(
    text: str, role: str, context: int | None, expected: dt.date | None
) -> None:
    assert parse_date_expr(text, role, context) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020年11月至2021年6月", (D(2020, 11, 1), D(2021, 6, 30))),
        ("2021年3月底前", (None, D(2021, 3, 31))),
        ("2021年4月至12月", (D(2021, 4, 1), D(2021, 12, 31))),
        ("2022年1月至12月", (D(2022, 1, 1), D(2022, 12, 31))),
        ("2022年12月以后", (D(2022, 12, 1), None)),
        ("2021年12月1日至2022年1月31日", (D(2021, 12, 1), D(2022, 1, 31))),
        ("2022年11月1日至2022年12月底", (D(2022, 11, 1), D(2022, 12, 31))),
        ("2021年4月—6月", (D(2021, 4, 1), D(2021, 6, 30))),
        ("2021年4月-6月", (D(2021, 4, 1), D(2021, 6, 30))),
        ("2021年4月到2021年6月", (D(2021, 4, 1), D(2021, 6, 30))),
        ("2021年12月起", (D(2021, 12, 1), None)),
        ("2021年", (D(2021, 1, 1), D(2021, 12, 31))),
        # a month range with one 月 after the year
        ("2024年1—3月", (D(2024, 1, 1), D(2024, 3, 31))),
        ("2024年4至6月", (D(2024, 4, 1), D(2024, 6, 30))),
        ("2024年10-12月", (D(2024, 10, 1), D(2024, 12, 31))),
        # from now: no start the text gives
        ("即日起至2024年3月", (None, D(2024, 3, 31))),
        ("自即日起到2024年3月底", (None, D(2024, 3, 31))),
        ("即日起至", None),  # no end either
    ],
)
def test_parse_period_whole(text: str, expected: tuple) -> None:
    assert parse_period(text, whole=True) == expected


def test_parse_period_takes_context_year_for_month_only_ends() -> None:
    assert parse_period("4月至6月", 2021, whole=True) == (D(2021, 4, 1), D(2021, 6, 30))
    assert parse_period("4月至6月", whole=True) == (None, None)


def test_parse_period_whole_rejects_other_words() -> None:
    assert parse_period("试行", whole=True) is None
    assert parse_period("详见附件2", whole=True) is None
    assert parse_period("2021年4月，召开动员会", whole=True) is None


def test_parse_period_search_finds_it_inside_a_sentence() -> None:
    assert parse_period("本阶段自2021年4月至6月，全面推开") == (D(2021, 4, 1), D(2021, 6, 30))
    assert parse_period("没有日期") is None


def test_is_ranged_period() -> None:
    assert is_ranged_period("2021年3月至4月，制定方案")
    assert is_ranged_period("2021年3月底前完成")
    assert is_ranged_period("2021年12月以后")
    assert not is_ranged_period("2021年4月，召开动员会")
    assert not is_ranged_period("制定方案")


def test_last_day_of_month() -> None:
    assert last_day_of_month(2021, 2) == 28
    assert last_day_of_month(2020, 2) == 29
    assert last_day_of_month(2021, 12) == 31


# --- Chinese numerals, halves and quarters, 初 as a word ------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("二〇二一年十月底前", "deadline", D(2021, 10, 31)),
        ("二○二一年十月底前", "deadline", D(2021, 10, 31)),
        ("二零二一年十月底前", "deadline", D(2021, 10, 31)),
        ("二〇二三年十月十六日", "deadline", D(2023, 10, 16)),
        ("二〇二二年二月二十号前", "deadline", D(2022, 2, 20)),
        ("二〇二一年", "start", D(2021, 1, 1)),
        ("2019年上半年，印发方案", "end", D(2019, 6, 30)),
        ("2019年下半年", "start", D(2019, 7, 1)),
        ("二〇二一年上半年", "end", D(2021, 6, 30)),
        ("2021年第三季度", "start", D(2021, 7, 1)),
        ("2021年一季度", "end", D(2021, 3, 31)),
        ("2021年4季度", "end", D(2021, 12, 31)),
    ],
)
def test_chinese_numeral_dates_halves_and_quarters(text: str, role: str, expected: dt.date) -> None:
    assert parse_date_expr(text, role) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "match", "parts"),
    [
        ("2020年初步建成300个", "2020年", DateParts(year=2020)),
        ("2021年初中毕业生", "2021年", DateParts(year=2021)),
        ("二〇二〇年初步建成", "二〇二〇年", DateParts(year=2020)),
        ("2022年初，启动", "2022年初", DateParts(year=2022, part="初")),
        ("2022年初前", "2022年初", DateParts(year=2022, part="初")),
    ],
)
def test_chu_is_the_start_of_a_year_only_as_a_word_of_its_own(
    text: str, match: str, parts: DateParts
) -> None:
    found = DATE_PATTERN.search(text)
    assert found is not None and found.group(0) == match
    assert date_parts(found.group(0)) == parts


def test_a_month_has_no_half() -> None:
    assert resolve_date(DateParts(year=2021, month=3, part="上半年"), "end") is None


def test_year_part_months_and_approximate_parts() -> None:
    assert year_part_months("上半年") == (1, 6)
    assert year_part_months("第二季度") == (4, 6)
    assert year_part_months("底") is None
    assert is_approximate_part("下旬") and is_approximate_part("一季度")
    assert not is_approximate_part("底") and not is_approximate_part(None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年1月7日", D(2022, 1, 7)),
        ("二〇二二年一月七日", D(2022, 1, 7)),
        ("二○二三年十月十六日", D(2023, 10, 16)),
        ("二零二一年十二月三十一日", D(2021, 12, 31)),
        ("2023 年 10 月 16 日", D(2023, 10, 16)),
    ],
)
def test_full_date(text: str, expected: dt.date) -> None:
    assert re.fullmatch(FULL_DATE, text)
    assert full_date(text) == expected


@pytest.mark.parametrize("text", ["2022年2月30日", "2022年1月", "二〇二二年"])
def test_full_date_needs_a_real_whole_day(text: str) -> None:
    assert full_date(text) is None


@pytest.mark.parametrize(
    "line", ["2021年1月7日", "二〇二三年十月十六日", "2022 年 1 月 7 日印发", "2023年10月"]
)
def test_date_line_pattern(line: str) -> None:
    assert DATE_LINE_PATTERN.match(line)


@pytest.mark.parametrize("line", ["2021年计划表", "到2022年1月7日前完成", "二〇二一年度考核表"])
def test_date_line_pattern_rejects(line: str) -> None:
    assert not DATE_LINE_PATTERN.match(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2000年底前建成的需改造小区", True),
        ("2023年底前已完成的项目", True),
        ("2019年12月31日前竣工的住宅", True),
        ("2024年8月31日前年满6周岁的适龄儿童", True),  # an age reached by then
        ("2023年12月31日前已取得职业资格证书的人员", True),
        ("2024年6月底前完成设施选址", False),  # a duty: no 的
        ("2024年6月底前将名单报市住建局", False),
        ("2024年底前完成的，给予奖励", False),  # 的 closing its clause names no noun
        # a verb with its object before 的, or 将 fronting the object: a duty still
        ("2024年6月底前完成全县的摸底调查", False),
        ("2024年底前将整改的结果报送县住建局", False),
    ],
)
def test_qualifies_noun_after(text: str, expected: bool) -> None:
    offset = text.index("前") + 1
    assert qualifies_noun_after(text, offset, len(text)) is expected
