"""Side-by-side comparison of several plans: the views behind `rubric compare`.

`build_comparison(plans)` turns extracted plans into a `Comparison`: a list of `View`s
(plain tables: overview with lineage, targets by jurisdiction × year, phases, rubrics,
criterion crosswalk, unmatched criteria, responsibilities) plus the geometry of a phase
timeline. The renderers (`render_html`, `render_xlsx`, `render_csv`, `render_markdown`)
only lay those tables out; they never look at a plan again.

The crosswalk aligns equivalent rubric items across plans by the jieba-segmented words of
their criteria: idf-weighted Jaccard similarity, greedy pairing of the most similar items
first, at most one item per plan in a row, rows below `CROSSWALK_MIN_SIMILARITY` not
made. jieba is imported only here, inside the function that needs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field

from extractor.models import Dimension, Item, Phase, Plan, Reference, Rubric, Target

# Display order of jurisdiction levels, highest first: a lineage reads top-down.
LEVEL_ORDER = ("national", "province", "city", "county", "district", "street", "town", "community")
LEVEL_NAMES = {
    "national": "国家",
    "province": "省",
    "city": "市",
    "county": "县",
    "district": "区",
    "street": "街道",
    "town": "镇",
    "community": "社区",
}

# A cited document issued nationally: `《住房和城乡建设部等部门关于…》`, `《国务院办公厅…》`
NATIONAL_ISSUER = re.compile(
    r"^(?:国务院|中共中央|国家|[\u4e00-\u9fff]{2,10}?部(?=等|、|关于|办公厅))"
)
# A cited document named after a place: `《福建省…》` → province, `《泉州市…》` → city;
# not the common words 城市, 社区, 小区, 城镇 (`《城市社区…》`, `《绿色社区…》` name no place)
PLACE_PREFIX = re.compile(
    r"^(?!关于)[\u4e00-\u9fff]{1,5}?"
    r"(自治区|省|(?<![城都超])市|县|(?<![社小园景城街])区|街道|(?<![城乡])镇)"
)
PLACE_SUFFIX_LEVELS = {
    "自治区": "province",
    "省": "province",
    "市": "city",
    "县": "county",
    "区": "district",
    "街道": "street",
    "镇": "town",
}
TITLE_BRACKETS = re.compile(r"[《》\s]")  # `《某方案》` and `某方案` name the same document

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}
ASPIRATIONAL_MARK = "（力争）"  # shown after a 力争/争取 target
NO_YEAR = "—"

# Crosswalk: two criteria are equivalent when the idf-weighted Jaccard similarity of their
# word sets (or of their headline clauses) reaches this. Over the rubric items of four
# plans, two 社区停车秩序规范… items score 0.23–1.0 (1.0 by headline); unrelated pairs
# have a median of 0.01, and 95% score below 0.19.
CROSSWALK_MIN_SIMILARITY = 0.3
CROSSWALK_LABEL_WORDS = 4  # shared words shown as the row label
# Words that carry no meaning for matching: function words and scoring boilerplate.
CROSSWALK_STOP_WORDS = frozenset(
    "的 和 与 及 等 了 有 无 在 对 按 得 分 扣 以上 以下 情况 相关 进行 开展 各类 每 项".split()
)
# End of a criterion's headline clause: `社区停车秩序规范，无占压…` → `社区停车秩序规范`
HEADLINE_END = re.compile(r"[，,；;。：:（(]")
HEADLINE_MIN_WORDS = 2  # a shorter headline says too little to match on alone
# A token worth comparing: CJK words of two or more characters, or Latin/number words
CROSSWALK_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+)$")

Value = str | int | float | None


@dataclass
class View:
    """One comparison table: a name for files and sheets, a title, columns and rows."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Value]]
    note: str | None = None


@dataclass(frozen=True)
class Bar:
    """One phase in the timeline: x/width in pixels, `row` the sub-row inside its lane."""

    label: str
    start: str | None
    end: str | None
    x: float
    width: float
    row: int
    colour: int
    point: bool = False  # a phase with a single date, drawn as a marker
    label_left: bool = False  # a marker's label drawn to its left (no room on the right)
    open_end: bool = False  # a phase with a start and no end (…以后): a faded bar


@dataclass
class Lane:
    """One jurisdiction's row of phases in the timeline."""

    label: str
    y: float
    height: float
    bars: list[Bar] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


@dataclass
class Timeline:
    """Geometry of the phase timeline (an inline SVG in HTML)."""

    width: float
    height: float
    left: float
    lanes: list[Lane]
    ticks: list[tuple[float, str]]


@dataclass
class Comparison:
    """Everything `rubric compare` shows, ready to render."""

    plans: list[str]
    views: list[View]
    timeline: Timeline | None
    rubric_shares: list[tuple[str, list[tuple[str, float]]]] = field(default_factory=list)


# ---------------------------------------------------------------- labels and formats


def plan_label(plan: Plan) -> str:
    """The name a plan goes by in the report: its jurisdiction, else title, else file."""
    if plan.jurisdiction.name:
        return plan.jurisdiction.name
    if plan.title:
        return plan.title
    return plan.source.path.rsplit("/", 1)[-1]


def unique_labels(plans: list[Plan]) -> list[str]:
    """Plan labels, numbered where two plans would otherwise share one."""
    labels = [plan_label(p) for p in plans]
    return [
        f"{label} ({labels[:i].count(label) + 1})" if labels.count(label) > 1 else label
        for i, label in enumerate(labels)
    ]


def level_rank(level: str | None) -> int:
    """Position of a level in LEVEL_ORDER; unknown levels last."""
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def order_plans(plans: list[Plan]) -> list[Plan]:
    """Plans from the highest level down (national first), input order within a level."""
    return sorted(plans, key=lambda p: level_rank(p.jurisdiction.level))


def format_number(value: float | None) -> str:
    """5.0 → "5", 2.5 → "2.5", None → ""."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_target(target: Target) -> str:
    """`≥30% 城市社区`, `10%–20% 老旧小区`, `100 示范社区（力争）`."""
    sign = COMPARATOR_SIGNS.get(target.comparator or "=", "")
    if target.percent is not None and target.percent_max is not None:
        figure = f"{format_number(target.percent)}%–{format_number(target.percent_max)}%"
    elif target.percent is not None:
        figure = f"{sign}{format_number(target.percent)}%"
    elif target.count is not None:
        figure = f"{sign}{target.count}"
    else:
        figure = "?"
    text = " ".join(part for part in (figure, target.subject) if part)
    return text + (ASPIRATIONAL_MARK if target.aspirational else "")


def reference_level(reference: Reference) -> str | None:
    """The level of a cited document from its title: 《福建省…》 → province, else None."""
    title = TITLE_BRACKETS.sub("", reference.title or "")
    if NATIONAL_ISSUER.match(title):
        return "national"
    match = PLACE_PREFIX.match(title)
    return PLACE_SUFFIX_LEVELS[match.group(1)] if match else None


def format_reference(reference: Reference) -> str:
    """`《标题》（文号）` as far as known."""
    title = reference.title or ""
    if title and not title.startswith("《"):
        title = f"《{title}》"
    number = f"（{reference.doc_number}）" if reference.doc_number else ""
    return title + number or "?"


def _same_document(reference: Reference, plan: Plan) -> bool:
    if reference.doc_number and plan.doc_number and reference.doc_number == plan.doc_number:
        return True
    if reference.title and plan.title:
        return TITLE_BRACKETS.sub("", reference.title) == TITLE_BRACKETS.sub("", plan.title)
    return False


def lineage(plans: list[Plan], labels: list[str]) -> list[list[str]]:
    """Per plan, the documents it cites from the highest level down, each as a line.

    A cited document that is one of the compared plans is named by that plan's label
    (`→ 某省`); the others show their level where the title tells it.
    """
    lines_per_plan: list[list[str]] = []
    for plan in plans:
        refs = sorted(plan.references, key=lambda r: level_rank(reference_level(r)))
        lines: list[str] = []
        for ref in refs:
            in_set = [labels[j] for j, other in enumerate(plans) if _same_document(ref, other)]
            level = LEVEL_NAMES.get(reference_level(ref) or "", "")
            prefix = f"{level}：" if level else ""
            suffix = f" → {in_set[0]}" if in_set else ""
            lines.append(f"{prefix}{format_reference(ref)}{suffix}")
        lines_per_plan.append(lines)
    return lines_per_plan


# ---------------------------------------------------------------- views


def overview_view(plans: list[Plan], labels: list[str]) -> View:
    """Jurisdiction, level, title, issue date, number, issuers and what each plan cites."""
    cited = lineage(plans, labels)
    cited_by = [
        [
            labels[i]
            for i, other in enumerate(plans)
            if any(_same_document(r, plan) for r in other.references)
        ]
        for plan in plans
    ]
    rows: list[list[Value]] = []
    for plan, label, refs, implementers in zip(plans, labels, cited, cited_by, strict=True):
        level = plan.jurisdiction.level
        rows.append(
            [
                label,
                LEVEL_NAMES.get(level or "", level or ""),
                plan.title,
                plan.issued_on.isoformat() if plan.issued_on else None,
                plan.doc_number,
                "、".join(plan.issuers) or None,
                "\n".join(refs) or None,
                "\n".join(implementers) or None,
            ]
        )
    return View(
        name="overview",
        title="概况 Overview",
        columns=[
            "辖区 Jurisdiction",
            "层级 Level",
            "标题 Title",
            "印发日期 Issued",
            "文号 Doc number",
            "印发单位 Issuers",
            "依据文件 Implements (cites)",
            "被引用 Cited by",
        ],
        rows=rows,
        note="依据文件按层级由高到低排列；“→”指向本次对比中的方案。"
        " Cited documents run from the highest level down; → marks a plan in this comparison.",
    )


def target_years(plans: list[Plan]) -> list[int | None]:
    """The years targets are set for, ascending, None (no year) last if any."""
    years = {t.year for p in plans for t in p.targets}
    return sorted(y for y in years if y is not None) + ([None] if None in years else [])


def targets_view(plans: list[Plan], labels: list[str]) -> View:
    """Targets as a jurisdiction × year matrix, aspirational ones marked."""
    years = target_years(plans)
    rows: list[list[Value]] = []
    for plan, label in zip(plans, labels, strict=True):
        row: list[Value] = [label]
        for year in years:
            cell = [format_target(t) for t in plan.targets if t.year == year]
            row.append("\n".join(cell) or None)
        rows.append(row)
    return View(
        name="targets",
        title="目标 Targets",
        columns=["辖区 Jurisdiction"] + [str(y) if y else NO_YEAR for y in years],
        rows=rows,
        note=f"{ASPIRATIONAL_MARK} = 力争/争取 (aspirational). ≥ = 以上/不低于/至少.",
    )


def phases_view(plans: list[Plan], labels: list[str]) -> View:
    """Every phase: jurisdiction, name, start, end, what happens."""
    rows: list[list[Value]] = [
        [
            label,
            phase.name,
            phase.start.isoformat() if phase.start else None,
            phase.end.isoformat() if phase.end else None,
            phase.description,
        ]
        for plan, label in zip(plans, labels, strict=True)
        for phase in plan.phases
    ]
    return View(
        name="phases",
        title="实施步骤 Phases",
        columns=[
            "辖区 Jurisdiction",
            "阶段 Phase",
            "开始 Start",
            "结束 End",
            "内容 Description",
        ],
        rows=rows,
    )


def rubric_items(rubric: Rubric) -> list[Item]:
    """All items of a rubric in table order."""
    return [item for dimension in rubric.dimensions for item in dimension.items]


def dimension_weight(dimension: Dimension) -> float | None:
    """A dimension's stated points, else the sum of its items' points, else None."""
    if dimension.points is not None:
        return dimension.points
    points = [i.points for i in dimension.items if i.points is not None]
    return sum(points) if points else None


def dimension_shares(rubric: Rubric) -> list[tuple[str, float | None, float | None]]:
    """Per dimension: name, weight (None if unknown) and share of the total (or of the sum)."""
    weights = [(d.name or "?", dimension_weight(d)) for d in rubric.dimensions]
    total = rubric.total_points or sum(w for _, w in weights if w is not None) or None
    return [
        (name, weight, weight / total if total and weight is not None else None)
        for name, weight in weights
    ]


def rubrics_view(plans: list[Plan], labels: list[str]) -> View:
    """Per rubric: total, pass score and ratio, item count, each dimension's share."""
    rows: list[list[Value]] = []
    for plan, label in zip(plans, labels, strict=True):
        for rubric in plan.rubrics:
            ratio = (
                f"{rubric.pass_score / rubric.total_points:.0%}"
                if rubric.pass_score is not None and rubric.total_points
                else None
            )
            shares = "\n".join(
                f"{name} {format_number(weight)}".rstrip() + (f" ({share:.0%})" if share else "")
                for name, weight, share in dimension_shares(rubric)
            )
            rows.append(
                [
                    label,
                    rubric.title,
                    rubric.total_points,
                    rubric.pass_score,
                    ratio,
                    len(rubric_items(rubric)),
                    "、".join(rubric.levels) or None,
                    shares or None,
                ]
            )
    return View(
        name="rubrics",
        title="评分标准 Rubrics",
        columns=[
            "辖区 Jurisdiction",
            "评分表 Rubric",
            "总分 Total",
            "合格分 Pass score",
            "合格比例 Pass ratio",
            "条目数 Items",
            "等级 Levels",
            "维度及权重 Dimensions (share of total)",
        ],
        rows=rows,
    )


def responsibilities_view(plans: list[Plan], labels: list[str]) -> View:
    """Which units lead and join each task."""
    rows: list[list[Value]] = [
        [label, r.section, r.task, "、".join(r.lead) or None, "、".join(r.participants) or None]
        for plan, label in zip(plans, labels, strict=True)
        for r in plan.responsibilities
    ]
    return View(
        name="responsibilities",
        title="责任分工 Responsibilities",
        columns=[
            "辖区 Jurisdiction",
            "章节 Section",
            "任务 Task",
            "牵头 Lead",
            "参与 Participants",
        ],
        rows=rows,
    )


# ---------------------------------------------------------------- crosswalk


def criterion_words(text: str) -> frozenset[str]:
    """The content words of a criterion, segmented by jieba (imported on first use).

    jieba's search mode adds the parts of long words (全覆盖 → 覆盖), so that 覆盖面 and
    全覆盖 still share a word.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return frozenset(
        w
        for w in jieba.lcut_for_search(text)
        if CROSSWALK_WORD.match(w) and w not in CROSSWALK_STOP_WORDS
    )


def inverse_document_frequency(word_sets: list[frozenset[str]]) -> dict[str, float]:
    """Smoothed idf of each word over the criteria: rare words weigh more."""
    count = len(word_sets)
    frequency: dict[str, int] = {}
    for words in word_sets:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    return {w: math.log((count + 1) / (f + 1)) + 1 for w, f in frequency.items()}


def weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Σ idf of shared words over Σ idf of all words of the two sets (0 when both empty)."""
    union = sum(idf.get(w, 1.0) for w in a | b)
    return sum(idf.get(w, 1.0) for w in a & b) / union if union else 0.0


@dataclass(frozen=True)
class CrosswalkItem:
    """One rubric item entering the crosswalk: which plan, where, its words.

    `headline` holds the words of the criterion's first clause, which names what is
    assessed (`社区停车秩序规范`) while the rest elaborates; empty when too short.
    """

    plan: int
    position: int
    item: Item
    words: frozenset[str]
    headline: frozenset[str] = frozenset()


def crosswalk_item(plan: int, position: int, item: Item) -> CrosswalkItem:
    """An item with its criterion's words and headline words."""
    headline = criterion_words(HEADLINE_END.split(item.criterion, maxsplit=1)[0])
    return CrosswalkItem(
        plan=plan,
        position=position,
        item=item,
        words=criterion_words(item.criterion),
        headline=headline if len(headline) >= HEADLINE_MIN_WORDS else frozenset(),
    )


def item_similarity(a: CrosswalkItem, b: CrosswalkItem, idf: dict[str, float]) -> float:
    """The better of the whole criteria's and the headlines' weighted Jaccard similarity."""
    whole = weighted_jaccard(a.words, b.words, idf)
    if a.headline and b.headline:
        return max(whole, weighted_jaccard(a.headline, b.headline, idf))
    return whole


def align_items(
    items: list[CrosswalkItem], threshold: float = CROSSWALK_MIN_SIMILARITY
) -> list[list[CrosswalkItem]]:
    """Groups of equivalent items, at most one per plan, most similar pairs joined first.

    Returns every item exactly once: groups of one are the unmatched items. Groups are
    ordered by their first item (plan order, then position).
    """
    idf = inverse_document_frequency([i.words for i in items])
    pairs = sorted(
        (
            (item_similarity(a, b, idf), ia, ib)
            for ia, a in enumerate(items)
            for ib, b in enumerate(items)
            if ia < ib and a.plan != b.plan
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    group_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for similarity, ia, ib in pairs:
        if similarity < threshold:
            break
        ga, gb = group_of[ia], group_of[ib]
        if ga == gb:
            continue
        plans_a = {items[m].plan for m in members[ga]}
        if any(items[m].plan in plans_a for m in members[gb]):
            continue
        for m in members.pop(gb):
            group_of[m] = ga
            members[ga].append(m)
    groups = [sorted(m, key=lambda i: (items[i].plan, items[i].position)) for m in members.values()]
    groups.sort(key=lambda g: (items[g[0]].plan, items[g[0]].position))
    return [[items[i] for i in group] for group in groups]


def shared_words(group: list[CrosswalkItem], idf: dict[str, float]) -> list[str]:
    """The most telling words the group's criteria share, in the first criterion's order."""
    counts: dict[str, int] = {}
    for member in group:
        for word in member.words:
            counts[word] = counts.get(word, 0) + 1
    common = [w for w, c in counts.items() if c >= 2]
    # jieba's search mode gives 物业管理 and also 物业, 管理: show the longest only
    common = [w for w in common if not any(w != o and w in o for o in common)]
    common.sort(key=lambda w: (-counts[w], -idf.get(w, 0.0), w))
    first = group[0].item.criterion
    chosen = common[:CROSSWALK_LABEL_WORDS]
    return sorted(chosen, key=lambda w: (first.find(w) if w in first else len(first), w))


def format_item(item: Item) -> str:
    """`11. 社区停车秩序规范…（5分）` — number, name (`县农粮局：`), criterion, points or the
    best level's."""
    number = f"{item.number}. " if item.number else ""
    points = item.points
    if points is None and item.level_points:
        points = max(item.level_points.values())
    suffix = f"（{format_number(points)}分）" if points is not None else ""
    bonus = "〔附加〕" if item.bonus else ""
    name = f"{item.name}：" if item.name else ""
    return f"{number}{bonus}{name}{item.criterion}{suffix}"


def crosswalk_views(plans: list[Plan], labels: list[str]) -> tuple[View, View]:
    """The crosswalk of equivalent items across plans, and the items left unmatched."""
    with_items = [i for i, plan in enumerate(plans) if any(rubric_items(r) for r in plan.rubrics)]
    items = [
        crosswalk_item(i, pos, item)
        for i in with_items
        for pos, item in enumerate(it for r in plans[i].rubrics for it in rubric_items(r))
    ]
    groups = align_items(items)
    idf = inverse_document_frequency([i.words for i in items])
    rows: list[list[Value]] = []
    unmatched: list[list[Value]] = []
    for group in groups:
        if len(group) == 1:
            only = group[0]
            unmatched.append([labels[only.plan], format_item(only.item)])
            continue
        by_plan = {member.plan: member for member in group}
        row: list[Value] = [" ".join(shared_words(group, idf)) or None]
        row += [format_item(by_plan[i].item) if i in by_plan else None for i in with_items]
        row.append(len(group))
        rows.append(row)
    crosswalk = View(
        name="crosswalk",
        title="条目对照 Criterion crosswalk",
        columns=["共同词 Shared words"] + [labels[i] for i in with_items] + ["方案数 Plans"],
        rows=rows,
        note="按条目用词（jieba 分词）的相似度对齐，每行每个方案至多一条。"
        f" Items aligned by word similarity (idf-weighted Jaccard ≥ {CROSSWALK_MIN_SIMILARITY}).",
    )
    left = View(
        name="unmatched",
        title="未对齐条目 Unmatched criteria",
        columns=["辖区 Jurisdiction", "条目 Item"],
        rows=unmatched,
        note="在其他方案中没有相近条目的评分条目。 Items with no equivalent in the other plans.",
    )
    return crosswalk, left


# ---------------------------------------------------------------- timeline

TIMELINE_WIDTH = 1200  # pixels of the whole SVG
TIMELINE_LEFT = 130  # pixels for the lane labels
TIMELINE_ROW_HEIGHT = 26
TIMELINE_LANE_PADDING = 8
TIMELINE_AXIS_HEIGHT = 28
TIMELINE_COLOURS = 6  # bars cycle through this many CSS classes
TIMELINE_LABEL_CHAR = 12  # pixels per CJK character of a label beside a single-date marker
TIMELINE_TICK_LABEL = 50  # pixels a tick label needs before the right edge


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Month starts from `first` to after `last`, thinned to at most about 14 ticks."""
    months = [_month_start(first)]
    while months[-1] <= last:
        months.append(_next_month(months[-1]))
    step = next(s for s in (1, 2, 3, 6, 12, 24) if len(months) / s <= 14)
    return [m for m in months if (m.month - 1) % step == 0] or months[:1]


TIMELINE_OPEN_END_DAYS = 61  # an open-ended phase (2022年12月以后) is drawn this long, faded


def _phase_dates(phase: Phase) -> tuple[dt.date, dt.date] | None:
    """The drawn span of a phase: start–end, start + TIMELINE_OPEN_END_DAYS when the end
    is open, the end alone (a marker) when the start is unknown, None when undated."""
    if phase.start and phase.end:
        return (phase.start, phase.end) if phase.start <= phase.end else (phase.end, phase.start)
    if phase.start:
        return phase.start, phase.start + dt.timedelta(days=TIMELINE_OPEN_END_DAYS)
    return (phase.end, phase.end) if phase.end else None


def build_timeline(plans: list[Plan], labels: list[str]) -> Timeline | None:
    """Lanes of phase bars, one lane per plan; None when no phase has a date."""
    spans = [_phase_dates(ph) for plan in plans for ph in plan.phases]
    dated = [s for s in spans if s]
    if not dated:
        return None
    first = _month_start(min(s[0] for s in dated))
    last = max(s[1] for s in dated)
    ticks = timeline_ticks(first, last)
    end = _next_month(last)
    scale = (TIMELINE_WIDTH - TIMELINE_LEFT - 10) / max(1, (end - first).days)

    def x_of(day: dt.date) -> float:
        return round(TIMELINE_LEFT + (day - first).days * scale, 1)

    lanes: list[Lane] = []
    y = float(TIMELINE_AXIS_HEIGHT)
    for plan, label in zip(plans, labels, strict=True):
        lane = Lane(label=label, y=y, height=0)
        row_ends: list[float] = []
        for index, phase in enumerate(plan.phases):
            dates = _phase_dates(phase)
            if dates is None:
                lane.undated.append(phase.name)
                continue
            point = dates[0] == dates[1]
            open_end = phase.start is not None and phase.end is None
            x = x_of(dates[0])
            right = x_of(dates[1] + dt.timedelta(days=1)) if not point else x + 1
            # a marker's label runs to its right: keep that space free in its row
            label_width = 12 + TIMELINE_LABEL_CHAR * len(phase.name)
            label_left = point and x + label_width > TIMELINE_WIDTH
            taken = right if not point else (x + 8 if label_left else x + label_width)
            left = x if not point else (x - label_width if label_left else x - 8)
            row = next((r for r, e in enumerate(row_ends) if e <= left), len(row_ends))
            if row == len(row_ends):
                row_ends.append(taken)
            row_ends[row] = taken
            lane.bars.append(
                Bar(
                    label=phase.name,
                    start=phase.start.isoformat() if phase.start else None,
                    end=phase.end.isoformat() if phase.end else None,
                    x=x,
                    width=max(1.0, round(right - x, 1)),
                    row=row,
                    colour=index % TIMELINE_COLOURS,
                    point=point,
                    label_left=label_left,
                    open_end=open_end,
                )
            )
        rows = max(1, len(row_ends)) + (1 if lane.undated and len(row_ends) < 2 else 0)
        lane.height = rows * TIMELINE_ROW_HEIGHT + TIMELINE_LANE_PADDING
        lanes.append(lane)
        y += lane.height
    tick_marks = [
        (x_of(t), f"{t.year}-{t.month:02d}")
        for t in ticks
        if x_of(t) <= TIMELINE_WIDTH - TIMELINE_TICK_LABEL
    ]
    return Timeline(
        width=TIMELINE_WIDTH, height=y + 4, left=TIMELINE_LEFT, lanes=lanes, ticks=tick_marks
    )


# ---------------------------------------------------------------- the whole comparison


def build_comparison(plans: list[Plan]) -> Comparison:
    """Every view of the comparison of `plans` (ordered from the highest level down)."""
    ordered = order_plans(plans)
    labels = unique_labels(ordered)
    crosswalk, unmatched = crosswalk_views(ordered, labels)
    shares = [
        (
            f"{label} · {rubric.title or ''}".rstrip(" ·"),
            [(name, share) for name, _, share in dimension_shares(rubric) if share],
        )
        for plan, label in zip(ordered, labels, strict=True)
        for rubric in plan.rubrics
    ]
    return Comparison(
        plans=labels,
        views=[
            overview_view(ordered, labels),
            targets_view(ordered, labels),
            phases_view(ordered, labels),
            rubrics_view(ordered, labels),
            crosswalk,
            unmatched,
            responsibilities_view(ordered, labels),
        ],
        timeline=build_timeline(ordered, labels),
        rubric_shares=[s for s in shares if s[1]],
    )


# ---------------------------------------------------------------- renderers

OUTPUT_FORMATS = ("html", "xlsx", "csv", "md")
XLSX_MAX_COLUMN_WIDTH = 60  # characters; longer text wraps
XLSX_MIN_COLUMN_WIDTH = 8
XLSX_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell_text(value: Value) -> str:
    """A cell as text: numbers without a spurious `.0`, None empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def display_width(text: str) -> int:
    """Width in monospace columns of the longest line: CJK characters count two."""
    return max(
        (sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


# A spreadsheet opening a CSV takes a cell starting with one of these for a formula
# (`=cmd|' /C calc'!A0`, `+1+1`, `@SUM(A1)`), so such a text cell gets a leading `'`
# (OWASP's CSV injection rule); numbers are written as they are (`-5` stays `-5`).
CSV_FORMULA_START_CHARS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA_GUARD = "'"


def csv_safe(value: Value) -> str:
    """A CSV cell that no spreadsheet runs as a formula (CSV_FORMULA_START_CHARS); a bare
    carriage return, which the csv module leaves unquoted, becomes a line break."""
    text = cell_text(value)
    if isinstance(value, str) and text.startswith(CSV_FORMULA_START_CHARS):
        text = CSV_FORMULA_GUARD + text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_csv(comparison: Comparison) -> str:
    """One CSV: a `view` column, then the union of every view's columns (text cells made
    safe from formula injection, `csv_safe`)."""
    columns: list[str] = []
    for view in comparison.views:
        columns += [c for c in view.columns if c not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["view", *(csv_safe(c) for c in columns)])
    for view in comparison.views:
        for row in view.rows:
            by_column = dict(zip(view.columns, row, strict=True))
            writer.writerow([csv_safe(view.name)] + [csv_safe(by_column.get(c)) for c in columns])
    return out.getvalue()


# Markdown renderers pass HTML through: plan text is escaped so that `<script>` stays
# text, and `|` so that it does not split a table cell.
MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"})


def markdown_text(text: str) -> str:
    """Plan text safe in Markdown: `& < > |` escaped, line breaks as `<br>`."""
    return text.translate(MARKDOWN_ESCAPES).replace("\n", "<br>")


def _markdown_cell(value: Value) -> str:
    return markdown_text(cell_text(value))


def render_markdown(comparison: Comparison) -> str:
    """One Markdown document: a section and a pipe table per view (text escaped)."""
    plans = markdown_text("、".join(comparison.plans))
    lines = [f"# 方案对比 Plan comparison: {plans}", ""]
    for view in comparison.views:
        lines += [f"## {markdown_text(view.title)}", ""]
        if view.note:
            lines += [markdown_text(view.note), ""]
        if not view.rows:
            lines += ["（无 none）", ""]
            continue
        lines.append("| " + " | ".join(_markdown_cell(c) for c in view.columns) + " |")
        lines.append("|" + "---|" * len(view.columns))
        lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in view.rows]
        lines.append("")
    return "\n".join(lines)


def render_xlsx(comparison: Comparison) -> bytes:
    """An XLSX workbook: one sheet per view, bold frozen header row, readable widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for view in comparison.views:
        sheet = workbook.create_sheet(XLSX_SHEET_TITLE_FORBIDDEN.sub(" ", view.name)[:31])
        sheet.append([xlsx_text(column) for column in view.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = wrap
        for row in view.rows:
            sheet.append([_xlsx_value(v) for v in row])
        for row_cells in sheet.iter_rows():
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula: `=cmd|' /C calc'!A0` stays
                if cell.row > 1:
                    cell.alignment = wrap
        for index, column in enumerate(view.columns, start=1):
            widest = max(
                [display_width(column)]
                + [display_width(cell_text(r[index - 1])) for r in view.rows]
            )
            width = min(XLSX_MAX_COLUMN_WIDTH, max(XLSX_MIN_COLUMN_WIDTH, widest + 2))
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(value: Value) -> Value:
    # numbers stay numbers (sortable in Excel); whole floats become ints; text loses the
    # control characters an XLSX cannot hold (openpyxl refuses them)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return xlsx_text(value)
    return value


def xlsx_text(text: str) -> str:
    """`text` without the control characters XML 1.0 (and so an XLSX) cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def render_html(comparison: Comparison) -> str:
    """One self-contained HTML page (inline CSS and SVG, no network, text escaped)."""
    from extractor.review.templates import render_template

    return render_template(
        "compare.html.j2",
        comparison=comparison,
        cell_text=cell_text,
        format_number=format_number,
    )


def render_comparison(comparison: Comparison, output_format: str) -> str | bytes:
    """The comparison in one of OUTPUT_FORMATS (bytes for xlsx, text for the others)."""
    renderers = {
        "html": render_html,
        "xlsx": render_xlsx,
        "csv": render_csv,
        "md": render_markdown,
    }
    return renderers[output_format](comparison)
