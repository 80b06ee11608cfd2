"""OCR of scanned PDFs: render scale, box grouping, tables and lines of a page, page
selection, the image-only corpus PDF, and a mixed PDF (text pages and one scanned page)."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractor.readers import ocr, read_document
from extractor.readers.ocr import (
    HEIGHT_AXIS,
    MAX_PAGE_PIXELS,
    OCR_DPI,
    RECOGNITION_LINE_HEIGHT,
    RECOGNITION_MIN_WIDTH,
    OcrBox,
    OcrEngine,
    any_height_recogniser,
    boxes_to_lines,
    bundled_recogniser,
    group_boxes_into_lines,
    load_engine,
    ocr_pdf_items,
    page_items,
    recognised_boxes,
    render_scale,
)
from extractor.readers.page_layout import SPANNED_LEFT
from extractor.readers.pdf import OCR_PAGES, PageTable, TextLine, read_pdf
from extractor.readers.scan_tables import Cell, ScanTable

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HAS_OCR = importlib.util.find_spec("rapidocr") is not None
needs_ocr = pytest.mark.skipif(not HAS_OCR, reason="the [ocr] extra (rapidocr) is not installed")


def box(text: str, x0: float, top: float, x1: float, height: float = 30.0) -> OcrBox:
    return OcrBox(text=text, x0=x0, top=top, x1=x1, bottom=top + height)


def test_render_scale_is_the_ocr_dpi_for_an_ordinary_page() -> None:
    assert render_scale(595.0, 842.0) == pytest.approx(OCR_DPI / 72)


def test_render_scale_shrinks_a_huge_page_to_the_pixel_cap() -> None:
    scale = render_scale(14400.0, 14400.0)  # a 200-inch square page
    assert scale < OCR_DPI / 72
    assert (14400 * scale) ** 2 == pytest.approx(MAX_PAGE_PIXELS)


def test_boxes_with_close_centres_form_one_line_left_to_right() -> None:
    boxes = [box("创建达标。", 500, 102, 700), box("到2021年底，", 100, 100, 480),
             box("二、创建范围", 100, 150, 300)]  # fmt: skip
    lines = group_boxes_into_lines(boxes)
    assert [[b.text for b in line] for line in lines] == [
        ["到2021年底，", "创建达标。"],
        ["二、创建范围"],
    ]


def test_boxes_half_a_line_apart_are_separate_lines() -> None:
    lines = group_boxes_into_lines([box("上", 100, 100, 130), box("下", 100, 116, 130)])
    assert len(lines) == 2


def test_recognised_boxes_drop_low_scores_and_blank_text() -> None:
    quad = [[10, 20], [110, 20], [110, 50], [10, 50]]
    result = SimpleNamespace(boxes=[quad, quad, quad], txts=("社区", "噪", " "),
                             scores=(0.99, 0.2, 0.9))  # fmt: skip
    assert recognised_boxes(result) == [OcrBox("社区", 10.0, 20.0, 110.0, 50.0)]
    assert recognised_boxes(SimpleNamespace(boxes=None, txts=None, scores=None)) == []


def test_boxes_to_lines_converts_pixels_to_points() -> None:
    (line,) = boxes_to_lines([box("社区", 150, 300, 450)], page=2, scale=2.0, size=(612, 792))
    assert (line.text, line.page, line.x0, line.x1, line.top) == ("社区", 2, 75.0, 225.0, 150.0)
    assert line.size == 15.0 and line.page_height == 792


def test_ocr_pdf_items_reads_only_the_pages_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numpy")
    rendered: list[tuple[int, ...]] = []

    def read(image):  # a stand-in engine: one box saying how many pages it has seen
        rendered.append(image.shape)
        quad = [[150, 300], [450, 300], [450, 330], [150, 330]]
        return SimpleNamespace(boxes=[quad], txts=(f"第{len(rendered)}张",), scores=(0.99,))

    monkeypatch.setattr(ocr, "load_engine", lambda: OcrEngine(read=read, model_folder=None))
    data = (CORPUS / "zhaoxiang_scan.pdf").read_bytes()
    lines = ocr_pdf_items(data, pages={3, 1})
    assert [(line.page, line.text) for line in lines] == [(1, "第1张"), (3, "第2张")]
    assert len(ocr_pdf_items(data)) == 3 and len(rendered) == 5


def test_page_items_fill_tables_with_their_boxes_and_keep_the_rest_as_lines() -> None:
    table = ScanTable((Cell(100, 400, 300, 460), Cell(300, 400, 500, 460)))
    boxes = [box("附件1", 100, 300, 200), box("内容", 120, 410, 200, height=20),
             box("分值", 320, 410, 400, height=20), box("- 3 -", 280, 1500, 320)]  # fmt: skip
    items = page_items(boxes, [table], page=2, scale=2.0, size=(612, 792))
    assert [type(item) for item in items] == [TextLine, PageTable, TextLine]
    heading, scanned, footer = items
    assert isinstance(scanned, PageTable)
    assert (scanned.rows, scanned.page, scanned.top) == ((("内容", "分值"),), 2, 200.0)
    assert (heading.text, heading.top, footer.text) == ("附件1", 150.0, "- 3 -")


def test_page_items_cut_a_scanned_grid_of_two_tables_as_a_text_pdfs_is_cut() -> None:
    # two titled rosters drawn edge to edge, their middle rulings 20 px apart: one grid
    # of three columns, of which each table uses two
    def part(title: str, top: float, middle: float) -> tuple[Cell, ...]:
        rows = [(top + 40, top + 80), (top + 80, top + 120)]
        cells = [Cell(100, top, 500, top + 40)]  # the title, across the table
        for upper, lower in rows:
            cells += [Cell(100, upper, middle, lower), Cell(middle, upper, 500, lower)]
        return tuple(cells)

    table = ScanTable(part("2021年计划表", 100, 300) + part("2022年计划表", 220, 320))
    boxes = [box("2021年计划表", 200, 110, 400, height=20),
             box("单位", 150, 150, 200, height=20), box("吴淞街道", 350, 150, 450, height=20),
             box("和丰居委会", 150, 190, 250, height=20), box("淞滨路", 350, 190, 450, height=20),
             box("2022年计划表", 200, 230, 400, height=20),
             box("单位", 150, 270, 200, height=20), box("吴淞街道", 360, 270, 460, height=20),
             box("长征新村居委会", 150, 310, 300, height=20),
             box("长征新村", 360, 310, 460, height=20)]  # fmt: skip
    items = page_items(boxes, [table], page=1, scale=2.0, size=(612, 792))
    assert [item.rows for item in items if isinstance(item, PageTable)] == [
        (("2021年计划表", SPANNED_LEFT), ("单位", "吴淞街道"), ("和丰居委会", "淞滨路")),
        (("2022年计划表", SPANNED_LEFT), ("单位", "吴淞街道"), ("长征新村居委会", "长征新村")),
    ]


@pytest.fixture
def fresh_engine():
    """load_engine built anew for the test, and again afterwards for the other tests."""
    load_engine.cache_clear()
    yield load_engine
    load_engine.cache_clear()


def recogniser_input(path: Path):
    """The declared input of an ONNX model: `(name, dims, metadata keys)`."""
    import onnx

    model = onnx.load(str(path))
    dims = model.graph.input[0].type.tensor_type.shape.dim
    return model.graph.input[0].name, dims, {prop.key for prop in model.metadata_props}


@needs_ocr
def test_the_freed_recogniser_takes_any_height_and_keeps_its_characters(
    tmp_path: Path,
) -> None:
    freed = any_height_recogniser(tmp_path)
    assert freed is not None and freed.parent == tmp_path
    name, dims, metadata = recogniser_input(freed)
    original_name, original_dims, original_metadata = recogniser_input(bundled_recogniser())
    assert dims[HEIGHT_AXIS].dim_param == "height" and not dims[HEIGHT_AXIS].dim_value
    assert name == original_name
    assert "character" in metadata and metadata == original_metadata
    # every other axis is declared as before
    other = [d for axis, d in enumerate(dims) if axis != HEIGHT_AXIS]
    original_other = [d for axis, d in enumerate(original_dims) if axis != HEIGHT_AXIS]
    assert other == original_other


@needs_ocr
def test_no_single_bundled_recogniser_means_no_freed_copy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from extractor.readers import ocr

    monkeypatch.setattr(ocr, "RECOGNITION_MODEL_GLOB", "*.onnx")  # det, rec and cls
    assert bundled_recogniser() is None and any_height_recogniser(tmp_path) is None


@needs_ocr
def test_the_engine_reads_lines_at_the_recognition_height(fresh_engine) -> None:
    engine = fresh_engine()
    assert list(engine.read.cfg.Rec.rec_img_shape) == [
        3,
        RECOGNITION_LINE_HEIGHT,
        RECOGNITION_MIN_WIDTH,
    ]
    assert Path(engine.read.cfg.Rec.model_path).parent == Path(engine.model_folder.name)


@needs_ocr
def test_without_onnx_the_engine_keeps_rapidocrs_own_height(
    fresh_engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` now fails
    assert any_height_recogniser(tmp_path) is None and not any(tmp_path.iterdir())
    engine = fresh_engine()
    assert engine.model_folder is None
    assert engine.read.cfg.Rec.model_path is None and engine.read.cfg.Rec.rec_img_shape[1] == 48


@needs_ocr
def test_ocr_reads_the_image_only_corpus_pdf() -> None:
    doc = read_document(CORPUS / "zhaoxiang_scan.pdf")
    texts = [p.text for p in doc.paragraphs]
    assert doc.source.format == "pdf" and doc.source.pages == 3
    assert texts[0] == "赵巷镇绿色社区创建行动实施方案"
    for heading in ("一、工作目标", "二、创建范围", "三、创建内容"):
        assert heading in texts
    assert texts[texts.index("一、工作目标") + 1].startswith(
        "到2021年底，推广绿色社区创建示范成果，全镇45%以上城市社区创建达标。"
    )
    assert not doc.tables  # this plan has no ruled table
    assert [p.page for p in doc.paragraphs] == sorted(p.page for p in doc.paragraphs)
    assert doc.paragraphs[-1].page == 3


@needs_ocr
def test_ocr_reads_the_scanned_page_of_a_mixed_pdf_in_page_order() -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    text_pages = pypdf.PdfReader(CORPUS / "zhaoxiang.pdf").pages
    writer.add_page(text_pages[0])
    writer.add_page(text_pages[1])
    writer.add_page(pypdf.PdfReader(CORPUS / "zhaoxiang_scan.pdf").pages[2])  # one OCR page
    out = io.BytesIO()
    writer.write(out)
    doc = read_pdf(Path("mixed.pdf"), out.getvalue())
    from_text = read_document(CORPUS / "zhaoxiang.pdf")
    # pages 1-2 from the text layer, as in the text PDF; page 3 by OCR, after them
    assert [(p.page, p.text) for p in doc.paragraphs[:-1]] == [
        (p.page, p.text) for p in from_text.paragraphs[:-1]
    ]
    last = doc.paragraphs[-1]
    assert last.page == 3 and last.text.startswith(
        "（三）加强宣传动员。加大绿色社区创建行动的宣传力度"
    )
    assert doc.evidence(last.start, last.end).page == 3
    assert [(w.code, w.message.split(":")[0]) for w in doc.warnings] == [
        (OCR_PAGES, "page 3 was read by OCR")
    ]
