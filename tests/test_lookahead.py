"""Patterns led by a look-ahead (extractor.lookahead): every led pattern's class holds every
character a match can start with, derived here from the pattern itself, so a led pattern
finds exactly what it found before it was led."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys

import pytest

import extractor
from extractor.fields.dates import DATE_PATTERN, PERIOD_PATTERN
from extractor.fields.deadlines import DEADLINE_PATTERN, DUTY_HINT_PATTERN, YEAR_END_PATTERN
from extractor.fields.responsibilities import LIST_VERB_PATTERN
from extractor.fields.targets import (
    COUNT_PATTERN,
    FIGURE_HINT_PATTERN,
    PERCENT_PATTERN,
    PLAN_SPAN_PATTERN,
    YEAR_LEAD_PATTERN,
)
from extractor.lookahead import LOOKAHEAD_OPENING, initials, led_by
from extractor.normalize import CJK_SPACE_PATTERN
from extractor.vocabulary import CONVENTION_ONWARD_PATTERN, FIRST_LEADS_PATTERN, UNIT_TAIL_PATTERN

if sys.version_info >= (3, 11):
    from re import _constants as sre
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

# a led pattern's look-ahead, and the group openings that may stand before it
LOOKAHEAD = re.compile(r"\(\?=\[((?:\\.|[^\]\\])*)\]\)")
GROUP_OPENINGS = re.compile(r"(?:\((?:\?P<\w+>|\?:|(?!\?)))*")
# every character up to the end of the CJK extension B plane, surrogates left out
UNIVERSE = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
CATEGORY_CLASSES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


class Underivable(Exception):
    """A construct whose first characters this oracle does not derive."""


def first_chars(parsed: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """(the class items a match of the parsed sequence can start with, whether it can be
    empty); zero-width items (look-arounds, anchors) add nothing and may be passed."""
    items: set[str] = set()
    for op, arg in parsed:
        found, can_be_empty = item_first_chars(op, arg)
        items |= found
        if not can_be_empty:
            return items, False
    return items, True


def item_first_chars(op: object, arg: object) -> tuple[set[str], bool]:
    """`first_chars` of one parsed item."""
    if op is sre.LITERAL:
        return {re.escape(chr(arg))}, False
    if op is sre.IN:
        items = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                items.add(re.escape(chr(value)))
            elif kind is sre.RANGE:
                items.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is sre.CATEGORY:
                items.add(CATEGORY_CLASSES[value])
            else:
                raise Underivable(kind)
        return items, False
    if op is sre.BRANCH:
        items, can_be_empty = set(), False
        for branch in arg[1]:
            found, empty = first_chars(branch)
            items, can_be_empty = items | found, can_be_empty or empty
        return items, can_be_empty
    if op is sre.SUBPATTERN:
        return first_chars(arg[-1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        found, empty = first_chars(arg[2])
        return found, empty or arg[0] == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return set(), True
    raise Underivable(op)


def class_chars(items: str) -> str:
    """Every character of UNIVERSE the class body `items` matches."""
    return "".join(re.findall(f"[{items}]", UNIVERSE))


def missing_first_chars(pattern: re.Pattern[str]) -> str:
    """The characters a match of led `pattern` can start with that its look-ahead lacks
    ("" when none), derived from the pattern with every look-ahead of this kind removed."""
    lead = LOOKAHEAD.search(pattern.pattern)
    assert lead is not None and GROUP_OPENINGS.match(pattern.pattern).end() == lead.start()
    bare = LOOKAHEAD.sub("", pattern.pattern)
    derived, can_be_empty = first_chars(sre_parse.parse(bare, pattern.flags).data)
    assert not can_be_empty, "a pattern that can match empty cannot be led"
    return re.sub(f"[{lead.group(1)}]", "", class_chars("".join(derived)))


def led_patterns() -> dict[str, re.Pattern[str]]:
    """The module-level patterns of the package that open with a look-ahead (after group
    openings at most), by module and name."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra (spaCy, Dask) not installed
            continue
        for name, value in vars(module).items():
            if (
                isinstance(value, re.Pattern)
                and isinstance(value.pattern, str)
                and LOOKAHEAD_OPENING in value.pattern
                and GROUP_OPENINGS.match(value.pattern).end()
                == value.pattern.find(LOOKAHEAD_OPENING)
            ):
                found.setdefault(f"{info.name}.{name}", value)
    return found


def test_the_led_patterns_are_found():
    names = {name.rsplit(".", 1)[1] for name in led_patterns()}
    assert {
        "DATE_PATTERN",
        "PERIOD_PATTERN",
        "YEAR_LEAD_PATTERN",
        "COUNT_PATTERN",
        "PLAN_SPAN_PATTERN",
        "DEADLINE_PATTERN",
        "CJK_SPACE_PATTERN",
        "UNIT_TAIL_PATTERN",
        "LIST_VERB_PATTERN",
        "FIGURE_HINT_PATTERN",
        "PERCENT_PATTERN",
        "DUTY_HINT_PATTERN",
        "YEAR_END_PATTERN",
    } <= names


@pytest.mark.parametrize("name", sorted(led_patterns()))
def test_a_led_pattern_holds_every_first_character(name):
    assert missing_first_chars(led_patterns()[name]) == ""


def test_a_look_ahead_lacking_a_first_character_is_caught():
    # 力争到2025年 opens with 力; a class without it would lose that match
    assert missing_first_chars(re.compile(led_by(r"\d到", r"(?:力争)?到?\d{4}年"))) == "力"
    assert missing_first_chars(re.compile(led_by(r"\d", r"(?:[一二]|\d)+"))) == "一二"


def test_the_oracle_derives_through_optional_pieces_and_branches():
    items, can_be_empty = first_chars(sre_parse.parse(r"(?<!第)(?:每年)?(?:\d|十)月").data)
    assert class_chars("".join(items)) == class_chars(r"每\d十")
    assert not can_be_empty
    assert first_chars(sre_parse.parse(r"a?b*").data)[1]  # may match empty


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (YEAR_LEAD_PATTERN, "力争到2025年底，全县建成", ["力争到2025年底"]),
        (YEAR_LEAD_PATTERN, "自二〇二一年起", ["自二〇二一年起"]),
        (YEAR_LEAD_PATTERN, "在2023年前完成", ["在2023年前"]),
        (DATE_PATTERN, "每年10月15日前上报", ["10月15日"]),
        (DATE_PATTERN, "32021年", []),  # a year glued to a digit before it is none
        (PERIOD_PATTERN, "2021年4月至12月", ["2021年4月至12月"]),
        (DEADLINE_PATTERN, "每年10月15日前", ["每年10月15日前"]),
        (DEADLINE_PATTERN, "当年11月下旬", ["当年11月下旬"]),
        (COUNT_PATTERN, "建成两个试点、1-2个示范点", ["两个", "1-2个"]),
        (COUNT_PATTERN, "第3个、每千人", []),
        (PLAN_SPAN_PATTERN, "力争用3年时间", ["力争用3年时间"]),
        (FIGURE_HINT_PATTERN, "覆盖率达到60%，建成2个、一所", ["%", "2个", "一所"]),
        (FIGURE_HINT_PATTERN, "百分之六十、三分之一、一半", ["百分之", "分之", "一半"]),
        (FIGURE_HINT_PATTERN, "2021年3月", []),  # a date is no figure
        (PERCENT_PATTERN, "由30%提高到60%以上", ["30%", "60%"]),
        (
            PERCENT_PATTERN,
            "10—20%、百分之十至百分之二十、一半、三分之一",
            ["10—20%", "百分之十至百分之二十", "一半", "三分之一"],
        ),
        (
            DUTY_HINT_PATTERN,
            "每年10月15日前上报，下旬，上半年，一季度",
            ["日前", "旬", "半年", "季度"],
        ),
        (DUTY_HINT_PATTERN, "到2022年，到二〇二五年", ["到2022年", "到二〇二五年"]),
        (DUTY_HINT_PATTERN, "做好日常工作", []),
        (YEAR_END_PATTERN, "今年年底前完成，年度末之前", ["今年年底前", "年度末之前"]),
        (YEAR_END_PATTERN, "2023年底前", []),  # the end of a year it names
        (CJK_SPACE_PATTERN, "到 2021 年底", [" ", " "]),
        (CJK_SPACE_PATTERN, "到\u30002021\u3000年", ["\u3000", "\u3000"]),
        (CJK_SPACE_PATTERN, "a  b", []),
        (UNIT_TAIL_PATTERN, "县民政局、县公安局等有关部门", ["等有关部门"]),
        (UNIT_TAIL_PATTERN, "省总工会以及其他相关单位", ["以及其他相关单位"]),
        (UNIT_TAIL_PATTERN, "等部门负责", []),  # only at the end
        (LIST_VERB_PATTERN, "县民政局、县公安局按照职责分工负责", ["按照职责分工负责"]),
        (LIST_VERB_PATTERN, "甲局配合", ["配合"]),
        (LIST_VERB_PATTERN, "负责同志", []),
        (FIRST_LEADS_PATTERN, "（列第一位者为牵头单位，下同）", ["列第一位者为牵头单位"]),
        (CONVENTION_ONWARD_PATTERN, "排名第一的为牵头部门，以下同", ["以下同"]),
    ],
)
def test_led_patterns_find_what_they_found_unled(pattern, text, found):
    bare = re.compile(LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
    assert [m.group(0) for m in pattern.finditer(text)] == found
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in bare.finditer(text)]


def test_initials_are_the_first_characters_once_each_escaped_for_a_class():
    assert initials(("牵头", "配合", "牵头抓总")) == "牵配"
    assert initials(("]x", "-y")) == r"\-\]"
    assert initials(()) == ""
