"""Committee: the members of the leading group (领导小组) with role, name and position.

A roster is a run of lines made only of role markers (`组  长：`) and entries
(`蔡少林（党工委副书记、办事处主任）`); a line with entries but no marker inherits the
last role, so `副组长：` followed by eight `name（position）` lines gives nine 副组长. Any
other line ends the run. Names lose inner spaces (`杨  猛` → `杨猛`); positions lose
their brackets, and a half-width closing bracket (`（…)`) is accepted.

A roster laid out as a table (`职务 | 姓名 | 单位及职务`) gives one member per body row:
the role from the column whose cells are 组长/副组长/成员 (a blank inherits the row
above), the name from the 姓名 column, the position from a 职务/单位 column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.models import Member, MemberRole
from extractor.normalize import HAN
from extractor.structure import RecoveredTable, Structure

# one character of a person's name: a Chinese character or the middle dot of a transcribed
# name (阿依古丽·买买提)
NAME_CHAR = rf"(?:{HAN}|·)"
# 组  长： / 副组长: / 成  员： (spaces between the characters allowed)
ROLE_MARKER_PATTERN = re.compile(r"(?P<role>副\s*组\s*长|组\s*长|成\s*员)\s*[：:]")
# 蔡少林（党工委副书记、办事处主任） / 杨  猛（交警一中队中队长） / 王巧虹（社区发展办副主任)
MEMBER_ENTRY_PATTERN = re.compile(
    rf"(?P<name>{NAME_CHAR}(?:[ \u3000\u00a0]{{0,2}}{NAME_CHAR}){{1,4}})\s*"
    r"[（(](?P<position>[^（）()]+)[）)]"
)
# 张三、李四 after a role marker: a bare name of 2–4 characters, no position
BARE_NAME_PATTERN = re.compile(rf"(?P<name>{NAME_CHAR}{{2,4}})(?!{NAME_CHAR}|[（(])")
# what may stand between the entries of one line: spaces, 、 ， ；
ENTRY_SEPARATOR_PATTERN = re.compile(r"[\s、，,；;]+")
# a table cell that is only a role: 组长 / 副 组 长 / 成员
ROLE_CELL_PATTERN = re.compile(r"^(?:副组长|组长|成员)$")
# the header of a roster table's name column: 姓名 / 姓 名
NAME_HEADER_PATTERN = re.compile(r"姓\s*名")
# the header of a roster table's position column: 职务 / 单位及职务 / 工作单位 / 职位
POSITION_HEADER_PATTERN = re.compile(r"职务|职位|单位")
# a person's name in a table cell: 2–5 characters, spaces between them allowed
NAME_CELL_PATTERN = re.compile(rf"^{NAME_CHAR}(?:\s{{0,2}}{NAME_CHAR}){{1,4}}$")
# table kinds that never hold the leading group (a rubric may name 成员 in a criterion)
NOT_ROSTER_KINDS = ("rubric", "summary")
# characters every roster line holds one of: an entry's bracket or a marker's colon
ROSTER_LINE_MARKS = ("（", "(", "：", ":")
# the role each marker stands for, after its spaces are removed
ROLE_BY_MARKER: dict[str, MemberRole] = {"组长": "组长", "副组长": "副组长", "成员": "成员"}


@dataclass(frozen=True)
class RosterToken:
    """One piece of a roster line: a role marker or a member entry, with its offsets."""

    kind: str  # "role" or "member"
    start: int
    end: int
    role: MemberRole | None = None
    name: str | None = None
    position: str | None = None


def tokenize_roster_line(text: str) -> list[RosterToken] | None:
    """The markers and entries of a line made only of them, else None.

    Offsets are relative to `text`. Bare names (no position) count only after a marker.
    """
    tokens: list[RosterToken] = []
    pos, end = 0, len(text)
    while pos < end:
        if match := ENTRY_SEPARATOR_PATTERN.match(text, pos):
            pos = match.end()
            continue
        if match := ROLE_MARKER_PATTERN.match(text, pos):
            role = ROLE_BY_MARKER[re.sub(r"\s+", "", match.group("role"))]
            tokens.append(RosterToken("role", match.start(), match.end(), role=role))
        elif match := MEMBER_ENTRY_PATTERN.match(text, pos):
            tokens.append(member_token(match, match.group("position").strip()))
        elif tokens and tokens[0].kind == "role" and (match := BARE_NAME_PATTERN.match(text, pos)):
            tokens.append(member_token(match, None))
        else:
            return None
        pos = match.end()
    return tokens if any(t.kind == "member" for t in tokens) else None


def member_token(match: re.Match[str], position: str | None) -> RosterToken:
    """A member token from an entry match; spaces inside the name are dropped."""
    name = re.sub(r"\s+", "", match.group("name"))
    return RosterToken("member", match.start(), match.end(), name=name, position=position)


def extract_committee(structure: Structure) -> list[Member]:
    """Every member of the roster runs in paragraphs, then of the roster tables, in order."""
    members = members_from_paragraphs(structure.doc)
    for recovered in structure.tables:
        members.extend(members_from_table(structure.doc, recovered))
    return members


def roster_columns(header: list[str], rows: list[list[str]]) -> tuple[int, int, int | None] | None:
    """(role, name, position) columns of a roster table, or None when it is not one.

    The role column is the first whose cells include a role word; the name column is
    the 姓名 column (else the one after the role); the position column the first other
    职务/单位 column, if any.
    """
    width = len(header) if header else max((len(r) for r in rows), default=0)
    role_col = next(
        (
            c
            for c in range(width)
            if any(c < len(r) and "".join(r[c].split()) in ROLE_BY_MARKER for r in rows)
        ),
        None,
    )
    if role_col is None:
        return None
    name_col = next(
        (c for c, h in enumerate(header) if c != role_col and NAME_HEADER_PATTERN.search(h)),
        role_col + 1,
    )
    if name_col >= width:
        return None
    position_col = next(
        (
            c
            for c, h in enumerate(header)
            if c not in (role_col, name_col) and POSITION_HEADER_PATTERN.search(h)
        ),
        None,
    )
    return role_col, name_col, position_col


def members_from_table(doc: Document, recovered: RecoveredTable) -> list[Member]:
    """One member per body row of a roster table (kind committee or with role cells)."""
    table = recovered.table
    if table.kind in NOT_ROSTER_KINDS:
        return []
    columns = roster_columns(table.header, table.rows)
    if columns is None:
        return []
    role_col, name_col, position_col = columns
    first_body = recovered.title_rows + recovered.header_rows
    members: list[Member] = []
    role: MemberRole | None = None
    for index, row in enumerate(table.rows):
        role_text = re.sub(r"\s+", "", row[role_col])
        if ROLE_CELL_PATTERN.match(role_text):
            role = ROLE_BY_MARKER[role_text]
        name = row[name_col].strip()
        if role is None or not NAME_CELL_PATTERN.match(name):
            continue
        position = row[position_col].strip() if position_col is not None else ""
        source = recovered.block.rows[first_body + index]
        members.append(
            Member(
                role=role,
                name=re.sub(r"\s+", "", name),
                position=position or None,
                evidence=doc.evidence(source[0].start, source[-1].end),
            )
        )
    return members


def members_from_paragraphs(doc: Document) -> list[Member]:
    """Every member of every roster run in the document's paragraphs, in order."""
    members: list[Member] = []
    role: MemberRole | None = None
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            role = None
            continue
        if not block.text.strip():
            continue
        # a roster line holds a bracket (an entry) or a colon (a marker)
        has_mark = any(mark in block.text for mark in ROSTER_LINE_MARKS)
        tokens = tokenize_roster_line(block.text) if has_mark else None
        if tokens is None:
            role = None
            continue
        marker_start: int | None = None
        for token in tokens:
            if token.kind == "role":
                role, marker_start = token.role, token.start
                continue
            if role is None:
                continue  # entries before any marker are no roster
            start = marker_start if marker_start is not None else token.start
            members.append(
                Member(
                    role=role,
                    name=token.name or "",
                    position=token.position,
                    evidence=doc.evidence(block.start + start, block.start + token.end),
                )
            )
            marker_start = None
    return members
