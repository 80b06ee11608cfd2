"""The document model: offsets the builder records, pages, evidence trimming."""

from __future__ import annotations

import pytest

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


def broken_cells_document():
    """A paragraph, then a table whose cells hold line breaks (CJK and Latin)."""
    builder = DocumentBuilder()
    builder.add_paragraph("前言")
    builder.add_table([["1", "建立健全\n社区人居\n机制"], ["2", "Level A\nfirst"]])
    return builder.build(SourceInfo(path="x.txt", format="txt", sha256="0" * 64))


def test_joined_text_joins_only_the_cells_line_breaks() -> None:
    doc = broken_cells_document()
    assert doc.text == "前言\n1\t建立健全\n社区人居\n机制\n2\tLevel A\nfirst"
    joined = doc.joined
    assert joined.text == "前言\n1\t建立健全社区人居机制\n2\tLevel A first"
    assert joined.breaks == (9, 14)  # the Latin break became a space: not listed


@pytest.mark.parametrize(
    ("words", "quote"),
    [
        ("建立健全社区人居机制", "建立健全\n社区人居\n机制"),
        ("健全社区", "健全\n社区"),
        ("社区", "社区"),
        ("机制\n2", "机制\n2"),  # the row break stays
        ("Level A first", "Level A\nfirst"),
    ],
)
def test_joined_spans_map_back_to_the_text(words: str, quote: str) -> None:
    doc = broken_cells_document()
    joined = doc.joined
    at = joined.text.index(words)
    start, end = joined.source_span(at, at + len(words))
    assert doc.text[start:end] == quote
    assert joined.slice(start, end) == words
    assert joined.joined_offset(start) == at


def test_joined_text_of_a_document_without_breaks_is_its_text() -> None:
    doc = paged_document()
    assert doc.joined.text == doc.text and doc.joined.breaks == ()
    assert doc.joined.source_span(2, 5) == (2, 5)


def test_table_cells_carry_the_merge_origin_the_reader_gives() -> None:
    builder = DocumentBuilder()
    builder.add_table([["序号", "名称"], [("", "above"), ("", "left")], ["2", ("", True)]])
    doc = builder.build(SourceInfo(path="<snippet>", format="docx", sha256="0" * 64))
    (table,) = doc.blocks
    below, last = table.rows[1], table.rows[2]
    assert [(c.merged, c.merged_from) for c in below] == [(True, "above"), (True, "left")]
    assert (last[1].merged, last[1].merged_from) == (True, None)
    assert (last[0].merged, last[0].merged_from) == (False, None)
