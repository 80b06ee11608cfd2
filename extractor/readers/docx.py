"""Reader for Word .docx files: body paragraphs and tables in order, list numbers restored.

The archive is checked before any XML is parsed (valid zip, bounded expansion, a
`word/document.xml` part). The body is walked in order (`w:p` and `w:tbl`); headers,
footers and their page numbers live in other parts and are never read. Word's automatic
list numbering (`w:numPr`) is not in the paragraph text, so the label it would display
(`一、`, `（一）`, `1．`) is computed from numbering.xml and put back in front. Table cells
covered by a merge (gridSpan, vMerge) are given once, at their first grid position; the
later positions are `("", "above")` under a vMerge and `("", "left")` right of a gridSpan,
so each is filled from where its cell starts. Text boxes (`w:txbxContent`) are read
after the paragraph that anchors them, as paragraphs and tables of their own. A cell
keeps its line breaks: each of its paragraphs and each `w:br`/`w:cr` inside them starts
a line of the cell's text, as a .txt cell's further lines do. A body paragraph's
`w:br` starts a line too, and the body's lines are joined where they are hard-wrapped
(a PDF turned into Word: a `w:br` or a paragraph per printed line), by the rules that
join a .txt's wrapped lines (`normalize.join_lines_at_width`). Text goes through
extractor.normalize exactly as the txt reader's does, so the same plan gives the same text
whatever its format.

The parts are read with zipfile and lxml directly, on python-docx's own element names:
opening the package with python-docx (every part parsed into its object model) and its
`row.cells` cost 3–5× the whole txt extraction; this walk keeps .docx under 2×.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.document import Document, DocumentBuilder, MergeOrigin, SourceInfo
from extractor.errors import InputError
from extractor.limits import Limits, check_limit, current_limits
from extractor.normalize import (
    SPACE_CHARS,
    detect_wrap_width,
    is_page_number_line,
    join_line_breaks,
    join_lines_at_width,
    normalize_line,
)
from extractor.readers import sha256_hex
from extractor.readers.txt import cell_text

MEGABYTE = 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * MEGABYTE  # a plan's parts are a few MB; more is a zip bomb
MAX_COMPRESSION_RATIO = 100  # Word XML compresses ~5-20×; 100× is a zip bomb
RATIO_CHECK_MIN_BYTES = 10 * MEGABYTE  # below this, a high ratio is harmless
DOCUMENT_PART = "word/document.xml"
# The part that names another zip-based format, for a clearer refusal:
OTHER_ZIP_FORMATS = (
    ("xl/workbook.xml", "an Excel .xlsx workbook"),
    ("ppt/presentation.xml", "a PowerPoint .pptx presentation"),
    ("content.xml", "an OpenDocument file (convert it to .docx)"),
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
W_P, W_TBL, W_TR, W_TC, W_SDT = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt"
W_T, W_TAB, W_BR, W_CR, W_VAL = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}val"
W_NO_BREAK_HYPHEN = f"{W}noBreakHyphen"
# Elements whose children carry a paragraph's visible runs; anything else (drawings,
# text boxes, deleted text, field instructions) is not part of the paragraph's text.
RUN_CONTAINERS = frozenset(
    f"{W}{name}"
    for name in ("r", "hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                 "customXml", "moveTo", "dir", "bdo")
)  # fmt: skip
# Body-level wrappers whose children are ordinary paragraphs and tables.
BLOCK_CONTAINERS = frozenset((W_SDT, f"{W}sdtContent", f"{W}customXml"))
W_PPR, W_TRPR = f"{W}pPr", f"{W}trPr"
W_TCPR, W_GRID_SPAN = f"{W}tcPr", f"{W}gridSpan"  # a cell spanning columns
W_VMERGE, W_HMERGE = f"{W}vMerge", f"{W}hMerge"  # vertical / old-style horizontal merge
# a text box's content (red headers, signatures, boxes of a form), and the fallback copy
# markup-compatibility keeps of it for older readers
W_TXBX_CONTENT = f"{W}txbxContent"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAX_GRID_COLUMNS = 64  # Word allows 63 columns; a larger span or offset is corrupt data
TAB_TEXT = "    "  # a tab separates (TOC page numbers, form fields): keep it as 3+ spaces
LINE_BREAK = "\n"

# `%1` in a level's lvlText stands for the counter of level 1: `（%1）` → `（一）`
LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
CHINESE_DIGITS = "零一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
ROMAN_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def check_docx_archive(path: Path, data: bytes) -> None:
    """Raise InputError unless `data` is a zip of bounded size holding a Word document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(path, "corrupt .docx (not a valid zip archive)") from exc
    with archive:
        members = archive.infolist()
        expanded = sum(member.file_size for member in members)
        compressed = sum(member.compress_size for member in members)
        names = {member.filename for member in members}
    if expanded > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            path,
            f".docx parts expand past {MAX_UNCOMPRESSED_BYTES // MEGABYTE} MB "
            f"({expanded // MEGABYTE} MB): refusing a possible zip bomb",
        )
    if expanded > RATIO_CHECK_MIN_BYTES and expanded > MAX_COMPRESSION_RATIO * max(compressed, 1):
        raise InputError(
            path,
            f".docx parts expand past {MAX_COMPRESSION_RATIO}× their compressed size: "
            "refusing a possible zip bomb",
        )
    if DOCUMENT_PART not in names:
        kind = next((kind for part, kind in OTHER_ZIP_FORMATS if part in names), None)
        what = kind or f"no {DOCUMENT_PART} in the archive"
        raise InputError(path, f"unsupported zip-based format, not a Word document ({what})")


# --- list numbering -------------------------------------------------------------------


def chinese_counting(n: int) -> str:
    """Word's chineseCounting: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n < 0:
        return str(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" if rest < 10 else "") + chinese_counting(rest)
        if 10 <= rest < 20:
            tail = "一" + tail  # 一百一十二, not 一百十二
        return CHINESE_DIGITS[n // 100] + "百" + tail
    return str(n)


def roman(n: int) -> str:
    """Upper-case Roman numeral: 4 → IV; a number below 1 in digits (Word has no Roman 0).

    Its length grows with `n` (a thousand is one M): callers keep `n` within the
    `list-number` limit (extractor.limits).
    """
    if n < 1:
        return str(n)
    out = []
    for value, letters in ROMAN_NUMERALS:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def letters(n: int) -> str:
    """Word's upperLetter: 1 → A, 26 → Z, 27 → AA; a number below 1 in digits.

    Its length grows with `n` (one letter per 26): callers keep `n` within the
    `list-number` limit (extractor.limits).
    """
    if n < 1:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "taiwaneseCounting": chinese_counting,  # LibreOffice writes these for 一、二、
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographTraditional": lambda n: HEAVENLY_STEMS[(n - 1) % 10],
    "upperLetter": letters,
    "lowerLetter": lambda n: letters(n).lower(),
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "none": lambda n: "",
}


ListRef = tuple[str, int]  # (numId, ilvl) of a list paragraph


@dataclass(frozen=True)
class ListLevel:
    """One level of a list definition: `fmt` (numFmt), `text` (lvlText), `start`."""

    fmt: str
    text: str
    start: int = 1


@dataclass(frozen=True)
class ListInstance:
    """A `w:num`: the abstract list it uses and its per-level start overrides."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)


def as_int(value: str | None, default: int) -> int:
    """An integer attribute value, or `default` when it is missing or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(element: Any, child: str) -> str | None:
    """The `w:val` of `element`'s child `w:<child>`, or None."""
    found = element.find(f"{W}{child}")
    return None if found is None else found.get(W_VAL)


ListLevels = dict[int, ListLevel]  # ilvl → level of one abstract list


def parse_numbering(numbering: Any) -> tuple[dict[str, ListLevels], dict[str, ListInstance]]:
    """The abstract list levels and the list instances of a numbering.xml root element."""
    abstracts: dict[str, ListLevels] = {}
    for abstract in numbering.iterchildren(f"{W}abstractNum"):
        levels: dict[int, ListLevel] = {}
        for level in abstract.iterchildren(f"{W}lvl"):
            levels[as_int(level.get(f"{W}ilvl"), 0)] = ListLevel(
                fmt=_val(level, "numFmt") or "decimal",
                text=_val(level, "lvlText") or "",
                start=as_int(_val(level, "start"), 1),
            )
        abstracts[abstract.get(f"{W}abstractNumId", "")] = levels
    instances: dict[str, ListInstance] = {}
    for num in numbering.iterchildren(f"{W}num"):
        overrides = {
            as_int(override.get(f"{W}ilvl"), 0): as_int(start, 1)
            for override in num.iterchildren(f"{W}lvlOverride")
            if (start := _val(override, "startOverride")) is not None
        }
        abstract_id = _val(num, "abstractNumId") or ""
        instances[num.get(f"{W}numId", "")] = ListInstance(abstract_id, overrides)
    return abstracts, instances


@dataclass
class ListNumbering:
    """Counts list paragraphs in document order and gives each its displayed label.

    Counters belong to the abstract list, as in Word: two `w:num` sharing one abstract
    list continue each other unless the later one overrides its start.
    """

    abstracts: dict[str, ListLevels]
    instances: dict[str, ListInstance]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl` ('' if none)."""
        instance = self.instances.get(num_id)
        levels = self.abstracts.get(instance.abstract_id, {}) if instance else {}
        level = levels.get(ilvl)
        if instance is None or level is None or level.fmt == "bullet":
            return ""
        counts = self.counters.setdefault(instance.abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for overridden, start in instance.start_overrides.items():
                counts[overridden] = start - 1
        for shallower, shallower_level in levels.items():
            if shallower < ilvl and shallower not in counts:  # a list opening deep counts
                counts[shallower] = shallower_level.start  # its parents as started, as Word does
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [lvl for lvl in counts if lvl > ilvl]:
            del counts[deeper]

        def number(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            shown = levels.get(lvl, level)
            value = counts.get(lvl, shown.start)
            # before it is written out: upperLetter writes n/26 letters, upperRoman n/1000 Ms
            check_limit("list_number", f"Word list number (list {num_id}, level {lvl + 1})", value)
            return NUMBER_FORMATS.get(shown.fmt, str)(value)

        return LEVEL_PLACEHOLDER.sub(number, level.text)


def paragraph_numbering(
    paragraph: Any, style_numbering: Callable[[], dict[str, ListRef | None]]
) -> ListRef | None:
    """`(numId, ilvl)` of a list paragraph, from its own w:numPr or its style's; else None."""
    ppr = properties_of(paragraph, W_PPR)
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is not None:
        num_id = _val(num_pr, "numId")
        if num_id is None or num_id == "0":
            return None
        return num_id, as_int(_val(num_pr, "ilvl"), 0)
    style_id = _val(ppr, "pStyle")
    return style_numbering().get(style_id) if style_id else None


def styles_numbering(styles: Any) -> dict[str, ListRef | None]:
    """`styleId → (numId, ilvl)` of paragraph styles with list numbering, basedOn followed."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        parent = _val(style, "basedOn")
        if parent:
            based_on[style_id] = parent
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            own[style_id] = (_val(num_pr, "numId"), as_int(_val(num_pr, "ilvl"), 0))
    resolved: dict[str, ListRef | None] = {}
    for style_id in set(own) | set(based_on):
        current: str | None = style_id
        seen: set[str] = set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = based_on.get(current)
        num_id, ilvl = own.get(current, (None, 0)) if current else (None, 0)
        resolved[style_id] = (num_id, ilvl) if num_id and num_id != "0" else None
    return resolved


def properties_of(element: Any, tag: str) -> Any | None:
    """The properties child (w:pPr, w:trPr, w:tcPr) of an element, or None.

    The schema puts it first (w:trPr may follow w:tblPrEx), so only the first two children
    are looked at: `find` would cost more than the whole walk of a cell.
    """
    for child in element[:2]:
        if child.tag == tag:
            return child
    return None


def cell_merge(tc: Any) -> tuple[int, MergeOrigin | None]:
    """`(grid columns spanned, where the merge it continues starts)` of a `w:tc`, from its
    w:tcPr: "above" for a vMerge continuation, "left" for an old-style hMerge one, None
    for a cell that continues no merge."""
    span, continued = 1, None
    properties = properties_of(tc, W_TCPR)
    if properties is None:
        return span, continued
    for prop in properties.iterchildren(W_GRID_SPAN, W_VMERGE, W_HMERGE):
        value = prop.get(W_VAL)
        if prop.tag == W_GRID_SPAN:
            span = min(max(as_int(value, 1), 1), MAX_GRID_COLUMNS)
        elif value in (None, "continue"):  # val="restart" opens a merge, others continue it
            continued = continued or ("above" if prop.tag == W_VMERGE else "left")
    return span, continued


def anchored_text_boxes(paragraph: Any) -> list[Any]:
    """The `w:txbxContent` of the text boxes a paragraph anchors, in document order: not
    those inside another text box (read with it), nor the VML copy Word keeps of a
    DrawingML box in `mc:Fallback` (the same text twice)."""
    boxes = []
    for box in paragraph.iter(W_TXBX_CONTENT):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag in (W_TXBX_CONTENT, MC_FALLBACK):
                break
            ancestor = ancestor.getparent()
        else:
            boxes.append(box)
    return boxes


def child_elements(container: Any, tag: str) -> Iterator[Any]:
    """`container`'s children with `tag`, looking through content controls (w:sdt)."""
    for child in container.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in BLOCK_CONTAINERS:
            yield from child_elements(child, tag)


# --- text of paragraphs and cells -----------------------------------------------------


def run_texts(element: Any) -> Iterator[str]:
    """The visible text pieces of a paragraph, in order (tabs and breaks included)."""
    for child in element:
        tag = child.tag
        if tag == W_T:
            yield child.text or ""
        elif tag == W_TAB:
            yield TAB_TEXT
        elif tag == W_BR:
            if child.get(f"{W}type") in (None, "textWrapping"):
                yield LINE_BREAK
        elif tag == W_CR:
            yield LINE_BREAK
        elif tag == W_NO_BREAK_HYPHEN:
            yield "-"
        elif tag in RUN_CONTAINERS:
            yield from run_texts(child)


@dataclass
class LineRun:
    """Body paragraph lines between two tables, normalised, not yet joined (an indented
    line keeps one leading space, which tells the hard-wrap rules it may open a paragraph)."""

    lines: list[str] = field(default_factory=list)


@dataclass
class TableRows:
    """A table's rows as `BodyReader.table_rows` gives them."""

    rows: list[list[str | tuple[str, bool | MergeOrigin]]]


@dataclass
class BodyReader:
    """Walks a document body in order, feeding a DocumentBuilder."""

    numbering: ListNumbering
    styles_xml: bytes | None  # parsed only when a paragraph's style may carry numbering
    _style_numbering: dict[str, ListRef | None] | None = None
    # the body in order: runs of paragraph lines (not yet joined), tables' rows, and
    # boxed paragraphs (a one-cell table) that no hard wrap joins
    blocks: list[LineRun | TableRows | str] = field(default_factory=list)
    limits: Limits = field(default_factory=current_limits)
    table_cells: int = 0  # cells of the tables read so far, for the `document-cells` limit

    def check_table_size(self, rows: int, columns: int) -> None:
        """LimitExceeded when a table of `rows` × `columns` passes `table-cells`, or brings
        the body's tables past `document-cells`: checked as a table's rows grow, before a
        hostile row spanning thousands of columns is built."""
        cells = rows * columns
        check_limit("table_cells", f"table of {rows} rows × {columns} columns", cells, self.limits)
        check_limit(
            "document_cells", "table cells in the document", self.table_cells + cells, self.limits
        )

    def style_numbering(self) -> dict[str, ListRef | None]:
        """`styleId → (numId, ilvl)` of the styles part, parsed on first use."""
        if self._style_numbering is None:
            styles = parse_part(self.styles_xml) if self.styles_xml else None
            self._style_numbering = styles_numbering(styles)
        return self._style_numbering

    def paragraph_text(self, paragraph: Any) -> str:
        """The paragraph's raw text with its list label (if any) restored in front."""
        text = "".join(run_texts(paragraph))
        numbered = paragraph_numbering(paragraph, self.style_numbering)
        if numbered is None:
            return text
        label = self.numbering.label(*numbered)  # counted even when empty, as Word does
        return label + text if text.strip() else text

    def add_paragraph(self, paragraph: Any) -> None:
        """One body paragraph's lines (each `w:br` starts one), normalised as the txt
        reader does it, an indent kept as one space; then the text boxes it anchors, each
        box's paragraphs and tables as blocks of their own."""
        for line in self.paragraph_text(paragraph).split(LINE_BREAK):
            text = "" if is_page_number_line(line) else normalize_line(line)
            if not text:
                continue
            if not self.blocks or not isinstance(self.blocks[-1], LineRun):
                self.blocks.append(LineRun())
            self.blocks[-1].lines.append(f" {text}" if line[:1] in SPACE_CHARS else text)
        for box in anchored_text_boxes(paragraph):
            self.add_blocks(box)

    def cell_text(self, tc: Any) -> str:
        """A cell's paragraphs (nested tables included) as one cell text, a line for each
        paragraph and line break (see readers.txt.cell_text)."""
        lines: list[str] = []
        for paragraph in tc.iter(W_P):
            lines.extend(self.paragraph_text(paragraph).split(LINE_BREAK))
        return cell_text(lines)

    def table_rows(self, tbl: Any) -> list[list[str | tuple[str, bool | MergeOrigin]]]:
        """Rows of grid positions: a cell's text at its first, `("", origin)` at the others
        ("above" below a vMerge's first row, "left" right of a gridSpan's first column).

        The same as deduplicating python-docx's `row.cells` by `cell._tc` identity (it
        repeats a merged cell at every position), in one linear pass over the XML.

        The `table-cells` limit (rows × widest row, as the table will be squared) is checked
        as the rows grow, before a hostile row spanning thousands of columns is built.
        """
        rows: list[list[str | tuple[str, bool | MergeOrigin]]] = []
        max_cells = self.limits.table_cells
        widest = 0
        for tr in child_elements(tbl, W_TR):
            row_properties = properties_of(tr, W_TRPR)
            before = None if row_properties is None else _val(row_properties, "gridBefore")
            cells: list[str | tuple[str, bool | MergeOrigin]] = [""] * min(
                as_int(before, 0), MAX_GRID_COLUMNS
            )
            for tc in child_elements(tr, W_TC):
                span, continued = cell_merge(tc)
                if continued:
                    cells.extend([("", continued)] * span)
                else:
                    cells.append(self.cell_text(tc))
                    cells.extend([("", "left")] * (span - 1))
                if len(cells) > widest:
                    widest = len(cells)
                    if (len(rows) + 1) * widest > max_cells:
                        self.check_table_size(len(rows) + 1, widest)
            rows.append(cells)
            if len(rows) * widest > max_cells:
                self.check_table_size(len(rows), widest)
        return rows

    def add_table(self, tbl: Any) -> None:
        """One table; a one-cell table is a boxed paragraph (its lines joined), as in the
        txt reader."""
        rows = self.table_rows(tbl)
        if len(rows) == 1 and len(rows[0]) == 1:
            text = rows[0][0]
            if isinstance(text, str) and text:
                self.blocks.append(join_line_breaks(text))
        elif rows:
            self.table_cells += len(rows) * max(len(row) for row in rows)
            self.blocks.append(TableRows(rows))

    def build(self) -> DocumentBuilder:
        """The body laid out: paragraph lines joined where the text is hard-wrapped (a
        PDF turned into Word: a `w:br` or a paragraph per printed line), as the txt
        reader joins them, the wrap width decided once for the whole body; tables and
        boxed paragraphs as they are."""
        wrap_width = detect_wrap_width(
            [line for block in self.blocks if isinstance(block, LineRun) for line in block.lines]
        )
        builder = DocumentBuilder(limits=self.limits)
        for block in self.blocks:
            if isinstance(block, LineRun):
                for paragraph in join_lines_at_width(block.lines, wrap_width):
                    builder.add_paragraph(paragraph)
            elif isinstance(block, TableRows):
                builder.add_table(block.rows)
            else:
                builder.add_paragraph(block)
        return builder

    def add_blocks(self, container: Any) -> None:
        """Every paragraph and table under `container`, in order."""
        for child in container.iterchildren():
            tag = child.tag
            if tag == W_P:
                self.add_paragraph(child)
            elif tag == W_TBL:
                self.add_table(child)
            elif tag in BLOCK_CONTAINERS:
                self.add_blocks(child)


@dataclass(frozen=True)
class WordParts:
    """The parsed XML parts a body walk needs; numbering and styles may be missing."""

    document: Any
    numbering: Any | None
    styles_xml: bytes | None


def related_parts(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    """`relationship type's last word → part name` for the part `source` ('' = package)."""
    folder, _, name = source.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels" if source else "_rels/.rels"
    if rels_name not in archive.namelist():
        return {}
    targets = {}
    for rel in parse_part(archive.read(rels_name)).iterchildren(f"{{{RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        joined = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        targets[rel.get("Type", "").rsplit("/", 1)[-1]] = posixpath.normpath(joined).lstrip("/")
    return targets


def parse_part(xml: bytes) -> Any:
    """An XML part parsed safely (no entity expansion, no network)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    return etree.fromstring(xml, parser)


def read_word_parts(path: Path, data: bytes) -> WordParts:
    """The main document, numbering and styles parts of checked .docx bytes."""
    from lxml.etree import XMLSyntaxError

    check_docx_archive(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            main = related_parts(archive, "").get("officeDocument", DOCUMENT_PART)
            if main not in names:
                main = DOCUMENT_PART
            related = related_parts(archive, main)
            numbering, styles = (related.get(kind) for kind in ("numbering", "styles"))
            return WordParts(
                document=parse_part(archive.read(main)),
                numbering=parse_part(archive.read(numbering)) if numbering in names else None,
                styles_xml=archive.read(styles) if styles in names else None,
            )
    except (XMLSyntaxError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        raise InputError(path, f"corrupt .docx ({reason})") from exc


def document_builder_from_docx(path: Path, data: bytes) -> DocumentBuilder:
    """Read .docx bytes into a filled DocumentBuilder (for read_docx and legacy readers)."""
    parts = read_word_parts(path, data)
    abstracts, instances = (
        parse_numbering(parts.numbering) if parts.numbering is not None else ({}, {})
    )
    reader = BodyReader(ListNumbering(abstracts, instances), parts.styles_xml)
    body = parts.document.find(f"{W}body")
    if body is None:
        raise InputError(path, "corrupt .docx (the document part has no body)")
    reader.add_blocks(body)
    return reader.build()


def read_docx(path: Path, data: bytes) -> Document:
    """Read a .docx plan into a Document (InputError for corrupt or hostile files)."""
    builder = document_builder_from_docx(path, data)
    return builder.build(SourceInfo(path=str(path), format="docx", sha256=sha256_hex(data)))
