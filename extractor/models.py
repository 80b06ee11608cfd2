"""The output contract (docs/CONTRACT.md) as pydantic models: the single source of its shape.

`schemas/plan.schema.json` is exported from `Plan`; a test keeps the two in sync. Field
names are fixed: add fields freely, rename or drop one only with a new SCHEMA_VERSION.
Every record that cites the source carries an `Evidence` whose `[start, end)` is a
half-open character interval into the normalised document text (`rubric text FILE`).

Unlike the other modules, this one has no `from __future__ import annotations`: pydantic
reads these annotations when it builds the classes, and objects spare it compiling and
evaluating some 110 strings (1 ms of `extract`'s start-up, `bench/startup.py`).
"""

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


def new_list() -> list:
    """An empty list, the default of a list field. A function, not the `list` builtin:
    pydantic reads a builtin factory's signature with `tokenize` (3 ms of `extract`'s start)."""
    return []


def new_dict() -> dict:
    """An empty dict: the default of a dict field (a function for the reason of `new_list`)."""
    return {}


SourceFormat = Literal["txt", "docx", "pdf", "doc", "wps"]
JurisdictionLevel = Literal[
    "national", "province", "city", "county", "district", "street", "town", "community"
]
SectionKind = Literal[
    "preamble",
    "principles",
    "scope",
    "objectives",
    "content",
    "organization",
    "steps",
    "measures",
    "attachment",
    "other",
]
TableKind = Literal["rubric", "roster", "committee", "form", "summary", "other"]
# "~" is an approximate figure: 约100个, 30所左右
Comparator = Literal[">=", "<=", ">", "<", "=", "~"]
# the roles of a leading group's roster as written: 领导小组 (组长 …), 委员会 (主任委员 / 委员
# or 主任 / 副主任), 联席会议 (召集人), 指挥部 (指挥长 / 总指挥), and their 办公室 or 秘书处
MemberRole = Literal[
    "组长",
    "副组长",
    "成员",
    "常务副组长",
    "办公室主任",
    "办公室副主任",
    "秘书长",
    "副秘书长",
    "主任",
    "常务副主任",
    "副主任",
    "主任委员",
    "副主任委员",
    "委员",
    "召集人",
    "副召集人",
    "总指挥",
    "副总指挥",
    "指挥长",
    "副指挥长",
    "顾问",
    "联络员",
]


class Record(BaseModel):
    """Base of every contract model: unknown keys are an error, so typos cannot hide.

    Validators are built on first use, not at import (`defer_build`): `extract` starts
    faster, and the commands that never build a record do not pay for them.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Evidence(Record):
    """Where a record came from: `quote == text[start:end]` in the normalised text."""

    start: int = Field(ge=0, description="Offset of the quote's first character.")
    end: int = Field(ge=0, description="Offset one past the quote's last character.")
    quote: str = Field(description="The exact source passage, after normalisation.")
    page: int | None = Field(
        default=None, ge=1, description="1-based page for PDF input, else null."
    )


class Source(Record):
    path: str
    format: SourceFormat
    sha256: str
    pages: int | None = None


class Jurisdiction(Record):
    name: str | None = None
    level: JurisdictionLevel | None = None


class Reference(Record):
    title: str | None = None
    doc_number: str | None = None
    evidence: Evidence | None = None


class Section(Record):
    number: str | None = Field(description="As written: 三, （二）, 4, 附件1.")
    title: str
    kind: SectionKind
    level: int = Field(ge=0, description="1 for 一、, 2 for （一）, 3 for 1．; 0 for the preamble.")
    evidence: Evidence
    children: "list[Section]" = Field(default_factory=new_list)  # the class being defined


class Target(Record):
    year: int | None = None
    percent: float | None = None
    percent_max: float | None = None
    count: int | None = None
    comparator: Comparator | None = None
    aspirational: bool = False
    scope: str | None = None
    subject: str | None = None
    requirement: str | None = None
    deadline: dt.date | None = None
    evidence: Evidence


class Phase(Record):
    name: str
    start: dt.date | None = None
    end: dt.date | None = None
    description: str | None = None
    evidence: Evidence


class Deadline(Record):
    date: dt.date | None = None
    recurrence: Literal["yearly"] | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    approximate: str | None = Field(
        default=None,
        description="Words of an approximate date as written (11月下旬); `date` is then "
        "the last day of that period.",
    )
    action: str | None = None
    actor: str | None = None
    recipient: str | None = None
    evidence: Evidence


class Responsibility(Record):
    task: str | None = None
    section: str | None = Field(default=None, description="Number of the section it sits in.")
    lead: list[str] = Field(default_factory=new_list)
    participants: list[str] = Field(default_factory=new_list)
    evidence: Evidence


class Rule(Record):
    """One deduction rule: `每发现1处扣1分，最高扣2分` → deduct 1, per 发现1处, cap 2."""

    text: str
    deduct: float | None = None
    deduct_max: float | None = Field(
        default=None, description="Upper end of a ranged deduction (扣1-3分 → 1 and 3)."
    )
    per: str | None = None
    cap: float | None = None


class Item(Record):
    number: str | None = None
    name: str | None = Field(
        default=None,
        description="The item's short name or the unit it scores, as the table's label "
        "column gives it: 组织领导, 县农粮局; two label columns joined by '/' as in a "
        "flattened header: 重点考核部门/县委农工部.",
    )
    criterion: str
    points: float | None = None
    level_points: dict[str, float] = Field(default_factory=new_dict)
    rules: list[Rule] = Field(default_factory=new_list)
    note: str | None = None
    bonus: bool = False
    evidence: Evidence


class Dimension(Record):
    name: str | None = None
    points: float | None = None
    items: list[Item] = Field(default_factory=new_list)


class Rubric(Record):
    title: str | None = None
    total_points: float | None = None
    pass_score: float | None = None
    pass_rule: str | None = None
    levels: list[str] = Field(default_factory=new_list)
    dimensions: list[Dimension] = Field(default_factory=new_list)
    evidence: Evidence


class Table(Record):
    title: str | None = None
    kind: TableKind
    header: list[str]
    rows: list[list[str]]
    evidence: Evidence


class Community(Record):
    name: str
    year: int | None = None
    batch: str | None = None
    township: str | None = None
    address: str | None = None
    evidence: Evidence


class Member(Record):
    role: MemberRole | None = None
    name: str
    position: str | None = None
    evidence: Evidence


class Attachment(Record):
    number: str | None = None
    title: str
    evidence: Evidence | None = None


class Warning(Record):
    code: str = Field(description="Stable machine code, e.g. points_sum_mismatch.")
    message: str
    evidence: Evidence | None = None


class Plan(Record):
    """One document's extraction: what `extract FILE -o out.json` writes."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    title: str | None = None
    jurisdiction: Jurisdiction = Field(default_factory=Jurisdiction)
    doc_number: str | None = None
    issued_on: dt.date | None = None
    issuers: list[str] = Field(default_factory=new_list)
    references: list[Reference] = Field(default_factory=new_list)
    sections: list[Section] = Field(default_factory=new_list)
    targets: list[Target] = Field(default_factory=new_list)
    phases: list[Phase] = Field(default_factory=new_list)
    deadlines: list[Deadline] = Field(default_factory=new_list)
    responsibilities: list[Responsibility] = Field(default_factory=new_list)
    rubrics: list[Rubric] = Field(default_factory=new_list)
    tables: list[Table] = Field(default_factory=new_list)
    communities: list[Community] = Field(default_factory=new_list)
    committee: list[Member] = Field(default_factory=new_list)
    attachments: list[Attachment] = Field(default_factory=new_list)
    warnings: list[Warning] = Field(default_factory=new_list)


SCHEMA_MODELS: dict[str, type[BaseModel]] = {"plan": Plan, "rubric": Rubric}
"""What `rubric schema --model NAME` exports, each committed as schemas/NAME.schema.json."""


def json_schema(name: str = "plan") -> dict:
    """The JSON Schema of one exported model (`plan` or `rubric`), with $schema and $id."""
    schema = SCHEMA_MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:plan-extractor:{name}:{SCHEMA_VERSION}"
    return schema
