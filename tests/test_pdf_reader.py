"""The PDF reader: line building, running lines, wrap joining, tables across pages, errors,
scanned pages in a PDF with a text layer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from extractor.document import Document, DocumentBuilder
from extractor.errors import InputError
from extractor.normalize import join_line_breaks
from extractor.pipeline import build_structure, extract_from_document
from extractor.readers import pdf as pdf_reader
from extractor.readers import read_document
from extractor.readers.pdf import (
    ENCRYPTED_MESSAGE,
    OCR_INSTALL_HINT,
    OCR_INSTALL_MESSAGE,
    OCR_PAGES,
    SCANNED_PAGES_SKIPPED,
    PageTable,
    TextLayout,
    TextLine,
    add_table,
    check_page_count,
    continues_pdf_line,
    drop_repeated_header,
    drop_running_lines,
    drop_uncovered_columns,
    group_blocks,
    group_chars_into_lines,
    has_text_layer,
    image_share,
    is_scanned_page,
    is_split_row_piece,
    join_pdf_lines,
    lead_width,
    line_text,
    measure_layout,
    page_ranges,
    pdf_cell_text,
    rejoin_split_row,
    split_restarted_table,
)
from extractor.readers.txt import read_txt

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLAN_NAMES = ("hangtai", "wusong", "zhaoxiang", "qingyang", "zhejiang")
SNIPPET = Path("<snippet>.pdf")


def char(text: str, x0: float, top: float = 100.0, size: float = 12.0) -> dict:
    """A pdfplumber-like character dict; CJK characters are `size` wide, others half."""
    width = size if ord(text) > 0x2000 else size / 2
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size,
            "size": size, "upright": True}  # fmt: skip


def chars_of(text: str, x0: float = 90.0, top: float = 100.0, gap: float = 0.0) -> list[dict]:
    """Characters laid out left to right, `gap` points apart."""
    chars, x = [], x0
    for piece in text:
        made = char(piece, x, top)
        chars.append(made)
        x = made["x1"] + gap
    return chars


def line(text: str, page: int = 1, top: float = 100.0, x0: float = 90.0, x1: float = 522.0,
         lead: float = 0.0) -> TextLine:  # fmt: skip
    """A TextLine on a Letter page, 12 pt type."""
    return TextLine(text=text, page=page, top=top, bottom=top + 12, x0=x0, x1=x1, size=12.0,
                    lead_width=lead, page_width=612.0, page_height=792.0)  # fmt: skip


LAYOUT = TextLayout(edges={612: (90.0, 522.0)}, pitch=16.0, marks_paragraphs=False)
MARKED = TextLayout(edges={612: (90.0, 522.0)}, pitch=16.0, marks_paragraphs=True)


# --- characters into lines ----------------------------------------------------------------


def test_chars_group_into_lines_by_top_within_tolerance() -> None:
    chars = chars_of("第二行", top=120.0) + chars_of("第一行", top=100.0)
    chars[1]["top"] += 1.5  # a slightly raised glyph stays on its line
    lines = group_chars_into_lines(chars)
    assert ["".join(c["text"] for c in group) for group in lines] == ["第一行", "第二行"]


def test_chars_of_a_line_are_sorted_left_to_right() -> None:
    chars = chars_of("社区")
    assert "".join(c["text"] for c in group_chars_into_lines(chars[::-1])[0]) == "社区"


def test_cjk_characters_join_without_spaces_even_when_spread() -> None:
    assert line_text(chars_of("绿色社区", gap=6.0)) == "绿色社区"


def test_a_gap_between_latin_words_is_a_space() -> None:
    chars = chars_of("PM", x0=90.0) + chars_of("2.5", x0=110.0)
    assert line_text(chars) == "PM 2.5"


def test_touching_latin_letters_get_no_space_and_a_space_char_is_not_doubled() -> None:
    assert line_text(chars_of("ab")) == "ab"
    assert line_text(chars_of("a b", gap=5.0)) == "a b"


def test_lead_width_covers_the_first_ideograph_and_glued_punctuation() -> None:
    assert lead_width(chars_of("区，2022年")) == pytest.approx(24.0)  # 区 + ，
    assert lead_width(chars_of("〔2021〕12号）、")) == pytest.approx(12 + 24 + 12 + 12 + 12 + 24)
    assert lead_width(chars_of("abc def")) == pytest.approx(18.0)  # a word up to a space


# --- running headers, footers, page numbers ------------------------------------------------


def test_running_header_and_page_numbers_are_dropped() -> None:
    items = []
    for page in (1, 2, 3):
        items += [line("某某县实施方案", page, top=35.0, x1=270.0),
                  line(f"正文第{page}页的内容。", page, top=300.0, x1=300.0),
                  line(f"- {page} -", page, top=741.0, x0=294.0, x1=318.0)]  # fmt: skip
    kept = [item.text for item in drop_running_lines(items)]
    assert kept == ["正文第1页的内容。", "正文第2页的内容。", "正文第3页的内容。"]


def test_running_footer_with_changing_number_is_dropped() -> None:
    items = [line(f"第 {page} 页 共 3 页", page, top=760.0, x1=200.0) for page in (1, 2, 3)]
    items.append(line("正文。", 1, top=300.0))
    assert [item.text for item in drop_running_lines(items)] == ["正文。"]


def test_a_title_line_on_one_page_only_is_kept() -> None:
    items = [line("某某县实施方案", 1, top=35.0), line("正文。", 2, top=300.0),
             line("正文。", 3, top=300.0), line("正文。", 4, top=300.0)]  # fmt: skip
    assert next(item.text for item in drop_running_lines(items)) == "某某县实施方案"


def test_an_ocr_header_a_point_or_two_off_is_still_running() -> None:
    # OCR'd tops jitter: 33 and 35 pt fall either side of a 4-point rounding step
    items = [line("某某县实施方案", page, top=top, x1=270.0)
             for page, top in ((1, 35.0), (2, 33.0), (3, 35.4))]  # fmt: skip
    items.append(line("正文。", 2, top=300.0))
    assert [item.text for item in drop_running_lines(items)] == ["正文。"]


def test_a_margin_line_repeated_far_from_its_place_is_not_running() -> None:
    items = [line("某某县实施方案", 1, top=35.0), line("某某县实施方案", 2, top=60.0),
             line("正文。", 3, top=300.0)]  # fmt: skip
    assert len(drop_running_lines(items)) == 3


def test_repeated_body_lines_outside_the_margins_are_kept() -> None:
    items = [line("（一）同一句话。", page, top=300.0) for page in (1, 2, 3)]
    assert len(drop_running_lines(items)) == 3


# --- wrapped lines ------------------------------------------------------------------------


def test_a_full_line_continues_into_the_next() -> None:
    assert continues_pdf_line(line("一二三"), "一二三", line("四五"), "四五", LAYOUT)


def test_a_short_line_ends_its_paragraph() -> None:
    assert not continues_pdf_line(line("一二", x1=300.0), "一二", line("三"), "三", LAYOUT)


def test_a_line_short_by_the_next_lines_first_piece_counts_as_full() -> None:
    short = line("范围扩大到30%的社", x1=480.0)
    assert continues_pdf_line(short, short.text, line("区，2022年", lead=45.0), "区，", LAYOUT)
    assert not continues_pdf_line(short, short.text, line("区，2022年", lead=24.0), "区，", LAYOUT)


def test_sentence_end_splits_unless_the_layout_marks_paragraphs() -> None:
    first, following = line("达标。"), line("到2022年")
    assert not continues_pdf_line(first, "达标。", following, "到2022年", LAYOUT)
    assert continues_pdf_line(first, "达标。", following, "到2022年", MARKED)


@pytest.mark.parametrize("heading", ["（一）建立机制", "(二)推进", "1．制定方案", "二、工作目标"])
def test_a_heading_never_continues_a_line(heading: str) -> None:
    assert not continues_pdf_line(line("一二三"), "一二三", line(heading), heading, MARKED)


def test_an_indented_line_or_extra_space_opens_a_paragraph() -> None:
    full = line("一二三")
    assert not continues_pdf_line(full, "一二三", line("四五", x0=114.0), "四五", LAYOUT)
    assert not continues_pdf_line(full, "一二三", line("四五", top=126.0), "四五", LAYOUT)
    assert continues_pdf_line(full, "一二三", line("四五", top=116.0), "四五", LAYOUT)


def test_a_paragraph_continues_across_a_page_break() -> None:
    lines = [line("第一页最后一行", page=1, top=700.0), line("第二页接着写。", page=2, top=72.0,
             x1=200.0)]  # fmt: skip
    assert join_pdf_lines(lines, LAYOUT) == [("第一页最后一行第二页接着写。", 1)]


def test_join_pdf_lines_normalises_and_keeps_the_first_page() -> None:
    lines = [line("到 2021 年底，全镇４５％以上", top=100.0), line("社区达标。", top=116.0,
             x1=200.0), line("二、范围", top=142.0, x1=160.0)]  # fmt: skip
    assert join_pdf_lines(lines, LAYOUT) == [
        ("到2021年底，全镇45%以上社区达标。", 1),
        ("二、范围", 1),
    ]


def test_measure_layout_finds_pitch_edges_and_paragraph_marks() -> None:
    lines = [line("甲" * 36, top=100.0), line("乙。", top=116.0, x1=114.0),
             line("丙" * 36, top=142.0), line("丁。", top=158.0, x1=114.0),
             line("戊。", top=184.0, x1=114.0)]  # fmt: skip
    layout = measure_layout(lines)
    assert layout.pitch == 16.0
    assert layout.edges[612] == (90.0, 522.0)
    assert layout.marks_paragraphs  # each short line is followed by extra space
    full_lines = [line("甲" * 36, top=100.0 + 16 * i) for i in range(4)]
    ends = [line("乙。", top=164.0, x1=114.0), line("丙", top=180.0)]
    unmarked = measure_layout(full_lines + ends)
    assert not unmarked.marks_paragraphs


# --- tables ---------------------------------------------------------------------------------


def table(rows: list[tuple], page: int, top: float = 72.0) -> PageTable:
    return PageTable(rows=tuple(tuple(row) for row in rows), page=page, top=top)


def test_split_row_piece_is_detected_and_rejoined() -> None:
    row = (None, "7", "将节水型小区\n建设融入绿色\n社区创建，推\n动社区最大限", "5", "")
    piece = ("", "", "度地节水", "", "")
    assert is_split_row_piece(row, piece)
    assert rejoin_split_row(row, piece)[2].endswith("动社区最大限\n度地节水")


def test_split_row_piece_when_the_cut_cell_had_one_line() -> None:
    row = ("", "6", "14", "对社区工作", "每年至少开展")
    assert is_split_row_piece(row, ("", "", "", "者、物业服务从业者", "2次培训"))


def test_a_new_row_is_not_a_split_row_piece() -> None:
    row = ("1", "（一）建立健全\n机制（20分）", "坚持美好环境\n与幸福生活", "6")
    assert not is_split_row_piece(row, ("2", "", "充分利用现有平台", "4"))  # its own number
    assert not is_split_row_piece((None, "19", "发布了公约", "5"), ("", "20", "社区相关", "5"))
    assert not is_split_row_piece(("a", "b"), ("", ""))  # nothing in it
    assert not is_split_row_piece(("", "7"), ("新", ""))  # text under a blank cell


def test_repeated_header_rows_are_dropped() -> None:
    rows = [("序号", "名称"), ("1", "甲社区")]
    assert drop_repeated_header(rows, [("序号", "名称"), ("2", "乙社区")]) == [("2", "乙社区")]
    assert drop_repeated_header(rows, [("2", "乙社区")]) == [("2", "乙社区")]
    assert drop_repeated_header([("", "")], [("", ""), ("1", "x")]) == [("", ""), ("1", "x")]


def test_a_table_continued_on_the_next_page_is_joined() -> None:
    first = table([("序号", "名称"), ("1", "甲社区")], page=1, top=400.0)
    second = table([("序号", "名称"), ("2", "乙社区")], page=2)
    (joined,) = group_blocks([first, second])
    assert isinstance(joined, PageTable)
    assert joined.rows == (("序号", "名称"), ("1", "甲社区"), ("2", "乙社区"))
    assert (joined.page, joined.end_page) == (1, 2)


def test_tables_are_not_joined_across_text_widths_or_skipped_pages() -> None:
    first = table([("序号", "名称"), ("1", "甲")], page=1)
    assert len(list(group_blocks([first, table([("a", "b", "c")], page=2)]))) == 2
    assert len(list(group_blocks([first, table([("2", "乙")], page=3)]))) == 2
    blocks = list(group_blocks([first, line("附件2", page=2, top=60.0), table([("2", "乙")], 2)]))
    assert len(blocks) == 3


def test_a_split_row_is_rejoined_when_tables_are_joined() -> None:
    first = table([("序号", "内容", "分"), ("7", "推动社区\n最大限", "5")], page=1)
    (joined,) = group_blocks([first, table([("", "度地节水", ""), ("8", "分类", "5")], page=2)])
    assert isinstance(joined, PageTable)
    assert joined.rows[1] == ("7", "推动社区\n最大限\n度地节水", "5")
    assert len(joined.rows) == 3


def test_a_grid_holding_two_titled_tables_is_split() -> None:
    rows = [("2021年计划表", None), ("单位", "某街道"), ("1", "甲"),
            ("2022年计划表", None), ("单位", "某街道"), ("1", "乙")]  # fmt: skip
    assert split_restarted_table(rows) == [rows[:3], rows[3:]]


def test_a_grid_without_a_title_or_repeat_is_not_split() -> None:
    rows = [("……", ""), ("……", ""), ("……", "")]
    assert split_restarted_table(rows) == [rows]
    titled = [("计划表", None), ("单位", "某街道"), ("小计", None), ("合计", "3")]
    assert split_restarted_table(titled) == [titled]


def test_grid_columns_where_no_cell_starts_are_dropped() -> None:
    rows = [("时间点", "序号", None, "名称"), (None, "1", None, "甲")]
    assert drop_uncovered_columns(rows) == [("时间点", "序号", "名称"), (None, "1", "甲")]


def test_add_table_marks_none_cells_merged_and_normalises_text() -> None:
    builder = DocumentBuilder()
    add_table(builder, [("内容", "标准分（100\n分）", None), ("合计", None, "１００")], page=4)
    (block,) = builder._blocks
    assert [[(c.text, c.merged) for c in row] for row in block.rows] == [
        [("内容", False), ("标准分（100分）", False), ("", True)],
        [("合计", False), ("", True), ("100", False)],
    ]
    assert block.page == 4


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("建立健全社区人居\n环境建设和整治机制", "建立健全社区人居环境建设和整治机制"),  # a wrap
        ("（一）建立健全机制\n（20分）", "（一）建立健全机制（20分）"),  # a break: looks the same
        ("Level A\n(20 points)", "Level A（20 points）"),  # joined as join_line_pieces joins
        ("\n 社区 \n\n 人居\n", "社区人居"),
    ],
)
def test_a_pdf_cells_lines_are_joined_into_one(cell: str, text: str) -> None:
    assert pdf_cell_text(cell) == text
    builder = DocumentBuilder()
    add_table(builder, [("甲", cell)], page=1)
    assert builder._blocks[0].rows[0][1].text == text


def test_a_one_column_table_becomes_paragraphs() -> None:
    builder = DocumentBuilder()
    add_table(builder, [("注：本表由街道填写。",), ("",)], page=2)
    assert [(b.text, b.page) for b in builder._blocks] == [("注：本表由街道填写。", 2)]


# --- limits and errors ----------------------------------------------------------------------


def test_page_count_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="no pages"):
        check_page_count(SNIPPET, 0)
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    with pytest.raises(InputError, match="4 pages, over the 3-page limit"):
        check_page_count(SNIPPET, 4)
    check_page_count(SNIPPET, 3)


def test_a_scan_over_the_ocr_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_OCR_PAGES", 2)
    with pytest.raises(InputError, match="3 pages, over the 2-page OCR limit"):
        read_document(CORPUS / "zhaoxiang_scan.pdf")


class FakePage:
    """A pdfplumber-like A4 page: its characters and its images' boxes."""

    def __init__(self, text: str, images: tuple[tuple[float, ...], ...] = ()) -> None:
        self.chars = [{"text": c} for c in text]
        self.images = [dict(zip(("x0", "top", "x1", "bottom"), box, strict=True)) for box in images]
        self.bbox = (0.0, 0.0, 595.0, 842.0)


def test_text_layer_needs_some_page_with_enough_characters() -> None:
    assert not has_text_layer([FakePage("  页 "), FakePage("")])
    assert has_text_layer([FakePage(""), FakePage("绿色社区创建行动实施方案")])


FULL_PAGE_IMAGE = (0.0, 0.0, 595.0, 842.0)


def test_a_page_is_scanned_when_images_cover_it_and_it_has_almost_no_text() -> None:
    assert is_scanned_page(FakePage("", images=(FULL_PAGE_IMAGE,)))
    assert is_scanned_page(FakePage("- 4 -", images=(FULL_PAGE_IMAGE,)))  # a stamped number
    # a scanner's strips, or an image bleeding off the page, cover it just the same
    assert is_scanned_page(FakePage("", images=((0, 0, 595, 421), (0, 421, 595, 842))))
    assert is_scanned_page(FakePage("", images=((-50, -50, 700, 900),)))


def test_a_blank_page_a_page_number_a_logo_or_a_text_page_is_not_scanned() -> None:
    assert not is_scanned_page(FakePage(""))
    assert not is_scanned_page(FakePage("- 4 -"))
    assert not is_scanned_page(FakePage("", images=((200, 300, 400, 500),)))  # a seal
    assert not is_scanned_page(FakePage("绿色社区创建行动实施方案", images=(FULL_PAGE_IMAGE,)))


def test_image_share_clips_to_the_page_and_caps_at_one() -> None:
    page = (0.0, 0.0, 100.0, 200.0)
    assert image_share([{"x0": 0, "top": 0, "x1": 100, "bottom": 50}], page) == 0.25
    assert image_share([{"x0": 50, "top": 150, "x1": 150, "bottom": 250}], page) == 0.125
    assert image_share([{"x0": 0, "top": 0, "x1": 100, "bottom": 200}] * 2, page) == 1.0
    assert image_share([], page) == 0.0


@pytest.mark.parametrize(
    ("pages", "text"),
    [
        ([5], "page 5"),
        ([6, 5], "pages 5-6"),
        ([2, 5, 6, 7], "pages 2, 5-7"),
        ([1, 3], "pages 1, 3"),
    ],
)
def test_page_ranges(pages: list[int], text: str) -> None:
    assert page_ranges(pages) == text


def test_corrupt_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"corrupt PDF|no pages"):
        read_document_bytes(b"%PDF-1.4\n% not really a pdf\n")


def read_document_bytes(data: bytes, name: str = "bad.pdf") -> Document:
    return pdf_reader.read_pdf(Path(name), data)


def encrypted_copy(source: Path) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_an_input_error() -> None:
    data = encrypted_copy(CORPUS / "zhaoxiang.pdf")
    with pytest.raises(InputError) as caught:
        read_document_bytes(data)
    assert caught.value.message == ENCRYPTED_MESSAGE


def test_scanned_pdf_without_the_ocr_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extractor.readers import ocr

    ocr.load_engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # `import rapidocr` now fails
    with pytest.raises(InputError) as caught:
        read_document(CORPUS / "zhaoxiang_scan.pdf")
    assert caught.value.message == OCR_INSTALL_MESSAGE
    ocr.load_engine.cache_clear()


def run_extract_without_ocr(*args: str) -> subprocess.CompletedProcess:
    """The `extract` entry point in a subprocess where rapidocr cannot be imported."""
    code = "import sys; sys.modules['rapidocr'] = None; from extractor.cli import extract_main; extract_main()"  # noqa: E501
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT)  # fmt: skip


@pytest.mark.parametrize("case", ["encrypted", "scanned"])
def test_cli_bad_pdf_is_one_line_exit_3_and_no_output(tmp_path: Path, case: str) -> None:
    bad = tmp_path / f"{case}.pdf"
    if case == "encrypted":
        bad.write_bytes(encrypted_copy(CORPUS / "zhaoxiang.pdf"))
    else:
        bad.write_bytes((CORPUS / "zhaoxiang_scan.pdf").read_bytes())
    out = tmp_path / "out.json"
    result = run_extract_without_ocr(str(bad), "-o", str(out))
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    expected = ENCRYPTED_MESSAGE if case == "encrypted" else OCR_INSTALL_MESSAGE
    assert lines[0].endswith(expected) and f"{case}.pdf" in lines[0]
    assert not out.exists()


# --- mixed PDFs: a text layer with some scanned pages ----------------------------------------


def mixed_pdf(*pages: tuple[str, int]) -> bytes:
    """A PDF of corpus pages: `("text", n)` is page n of zhaoxiang.pdf, `("scan", n)` page n
    of zhaoxiang_scan.pdf (an image, no text layer), `("blank", 0)` an empty page."""
    pypdf = pytest.importorskip("pypdf")
    text = pypdf.PdfReader(CORPUS / "zhaoxiang.pdf")
    scan = pypdf.PdfReader(CORPUS / "zhaoxiang_scan.pdf")
    writer = pypdf.PdfWriter()
    for kind, number in pages:
        if kind == "blank":
            writer.add_blank_page(width=595, height=842)
        else:
            writer.add_page((text if kind == "text" else scan).pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf_paragraphs(page: int) -> list[str]:
    """The paragraphs of zhaoxiang.pdf that start on `page`."""
    _, from_pdf = corpus_pair("zhaoxiang")
    return [p.text for p in from_pdf.paragraphs if p.page == page]


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """ocr_pdf_items replaced: records the pages it is asked for (None: all), and reads one
    line `扫描页N的文字。` on each of them."""
    from extractor.readers import ocr

    asked: list[list[int] | None] = []

    def read(data: bytes, pages: list[int] | None = None) -> list[TextLine]:
        asked.append(None if pages is None else sorted(pages))
        return [TextLine(text=f"扫描页{page}的文字。", page=page, top=300.0, bottom=312.0,
                         x0=90.0, x1=200.0, size=12.0, page_width=595.0, page_height=842.0)
                for page in pages or (1, 2, 3)]  # fmt: skip

    monkeypatch.setattr(ocr, "ocr_pdf_items", read)
    return asked


@pytest.fixture
def without_ocr_extra(monkeypatch: pytest.MonkeyPatch):
    """`import rapidocr` fails, and no engine is cached from an earlier test."""
    from extractor.readers import ocr

    ocr.load_engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    yield
    ocr.load_engine.cache_clear()


def test_a_mixed_pdf_ocrs_its_scanned_page_only_and_keeps_page_order(
    fake_ocr: list[list[int] | None],
) -> None:
    data = mixed_pdf(("text", 1), ("scan", 2), ("blank", 0), ("text", 3))
    doc = read_document_bytes(data, "mixed.pdf")
    assert fake_ocr == [[2]]  # the blank page 3 is not OCR'd
    assert doc.source.pages == 4
    pages = [(p.page, p.text) for p in doc.paragraphs]
    first = text_pdf_paragraphs(1)
    assert pages == [
        *((1, text) for text in first),  # from the text layer
        (2, "扫描页2的文字。"),
        *((4, text) for text in text_pdf_paragraphs(3)),
    ]
    scanned = doc.text.index("扫描页2")
    assert doc.evidence(scanned, scanned + 3).page == 2
    (warning,) = doc.warnings
    assert warning.code == OCR_PAGES and warning.message.startswith("page 2 was read by OCR")


def test_a_table_ocr_finds_on_a_scanned_page_joins_the_text_pages_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extractor.readers import ocr

    rows = (("内容", "分值"), ("建立健全治理机制", "6"), ("推进基础设施改造", "6"))

    def read(data: bytes, pages: list[int] | None = None) -> list[PageTable]:
        return [PageTable(rows=rows, page=page, top=100.0) for page in pages or ()]

    monkeypatch.setattr(ocr, "ocr_pdf_items", read)
    doc = read_document_bytes(mixed_pdf(("text", 1), ("scan", 2), ("text", 3)), "mixed.pdf")
    (table,) = doc.tables
    assert table.page == 2 and [[cell.text for cell in row] for row in table.rows] == [
        list(row) for row in rows
    ]
    assert doc.paragraphs[-1].page == 3 and doc.paragraphs[0].page == 1


def test_a_full_scan_is_ocrd_whole_and_warned_of(fake_ocr: list[list[int] | None]) -> None:
    doc = read_document(CORPUS / "zhaoxiang_scan.pdf")
    assert fake_ocr == [None]
    assert [p.page for p in doc.paragraphs] == [1, 2, 3]
    assert [(w.code, w.message.split(":")[0]) for w in doc.warnings] == [
        (OCR_PAGES, "pages 1-3 were read by OCR")
    ]


def test_a_mixed_pdf_without_the_ocr_extra_reads_its_text_pages_and_warns(
    without_ocr_extra: None,
) -> None:
    data = mixed_pdf(("text", 1), ("scan", 2), ("scan", 3), ("text", 3))
    doc = read_document_bytes(data, "mixed.pdf")
    assert [(p.page, p.text) for p in doc.paragraphs] == [
        *((1, text) for text in text_pdf_paragraphs(1)),
        *((4, text) for text in text_pdf_paragraphs(3)),
    ]
    (warning,) = doc.warnings
    assert warning.code == SCANNED_PAGES_SKIPPED
    assert warning.message == (
        f"pages 2-3 are scanned images and were not read: {OCR_INSTALL_HINT}"
    )
    assert extract_from_document(doc).warnings[0] == warning  # the plan's first warning


def test_the_ocr_page_limit_counts_scanned_pages_only(
    fake_ocr: list[list[int] | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_OCR_PAGES", 1)
    # three pages, one scanned: within the limit (a full scan of three pages is refused)
    doc = read_document_bytes(mixed_pdf(("text", 1), ("text", 2), ("scan", 3)))
    assert fake_ocr == [[3]] and doc.paragraphs[-1].text == "扫描页3的文字。"
    # two scanned pages: the first is OCR'd, the other is left out and named
    doc = read_document_bytes(mixed_pdf(("text", 1), ("scan", 2), ("scan", 3)))
    assert fake_ocr[1:] == [[2]]
    assert [p.text for p in doc.paragraphs if p.page > 1] == ["扫描页2的文字。"]
    assert [(w.code, w.message) for w in doc.warnings] == [
        (OCR_PAGES, "page 2 was read by OCR: check values taken from them"),
        (SCANNED_PAGES_SKIPPED,
         "page 3 is a scanned image and was not read: over the 1-page OCR limit"),
    ]  # fmt: skip


def test_cli_reads_a_mixed_pdf_without_the_ocr_extra_and_warns(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(mixed_pdf(("text", 1), ("text", 2), ("scan", 3)))
    out = tmp_path / "out.json"
    result = run_extract_without_ocr(str(mixed), "-o", str(out))
    assert result.returncode == 0, result.stderr
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["title"] == "赵巷镇绿色社区创建行动实施方案"
    assert plan["warnings"][0] == {
        "code": SCANNED_PAGES_SKIPPED,
        "message": f"page 3 is a scanned image and was not read: {OCR_INSTALL_HINT}",
        "evidence": None,
    }


# --- the corpus PDFs ----------------------------------------------------------------------


_read: dict[str, tuple[Document, Document]] = {}


def corpus_pair(name: str) -> tuple[Document, Document]:
    """The corpus plan read from its .txt and from its .pdf (once per session)."""
    if name not in _read:
        txt, pdf = CORPUS / f"{name}.txt", CORPUS / f"{name}.pdf"
        _read[name] = (read_txt(txt, txt.read_bytes()), read_document(pdf))
    return _read[name]


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_pdf_paragraphs_equal_the_txt(name: str) -> None:
    txt, from_pdf = corpus_pair(name)
    assert [p.text for p in from_pdf.paragraphs] == [p.text for p in txt.paragraphs]
    assert len(from_pdf.tables) == len(txt.tables)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_pdf_tables_equal_the_txt_apart_from_spans(name: str) -> None:
    txt, from_pdf = corpus_pair(name)
    for txt_table, pdf_table in zip(txt.tables, from_pdf.tables, strict=True):
        assert len(pdf_table.rows) == len(txt_table.rows)
        for pdf_row, txt_row in zip(pdf_table.rows, txt_table.rows, strict=True):
            # a PDF cell's lines are joined: compare with the txt cell's lines joined
            pdf_texts = [c.text for c in pdf_row]
            txt_texts = [join_line_breaks(c.text) for c in txt_row]
            assert not any("\n" in text for text in pdf_texts)
            if len(pdf_texts) == len(txt_texts):
                assert pdf_texts == txt_texts
            else:  # a span is one cell in the txt, one merged position per column in the PDF
                assert [t for t in pdf_texts if t] == [t for t in txt_texts if t]
                assert sum(c.merged for c in pdf_row) >= len(pdf_texts) - len(txt_texts)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_pdf_pages_are_set_in_order(name: str) -> None:
    _, from_pdf = corpus_pair(name)
    assert from_pdf.source.format == "pdf"
    pages = [block.page for block in from_pdf.blocks]
    assert all(page is not None and 1 <= page <= from_pdf.source.pages for page in pages)
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 1
    evidence = from_pdf.evidence(from_pdf.blocks[-1].start, from_pdf.blocks[-1].end)
    assert evidence.page == pages[-1]


def test_corpus_running_header_and_page_numbers_are_dropped() -> None:
    txt, from_pdf = corpus_pair("zhejiang")  # its .docx has a running title and `- N -`
    title = txt.paragraphs[0].text
    assert from_pdf.text.count(title) == txt.text.count(title)
    assert not any(pdf_reader.is_page_number_line(p.text) for p in from_pdf.paragraphs)


def test_corpus_target_sentence_and_headings() -> None:
    _, from_pdf = corpus_pair("zhaoxiang")
    texts = [p.text for p in from_pdf.paragraphs]
    assert "一、工作目标" in texts
    assert texts[texts.index("一、工作目标") + 1].startswith(
        "到2021年底，推广绿色社区创建示范成果，全镇45%以上城市社区创建达标。到2022年，"
    )


def test_corpus_table_split_by_a_page_break_is_whole() -> None:
    _, from_pdf = corpus_pair("hangtai")
    cells = [c.text for t in from_pdf.tables for row in t.rows for c in row]
    assert "将节水型小区建设融入绿色社区创建，推动社区最大限度地节水" in cells


# --- real published files: handmade PDFs with two fonts (tests/handmade_pdf.py) ---------

from tests.handmade_pdf import Page, bold_text, grid, pdf_bytes  # noqa: E402
from tests.handmade_pdf import text as draw  # noqa: E402

MIXED_TITLE = "附件1：江西省投资项目“容缺审批+承诺制”办理模式事项清单"
MIXED_BODY = "到2025年，全省建成30个示范区（县），覆盖率达到85%以上。"


def handmade(pages: list[Page], **metrics: int) -> Document:
    """A handmade PDF read by the reader."""
    return pdf_reader.read_pdf(Path("handmade.pdf"), pdf_bytes(pages, **metrics))


def body_page(rotate: int = 0, turn: int = 0, title: str = MIXED_TITLE) -> Page:
    """A page with a title and an indented body line in two fonts, its text turned `turn`
    degrees counter-clockwise on the page, the page displayed turned by `rotate`."""
    if turn == 90:  # a landscape page drawn sideways on a portrait sheet
        ops = [draw(100, 72, title, 16, turn=90), draw(130, 96, MIXED_BODY, turn=90)]
    else:
        ops = [draw(72, 760, title, 16), draw(96, 730, MIXED_BODY)]
    return Page(ops=ops, rotate=rotate)


SECOND_TITLE = "附件2：2024年度考核评分表"


@pytest.mark.parametrize(("descent", "ascent"), [(-120, 880), (-1100, -100), (700, 1700)])
def test_a_line_mixing_fonts_is_one_line_whatever_the_fonts_metrics(
    descent: int, ascent: int
) -> None:
    doc = handmade([body_page()], cjk_descent=descent, cjk_ascent=ascent)
    assert [p.text for p in doc.paragraphs] == [MIXED_TITLE, MIXED_BODY]
    assert doc.warnings == ()


def test_lines_a_little_over_a_line_apart_stay_two_lines() -> None:
    page = Page(ops=[draw(72, 760, "一、总体要求"), draw(72, 745, "二、主要任务")])
    doc = handmade([page], cjk_descent=-1100, cjk_ascent=-100)
    assert [p.text for p in doc.paragraphs] == ["一、总体要求", "二、主要任务"]


def test_a_raised_glyph_stays_on_its_line_and_group_uses_baselines() -> None:
    chars = [pdf_reader.with_baseline(c) for c in chars_of("第一行")]
    chars[1] = {**chars[1], "baseline": chars[1]["baseline"] - 3.5,
                "top": chars[1]["top"] - 3.5, "bottom": chars[1]["bottom"] - 3.5}  # fmt: skip
    assert len(group_chars_into_lines(chars)) == 1  # 3.5 pt raised: the boxes overlap 71%
    far = {**chars[1], "baseline": chars[1]["baseline"] - 10,
           "top": chars[1]["top"] - 10, "bottom": chars[1]["bottom"] - 10}  # fmt: skip
    assert len(group_chars_into_lines([chars[0], far, chars[2]])) == 2


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_page_is_read_upright_and_named(rotate: int) -> None:
    pages = [body_page(), body_page(rotate=rotate, title=SECOND_TITLE)]
    doc = handmade(pages, cjk_descent=-1100, cjk_ascent=-100)
    assert [(p.page, p.text) for p in doc.paragraphs] == [
        (1, MIXED_TITLE), (1, MIXED_BODY), (2, SECOND_TITLE), (2, MIXED_BODY),
    ]  # fmt: skip
    assert [(w.code, w.message.split(" were")[0].split(" was")[0]) for w in doc.warnings] == [
        (pdf_reader.PAGES_TURNED, "page 2")
    ]


def test_text_drawn_sideways_on_an_upright_page_is_read_upright() -> None:
    doc = handmade([body_page(turn=90)])
    assert [p.text for p in doc.paragraphs] == [MIXED_TITLE, MIXED_BODY]
    assert [w.code for w in doc.warnings] == [pdf_reader.PAGES_TURNED]


def test_an_upright_page_with_a_sideways_stamp_is_not_turned() -> None:
    page = body_page()
    page.ops.append(draw(560, 300, "此件公开发布", 9, turn=90))  # a margin note, sideways
    doc = handmade([page])
    assert [p.text for p in doc.paragraphs] == [MIXED_TITLE, MIXED_BODY]
    assert doc.warnings == ()


def test_characters_drawn_twice_for_bold_are_read_once_and_named() -> None:
    pages = [Page(ops=[bold_text(72, 760, "安徽省项目描述2024"), draw(96, 730, MIXED_BODY)]),
             Page(ops=[draw(72, 760, "二、项目项目"), draw(96, 730, MIXED_BODY)])]  # fmt: skip
    doc = handmade(pages)
    assert [p.text for p in doc.paragraphs] == [
        "安徽省项目描述2024",
        MIXED_BODY,
        "二、项目项目",
        MIXED_BODY,
    ]  # fmt: skip  (a real repeat, far apart, is kept)
    assert [(w.code, w.message.split(":")[0]) for w in doc.warnings] == [
        (pdf_reader.OVERPRINTED_CHARS, "page 1")
    ]


def spanned_table_page() -> Page:
    """A ruled table: a header cell spanning two columns, a 序号 cell spanning two rows
    and a 事项名称 cell spanning two rows, cell texts in two fonts."""
    x, y, widths, heights = 72.0, 760.0, [60.0, 220.0, 120.0], [30.0, 30.0, 30.0, 30.0]
    spans = ((0, 1, 0, 2), (1, 0, 2, 0), (1, 1, 2, 1))
    ops = [grid(x, y, widths, heights, spans)]
    cells = [(0, 0, "序号"), (0, 1, "事项名称及类别"), (1, 0, "1"),
             (1, 1, "《政府核准的投资项目目录(江西省)》"), (1, 2, "容缺"), (2, 2, "承诺制"),
             (3, 0, "2"), (3, 1, "企业投资项目备案"), (3, 2, "承诺制")]  # fmt: skip
    for row, column, content in cells:
        ops.append(draw(x + sum(widths[:column]) + 4, y - sum(heights[: row + 1]) + 10,
                        content, 9))  # fmt: skip
    return Page(ops=ops)


def test_table_cells_read_by_baseline_and_spans_keep_their_origin() -> None:
    doc = handmade([spanned_table_page()], cjk_descent=-1100, cjk_ascent=-100)
    (table,) = doc.tables
    assert [[(c.text, c.merged_from) for c in row] for row in table.rows] == [
        [("序号", None), ("事项名称及类别", None), ("", "left")],
        [("1", None), ("《政府核准的投资项目目录（江西省）》", None), ("容缺", None)],
        [("", "above"), ("", "above"), ("承诺制", None)],
        [("2", None), ("企业投资项目备案", None), ("承诺制", None)],
    ]


def test_a_row_span_is_filled_from_above_not_from_the_left() -> None:
    from extractor.structure.tables import recover_table

    doc = handmade([spanned_table_page()])
    recovered = recover_table(doc, doc.tables[0], None)
    assert [list(row) for row in recovered.table.rows] == [
        ["1", "《政府核准的投资项目目录（江西省）》", "容缺"],
        ["1", "《政府核准的投资项目目录（江西省）》", "承诺制"],  # from above, not 序号 copied
        ["2", "企业投资项目备案", "承诺制"],
    ]


def browser_page(number: int, count: int, body: str) -> Page:
    """A web page printed by a browser: date and title on top, address and counter below."""
    return Page(ops=[
        draw(30, 820, f"2023/3/1 下午3:4{number} 关于印发实施方案的通知_中国政府网", 8),
        draw(72, 700, body),
        draw(30, 20, "https://www.gov.cn/zhengce/content/2023-03/01/content_5744.htm", 8),
        draw(540, 20, f"{number}/{count}", 8),
    ])  # fmt: skip


def test_browser_print_margins_are_dropped_on_every_page() -> None:
    pages = [
        browser_page(1, 3, "一、工作目标"),
        browser_page(2, 3, "二、主要任务"),
        Page(
            ops=[
                draw(30, 790, "2023/3/1 下午3:45 关于印发实施方案的通知", 8),
                draw(72, 700, "三、保障措施"),
            ]
        ),
    ]  # fmt: skip  (header moved, title cut)
    doc = handmade(pages)
    assert [p.text for p in doc.paragraphs] == ["一、工作目标", "二、主要任务", "三、保障措施"]


def test_a_dated_line_in_the_body_is_kept() -> None:
    page = Page(ops=[draw(72, 700, "2023/3/1 起施行。"), draw(72, 680, "一、工作目标")])
    assert [p.text for p in handmade([page]).paragraphs] == ["2023/3/1起施行。", "一、工作目标"]


def test_a_stream_expanding_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    page = body_page()
    page.ops.append("% " + "0" * 400_000)  # a comment: compresses ~1000×
    page.compress = True
    data = pdf_bytes([page])
    assert len(data) < 10_000
    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 100_000)
    with pytest.raises(InputError, match="MAX_STREAM_BYTES"):
        read_document_bytes(data)
    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 1_000_000)
    assert read_document_bytes(data).paragraphs[0].text == MIXED_TITLE


def test_pdfminers_data_loss_is_a_plan_warning_not_stderr(
    capfd: pytest.CaptureFixture[str],
) -> None:
    good = body_page()
    good.compress = True
    data = pdf_bytes([Page(ops=[draw(72, 760, SECOND_TITLE, 16)]), good])
    stream = data.index(b"stream\n", data.index(b"/FlateDecode")) + len(b"stream\n")
    end = data.index(b"\nendstream", stream)
    data = data[: end - 4] + b"\x00" * 4 + data[end:]  # a broken checksum: data may be lost
    doc = read_document_bytes(data)
    assert [w.code for w in doc.warnings] == [pdf_reader.DATA_LOSS]
    assert [p.text for p in doc.paragraphs] == [SECOND_TITLE, MIXED_TITLE, MIXED_BODY]
    assert capfd.readouterr().err == ""


def test_a_pdf_pdfminer_finds_no_pages_in_is_read_through_pdfium(
    fake_ocr: list[list[int] | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_reader, "read_text_pages", lambda path, data: pdf_reader.TextPages())
    doc = read_document_bytes(pdf_bytes([body_page(), body_page(), body_page()]))
    assert fake_ocr == [None] and doc.source.pages == 3
    assert [w.code for w in doc.warnings] == [OCR_PAGES]


def test_pages_are_closed_as_they_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfplumber.page import Page as PlumberPage

    closed: list[int] = []
    close = PlumberPage.close

    def record(page: PlumberPage) -> None:
        if not hasattr(page, "_layout") and page.page_number in closed:
            return
        closed.append(page.page_number)
        close(page)

    monkeypatch.setattr(PlumberPage, "close", record)
    handmade([body_page(), body_page(), body_page()])
    assert closed[:3] == [1, 2, 3]  # each page released before the next is read


# --- pages typeset in columns (extractor.readers.columns) -------------------------------

COLUMN_SIZE = 10.0
COLUMN_PITCH = 16.0
# sentences that fill a few lines of a narrow column, each paragraph its own
COLUMN_PARAGRAPHS = (
    "健全社区治理体系，推动社区服务设施建设，完善社区居民参与机制，形成共建共治共享的良好局面。",
    "加强生活垃圾分类，推行节约用水用电，倡导绿色出行，营造简约适度的社区文化氛围。",
    "建立健全工作台账，定期开展督促检查，及时通报工作进展，确保各项任务按期完成。",
    "鼓励社会组织参与社区建设，培育志愿服务队伍，提升社区居民的获得感和幸福感。",
    "统筹整合各类资金，加大对老旧小区改造的支持力度，优先保障公共服务设施建设需要。",
    "做好宣传引导工作，利用多种媒体广泛宣传，及时总结推广典型经验，营造良好氛围。",
)


def column_ops(
    x: float, y: float, paragraphs: Sequence[str], width: int
) -> tuple[list[str], float]:
    """Operators setting `paragraphs` in a column `width` characters wide from baseline
    `(x, y)` down, each paragraph's first line indented two characters; and the y below."""
    ops = []
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        for start in range(0, len(text), width):
            piece = text[start : start + width]
            indent = len(piece) - len(piece.lstrip("\u3000"))
            ops.append(draw(x + indent * COLUMN_SIZE, y, piece.lstrip("\u3000"), COLUMN_SIZE))
            y -= COLUMN_PITCH
    return ops, y


def column_page(columns: Sequence[Sequence[str]], width: int, gutter: float = 24.0,
                title: str = "", top: float = 780.0) -> Page:  # fmt: skip
    """A page of `columns` (each its paragraphs), `width` characters wide and `gutter`
    points apart, under a `title` centred across the page."""
    ops = []
    if title:
        ops.append(draw((595 - len(title) * 16) / 2, top, title, 16))
        top -= 40
    x = 56.0
    for paragraphs in columns:
        ops.extend(column_ops(x, top, paragraphs, width)[0])
        x += width * COLUMN_SIZE + gutter
    return Page(ops=ops)


def column_warnings(doc: Document) -> list[tuple[str, str]]:
    """The multi-column warnings' codes and the pages they name."""
    return [
        (w.code, w.message.split(" w")[0])
        for w in doc.warnings
        if w.code == pdf_reader.MULTI_COLUMN_PAGES
    ]


def test_a_two_column_page_is_read_column_by_column() -> None:
    left, right = COLUMN_PARAGRAPHS[:3], COLUMN_PARAGRAPHS[3:]
    doc = handmade([body_page(), column_page([left, right], width=22)])
    assert [p.text for p in doc.paragraphs] == [MIXED_TITLE, MIXED_BODY, *left, *right]
    assert column_warnings(doc) == [(pdf_reader.MULTI_COLUMN_PAGES, "page 2")]


def test_a_three_column_page_is_read_column_by_column() -> None:
    columns = [COLUMN_PARAGRAPHS[:2], COLUMN_PARAGRAPHS[2:4], COLUMN_PARAGRAPHS[4:]]
    doc = handmade([column_page(columns, width=14, gutter=20.0)])
    assert [p.text for p in doc.paragraphs] == list(COLUMN_PARAGRAPHS)
    assert column_warnings(doc) == [(pdf_reader.MULTI_COLUMN_PAGES, "page 1")]


def test_a_title_across_two_columns_stays_above_them() -> None:
    left, right = COLUMN_PARAGRAPHS[:3], COLUMN_PARAGRAPHS[3:]
    doc = handmade([column_page([left, right], width=22, title=SECOND_TITLE)])
    assert [p.text for p in doc.paragraphs] == [SECOND_TITLE, *left, *right]


def test_a_column_with_a_heading_and_numbered_items_keeps_them_in_order() -> None:
    ops = [draw(56, 780, "一、工作目标", COLUMN_SIZE)]
    items = [
        "1．" + COLUMN_PARAGRAPHS[0],
        "2．" + COLUMN_PARAGRAPHS[1],
        "3．" + COLUMN_PARAGRAPHS[2],
    ]
    ops += column_ops(56, 764, items, 22)[0]
    ops.append(draw(56 + 22 * COLUMN_SIZE + 24, 780, "二、主要任务", COLUMN_SIZE))
    ops += column_ops(56 + 22 * COLUMN_SIZE + 24, 764, COLUMN_PARAGRAPHS[3:], 22)[0]
    doc = handmade([Page(ops=ops)])
    assert [p.text for p in doc.paragraphs] == [
        "一、工作目标",
        *items,
        "二、主要任务",
        *COLUMN_PARAGRAPHS[3:],
    ]
    assert [s.title for s in build_structure(doc).sections] == ["工作目标", "主要任务"]


def test_a_single_column_page_with_wide_gaps_is_not_split() -> None:
    ops = column_ops(56, 780, COLUMN_PARAGRAPHS[:2], 46)[0]
    contacts = [
        ("联系人：张三", "联系电话：0791-86201234"),
        ("联系人：李四", "联系电话：0791-86205678"),
        ("联系人：王五", "联系电话：0791-86209012"),
    ]
    for row, (name, phone) in enumerate(contacts):
        ops += [draw(84, 640 - row * COLUMN_PITCH, name, COLUMN_SIZE),
                draw(300, 640 - row * COLUMN_PITCH, phone, COLUMN_SIZE)]  # fmt: skip
    doc = handmade([Page(ops=ops)])
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == list(COLUMN_PARAGRAPHS[:2])
    assert texts[2:] == [name + phone for name, phone in contacts]  # one line each, in order
    assert column_warnings(doc) == []


def test_a_page_with_a_table_is_not_split() -> None:
    page = spanned_table_page()
    page.ops += column_ops(56, 600, COLUMN_PARAGRAPHS[:2], 46)[0]
    doc = handmade([page])
    assert [p.text for p in doc.paragraphs] == list(COLUMN_PARAGRAPHS[:2])
    assert len(doc.tables) == 1 and column_warnings(doc) == []
