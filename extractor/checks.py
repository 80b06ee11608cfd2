"""Self-checks on a whole extraction: silent failures made loud (issue #11).

Each check is a pure function of the extracted Plan (and the normalised text it came
from) returning warnings; none changes a value. They catch what no single extractor can
see: a plan whose headings were read but whose goal, content and steps sections were not
recognised, a long text that gave nothing at all, and lower-level headings whose numbers
restart or skip (a heading lost to an unread numbering style, or two lists run together).
The level-1 sequence is checked where the section tree is built
(`structure.sections.numbering_warnings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from extractor.models import Plan, Section, Warning
from extractor.structure.sections import numbering_value

# the section kinds every implementation plan has at least one of: its goals, its
# content (tasks) or its steps (`二、工作目标`, `三、主要任务`, `四、实施步骤`)
CORE_SECTION_KINDS = frozenset({"objectives", "content", "steps"})

# a plan text longer than this that yields no section, no target and no table was not
# read as a plan at all (a notice of two sentences is shorter: `关于…的通知` and its body)
MIN_PLAN_CHARS_FOR_CONTENT = 300

# the record fields any one of which shows the text was read as a plan: a notice that
# only lists a leading group (`组　长：…`) has no section, target or table, and is read
EXTRACTED_RECORD_FIELDS = (
    "sections",
    "targets",
    "tables",
    "phases",
    "deadlines",
    "responsibilities",
    "rubrics",
    "communities",
    "committee",
)

# a heading title in a message is cut to this many characters (a measure glued to its
# number runs to a paragraph)
MESSAGE_TITLE_CHARS = 16

# the shape of a heading number, which tells one numbered list from another under the
# same parent: `（二）`, `(二)` and `㈡` → "（一）"; `（2）` and `⑵` → "（1）"; `2` and `⒉` → "1";
# `②` → "①". A one-character number is the same list typed otherwise (WPS, OCR).
NUMBER_SHAPES = (
    ("（一）", re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[㈠-㈩])$")),  # （二） ㈡
    ("（1）", re.compile(r"^(?:[（(]\d{1,2}[）)]|[⑴-⒇])$")),  # （2） ⑵
    ("1", re.compile(r"^(?:\d{1,2}|[⒈-⒛])$")),  # 2 ⒉
    ("①", re.compile(r"^[①-⑳]$")),  # ②
)
# the brackets around a number: `（二）` → `二`
NUMBER_BRACKETS = "（()）"


def body_sections(sections: Sequence[Section]) -> Iterator[Section]:
    """Every section of the plan body, depth first: no preamble, no attachment."""
    for section in sections:
        if section.kind in ("preamble", "attachment"):
            continue
        yield section
        yield from body_sections(section.children)


def missing_core_sections(plan: Plan) -> list[Warning]:
    """A warning when the body has top-level headings but none of them, nor any heading
    below them, is of kind objectives, content or steps."""
    top = [s for s in plan.sections if s.level == 1 and s.kind not in ("preamble", "attachment")]
    if not top or any(s.kind in CORE_SECTION_KINDS for s in body_sections(plan.sections)):
        return []
    titles = " ".join(f"{s.number or ''}、{s.title[:MESSAGE_TITLE_CHARS]}" for s in top[:5])
    return [
        Warning(
            code="core_sections_missing",
            message=f"none of the {len(top)} top-level headings ({titles}) nor any heading "
            "below them reads as the plan's objectives, content or steps (目标, 任务, "
            "步骤): a section of these kinds may have been missed",
            evidence=top[0].evidence,
        )
    ]


def nothing_extracted(plan: Plan, text: str) -> list[Warning]:
    """A warning when a text of more than MIN_PLAN_CHARS_FOR_CONTENT characters yields no
    section, no target and no table, nor any other record (EXTRACTED_RECORD_FIELDS)."""
    length = len(text.strip())
    if length <= MIN_PLAN_CHARS_FOR_CONTENT or any(
        getattr(plan, name) for name in EXTRACTED_RECORD_FIELDS
    ):
        return []
    return [
        Warning(
            code="nothing_extracted",
            message=f"a text of {length} characters gave no section, no target and no table: "
            "its headings and tables are in a layout the extractor does not read",
        )
    ]


def number_shape(number: str | None) -> str | None:
    """The shape of a heading number (NUMBER_SHAPES), None for an unnumbered heading."""
    if not number:
        return None
    return next((shape for shape, pattern in NUMBER_SHAPES if pattern.match(number)), None)


def sibling_numbering_warnings(parent: Section, last_of_shape: dict[str, int]) -> list[Warning]:
    """Warnings for the children of `parent` numbered in one shape whose numbers do not
    run 1, 2, 3 …: a skip or a restart. The first may also go on from the last number of
    its shape under an earlier parent (`last_of_shape`, updated): national 意见 number
    their （一）…（二十二） through the whole text."""
    warnings: list[Warning] = []
    previous: dict[str, int] = {}
    for child in parent.children:
        shape = number_shape(child.number)
        if shape is None:
            continue
        value = numbering_value((child.number or "").strip(NUMBER_BRACKETS))
        if value is None:
            continue
        expected = previous.get(shape, 0) + 1
        continued = shape not in previous and value == last_of_shape.get(shape, 0) + 1
        if value != expected and not continued:
            problem = "restarts" if value <= previous.get(shape, 0) else "skips"
            warnings.append(
                Warning(
                    code="heading_misnumbered",
                    message=f"heading {child.number}{child.title!r} under "
                    f"{parent.number or ''}{parent.title!r} is number {value} where "
                    f"{expected} was due: the numbering {problem}",
                    evidence=child.evidence,
                )
            )
        previous[shape] = last_of_shape[shape] = value
    return warnings


def lower_numbering_warnings(plan: Plan) -> list[Warning]:
    """`sibling_numbering_warnings` for every body section, in document order."""
    last_of_shape: dict[str, int] = {}
    return [
        warning
        for section in body_sections(plan.sections)
        for warning in sibling_numbering_warnings(section, last_of_shape)
    ]


def check_plan(plan: Plan, text: str) -> list[Warning]:
    """Every self-check's warnings for a finished extraction of `text`."""
    return [
        *missing_core_sections(plan),
        *nothing_extracted(plan, text),
        *lower_numbering_warnings(plan),
    ]
