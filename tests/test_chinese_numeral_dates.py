"""Dates in Chinese numerals (`二〇二一年十月底前`) read as their digit forms in every field.

Each seed plan is rewritten with its `20XX年` years as `二〇XX年` (the months and days that
follow such a year as Chinese numerals too: `二〇二一年十二月十五日`) and must give the same
targets, phases, deadlines and issue date as the plan itself: the same dates and figures,
the text fields carrying the Chinese numerals where the plan's words do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.pipeline import extract_file
from tests.conftest import CORPUS, PLAN_NAMES

DIGITS = "〇一二三四五六七八九"
# A year in digits, with the month and day that follow it: 2021年, 2021年12月, 2021年12月15日,
# and as a PDF line spaces it: 2021 年 12 月
DIGIT_DATE_PATTERN = re.compile(
    r"(?<!\d)(?P<year>20\d{2})(?P<gap>\s*年)"
    r"(?:(?P<month>\s*\d{1,2})(?P<month_mark>\s*月)(?:(?P<day>\s*\d{1,2})(?P<day_mark>\s*[日号]))?)?"
)
# The fields of a record that hold words of the text (they carry the numerals as written)
TEXT_FIELDS = {"action", "approximate", "description", "name", "requirement", "subject", "scope"}


def chinese_count(number: int) -> str:
    """1..31 as a Chinese numeral: 10 → 十, 12 → 十二, 20 → 二十, 31 → 三十一."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones or not head else "")


def to_chinese_date(found: re.Match[str]) -> str:
    """`2021年12月15日` → `二〇二一年十二月十五日` (the white circle 〇 for zero)."""
    text = "".join(DIGITS[int(d)] for d in found["year"]) + found["gap"]
    for number, mark in (("month", "month_mark"), ("day", "day_mark")):
        if found[number]:
            written = found[number]
            text += written[: len(written) - len(written.lstrip())]  # the spacing, kept
            text += chinese_count(int(written)) + found[mark]
    return text


def chinese_numeral_text(text: str) -> str:
    """The plan's text with every `20XX年` date rewritten in Chinese numerals."""
    return DIGIT_DATE_PATTERN.sub(to_chinese_date, text)


def record_values(records: list) -> list[dict]:
    """The records as dicts without evidence and without the fields that quote the text."""
    return [
        {
            k: v
            for k, v in record.model_dump(mode="json").items()
            if k != "evidence" and k not in TEXT_FIELDS
        }
        for record in records
    ]


def test_chinese_numeral_text_rewrites_years_months_and_days() -> None:
    assert chinese_numeral_text("到2021年12月15日前，2022年底，10月1日") == (
        "到二〇二一年十二月十五日前，二〇二二年底，10月1日"
    )
    assert chinese_numeral_text("2020年11月至2021年6月") == "二〇二〇年十一月至二〇二一年六月"
    assert chinese_numeral_text("到 2021 年 3 月底") == "到 二〇二一 年 三 月底"
    assert chinese_numeral_text("〔2020〕683号，12021年") == "〔2020〕683号，12021年"


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_seed_plan_in_chinese_numerals_gives_the_same_dates(name: str, tmp_path: Path) -> None:
    source = (CORPUS / f"{name}.txt").read_text("utf-8")
    rewritten = chinese_numeral_text(source)
    assert rewritten != source  # every seed plan dates its goals
    path = tmp_path / f"{name}.txt"
    path.write_text(rewritten, "utf-8")
    plain, chinese = extract_file(CORPUS / f"{name}.txt"), extract_file(path)
    assert chinese.issued_on == plain.issued_on
    for field in ("targets", "phases", "deadlines"):
        assert record_values(getattr(chinese, field)) == record_values(getattr(plain, field)), field
        assert len(getattr(chinese, field)) == len(getattr(plain, field))
    # the words of the records are the plan's own, with the numerals as rewritten
    for field in ("targets", "phases", "deadlines"):
        for mine, theirs in zip(getattr(chinese, field), getattr(plain, field), strict=True):
            assert mine.evidence.quote == chinese_numeral_text(theirs.evidence.quote)
