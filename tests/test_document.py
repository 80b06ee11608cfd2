"""The document model: offsets the builder records, pages, evidence trimming."""

from __future__ import annotations

from extractor.document import DocumentBuilder, SourceInfo, document_from_lines


def paged_document():
    builder = DocumentBuilder()
    builder.add_paragraph("第一页", page=1)
    builder.add_table([["序号", "名称"], ["1", ("", True)]], page=2)
    builder.add_paragraph("第三页", page=3)
    return builder.build(SourceInfo(path="x.pdf", format="pdf", sha256="0" * 64, pages=3))


def test_blocks_and_cells_point_into_the_text() -> None:
    doc = paged_document()
    assert doc.text == "第一页\n序号\t名称\n1\t\n第三页"
    table = doc.tables[0]
    assert [[c.text for c in row] for row in table.rows] == [["序号", "名称"], ["1", ""]]
    assert table.rows[1][1].merged and not table.rows[1][0].merged
    for row in table.rows:
        for cell in row:
            assert doc.text[cell.start : cell.end] == cell.text
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == ["第一页", "第三页"]


def test_page_at_and_evidence_pages() -> None:
    doc = paged_document()
    assert doc.page_at(0) == 1
    assert doc.page_at(doc.tables[0].start) == 2
    assert doc.page_at(len(doc.text) - 1) == 3
    assert doc.evidence(doc.paragraphs[1].start, doc.paragraphs[1].end).page == 3


def test_unpaged_input_has_no_pages() -> None:
    doc = document_from_lines(["一、目标", "二、内容"])
    assert doc.page_at(3) is None


def test_evidence_trims_white_space_at_both_ends() -> None:
    doc = document_from_lines(["  到2021年底  "])
    evidence = doc.evidence(0, len(doc.text))
    assert (evidence.quote, evidence.start, evidence.end) == ("到2021年底", 2, 9)
