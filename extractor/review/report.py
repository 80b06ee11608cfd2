"""The evidence view of one plan: its normalised text with every record highlighted.

`build_report(plan, text)` collects every record that carries evidence, checks that each
quote is what the text holds at its offsets, and cuts the text into segments at every
record boundary; `render_report` lays that out as one self-contained HTML page (text on
the left, coloured by field; a side list of records on the right; clicking a record
scrolls to its evidence and lights it up). Plans are untrusted input: all text goes
through Jinja2's autoescape.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from extractor.models import Plan
from extractor.records import KIND_ALIASES, RecordKind, record_kind
from extractor.records import RECORD_KINDS as REGISTERED_KINDS

EVIDENCE_KEY = "evidence"

# Display order and names of the kinds of record listed in the report (extractor.records);
# a record's kind is the list it sits in (a section's `children` are sections too).
RECORD_KINDS: dict[str, str] = {
    name: kind.heading for name, kind in REGISTERED_KINDS.items() if kind.heading is not None
}
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
        )
        for n, (kind, path, record) in enumerate(found)
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
    records = collect_records(plan)
    wrong = mismatched_evidence(records, text)
    if wrong:
        raise ValueError(
            f"{len(wrong)} evidence quote(s) do not match the text at their offsets "
            f"(first: {wrong[0].path}); the plan was extracted from another text or "
            "another version of the tool: re-extract it"
        )
    counts = {kind: sum(r.kind == kind for r in records) for kind in RECORD_KINDS}
    return Report(
        title=plan.title or plan.jurisdiction.name or plan.source.path,
        source=plan.source.path,
        records=records,
        segments=segment_text(text, records),
        kinds=[(k, name, counts[k]) for k, name in RECORD_KINDS.items() if counts[k]],
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
