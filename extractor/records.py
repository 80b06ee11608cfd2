"""One registration per kind of record: how `rubric diff` pairs two versions of a record and
how the evidence report lists and names it.

A record's kind is the name of the list it sits in (`targets`, a dimension's `items`; a
section's `children` are sections). Adding a field to the contract takes its model in
`models.py`, its extractor in `fields/` and one `RecordKind` here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordKind:
    """What the review commands need to know of one kind of record.

    - `identity`: the keys whose values identify a record, so that `rubric diff` pairs a
      record with its other version wherever it moved in its list (empty: by position);
    - `loose_identity`: looser keys pairing the records left over when they are unique on
      both sides (an item whose criterion was corrected keeps its number);
    - `heading`: the kind's name in the evidence report's side list (None: not listed);
    - `label`: the keys whose values, joined, name a record there; `a|b` takes the first
      non-empty of `a` and `b`, and `figure` is a target's share or count.
    """

    identity: tuple[str, ...] = ()
    loose_identity: tuple[str, ...] = ()
    heading: str | None = None
    label: tuple[str, ...] = ("name|title|number",)


# In the evidence report's display order.
RECORD_KINDS: dict[str, RecordKind] = {
    "references": RecordKind(
        ("title", "doc_number"), ("doc_number",), "依据文件 references", ("title", "doc_number")
    ),
    "sections": RecordKind(("number", "title"), ("number",), "章节 sections", ("number", "title")),
    "targets": RecordKind(
        ("year", "percent", "percent_max", "count"),
        ("year",),
        "目标 targets",
        ("year", "figure", "subject"),
    ),
    "phases": RecordKind(("name",), (), "步骤 phases"),
    "deadlines": RecordKind(
        ("date", "month", "day", "action"),
        ("action",),
        "时限 deadlines",
        ("date|approximate", "action"),
    ),
    "responsibilities": RecordKind(
        ("task", "section"), ("task",), "分工 responsibilities", ("section", "task|lead")
    ),
    "rubrics": RecordKind(("title",), (), "评分表 rubrics"),
    "dimensions": RecordKind(("name",)),
    "items": RecordKind(
        ("number", "name", "criterion"),
        ("number",),
        "评分条目 rubric items",
        ("number", "name", "criterion"),
    ),
    "rules": RecordKind(("text",)),
    "tables": RecordKind(("title", "kind"), ("title",), "表格 tables"),
    "communities": RecordKind(("name",), (), "社区 communities"),
    "committee": RecordKind(("name",), (), "领导小组 committee", ("role", "name", "position")),
    "attachments": RecordKind(("number", "title"), ("number",), "附件 attachments"),
    "warnings": RecordKind(("code", "message"), (), "警告 warnings", ("code", "message")),
}

# Lists whose records are of another list's kind: a section's `children` are sections.
KIND_ALIASES: dict[str, str] = {"children": "sections"}


def record_kind(field: str | None) -> RecordKind | None:
    """The kind of the records of list `field` (aliases followed), None when unregistered."""
    if field is None:
        return None
    return RECORD_KINDS.get(KIND_ALIASES.get(field, field))
