"""The comparison's data: plain tables (`View`s) built from extracted plans.

Every view is a title, columns and rows of typed cells (text, numbers, dates, None), with
optional marks on cells that differ from their row's reference. The renderers
(`render_html`, `render_xlsx`, `render_csv`, `render_markdown`) only lay views out; they
never look at a plan. The per-plan workbook (`workbook.py`) uses the same record views.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from extractor.models import Dimension, Item, Plan, Reference, Rubric, Rule, Target
from extractor.review.timeline import Timeline

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
YES = "是"  # a true flag in a cell (附加 bonus, 力争 aspirational); a false one is empty

# Cell marks: why a cell differs from the first plan of its row (the highest level).
MARK_POINTS = "points"
MARK_WORDING = "wording"

Value = str | int | float | dt.date | None
Marks = dict[tuple[int, int], tuple[str, ...]]  # (row, column) → marks, both 0-based


@dataclass
class View:
    """One comparison table: a name for files and sheets, a title, columns and rows.

    `marks` flags cells that differ from their row's reference (MARK_POINTS,
    MARK_WORDING); renderers colour them (HTML, XLSX) or prefix a marker (Markdown, CSV).
    """

    name: str
    title: str
    columns: list[str]
    rows: list[list[Value]]
    note: str | None = None
    marks: Marks = field(default_factory=dict)


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
    return source_name(plan)


def source_name(plan: Plan) -> str:
    """The file name of a plan's source (`hangtai.pdf`), whatever its path's separators."""
    path = plan.source.path
    return PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name


def unique_labels(plans: list[Plan]) -> list[str]:
    """Plan labels; plans sharing one are told apart by their source file (`桓台县（hangtai.pdf）`),
    and numbered where even that is shared."""
    labels = [plan_label(p) for p in plans]
    labels = [
        f"{label}（{source_name(plan)}）" if labels.count(label) > 1 else label
        for label, plan in zip(labels, plans, strict=True)
    ]
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


def number_cell(value: float | None) -> int | float | None:
    """A number for a cell: whole floats as ints (5.0 → 5), so that no `.0` shows."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


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


def same_document(reference: Reference, plan: Plan) -> bool:
    """True when `reference` cites `plan` (same document number, else same title)."""
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
            in_set = [labels[j] for j, other in enumerate(plans) if same_document(ref, other)]
            level = LEVEL_NAMES.get(reference_level(ref) or "", "")
            prefix = f"{level}：" if level else ""
            suffix = f" → {in_set[0]}" if in_set else ""
            lines.append(f"{prefix}{format_reference(ref)}{suffix}")
        lines_per_plan.append(lines)
    return lines_per_plan


def joined(values: list[str], separator: str = "、") -> str | None:
    """Values joined for one cell, None when there are none."""
    return separator.join(values) or None


# ---------------------------------------------------------------- views across plans


def overview_view(plans: list[Plan], labels: list[str]) -> View:
    """Jurisdiction, level, title, issue date, number, issuers and what each plan cites."""
    cited = lineage(plans, labels)
    cited_by = [
        [
            labels[i]
            for i, other in enumerate(plans)
            if any(same_document(r, plan) for r in other.references)
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
                plan.issued_on,
                plan.doc_number,
                joined(plan.issuers),
                joined(refs, "\n"),
                joined(implementers, "\n"),
                plan.source.path,
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
            "来源 Source",
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
            row.append(joined([format_target(t) for t in plan.targets if t.year == year], "\n"))
        rows.append(row)
    return View(
        name="targets",
        title="目标 Targets",
        columns=["辖区 Jurisdiction"] + [str(y) if y else NO_YEAR for y in years],
        rows=rows,
        note=f"{ASPIRATIONAL_MARK} = 力争/争取 (aspirational). ≥ = 以上/不低于/至少.",
    )


def target_list_view(plans: list[Plan], labels: list[str], name: str = "target_list") -> View:
    """Every target as a row of numbers: year, share or count, comparator, subject."""
    rows: list[list[Value]] = [
        [
            label,
            t.year,
            number_cell(t.percent),
            number_cell(t.percent_max),
            t.count,
            COMPARATOR_SIGNS.get(t.comparator, t.comparator) if t.comparator else None,
            YES if t.aspirational else None,
            t.scope,
            t.subject,
            t.requirement,
            t.deadline,
        ]
        for plan, label in zip(plans, labels, strict=True)
        for t in plan.targets
    ]
    return View(
        name=name,
        title="目标明细 Target list",
        columns=[
            "辖区 Jurisdiction",
            "年份 Year",
            "比例% Percent",
            "比例上限% Percent max",
            "数量 Count",
            "比较 Comparator",
            "力争 Aspirational",
            "范围 Scope",
            "对象 Subject",
            "要求 Requirement",
            "期限 Deadline",
        ],
        rows=rows,
    )


def phases_view(plans: list[Plan], labels: list[str]) -> View:
    """Every phase: jurisdiction, name, start, end, what happens."""
    rows: list[list[Value]] = [
        [label, phase.name, phase.start, phase.end, phase.description]
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


def deadlines_view(plans: list[Plan], labels: list[str]) -> View:
    """Every deadline: its date (or yearly month and day, or approximate wording), the
    action, who acts and to whom it goes."""
    rows: list[list[Value]] = []
    for plan, label in zip(plans, labels, strict=True):
        for d in plan.deadlines:
            yearly = None
            if d.recurrence == "yearly" and d.month:
                yearly = f"每年{d.month}月" + (f"{d.day}日" if d.day else "")
            rows.append([label, d.date, yearly, d.approximate, d.action, d.actor, d.recipient])
    return View(
        name="deadlines",
        title="时限 Deadlines",
        columns=[
            "辖区 Jurisdiction",
            "日期 Date",
            "每年 Yearly",
            "约定 Approximate",
            "事项 Action",
            "责任 Actor",
            "报送 Recipient",
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
                    number_cell(rubric.total_points),
                    number_cell(rubric.pass_score),
                    ratio,
                    len(rubric_items(rubric)),
                    joined(rubric.levels),
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


def item_levels(plans: list[Plan]) -> list[str]:
    """Every level name an item gives points for, in order of first appearance."""
    levels: list[str] = []
    for plan in plans:
        for rubric in plan.rubrics:
            for item in rubric_items(rubric):
                levels += [name for name in item.level_points if name not in levels]
    return levels


def rule_numbers(rules: list[Rule], attribute: str) -> Value:
    """One numeric attribute of an item's counted rules: a number when one rule has it,
    the values one a line when several do (`0.5\\n1`), None when none does."""
    values = [getattr(r, attribute) for r in rules if getattr(r, attribute) is not None]
    if not values:
        return None
    if len(values) == 1:
        return number_cell(values[0]) if attribute != "per" else values[0]
    return "\n".join(v if isinstance(v, str) else format_number(v) for v in values)


def items_view(plans: list[Plan], labels: list[str]) -> View:
    """One row per rubric item: where it sits, what is assessed, its points, each level's
    points, its deduction rules as text and as deduct / per / cap, and whether it is a bonus.
    """
    levels = item_levels(plans)
    rows: list[list[Value]] = []
    for plan, label in zip(plans, labels, strict=True):
        for rubric in plan.rubrics:
            for dimension in rubric.dimensions:
                for item in dimension.items:
                    counted = [r for r in item.rules if r.deduct is not None]
                    rows.append(
                        [
                            label,
                            rubric.title,
                            dimension.name,
                            number_cell(dimension.points),
                            item.number,
                            item.name,
                            item.criterion,
                            number_cell(item.points),
                            *(number_cell(item.level_points.get(level)) for level in levels),
                            joined([r.text for r in item.rules], "\n"),
                            rule_numbers(counted, "deduct"),
                            rule_numbers(counted, "deduct_max"),
                            rule_numbers(counted, "per"),
                            rule_numbers(counted, "cap"),
                            YES if item.bonus else None,
                            item.note,
                        ]
                    )
    return View(
        name="items",
        title="评分条目 Rubric items",
        columns=[
            "辖区 Jurisdiction",
            "评分表 Rubric",
            "维度 Dimension",
            "维度分值 Dimension points",
            "序号 Number",
            "名称 Name",
            "评分内容 Criterion",
            "分值 Points",
            *(f"{level} 分 Points" for level in levels),
            "扣分规则 Rules",
            "扣分 Deduct",
            "扣分上限 Deduct max",
            "每 Per",
            "封顶 Cap",
            "附加 Bonus",
            "备注 Note",
        ],
        rows=rows,
        note="一行一个评分条目；一条扣分规则时扣分/每/封顶为数字，多条时每行一条。"
        " One row per item; deduct / per / cap are numbers for one counted rule, one a line"
        " for several.",
    )


def responsibilities_view(plans: list[Plan], labels: list[str]) -> View:
    """Which units lead and join each task."""
    rows: list[list[Value]] = [
        [label, r.section, r.task, joined(r.lead), joined(r.participants)]
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


def communities_view(plans: list[Plan], labels: list[str]) -> View:
    """The communities a plan names (creation lists): name, year, batch, township, address."""
    rows: list[list[Value]] = [
        [label, c.name, c.year, c.batch, c.township, c.address]
        for plan, label in zip(plans, labels, strict=True)
        for c in plan.communities
    ]
    return View(
        name="communities",
        title="社区 Communities",
        columns=[
            "辖区 Jurisdiction",
            "名称 Name",
            "年份 Year",
            "批次 Batch",
            "街镇 Township",
            "地址 Address",
        ],
        rows=rows,
    )


def committee_view(plans: list[Plan], labels: list[str]) -> View:
    """The members of a plan's leading group: role, name, position."""
    rows: list[list[Value]] = [
        [label, m.role, m.name, m.position]
        for plan, label in zip(plans, labels, strict=True)
        for m in plan.committee
    ]
    return View(
        name="committee",
        title="领导小组 Committee",
        columns=["辖区 Jurisdiction", "职务 Role", "姓名 Name", "职位 Position"],
        rows=rows,
    )


# Views of one plan's records, in the order of the per-plan workbook.
RECORD_VIEWS = (
    items_view,
    target_list_view,
    phases_view,
    deadlines_view,
    responsibilities_view,
    communities_view,
    committee_view,
)


# ---------------------------------------------------------------- cells as text

# The marker a text format (Markdown, CSV) puts before a marked cell, explained in the view's
# note; HTML and XLSX colour the cell instead.
MARK_SYMBOLS = {MARK_POINTS: "[分≠]", MARK_WORDING: "[文≠]"}
MARK_LEGEND = "[分≠] 分值不同 points differ · [文≠] 表述不同 wording differs"


def cell_text(value: Value) -> str:
    """A cell as text: numbers without a spurious `.0`, dates as 2021-03-31, None empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def marked_text(view: View, row: int, column: int) -> str:
    """A cell as text with the markers of its marks in front (`[分≠] 11. 停车…（3分）`)."""
    text = cell_text(view.rows[row][column])
    symbols = "".join(MARK_SYMBOLS[m] for m in view.marks.get((row, column), ()))
    return f"{symbols} {text}" if symbols else text


def display_width(text: str) -> int:
    """Width in monospace columns of the longest line: CJK characters count two."""
    return max(
        (sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )
