"""Communities listed for creation: from roster tables and from prose lists.

A roster table (kind `roster`) gives one community per body row: the name from its name
column (`名称`, `居委名称`), the township from a `街道（乡镇）`-like column, the address from
an `地址` column, batch and year from a `第一批（2021年）` cell of the row, else from a year
column (`创建年度`), else from the table title (`2021年绿色社区创建计划表`); a roster without
a township column takes the township its caption row names (`单位 | 某某街道`). A name cell
listing several communities (`甲社区、乙社区`) gives one community each. A `合计` row is
no community; when its number differs from the count of communities above it a
`roster_count_mismatch` warning is added.

A prose list is a paragraph led by a year or batch and a colon whose items all end in a
community suffix: `2021年：甲居委会、乙居委会、…、丙居委会。` — one community per
item, evidence on the name itself. A name already listed by a roster is not repeated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from extractor.document import Cell, Document, Paragraph
from extractor.fields import Extracted
from extractor.models import Community, Evidence, Warning
from extractor.numerals import YEAR_NUMBER, year_value
from extractor.structure import RecoveredTable, Structure
from extractor.structure.tables import body_grid, cell_text, header_column, is_total_row

# township column header: 街道（乡镇） / 乡镇 / 所属街道 / 镇（街道）
TOWNSHIP_HEADER_PATTERN = re.compile(r"街道|乡镇|^镇|所属")
# name column header: 名称 / 居委名称 / 社区名称 / 社区 / 小区
NAME_HEADER_PATTERN = re.compile(r"名称|居委|社区|小区|村")
# address column header: 地址 / 详细地址 / 位置
ADDRESS_HEADER_PATTERN = re.compile(r"地址|位置")
# batch with an optional year: 第一批（2021年） / 第2批 / 第二批(2022年)
BATCH_PATTERN = re.compile(
    rf"(?P<batch>第[一二三四五六七八九十\d]+批)(?:\s*[（(]\s*(?P<year>{YEAR_NUMBER})\s*年?\s*[）)])?"
)
# a year in a title: 2021年绿色社区创建计划表 / 2022年度名单 / 二〇二一年名单
YEAR_PATTERN = re.compile(rf"(?P<year>{YEAR_NUMBER})\s*年")
# the count in a 合计 row's cell: 21 / 21个 / 共21个
COUNT_PATTERN = re.compile(r"^(?:共\s*)?(?P<count>\d+)\s*[个家]?$")
# year column header: 创建年度 / 年份 / 时间 / 批次
YEAR_HEADER_PATTERN = re.compile(r"年度|年份|时间|批次")
# a year in a year column's cell: 2021 / 2021年 / 2022年度 / 二〇二二年
YEAR_CELL_PATTERN = re.compile(rf"(?<!\d)(?P<year>{YEAR_NUMBER})(?!\d)")
# the lead of a prose list: 2021年： / 2022 年: / 第一批（2021年）： / 第二批： /
# 2022年计划创建： (a few words before the colon)
PROSE_LIST_LEAD_PATTERN = re.compile(
    r"^\s*(?:(?P<batch>第[一二三四五六七八九十\d]+批)\s*[（(]?\s*)?"
    rf"(?:(?P<year>{YEAR_NUMBER})\s*年度?)?\s*[）)]?[^：:，。；、,;]{{0,8}}?[：:]\s*"
)
# separators between the names of a prose list: 、 ， , ； and spaces
NAME_SEPARATOR_PATTERN = re.compile(r"[、，,；;\s]+")
# a community name ends in one of these: 某某居委会 / 某某社区 / 某某小区 / 某村委会
COMMUNITY_SUFFIX_PATTERN = re.compile(r"(?:居委会|居民委员会|居委|社区|小区|村委会|村)$")
# what ends a prose list: 。 or .
LIST_END_PATTERN = re.compile(r"[。.]\s*$")
# a caption row naming the unit all rows belong to: 单位 | 某某街道 / 所属街镇：某镇
CAPTION_UNIT_LABEL_PATTERN = re.compile(r"^(?:单位|填报单位|所属街镇|所属街道|街道|乡镇)[：:]?$")
# a township name: 某某街道 / 某镇 / 某乡 (a 街道办事处 too)
TOWNSHIP_NAME_PATTERN = re.compile(r"(?:街道|镇|乡)(?:办事处)?$")
# white space inside a short name: 某  镇 → 某镇
INNER_SPACE_PATTERN = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """A short name without any white space inside (`某  镇` → `某镇`)."""
    return INNER_SPACE_PATTERN.sub("", text)


def roster_columns(header: Sequence[str]) -> tuple[int | None, int | None, int | None]:
    """(name, township, address) columns of a roster header; a column may be None."""
    township = header_column(header, TOWNSHIP_HEADER_PATTERN)
    name = header_column(header, NAME_HEADER_PATTERN, skip=township)
    if name is None:
        return None, None, None
    address = header_column(header, ADDRESS_HEADER_PATTERN, skip=name)
    if township == name:
        township = None
    return name, township, address


def batch_and_year(texts: Sequence[str]) -> tuple[str | None, int | None]:
    """The batch (`第一批`) and year of the first cell naming a batch, else (None, None)."""
    for text in texts:
        match = BATCH_PATTERN.search(text)
        if match:
            year = match.group("year")
            return match.group("batch"), year_value(year) if year else None
    return None, None


def title_batch_and_year(title: str | None) -> tuple[str | None, int | None]:
    """Batch and year a roster title states (`2021年绿色社区创建计划表` → year 2021)."""
    if not title:
        return None, None
    batch, year = batch_and_year([title])
    if year is None:
        match = YEAR_PATTERN.search(title)
        year = year_value(match.group("year")) if match else None
    return batch, year


def caption_township(recovered: RecoveredTable) -> str | None:
    """The township a caption row above the header names for the whole roster
    (`单位 | 某某街道`), else None."""
    for row in recovered.grid[: recovered.title_rows]:
        texts = [squeeze(cell_text(cell)) for cell in row]
        for label, value in itertools.pairwise(texts):
            if CAPTION_UNIT_LABEL_PATTERN.match(label) and TOWNSHIP_NAME_PATTERN.search(value):
                return value
    return None


def column_value(row: Sequence[str], column: int | None) -> str:
    """The text of `row` at `column`, "" when there is no such column."""
    return row[column] if column is not None and column < len(row) else ""


def row_evidence(doc: Document, cells: Sequence[Cell]) -> Evidence:
    """Evidence over a source row, from its first cell to its last."""
    return doc.evidence(cells[0].start, cells[-1].end)


def split_names(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The items of `text[start:end]` between separators (、，；), with their offsets."""
    names: list[tuple[str, int, int]] = []
    position = start
    for separator in [*NAME_SEPARATOR_PATTERN.finditer(text, start, end), None]:
        stop = separator.start() if separator else end
        if stop > position:
            names.append((text[position:stop], position, stop))
        position = separator.end() if separator else end
    return names


def cell_names(text: str) -> list[str]:
    """The community names of a name cell: several when every item has a community
    suffix (`甲社区、乙社区`), else the whole cell as one name."""
    parts = [name for name, _, _ in split_names(text, 0, len(text))]
    if len(parts) > 1 and all(COMMUNITY_SUFFIX_PATTERN.search(part) for part in parts):
        return parts
    return [text] if text else []


def year_of_cell(text: str) -> int | None:
    """The year a year-column cell states (`2021年` → 2021), else None."""
    match = YEAR_CELL_PATTERN.search(text)
    return year_value(match.group("year")) if match else None


def communities_from_roster(
    doc: Document, recovered: RecoveredTable
) -> tuple[list[Community], list[Warning]]:
    """The communities of one roster table, and a warning if its 合计 disagrees."""
    table = recovered.table
    name_col, township_col, address_col = roster_columns(table.header)
    if name_col is None:
        return [], []
    year_col = header_column(table.header, YEAR_HEADER_PATTERN)
    title_batch, title_year = title_batch_and_year(table.title)
    table_township = caption_township(recovered)
    first_body = recovered.title_rows + recovered.header_rows
    communities: list[Community] = []
    totals: list[tuple[int, Evidence]] = []
    grid = body_grid(recovered)
    for index, row in enumerate(table.rows):
        source = recovered.block.rows[first_body + index]
        if is_total_row(grid[index]):
            counts = [int(m.group("count")) for t in row if (m := COUNT_PATTERN.match(t))]
            if counts:
                totals.append((counts[-1], row_evidence(doc, source)))
            continue
        batch, year = batch_and_year(row)
        if year is None:
            year = year_of_cell(column_value(row, year_col))
        communities.extend(
            Community(
                name=name,
                year=year if year is not None else title_year,
                batch=batch or title_batch,
                township=squeeze(column_value(row, township_col)) or table_township,
                address=column_value(row, address_col) or None,
                evidence=row_evidence(doc, source),
            )
            for name in cell_names(row[name_col])
        )
    warnings = [
        Warning(
            code="roster_count_mismatch",
            message=f"合计 says {count} communities, the roster lists {len(communities)}",
            evidence=evidence,
        )
        for count, evidence in totals
        if count != len(communities)
    ]
    return communities, warnings


def prose_list_names(text: str) -> list[tuple[str, int, int]] | None:
    """The names of a prose list (`2021年：甲居委会、乙社区。`) with offsets into `text`.

    None unless the paragraph is led by a year or batch and a colon and every item ends in
    a community suffix.
    """
    lead = PROSE_LIST_LEAD_PATTERN.match(text)
    if not lead or not (lead.group("year") or lead.group("batch")):
        return None
    end_match = LIST_END_PATTERN.search(text, lead.end())
    end = end_match.start() if end_match else len(text)
    names = split_names(text, lead.end(), end)
    if not names or not all(COMMUNITY_SUFFIX_PATTERN.search(name) for name, _, _ in names):
        return None
    return names


def communities_from_prose(doc: Document, paragraph: Paragraph) -> list[Community]:
    """The communities of one prose-list paragraph, or [] when it is no such list."""
    names = prose_list_names(paragraph.text)
    if not names:
        return []
    lead = PROSE_LIST_LEAD_PATTERN.match(paragraph.text)
    assert lead is not None  # prose_list_names matched it
    year = year_value(lead.group("year")) if lead.group("year") else None
    return [
        Community(
            name=name,
            year=year,
            batch=lead.group("batch"),
            evidence=doc.evidence(paragraph.start + start, paragraph.start + end),
        )
        for name, start, end in names
    ]


def extract_communities(structure: Structure) -> Extracted[list[Community]]:
    """Every community listed for creation: roster rows first, then prose lists."""
    doc = structure.doc
    communities: list[Community] = []
    warnings: list[Warning] = []
    for recovered in structure.tables:
        if recovered.table.kind != "roster":
            continue
        found, roster_warnings = communities_from_roster(doc, recovered)
        communities.extend(found)
        warnings.extend(roster_warnings)
    listed = {c.name for c in communities}
    for paragraph in doc.paragraphs:
        for community in communities_from_prose(doc, paragraph):
            if community.name not in listed:
                listed.add(community.name)
                communities.append(community)
    return Extracted(communities, warnings)
