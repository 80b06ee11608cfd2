"""OCR of scanned PDFs: render scale, box grouping, and the image-only corpus PDF."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractor.readers import read_document
from extractor.readers.ocr import (
    MAX_PAGE_PIXELS,
    OCR_DPI,
    OcrBox,
    boxes_to_lines,
    group_boxes_into_lines,
    recognised_boxes,
    render_scale,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HAS_OCR = importlib.util.find_spec("rapidocr") is not None


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


@pytest.mark.skipif(not HAS_OCR, reason="the [ocr] extra (rapidocr) is not installed")
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
    assert not doc.tables  # scans give lines only
    assert [p.page for p in doc.paragraphs] == sorted(p.page for p in doc.paragraphs)
    assert doc.paragraphs[-1].page == 3
