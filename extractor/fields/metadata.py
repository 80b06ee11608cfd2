"""Metadata: the plan's title, jurisdiction, issuing number, date, issuers and references.

The title is the plan's own title line (a short line ending in 方案/办法/意见/计划…), not
the cover notice's `关于印发《…》的通知`, whose inner title only confirms it. A `（试行）`
status note (on the title line or the next) is left out of the title. The jurisdiction is the
leading place name of the title, up to its first level suffix. The issuing number is a
line that starts with a number (the red header), never a number cited in brackets. The
date is the signature's date line (else a `…印发` line); the issuers are the unit lines
(or layout-table cells) just above that signature date. References are every
`《title》（number）` citation except the plan itself and its own attachments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.document import Document, Paragraph, TableBlock
from extractor.fields.dates import parse_number
from extractor.models import Jurisdiction, JurisdictionLevel, Reference
from extractor.normalize import HAN, YEAR_BRACKET_PATTERN
from extractor.structure import Structure
from extractor.structure.tables import cell_text, is_blank

# 桓台县绿色社区创建行动实施方案 / 某市垃圾分类管理办法 / 某镇实施方案（试行） → without
# the status note in brackets
TITLE_PATTERN = re.compile(
    r"^(?![（(]?[一二三四五六七八九十\d]+[）)、．.])(?!附件)(?!关于印发)"
    r"(?P<title>[^，。；：:《》\s]{2,60}?(?:方案|办法|意见|计划|细则|规划|规定))"
    r"(?:[（(](?:试行|暂行|征求意见稿|修订稿?)[）)])?$"
)
# the first line of a title wrapped in two is at most this long
WRAPPED_TITLE_MAX_CHARS = 30
# what the first line of a wrapped title never holds: punctuation, a figure, a date
WRAPPED_TITLE_STOP_PATTERN = re.compile(r"[，。；：:、《》“”\d]|关于印发|附件")
# 青阳街道办事处关于印发\n《青阳街道绿色社区创建行动实施方案》的通知 → the inner title
NOTICE_TITLE_PATTERN = re.compile(r"关于印发\s*《([^《》\n]+)》\s*的?通知")
# 桓台县… → 桓台县 / 吴淞街道… → 吴淞街道 / 广西壮族自治区… ; stops at the first level suffix
JURISDICTION_PATTERN = re.compile(
    rf"^(?P<name>{HAN}+?(?P<suffix>特别行政区|自治区|自治州|自治县|省|市|县|区|街道|镇|乡))"
)
# the level of each suffix in JURISDICTION_PATTERN
LEVEL_BY_SUFFIX: dict[str, JurisdictionLevel] = {
    "特别行政区": "province",
    "自治区": "province",
    "省": "province",
    "自治州": "city",
    "市": "city",
    "自治县": "county",
    "县": "county",
    "区": "district",
    "街道": "street",
    "镇": "town",
    "乡": "town",
}
# names that end in a level suffix but are no place: 全省, 绿色社区, 老旧小区, 城乡, 城市
NOT_PLACE_PATTERN = re.compile(r"^全.$|(?:社区|小区|园区|景区|片区|辖区|城乡|城市)$|关于")
# 晋政青〔2022〕4号 / 建城[2020]68号 / 闽建城函〔2020〕56号 (brackets normalised to 〔〕)
DOC_NUMBER_PATTERN = re.compile(rf"{HAN}{{1,15}}[〔\[［【]\s*\d{{4}}\s*[〕\]］】]\s*\d{{1,5}}\s*号")
# 2022年1月7日 / 二〇二二年一月七日 on a line of its own (the signature date)
DATE_LINE_PATTERN = re.compile(
    r"^(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)
# 青阳街道党政办      2022年1月7日印发 (the printing line at the end)
PRINTED_DATE_PATTERN = re.compile(
    r"(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*印发$"
)
# 桓台县住房和城乡建设局 / 青阳街道办事处 / 淄博市生态环境局桓台分局 (a signing unit)
ISSUER_PATTERN = re.compile(
    rf"^(?:{HAN}|[（）]){{2,40}}?"
    r"(?:局|办事处|委员会|人民政府|政府|办公室|办公厅|中心|厅|委|办|所|院|部|队|科|处|会|站)$"
)
# the gap between units signed on one line: 县住建局      县发改局
ISSUER_GAP_PATTERN = re.compile(r"\s{2,}")
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


def extract_metadata(structure: Structure) -> Metadata:
    """Every metadata field of a structured document (None / [] where it has none)."""
    doc = structure.doc
    title = find_title(doc)
    signature = find_signature_date(doc)
    issued_on = signature[1] if signature else find_printed_date(doc)
    return Metadata(
        title=title,
        jurisdiction=parse_jurisdiction(title),
        doc_number=find_doc_number(doc),
        issued_on=issued_on,
        issuers=find_issuers(doc, signature[0]) if signature else [],
        references=find_references(doc, title),
    )


def find_title(doc: Document) -> str | None:
    """The plan's own title line; the one the cover notice names wins among candidates."""
    paragraphs = [p.text.strip() for p in doc.paragraphs if p.text.strip()]
    candidates = [
        join_wrapped_title(paragraphs[i - 1] if i else None, match.group("title"))
        for i, text in enumerate(paragraphs)
        if (match := TITLE_PATTERN.match(text))
    ]
    notice = NOTICE_TITLE_PATTERN.search(doc.joined.text)  # a cell's lines read as one
    if notice:
        named = notice.group(1).strip()
        if named in candidates or not candidates:
            return named
    return candidates[0] if candidates else None


def join_wrapped_title(previous: str | None, title: str) -> str:
    """`title` with the line before it when the title was wrapped after its place name.

    Only a title without a place of its own (`实施方案`) takes a short, unpunctuated line
    before it that starts with one (`某县绿色社区创建行动` + `实施方案`).
    """
    if (
        previous is None
        or parse_jurisdiction(title).name
        or len(previous) > WRAPPED_TITLE_MAX_CHARS
        or WRAPPED_TITLE_STOP_PATTERN.search(previous)
        or ISSUER_PATTERN.match(previous)
    ):
        return title
    joined = previous + title
    return joined if parse_jurisdiction(joined).name else title


def parse_jurisdiction(title: str | None) -> Jurisdiction:
    """The leading place name of `title` and its level from the suffix (`某县` → county)."""
    if not title:
        return Jurisdiction()
    match = JURISDICTION_PATTERN.match(title)
    if not match or NOT_PLACE_PATTERN.search(match.group("name")):
        return Jurisdiction()
    return Jurisdiction(name=match.group("name"), level=LEVEL_BY_SUFFIX[match.group("suffix")])


def normalize_doc_number(number: str) -> str:
    """A document number with 〔〕 around the year and no spaces (`建城[2020]68号`)."""
    return YEAR_BRACKET_PATTERN.sub(r"〔\1〕", re.sub(r"\s+", "", number))


def find_doc_number(doc: Document) -> str | None:
    """The number of a paragraph that starts with one (the red header), else None."""
    for paragraph in doc.paragraphs:
        match = DOC_NUMBER_PATTERN.match(paragraph.text.strip())
        if match:
            return normalize_doc_number(match.group(0))
    return None


def date_of(match: re.Match[str]) -> dt.date | None:
    """The date of a DATE_LINE/PRINTED_DATE match, None if it is no real day."""
    year, month, day = (parse_number(match.group(part)) for part in ("year", "month", "day"))
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_signature_date(doc: Document) -> tuple[int, dt.date] | None:
    """(block index, date) of the first paragraph that is only a date, else None."""
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
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
    for line in iter_lines(doc):
        if "印发" not in line:
            continue
        match = PRINTED_DATE_PATTERN.search(line.strip())
        if match and (day := date_of(match)):
            return day
    return None


def split_issuer_line(text: str) -> list[str] | None:
    """The units signed on one line, or None when the line is not only units."""
    parts = [p for p in ISSUER_GAP_PATTERN.split(text.strip()) if p]
    if parts and all(ISSUER_PATTERN.match(p) for p in parts):
        return parts
    return None


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
        if cited == title or ATTACHMENT_MARK_PATTERN.match(joined.text, match.end()):
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
