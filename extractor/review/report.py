"""The evidence view of one plan: its normalised text with every record highlighted.

`build_report(plan, text)` collects every record that carries evidence, checks that each
quote is what the text holds at its offsets, and cuts the text into segments at every
record boundary; `render_report` lays that out as one self-contained HTML page (text on
the left, coloured by field; a side list of records on the right; clicking a record
scrolls to its evidence and lights it up). Each record in the side list shows what was
extracted from it (points, rules, levels, dates, lead and participants …), the page of
PDF evidence, and a table record its cells as a table. The plan's metadata (title, doc
number, issuers, issue date) carries no evidence in the contract: the report finds each
value in the text (`locate_metadata`) and lists those it cannot find. Plans are
untrusted input: all text goes through Jinja2's autoescape.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from extractor.models import Plan
from extractor.records import KIND_ALIASES, RecordKind, record_kind
from extractor.records import RECORD_KINDS as REGISTERED_KINDS

EVIDENCE_KEY = "evidence"

# Display order and names of the kinds of record listed in the report (extractor.records);
# a record's kind is the list it sits in (a section's `children` are sections too).
# The plan's metadata, found in the text by the report itself, is listed first.
METADATA_KIND = "metadata"
RECORD_KINDS: dict[str, str] = {METADATA_KIND: "元数据 metadata"} | {
    name: kind.heading for name, kind in REGISTERED_KINDS.items() if kind.heading is not None
}
# Names of a record's fields in the side list (a field not here shows its own key).
FIELD_NAMES = {
    "points": "分值",
    "level_points": "等级分",
    "rules": "扣分",
    "bonus": "附加",
    "note": "备注",
    "year": "年份",
    "percent": "比例%",
    "percent_max": "比例上限%",
    "count": "数量",
    "comparator": "比较",
    "aspirational": "力争",
    "scope": "范围",
    "subject": "对象",
    "requirement": "要求",
    "deadline": "期限",
    "start": "开始",
    "end": "结束",
    "description": "内容",
    "date": "日期",
    "recurrence": "周期",
    "month": "月",
    "day": "日",
    "approximate": "约定",
    "action": "事项",
    "actor": "责任",
    "recipient": "报送",
    "task": "任务",
    "section": "章节",
    "lead": "牵头",
    "participants": "参与",
    "title": "标题",
    "doc_number": "文号",
    "total_points": "总分",
    "pass_score": "合格分",
    "pass_rule": "合格规则",
    "levels": "等级",
    "name": "名称",
    "number": "序号",
    "criterion": "评分内容",
    "kind": "类型",
    "batch": "批次",
    "township": "街镇",
    "address": "地址",
    "role": "职务",
    "position": "职位",
    "code": "代码",
    "message": "说明",
    "level": "层级",
}
# Fields not shown as values: the evidence itself, nested records listed on their own
# (a rubric's dimensions and items, a section's children) and a table's cells (drawn).
HIDDEN_FIELDS = frozenset({EVIDENCE_KEY, "dimensions", "items", "children", "header", "rows"})
# Fields of one kind not shown: a section's depth (the side list indents by it)
HIDDEN_BY_KIND = {"sections": frozenset({"level"})}
VALUE_WIDTH = 80  # characters of one value in the side list
TABLE_ROWS_SHOWN = 12  # rows of a table drawn in the side list; the rest are counted
CHINESE_DIGITS = "〇一二三四五六七八九"
CHINESE_ZERO = "[〇○零]"  # the zero of a year written in characters: 二〇二一, 二○二一, 二零二一
# Punctuation and spaces, ignored when deciding whether a quote repeats its label
NON_WORD = re.compile(r"[\W_]+")
LABEL_WIDTH = 60  # characters of a record's label in the side list
QUOTE_WIDTH = 90  # characters of a record's quote in the side list


@dataclass(frozen=True)
class EvidenceRecord:
    """One record with evidence: `rid` is its HTML id, `path` its place in the plan."""

    rid: str
    kind: str
    path: str
    label: str
    start: int
    end: int
    quote: str
    page: int | None = None
    values: tuple[tuple[str, str], ...] = ()  # (field name, value as text) as extracted
    table: tuple[tuple[str, ...], ...] = ()  # a table record's header and rows
    more_rows: int = 0  # rows of the table beyond TABLE_ROWS_SHOWN


@dataclass(frozen=True)
class Segment:
    """A stretch of text covered by the same records; `kind` of the innermost one."""

    text: str
    start: int
    records: tuple[str, ...]
    kind: str | None
    anchors: tuple[str, ...]  # ids of the records that begin here


@dataclass
class Report:
    """What the evidence view shows."""

    title: str
    source: str
    records: list[EvidenceRecord]
    segments: list[Segment]
    kinds: list[tuple[str, str, int]]  # (kind, display name, count) in display order
    unlocated: list[tuple[str, str]] = field(default_factory=list)  # metadata not in the text


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cut_quote(quote: str, width: int) -> str:
    """A quote for the side list: its line breaks kept (a cell's lines, shown by CSS
    `white-space: pre-line`), other white space runs as one space, cut to `width`."""
    lines = [" ".join(line.split()) for line in quote.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_repeats_label(label: str, quote: str) -> bool:
    """True when the quote says nothing the label does not (`一、创建目标` for `一 创建目标`)."""
    label_words, quote_words = NON_WORD.sub("", label.rstrip("…")), NON_WORD.sub("", quote)
    return bool(quote_words) and (quote_words in label_words or label_words == quote_words)


def record_label(kind: str, record: dict) -> str:
    """A short human name for a record, from the fields its kind registers as its label."""
    registered = record_kind(kind)
    keys = registered.label if registered is not None else RecordKind().label
    parts = [label_part(record, key) for key in keys]
    label = " ".join(str(p) for p in parts if p not in (None, ""))
    return _cut(label or kind, LABEL_WIDTH)


def label_part(record: dict, key: str) -> object:
    """One part of a record's label: the value at `key`, the first non-empty of `a|b`,
    a list joined by 、, or for `figure` a target's share (`60%`) or count."""
    if key == "figure":
        share = record.get("percent")
        return f"{share:g}%" if isinstance(share, int | float) else record.get("count")
    for name in key.split("|"):
        value = record.get(name)
        if isinstance(value, list):
            value = "、".join(str(v) for v in value)
        if value not in (None, ""):
            return value
    return None


def value_text(value: object) -> str:
    """A field's value for the side list: 5.0 → 5, lists joined by 、, level points as
    `合格 3 · 良好 5`, rules as their text with deduct / per / cap, True → 是."""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return " · ".join(f"{k} {value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        parts = [rule_text(v) if isinstance(v, dict) else value_text(v) for v in value]
        separator = "\n" if any(isinstance(v, dict) for v in value) else "、"
        return separator.join(p for p in parts if p)
    return "" if value is None else str(value)


def rule_text(rule: dict) -> str:
    """A deduction rule: its text, then what was read from it (`扣1 每发现1处 封顶2`)."""
    deduct = rule.get("deduct")
    if deduct is not None and rule.get("deduct_max") is not None:
        deduct = f"{value_text(deduct)}–{value_text(rule['deduct_max'])}"
    read = [
        f"{label}{value_text(v)}"
        for label, v in (("扣", deduct), ("每", rule.get("per")), ("封顶", rule.get("cap")))
        if v is not None
    ]
    return f"{rule.get('text', '')}（{' '.join(read)}）" if read else str(rule.get("text", ""))


def record_values(record: dict, kind: str | None = None) -> tuple[tuple[str, str], ...]:
    """What was extracted from a record: every field with a value, named by FIELD_NAMES;
    not the fields its label already shows (records.py), nested records, a table's cells
    (HIDDEN_FIELDS) or a kind's hidden fields (HIDDEN_BY_KIND)."""
    registered = record_kind(kind)
    label_keys = registered.label if registered is not None else ()
    hidden = HIDDEN_FIELDS | HIDDEN_BY_KIND.get(kind or "", frozenset())
    hidden |= {name for key in label_keys for name in key.split("|")}
    values = []
    for key, value in record.items():
        if key in hidden:
            continue
        text = value_text(value)
        if text:
            values.append((FIELD_NAMES.get(key, key), cut_quote(text, VALUE_WIDTH)))
    return tuple(values)


def record_table(record: dict) -> tuple[tuple[tuple[str, ...], ...], int]:
    """A table record's header and first TABLE_ROWS_SHOWN rows, and how many rows are left."""
    rows = record.get("rows")
    if not isinstance(rows, list):
        return (), 0
    header = [tuple(str(c) for c in record.get("header") or [])]
    shown = [tuple(str(c) for c in row) for row in rows[:TABLE_ROWS_SHOWN]]
    return tuple(r for r in header + shown if r), max(0, len(rows) - TABLE_ROWS_SHOWN)


def collect_records(plan: Plan) -> list[EvidenceRecord]:
    """Every record of the plan that carries evidence, in plan order."""
    found: list[tuple[str, str, dict]] = []

    def walk(value: Any, path: str, kind: str | None) -> None:
        if isinstance(value, dict):
            evidence = value.get(EVIDENCE_KEY)
            if kind and isinstance(evidence, dict):
                found.append((kind, path, value))
            for key, inner in value.items():
                if key != EVIDENCE_KEY:
                    walk(inner, f"{path}.{key}" if path else key, KIND_ALIASES.get(key, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, f"{path}[{index}]", kind)

    walk(plan.model_dump(mode="json"), "", None)
    return [
        EvidenceRecord(
            rid=f"r{n}",
            kind=kind if kind in RECORD_KINDS else "other",
            path=path,
            label=record_label(kind, record),
            start=record[EVIDENCE_KEY]["start"],
            end=record[EVIDENCE_KEY]["end"],
            quote=record[EVIDENCE_KEY]["quote"],
            page=record[EVIDENCE_KEY].get("page"),
            values=record_values(record, kind),
            table=record_table(record)[0],
            more_rows=record_table(record)[1],
        )
        for n, (kind, path, record) in enumerate(found)
    ]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 31 → 三十一 (months and days as written)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[ones] if ones or not tens else "")


def date_pattern(day: dt.date) -> re.Pattern[str]:
    """A date as Chinese texts write it: 2021年1月7日, 2021年01月07日, 二〇二一年一月七日."""
    year_cn = "".join(
        f"[{CHINESE_DIGITS[int(d)]}{'○零' if d == '0' else ''}]" for d in str(day.year)
    )
    return re.compile(
        rf"(?:{day.year}|{year_cn})\s*年\s*(?:0?{day.month}|{chinese_number(day.month)})\s*月"
        rf"\s*(?:0?{day.day}|{chinese_number(day.day)})\s*[日号]"
    )


def spaced_pattern(value: str) -> re.Pattern[str]:
    """`value` allowing white space between its characters (a title wrapped over lines)."""
    return re.compile(r"\s*".join(re.escape(ch) for ch in value if not ch.isspace()))


def locate(text: str, pattern: re.Pattern[str], last: bool = False) -> tuple[int, int] | None:
    """The span of the first (or last) match of `pattern` in `text`, None if none."""
    if not last:
        match = pattern.search(text)
        return match.span() if match else None
    spans = [m.span() for m in pattern.finditer(text)]
    return spans[-1] if spans else None


def locate_metadata(
    plan: Plan, text: str
) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, str]]]:
    """The plan's title, doc number, issuers and issue date found in `text`: (field, value,
    start, end) for each one found, (field, value) for each one not found. The issue date
    is its last mention (the signature or printing line ends a document); the others
    their first."""
    wanted: list[tuple[str, str, re.Pattern[str], bool]] = []
    if plan.title:
        wanted.append(("标题 title", plan.title, spaced_pattern(plan.title), False))
    if plan.doc_number:
        wanted.append(("文号 doc number", plan.doc_number, spaced_pattern(plan.doc_number), False))
    for issuer in plan.issuers:
        wanted.append(("印发单位 issuer", issuer, spaced_pattern(issuer), False))
    if plan.issued_on:
        day = plan.issued_on
        wanted.append(("印发日期 issued", day.isoformat(), date_pattern(day), True))
    found, missing = [], []
    for name, value, pattern, last in wanted:
        span = locate(text, pattern, last)
        if span:
            found.append((name, value, *span))
        else:
            missing.append((name, value))
    return found, missing


def metadata_records(found: list[tuple[str, str, int, int]], text: str) -> list[EvidenceRecord]:
    """Records of the metadata found in the text, ids `m0`, `m1` … (apart from `r…`)."""
    return [
        EvidenceRecord(
            rid=f"m{n}",
            kind=METADATA_KIND,
            path=name.split(" ", 1)[1],
            label=f"{name}: {value}",
            start=start,
            end=end,
            quote=text[start:end],
        )
        for n, (name, value, start, end) in enumerate(found)
    ]


def mismatched_evidence(records: list[EvidenceRecord], text: str) -> list[EvidenceRecord]:
    """Records whose quote is not `text[start:end]` (the text is not the one extracted)."""
    return [r for r in records if r.end > len(text) or text[r.start : r.end] != r.quote]


def segment_text(text: str, records: list[EvidenceRecord]) -> list[Segment]:
    """The text cut at every record boundary, each piece with the records covering it."""
    spans = [r for r in records if r.start < r.end]
    starts = {min(r.start, len(text)) for r in records}
    cuts = sorted({0, len(text)} | starts | {r.end for r in spans})
    starting: dict[int, list[str]] = {}
    for r in records:
        starting.setdefault(r.start, []).append(r.rid)
    by_start = sorted(spans, key=lambda r: r.start)
    open_records: list[EvidenceRecord] = []
    segments: list[Segment] = []
    next_record = 0
    for left, right in itertools.pairwise(cuts):
        while next_record < len(by_start) and by_start[next_record].start <= left:
            open_records.append(by_start[next_record])
            next_record += 1
        open_records = [r for r in open_records if r.end > left]
        covering = sorted(open_records, key=lambda r: (r.end - r.start, r.rid))
        segments.append(
            Segment(
                text=text[left:right],
                start=left,
                records=tuple(r.rid for r in covering),
                kind=covering[0].kind if covering else None,
                anchors=tuple(starting.pop(left, [])),
            )
        )
    return segments


def build_report(plan: Plan, text: str) -> Report:
    """The evidence view of `plan` over its normalised `text`.

    Raises ValueError naming the first record whose quote the text does not hold.
    """
    extracted = collect_records(plan)
    wrong = mismatched_evidence(extracted, text)
    if wrong:
        raise ValueError(
            f"{len(wrong)} evidence quote(s) do not match the text at their offsets "
            f"(first: {wrong[0].path}); the plan was extracted from another text or "
            "another version of the tool: re-extract it"
        )
    found, unlocated = locate_metadata(plan, text)
    records = metadata_records(found, text) + extracted
    counts = {kind: sum(r.kind == kind for r in records) for kind in RECORD_KINDS}
    return Report(
        title=plan.title or plan.jurisdiction.name or plan.source.path,
        source=plan.source.path,
        records=records,
        segments=segment_text(text, records),
        kinds=[(k, name, counts[k]) for k, name in RECORD_KINDS.items() if counts[k]],
        unlocated=unlocated,
    )


def render_report(report: Report) -> str:
    """The evidence view as one self-contained HTML page."""
    from extractor.review.templates import render_template

    return render_template(
        "report.html.j2",
        report=report,
        cut_quote=cut_quote,
        quote_width=QUOTE_WIDTH,
        quote_repeats_label=quote_repeats_label,
    )
