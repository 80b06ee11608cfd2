"""The shared vocabulary: total-row words (tables and rubrics read them alike)."""

from __future__ import annotations

import re

import pytest

from extractor.fields.rubric.cells import is_total_label
from extractor.structure.tables import TOTAL_ROW_PATTERN
from extractor.vocabulary import (
    GRAND_TOTAL_WORD,
    OFFICE_TITLE_MAX_CHARS,
    OFFICE_TITLE_PATTERN,
    TOTAL_WORD,
    spaced,
)


def test_spaced_allows_white_space_between_characters() -> None:
    assert re.fullmatch(spaced("合计"), "合  计")
    assert re.fullmatch(spaced("合计"), "合\u3000计")
    assert not re.fullmatch(spaced("合计"), "合-计")


@pytest.mark.parametrize("text", ["合计", "合  计", "总计", "总分", "总 分", "小计", "小 计"])
def test_total_word(text: str) -> None:
    assert re.fullmatch(TOTAL_WORD, text)


def test_grand_total_word_leaves_out_the_subtotal() -> None:
    assert re.fullmatch(GRAND_TOTAL_WORD, "总 分")
    assert not re.fullmatch(GRAND_TOTAL_WORD, "小计")


@pytest.mark.parametrize(
    "label", ["合计", "合  计", "总分", "总 分", "总分（100分）", "合计分值", "小计", "地区合计"]
)
def test_tables_and_rubrics_agree_on_a_total_label(label: str) -> None:
    assert TOTAL_ROW_PATTERN.match(label)
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["总分配方案", "合计完成比例", "统计", "总体要求"])
def test_neither_reads_a_longer_word_as_a_total(label: str) -> None:
    assert not TOTAL_ROW_PATTERN.match(label)
    assert not is_total_label(label)


@pytest.mark.parametrize(
    "text",
    ["分管副区长", "县委书记", "办公室主任", "领导小组秘书长", "主要负责人", "张三同志", "增长"],
)
def test_an_office_is_found_within_its_longest_length_of_the_end(text: str) -> None:
    # text_tables looks for an office only in the last OFFICE_TITLE_MAX_CHARS characters
    bounded = OFFICE_TITLE_PATTERN.search(text, max(0, len(text) - OFFICE_TITLE_MAX_CHARS))
    assert bool(bounded) == bool(OFFICE_TITLE_PATTERN.search(text))
