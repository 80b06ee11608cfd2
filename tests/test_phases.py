"""Tests of extractor.fields.phases: phases of the steps section, their names and periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.document import document_from_lines
from extractor.fields.deadlines import extract_deadlines
from extractor.fields.phases import (
    HEADING_END_PATTERN,
    HEADING_NUMBER_PATTERN,
    ORDINAL_PHASE_PATTERN,
    PARENTHESES_PATTERN,
    PHASE_LINE_PATTERN,
    body_period,
    extract_phases,
    heading_period,
    phase_name,
    phase_sections,
    steps_sections,
)
from extractor.models import Section
from extractor.pipeline import build_structure
from extractor.readers.txt import read_txt
from extractor.structure import Structure
from tests.conftest import CORPUS, extracted

D = dt.date

# One heading of a hand-built outline: (line index, number, title, kind, level)
Heading = tuple[int, str | None, str, str, int]


def outline_structure(lines: list[str], headings: list[Heading]) -> Structure:
    """A Structure built by hand: one paragraph per line, the given lines as headings."""
    doc = document_from_lines(lines)
    roots: list[Section] = []
    stack: list[Section] = []
    for index, number, title, kind, level in headings:
        paragraph = doc.paragraphs[index]
        section = Section(
            number=number,
            title=title,
            kind=kind,  # type: ignore[arg-type]
            level=level,
            evidence=doc.evidence(paragraph.start, paragraph.end),
        )
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return Structure(doc=doc, sections=roots, tables=[])


STEPS_LINES = [
    "三、实施步骤",
    "（一）开展试点示范阶段（2020年11月至2021年6月）。某县选取两个社区作为试点示范。",
    "（二）全面推广展开阶段（2021年7月至2022年11月）。总结试点示范经验。",
    "以点带面，推动创建活动全面开展。",
    "（三）形成长效机制阶段（2022年12月以后）。对3年工作进行总结梳理。",
    "四、推进措施",
    "（一）建立工作机制。",
]
STEPS_HEADINGS: list[Heading] = [
    (0, "三", "实施步骤", "steps", 1),
    (1, "（一）", "开展试点示范阶段（2020年11月至2021年6月）", "other", 2),
    (2, "（二）", "全面推广展开阶段（2021年7月至2022年11月）", "other", 2),
    (4, "（三）", "形成长效机制阶段（2022年12月以后）", "other", 2),
    (5, "四", "推进措施", "measures", 1),
    (6, "（一）", "建立工作机制", "other", 2),
]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("（一）试点阶段", "试点阶段"),
        ("(二)推广阶段", "推广阶段"),
        ("三、巩固阶段", "巩固阶段"),
        ("1．制定方案", "制定方案"),
        ("2. 选取试点", "选取试点"),
        ("㈡推广阶段", "推广阶段"),
        ("二，巩固阶段", "巩固阶段"),
        ("⑶总结阶段", "总结阶段"),
        ("试点阶段", "试点阶段"),
        ("1.5倍阶段", "1.5倍阶段"),  # a decimal is no numbering
    ],
)
def test_heading_number_pattern(text: str, rest: str) -> None:
    assert HEADING_NUMBER_PATTERN.sub("", text, count=1) == rest


def test_heading_end_pattern() -> None:
    assert HEADING_END_PATTERN.search("试点阶段（2021年）。制定方案").start() == 11
    assert HEADING_END_PATTERN.search("试点阶段：制定方案").start() == 4
    assert HEADING_END_PATTERN.search("试点阶段（2021年3月底前）") is None


def test_ordinal_phase_pattern() -> None:
    assert ORDINAL_PHASE_PATTERN.fullmatch("第一阶段")
    assert ORDINAL_PHASE_PATTERN.fullmatch("第2阶段 ")
    assert not ORDINAL_PHASE_PATTERN.fullmatch("试点阶段")


def test_parentheses_pattern() -> None:
    assert PARENTHESES_PATTERN.findall("试点阶段（2021年3月底前）") == ["2021年3月底前"]
    assert PARENTHESES_PATTERN.findall("试点阶段(2021年4月至12月)") == ["2021年4月至12月"]
    assert PARENTHESES_PATTERN.findall("试点阶段") == []


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("（一）开展试点示范阶段（2020年11月至2021年6月）", "开展试点示范阶段"),
        ("(二)推广示范阶段(2021年4月至12月)", "推广示范阶段"),
        ("（一）试点探索阶段 ", "试点探索阶段"),
        ("一、准备阶段（2021年3月底前）", "准备阶段"),
        ("（三）巩固提升阶段（试行）", "巩固提升阶段（试行）"),
        # the phase's count set off before its name is no part of it
        ("第一阶段：动员部署（2024年1月—3月）", "动员部署"),
        ("（二）第二阶段:全面实施阶段(2024年4月至2025年6月)", "全面实施阶段"),
        ("第三阶段（2025年7月—12月）：总结提升", "总结提升"),
        ("3.第三阶段，总结提升", "总结提升"),
        ("第一阶段（2024年1月—3月）", "第一阶段"),  # the count alone names it
        ("第一阶段", "第一阶段"),
    ],
)
def test_phase_name(heading: str, name: str) -> None:
    assert phase_name(heading) == name


def test_heading_period_variants() -> None:
    assert heading_period("（一）试点（2021年3月底前）") == (None, D(2021, 3, 31))
    assert heading_period("(二)推广(2021年4月至12月)") == (D(2021, 4, 1), D(2021, 12, 31))
    assert heading_period("（三）巩固（2022年12月以后）") == (D(2022, 12, 1), None)
    assert heading_period("（三）巩固（4月至6月）", 2021) == (D(2021, 4, 1), D(2021, 6, 30))
    assert heading_period("（一）试点探索阶段") is None
    assert heading_period("（一）试点（试行）") is None


def test_body_period_reads_only_a_marked_period_in_the_first_sentence() -> None:
    assert body_period("2021年3月至4月，制定方案。") == (D(2021, 3, 1), D(2021, 4, 30))
    assert body_period("2021年6月底前完成试点。") == (None, D(2021, 6, 30))
    assert body_period("2021年4月，召开动员会。") is None
    assert body_period("制定方案。2021年3月至4月，试点。") is None


def test_steps_and_phase_sections() -> None:
    structure = outline_structure(STEPS_LINES, STEPS_HEADINGS)
    assert [s.title for s in steps_sections(structure.sections)] == ["实施步骤"]
    assert [s.number for s in phase_sections(structure.sections)] == ["（一）", "（二）", "（三）"]


def test_extract_phases_with_run_in_headings() -> None:
    structure = outline_structure(STEPS_LINES, STEPS_HEADINGS)
    phases = extract_phases(structure).records
    assert [(p.name, p.start, p.end) for p in phases] == [
        ("开展试点示范阶段", D(2020, 11, 1), D(2021, 6, 30)),
        ("全面推广展开阶段", D(2021, 7, 1), D(2022, 11, 30)),
        ("形成长效机制阶段", D(2022, 12, 1), None),
    ]
    assert phases[0].description == "某县选取两个社区作为试点示范。"
    assert phases[1].description == "总结试点示范经验。\n以点带面，推动创建活动全面开展。"
    assert phases[2].description == "对3年工作进行总结梳理。"
    # the quote runs from the heading to the end of the description: it holds every field
    assert phases[0].evidence.quote == (
        "（一）开展试点示范阶段（2020年11月至2021年6月）。某县选取两个社区作为试点示范。"
    )
    assert phases[1].evidence.quote.endswith("以点带面，推动创建活动全面开展。")
    text = structure.doc.text
    for phase in phases:
        assert text[phase.evidence.start : phase.evidence.end] == phase.evidence.quote


def test_extract_phases_headings_on_their_own_lines_and_body_dates() -> None:
    lines = [
        "四、具体创建步骤",
        "(一)准备阶段",
        "2021年3月至4月，制定方案，动员部署。",
        "(二)试点阶段",
        "选取社区试点。",
        "（三）总结阶段",
    ]
    headings: list[Heading] = [
        (0, "四", "具体创建步骤", "steps", 1),
        (1, "(一)", "准备阶段", "other", 2),
        (3, "(二)", "试点阶段", "other", 2),
        (5, "（三）", "总结阶段", "other", 2),
    ]
    phases = extract_phases(outline_structure(lines, headings)).records
    assert [(p.name, p.start, p.end, p.description) for p in phases] == [
        ("准备阶段", D(2021, 3, 1), D(2021, 4, 30), "2021年3月至4月，制定方案，动员部署。"),
        ("试点阶段", None, None, "选取社区试点。"),
        ("总结阶段", None, None, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "第一阶段：动员部署（2021年3月—4月）。",
        "准备阶段（2021年3月至4月）。制定方案。",
        "1、试点阶段：选取社区。",
        "（二）推广阶段",
        "(三)总结阶段。",
    ],
)
def test_phase_line_pattern(text: str) -> None:
    assert PHASE_LINE_PATTERN.match(text)


@pytest.mark.parametrize("text", ["各社区要在试点阶段完成摸底。", "在调查摸底基础上，制定计划。"])
def test_phase_line_pattern_no_match(text: str) -> None:
    assert PHASE_LINE_PATTERN.match(text) is None


def test_extract_phases_from_paragraphs_when_steps_has_no_sub_headings() -> None:
    lines = [
        "三、实施步骤",
        "第一阶段：动员部署（2021年3月—4月）。制定方案。",
        "各社区要在试点阶段完成摸底。",
        "第二阶段：全面推进（2021年5月至12月）。",
        "四、保障措施",
    ]
    headings: list[Heading] = [
        (0, "三", "实施步骤", "steps", 1),
        (4, "四", "保障措施", "measures", 1),
    ]
    phases = extract_phases(outline_structure(lines, headings)).records
    assert [(p.name, p.start, p.end, p.description, p.evidence.quote) for p in phases] == [
        (
            "动员部署",
            D(2021, 3, 1),
            D(2021, 4, 30),
            "制定方案。\n各社区要在试点阶段完成摸底。",
            "第一阶段：动员部署（2021年3月—4月）。制定方案。\n各社区要在试点阶段完成摸底。",
        ),
        (
            "全面推进",
            D(2021, 5, 1),
            D(2021, 12, 31),
            None,
            "第二阶段：全面推进（2021年5月至12月）",  # no description: the heading alone
        ),
    ]


def test_a_phase_over_a_table_describes_each_cell_as_one_line() -> None:
    source = (
        "三、实施步骤\n（一）试点阶段（2021年1月至6月）。任务如下：\n"
        "\t序号\n\t任务\n\n\t1\n\t建立健全\n社区人居\n\n\n"
        "（二）推广阶段（2021年7月至12月）。总结经验。\n四、保障措施\n加强领导。\n"
    )
    doc = read_txt(Path("snippet.txt"), source.encode())
    first, second = extract_phases(build_structure(doc)).records
    assert first.description == "任务如下：\n序号\t任务\n1\t建立健全社区人居"
    assert first.evidence.quote.endswith("1\t建立健全\n社区人居")  # the source, as it is
    assert (first.start, first.end) == (D(2021, 1, 1), D(2021, 6, 30))
    assert second.description == "总结经验。"


def test_extract_phases_without_steps_section() -> None:
    structure = outline_structure(
        ["一、工作目标", "到2021年底，完成。"], [(0, "一", "工作目标", "objectives", 1)]
    )
    assert extract_phases(structure).records == []


# --- corpus: every phase checked by hand against the source text ---------------------------


def corpus_phases(name: str) -> list[tuple[str, dt.date | None, dt.date | None]]:
    plan = extracted(CORPUS / f"{name}.txt")
    return [(p.name, p.start, p.end) for p in plan.phases]


def test_corpus_hangtai_phases() -> None:
    assert corpus_phases("hangtai") == [
        ("开展试点示范阶段", D(2020, 11, 1), D(2021, 6, 30)),
        ("全面推广展开阶段", D(2021, 7, 1), D(2022, 11, 30)),
        ("形成长效机制阶段", D(2022, 12, 1), None),
    ]


def test_corpus_wusong_phases() -> None:
    assert corpus_phases("wusong") == [
        ("试点探索阶段", None, D(2021, 3, 31)),
        ("推广示范阶段", D(2021, 4, 1), D(2021, 12, 31)),
        ("巩固提升阶段", D(2022, 1, 1), D(2022, 12, 31)),
    ]


def test_corpus_zhaoxiang_phases_have_no_dates() -> None:
    assert corpus_phases("zhaoxiang") == [
        ("试点探索阶段", None, None),
        ("推广示范阶段", None, None),
        ("巩固提升阶段", None, None),
    ]
    plan = extracted(CORPUS / "zhaoxiang.txt")
    assert (
        plan.phases[0].description
        == "制定本镇绿色社区创建行动方案，细化工作措施，明确责任分工，全面动员部署。"
    )


def test_corpus_qingyang_phases() -> None:
    assert corpus_phases("qingyang") == [
        ("试点先行阶段", D(2021, 12, 1), D(2022, 1, 31)),
        ("推广示范阶段", D(2022, 2, 1), D(2022, 10, 31)),
        ("巩固提升阶段", D(2022, 11, 1), D(2022, 12, 31)),
    ]
    plan = extracted(CORPUS / "qingyang.txt")
    assert plan.phases[0].description.startswith("1．制定方案。")
    assert plan.phases[0].description.endswith("推动形成绿色社区文化。")


def test_corpus_zhejiang_has_no_phases() -> None:
    assert corpus_phases("zhejiang") == []


@pytest.mark.parametrize(
    ("heading", "name", "start", "end"),
    [
        ("（一）2023年5月底前为启动阶段", "启动阶段", None, D(2023, 5, 31)),
        ("(二)2023年6月至2024年12月为实施阶段", "实施阶段", D(2023, 6, 1), D(2024, 12, 31)),
        ("3．2025年为总结阶段。", "总结阶段", D(2025, 1, 1), D(2025, 12, 31)),
        ("（四）2025年1月—6月，巩固提升阶段", "巩固提升阶段", D(2025, 1, 1), D(2025, 6, 30)),
        # the usual order, for comparison: the name, then the period in parentheses
        ("（一）启动阶段（2023年5月底前）", "启动阶段", None, D(2023, 5, 31)),
        # no period before the name: the heading is the name as it stands
        ("（一）全面推进为主阶段", "全面推进为主阶段", None, None),
    ],
)
def test_a_heading_may_state_its_period_before_the_phase_name(
    heading: str, name: str, start: dt.date | None, end: dt.date | None
) -> None:
    assert phase_name(heading) == name
    assert (heading_period(heading) or (None, None)) == (start, end)


def test_a_period_first_phase_heading_is_no_deadline() -> None:
    lines = ["一、实施步骤", "（一）2023年5月底前为启动阶段。确定试点社区。"]
    structure = outline_structure(
        lines,
        [(0, "一", "实施步骤", "steps", 1), (1, "（一）", "2023年5月底前为启动阶段", "other", 2)],
    )
    assert [(p.name, p.end) for p in extract_phases(structure).records] == [
        ("启动阶段", D(2023, 5, 31))
    ]
    assert extract_deadlines(structure).records == []


@pytest.mark.parametrize(
    ("body", "period"),
    [
        ("2024年，巩固提升。", (D(2024, 1, 1), D(2024, 12, 31))),
        ("2023年下半年，全面推进。", (D(2023, 7, 1), D(2023, 12, 31))),
        ("二〇二四年，巩固提升。", (D(2024, 1, 1), D(2024, 12, 31))),
        ("2024年巩固提升。", None),  # no comma: the year is no time set off for the whole phase
        ("2021年4月，召开动员会。", None),  # a month dates an event
    ],
)
def test_a_year_opening_a_phase_body_is_its_period(body: str, period: tuple | None) -> None:
    assert body_period(body) == period


def steps_phases(body: str) -> list[tuple]:
    lines = ["三、实施步骤", "（二）制定实施方案", body]
    headings: list[Heading] = [
        (0, "三", "实施步骤", "steps", 1),
        (1, "（二）", "制定实施方案", "other", 2),
    ]
    return [(p.start, p.end) for p in extract_phases(outline_structure(lines, headings)).records]


@pytest.mark.parametrize(
    ("closing", "end"),
    [
        ("2019年上半年，试点城市印发实施方案。", D(2019, 6, 30)),
        ("2021年6月底前,完成方案审核。", D(2021, 6, 30)),
        ("2022年，全面总结。", D(2022, 12, 31)),
        ("2023年底前，完成验收。", D(2023, 12, 31)),
    ],
)
def test_a_last_sentence_opening_with_a_date_is_the_phases_end(closing: str, end: dt.date) -> None:
    assert steps_phases(f"试点城市编制实施方案。报送审核后实施。{closing}") == [(None, end)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a dated sentence that is not the last: no end
        ("试点城市编制实施方案。2019年上半年，印发实施方案。报送审核后实施。", (None, None)),
        # a date inside a clause, not opening the sentence: no end
        ("试点城市编制实施方案。力争2019年上半年印发实施方案。", (None, None)),
        # the only sentence is the first: the period it opens with, start and end
        ("2019年上半年，试点城市印发实施方案。", (D(2019, 1, 1), D(2019, 6, 30))),
        # a month without 底 or 前 dates an event, not the phase's end
        ("试点城市编制实施方案。2021年4月，召开全国现场观摩会。", (None, None)),
    ],
)
def test_a_date_that_does_not_open_a_later_last_sentence_is_no_end(
    body: str, expected: tuple
) -> None:
    assert steps_phases(body) == [expected]
