"""Targets: the plan's quantitative goals, one per year and figure.

Read from the objectives section (目标) and the steps section (步骤). A sentence is cut into
year segments at each dated phrase (`2021年，…；2022年，…`); every figure in a segment
(`30%以上`, `百分之六十`, `10%—20%`, `2个试点社区`) is one target of that year. A figure
restated in the steps section is the objectives' target again, not a new one; where the
restatement gives the same year it fills what the objectives leave unsaid (`2021年底前将创建
范围扩大到30%的社区` gives the 2021 target its deadline). A restatement's deadline may also
sit in a later clause of its sentence (`…60%以上的社区…，并于10月底前达到创建要求`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.fields.dates import DATE_PATTERN, date_parts, parse_number, resolve_date
from extractor.fields.phases import PhaseSpan, phases_with_spans
from extractor.models import Comparator, Phase, Section, Target, Warning
from extractor.structure import Structure

# A sentence ends here: …创建要求。
SENTENCE_END_PATTERN = re.compile(r"[。！？]")
# A clause ends here: …创建达标，/；/。
CLAUSE_END_PATTERN = re.compile(r"[，,；;。！？]")
# A cheap first look: a paragraph without these holds no figure (30%, 百分之六十, 2个)
FIGURE_HINT_PATTERN = re.compile(r"%|百分之|个")
# Section titles that hold goals even where the section kind says otherwise: 工作目标, 创建目标
OBJECTIVES_TITLE_PATTERN = re.compile(r"目标")

# The dated phrase that opens a year segment: 2021年，/ 到2021年底，/ 2021年底前 / 力争到202x年
YEAR_LEAD_PATTERN = re.compile(
    rf"(?P<aspire>力争|争取)?(?P<lead>到|至|截至|截止|在|于)?"
    rf"(?P<date>{DATE_PATTERN.pattern})(?P<before>之前|以前|前)?"
)
# A share: 30%, 12.5%, a range 10%—20% or 10—20%, or in words 百分之六十 / 百分之十至百分之二十
PERCENT_PATTERN = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*%?\s*(?:—{1,2}|－|-|–|~|～|至|到)\s*(?P<high>\d+(?:\.\d+)?)\s*%"
    r"|(?P<value>\d+(?:\.\d+)?)\s*%"
    r"|百分之(?P<low_zh>[〇零一二三四五六七八九十百点]+)"
    r"(?:(?:—{1,2}|－|-|–|~|～|至|到)百分之(?P<high_zh>[〇零一二三四五六七八九十百点]+))?"
)
# A number of things: 2个试点社区, 首批100个绿色示范社区, 两个试点小区, 10个以上社区
COUNT_PATTERN = re.compile(
    r"(?P<count>\d+|[一二两三四五六七八九十百]+)个(?P<above>以上)?"
    r"(?P<subject>[^，,；;。！？、\d%]{0,12}(?:社区|小区|居民区|居委会|村))"
)
# Words before a figure that make it a floor: 不低于30%, 至少2个, 超过50%, 不少于
FLOOR_BEFORE_PATTERN = re.compile(r"(?:不低于|不少于|至少|超过)$")
# Words before a figure that make it a ceiling: 不超过5%, 不高于, 不多于
CEILING_BEFORE_PATTERN = re.compile(r"(?:不超过|不高于|不多于)$")
# Words before a figure that make it a strict bound: 高于50% (>), 低于5% (<)
ABOVE_BEFORE_PATTERN = re.compile(r"高于$")
BELOW_BEFORE_PATTERN = re.compile(r"低于$")
# Words after a figure: 以上 / 及以上 (floor), 以下 / 以内 (ceiling)
FLOOR_AFTER_PATTERN = re.compile(r"(?:及|或)?以上")
CEILING_AFTER_PATTERN = re.compile(r"(?:及|或)?(?:以下|以内)")
# Words that mark a goal as aspirational: 力争全省60%以上, 争取
ASPIRATION_PATTERN = re.compile(r"力争|争取")
# The area a share is of, as written: 全县, 全省, 全街道, 全镇, 辖区, 本辖区
SCOPE_PATTERN = re.compile(r"本辖区|辖区|全街道|全[国省市县区镇乡村]|本[省市县区镇]")
# What is counted, right after the figure: 的城市社区, 社区, 居民小区 (比例的 may come first)
SUBJECT_PATTERN = re.compile(
    r"(?:比例)?的?(?P<subject>城市社区|城镇社区|社区|居民小区|住宅小区|小区|居民区|居委会|村)"
)
# A later clause of a restatement that dates reaching the goal: 并于10月底前达到创建要求 /
# 2022年6月底前全部完成创建 (its date, then a verb of reaching)
LATER_DEADLINE_PATTERN = re.compile(
    rf"^(?:并|并且|且)?(?:于|在|到)?(?P<date>{DATE_PATTERN.pattern})(?:之前|以前|前)"
    r"(?:全部|均|全面)?(?:达到|完成|实现|达标)"
)

# Fields of an objectives target that a restatement in the steps section may fill
FILLABLE_FIELDS = ("deadline", "scope", "subject", "requirement")


@dataclass(frozen=True)
class YearLead:
    """A dated phrase opening a segment: its year, its deadline, its span in the text."""

    year: int | None
    year_unknown: bool
    deadline: dt.date | None
    aspirational: bool
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """One figure found in a clause, with its span in the text."""

    percent: float | None
    percent_max: float | None
    count: int | None
    start: int
    end: int
    subject: str | None = None
    subject_end: int | None = None


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`[start, end)` of every sentence in `text[start:end]`, ending punctuation included."""
    spans, begin = [], start
    for found in SENTENCE_END_PATTERN.finditer(text, start, end):
        spans.append((begin, found.end()))
        begin = found.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def clause_bounds(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The clause of `text[start:end]` holding `offset`, between its commas/semicolons."""
    begin = start
    for found in CLAUSE_END_PATTERN.finditer(text, start, end):
        if found.start() >= offset:
            return begin, found.start()
        begin = found.end()
    return begin, end


def year_leads(text: str, start: int, end: int) -> list[YearLead]:
    """The dated phrases (with a year) in `text[start:end]` that open year segments."""
    leads = []
    for found in YEAR_LEAD_PATTERN.finditer(text, start, end):
        parts = date_parts(found.group("date"))
        if parts.year is None and not parts.year_unknown:
            continue
        says_by = bool(found.group("before") or found.group("lead") in ("到", "至", "截至", "截止"))
        says_by = says_by or parts.part in ("底", "末")
        deadline = resolve_date(parts, "deadline") if says_by else None
        leads.append(
            YearLead(
                year=parts.year,
                year_unknown=parts.year_unknown,
                deadline=deadline,
                aspirational=bool(found.group("aspire")),
                start=found.start(),
                end=found.end(),
            )
        )
    return leads


def figures_in(text: str, start: int, end: int) -> list[Figure]:
    """Every share and count in `text[start:end]`, in order."""
    figures = [_percent_figure(m) for m in PERCENT_PATTERN.finditer(text, start, end)]
    for found in COUNT_PATTERN.finditer(text, start, end):
        count = parse_number(found.group("count"))
        if count is None:
            continue
        figures.append(
            Figure(
                percent=None,
                percent_max=None,
                count=int(count),
                start=found.start(),
                end=found.end("count") + 1,
                subject=found.group("subject").strip(),
                subject_end=found.end(),
            )
        )
    return sorted(figures, key=lambda f: f.start)


def _percent_figure(found: re.Match[str]) -> Figure:
    if found.group("low"):
        low, high = float(found.group("low")), float(found.group("high"))
    elif found.group("value"):
        low, high = float(found.group("value")), None
    else:
        low = parse_number(found.group("low_zh"))
        high = parse_number(found.group("high_zh")) if found.group("high_zh") else None
    return Figure(percent=low, percent_max=high, count=None, start=found.start(), end=found.end())


def comparator_of(text: str, figure: Figure, clause_start: int) -> tuple[Comparator | None, int]:
    """The comparator a figure carries and the offset just past any 以上/以下 after it.

    `30%以上`, `不低于30%` → `>=`; `不超过5%` → `<=`; `高于`/`低于` → `>`/`<`; a bare
    figure (`85%`, `达到60%`) → `=`; a range → None.
    """
    before = text[clause_start : figure.start]
    if figure.percent_max is not None:
        return None, figure.end
    if found := FLOOR_AFTER_PATTERN.match(text, figure.end):
        return ">=", found.end()
    if found := CEILING_AFTER_PATTERN.match(text, figure.end):
        return "<=", found.end()
    if CEILING_BEFORE_PATTERN.search(before):  # before the floor: 不超过 ends in 超过
        return "<=", figure.end
    if FLOOR_BEFORE_PATTERN.search(before):
        return ">=", figure.end
    if ABOVE_BEFORE_PATTERN.search(before):
        return ">", figure.end
    if BELOW_BEFORE_PATTERN.search(before):
        return "<", figure.end
    return "=", figure.end


def target_from_figure(
    doc: Document, figure: Figure, lead: YearLead | None, sentence: tuple[int, int]
) -> Target:
    """The Target one figure states, read from its clause and the segment's dated phrase."""
    text = doc.text
    clause_start, clause_end = clause_bounds(text, sentence[0], sentence[1], figure.start)
    comparator, after = comparator_of(text, figure, clause_start)
    subject, requirement_start = figure.subject, figure.subject_end
    if subject is None and (found := SUBJECT_PATTERN.match(text, after)):
        subject, requirement_start = found.group("subject"), found.end()
    requirement = None
    if requirement_start is not None and requirement_start < clause_end:
        requirement = text[requirement_start:clause_end].strip() or None
    scopes = SCOPE_PATTERN.findall(text, clause_start, figure.start)
    evidence_start = lead.start if lead is not None else clause_start
    return Target(
        year=lead.year if lead is not None else None,
        percent=figure.percent,
        percent_max=figure.percent_max,
        count=figure.count,
        comparator=comparator,
        aspirational=bool(
            ASPIRATION_PATTERN.search(text, clause_start, clause_end)
            or (lead is not None and lead.aspirational)
        ),
        scope=scopes[-1] if scopes else None,
        subject=subject,
        requirement=requirement,
        deadline=lead.deadline if lead is not None else None,
        evidence=doc.evidence(evidence_start, clause_end),
    )


def targets_in_paragraph(
    doc: Document, paragraph: Paragraph, warn_without_figure: bool
) -> tuple[list[Target], list[Warning]]:
    """The targets of one paragraph, with warnings for unknown years and missing figures."""
    targets: list[Target] = []
    warnings: list[Warning] = []
    if not warn_without_figure and not FIGURE_HINT_PATTERN.search(paragraph.text):
        return targets, warnings
    for sentence in sentence_spans(doc.text, paragraph.start, paragraph.end):
        leads = year_leads(doc.text, *sentence)
        cuts = [lead.start for lead in leads] + [sentence[1]]
        segments = [(None, sentence[0], cuts[0])] + [
            (lead, lead.start, cuts[i + 1]) for i, lead in enumerate(leads)
        ]
        for lead, seg_start, seg_end in segments:
            figures = [
                f
                for f in figures_in(doc.text, seg_start, seg_end)
                if lead is None or f.start >= lead.end
            ]
            if lead is not None and not figures and warn_without_figure:
                warnings.append(_without_figure_warning(doc, lead, sentence))
            for figure in figures:
                target = target_from_figure(doc, figure, lead, sentence)
                targets.append(target)
                if lead is not None and lead.year_unknown:
                    warnings.append(
                        Warning(
                            code="target_year_unknown",
                            message=f"the year of this target is not given: {lead_text(doc, lead)}",
                            evidence=target.evidence,
                        )
                    )
    return targets, warnings


def lead_text(doc: Document, lead: YearLead) -> str:
    """The words of a dated phrase: `到202x年底`."""
    return doc.text[lead.start : lead.end]


def _without_figure_warning(doc: Document, lead: YearLead, sentence: tuple[int, int]) -> Warning:
    _, clause_end = clause_bounds(doc.text, lead.end, sentence[1], lead.end)
    if clause_end == lead.end or doc.text[lead.end : lead.end + 1] in "，,：:":
        _, clause_end = clause_bounds(doc.text, lead.end + 1, sentence[1], lead.end + 1)
    return Warning(
        code="target_without_figure",
        message=f"{lead_text(doc, lead)} has a goal sentence but no figure",
        evidence=doc.evidence(lead.start, clause_end),
    )


def is_objectives(section: Section) -> bool:
    """True for a goals section: kind objectives, or a title with 目标 (工作目标)."""
    return section.kind == "objectives" or bool(OBJECTIVES_TITLE_PATTERN.search(section.title))


def same_figure(a: Target, b: Target) -> bool:
    """True when two targets state the same figure (share, range or count)."""
    return (a.percent, a.percent_max, a.count) == (b.percent, b.percent_max, b.count)


def restates(step_target: Target, goal: Target) -> bool:
    """True when a steps-section target repeats an objectives target: same figure, and the
    same year where the steps text gives one."""
    return same_figure(step_target, goal) and step_target.year in (None, goal.year)


def fill_from_restatement(goal: Target, step_target: Target) -> Target:
    """`goal` with its unknown fields taken from a restatement of the same year and figure;
    the objectives' own values are kept. A restatement without a year fills nothing."""
    if step_target.year is None or step_target.year != goal.year:
        return goal
    filled = {
        field: getattr(step_target, field)
        for field in FILLABLE_FIELDS
        if getattr(goal, field) is None and getattr(step_target, field) is not None
    }
    return goal.model_copy(update=filled) if filled else goal


def single_year(start: dt.date | None, end: dt.date | None) -> int | None:
    """The year of a period that lies within one year, else None."""
    years = {d.year for d in (start, end) if d is not None}
    return years.pop() if len(years) == 1 else None


def extract_targets(structure: Structure) -> list[Target]:
    """Every quantitative goal of the plan; doubts go to `structure.warnings`.

    A steps-section figure without a year of its own takes the year of its phase when the
    phase lies within one year; one that restates an objectives target is merged into it
    (filling the target's unknown fields when it gives the same year).
    """
    doc = structure.doc
    spans: list[tuple[PhaseSpan, Phase]] | None = None  # computed only when a year is missing
    goals: list[Target] = []
    steps: list[Target] = []
    for paragraph in doc.paragraphs:
        path = structure.section_path(paragraph.start)
        in_goals = any(is_objectives(s) for s in path)
        in_steps = any(s.kind == "steps" for s in path)
        if not (in_goals or in_steps):
            continue
        found, warnings = targets_in_paragraph(doc, paragraph, warn_without_figure=in_goals)
        structure.warnings.extend(warnings)
        if in_goals:
            goals.extend(found)
            continue
        for target in found:
            if target.year is None:
                spans = phases_with_spans(structure) if spans is None else spans
                phase_year = next(
                    (
                        single_year(phase.start, phase.end)
                        for span, phase in spans
                        if span.start <= target.evidence.start < span.end
                    ),
                    None,
                )
                target = replace_year(target, phase_year)
            if target.deadline is None and (deadline := later_deadline(doc, target, paragraph.end)):
                target = target.model_copy(update={"deadline": deadline})
            steps.append(target)
    merged = _unique(goals)
    for target in steps:
        index = next((i for i, goal in enumerate(merged) if restates(target, goal)), None)
        if index is None:
            merged.append(target)
        else:
            merged[index] = fill_from_restatement(merged[index], target)
    return merged


def later_deadline(doc: Document, target: Target, paragraph_end: int) -> dt.date | None:
    """The date by which a steps target must be reached, from a later clause of its sentence.

    `…60%以上的社区开展创建行动的工作目标，2022年2月20日前将清单报送…，并于10月底前达到创建
    要求` → 10-31 of the target's year. A clause dated with another year, one whose action
    is not reaching (`报送`), or one after a further figure gives none.
    """
    if target.year is None:
        return None
    start = target.evidence.end
    found_end = SENTENCE_END_PATTERN.search(doc.text, start, paragraph_end)
    end = found_end.start() if found_end else paragraph_end
    if later_figures := figures_in(doc.text, start, end):
        end = later_figures[0].start  # a later figure's clauses are its own
    for clause in CLAUSE_END_PATTERN.split(doc.text[start:end]):
        found = LATER_DEADLINE_PATTERN.match(clause.strip())
        if found is None:
            continue
        parts = date_parts(found.group("date"))
        if parts.year not in (None, target.year):
            continue
        return resolve_date(parts, "deadline", context_year=target.year)
    return None


def replace_year(target: Target, year: int | None) -> Target:
    """`target` with its year set (a pydantic copy)."""
    return target.model_copy(update={"year": year}) if year is not None else target


def _unique(targets: list[Target]) -> list[Target]:
    kept: list[Target] = []
    for target in targets:
        if not any(same_figure(target, k) and target.year == k.year for k in kept):
            kept.append(target)
    return kept
