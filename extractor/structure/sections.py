"""Section tree: the numbered headings of a normalised Document as nested `Section`s.

A heading is a paragraph that starts with a numbering (一、 （一） 1． （1） ① 第X条); its level
comes from the numbering style (`NUMBERING_STYLES`), except an Arabic-numbered title line
that continues the sequence of the level-1 headings (`4、实施步骤` between `三、` and `五、`),
which is taken as the mis-numbered level-1 heading it is; under chapters (第X章) every
other numbering sits one level lower, two under a chapter's parts (第X节). A heading
glued to its body (`（一）建立工作机制。绿色社区创建行动由…`) ends at its first `。`.

The text before the plan's own title (a cover notice, less any website chrome) is one
`preamble` section; the
attachments list at the end of the body (`附件：1．…`) is no heading; everything from the
first attachment heading (`附件1`) on belongs to the attachments, one level-1 section each.
Tables never create headings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from extractor.document import Block, Document, Paragraph, TableBlock
from extractor.models import Section, SectionKind, Warning
from extractor.numerals import chinese_integer
from extractor.structure.tables import cell_text, is_blank
from extractor.vocabulary import (
    RED_HEADER_END,
    STATUS_NOTE,
    TITLE_END_PATTERN,
    TITLE_PERIOD_NOTE,
)

# 一、创建目标 / 十二、附则 / 三．实施步骤 / 二，创建内容 (a comma typed for 、)
CHINESE_ORDINAL_HEADING = re.compile(
    r"(?P<number>(?P<value>[一二三四五六七八九十]+))\s*[、．.，,](?![0-9])\s*"
)
# （一）建立工作机制。 / (二)加强调度指导
PAREN_CHINESE_HEADING = re.compile(
    r"(?P<number>[（(]\s*(?P<value>[一二三四五六七八九十]+)\s*[）)])\s*"
)
# 1．制定方案。 / 4、 实施步骤 / 2.逐步推广 (not 1.5倍: a digit after the point is a decimal)
ARABIC_HEADING = re.compile(r"(?P<number>(?P<value>[0-9]{1,2}))\s*[．.、](?![0-9])\s*")
# （1）完善设施 / (2)加强管理
PAREN_ARABIC_HEADING = re.compile(r"(?P<number>[（(]\s*(?P<value>[0-9]{1,2})\s*[）)])\s*")
# ①建立台账
CIRCLED_HEADING = re.compile(r"(?P<number>(?P<value>[①-⑳]))\s*")
# ㈡加强调度 (one character for （二）, as word processors and OCR write it)
PAREN_CHINESE_SIGN_HEADING = re.compile(r"(?P<number>(?P<value>[㈠-㈩]))\s*")
# ⑵完善设施 (one character for （2）)
PAREN_ARABIC_SIGN_HEADING = re.compile(r"(?P<number>(?P<value>[⑴-⒇]))\s*")
# ⒉制定方案 (one character for 2.)
ARABIC_SIGN_HEADING = re.compile(r"(?P<number>(?P<value>[⒈-⒛]))\s*")
# 第三条 本办法适用于… / 第十二条
ARTICLE_HEADING = re.compile(r"(?P<number>第(?P<value>[一二三四五六七八九十百零〇0-9]+)条)\s*")
# 第一章 总则 / 第2章 (articles under a chapter sit one level below it)
CHAPTER_HEADING = re.compile(r"(?P<number>第(?P<value>[一二三四五六七八九十百零〇0-9]+)章)\s*")
# 第一节 工作目标 / 第2节 (a chapter's subdivision)
PART_HEADING = re.compile(r"(?P<number>第(?P<value>[一二三四五六七八九十百零〇0-9]+)节)\s*")

# Numbers written as one character, each range counting from 1: ①–⑳, ㈠–㈩, ⑴–⒇, ⒈–⒛
ONE_CHARACTER_NUMBERS = (("①", "⑳"), ("㈠", "㈩"), ("⑴", "⒇"), ("⒈", "⒛"))

# 附件1 / 附件2： / 附件 3：绿色社区创建申报表 / 附件 (a lone attachment); not 附件1所列…
ATTACHMENT_HEADING = re.compile(r"附件\s*(?P<value>[0-9]{1,2})?(?:\s*[：:]\s*|\s+|$)")
# 附件：1．某县绿色社区创建标准（试行） / 附件： / 附件：绿色社区创建标准
ATTACHMENT_LIST_START = re.compile(r"附件\s*[：:]\s*")
# 1．某县绿色社区创建标准（试行） / 2.绿色社区创建标准（试行） / 3. 绿色社区创建申报表
ATTACHMENT_LIST_ITEM = re.compile(r"(?P<number>[0-9]{1,2})\s*[．.、]\s*(?P<title>\S.*)")

# 某县绿色社区创建行动实施方案 / 某街道…实施方案（试行） / …管理办法(暂行) /
# …实施方案（2023—2025年）
PLAN_TITLE = re.compile(
    rf"(?:方案|办法|意见|计划|标准|细则|规划)(?:\s*{TITLE_PERIOD_NOTE})?(?:\s*{STATUS_NOTE})?$"
)
# …关于印发《…》的通知 / 现印发给你们 / 各社区居委会，各有关单位： / 城区街道办事处、某镇：
COVER_NOTICE_SIGNAL = re.compile(r"印发|通知|^(?!附件)[^。：:]{2,60}[：:]$")

# A heading line is short and holds no full stop: 实施步骤, 推广示范阶段（2022年2月1日至…）
HEADING_MAX_CHARS = 40
# attachment and plan titles run longer: 某市住房和城乡建设局关于…工作领导小组成员名单（试行）
LONG_TITLE_MAX_CHARS = 80
# 。 ends a heading glued to its body; ； and ： never occur inside a title line
TITLE_STOPPERS = ("。", "；", "：", ":")
GLUE_STOP = "。"

# A heading number written in Chinese, up to 99: 三, 十, 十二, 二十, 三十五 (one digit on
# either side of 十; 〇/零/两 count as digits, the circle ○ does not); not 一二, 百, 一百零五.
HEADING_NUMERAL = re.compile(
    r"[〇零一二两三四五六七八九]?十[〇零一二两三四五六七八九]?|[〇零一二两三四五六七八九]"
)

# A heading title whose kind its words can tell is at most this long (parentheses aside):
# 加强组织协调，强调职责任务 / 把握总体要求，完善全面培养体系
KIND_TITLE_MAX_CHARS = 30
# a parenthesised part of a title: （2020年11月至2021年6月）
PARENTHESISED = re.compile(r"[（(][^（）()]*[）)]")

# First match wins (a phase before all: 组织实施阶段 is a step, not the organization;
# organization before content: 强调职责任务 is about duties).
KIND_RULES: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    # 组织实施阶段（2021年11月—2022年12月）, 动员部署阶段 (a phase, whatever its words)
    ("steps", re.compile(r"阶段(?:[（(][^（）()]*[）)])?$")),
    ("principles", re.compile(r"原则|总体要求|指导思想")),  # 基本原则, 总体要求, 指导思想
    ("scope", re.compile(r"对象|范围")),  # 创建对象, 创建范围
    ("objectives", re.compile(r"目标")),  # 工作目标, 创建目标
    # 组织实施, 加强组织领导, 保障实施; not 推进实施 (a step) nor 实施步骤
    # …联席会议制度, 成立…领导小组; 组织 as organising the work (组织实施, 组织协调, 组织开展),
    # not an organisation named as a noun (培育社会组织, 深化社区党组织建设, 培训评价组织)
    (
        "organization",
        re.compile(
            r"(?<!社会)(?<!党)(?<!群团)(?<!基层)(?<!自治)"
            r"组织(?=实施|领导|协调|推动|推进|开展|保障|机构|分工|管理|落实)"
            r"|领导|职责|联席会议|(?<!推进)实施$"
        ),
    ),
    ("content", re.compile(r"内容|任务|(?:重点|主要)工作$")),  # 创建内容, 主要任务, 重点工作
    # 实施步骤, 工作安排, 推进进度; not 阶段评估 (a task inside a phase)
    ("steps", re.compile(r"步骤|安排|进度")),
    ("measures", re.compile(r"措施|保障|要求")),  # 推进措施, 强化保障措施
    ("attachment", re.compile(r"附件")),  # 附件
)


class NumberingStyle(NamedTuple):
    """One way of numbering headings and the level it stands for."""

    name: str
    pattern: re.Pattern[str]
    level: int


NUMBERING_STYLES: tuple[NumberingStyle, ...] = (
    NumberingStyle("chinese", CHINESE_ORDINAL_HEADING, 1),
    NumberingStyle("paren_chinese", PAREN_CHINESE_HEADING, 2),
    NumberingStyle("arabic", ARABIC_HEADING, 3),
    NumberingStyle("paren_arabic", PAREN_ARABIC_HEADING, 4),
    NumberingStyle("circled", CIRCLED_HEADING, 5),
    NumberingStyle("paren_chinese", PAREN_CHINESE_SIGN_HEADING, 2),
    NumberingStyle("arabic", ARABIC_SIGN_HEADING, 3),
    NumberingStyle("paren_arabic", PAREN_ARABIC_SIGN_HEADING, 4),
    NumberingStyle("chapter", CHAPTER_HEADING, 1),
    NumberingStyle("part", PART_HEADING, 2),
    NumberingStyle("article", ARTICLE_HEADING, 1),
)


@dataclass(frozen=True)
class HeadingMatch:
    """A numbered line: its numbering, the level its style stands for, and its title span.

    Offsets are into `Document.text`; `[start, end)` is the heading's words as they stand
    (number + title; for a glued heading up to and including the first `。`).
    """

    style: str
    number: str
    value: int | None
    level: int
    title: str
    start: int
    end: int
    glued: bool


@dataclass(frozen=True)
class ListedAttachment:
    """One entry of the plan's attachments list: `1．某县绿色社区创建标准（试行）`."""

    number: str | None
    title: str
    start: int
    end: int


def chinese_numeral_value(numeral: str) -> int | None:
    """The value of a heading number up to 99 (`十二` → 12, `7` → 7).

    None for a Chinese numeral HEADING_NUMERAL does not take (`一二`, `百`, `一百零五`) and for
    other text.
    """
    if numeral.isdigit():
        return int(numeral)
    if not HEADING_NUMERAL.fullmatch(numeral):
        return None
    return chinese_integer(numeral)


def looks_like_title(text: str, max_chars: int = HEADING_MAX_CHARS) -> bool:
    """True for a short heading-like line without a full stop (`实施步骤`)."""
    text = text.strip()
    return 0 < len(text) <= max_chars and not any(s in text for s in TITLE_STOPPERS)


def numbering_value(numeral: str) -> int | None:
    """The value a numbering stands for: `三` → 3, `12` → 12, `②` → 2, `㈡` → 2, `⑵` → 2."""
    if len(numeral) == 1:
        for first, last in ONE_CHARACTER_NUMBERS:
            if first <= numeral <= last:
                return ord(numeral) - ord(first) + 1
    return chinese_numeral_value(numeral)


def section_kind(title: str) -> SectionKind:
    """The kind a heading's words stand for (`具体创建步骤` → steps), `other` if none.

    A "title" longer than KIND_TITLE_MAX_CHARS (its parenthesised parts aside) is a whole
    measure glued to its number (`一、对…成效显著的地方，给予…支持`): its words say what
    the measure is about, not what kind of section it is, so it is `other`.
    """
    if len(PARENTHESISED.sub("", title)) > KIND_TITLE_MAX_CHARS:
        return "other"
    for kind, pattern in KIND_RULES:
        if pattern.search(title):
            return kind
    return "other"


def _stripped_span(paragraph: Paragraph) -> tuple[str, int]:
    """The paragraph's text without surrounding white space, and where it starts."""
    text = paragraph.text
    lead = len(text) - len(text.lstrip())
    return text.strip(), paragraph.start + lead


def match_heading(paragraph: Paragraph) -> HeadingMatch | None:
    """The numbered heading at the start of `paragraph`, or None if it has no numbering."""
    text, start = _stripped_span(paragraph)
    for style in NUMBERING_STYLES:
        m = style.pattern.match(text)
        if m is None:
            continue
        rest = text[m.end() :]
        stop = rest.find(GLUE_STOP)
        glued = stop >= 0
        title = (rest[:stop] if glued else rest).strip().rstrip("：:")
        if not title:
            return None
        end = start + m.end() + (stop + 1 if glued else len(rest))
        return HeadingMatch(
            style=style.name,
            number=re.sub(r"\s+", "", m.group("number")),
            value=numbering_value(m.group("value")),
            level=style.level,
            title=title,
            start=start,
            end=end,
            glued=glued,
        )
    return None


def match_attachment_heading(paragraph: Paragraph) -> tuple[str, str, int, int] | None:
    """`(number, own title, start, end)` of an `附件1` / `附件2：` / `附件` line, else None.

    `附件：1．…` and `附件：标题` (the attachments list) are not headings.
    """
    text, start = _stripped_span(paragraph)
    m = ATTACHMENT_HEADING.match(text)
    if m is None:
        return None
    value = m.group("value")
    rest = text[m.end() :]
    if value is None and rest:
        return None
    if rest and not looks_like_title(rest, LONG_TITLE_MAX_CHARS):
        return None
    return f"附件{value or ''}", rest.strip(), start, start + len(text)


def match_attachment_list_item(paragraph: Paragraph) -> ListedAttachment | None:
    """A `1．标题` line of an attachments list, or None."""
    text, start = _stripped_span(paragraph)
    m = ATTACHMENT_LIST_ITEM.fullmatch(text)
    if m is None or not looks_like_title(m.group("title"), LONG_TITLE_MAX_CHARS):
        return None
    return ListedAttachment(
        number=m.group("number"), title=m.group("title").strip(), start=start, end=start + len(text)
    )


def _listed_from_list_start(paragraph: Paragraph) -> list[ListedAttachment] | None:
    """The entry on an `附件：…` line itself ([] for a bare `附件：`), None if no list starts."""
    text, start = _stripped_span(paragraph)
    m = ATTACHMENT_LIST_START.match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    if not rest:
        return []
    item = ATTACHMENT_LIST_ITEM.fullmatch(rest)
    if item is not None:
        first = start + m.end()
        return [
            ListedAttachment(
                number=item.group("number"),
                title=item.group("title").strip(),
                start=first,
                end=start + len(text),
            )
        ]
    if looks_like_title(rest, LONG_TITLE_MAX_CHARS):
        return [ListedAttachment(None, rest, start + m.end(), start + len(text))]
    return None


def _attachment_heading_with_title(block: Block) -> ListedAttachment | None:
    """An `附件1：标题` line read as a list entry (a run of them is the attachments list)."""
    if not isinstance(block, Paragraph):
        return None
    found = match_attachment_heading(block)
    if found is None or not found[1] or found[0] == "附件":
        return None
    number, title, start, end = found
    return ListedAttachment(number[len("附件") :], title, start, end)


def _next_nonempty(blocks: Sequence[Block], index: int) -> int | None:
    """Index of the first block at or after `index` with any text, or None."""
    for i in range(index, len(blocks)):
        block = blocks[i]
        if isinstance(block, TableBlock) or block.text.strip():
            return i
    return None


def attachment_list_at(
    blocks: Sequence[Block], index: int
) -> tuple[list[ListedAttachment], int] | None:
    """The attachments list starting at `blocks[index]` and the index just past it, or None.

    A list is `附件：` followed by `1．…` lines (or with its first entry on the same line),
    `附件：标题` for a single attachment, or a run of two or more `附件1：标题` lines.
    """
    block = blocks[index]
    if not isinstance(block, Paragraph):
        return None
    entries = _listed_from_list_start(block)
    if entries is None:
        first = _attachment_heading_with_title(block)
        after = _next_nonempty(blocks, index + 1)
        second = _attachment_heading_with_title(blocks[after]) if after is not None else None
        if first is None or second is None:
            return None
        entries = [first]
        i = index + 1
        while (j := _next_nonempty(blocks, i)) is not None:
            entry = _attachment_heading_with_title(blocks[j])
            if entry is None:
                break
            entries.append(entry)
            i = j + 1
        return entries, i
    i = index + 1
    while (j := _next_nonempty(blocks, i)) is not None:
        candidate = blocks[j]
        item = match_attachment_list_item(candidate) if isinstance(candidate, Paragraph) else None
        if item is None:
            break
        entries.append(item)
        i = j + 1
    if not entries:
        return None
    return entries, i


def find_attachment_list(doc: Document) -> list[ListedAttachment]:
    """The entries of the plan's attachments list (after its title), [] when it has none."""
    blocks = doc.blocks
    title_index = find_plan_title(blocks)
    start = title_index + 1 if title_index is not None else 0
    for index in range(start, len(blocks)):
        found = attachment_list_at(blocks, index)
        if found is not None:
            return found[0]
        block = blocks[index]
        if isinstance(block, Paragraph) and match_attachment_heading(block) is not None:
            return []
    return []


def _first_top_heading_index(blocks: Sequence[Block]) -> int:
    """Index of the first level-1 numbered paragraph (一、 / 第一条), or len(blocks)."""
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if any(
                p.match(text) for p in (CHINESE_ORDINAL_HEADING, CHAPTER_HEADING, ARTICLE_HEADING)
            ):
                return i
    return len(blocks)


def find_plan_title(blocks: Sequence[Block]) -> int | None:
    """Index of the plan's own title line: the last `…方案/办法/…` line before the first
    level-1 heading, or None when there is none."""
    limit = _first_top_heading_index(blocks)
    found = None
    for i in range(limit):
        block = blocks[i]
        if not isinstance(block, Paragraph):
            continue
        text = block.text.strip()
        if len(text) <= LONG_TITLE_MAX_CHARS and PLAN_TITLE.search(text) and "。" not in text:
            if not text.startswith(("《", "根据", "为")):
                found = i
    return found


def preamble_section(doc: Document, blocks: Sequence[Block]) -> Section | None:
    """The cover notice before the plan's title as one level-0 section, or None if the
    blocks hold no cover notice (no 印发/通知, no `各…：` address)."""
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    if not any(COVER_NOTICE_SIGNAL.search(p.text.strip()) for p in paragraphs):
        return None
    index = _next_nonempty(blocks, 0)
    assert index is not None  # a paragraph with text was found above
    first = blocks[index]
    if isinstance(first, Paragraph):
        title, start, end = notice_title(blocks, index)
        evidence = doc.evidence(start, end)
    else:
        title, evidence = "preamble", doc.evidence(first.start, first.end)
    return Section(number=None, title=title, kind="preamble", level=0, evidence=evidence)


# the most lines a cover notice's title is printed over (GB/T 9704 sets long titles in two or
# three lines; joint issuers stand one a line above 关于…)
NOTICE_TITLE_MAX_LINES = 3


def notice_title(blocks: Sequence[Block], index: int) -> tuple[str, int, int]:
    """The title opening a cover notice at paragraph `blocks[index]`, with its start and end:
    joined with the lines after it when the title was wrapped, that is when up to
    NOTICE_TITLE_MAX_LINES - 1 lines that do not end as a title does are followed by one
    that does (`…关于印发“无废城市”建设` + `试点工作方案的通知`, `某县人民政府` + `关于印发…的
    通知`, `中共某县委办公室` + `某县人民政府办公室` + `关于印发…的通知`). A red header
    (`某县人民政府文件`, GB/T 9704's 发文机关标志) is a line of its own."""
    first = blocks[index]
    assert isinstance(first, Paragraph)
    text, start = _stripped_span(first)
    single = (text, start, start + len(text))
    if TITLE_END_PATTERN.search(text) or text.endswith(RED_HEADER_END):
        return single
    joined, at = text, index
    for _ in range(NOTICE_TITLE_MAX_LINES - 1):
        following = _next_nonempty(blocks, at + 1)
        after = blocks[following] if following is not None else None
        if (
            not isinstance(after, Paragraph)
            or not looks_like_title(after.text, LONG_TITLE_MAX_CHARS - len(joined))
            or match_heading(after) is not None
        ):
            return single
        rest, rest_start = _stripped_span(after)
        joined += rest
        if TITLE_END_PATTERN.search(rest):
            return joined, start, rest_start + len(rest)
        at = following
    return single


def article_number_end(text: str) -> int:
    """Where an article's words start after its number (`第六条　各设区市…` → 4): an article
    (第X条) is numbered running text, its first words no title; 0 for text with no such
    number."""
    match = ARTICLE_HEADING.match(text, len(text) - len(text.lstrip()))
    return match.end() if match else 0


def numbering_end(text: str) -> int:
    """Where a numbered paragraph's words start after its numbering (`3. 累计创建…` → 3,
    `（二）新增…` → 3, `第六条　各设区市…` → 4), leading white space included; 0 for text that
    opens with no numbering (`2024年…`, `12.5亿…`)."""
    lead = len(text) - len(text.lstrip())
    for style in NUMBERING_STYLES:
        if match := style.pattern.match(text, lead):
            return match.end()
    return 0


def _table_title(table: TableBlock) -> tuple[str, int] | None:
    """The text and end offset of a table's one-cell title row, or None."""
    if not table.rows:
        return None
    filled = [c for c in table.rows[0] if not is_blank(c)]
    title = cell_text(filled[0]) if len(filled) == 1 else ""
    if not looks_like_title(title, LONG_TITLE_MAX_CHARS):
        return None
    return title, filled[0].end


def attachment_section(
    doc: Document, blocks: Sequence[Block], index: int, found: tuple[str, str, int, int]
) -> Section:
    """The level-1 `attachment` section headed by `blocks[index]` (`附件1`)."""
    number, title, start, end = found
    if not title:
        following = _next_nonempty(blocks, index + 1)
        block = blocks[following] if following is not None else None
        if isinstance(block, Paragraph) and looks_like_title(block.text, LONG_TITLE_MAX_CHARS):
            if match_attachment_heading(block) is None:
                title, end = wrapped_title(blocks, following, LONG_TITLE_MAX_CHARS)
        elif isinstance(block, TableBlock) and (table_title := _table_title(block)):
            title, end = table_title
    return Section(
        number=number,
        title=title or number,
        kind="attachment",
        level=1,
        evidence=doc.evidence(start, end),
    )


def wrapped_title(blocks: Sequence[Block], index: int, max_chars: int) -> tuple[str, int]:
    """The title starting at paragraph `blocks[index]` and where it ends: with the next line
    when the title was wrapped (it does not end as a title does, TITLE_END_PATTERN, and the
    next line is title-like too), at most `max_chars` in all."""
    block = blocks[index]
    assert isinstance(block, Paragraph)
    title, end = block.text.strip(), block.end
    following = _next_nonempty(blocks, index + 1)
    after = blocks[following] if following is not None else None
    if (
        isinstance(after, Paragraph)
        and not TITLE_END_PATTERN.search(title)
        and looks_like_title(after.text, max_chars - len(title))
        and match_attachment_heading(after) is None
        and match_heading(after) is None
    ):
        return title + after.text.strip(), after.end
    return title, end


def _next_top_values(blocks: Sequence[Block], start: int) -> list[int | None]:
    """For each block from `start`, the value of the next `一、` heading at or after it."""
    values: list[int | None] = [None] * (len(blocks) - start + 1)
    upcoming: int | None = None
    for i in range(len(blocks) - 1, start - 1, -1):
        block = blocks[i]
        if isinstance(block, Paragraph):
            m = CHINESE_ORDINAL_HEADING.match(block.text.strip())
            if m is not None:
                upcoming = chinese_numeral_value(m.group("value"))
        values[i - start] = upcoming
    return values


def is_misnumbered_top_heading(
    heading: HeadingMatch,
    last_top_value: int | None,
    arabic_seen_in_top: bool,
    next_top_value: int | None,
) -> bool:
    """True for an Arabic-numbered title line that continues the level-1 sequence
    (`4、实施步骤` after `三、`, before `五、`) rather than starting a list of its own."""
    return (
        heading.style == "arabic"
        and not heading.glued
        and looks_like_title(heading.title)
        and last_top_value is not None
        and heading.value == last_top_value + 1
        and not arabic_seen_in_top
        and (next_top_value is None or next_top_value == heading.value + 1)
    )


def nest_sections(flat: Sequence[Section]) -> list[Section]:
    """Nest a flat heading list into a tree: each one under the nearest earlier heading of
    a lower level."""
    roots: list[Section] = []
    stack: list[Section] = []
    for section in flat:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots


@dataclass
class NumberingContext:
    """What the headings so far tell about the next one's level."""

    last_top_value: int | None = None  # value of the last 一、 heading (or its stand-in)
    arabic_seen_in_top: bool = False  # a 1． list has started under that heading
    chapter_seen: bool = False  # articles (第X条) sit under chapters (第X章)
    part_seen: bool = False  # … and under a chapter's parts (第X节) where it has them

    def level_of(self, heading: HeadingMatch, upcoming_top: int | None) -> int:
        """The heading's level, its style's unless context says otherwise; updates self."""
        level = heading.level
        if is_misnumbered_top_heading(
            heading, self.last_top_value, self.arabic_seen_in_top, upcoming_top
        ):
            level = 1
        elif self.chapter_seen and heading.style not in ("chapter", "part"):
            # under a chapter (and its part) every other numbering sits one (two) lower:
            # 第三章 > 第一节 > 一、优化产业结构 > （一）…
            level += 2 if self.part_seen else 1
        if heading.style == "chapter":
            self.chapter_seen = True
            self.part_seen = False
        elif heading.style == "part":
            self.part_seen = True
        if level == 1:
            if heading.style in ("chinese", "arabic"):
                self.last_top_value = heading.value
            self.arabic_seen_in_top = False
        elif heading.style == "arabic":
            self.arabic_seen_in_top = True
        return level


def heading_section(doc: Document, heading: HeadingMatch, level: int) -> Section:
    """A numbered heading as a contract `Section` (children added by `nest_sections`)."""
    return Section(
        number=heading.number,
        title=heading.title,
        kind=section_kind(heading.title),
        level=level,
        evidence=doc.evidence(heading.start, heading.end),
    )


def body_headings(doc: Document, blocks: Sequence[Block], start: int) -> list[Section]:
    """The flat list of headings from `blocks[start]` on: body headings, then one section
    per attachment once the first attachment heading is reached."""
    flat: list[Section] = []
    next_top = _next_top_values(blocks, start)
    context = NumberingContext()
    in_attachments = False
    index = start
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        listed = None if in_attachments else attachment_list_at(blocks, index - 1)
        if listed is not None:
            index = listed[1]
            continue
        found = match_attachment_heading(block)
        if found is not None:
            in_attachments = True
            flat.append(attachment_section(doc, blocks, index - 1, found))
            continue
        heading = None if in_attachments else match_heading(block)
        if heading is not None:
            level = context.level_of(heading, next_top[index - start])
            flat.append(heading_section(doc, heading, level))
    return flat


def build_sections(doc: Document, chrome: Collection[int] = ()) -> list[Section]:
    """The heading tree of `doc`: an optional preamble, the body's numbered headings
    nested by level, then one level-1 section per attachment. The blocks at the indices
    `chrome` (website chrome before the title, extractor.structure.chrome) are no part of
    the preamble."""
    blocks = doc.blocks
    title_index = find_plan_title(blocks)
    sections: list[Section] = []
    body_start = 0
    if title_index is not None:
        body_start = title_index + 1
        preamble = preamble_section(
            doc, [block for index, block in enumerate(blocks[:title_index]) if index not in chrome]
        )
        if preamble is not None:
            sections.append(preamble)
    sections.extend(nest_sections(body_headings(doc, blocks, body_start)))
    return sections


def numbering_warnings(sections: list[Section]) -> list[Warning]:
    """A warning for each level-1 body heading whose number breaks the sequence of its
    siblings: another style (`4、` among `三、` and `五、`) or a value that does not follow
    the one before (`一、二、四、`). The tree keeps such a heading at level 1 regardless."""
    body = [s for s in sections if s.level == 1 and s.kind != "attachment" and s.number]
    chinese = [s for s in body if not s.number.isdigit()]
    style_of_most = "chinese" if len(chinese) * 2 >= len(body) else "arabic"
    warnings: list[Warning] = []
    previous: int | None = None
    for section in body:
        number = section.number or ""
        value = numbering_value(number)
        style = "arabic" if number.isdigit() else "chinese"
        if style != style_of_most:
            problem = f"is numbered {number!r} in another style than its sibling headings"
        elif previous is not None and value is not None and value != previous + 1:
            problem = f"is numbered {number!r} after heading number {previous}"
        else:
            problem = None
        if problem:
            warnings.append(
                Warning(
                    code="heading_misnumbered",
                    message=f"heading {section.title!r} {problem}; read as level 1",
                    evidence=section.evidence,
                )
            )
        previous = value if value is not None else previous
    return warnings
