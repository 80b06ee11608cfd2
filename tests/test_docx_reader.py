"""The .docx reader: zip checks, list numbers, merged cells, headers/footers, corpus files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extractor.document import Document, TableBlock
from extractor.errors import InputError
from extractor.readers.docx import (
    MAX_UNCOMPRESSED_BYTES,
    TAB_TEXT,
    W_NS,
    check_docx_archive,
    chinese_counting,
    letters,
    read_docx,
    roman,
)
from extractor.readers.txt import read_txt
from tests.conftest import CORPUS, PLAN_NAMES

SNIPPET = Path("snippet.docx")

# A two-level Chinese heading list and a decimal third level, as Word writes it.
HEADING_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3．"))


def numbering_xml(nums: dict[int, dict[int, int]], levels=HEADING_LEVELS) -> str:
    """numbering.xml with abstract list 7 and `w:num`s (numId → {ilvl: startOverride})."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    num_xml = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="7"/>'
        + "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in overrides.items()
        )
        + "</w:num>"
        for num_id, overrides in nums.items()
    )
    return (
        f'<w:numbering {nsdecls("w")}><w:abstractNum w:abstractNumId="7">{lvls}'
        f"</w:abstractNum>{num_xml}</w:numbering>"
    )


def set_numbering(document: docx.document.Document, xml: str) -> None:
    """Replace the document's numbering definitions with `xml`."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(xml):
        numbering.append(child)


def add_item(document: docx.document.Document, text: str, num_id: int, ilvl: int) -> None:
    """A paragraph numbered by list `num_id` at level `ilvl` (the number not in its text)."""
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = ilvl


def docx_bytes(document: docx.document.Document) -> bytes:
    """The saved bytes of a python-docx document."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(document: docx.document.Document) -> Document:
    """Save and read back a snippet document."""
    return read_docx(SNIPPET, docx_bytes(document))


def zip_of(members: dict[str, bytes]) -> bytes:
    """A deflated zip archive holding `members`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- numbering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"),
     (100, "一百"), (105, "一百零五"), (112, "一百一十二"), (250, "二百五十")],
)  # fmt: skip
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


def test_roman_and_letters() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [letters(n) for n in (1, 26, 27)] == ["A", "Z", "AA"]


def test_list_numbers_are_restored_in_front_of_headings() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({1: {}}))
    document.add_paragraph("前言段落。")
    add_item(document, "工作目标", 1, 0)
    add_item(document, "建立工作机制。绿色社区创建行动由县住建局牵头。", 1, 1)
    add_item(document, "加强调度指导。", 1, 1)
    add_item(document, "制定方案。", 1, 2)
    add_item(document, "选取试点。", 1, 2)
    add_item(document, "创建内容", 1, 0)
    add_item(document, "推进基础设施绿色化", 1, 1)
    add_item(document, "试点总结。", 1, 2)
    texts = [p.text for p in read(document).paragraphs]
    assert texts == [
        "前言段落。",
        "一、工作目标",
        "（一）建立工作机制。绿色社区创建行动由县住建局牵头。",
        "（二）加强调度指导。",
        "1．制定方案。",
        "2．选取试点。",
        "二、创建内容",
        "（一）推进基础设施绿色化",
        "1．试点总结。",
    ]


def test_a_second_num_continues_the_list_unless_its_start_is_overridden() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({1: {}, 2: {}, 3: {0: 5}, 4: {1: 1}}))
    add_item(document, "甲", 1, 0)
    add_item(document, "乙", 2, 0)  # same abstract list: continues → 二
    add_item(document, "丙", 3, 0)  # start overridden: a mis-numbered plan's 五
    add_item(document, "丁", 3, 1)
    add_item(document, "戊", 3, 1)
    add_item(document, "己", 4, 1)  # level 2 restarted
    texts = [p.text for p in read(document).paragraphs]
    assert texts == ["一、甲", "二、乙", "五、丙", "（一）丁", "（二）戊", "（一）己"]


def test_a_list_opening_at_a_deep_level_counts_its_parent_as_started() -> None:
    document = docx.Document()
    levels = (("taiwaneseCountingThousand", "%1、"), *HEADING_LEVELS[1:])
    set_numbering(document, numbering_xml({1: {}}, levels=levels))
    add_item(document, "制定方案。", 1, 2)
    add_item(document, "推广示范阶段", 1, 1)  # the implicit （一） came first: this is （二）
    add_item(document, "组织实施", 1, 0)
    texts = [p.text for p in read(document).paragraphs]
    assert texts == ["1．制定方案。", "（二）推广示范阶段", "二、组织实施"]


def test_empty_numbered_paragraph_counts_but_shows_nothing() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({1: {}}))
    add_item(document, "", 1, 0)
    add_item(document, "第二项", 1, 0)
    assert [p.text for p in read(document).paragraphs] == ["二、第二项"]


def test_bullets_and_unknown_lists_get_no_label() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({1: {}}, levels=(("bullet", "\uf0b7"),)))
    add_item(document, "要点", 1, 0)
    add_item(document, "未定义的列表", 99, 0)
    add_item(document, "列表之外", 0, 0)  # numId 0 switches numbering off
    texts = [p.text for p in read(document).paragraphs]
    assert texts == ["要点", "未定义的列表", "列表之外"]


def test_numbering_from_the_paragraph_style() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({3: {}}))
    style = document.styles.add_style("PlanHeading", 1)  # 1: paragraph style
    style.base_style = document.styles["Normal"]
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 3
    num_pr.get_or_add_ilvl().val = 0
    child = document.styles.add_style("PlanHeadingChild", 1)
    child.base_style = style  # inherits the numbering
    document.add_paragraph("基本原则", style="PlanHeading")
    document.add_paragraph("创建目标", style="PlanHeadingChild")
    assert [p.text for p in read(document).paragraphs] == ["一、基本原则", "二、创建目标"]


def test_half_width_list_text_is_normalised_like_txt() -> None:
    document = docx.Document()
    levels = (("chineseCounting", "(%1)"), ("decimalFullWidth", "%2．"))
    set_numbering(document, numbering_xml({1: {}}, levels=levels))
    add_item(document, "加强组织领导", 1, 0)
    add_item(document, "到 2021 年底完成", 1, 1)
    texts = [p.text for p in read(document).paragraphs]
    assert texts == ["（一）加强组织领导", "1．到2021年底完成"]


# --- paragraph text -------------------------------------------------------------------


def test_runs_tabs_breaks_and_hidden_text() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("目录")
    paragraph.add_run().add_tab()
    paragraph.add_run("3")
    broken = document.add_paragraph("第一行")
    broken.add_run().add_break()  # a soft line break: a new line, i.e. a new block
    broken.add_run("第二行")
    with_field = document.add_paragraph("共")
    with_field._p.append(
        parse_xml(f"<w:r {nsdecls('w')}><w:instrText> NUMPAGES </w:instrText></w:r>")
    )
    with_field.add_run("页")
    deleted = document.add_paragraph("保留")
    deletion = f"<w:del {nsdecls('w')}><w:r><w:delText>删除</w:delText></w:r></w:del>"
    deleted._p.append(parse_xml(deletion))
    document.add_paragraph("- 5 -")  # a page number typed into the body
    document.add_paragraph("   ")
    texts = [p.text for p in read(document).paragraphs]
    assert texts == [f"目录{TAB_TEXT}3", "第一行", "第二行", "共页", "保留"]


def test_hyperlink_and_content_control_text_is_kept() -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(
        0,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt>"
        ),
    )
    link = document.add_paragraph("详见")
    link._p.append(
        parse_xml(f"<w:hyperlink {nsdecls('w')}><w:r><w:t>附件1</w:t></w:r></w:hyperlink>")
    )
    assert [p.text for p in read(document).paragraphs] == ["控件中的段落", "详见附件1"]


# --- tables ---------------------------------------------------------------------------


def cells(block: TableBlock) -> list[list[tuple[str, bool]]]:
    """A table block as (text, merged) pairs."""
    return [[(c.text, c.merged) for c in row] for row in block.rows]


def test_merged_cells_are_given_once_at_their_first_grid_position() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    texts = [
        ["序号", "内容", "权重分", ""],
        ["", "", "合格", "良好"],
        ["1", "建立健全机制", "4", "6"],
        ["2", "", "3", "4"],
    ]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))  # gridSpan: 权重分 over two level columns
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge: 序号 over both header rows
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(2, 1).merge(table.cell(3, 1))  # a dimension over two items
    (block,) = read(document).tables
    assert cells(block) == [
        [("序号", False), ("内容", False), ("权重分", False), ("", True)],
        [("", True), ("", True), ("合格", False), ("良好", False)],
        [("1", False), ("建立健全机制", False), ("4", False), ("6", False)],
        [("2", False), ("", True), ("3", False), ("4", False)],
    ]


def test_cell_paragraphs_and_breaks_are_the_cells_line_breaks() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "标准分"
    table.cell(0, 0).add_paragraph("（１００分）")  # two paragraphs
    table.cell(0, 1).text = "Green"
    table.cell(0, 1).add_paragraph("Community")
    first = table.cell(1, 0).paragraphs[0]
    first.add_run("街道（盖章）")
    first.add_run().add_break()  # a w:br inside one paragraph
    first.add_run("年  月  日")
    doc = read(document)
    (block,) = doc.tables
    assert [c.text for c in block.rows[0]] == ["标准分\n（100分）", "Green\nCommunity"]
    assert block.rows[1][0].text == "街道（盖章）\n年月日"
    assert block.rows[1][1].text == ""
    assert doc.text == "标准分\n（100分）\tGreen\nCommunity\n街道（盖章）\n年月日\t"


def test_a_carriage_return_in_a_cell_is_a_line_break() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.paragraphs[0]._p.append(
        parse_xml(f"<w:r {nsdecls('w')}><w:t>a</w:t><w:cr/><w:t>b</w:t></w:r>")
    )
    assert read(document).tables[0].rows[0][0].text == "a\nb"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["", "a", "b"], "a\nb"),  # an empty paragraph at the start: no break there
        (["a", "b", "  ", ""], "a\nb"),  # nor at the end
        (["a", "", "\u3000", "", "b"], "a\nb"),  # blank paragraphs inside: dropped
        (["", " "], ""),
    ],
)
def test_blank_cell_paragraphs_are_dropped(paragraphs: list[str], expected: str) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)
    assert read(document).tables[0].rows[0][0].text == expected


def test_a_one_cell_tables_lines_are_joined_into_its_paragraph() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "2021年绿色社区"
    cell.add_paragraph("创建计划表")
    assert [p.text for p in read(document).paragraphs] == ["2021年绿色社区创建计划表"]


def test_rows_starting_late_are_padded() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "名称", "地址"
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    row.tc_lst[0].clear_content()
    row.tc_lst[0].add_p().append(parse_xml(f"<w:r {nsdecls('w')}><w:t>宝山路1号</w:t></w:r>"))
    (block,) = read(document).tables
    assert cells(block)[1] == [("", False), ("宝山路1号", False)]


def test_junk_merge_and_list_values_do_not_break_the_reader() -> None:
    document = docx.Document()
    set_numbering(document, numbering_xml({1: {}}))
    add_item(document, "标题", 1, 0)
    document.paragraphs[0]._p.pPr.numPr.ilvl.set(f"{{{W_NS}}}val", "x")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "甲", "乙"
    tc = table.rows[0]._tr.tc_lst[0]
    tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="99999"/>'))
    doc = read(document)
    assert doc.paragraphs[0].text == "一、标题"  # a bad ilvl reads as level 0
    assert len(doc.tables[0].rows[0]) == 64 + 1  # the span is capped at 64 columns


def test_one_cell_table_is_a_paragraph_and_body_order_is_kept() -> None:
    document = docx.Document()
    document.add_paragraph("前")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "2021年绿色社区创建计划表"
    document.add_table(rows=1, cols=2).cell(0, 0).text = "单位"
    document.add_paragraph("后")
    doc = read(document)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Paragraph", "TableBlock", "Paragraph"]
    assert doc.text == "前\n2021年绿色社区创建计划表\n单位\t\n后"


def test_headers_and_footers_stay_out_of_the_body() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉标题"
    footer = section.footer.paragraphs[0]
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
        )
    )
    doc = read(document)
    assert doc.text == "正文"
    assert doc.source.format == "docx"
    assert doc.source.pages is None


# --- bad input ------------------------------------------------------------------------


def test_not_a_zip_is_a_corrupt_docx() -> None:
    with pytest.raises(InputError, match=r"corrupt \.docx \(not a valid zip archive\)"):
        read_docx(SNIPPET, b"PK\x03\x04" + b"\x00" * 100)


def test_truncated_docx_is_corrupt() -> None:
    data = (CORPUS / "hangtai.docx").read_bytes()
    with pytest.raises(InputError, match=r"corrupt \.docx"):
        read_docx(SNIPPET, data[: len(data) // 2])


def test_zip_bomb_by_ratio_is_refused() -> None:
    bomb = zip_of({"word/document.xml": b"<" + b"a" * (20 * 1024 * 1024)})
    with pytest.raises(InputError, match=r"expand past 100×"):
        check_docx_archive(SNIPPET, bomb)


def test_zip_bomb_by_total_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extractor.readers.docx.MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    data = zip_of({"word/document.xml": bytes(range(256)) * 8192})  # 2 MB, barely compressible
    with pytest.raises(InputError, match=r"expand past 1 MB"):
        check_docx_archive(SNIPPET, data)
    assert MAX_UNCOMPRESSED_BYTES == 200 * 1024 * 1024


def test_other_zip_formats_are_named() -> None:
    xlsx = zip_of({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(InputError, match=r"unsupported zip-based format.*Excel"):
        read_docx(SNIPPET, xlsx)
    plain = zip_of({"notes.txt": b"hello"})
    with pytest.raises(InputError, match=r"unsupported zip-based format.*no word/document\.xml"):
        read_docx(SNIPPET, plain)


def test_broken_xml_is_a_corrupt_docx() -> None:
    with zipfile.ZipFile(io.BytesIO((CORPUS / "hangtai.docx").read_bytes())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    with pytest.raises(InputError, match=r"corrupt \.docx \(XMLSyntaxError"):
        read_docx(SNIPPET, zip_of(members))


# --- the corpus .docx files -----------------------------------------------------------


def corpus_pair(name: str) -> tuple[Document, Document]:
    """The corpus plan read from its .txt and from its .docx."""
    txt, docx_path = CORPUS / f"{name}.txt", CORPUS / f"{name}.docx"
    return read_txt(txt, txt.read_bytes()), read_docx(docx_path, docx_path.read_bytes())


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_docx_paragraphs_equal_the_txt(name: str) -> None:
    txt, from_docx = corpus_pair(name)
    assert [p.text for p in from_docx.paragraphs] == [p.text for p in txt.paragraphs]
    assert len(from_docx.tables) == len(txt.tables)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_corpus_docx_tables_equal_the_txt_apart_from_spans(name: str) -> None:
    txt, from_docx = corpus_pair(name)
    for txt_table, docx_table in zip(txt.tables, from_docx.tables, strict=True):
        assert len(docx_table.rows) == len(txt_table.rows)
        for docx_row, txt_row in zip(docx_table.rows, txt_table.rows, strict=True):
            docx_texts, txt_texts = [c.text for c in docx_row], [c.text for c in txt_row]
            if len(docx_texts) == len(txt_texts):  # no horizontal span in this row
                assert docx_texts == txt_texts
            else:  # a span is one cell in the txt, one merged position per column in docx
                assert len(docx_texts) > len(txt_texts)
                assert [t for t in docx_texts if t] == [t for t in txt_texts if t]
                assert sum(c.merged for c in docx_row) >= len(docx_texts) - len(txt_texts)


def test_corpus_headings_get_their_list_numbers_back() -> None:
    docx_path = CORPUS / "qingyang.docx"
    raw = zipfile.ZipFile(docx_path).read("word/document.xml").decode("utf-8")
    assert "创建对象" in raw and "一、创建对象" not in raw  # the number is not in the text
    texts = [p.text for p in read_docx(docx_path, docx_path.read_bytes()).paragraphs]
    assert "一、创建对象" in texts
    assert "4、实施步骤" in texts or "4、 实施步骤" in texts  # mis-numbered: kept as written
    assert any(t.startswith("五、工作措施") for t in texts)  # numbered via a start override
    assert any(t.startswith("1．制定方案。") for t in texts)


def test_corpus_header_and_footer_are_not_read() -> None:
    docx_path = CORPUS / "zhejiang.docx"
    with zipfile.ZipFile(docx_path) as archive:
        assert any(name.startswith("word/footer") for name in archive.namelist())
        footer = next(n for n in archive.namelist() if n.startswith("word/footer"))
        assert b"PAGE" in archive.read(footer)
    txt, from_docx = corpus_pair("zhejiang")
    assert from_docx.text.count(txt.paragraphs[0].text) == txt.text.count(txt.paragraphs[0].text)


def test_corpus_wusong_rubric_header_merges() -> None:
    _, from_docx = corpus_pair("wusong")
    rubric = next(t for t in from_docx.tables if t.rows[0][0].text == "序号")
    assert cells(rubric)[0] == [
        ("序号", False), ("内容", False), ("创建标准", False), ("分值", False),
        ("权重分", False), ("", True), ("", True), ("得分", False),
    ]  # fmt: skip
    assert cells(rubric)[1] == [
        ("", True), ("", True), ("", True), ("", True),
        ("合格", False), ("一般", False), ("良好", False), ("", True),
    ]  # fmt: skip
    assert cells(rubric)[3][1] == ("", True)  # dimension merged over its items
    assert cells(rubric)[-1][:4] == [("合计", False), ("", True), ("", True), ("110", False)]


def stacked_scoring_tables() -> docx.document.Document:
    """One Word table holding two scoring tables one under another: each a full-width
    title row, a two-row header (分值 spanning 合格 and 良好; 序号 and 考核内容 spanning
    both header rows) and its items."""
    rows = [
        ["一、社区考核评分表", "", "", ""],
        ["序号", "考核内容", "分值", ""],
        ["", "", "合格", "良好"],
        ["1", "建立工作机制", "4", "6"],
        ["2", "开展宣传活动", "3", "5"],
        ["二、小区考核评分表", "", "", ""],
        ["序号", "考核内容", "分值", ""],
        ["", "", "合格", "良好"],
        ["1", "垃圾分类设施", "2", "3"],
    ]
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for title in (0, 5):
        table.cell(title, 0).merge(table.cell(title, 3)).text = rows[title][0]
    for header in (1, 6):
        table.cell(header, 2).merge(table.cell(header, 3)).text = "分值"
        table.cell(header, 0).merge(table.cell(header + 1, 0)).text = "序号"
        table.cell(header, 1).merge(table.cell(header + 1, 1)).text = "考核内容"
    return document


def test_stacked_sub_tables_of_one_word_table_are_split_with_their_headers() -> None:
    from extractor.pipeline import build_structure

    first, second = (
        recovered.table for recovered in build_structure(read(stacked_scoring_tables())).tables
    )
    assert (first.title, second.title) == ("一、社区考核评分表", "二、小区考核评分表")
    assert first.header == second.header == ["序号", "考核内容", "分值/合格", "分值/良好"]
    assert first.rows == [["1", "建立工作机制", "4", "6"], ["2", "开展宣传活动", "3", "5"]]
    assert second.rows == [["1", "垃圾分类设施", "2", "3"]]
    assert first.kind == second.kind == "rubric"


# --- spans keep their origin, text boxes, title styles ------------------------------------


def test_merged_cells_say_where_they_start() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "事项名称及类别"
    table.cell(0, 1).merge(table.cell(0, 2))  # gridSpan: the cell to its right is "left"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "1", "甲事项", "容缺"
    table.cell(1, 0).merge(table.cell(2, 0))  # vMerge: the cell below is "above"
    table.cell(2, 1).text, table.cell(2, 2).text = "乙事项", "承诺制"
    (block,) = read(document).tables
    assert [[(c.text, c.merged_from) for c in row] for row in block.rows] == [
        [("序号", None), ("事项名称及类别", None), ("", "left")],
        [("1", None), ("甲事项", None), ("容缺", None)],
        [("", "above"), ("乙事项", None), ("承诺制", None)],
    ]


TEXT_BOX_XML = (
    '<w:r {w}><mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing><wp:anchor {wp}>'
    "<a:graphic {a}><a:graphicData><wps:wsp {wps}><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>{first}</w:t></w:r></w:p><w:p><w:r><w:t>{second}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><v:shape {v}><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>{first}</w:t></w:r></w:p><w:p><w:r><w:t>{second}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)
NAMESPACES = {
    "w": 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    "mc": 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    "wp": 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
    "a": 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
    "wps": 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
    "v": 'xmlns:v="urn:schemas-microsoft-com:vml"',
}


@pytest.mark.parametrize("with_text", [True, False])
def test_a_text_box_is_read_once_after_its_anchor_paragraph(with_text: bool) -> None:
    document = docx.Document()
    document.add_paragraph("关于印发实施方案的通知")
    anchor = document.add_paragraph("各有关单位：" if with_text else "")
    box = TEXT_BOX_XML.format(first="市生态环境局", second="2024年3月1日", **NAMESPACES)
    anchor._p.append(parse_xml(box))
    document.add_paragraph("一、总体要求")
    doc = read(document)
    expected = ["关于印发实施方案的通知", "各有关单位：", "市生态环境局", "2024年3月1日",
                "一、总体要求"]  # fmt: skip
    assert [p.text for p in doc.paragraphs] == [t for t in expected if with_text or "各" not in t]
    box_paragraph = doc.paragraphs[-2]
    assert doc.text[box_paragraph.start : box_paragraph.end] == "2024年3月1日"


def test_a_paragraph_without_a_text_box_reads_as_before() -> None:
    document = docx.Document()
    document.add_paragraph("各有关单位：")
    assert [p.text for p in read(document).paragraphs] == ["各有关单位："]


@pytest.mark.parametrize("style", ["Title", "Heading 1"])
def test_a_title_styled_title_or_heading_1_is_kept_whole_as_the_first_paragraph(
    style: str,
) -> None:
    document = docx.Document()
    document.add_paragraph("2024—2026年某省农机购置与应用补贴实施方案", style=style)
    document.add_paragraph("为贯彻落实有关部署，制定本方案。")
    assert [p.text for p in read(document).paragraphs] == [
        "2024—2026年某省农机购置与应用补贴实施方案",
        "为贯彻落实有关部署，制定本方案。",
    ]


# --- a PDF turned into Word: hard-wrapped lines ------------------------------------------

# GB/T 9704 pages hold 28 characters a line; a conversion at 30 leaves lines of 60 columns
PDF_LINE_CHARS = 30
PDF_INDENT = "\u3000\u3000"  # each paragraph's first line, as the page indents it


def printed_lines(text: str, indent: str) -> list[str]:
    """A paragraph as a page prints it: indented, wrapped at PDF_LINE_CHARS characters."""
    from tests.test_surface_forms import hard_wrap

    return hard_wrap(indent + text, PDF_LINE_CHARS).split("\n")


def pdf_converted_docx(name: str, line_breaks: bool) -> bytes:
    """The seed plan's .docx (which reads as its .txt does, tests/test_formats.py) as if
    converted from its PDF: every body paragraph wrapped into printed lines, a paragraph
    per line or (`line_breaks`) one paragraph with a `w:br` after each line. A paragraph
    with a Word list number keeps it on its first line, which the number indents."""
    import copy

    document = docx.Document(io.BytesIO((CORPUS / f"{name}.docx").read_bytes()))
    for paragraph in list(document.paragraphs):
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if not paragraph.text.strip():
            continue
        lines = printed_lines(paragraph.text.strip(), "" if numbered else PDF_INDENT)
        paragraph.text = lines[0]
        if line_breaks:
            for line in lines[1:]:
                paragraph.add_run().add_break()
                paragraph.add_run(line)
            continue
        anchor = paragraph._p
        for line in lines[1:]:
            following = copy.deepcopy(paragraph._p)
            if following.pPr is not None and following.pPr.numPr is not None:
                following.pPr.remove(following.pPr.numPr)
            anchor.addnext(following)
            anchor = following
            docx.text.paragraph.Paragraph(following, paragraph._parent).text = line
    return docx_bytes(document)


@pytest.mark.parametrize("line_breaks", [False, True], ids=["paragraph_per_line", "w_br"])
@pytest.mark.parametrize("name", ["hangtai", "zhejiang"])
def test_a_pdf_converted_docx_is_joined_as_the_txt_is(name: str, line_breaks: bool) -> None:
    from extractor.pipeline import extract_from_document
    from tests.conftest import extracted, plan_fields

    data = pdf_converted_docx(name, line_breaks)
    doc = read_docx(Path(f"{name}.docx"), data)
    assert max(len(p.text) for p in doc.paragraphs) > 2 * PDF_LINE_CHARS  # joined
    plan = extract_from_document(doc)
    assert plan_fields(plan) == plan_fields(extracted(CORPUS / f"{name}.txt"))


def test_short_lines_of_a_docx_that_is_not_wrapped_stay_paragraphs() -> None:
    # a list of names, one a paragraph, is no hard wrap: nothing is joined
    document = docx.Document()
    for line in ["组长：王某某  县长", "副组长：李某某  副县长", "成员：张某某  县住建局局长"] * 3:
        document.add_paragraph(line)
    assert len(read(document).paragraphs) == 9
