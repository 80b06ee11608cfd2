"""Metadata: the plan's title, jurisdiction, issuing number, date, issuers and references.

The title is the plan's own title (GB/T 9704: 发文机关 + 关于事由 + 文种), read from a
block of one to three short unpunctuated lines (and a last `的通知` wrapped onto a line of
its own) that ends in a kind of document (通知, 意见,
方案, 批复, 办法, 细则 …), the lines joined. A cover notice that issues a plan
(`关于印发《X》的通知`, `现将《X》印发给你们`) gives way to the plan it issues; any other
notice (`关于下达…的通知`, `关于调整…的通知`) is the document, and the title of an
attachment (a block after an `附件` line) never wins over it. A `（试行）` status note is
left out of the title. The jurisdiction is the issuer's (the units before `关于` in the
title block, else the title's leading place name, else the signing units); national bodies
(国务院, 国务院办公厅, 中共中央办公厅, 教育部, 国家发展改革委 …) give `全国`, level
`national`. The issuing number is a line that is only a number (the red header, or under
the title: `国办发〔2018〕128号`), never a number cited after a `《title》`. The date is the
signature's date line (else a `…印发` line); the issuers are the unit lines (or
layout-table cells) just above that signature date, several on a line split apart, else the
units the title names before `关于`. References are every `《title》（number）` citation
except the plan itself and its own attachments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.document import Document, Paragraph, TableBlock
from extractor.fields.dates import DATE_LINE_PATTERN as ONLY_DATE_LINE_PATTERN
from extractor.fields.dates import FULL_DATE, full_date
from extractor.models import Jurisdiction, JurisdictionLevel, Reference
from extractor.normalize import ATTACHMENT_HEADING_PATTERN, HAN, YEAR_BRACKET_PATTERN
from extractor.numerals import YEAR_NUMBER, year_value
from extractor.structure import Structure
from extractor.structure.tables import cell_text, is_blank
from extractor.vocabulary import (
    BODY_SUFFIXES,
    BRANCH_UNIT_SUFFIXES,
    DOCUMENT_KIND_WORDS,
    LEVEL_CHARACTERS,
    MINISTRY_SUFFIXES,
    NATIONAL_BODY_HEADS,
    PARTY_BODY_HEAD,
    PLACE_LEVEL_BY_SUFFIX,
    RED_HEADER_END,
    SIGNING_BODY_SUFFIXES,
    STATUS_NOTE,
    TITLE_PERIOD_NOTE,
    alternation,
)

# the one-character levels, as a regex character class body: 省市县区乡镇
LEVELS = "".join(LEVEL_CHARACTERS)

# the kinds of document a title ends in (文种, see vocabulary.DOCUMENT_KIND_WORDS):
# 某县…实施方案 / 国务院办公厅关于…的通知 / 某省…实施意见 / 关于…的复函
DOCUMENT_KINDS = alternation(DOCUMENT_KIND_WORDS)
# a status note after a title, left out of it: （试行） / (暂行) / （征求意见稿）
# 桓台县绿色社区创建行动实施方案 / 某市垃圾分类管理办法 / 某镇实施方案（试行） → without
# the status note in brackets; a title line never starts with a list number or 附件
TITLE_PATTERN = re.compile(
    r"^(?![（(]?[一二三四五六七八九十\d]+[）)、．.])(?!附件)(?!《)"
    rf"(?P<title>[^，。；：:\n]{{2,120}}?(?:{DOCUMENT_KINDS})(?:{TITLE_PERIOD_NOTE})?)"
    rf"(?:{STATUS_NOTE})?$"
)
# the most lines a title is printed over (GB/T 9704 sets long titles in two or three lines)
MAX_TITLE_LINES = 3
# a title printed on one line is at most this long (gov.cn pages print titles of 60 and
# more characters on one line) …
TITLE_MAX_CHARS = 90
# … and a line of a title printed over several at most this (a 16 pt line holds 28)
TITLE_LINE_MAX_CHARS = 40
# what a line of a title never holds: sentence punctuation
TITLE_LINE_STOP_PATTERN = re.compile(r"[，,。；;：:！？!?]")
# the last line of a title wrapped right before its kind of document, the line above
# already ending like a title: 某市人民政府办公室关于印发某市 / “十四五”生态环境保护规划 /
# 的通知 (a line holding no more than 的 and the kind)
TITLE_TAIL_PATTERN = re.compile(rf"^的(?:{DOCUMENT_KINDS})$")
# a line under a title that is only the period the plan covers: 某市…实施方案 / （2024—2026年）
TITLE_PERIOD_LINE_PATTERN = re.compile(rf"^{TITLE_PERIOD_NOTE}$")
# lines next to a title that are no part of it: 某县人民政府文件 (the red header),
# （此件公开发布） (a note in brackets), 2023年10月16日 (a date), 特急 / 机密 (marks)
NOT_TITLE_LINE_PATTERN = re.compile(
    rf"{RED_HEADER_END}$|^[（(].*[）)]$|{ONLY_DATE_LINE_PATTERN.pattern}|^(?:特急|加急|平急|机密|秘密|绝密)"
)
# 国务院关于印发国家职业教育改革实施方案的通知 / 某街道关于印发《某实施方案（试行）》的通知
# → the plan it issues (国家职业教育改革实施方案 / 某实施方案)
NOTICE_TITLE_PATTERN = re.compile(
    rf"关于印发\s*《?(?P<title>[^《》\n]+?(?:{DOCUMENT_KINDS})(?:{TITLE_PERIOD_NOTE})?)"
    rf"(?:{STATUS_NOTE})?》?\s*的?通知"
)
# the body of a cover notice naming the plan it issues: 现将《某实施方案》印发给你们 /
# 《“无废城市”建设试点工作方案》已经国务院同意，现印发给你们
ISSUING_SENTENCE_PATTERN = re.compile(
    rf"《(?P<title>[^《》\n]+?(?:{DOCUMENT_KINDS})(?:{TITLE_PERIOD_NOTE})?)(?:{STATUS_NOTE})?》"
    r"(?:(?:已经|经)[^。《》]{0,30}?[，,]?\s*现)?(?:予以)?印发给你们"
)
# the units a title names before 关于: 江西省人民政府办公厅关于… / 某省教育厅 某省财政厅关于…
TITLE_ISSUER_PATTERN = re.compile(r"^(?P<units>[^《》“”]{2,80}?)关于")
# 桓台县… → 桓台县 / 吴淞街道… → 吴淞街道 / 广西壮族自治区… ; stops at the first level suffix
JURISDICTION_PATTERN = re.compile(
    rf"^(?P<name>{HAN}+?(?P<suffix>{alternation(tuple(PLACE_LEVEL_BY_SUFFIX))}))"
)
# a place named inside the one before it: 淄博市桓台县 → 桓台县, 上海市宝山区吴淞街道 →
# 宝山区 → 吴淞街道 (a short name, 2–4 characters before its suffix)
INNER_PLACE_SUFFIXES = ("市", "区", "县", "自治县", "街道", "镇", "乡")
INNER_PLACE_PATTERN = re.compile(
    rf"(?P<name>{HAN}{{2,4}}?(?P<suffix>{alternation(INNER_PLACE_SUFFIXES)}))"
)
# characters a body's words hold and a place name does not: 住房和城乡建设局 → not 住房和城乡
NOT_PLACE_NAME_CHARS = re.compile(r"[和与及的等]")
# how far down each level stands: a place inside another is of a lower level
LEVEL_RANK: dict[JurisdictionLevel, int] = {
    "national": 0,
    "province": 1,
    "city": 2,
    "county": 3,
    "district": 3,
    "street": 4,
    "town": 4,
    "community": 5,
}
# a community's own body, whose name is the community (a 社区 in a title is often no
# place: 绿色社区): 某社区居民委员会 / 某社区居委会 / 中共某社区委员会 / 某社区党委
COMMUNITY_UNIT_PATTERN = re.compile(
    rf"^(?:中共)?(?P<name>{HAN}{{1,10}}?社区)(?:居民委员会|居委会|委员会|党委|党总支|党支部)$"
)
# the party's name before a place in a party body's name: 中共某县委办公室 / 中国共产党某市委员会
PARTY_PREFIX_PATTERN = re.compile(r"^(?:中共|中国共产党)")
# the level of each suffix in JURISDICTION_PATTERN
LEVEL_BY_SUFFIX: dict[str, JurisdictionLevel] = PLACE_LEVEL_BY_SUFFIX
# names that end in a level suffix but are no place: 全省, 绿色社区, 老旧小区, 中心城区, 城乡,
# 城市
NOT_PLACE_PATTERN = re.compile(r"^全.$|(?:社区|小区|园区|景区|片区|辖区|城区|城乡|城市)$|关于")
# a national body: 国务院 / 国务院办公厅 / 中共中央办公厅 / 全国人大常委会 / 国家发展改革委 /
# 最高人民法院 / 教育部 / 生态环境部办公厅 / 海关总署 / 中国人民银行 (no place before it)
NATIONAL_ISSUER_PATTERN = re.compile(
    rf"^(?:{alternation(NATIONAL_BODY_HEADS)})"
    rf"|^(?![{LEVELS}]){HAN}{{2,12}}(?:{alternation(MINISTRY_SUFFIXES)})(?:办公厅|办公室)?$"
)
# the jurisdiction of national bodies: the whole country, named as national plans name it
NATIONAL_JURISDICTION = Jurisdiction(name="全国", level="national")
# 晋政青〔2022〕4号 / 建城[2020]68号 / 闽建城函〔2020〕56号 / 国办发（2018）128号
# (square and tortoise-shell brackets are normalised to 〔〕 by the readers); and the
# numbers of announcements and decrees, which run by year or for good:
# 住房城乡建设部公告2019年第237号 / 国务院令第588号 / 住房和城乡建设部令 第47号 /
# 农业农村部令2019年第4号
DOC_NUMBER_PATTERN = re.compile(
    rf"(?:{HAN}{{1,15}}[〔\[［【（(]\s*\d{{4}}\s*[〕\]］】）)]\s*第?\s*\d{{1,5}}\s*号"
    rf"|{HAN}{{1,20}}?(?:公告\s*(?:{YEAR_NUMBER})\s*年|令\s*(?:(?:{YEAR_NUMBER})\s*年)?)"
    rf"\s*第\s*\d{{1,5}}\s*号)"
)
# a line that is only the document's own number: 国办发〔2018〕128号 / （国办发〔2018〕128号）
# / 某政发〔2021〕7号    签发人：张三
OWN_DOC_NUMBER_LINE_PATTERN = re.compile(
    rf"^[（(]?(?P<number>{DOC_NUMBER_PATTERN.pattern})[）)]?(?:\s|签发人|$)"
)
# a year inside a document number, read in digits: 公告二〇一九年第237号 → 公告2019年第237号
YEAR_IN_NUMBER_PATTERN = re.compile(rf"({YEAR_NUMBER})年")  # digits stay as they are
# a year in round brackets inside a document number: 国办发（2018）128号 → 国办发〔2018〕128号
ROUND_YEAR_BRACKET_PATTERN = re.compile(r"[（(]\s*(\d{4})\s*[）)]")
# 2022年1月7日 / 二〇二二年一月七日 on a line of its own (the signature date)
DATE_LINE_PATTERN = re.compile(rf"^(?P<date>{FULL_DATE})$")
# 青阳街道党政办      2022年1月7日印发 (the printing line at the end)
PRINTED_DATE_PATTERN = re.compile(rf"(?P<date>{FULL_DATE})\s*印发$")
# a cheap first look for such a line in the whole text: 印发 (a cell's line break inside it
# too) right before the end of a paragraph or a cell, not 印发给你们 inside a sentence
PRINTED_LINE_HINT_PATTERN = re.compile(r"印\n?发(?=\s|$)")
# the suffixes a signing unit ends in: 局 / 办事处 / 委员会 / 人民政府 / 办公厅 / 中心 / 部 /
# 红十字会 … (a body's, never a place's: a signature is a body's)
UNIT_SUFFIXES = alternation(BODY_SUFFIXES + SIGNING_BODY_SUFFIXES)
# 桓台县住房和城乡建设局 / 青阳街道办事处 / 淄博市生态环境局桓台分局 (a signing unit)
ISSUER_PATTERN = re.compile(rf"^(?:{HAN}|[（）]){{2,40}}?(?:{UNIT_SUFFIXES})$")
# the gap between units signed on one line: 县住建局      县发改局 / 某省教育厅　某省财政厅
ISSUER_GAP_PATTERN = re.compile(r"[\s、]+")
# the end of one unit inside a run of units printed without a gap (the readers remove 1–2
# spaces between Chinese characters): 江西省教育厅|江西省财政厅
UNIT_END_PATTERN = re.compile(rf"(?:{UNIT_SUFFIXES})")
# what a unit printed after another starts with, besides a place name: 中共某县委 / 国务院 /
# 国家… / 教育部 (a ministry)
UNIT_LEAD_PATTERN = re.compile(
    rf"^(?:{alternation((PARTY_BODY_HEAD, *NATIONAL_BODY_HEADS))})"
    rf"|^(?![{LEVELS}]){HAN}{{2,10}}?(?:{alternation(MINISTRY_SUFFIXES)})"
)
# a branch of the unit printed before it, never a unit of its own: 某市公安局某区分局 /
# 某县公安局某镇派出所
BRANCH_UNIT_PATTERN = re.compile(f"(?:{alternation(BRANCH_UNIT_SUFFIXES)})$")
# The generic lead of a title that names a kind of document: 《关于绿色社区创建行动实施方案》
GENERIC_TITLE_LEAD_PATTERN = re.compile(r"^(?:关于|有关)(?:印发)?")
# A restated title must share at least this many characters with the earlier one's end, so
# that a bare 《实施方案》 is not taken for a restatement of every plan
MIN_RESTATED_TAIL = 6
# 《title》（number）, a title that may nest one level: 《关于印发《X》的通知》
REFERENCE_PATTERN = re.compile(
    r"《(?P<title>(?:[^《》\n]|《[^《》\n]*》)+)》"
    r"(?:（(?P<number>" + DOC_NUMBER_PATTERN.pattern + r")）)?"
)
# a status note ending a cited title, left out when comparing it with the plan's own:
# 某县实施方案（试行） → 某县实施方案
STATUS_NOTE_END_PATTERN = re.compile(rf"\s*{STATUS_NOTE}$")
# 《桓台县绿色社区创建标准》（附件1）: the plan's own attachment, not a reference
ATTACHMENT_MARK_PATTERN = re.compile(r"（附件\s*\d*）")


@dataclass
class Metadata:
    """The plan's top-level facts: title, jurisdiction, number, date, issuers, references."""

    title: str | None = None
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    doc_number: str | None = None
    issued_on: dt.date | None = None
    issuers: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class TitleBlock:
    """One title found in the text: its lines joined, and whether it heads an attachment."""

    text: str
    in_attachment: bool = False


def extract_metadata(structure: Structure) -> Metadata:
    """Every metadata field of a structured document (None / [] where it has none)."""
    doc = structure.doc
    blocks = find_title_blocks(doc)
    title = choose_title(doc, blocks)
    head = blocks[0].text if blocks else None
    named = title_issuers(head)
    signature = find_signature_date(doc)
    issued_on = signature[1] if signature else find_printed_date(doc)
    issuers = find_issuers(doc, signature[0]) if signature else []
    return Metadata(
        title=title,
        jurisdiction=find_jurisdiction(title, named, issuers),
        doc_number=find_doc_number(doc),
        issued_on=issued_on,
        issuers=issuers or named,
        references=find_references(doc, title),
    )


def is_title_line(text: str, max_chars: int = TITLE_MAX_CHARS) -> bool:
    """True for a line that may be (part of) a title: short, no sentence punctuation, not a
    red header, bracketed note, date, document number or 附件 label."""
    return (
        0 < len(text) <= max_chars
        and not TITLE_LINE_STOP_PATTERN.search(text)
        and not NOT_TITLE_LINE_PATTERN.search(text)
        and not DOC_NUMBER_PATTERN.match(text)
        and not ATTACHMENT_HEADING_PATTERN.match(text)
    )


def continues_into(previous: str, line: str) -> bool:
    """True when `previous` is the line before `line` within one title printed over several.

    A line that is a whole title, or a unit alone (the signature above a plan's title), is
    no part of the next one, unless that next line starts the title's subject with 关于.
    """
    if not is_title_line(previous, TITLE_LINE_MAX_CHARS) or TITLE_PATTERN.match(previous):
        return False
    return not split_units(previous) or line.startswith("关于")


def title_first_line(lines: list[str], last: int) -> int:
    """Index of the first line of the title ending on `lines[last]` (at most two before)."""
    first = last
    while last - first < MAX_TITLE_LINES - 1 and first > 0:
        if not continues_into(lines[first - 1], lines[first]):
            break
        first -= 1
    return first


def title_of_lines(lines: list[str], last: int) -> str:
    """The title ending on `lines[last]`: it with up to two title lines before it, joined."""
    joined = "".join(lines[title_first_line(lines, last) : last + 1])
    match = TITLE_PATTERN.match(joined)
    return match.group("title") if match else joined


def find_title_blocks(doc: Document) -> list[TitleBlock]:
    """Every title in reading order: paragraph lines (joined when printed over several), and
    table cells that name a subject with 关于 (a red header laid out as a table)."""
    blocks: list[TitleBlock] = []
    lines: list[str] = []
    last_title_line: int | None = None  # index in `lines` of the last block's last line
    in_attachment = False
    for block in doc.blocks:
        if isinstance(block, TableBlock):
            lines, last_title_line = [], None  # a title does not run over a table
            # a cell's line breaks out (a superset: two rows may join too), not `doc.joined`,
            # which the document may not need at all
            if "关于" not in doc.text[block.start : block.end].replace("\n", ""):
                continue  # no cell names a subject (the common case): skip the cells
            for row in block.rows:
                for cell in row:
                    text = cell_text(cell).strip()
                    if "关于" in text and (match := TITLE_PATTERN.match(text)):
                        blocks.append(TitleBlock(match.group("title"), in_attachment))
            continue
        text = block.text.strip()
        if not text:
            continue
        if ATTACHMENT_HEADING_PATTERN.match(text) and not TITLE_LINE_STOP_PATTERN.search(text):
            in_attachment = True  # 附件 / 附件1 on its own line heads an attachment
        lines.append(text)
        if is_title_line(text) and TITLE_PATTERN.match(text):
            blocks.append(TitleBlock(title_of_lines(lines, len(lines) - 1), in_attachment))
            last_title_line = len(lines) - 1
        elif TITLE_PERIOD_LINE_PATTERN.match(text) and last_title_line == len(lines) - 2:
            # …实施方案 / （2024—2026年）: the period is part of the title, as on one line
            blocks[-1] = TitleBlock(blocks[-1].text + text, in_attachment)
            last_title_line = len(lines) - 1
        elif TITLE_TAIL_PATTERN.match(text) and last_title_line == len(lines) - 2:
            # …生态环境保护规划 / 的通知: the title block goes on into its last line
            first = title_first_line(lines, last_title_line)
            if match := TITLE_PATTERN.match("".join(lines[first:])):
                blocks[-1] = TitleBlock(match.group("title"), in_attachment)
    return blocks


def issued_plan_title(doc: Document, notice: str) -> str | None:
    """The title of the plan a cover notice issues, None when `notice` issues none: as its
    body quotes it (`现将《X》印发给你们`, the full title), else as the notice's title names
    it (`关于印发X的通知`, often shortened)."""
    for paragraph in doc.paragraphs:
        if "印发给你们" in paragraph.text and (
            match := ISSUING_SENTENCE_PATTERN.search(paragraph.text)
        ):
            return match.group("title").strip()
    if match := NOTICE_TITLE_PATTERN.search(notice):
        return match.group("title").strip()
    return None


def choose_title(doc: Document, blocks: list[TitleBlock]) -> str | None:
    """The plan's own title among the title blocks.

    A leading cover notice gives way to the plan it issues; otherwise the first title that
    heads no attachment wins (an attachment's title only when there is no other).
    """
    if blocks and blocks[0].text.endswith("通知"):
        if issued := issued_plan_title(doc, blocks[0].text):
            return issued
    own = [block for block in blocks if not block.in_attachment] or blocks
    return own[0].text if own else None


def find_title(doc: Document) -> str | None:
    """The plan's own title (see `choose_title`), None when the text has none."""
    return choose_title(doc, find_title_blocks(doc))


def join_wrapped_title(previous: str | None, title: str) -> str:
    """`title` with the line before it when both are lines of one title (`continues_into`)."""
    if previous is None or not continues_into(previous, title):
        return title
    return previous + title


def title_issuers(title: str | None) -> list[str]:
    """The units a title names before 关于 (`某省教育厅 某省财政厅关于…` → both), else []."""
    if not title or not (match := TITLE_ISSUER_PATTERN.match(title)):
        return []
    return split_units(match.group("units")) or []


def parse_jurisdiction(title: str | None) -> Jurisdiction:
    """The place `title` opens with and its level from the suffix (`某县` → county); of
    places written one inside the next, the innermost (`某市某区人民政府` → 某区, district).
    """
    if not title:
        return Jurisdiction()
    title = PARTY_PREFIX_PATTERN.sub("", title, count=1)  # 中共某县委… is of 某县
    match = JURISDICTION_PATTERN.match(title)
    if not match or NOT_PLACE_PATTERN.search(match.group("name")):
        return Jurisdiction()
    name, level = match.group("name"), LEVEL_BY_SUFFIX[match.group("suffix")]
    while inner := inner_place(title, match.end(), level):
        match, name, level = inner, inner.group("name"), LEVEL_BY_SUFFIX[inner.group("suffix")]
    return Jurisdiction(name=name, level=level)


def inner_place(text: str, at: int, outer: JurisdictionLevel) -> re.Match[str] | None:
    """The place named right at `text[at:]` inside a place of level `outer`, or None: a
    short name of a lower level (`淄博市` + `桓台县`), never a word of a body's name that
    happens to end in a level character (`广东省` + `住房和城乡…`, `某市` + `城市管理局`)."""
    match = INNER_PLACE_PATTERN.match(text, at)
    if (
        match is None
        or LEVEL_RANK[LEVEL_BY_SUFFIX[match.group("suffix")]] <= LEVEL_RANK[outer]
        or NOT_PLACE_PATTERN.search(match.group("name"))
        or NOT_PLACE_NAME_CHARS.search(match.group("name"))
    ):
        return None
    return match


def jurisdiction_of_unit(unit: str) -> Jurisdiction:
    """The place of a unit (`江西省教育厅` → 江西省, `某社区居民委员会` → 某社区), 全国 for a
    national body, else unknown."""
    place = parse_jurisdiction(unit)
    if place.name:
        return place
    if community := COMMUNITY_UNIT_PATTERN.match(unit):
        return Jurisdiction(name=community.group("name"), level="community")
    if NATIONAL_ISSUER_PATTERN.search(unit):
        return NATIONAL_JURISDICTION.model_copy()
    return Jurisdiction()


def find_jurisdiction(
    title: str | None, title_units: list[str], signing_units: list[str]
) -> Jurisdiction:
    """The issuer's jurisdiction: of the units the title block names before 关于, else the
    title's leading place, else of the signing units; unknown when none tells."""
    for unit in title_units:
        if (found := jurisdiction_of_unit(unit)).level:
            return found
    if (found := parse_jurisdiction(title)).name:
        return found
    for unit in signing_units:
        if (found := jurisdiction_of_unit(unit)).level:
            return found
    return Jurisdiction()


def normalize_doc_number(number: str) -> str:
    """A document number with 〔〕 around the year, the year in digits and no spaces
    (`建城[2020]68号` → `建城〔2020〕68号`, `某部公告二〇一九年第5号` → `某部公告2019年第5号`)."""
    number = ROUND_YEAR_BRACKET_PATTERN.sub(r"〔\1〕", re.sub(r"\s+", "", number))
    number = YEAR_IN_NUMBER_PATTERN.sub(lambda m: f"{year_value(m.group(1))}年", number)
    return YEAR_BRACKET_PATTERN.sub(r"〔\1〕", number)


def find_doc_number(doc: Document) -> str | None:
    """The number of the first paragraph that is only a number (the red header, the line
    under the title), else None; a number on its own line right after a `《title》` line is
    that citation's, not the document's."""
    previous = ""
    for paragraph in doc.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        match = OWN_DOC_NUMBER_LINE_PATTERN.match(text)
        if match and not previous.endswith("》"):
            return normalize_doc_number(match.group("number"))
        previous = text
    return None


def date_of(match: re.Match[str]) -> dt.date | None:
    """The date of a DATE_LINE/PRINTED_DATE match, None if it is no real day."""
    return full_date(match.group("date"))


def find_signature_date(doc: Document) -> tuple[int, dt.date] | None:
    """(block index, date) of the first paragraph that is only a date, else None."""
    for index, block in enumerate(doc.blocks):
        # a date line ends in 日: one look at the end spares the pattern on every paragraph
        if isinstance(block, Paragraph) and block.text.rstrip().endswith("日"):
            match = DATE_LINE_PATTERN.match(block.text.strip())
            if match and (day := date_of(match)):
                return index, day
    return None


def iter_lines(doc: Document) -> Iterator[str]:
    """Every paragraph and table cell text (its lines joined), in reading order."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for row in block.rows:
                for cell in row:
                    yield cell_text(cell)


def find_printed_date(doc: Document) -> dt.date | None:
    """The date of the first `…年…月…日印发` line (paragraph or table cell), else None."""
    if not PRINTED_LINE_HINT_PATTERN.search(doc.text):
        return None  # one look at the whole text instead of each line
    for line in iter_lines(doc):
        if "印发" not in line:
            continue
        match = PRINTED_DATE_PATTERN.search(line.strip())
        if match and (day := date_of(match)):
            return day
    return None


def starts_a_unit(text: str) -> bool:
    """True when `text` starts like a unit of its own: a place, 中共, 国务院, a ministry."""
    return bool(parse_jurisdiction(text).name or UNIT_LEAD_PATTERN.match(text))


def split_fused_units(text: str) -> list[str] | None:
    """The units of a run printed without a gap (`江西省教育厅江西省财政厅` → two), or None
    when `text` is not only units.

    A unit is cut after a unit suffix only where the rest starts a unit of its own and is no
    branch of it (`某市公安局某区分局` stays one); the shortest first unit that lets the
    rest split wins.
    """
    for match in UNIT_END_PATTERN.finditer(text):
        head, rest = text[: match.end()], text[match.end() :]
        if not rest:
            break
        if (
            ISSUER_PATTERN.match(head)
            and starts_a_unit(rest)
            and not (BRANCH_UNIT_PATTERN.search(rest) and ISSUER_PATTERN.match(rest))
            and (tail := split_fused_units(rest))
        ):
            return [head, *tail]
    return [text] if ISSUER_PATTERN.match(text) else None


def split_units(text: str) -> list[str] | None:
    """The units a line holds (gaps, 、 and fused runs split), or None when it is not only
    units: `县住建局      县发改局` / `某省教育厅　某省财政厅` / `江西省教育厅江西省财政厅`."""
    units: list[str] = []
    for part in ISSUER_GAP_PATTERN.split(text.strip()):
        if not part:
            continue
        found = split_fused_units(part)
        if found is None:
            return None
        units.extend(found)
    return units or None


def split_issuer_line(text: str) -> list[str] | None:
    """The units signed on one line, or None when the line is not only units."""
    return split_units(text)


def issuers_of_block(block: Paragraph | TableBlock) -> list[str] | None:
    """The units of a signature paragraph or layout table ([] if blank, None if not one)."""
    if isinstance(block, Paragraph):
        return split_issuer_line(block.text) if block.text.strip() else []
    units: list[str] = []
    for row in block.rows:
        for cell in row:
            if is_blank(cell):
                continue
            parts = split_issuer_line(cell_text(cell))
            if parts is None:
                return None
            units.extend(parts)
    return units


def find_issuers(doc: Document, date_index: int) -> list[str]:
    """The signing units in the blocks just above the signature date line, in order."""
    found: list[list[str]] = []
    for block in reversed(doc.blocks[:date_index]):
        units = issuers_of_block(block)
        if units is None:
            break
        if units:
            found.append(units)
    return [unit for units in reversed(found) for unit in units]


def is_generic_restatement(cited: str, number: str | None, earlier: list[str]) -> bool:
    """True for a number-less citation that only names the kind of an earlier citation:
    `省市《关于绿色社区创建行动实施方案》` after `《某省绿色社区创建行动实施方案》`."""
    if number:
        return False
    tail = GENERIC_TITLE_LEAD_PATTERN.sub("", cited)
    return len(tail) >= MIN_RESTATED_TAIL and any(
        other != cited and other.endswith(tail) for other in earlier
    )


def is_own_title(cited: str, title: str | None) -> bool:
    """True when `cited` is the plan's own title, a status note aside (`…方案（试行）`)."""
    return title is not None and STATUS_NOTE_END_PATTERN.sub("", cited) == title


def find_references(doc: Document, title: str | None) -> list[Reference]:
    """Every cited document `《title》（number）` in order, deduplicated by (title, number).

    The plan's own title, citations marked as its attachments (`（附件1）`) and generic
    restatements of an earlier citation (`is_generic_restatement`) are skipped.
    """
    references: list[Reference] = []
    seen: set[tuple[str, str | None]] = set()
    joined = doc.joined  # a citation over a cell's line break is one citation
    for match in REFERENCE_PATTERN.finditer(joined.text):
        cited = match.group("title").strip()
        if is_own_title(cited, title) or ATTACHMENT_MARK_PATTERN.match(joined.text, match.end()):
            continue
        number = match.group("number")
        number = normalize_doc_number(number) if number else None
        earlier = [r.title for r in references if r.title]
        if (cited, number) in seen or is_generic_restatement(cited, number, earlier):
            continue
        seen.add((cited, number))
        start, end = joined.source_span(match.start(), match.end())
        references.append(
            Reference(title=cited, doc_number=number, evidence=doc.evidence(start, end))
        )
    return references
