"""Make corpus/<name>.docx from corpus/<name>.txt, as a Word author would have written it.

Run: `.venv/bin/python corpus/make_formats.py`. Each plan is read with the project's own
txt reader and written with python-docx:
- headings `一、` / `（一）` / `1．` use Word's automatic list numbering (one abstract list:
  chineseCounting `%1、`, chineseCounting `（%2）`, decimal `%3．`), with the number
  REMOVED from the paragraph text, so a reader has to compute it back;
- tables are real Word tables with real merges: label columns merged vertically where the
  txt leaves the cells below blank, header cells spanning columns (gridSpan) and header
  rows merged vertically (vMerge), as laid out in TABLE_LAYOUTS;
- one plan gets a page header and a footer with a PAGE field, which must stay out of the
  extracted body.
Output is deterministic: fixed core-properties dates and fixed zip timestamps.

Then, when LibreOffice (`soffice`) is installed, each .docx is converted to
corpus/<name>.pdf (a text PDF laid out with an installed CJK font, e.g. WenQuanYi Zen
Hei), and the pages of SCANNED_PLAN's PDF are rendered to grey images and put into
corpus/<name>_scan.pdf, a PDF with no text layer, for OCR. LibreOffice stamps its PDFs
with the conversion time, so those bytes change from run to run; the text does not.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

CORPUS = Path(__file__).resolve().parent
sys.path.insert(0, str(CORPUS.parent))

from extractor.document import Paragraph, TableBlock  # noqa: E402
from extractor.readers.txt import read_txt  # noqa: E402

PLANS = ("hangtai", "qingyang", "wusong", "zhaoxiang", "zhejiang")
WITH_HEADER_FOOTER = "zhejiang"
FIXED_TIME = dt.datetime(2021, 1, 1, 0, 0, 0)
ZIP_TIME = (2021, 1, 1, 0, 0, 0)
CJK_FONT = "SimSun"  # LibreOffice substitutes an installed CJK font (e.g. WenQuanYi Zen Hei)
HEADING_LIST_ID = 1  # abstractNumId of the heading list
SCANNED_PLAN = "zhaoxiang"  # the plan whose pages also make the image-only PDF (OCR)
SCAN_DPI = 150  # resolution of the image-only PDF's page images
A4, MARGIN = (Mm(210), Mm(297)), Mm(25)
TEXT_WIDTH = Mm(210 - 2 * 25)
# column widths follow their text's width (a CJK character counts 2), within these bounds
MIN_COLUMN_CHARS, MAX_COLUMN_CHARS = 8, 36

# Heading numbers as the txt writes them, by list level (0-based ilvl):
HEADING_NUMBERS = (
    re.compile(r"^([一二三四五六七八九十]+)、"),  # 一、工作目标
    re.compile(r"^（([一二三四五六七八九十]+)）"),  # （一）建立工作机制。…
    re.compile(r"^(\d+)．"),  # 1．制定方案。…
)
CHINESE_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
LEVEL_FORMATS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3．"))


@dataclass(frozen=True)
class TableLayout:
    """How a txt table was merged in Word.

    `spans` maps (row, cell index in the txt row) to the grid columns that cell covers
    (row -1 is the last row); any other row shorter than the grid has its last cell span
    the rest. Empty cells in `merge_down` grid columns of body rows, and empty cells in
    header rows after the first, continue the cell above (vMerge).
    """

    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    merge_down: tuple[int, ...] = ()
    header_rows: int = 1


TABLE_LAYOUTS = {
    ("hangtai", 1): TableLayout(spans={(0, 1): 2, (-1, 0): 3}, merge_down=(0,)),
    ("qingyang", 0): TableLayout(merge_down=(0,), header_rows=2),
    ("wusong", 0): TableLayout(merge_down=(0,), header_rows=3),
    ("wusong", 1): TableLayout(merge_down=(0,), header_rows=3),
    ("wusong", 2): TableLayout(spans={(0, 4): 3, (-1, 0): 3}, merge_down=(1,), header_rows=2),
    ("zhejiang", 0): TableLayout(spans={(0, 2): 2}, merge_down=(0,)),
}


def number_value(text: str) -> int:
    """`三` → 3, `十二` → 12, `7` → 7."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        text = "一" + text
    tens, _, ones = text.partition("十")
    if not _:
        return CHINESE_NUMBERS[text]
    return CHINESE_NUMBERS[tens] * 10 + (CHINESE_NUMBERS[ones] if ones else 0)


def numbering_xml(num_ids: dict[int, dict[int, int]]) -> str:
    """numbering.xml: the heading list and one `w:num` per (re)start of it."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="480"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(LEVEL_FORMATS)
    )
    nums = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{HEADING_LIST_ID}"/>'
        + "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for ilvl, start in overrides.items()
        )
        + "</w:num>"
        for num_id, overrides in num_ids.items()
    )
    return (
        f'<w:numbering {nsdecls("w")}><w:abstractNum w:abstractNumId="{HEADING_LIST_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>{nums}</w:numbering>'
    )


@dataclass
class HeadingNumbering:
    """Decides which paragraphs become list items and which `w:num` each one uses.

    A heading continuing the count uses the current `w:num`; one that does not (a restart,
    a skipped number) gets a new `w:num` whose start is overridden to its own number, so
    Word shows exactly the number the txt has. A `1．` item is only numbered when it
    continues the count, so stray numbered lines (`2．附件名`) stay plain text.
    """

    counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    num_ids: dict[int, dict[int, int]] = field(default_factory=lambda: {1: {}})

    def number(self, text: str) -> tuple[str, int, int] | None:
        """`(text without its number, numId, ilvl)` for a heading, else None."""
        for ilvl, pattern in enumerate(HEADING_NUMBERS):
            match = pattern.match(text)
            if not match or not text[match.end() :].strip():
                continue
            value = number_value(match.group(1))
            continues = value == self.counts[ilvl] + 1
            if ilvl == 2 and (not continues or not self.counts[1]):
                return None
            if not continues:
                self.num_ids[len(self.num_ids) + 1] = {ilvl: value}
            self.counts[ilvl:] = [value] + [0] * (2 - ilvl)
            return text[match.end() :], len(self.num_ids), ilvl
        return None


def grid_rows(block: TableBlock, layout: TableLayout) -> list[list[tuple[str, int]]]:
    """Each txt row as `(text, grid columns covered)` cells."""
    width = max(len(row) for row in block.rows)
    rows = []
    for r, row in enumerate(block.rows):
        spans = [
            layout.spans.get((r, c), layout.spans.get((r - len(block.rows), c), 1))
            for c in range(len(row))
        ]
        spans[-1] += width - sum(spans)
        rows.append([(cell.text, span) for cell, span in zip(row, spans, strict=True)])
    return rows


def display_width(text: str) -> int:
    """Half-width columns the text takes: 2 per CJK character, 1 per other."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def column_shares(rows: list[list[tuple[str, int]]], width: int) -> list[float]:
    """Each grid column's share of the page width, by its longest single-column text."""
    longest = [MIN_COLUMN_CHARS] * width
    for row in rows:
        column = 0
        for text, span in row:
            if span == 1:
                longest[column] = max(longest[column], min(display_width(text), MAX_COLUMN_CHARS))
            column += span
    return [chars / sum(longest) for chars in longest]


def add_table(document: docx.document.Document, block: TableBlock, layout: TableLayout) -> None:
    """A Word table for a txt table block, merged as `layout` says."""
    rows = grid_rows(block, layout)
    width = sum(span for _, span in rows[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.autofit = False
    for column, share in enumerate(column_shares(rows, width)):
        table.columns[column].width = int(TEXT_WIDTH * share)
        for cell in table.columns[column].cells:
            cell.width = int(TEXT_WIDTH * share)
    starts: list[list[int]] = []
    for r, row in enumerate(rows):
        column, row_starts = 0, []
        for text, span in row:
            cell = table.cell(r, column)
            for i, line in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                paragraph.add_run(line)
            row_starts.append(column)
            column += span
        starts.append(row_starts)
    for r, row in enumerate(rows):  # horizontal merges first: vMerge then sees whole spans
        for (_, span), column in zip(row, starts[r], strict=True):
            if span > 1:
                table.cell(r, column).merge(table.cell(r, column + span - 1))
    for r, row in enumerate(rows):
        for (text, span), column in zip(row, starts[r], strict=True):
            in_header = 0 < r < layout.header_rows
            in_body = r > layout.header_rows and column in layout.merge_down
            if text.strip() or not (in_header or in_body) or span > 1:
                continue
            top = r - 1
            while top > 0 and not table.cell(top, column).text.strip():
                top -= 1
            table.cell(top, column).merge(table.cell(r, column))


def add_header_footer(document: docx.document.Document, title: str) -> None:
    """A running title in the header and `- PAGE -` in the footer."""
    section = document.sections[0]
    section.header.paragraphs[0].text = title
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    page_field = (
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    footer._p.append(parse_xml(page_field))
    footer.add_run(" -")


def plan_to_docx(name: str) -> bytes:
    """The .docx bytes of corpus plan `name`."""
    source = CORPUS / f"{name}.txt"
    plan = read_txt(source, source.read_bytes())
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    headings = HeadingNumbering()
    tables = 0
    for block in plan.blocks:
        if isinstance(block, TableBlock):
            add_table(document, block, TABLE_LAYOUTS.get((name, tables), TableLayout()))
            tables += 1
            continue
        assert isinstance(block, Paragraph)
        numbered = headings.number(block.text)
        text = numbered[0] if numbered else block.text
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = bool(numbered and numbered[2] < 2)
        if numbered:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_numId().val = numbered[1]
            num_pr.get_or_add_ilvl().val = numbered[2]
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml(headings.num_ids)):
        numbering.append(child)
    if name == WITH_HEADER_FOOTER:
        add_header_footer(document, plan.paragraphs[0].text)
    props = document.core_properties
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.author = props.last_modified_by = "corpus/make_formats.py"
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return with_fixed_zip_times(out.getvalue())


def with_fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every member stamped ZIP_TIME, so re-runs give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(member))
    return out.getvalue()


def docx_to_pdf(name: str, soffice: str) -> Path:
    """corpus/<name>.pdf converted from corpus/<name>.docx by LibreOffice."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(CORPUS), str(CORPUS / f"{name}.docx")],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return CORPUS / f"{name}.pdf"


def image_only_pdf(source: Path, target: Path, dpi: int = SCAN_DPI) -> Path:
    """`target`: the pages of `source` rendered to grey images, with no text layer."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(source)
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in pdf]
    finally:
        pdf.close()
    images[0].save(
        target, "PDF", resolution=dpi, save_all=True, append_images=images[1:],
        creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple(),
        producer="corpus/make_formats.py",
    )  # fmt: skip
    return target


def write_pdfs() -> None:
    """corpus/<name>.pdf for every plan and one image-only PDF (needs LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice not found: PDFs not written (apt-get install libreoffice-writer-nogui)")
        return
    for name in PLANS:
        target = docx_to_pdf(name, soffice)
        print(f"wrote {target.relative_to(CORPUS.parent)}")
    scan = image_only_pdf(CORPUS / f"{SCANNED_PLAN}.pdf", CORPUS / f"{SCANNED_PLAN}_scan.pdf")
    print(f"wrote {scan.relative_to(CORPUS.parent)}")


def main() -> None:
    """Write every corpus plan's .docx next to its .txt, then the PDFs."""
    for name in PLANS:
        target = CORPUS / f"{name}.docx"
        target.write_bytes(plan_to_docx(name))
        print(f"wrote {target.relative_to(CORPUS.parent)}")
    write_pdfs()


if __name__ == "__main__":
    main()
