"""Tests of extractor.numerals: Chinese numerals, positional and with units."""

from __future__ import annotations

import re

import pytest

from extractor.numerals import (
    CHINESE_NUMBER_PATTERN,
    YEAR_NUMBER,
    chinese_integer,
    parse_chinese_number,
    year_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("六十", 60),
        ("二十一", 21),
        ("十", 10),
        ("十五", 15),
        ("一百", 100),
        ("一百零五", 105),
        ("两", 2),
        ("二〇二一", 2021),
        ("二零二二", 2022),
        ("一万二千", 12000),
        ("六十五点五", 65.5),
    ],
)
def test_parse_chinese_number(text: str, expected: float) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〇", 0.0),
        ("零", 0.0),
        ("○", 0.0),
        ("两", 2.0),
        ("二十", 20.0),
        ("二〇二一", 2021.0),
        ("二○二一", 2021.0),
        ("三点一四", 3.14),
        ("零点五", 0.5),
    ],
)
def test_parse_chinese_number_variants(text: str, expected: float) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize("text", ["", "六十a", "abc", "点五", "60", "六十点", "一点两", "二十一。"])
def test_parse_chinese_number_rejects_other_text(text: str) -> None:
    assert parse_chinese_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〇", 0),
        ("零", 0),
        ("两", 2),
        ("十", 10),
        ("二十", 20),
        ("二十一", 21),
        ("两百", 200),
        ("一百零五", 105),
        ("一千零一", 1001),
        ("二〇二一", 2021),
        ("二零二二", 2022),
        ("一万二千", 12000),
    ],
)
def test_chinese_integer(text: str, expected: int) -> None:
    assert chinese_integer(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "2十", "二十a", "六十五点五", "点"])
def test_chinese_integer_rejects_other_text(text: str) -> None:
    assert chinese_integer(text) is None


@pytest.mark.parametrize("text", ["六十", "二〇二一", "一百零五", "六十五点五"])
def test_chinese_number_pattern_matches(text: str) -> None:
    assert CHINESE_NUMBER_PATTERN.fullmatch(text) is not None


@pytest.mark.parametrize("text", ["点五", "六十点", "60", "六十%"])
def test_chinese_number_pattern_rejects(text: str) -> None:
    assert CHINESE_NUMBER_PATTERN.fullmatch(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("2021", 2021), ("二〇二一", 2021), ("二○二一", 2021), ("二零二一", 2021), ("一九九八", 1998)],
)
def test_year_value(text: str, year: int) -> None:
    assert re.fullmatch(YEAR_NUMBER, text)
    assert year_value(text) == year


@pytest.mark.parametrize("text", ["一二三四", "三〇二一", "202", "二十二"])
def test_year_number_rejects_other_numbers(text: str) -> None:
    assert not re.fullmatch(YEAR_NUMBER, text) or year_value(text) is None
