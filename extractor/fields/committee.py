"""Committee: the members of the leading group (领导小组, 委员会, 联席会议, 指挥部) with role,
name and position.

A roster is a run of lines made only of role markers (`组  长：`, `常务副组长：`,
`主任委员：`, `召集人：`) and entries; a line with entries but no marker inherits the last
role, so `副组长：` followed by eight entry lines gives nine 副组长. Any other line ends the
run. An entry is written in one of three ways:

- `蔡少林（党工委副书记、办事处主任）`: the position in brackets (a half-width closing
  bracket is accepted);
- `韩　正　　国务院副总理`: name and position apart (spaces the readers keep: a run of three
  or more, or any in an unnormalised snippet);
- `韩正国务院副总理`: name and position run together, as the readers leave a roster whose
  columns were two spaces apart (they remove 1–2 spaces between Chinese characters). The
  name is cut off where the position's organisation starts (国务院, 发展改革委, 县…; see
  ORGANISATION_HEADS): after two characters or three (four after a compound surname), three
  when both read as a start; an entry no cut explains is left out with a warning.

Names lose inner spaces (`杨  猛`, `韩　正` → `杨猛`, `韩正`: the space pads a two-character
name to the width of three and is no part of it); positions lose their brackets.

A later sentence giving an office to a member already listed (`办公室主任由生态环境部副部长
赵英民兼任`) adds that member again under the office's role.

A roster laid out as a table (`职务 | 姓名 | 单位及职务`) gives one member per body row:
the role from the column whose cells are 组长/副组长/成员/委员/召集人… (a blank inherits
the row above), the name from the 姓名 column, the position from a 职务/单位 column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Document, Paragraph
from extractor.fields import Extracted
from extractor.models import Member, MemberRole, Warning
from extractor.normalize import HAN
from extractor.structure import RecoveredTable, Structure
from extractor.vocabulary import (
    COMPOUND_SURNAMES,
    GROUP_ROLE_WORDS,
    LEVEL_CHARACTERS,
    MEMBER_ROLE_MARKER_PATTERN,
    MEMBER_ROLE_WORDS,
    ORGANISATION_HEADS,
    UNIT_SUFFIX_PATTERN,
    alternation,
)

# one character of a person's name: a Chinese character or the middle dot of a transcribed
# name (阿依古丽·买买提)
NAME_CHAR = rf"(?:{HAN}|·)"
# a space inside a roster line: ASCII, NBSP or the ideographic space U+3000
SPACE = r"[ \u3000\u00a0\t]"
# every role a roster writes, longest first so that 副组长 is not read as 组长 (see
# MEMBER_ROLE_WORDS)
ROLE_WORDS: tuple[MemberRole, ...] = MEMBER_ROLE_WORDS
# 组  长： / 副组长: / 成　员： / 主任委员： / 召集人： (spaces between the characters allowed)
ROLE_MARKER_PATTERN = MEMBER_ROLE_MARKER_PATTERN
# a group's role filled in running text, its entries one or more offices with names:
# 组长由县政府分管副县长担任 / 县长张三任组长 / 以县长张三为组长 / 李四、王五为副组长 /
# 局长赵六为成员 (not 为成员单位: units) /
# 办公室主任由县住建局局长兼任 (each clause up to its comma)
PROSE_ROLE_PATTERN = re.compile(
    r"(?P<role>(?:常务)?副?组长|(?:领导小组)?(?:办公室)?(?:常务)?副?主任)由"
    r"(?P<entries>[^，。；;]{2,40}?)(?:担任|兼任)"
    r"|(?:成立)?以?(?P<entries_before>[^，。；;]{2,60}?)(?:担任|兼任|任|为)"
    r"(?P<role_after>(?:常务)?副?组长|成员(?!单位))"
)
# a member in running text: an office, then a name of two or three characters (entries of
# one role are split at 、: 常务副县长李四、副县长王五)
PROSE_ENTRY_PATTERN = re.compile(
    rf"(?P<position>{HAN}*?(?:长|主任|书记|委员|主席|秘书))(?P<name>{HAN}{{2,3}})"
)
# 蔡少林（党工委副书记、办事处主任） / 杨  猛（交警一中队中队长） / 王巧虹（社区发展办副主任)
MEMBER_ENTRY_PATTERN = re.compile(
    rf"(?P<name>{NAME_CHAR}(?:[ \u3000\u00a0]{{0,2}}{NAME_CHAR}){{1,4}})\s*"
    r"[（(](?P<position>[^（）()]+)[）)]"
)
# 韩　正　　国务院副总理 / 丁学东   国务院副秘书长 / 张勇 发展改革委副主任: a name (a
# two-character one may be padded with spaces), a gap, the position to the end of the line
SPACED_ENTRY_PATTERN = re.compile(
    rf"(?P<name>{NAME_CHAR}{SPACE}{{1,2}}{NAME_CHAR}(?={SPACE})|{NAME_CHAR}{{2,4}})"
    rf"{SPACE}+(?P<position>[^\s，,。；;：:（）()]+)\s*$"
)
# 韩正国务院副总理 / 郭卫民中央宣传部部务会议成员、新闻办副主任: a name and a position run
# together, to the end of the line, the position ending in an office (长, 主任, 书记 …)
FUSED_ENTRY_PATTERN = re.compile(
    rf"(?P<entry>{HAN}(?:{HAN}|、){{1,50}}?"
    r"(?:长|主任|书记|委员|成员|总理|主席|秘书|专员|巡视员|调研员|督察员|总师|经理|负责人))\s*$"
)
# the start of a position: one of ORGANISATION_HEADS
POSITION_START_PATTERN = re.compile(f"(?:{alternation(ORGANISATION_HEADS)})")
# a level written alone before a body (县财政局局长, 市发改委主任): a position that starts
# with one after a two-character name is that name's, though the rest would start one too
LEVEL_START_PATTERN = re.compile(f"(?:{alternation(LEVEL_CHARACTERS)})")
# 张三、李四 after a role marker: a bare name of 2–4 characters, no position
BARE_NAME_PATTERN = re.compile(rf"(?P<name>{NAME_CHAR}{{2,4}})(?!{NAME_CHAR}|[（(])")
# what ends a unit's name, never a person's: 县住建局、县民政局 after 成员： are units
UNIT_NAME_END_PATTERN = UNIT_SUFFIX_PATTERN
# what may stand between the entries of one line: spaces, 、 ， ；
ENTRY_SEPARATOR_PATTERN = re.compile(r"[\s、，,；;]+")
# a table cell that is only a role: 组长 / 副 组 长 / 成员 / 主任委员
ROLE_CELL_PATTERN = re.compile("^(?:" + "|".join(ROLE_WORDS) + ")$")
# the header of a roster table's name column: 姓名 / 姓 名
NAME_HEADER_PATTERN = re.compile(r"姓\s*名")
# the header of a roster table's position column: 职务 / 单位及职务 / 工作单位 / 职位
POSITION_HEADER_PATTERN = re.compile(r"职务|职位|单位")
# a person's name in a table cell: 2–5 characters, spaces between them allowed
NAME_CELL_PATTERN = re.compile(rf"^{NAME_CHAR}(?:\s{{0,2}}{NAME_CHAR}){{1,4}}$")
# table kinds that never hold the leading group (a rubric may name 成员 in a criterion)
NOT_ROSTER_KINDS = ("rubric", "summary")
# characters a roster line that opens a run holds one of: an entry's bracket or a
# marker's colon (lines inside a run need neither: `李干杰　　生态环境部部长`)
ROSTER_LINE_MARKS = ("（", "(", "：", ":")
# an office given to a listed member in a sentence: 办公室主任由生态环境部副部长赵英民兼任 /
# 秘书长由县政府办主任张三同志担任
OFFICE_HOLDER_PATTERN = re.compile(
    r"(?P<role>办公室主任|办公室副主任|副秘书长|秘书长|联络员)由"
    r"(?P<holder>[^，,。；;：:（）()]{2,40}?)(?:同志)?(?:兼任|担任)"
)


# the same, its holder first: 张强同志兼任办公室主任 / 由县住建局局长张强兼任领导小组办公室主任
# (the holder runs from its clause's start, after a 由)
OFFICE_TAKEN_PATTERN = re.compile(
    r"(?P<holder>[^，,。；;：:（）()由]{2,40}?)(?:同志)?(?:兼任|担任)(?:领导小组)?"
    r"(?P<role>办公室主任|办公室副主任|副秘书长|秘书长|联络员)"
)
# a cheap first look: a paragraph without these gives no office (办公室主任由…兼任)
OFFICE_HINTS = ("兼任", "担任")


@dataclass(frozen=True)
class RosterToken:
    """One piece of a roster line: a role marker or a member entry, with its offsets."""

    kind: str  # "role", "member" or "unsplit" (name and position not told apart)
    start: int
    end: int
    role: MemberRole | None = None
    name: str | None = None
    position: str | None = None


def role_of(marker: str) -> MemberRole:
    """The role a marker or cell stands for, its spaces removed (`组　长` → 组长)."""
    word = re.sub(r"\s+", "", marker)
    return next(role for role in ROLE_WORDS if role == word)


def split_fused_entry(entry: str) -> tuple[str, str] | None:
    """(name, position) of a name and position run together, None when no cut explains it.

    The name is two or three characters (three or four after a compound surname) and the
    position starts with an organisation (POSITION_START_PATTERN). When both cuts do, the
    shorter name wins if its position starts with a level (`李明` + `市财政局局长`), else
    the longer (`王建中` + `国家发展改革委副主任`, not `王建` + `中国家…`).
    """
    shortest = 3 if entry[:2] in COMPOUND_SURNAMES else 2
    cuts = [
        cut
        for cut in (shortest, shortest + 1)
        if len(entry) - cut >= 2
        and "、" not in entry[:cut]
        and POSITION_START_PATTERN.match(entry, cut)
    ]
    if not cuts:
        return None
    cut = cuts[0] if LEVEL_START_PATTERN.match(entry, cuts[0]) else cuts[-1]
    return entry[:cut], entry[cut:]


def tokenize_roster_line(text: str, in_roster: bool = False) -> list[RosterToken] | None:
    """The markers and entries of a line made only of them, else None.

    Offsets are relative to `text`. Bare names (no position) count only after a marker;
    a name and position apart or run together only after a marker or inside a roster run
    (`in_roster`).
    """
    tokens: list[RosterToken] = []
    pos, end = 0, len(text)
    while pos < end:
        if match := ENTRY_SEPARATOR_PATTERN.match(text, pos):
            pos = match.end()
            continue
        after_marker = bool(tokens) and tokens[0].kind == "role"
        if match := ROLE_MARKER_PATTERN.match(text, pos):
            tokens.append(RosterToken("role", match.start(), match.end(), role=role_of(match[1])))
        elif match := MEMBER_ENTRY_PATTERN.match(text, pos):
            tokens.append(member_token(match, match.group("position").strip()))
        elif (after_marker or in_roster) and (match := SPACED_ENTRY_PATTERN.match(text, pos)):
            tokens.append(member_token(match, match.group("position")))
        elif (fused := fused_token(text, pos)) and (fused.kind == "member" or not after_marker):
            # a split name and position before a bare name: 韩正县长 is no four-character name
            if not (after_marker or in_roster):
                return None
            tokens.append(fused)
            pos = fused.end
            continue
        elif (
            after_marker
            and (match := BARE_NAME_PATTERN.match(text, pos))
            and not UNIT_NAME_END_PATTERN.search(match.group("name"))
        ):
            tokens.append(member_token(match, None))
        elif after_marker and fused:
            tokens.append(fused)
            pos = fused.end
            continue
        else:
            return None
        pos = match.end()
    return tokens if any(t.kind != "role" for t in tokens) else None


def member_token(match: re.Match[str], position: str | None) -> RosterToken:
    """A member token from an entry match; spaces inside the name are dropped."""
    name = re.sub(r"\s+", "", match.group("name"))
    return RosterToken("member", match.start(), match.end(), name=name, position=position)


def fused_token(text: str, pos: int) -> RosterToken | None:
    """The entry of a name and position run together from `pos` to the end of the line: a
    member, or an `unsplit` token when no cut explains it; None when there is none."""
    match = FUSED_ENTRY_PATTERN.match(text, pos)
    if match is None:
        return None
    entry = match.group("entry")
    end = match.start() + len(entry)
    split = split_fused_entry(entry)
    if split is None:
        return RosterToken("unsplit", match.start(), end)
    name, position = split
    return RosterToken("member", match.start(), end, name=name, position=position)


def extract_committee(structure: Structure) -> Extracted[list[Member]]:
    """Every member of the roster runs in paragraphs, then of the roster tables, in order,
    and the offices a later sentence gives them (after the members listed before it);
    entries whose name and position cannot be told apart are warned about."""
    doc = structure.doc
    members, warnings = members_from_paragraphs(doc)
    for recovered in structure.tables:
        members.extend(members_from_table(doc, recovered))
    for holder in office_holders(doc, members):  # each after the members listed before it
        before = sum(1 for m in members if m.evidence.start < holder.evidence.start)
        members.insert(before, holder)
    if not members:
        members, prose_warnings = members_from_prose(doc)
        warnings.extend(prose_warnings)
    return Extracted(members, warnings)


def prose_entry(entry: str) -> tuple[str, str] | None:
    """(name, position) of a member written office first in running text (`常务副县长李四`,
    `县住建局局长赵六`), None when it does not end in a name after an office title."""
    found = PROSE_ENTRY_PATTERN.fullmatch(entry.strip())
    return (found.group("name"), found.group("position")) if found else None


def members_from_prose(doc: Document) -> tuple[list[Member], list[Warning]]:
    """Members named in running text (`以县长张三为组长，副县长李四、王五为副组长`,
    `组长由县长张三担任`), and a warning for each clause that fills a role without names
    each of which follows an office title (`组长由县政府分管副县长担任`)."""
    members: list[Member] = []
    warnings: list[Warning] = []
    for paragraph in doc.paragraphs:
        if "组长" not in paragraph.text and "主任" not in paragraph.text:
            continue  # the roles a group's prose fills (most paragraphs hold neither)
        for found in PROSE_ROLE_PATTERN.finditer(paragraph.text):
            evidence = doc.evidence(paragraph.start + found.start(), paragraph.start + found.end())
            written = found.group("entries") or found.group("entries_before")
            entries = [prose_entry(entry) for entry in written.split("、")]
            if all(entries) and (role := found.group("role") or found.group("role_after")):
                members.extend(
                    Member(role=role_of(role), name=name, position=position, evidence=evidence)
                    for name, position in entries  # type: ignore[misc]
                )
                continue
            warnings.append(
                Warning(
                    code="committee_roles_in_prose",
                    message="a group's roles are stated in running text without a name after "
                    f"each office; no member is read from it: {evidence.quote}",
                    evidence=evidence,
                )
            )
    return members, warnings


def office_holders(doc: Document, members: list[Member]) -> list[Member]:
    """Members already listed that a sentence gives an office (`办公室主任由…赵英民兼任`,
    `张强同志兼任办公室主任`)."""
    names = sorted({m.name for m in members}, key=len, reverse=True)
    listed = {m.name: m.position for m in reversed(members)}  # a name's first listed post
    if not names:
        return []
    holders: list[Member] = []
    for paragraph in doc.paragraphs:
        if not any(hint in paragraph.text for hint in OFFICE_HINTS):
            continue
        matches = [
            *OFFICE_HOLDER_PATTERN.finditer(paragraph.text),
            *OFFICE_TAKEN_PATTERN.finditer(paragraph.text),
        ]
        for match in sorted(matches, key=lambda m: m.start()):
            holder = match.group("holder")
            name = next((n for n in names if holder.endswith(n)), None)
            if name is None:
                continue
            # the post the sentence gives, else the one the roster lists (张强同志兼任…)
            position = holder[: -len(name)] or listed[name]
            start = paragraph.start + match.start()
            holders.append(
                Member(
                    role=role_of(match.group("role")),
                    name=name,
                    position=position,
                    evidence=doc.evidence(start, paragraph.start + match.end()),
                )
            )
    return holders


def roster_columns(header: list[str], rows: list[list[str]]) -> tuple[int, int, int | None] | None:
    """(role, name, position) columns of a roster table, or None when it is not one.

    The role column is the first whose cells include a group role word (GROUP_ROLE_WORDS);
    the name column is the 姓名 column (else the one after the role); the position column
    the first other 职务/单位 column, if any.
    """
    width = len(header) if header else max((len(r) for r in rows), default=0)
    role_col = next(
        (
            c
            for c in range(width)
            if any(c < len(r) and "".join(r[c].split()) in GROUP_ROLE_WORDS for r in rows)
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
            role = role_of(role_text)
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


def members_from_paragraphs(doc: Document) -> tuple[list[Member], list[Warning]]:
    """Every member of every roster run in the document's paragraphs, in order, and a
    warning for each entry whose name and position could not be told apart."""
    members: list[Member] = []
    warnings: list[Warning] = []
    role: MemberRole | None = None
    for block in doc.blocks:
        if not isinstance(block, Paragraph):
            role = None
            continue
        if not block.text.strip():
            continue
        # a line that opens a run holds a bracket (an entry) or a colon (a marker)
        has_mark = any(mark in block.text for mark in ROSTER_LINE_MARKS)
        in_roster = role is not None
        tokens = tokenize_roster_line(block.text, in_roster) if has_mark or in_roster else None
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
            evidence = doc.evidence(block.start + start, block.start + token.end)
            marker_start = None
            if token.kind == "unsplit":
                warnings.append(
                    Warning(
                        code="committee_member_unsplit",
                        message=f"name and position of this {role} entry cannot be told "
                        f"apart: {evidence.quote}",
                        evidence=evidence,
                    )
                )
                continue
            members.append(
                Member(role=role, name=token.name or "", position=token.position, evidence=evidence)
            )
    return members, warnings
