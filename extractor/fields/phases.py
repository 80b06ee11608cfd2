"""Phases: the implementation steps (实施步骤 / 具体创建步骤) with their names and periods.

A phase is a child section of a steps section (`Section.kind == "steps"`). Its heading
may carry the period in parentheses (`（一）开展试点示范阶段（2020年11月至2021年6月）。…`)
or leave it to the body's first sentence; failing both, a last sentence of the body that
opens with a date (`…。2019年上半年，试点城市印发实施方案。`) states when the phase ends. A
phase with no dates at all is still listed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.fields import Extracted
from extractor.fields.dates import is_ranged_period, parse_period
from extractor.models import Phase, Section
from extractor.normalize import HAN, NUMBERING_PREFIX
from extractor.numerals import YEAR_NUMBER
from extractor.structure import Structure

# The number in front of a heading: （一）, (二), ㈡, 一、, 3．, 3., 3、
HEADING_NUMBER_PATTERN = re.compile(rf"^\s*{NUMBERING_PREFIX}\s*")
# Where a run-in heading ends and its body begins: 开展试点示范阶段（…）。某县选取… / 试点阶段：
HEADING_END_PATTERN = re.compile(r"[。：:]")
# A parenthesised part of a heading: （2021年3月底前）, (2021年4月至12月)
PARENTHESES_PATTERN = re.compile(r"[（(]([^（）()]*)[)）]")
# A paragraph opening a phase where the steps section has no sub-headings:
# 第一阶段：动员部署…, 准备阶段（2021年3月—4月）。…, 1、试点阶段：…
PHASE_LINE_PATTERN = re.compile(
    rf"^\s*(?:{NUMBERING_PREFIX}\s*)?"
    rf"(?:第[一二三四五六七八九十\d]{{1,2}}阶段|{HAN}{{2,12}}阶段)(?=[（(：:。\s]|$)"
)
# A heading that states its period first and then names the phase: 2023年5月底前为启动阶段 /
# 2023年6月至2024年12月为实施阶段 / 2025年，总结阶段
PERIOD_FIRST_PATTERN = re.compile(
    rf"^(?P<period>[^为是，,：:。]{{4,30}}?)\s*(?:为|是|[，,])\s*(?P<name>{HAN}{{2,12}}阶段)$"
)
# A heading that only counts the phase, so the words after its colon name it: 第一阶段
ORDINAL_PHASE_PATTERN = re.compile(r"\s*第[一二三四五六七八九十\d]{1,2}阶段\s*")
# … that count, set off before the words naming the phase, is no part of its name:
# 第一阶段：动员部署 → 动员部署, 第二阶段，全面实施 → 全面实施
ORDINAL_PHASE_LABEL_PATTERN = re.compile(
    r"^\s*第[一二三四五六七八九十\d]{1,2}阶段\s*[：:，,、—\s]\s*(?=\S)"
)
# A body opening with the year (or half-year) it spans, set off by a comma: 2024年，巩固提升… /
# 2023年下半年，… (a month there dates an event: 2021年4月，召开动员会)
OPENING_DATE_PATTERN = re.compile(rf"^\s*(?P<date>(?:{YEAR_NUMBER})\s*年(?:[上下]半年)?)\s*[，,]")
# A body's last sentence opening with the time its last step is done, set off by a comma:
# 2019年上半年，试点城市印发实施方案 / 2021年6月底前，完成验收 / 2023年底前，完成验收 /
# 2022年，全面总结 — the phase's end, where neither heading nor first sentence gives a period;
# a month is an end only with 底/末 or 前 (2021年4月，召开现场会 dates an event)
CLOSING_DATE_PATTERN = re.compile(
    rf"^\s*(?P<date>(?:{YEAR_NUMBER})\s*年(?:[上下]半年|[底末]|\d{{1,2}}\s*月(?:[底末]|(?=\s*(?:之|以)?前)))?)"
    r"(?:之前|以前|前)?\s*[，,]"
)
# The first sentence of a body, where a period may be given instead: 2021年3月至4月，…。
FIRST_SENTENCE_PATTERN = re.compile(r"^[^。！？]*")
# Where a body's sentences split
SENTENCE_SPLIT_PATTERN = re.compile(r"[。！？]")


@dataclass(frozen=True)
class PhaseSpan:
    """Where a phase sits in the text: its heading `[start, heading_end)`, then its body
    `[body_start, end)` up to the next heading outside the phase. `section` is None for a
    phase found as a plain paragraph of a steps section that has no sub-headings."""

    section: Section | None
    start: int
    heading_end: int
    body_start: int
    end: int


def walk_sections(sections: list[Section]) -> Iterator[Section]:
    """Every section of a tree, in document order (pre-order)."""
    for section in sections:
        yield section
        yield from walk_sections(section.children)


def steps_sections(sections: list[Section]) -> list[Section]:
    """The steps sections (`kind == "steps"`) of a tree, outermost only, in order."""
    found: list[Section] = []
    for section in sections:
        if section.kind == "steps":
            found.append(section)
        else:
            found.extend(steps_sections(section.children))
    return found


def phase_sections(sections: list[Section]) -> list[Section]:
    """The phases: the children of every steps section, in order."""
    return [child for steps in steps_sections(sections) for child in steps.children]


def paragraph_at(doc: Document, offset: int) -> Paragraph | None:
    """The paragraph holding `offset`, or None when it falls in a table or a gap."""
    paragraphs = doc.paragraphs
    index = bisect.bisect_right([p.start for p in paragraphs], offset) - 1
    if index >= 0 and paragraphs[index].start <= offset <= paragraphs[index].end:
        return paragraphs[index]
    return None


def section_end(doc: Document, all_sections: list[Section], section: Section) -> int:
    """Offset of the first heading after `section` that is not inside it (or the text end)."""
    inside = {id(s) for s in walk_sections([section])}
    later = [
        s.evidence.start
        for s in all_sections
        if s.evidence.start > section.evidence.start and id(s) not in inside
    ]
    return min(later, default=len(doc.text))


def split_heading(text: str, start: int, line_end: int, end: int) -> tuple[int, int]:
    """Where a heading line starting at `start` ends, and where its body begins (past the
    。/： that parts them and any line break); the body runs on to `end`."""
    heading_end = line_end
    if found := HEADING_END_PATTERN.search(text, start, line_end):
        heading_end = found.start()
        if found.group(0) != "。" and ORDINAL_PHASE_PATTERN.fullmatch(text, start, heading_end):
            # 第一阶段：动员部署（…）。 — the words after the colon name the phase
            stop = text.find("。", heading_end, line_end)
            heading_end = stop if stop >= 0 else line_end
    body_start = heading_end
    while body_start < end and text[body_start] in "。：: \n\t":
        body_start += 1
    return heading_end, body_start


def phase_span(doc: Document, all_sections: list[Section], section: Section) -> PhaseSpan:
    """Heading and body of one phase section, as offsets into the text."""
    start = section.evidence.start
    paragraph = paragraph_at(doc, start)
    line_end = paragraph.end if paragraph else section.evidence.end
    end = max(section_end(doc, all_sections, section), line_end)
    heading_end, body_start = split_heading(doc.text, start, line_end, end)
    return PhaseSpan(section, start, heading_end, body_start, end)


def period_first(heading: str) -> re.Match[str] | None:
    """The match of a heading (its number taken off) that states its period and then names
    the phase (`2023年5月底前为启动阶段`), None for any other heading."""
    text = HEADING_NUMBER_PATTERN.sub("", heading, count=1).strip(" 。：:\u3000")
    match = PERIOD_FIRST_PATTERN.match(text)
    if match is None or parse_period(match.group("period"), whole=True) is None:
        return None
    return match


def phase_name(heading: str) -> str:
    """The heading without its number and its period: `开展试点示范阶段（2020年11月至2021年
    6月）` and `2023年5月底前为启动阶段` → the phase's name."""
    if found := period_first(heading):
        return found.group("name")
    name = HEADING_NUMBER_PATTERN.sub("", heading, count=1)
    name = PARENTHESES_PATTERN.sub(
        lambda m: "" if parse_period(m.group(1), whole=True) else m.group(0), name
    )
    name = ORDINAL_PHASE_LABEL_PATTERN.sub("", name, count=1)
    return name.strip(" 。：:\u3000")


def heading_period(
    heading: str, context_year: int | None = None
) -> tuple[dt.date | None, dt.date | None] | None:
    """The period a heading states, in parentheses (`（2021年4月至12月）` → 2021-04-01,
    2021-12-31) or before the phase's name (`2023年5月底前为启动阶段` → until 2023-05-31)."""
    if found := period_first(heading):
        return parse_period(found.group("period"), context_year, whole=True)
    for found in PARENTHESES_PATTERN.finditer(heading):
        period = parse_period(found.group(1), context_year, whole=True)
        if period is not None:
            return period
    return None


def body_period(
    body: str, context_year: int | None = None
) -> tuple[dt.date | None, dt.date | None] | None:
    """A period stated in the body's first sentence (`2021年3月至4月，…`), or the year that
    opens it (`2024年，巩固提升`), if it has one."""
    sentence = FIRST_SENTENCE_PATTERN.match(body)
    if sentence is None:
        return None
    if opening := OPENING_DATE_PATTERN.match(sentence.group(0)):
        # 2024年，巩固提升: a date opening the body, set off by a comma, is the phase's time
        return parse_period(opening.group("date"), context_year, whole=True)
    if not is_ranged_period(sentence.group(0)):
        return None
    return parse_period(sentence.group(0), context_year)


def closing_end(body: str, context_year: int | None = None) -> dt.date | None:
    """The end a body states in a last sentence of its own that opens with a date (`…。2019年
    上半年，试点城市政府印发实施方案。` → 2019-06-30), else None."""
    sentences = [s for s in SENTENCE_SPLIT_PATTERN.split(body) if s.strip()]
    if len(sentences) < 2 or not (found := CLOSING_DATE_PATTERN.match(sentences[-1])):
        return None
    period = parse_period(found.group("date"), context_year, whole=True)
    return period[1] if period else None


def phase_from_span(doc: Document, span: PhaseSpan, context_year: int | None = None) -> Phase:
    """The Phase record of one phase span; its evidence runs from the heading to the end of
    the description, so the quote holds the name, the dates and the description."""
    heading = doc.text[span.start : span.heading_end]
    body = doc.joined.slice(span.body_start, span.end).strip()  # a table's cells as one line
    period = heading_period(heading, context_year) or body_period(body, context_year)
    start, end = period if period else (None, closing_end(body, context_year))
    return Phase(
        name=phase_name(heading) or (span.section.title if span.section else heading),
        start=start,
        end=end,
        description=body or None,
        evidence=doc.evidence(span.start, span.end if body else span.heading_end),
    )


def phase_spans(structure: Structure) -> list[PhaseSpan]:
    """The span of every phase of the document, in order: the sub-sections of each steps
    section, or, for a steps section without any, its paragraphs that open a phase."""
    doc = structure.doc
    all_sections = list(walk_sections(structure.sections))
    spans: list[PhaseSpan] = []
    for steps in steps_sections(structure.sections):
        if steps.children:
            spans.extend(phase_span(doc, all_sections, child) for child in steps.children)
        else:
            spans.extend(
                paragraph_phase_spans(
                    doc, steps.evidence.end, section_end(doc, all_sections, steps)
                )
            )
    return spans


def paragraph_phase_spans(doc: Document, start: int, end: int) -> list[PhaseSpan]:
    """Phases written as plain paragraphs in `[start, end)`: each runs to the next one."""
    openers = [
        p for p in doc.paragraphs if start <= p.start < end and PHASE_LINE_PATTERN.match(p.text)
    ]
    spans = []
    for i, paragraph in enumerate(openers):
        stop = openers[i + 1].start if i + 1 < len(openers) else end
        heading_end, body_start = split_heading(doc.text, paragraph.start, paragraph.end, stop)
        spans.append(PhaseSpan(None, paragraph.start, heading_end, body_start, stop))
    return spans


def phases_with_spans(structure: Structure) -> list[tuple[PhaseSpan, Phase]]:
    """Every phase with its span, in order; a period written without a year
    (`（4月至6月）`) takes the year of the phase before."""
    found: list[tuple[PhaseSpan, Phase]] = []
    context_year: int | None = None
    for span in phase_spans(structure):
        phase = phase_from_span(structure.doc, span, context_year)
        found.append((span, phase))
        known = phase.end or phase.start
        if known is not None:
            context_year = known.year
    return found


def extract_phases(
    structure: Structure, phases: list[tuple[PhaseSpan, Phase]] | None = None
) -> Extracted[list[Phase]]:
    """Every phase of the plan's steps section(s), dated where the text dates it; from
    `phases` (`phases_with_spans`) when the pipeline computed them already."""
    found = phases_with_spans(structure) if phases is None else phases
    return Extracted([phase for _, phase in found])
