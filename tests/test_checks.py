"""Self-checks on a whole extraction (`extractor.checks`), on short made-up plans."""

from __future__ import annotations

from pathlib import Path

from extractor.checks import (
    check_plan,
    missing_core_sections,
    nothing_extracted,
    number_shape,
)
from extractor.models import Plan
from extractor.pipeline import extract_from_document
from extractor.readers.txt import read_txt


def extract_text(text: str) -> Plan:
    """The plan extracted from a .txt holding `text`."""
    return extract_from_document(read_txt(Path("plan.txt"), text.encode("utf-8")))


def codes(plan: Plan, code: str) -> list[str]:
    """The messages of the plan's warnings with `code`."""
    return [w.message for w in plan.warnings if w.code == code]


PLAN_WITH_CORE = """某县垃圾分类工作实施方案
一、工作目标
到2025年，全县生活垃圾回收利用率达到35%以上。
二、主要任务
（一）完善分类设施。各乡镇负责。
（二）加强宣传引导。县委宣传部负责。
三、保障措施
加强组织领导。
"""

PLAN_WITHOUT_CORE = """某县关于促进消费的若干意见
一、发展夜间经济
支持各地打造夜间消费街区。
二、改造提升步行街
推动步行街改造提升。
三、优化便民服务设施
完善社区便民服务网点。
"""


def test_a_plan_with_objectives_or_content_gives_no_core_warning() -> None:
    plan = extract_text(PLAN_WITH_CORE)
    assert missing_core_sections(plan) == []
    assert codes(plan, "core_sections_missing") == []


def test_a_plan_whose_headings_are_all_measures_is_warned_about() -> None:
    plan = extract_text(PLAN_WITHOUT_CORE)
    [message] = codes(plan, "core_sections_missing")
    assert "3 top-level headings" in message
    assert "一、发展夜间经济" in message and "三、优化便民服务设施" in message


def test_steps_below_the_top_level_count_as_core() -> None:
    text = PLAN_WITHOUT_CORE.replace("完善社区便民服务网点。", "（一）实施步骤\n分三个阶段推进。")
    assert codes(extract_text(text), "core_sections_missing") == []


def test_a_text_without_headings_gives_no_core_warning() -> None:
    assert missing_core_sections(extract_text("某县通知\n请各单位按时上报。\n")) == []


LONG_PROSE = "各单位要高度重视，认真组织，确保工作落到实处，" * 20


def test_a_long_text_that_gives_nothing_is_warned_about() -> None:
    plan = extract_text(f"关于做好有关工作的函\n{LONG_PROSE}\n")
    [message] = codes(plan, "nothing_extracted")
    assert f"{len(LONG_PROSE) + len('关于做好有关工作的函') + 1} characters" in message


def test_a_short_text_or_one_with_any_record_gives_no_nothing_warning() -> None:
    assert nothing_extracted(extract_text("关于做好有关工作的函\n请认真落实。\n"), "x" * 100) == []
    roster = f"关于调整领导小组的通知\n{LONG_PROSE}\n组  长：王某某  县长\n成  员：李某某  副县长\n"
    plan = extract_text(roster)
    assert plan.committee
    assert codes(plan, "nothing_extracted") == []


def numbered(children: str) -> str:
    """A plan whose section 二 holds `children` (one heading a line)."""
    return (
        f"某县实施方案\n一、工作目标\n到2025年达到30%以上。\n二、主要任务\n{children}"
        "三、保障措施\n加强领导。\n"
    )


def test_lower_numbering_in_sequence_gives_no_warning() -> None:
    plan = extract_text(numbered("（一）甲项。\n（二）乙项。\n（三）丙项。\n"))
    assert codes(plan, "heading_misnumbered") == []


def test_lower_numbering_that_skips_is_warned_about() -> None:
    plan = extract_text(numbered("（一）甲项。\n（三）丙项。\n"))
    [message] = codes(plan, "heading_misnumbered")
    assert "（三）'丙项'" in message and "number 3 where 2 was due" in message
    assert "skips" in message


def test_lower_numbering_that_restarts_is_warned_about() -> None:
    plan = extract_text(numbered("(一)甲项。\n(二)乙项。\n(一)丙项。\n"))
    [message] = codes(plan, "heading_misnumbered")
    assert "restarts" in message


def test_numbering_continued_through_the_text_is_no_skip() -> None:
    # national 意见 number their second level through the whole text
    text = (
        "某省实施意见\n一、总体要求\n（一）指导思想。略。\n（二）工作目标。略。\n"
        "二、重点任务\n（三）甲项。略。\n（四）乙项。略。\n"
    )
    assert codes(extract_text(text), "heading_misnumbered") == []


def test_one_character_numbers_are_checked_like_bracketed_ones() -> None:
    plan = extract_text(numbered("㈠甲项。\n㈢丙项。\n"))
    assert len(codes(plan, "heading_misnumbered")) == 1
    # ㈡ is （二） typed as one character: the same list, no skip
    assert (
        codes(
            extract_text(numbered("（一）甲项。\n㈡乙项。\n（三）丙项。\n")), "heading_misnumbered"
        )
        == []
    )


def test_number_shape_tells_lists_apart() -> None:
    assert number_shape("（二）") == number_shape("(二)") == "（一）"
    assert number_shape("（2）") == "（1）"
    assert number_shape("2") == "1"
    assert number_shape("⑵") == "（1）"
    assert number_shape("㈡") == "（一）"
    assert number_shape("⒉") == "1"
    assert number_shape("②") == "①"
    assert number_shape("附件1") is None
    assert number_shape(None) is None


def test_check_plan_on_a_sound_plan_is_empty() -> None:
    plan = extract_text(PLAN_WITH_CORE)
    assert check_plan(plan, PLAN_WITH_CORE) == []
