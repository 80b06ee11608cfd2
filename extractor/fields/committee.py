"""Committee: the members of the leading group (领导小组) with role, name and position.

A roster is a run of lines made only of role markers (`组  长：`) and entries
(`蔡少林（党工委副书记、办事处主任）`); a line with entries but no marker inherits the
last role, so `副组长：` followed by eight `name（position）` lines gives nine 副组长. Any
other line ends the run. Names lose inner spaces (`杨  猛` → `杨猛`); positions lose
their brackets, and a half-width closing bracket (`（…)`) is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Paragraph
from extractor.models import Member, MemberRole
from extractor.structure import Structure

# 组  长： / 副组长: / 成  员： (spaces between the characters allowed)
ROLE_MARKER_PATTERN = re.compile(r"(?P<role>副\s*组\s*长|组\s*长|成\s*员)\s*[：:]")
# 蔡少林（党工委副书记、办事处主任） / 杨  猛（交警一中队中队长） / 王巧虹（社区发展办副主任)
MEMBER_ENTRY_PATTERN = re.compile(
    r"(?P<name>[\u4e00-\u9fff·](?:[ \u3000\u00a0]{0,2}[\u4e00-\u9fff·]){1,4})\s*"
    r"[（(](?P<position>[^（）()]+)[）)]"
)
# 张三、李四 after a role marker: a bare name of 2–4 characters, no position
BARE_NAME_PATTERN = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2,4})(?![\u4e00-\u9fff·（(])")
# what may stand between the entries of one line: spaces, 、 ， ；
ENTRY_SEPARATOR_PATTERN = re.compile(r"[\s、，,；;]+")
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
    """Every member of every roster run in the document's paragraphs, in order."""
    doc = structure.doc
    members: list[Member] = []
    role: MemberRole | None = None
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            role = None
            continue
        if not block.text.strip():
            continue
        tokens = tokenize_roster_line(block.text)
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
