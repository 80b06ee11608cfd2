"""Rubrics written as numbered paragraphs instead of a table (考核细则 / 评分标准 in prose).

    一、组织领导（20分）
    1.成立工作领导小组，明确分管领导（5分）。未成立的不得分，未明确分管领导的扣2分。
    2.制定年度工作方案并按时报送（5分）。每迟报一天扣0.5分，扣完为止。
    三、加分项（最高加10分）
    1.获得省级以上表彰的加5分，市级表彰加3分。
    考核满分100分，得分90分以上为优秀，…60分以下为不合格。

A scope is an attachment, a section titled as scoring criteria (`考核细则`, `评分标准`,
`考核内容及评分` …), or the whole body of a plan whose own title is one; scopes inside
another are left to it, and a scope holding a table rubric is left to the table.

In a scope, every numbered paragraph (一、 （一） 1. （1） …, nested by its numbering's
level) is an entry. An entry that states its own points (`（5分）`, `（满分5分）`, `分值5分`,
`，5分。`) with no entry below it stating any is an item; so is an entry that scores
(deducts, voids, awards) with nothing scoring below it. The entry right above items is
their dimension (name without numbering and points, points its `（20分）` else the sum of
its items); entries higher up are groupings whose text, like the unnumbered paragraphs,
may state the total (`满分100分`) and the grade bands. An item's criterion is its text up
to its points, its rules the sentences after them (or the criterion's own scoring clauses
when nothing follows); items under a 加分/奖励 dimension, or awarding points they do not
have, are bonus. At least MIN_PROSE_ITEMS items must state points, else the scope is no
rubric, and a scope whose numbered paragraphs deduct points gets a
`scoring_text_without_rubric` warning naming it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.document import Document, Paragraph
from extractor.fields.rubric.cells import awards_points, is_bonus, split_subtotal
from extractor.fields.rubric.checks import (
    StatedNumber,
    dimension_points_warnings,
    duplicate_number_warnings,
    items_points,
    points_sum_warnings,
    sum_points,
)
from extractor.fields.rubric.grades import (
    NOTE_TOTAL,
    PASS_SCORE,
    find_grades,
    find_note_totals,
    find_pass_line,
    grade_bands,
)
from extractor.fields.rubric.rules import (
    DEDUCTION,
    RANGE_DEDUCTION,
    has_deduction,
    parse_rules,
    scoring_rules,
)
from extractor.models import Dimension, Evidence, Item, Rubric, Rule, Section, Warning
from extractor.structure import Structure
from extractor.structure.sections import NUMBERING_STYLES, find_plan_title

NUMBER = r"\d+(?:\.\d+)?"

# How many items must state their own points before numbered paragraphs are read as a
# rubric: one or two `（5分）` may be a figure in passing (a plan's `满意度90分以上`), three
# in one section are a scoring list.
MIN_PROSE_ITEMS = 3

# How many numbered paragraphs deducting points (`扣2分`) make a scope look like scoring
# criteria, worth a warning when it gives no rubric: one may be a penalty in passing.
MIN_DEDUCTING_ENTRIES = 2

# A text that may hold a prose rubric states points closed by a bracket or a full stop:
# `（5分）`, `20分。`, `(5分)`; a plan without any is skipped before any per-section work.
QUICK_SIGNAL = re.compile(r"\d\s*分\s*[）)。.；;]")

# The title of a section (or plan) of scoring criteria: 考核细则, 考核办法, 评分标准,
# 评分细则, 考核内容及评分, 考评办法, 评价标准, 计分办法
SCORING_TITLE = re.compile(
    r"考核(?:细则|办法|标准|评分|内容及评分|内容和评分)|考评(?:细则|办法|标准)"
    r"|评分(?:标准|细则|办法)|评价(?:细则|标准)|计分(?:办法|标准)|赋分(?:标准|细则)"
)

# An item's own points, the first stated in its text:
# （5分）, (5分), （满分5分）, （分值：5分）, （3分，少一次扣1分） (rules inside after the points);
# 满分5分, 分值5分, 计5分; a bare `，20分。` after a clause (not 扣2分, 加5分, 得5分, 90分以上)
ITEM_POINTS = re.compile(
    rf"[（(]\s*(?:满分|分值|共|计|合计|本项)?\s*[：:为]?\s*(?P<bracketed>{NUMBER})\s*分"
    r"\s*(?:[，,；;]\s*(?P<inner>[^（）()]*))?[）)]"
    rf"|(?:满分|分值|本项|计)\s*[：:为]?\s*(?P<stated>{NUMBER})\s*分(?!钟|以|及)"
    rf"|(?:^|(?<=[，,：:；;\s]))(?P<bare>{NUMBER})\s*分(?=\s*(?:[。.；;，,]|$))"
)

# A numbered paragraph stating the rubric's total, not an item's points: 考核满分100分,
# 本细则总分100分, 考核实行百分制 (`1.建成投放点（满分20分）` opens otherwise)
TOTAL_OPENING = re.compile(
    r"^(?:考核|评分|本细则|本标准|本办法)?[^，。；;,]{0,6}?(?:总分|满分|百分制)"
)

# An ASCII full stop ending a sentence, not a decimal point: 扣2分. / 不得分.
ASCII_FULL_STOP = re.compile(r"(?<!\d)\.|\.(?!\d)")

# Punctuation between an item's points and its rules, or closing its criterion.
CLAUSE_PUNCTUATION = "。.；;，,：: \u3000"


@dataclass(frozen=True)
class Scope:
    """A span of the text that may hold a prose rubric: its title and `[start, end)`."""

    title: str | None
    start: int
    end: int
    heading: Evidence


@dataclass
class Entry:
    """A numbered paragraph of a scope, its unnumbered follow-up paragraphs and the entries
    nested under it (by its numbering's level); `number` is None for a note's numbering and
    for an unnumbered award under a bonus heading, which counts as an entry of its own."""

    paragraph: Paragraph
    number: str | None
    level: int
    body: str
    points: float | None
    scores: bool
    follow: list[Paragraph] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class ItemText:
    """An item's text split at its points: criterion, points, and the text of its rules."""

    criterion: str
    points: float | None
    rules_text: str


def may_hold_prose_rubric(text: str) -> bool:
    """Cheap test before any per-section work: does the text state points anywhere?"""
    return QUICK_SIGNAL.search(text) is not None


def walk(sections: Sequence[Section], end: int) -> list[tuple[Section, int]]:
    """Every section of a tree with where it ends (the next heading not inside it)."""
    found: list[tuple[Section, int]] = []
    for index, section in enumerate(sections):
        stop = sections[index + 1].evidence.start if index + 1 < len(sections) else end
        found.append((section, stop))
        found.extend(walk(section.children, stop))
    return found


def candidate_scopes(doc: Document, sections: list[Section]) -> list[Scope]:
    """Attachments, sections titled as scoring criteria, and the body of a plan titled as
    one; a scope inside another is dropped (the outer one reads its totals too)."""
    scopes: list[Scope] = []
    spans = walk(sections, len(doc.text))
    for section, end in spans:
        if section.kind == "attachment" or SCORING_TITLE.search(section.title):
            scopes.append(Scope(section.title, section.evidence.start, end, section.evidence))
    title_index = find_plan_title(doc.blocks)
    if title_index is not None:
        block = doc.blocks[title_index]
        if isinstance(block, Paragraph) and SCORING_TITLE.search(block.text):
            attachments = [s.evidence.start for s, _ in spans if s.kind == "attachment"]
            end = min((a for a in attachments if a > block.start), default=len(doc.text))
            heading = doc.evidence(block.start, block.end)
            scopes.append(Scope(block.text.strip(), block.start, end, heading))
    unique = list({(scope.start, scope.end): scope for scope in reversed(scopes)}.values())
    return sorted(
        (
            scope
            for scope in unique
            if not any(
                other is not scope and other.start <= scope.start and scope.end <= other.end
                for other in unique
            )
        ),
        key=lambda scope: scope.start,
    )


def scope_paragraphs(doc: Document, scope: Scope) -> list[Paragraph]:
    """The paragraphs of `doc` inside `scope`, its heading line's included."""
    paragraphs, starts = doc.paragraphs, doc.paragraph_starts
    first = bisect.bisect_left(starts, scope.start)
    last = bisect.bisect_left(starts, scope.end)
    return [p for p in paragraphs[first:last] if p.text.strip()]


def item_text(body: str) -> ItemText:
    """`成立领导小组（5分）。未成立的不得分` → (`成立领导小组`, 5, `未成立的不得分`); a text
    without points is all criterion (its own scoring clauses are its rules)."""
    match = ITEM_POINTS.search(body)
    if match is None:
        return ItemText(body.strip().rstrip(CLAUSE_PUNCTUATION), None, "")
    value = match.group("bracketed") or match.group("stated") or match.group("bare")
    criterion = body[: match.start()].strip().rstrip(CLAUSE_PUNCTUATION)
    after = body[match.end() :].strip().lstrip(CLAUSE_PUNCTUATION)
    inner = (match.group("inner") or "").strip()
    rules_text = "，".join(part for part in (inner, after) if part)
    if not criterion:  # `（5分）成立领导小组` : the points come first
        criterion, rules_text = rules_text.rstrip(CLAUSE_PUNCTUATION), ""
    return ItemText(criterion, float(value), rules_text)


def numbered_entry(paragraph: Paragraph) -> Entry | None:
    """The paragraph as an entry when it opens with a numbering (一、 （一） 1. （1） ①)."""
    text = paragraph.text.strip()
    for style in NUMBERING_STYLES:
        match = style.pattern.match(text)
        if match is None or not text[match.end() :].strip():
            continue
        body = text[match.end() :].strip()
        if is_note_entry(body):
            return Entry(paragraph, None, style.level, body, points=None, scores=False)
        points = item_text(body).points
        scores = points is not None or has_deduction(body)
        number = re.sub(r"\s+", "", match.group("number"))
        return Entry(paragraph, number, style.level, body, points=points, scores=scores)
    return None


def without_numbering(text: str) -> str:
    """`（二）得分90分以上为优秀…` → `得分90分以上为优秀…`: a note's numbering is layout."""
    text = text.strip()
    for style in NUMBERING_STYLES:
        match = style.pattern.match(text)
        if match is not None and text[match.end() :].strip():
            return text[match.end() :].strip()
    return text


def is_note_entry(body: str) -> bool:
    """True for a numbered paragraph that states the grade bands or the rubric's total
    (`（一）考核满分100分，90分以上为优秀…`): a note of the rubric, never an item."""
    return bool(TOTAL_OPENING.match(body)) or grade_bands(body) is not None


def is_scope_note(text: str) -> bool:
    """True for a paragraph stating the rubric's total, pass line or grade bands, which
    belongs to the rubric, not to the item before it."""
    return bool(NOTE_TOTAL.search(text) or PASS_SCORE.search(text) or grade_bands(text))


def nest_entries(paragraphs: list[Paragraph]) -> list[Entry]:
    """The scope's entries nested by level. An unnumbered paragraph that scores continues
    the entry before it (rules on their own line), or, right under a bonus heading
    (`三、加分项目` / `获得省级以上表彰的加5分…`), is an entry of its own below it; any other
    belongs to no entry (titles, totals, grade bands: the scope's notes)."""
    roots: list[Entry] = []
    stack: list[Entry] = []
    for paragraph in paragraphs:
        entry = numbered_entry(paragraph)
        if entry is None:
            if stack and has_deduction(paragraph.text) and not is_scope_note(paragraph.text):
                if is_bonus(dimension_heading(stack[-1].body)[0] or ""):
                    level = stack[-1].level + 1
                    body = paragraph.text.strip()
                    award = Entry(paragraph, None, level, body, points=None, scores=True)
                    stack[-1].children.append(award)
                else:
                    stack[-1].follow.append(paragraph)
            continue
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots


def descendants(entry: Entry) -> list[Entry]:
    """Every entry under `entry`, in order."""
    found: list[Entry] = []
    for child in entry.children:
        found.append(child)
        found.extend(descendants(child))
    return found


def classify(
    entries: list[Entry], parent: Entry | None = None
) -> tuple[list[tuple[Entry | None, Entry]], list[Entry]]:
    """(dimension, item) pairs in order, and the grouping entries above dimensions.

    An entry stating points with none below it stating any is an item; an entry with
    scoring entries below it is a grouping, its children read in turn (the entry right
    above items is their dimension); a scoring entry with nothing scoring below is an item.
    """
    pairs: list[tuple[Entry | None, Entry]] = []
    groupings: list[Entry] = []
    for entry in entries:
        below = descendants(entry)
        if entry.points is not None and all(d.points is None for d in below):
            pairs.append((parent, entry))
        elif any(d.scores for d in below):
            inner, inner_groupings = classify(entry.children, entry)
            pairs.extend(inner)
            groupings.extend(inner_groupings)
            groupings.append(entry)
        elif entry.scores:
            pairs.append((parent, entry))
    return pairs, groupings


def dimension_heading(body: str) -> tuple[str | None, float | None]:
    """A dimension's name and points from its text: `组织领导（20分）` → (组织领导, 20);
    `加分项（最高加10分）` → (加分项, 10); `组织领导，20分` → (组织领导, 20)."""
    head = body.split("。", 1)[0].strip()
    name, points = split_subtotal(head)
    if points is None:
        match = ITEM_POINTS.search(head)
        if match is not None and not match.group("inner"):
            value = match.group("bracketed") or match.group("stated") or match.group("bare")
            name, points = head[: match.start()], float(value)
    name = name.strip().rstrip(CLAUSE_PUNCTUATION)
    return name or None, points


def entry_evidence(doc: Document, entry: Entry) -> Evidence:
    """The item's paragraph with its follow-up paragraphs and the entries under it."""
    end = max(
        [entry.paragraph.end]
        + [p.end for p in entry.follow]
        + [d.paragraph.end for d in descendants(entry)]
        + [p.end for d in descendants(entry) for p in d.follow]
    )
    return doc.evidence(entry.paragraph.start, end)


def ascii_sentences(text: str) -> list[str]:
    """`text` cut at its ASCII full stops (`扣2分.未成立的不得分.`), which the rules parser
    does not take for sentence ends; a decimal point (`扣0.5分`) stays."""
    return [part for part in ASCII_FULL_STOP.split(text) if part.strip()]


def build_item(doc: Document, entry: Entry, in_bonus: bool) -> Item:
    """One item from an entry: criterion, points, rules (the rules parser on the text after
    its points, on its follow-up lines and on the entries under it), bonus."""
    split = item_text(entry.body)
    rules: list[Rule] = []
    for part in ascii_sentences(split.rules_text):
        rules.extend(parse_rules(part, split.points))
    if not split.rules_text:
        rules = scoring_rules(split.criterion, split.points)
    for extra in [p.text.strip() for p in entry.follow] + [
        d.paragraph.text.strip() for d in descendants(entry)
    ]:
        rules.extend(scoring_rules(extra, split.points))
    bonus = in_bonus or (split.points is None and awards_points(entry.body))
    return Item(
        number=entry.number,
        criterion=split.criterion,
        points=split.points,
        rules=rules,
        bonus=bonus,
        evidence=entry_evidence(doc, entry),
    )


def build_dimensions(
    doc: Document, pairs: list[tuple[Entry | None, Entry]]
) -> tuple[list[Dimension], list[Evidence | None]]:
    """Items grouped under their dimension entries in order of first appearance, with
    each dimension's heading evidence; a dimension without points of its own has its
    items' sum (None when one has none, or for a bonus dimension)."""
    order: list[Entry | None] = []
    grouped: dict[int, list[Entry]] = {}
    for parent, item in pairs:
        key = id(parent)
        if key not in grouped:
            order.append(parent)
            grouped[key] = []
        grouped[key].append(item)
    dimensions: list[Dimension] = []
    evidences: list[Evidence | None] = []
    for parent in order:
        name, points = dimension_heading(parent.body) if parent is not None else (None, None)
        bonus = name is not None and is_bonus(name)
        items = [build_item(doc, entry, bonus) for entry in grouped[id(parent)]]
        if points is None and not bonus:
            points = sum_points([item.points for item in items if not item.bonus])
        dimensions.append(Dimension(name=name, points=points, items=items))
        evidences.append(
            doc.evidence(parent.paragraph.start, parent.paragraph.end) if parent else None
        )
    return dimensions, evidences


def used_paragraphs(pairs: list[tuple[Entry | None, Entry]], groupings: list[Entry]) -> set[int]:
    """Where the paragraphs read as items, dimensions and groupings start: the rest of a
    scope are its notes, which may state the total, the pass line and the grade bands (a
    grouping's `（满分30分）` is its part's, not the rubric's total)."""
    used = {grouping.paragraph.start for grouping in groupings}
    for parent, item in pairs:
        if parent is not None:
            used.add(parent.paragraph.start)
        for entry in [item, *descendants(item)]:
            used.add(entry.paragraph.start)
            used.update(paragraph.start for paragraph in entry.follow)
    return used


def deducting_entries(entries: list[Entry]) -> int:
    """How many entries (at any depth) deduct points: `扣2分`, `扣1-3分`."""
    count = 0
    for entry in entries:
        if DEDUCTION.search(entry.body) or RANGE_DEDUCTION.search(entry.body):
            count += 1
        count += deducting_entries(entry.children)
    return count


def too_few_points_warning(scope: Scope, deducting: int, stating: int) -> Warning:
    """The warning for a scope that reads like scoring criteria but gives no rubric."""
    return Warning(
        code="scoring_text_without_rubric",
        message=f"{scope.title or '评分标准'}: {deducting} numbered paragraphs deduct points "
        f"but only {stating} state their own points (a prose rubric needs "
        f"{MIN_PROSE_ITEMS}); no rubric read from them",
        evidence=scope.heading,
    )


def rubric_from_scope(doc: Document, scope: Scope) -> tuple[Rubric | None, list[Warning]]:
    """The prose rubric of one scope and its warnings; None when too few items state
    points (with a warning when its numbered paragraphs deduct points)."""
    paragraphs = scope_paragraphs(doc, scope)
    roots = nest_entries(paragraphs)
    pairs, groupings = classify(roots)
    stating = sum(1 for _, item in pairs if item.points is not None)
    if stating < MIN_PROSE_ITEMS:
        deducting = deducting_entries(roots)
        if deducting >= MIN_DEDUCTING_ENTRIES:
            return None, [too_few_points_warning(scope, deducting, stating)]
        return None, []
    dimensions, evidences = build_dimensions(doc, pairs)
    used = used_paragraphs(pairs, groupings)
    notes = [paragraph for paragraph in paragraphs if paragraph.start not in used]
    stated: list[StatedNumber] = find_note_totals(doc, notes)
    grades = find_grades([paragraph.text for paragraph in notes])
    pass_line = None
    if grades is not None and grades.pass_score is not None:
        pass_line = (grades.pass_score, grades.text.strip())
    elif grades is None:
        pass_line = find_pass_line(notes)
    if pass_line is not None:
        pass_line = (pass_line[0], without_numbering(pass_line[1]))
    last = paragraphs[-1].end if paragraphs else scope.end
    rubric = Rubric(
        title=scope.title,
        total_points=None,
        pass_score=pass_line[0] if pass_line else None,
        pass_rule=pass_line[1] if pass_line else None,
        levels=grades.levels if grades else [],
        dimensions=dimensions,
        evidence=doc.evidence(scope.start, last),
    )
    rubric.total_points = stated[0].value if stated else items_points(rubric)
    warnings = [
        *points_sum_warnings(rubric, stated),
        *dimension_points_warnings(rubric, evidences),
        *duplicate_number_warnings(rubric),
    ]
    return rubric, warnings


def prose_rubrics(
    structure: Structure, table_rubrics: Sequence[Rubric] = ()
) -> tuple[list[Rubric], list[Warning]]:
    """The rubrics written as numbered paragraphs, one per scope that is not a table
    rubric's, and the warnings of reading them."""
    doc = structure.doc
    if not may_hold_prose_rubric(doc.text):
        return [], []
    rubrics: list[Rubric] = []
    warnings: list[Warning] = []
    for scope in candidate_scopes(doc, structure.sections):
        if any(scope.start <= r.evidence.start < scope.end for r in table_rubrics):
            continue
        rubric, found = rubric_from_scope(doc, scope)
        warnings.extend(found)
        if rubric is not None:
            rubrics.append(rubric)
    return rubrics, warnings
