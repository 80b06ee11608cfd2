"""Metadata: title, jurisdiction, doc number, date, issuers and references."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.document import DocumentBuilder, SourceInfo, document_from_lines
from extractor.fields.metadata import (
    DATE_LINE_PATTERN,
    DOC_NUMBER_PATTERN,
    ISSUER_PATTERN,
    JURISDICTION_PATTERN,
    NOTICE_TITLE_PATTERN,
    PRINTED_DATE_PATTERN,
    REFERENCE_PATTERN,
    TITLE_PATTERN,
    extract_metadata,
    find_doc_number,
    find_issuers,
    find_jurisdiction,
    find_printed_date,
    find_references,
    find_signature_date,
    find_title,
    is_generic_restatement,
    join_wrapped_title,
    normalize_doc_number,
    parse_jurisdiction,
    split_units,
)
from extractor.models import Jurisdiction
from extractor.normalize import normalize_line
from extractor.readers import read_document
from extractor.structure import Structure
from extractor.structure.sections import build_sections
from tests.conftest import CORPUS, extracted


def structure_of(lines: list[str]) -> Structure:
    return Structure(doc=document_from_lines(lines), sections=[], tables=[])


def read_lines(lines: list[str]) -> Structure:
    """A snippet as a reader leaves it: every line normalised (1–2 spaces removed …)."""
    return structure_of([normalize_line(line) for line in lines])


# --- patterns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["桓台县绿色社区创建行动实施方案", "某市生活垃圾分类管理办法", "某区关于加快发展的意见"],
)
def test_title_pattern_matches_title_lines(line: str) -> None:
    assert TITLE_PATTERN.match(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("某区垃圾分类工作实施方案（2023—2025年）", "某区垃圾分类工作实施方案（2023—2025年）"),
        ("某市完整社区建设行动计划(2021-2025)", "某市完整社区建设行动计划(2021-2025)"),
        ("某县河长制工作要点（2022年）", "某县河长制工作要点（2022年）"),
        ("某县实施方案（2023年至2025年）（试行）", "某县实施方案（2023年至2025年）"),
    ],
)  # fmt: skip
def test_title_pattern_keeps_the_period_a_plan_covers(line: str, title: str) -> None:
    match = TITLE_PATTERN.match(line)
    assert match and match.group("title") == title
    assert not TITLE_PATTERN.match("某县实施方案（一）")  # a bracket that states no period


def test_the_plan_a_notice_issues_keeps_its_period() -> None:
    doc = document_from_lines(
        [
            "某区人民政府办公室关于印发《某区垃圾分类工作实施方案（2023—2025年）》的通知",
            "各镇人民政府、街道办事处：",
            "《某区垃圾分类工作实施方案（2023—2025年）》已经区政府同意，现印发给你们。",
            "某区垃圾分类工作实施方案（2023—2025年）",
            "一、总体要求",
        ]
    )
    assert find_title(doc) == "某区垃圾分类工作实施方案（2023—2025年）"
    preamble, first = build_sections(doc)[:2]
    assert (preamble.kind, first.title) == ("preamble", "总体要求")


@pytest.mark.parametrize(
    ("period", "title"),
    [
        ("（2024—2026年）", "某市生活垃圾分类工作实施方案（2024—2026年）"),
        ("(2024-2026)", "某市生活垃圾分类工作实施方案(2024-2026)"),
        ("（2024年）", "某市生活垃圾分类工作实施方案（2024年）"),
        ("（试行）", "某市生活垃圾分类工作实施方案"),  # a status, not a period
        ("2024年3月", "某市生活垃圾分类工作实施方案"),  # a date line under the title
    ],
)
def test_a_period_on_the_line_under_the_title_is_part_of_it(period: str, title: str) -> None:
    doc = document_from_lines(["某市生活垃圾分类工作实施方案", period, "一、工作目标"])
    assert find_title(doc) == title


def test_title_pattern_leaves_a_status_note_out() -> None:
    match = TITLE_PATTERN.match("某镇绿色社区创建实施方案（试行）")
    assert match and match.group("title") == "某镇绿色社区创建实施方案"
    assert not TITLE_PATTERN.match("某镇绿色社区创建标准（试行）")


@pytest.mark.parametrize(
    "line",
    [
        "（一）制定工作方案",
        "(一)制定工作方案",
        "1．制定方案",
        "附件：1．某县绿色社区创建方案",
        "结合实际，制定以下具体创建行动实施方案。",
        "《某市绿色社区创建行动实施方案》",
        "（试行）",
    ],
)
def test_title_pattern_rejects_other_lines(line: str) -> None:
    assert not TITLE_PATTERN.match(line)


def test_notice_title_pattern_across_a_line_break() -> None:
    match = NOTICE_TITLE_PATTERN.search("某街道办事处关于印发\n《某街道绿色社区实施方案》的通知")
    assert match and match.group("title") == "某街道绿色社区实施方案"
    assert not NOTICE_TITLE_PATTERN.search("根据《某市实施方案》的通知精神")


@pytest.mark.parametrize(
    ("title", "name", "level"),
    [
        ("桓台县绿色社区创建行动实施方案", "桓台县", "county"),
        ("吴淞街道绿色社区创建行动实施方案", "吴淞街道", "street"),
        ("赵巷镇绿色社区创建行动实施方案", "赵巷镇", "town"),
        ("浙江省绿色社区建设行动实施方案", "浙江省", "province"),
        ("淄博市绿色社区创建行动实施方案", "淄博市", "city"),
        ("宝山区吴淞街道绿色社区实施方案", "吴淞街道", "street"),
        ("淄博市桓台县住房和城乡建设局", "桓台县", "county"),
        ("某某市某某区人民政府办公室", "某某区", "district"),
        ("上海市宝山区吴淞街道办事处", "吴淞街道", "street"),
        ("内蒙古自治区鄂尔多斯市人民政府", "鄂尔多斯市", "city"),
        ("北京市朝阳区垃圾分类实施方案", "朝阳区", "district"),
        # a body's words that end in a level character are no place inside the first
        ("广东省住房和城乡建设厅", "广东省", "province"),
        ("某省住房城乡建设厅", "某省", "province"),
        ("山东省市场监督管理局", "山东省", "province"),
        ("某市城市管理局", "某市", "city"),
        ("某市中心城区改造方案", "某市", "city"),
        ("某县乡镇垃圾治理方案", "某县", "county"),
        ("某市生态环境局某区分局", "某市", "city"),
        # nor is a place of the same or a higher level
        ("某县某市场改造方案", "某县", "county"),
        ("某某乡人居环境整治方案", "某某乡", "town"),
        ("广西壮族自治区绿色社区方案", "广西壮族自治区", "province"),
    ],
)
def test_jurisdiction_from_the_innermost_place(title: str, name: str, level: str) -> None:
    jurisdiction = parse_jurisdiction(title)
    assert (jurisdiction.name, jurisdiction.level) == (name, level)


@pytest.mark.parametrize(
    "title", ["绿色社区创建行动实施方案", "城乡环境整治方案", "全省绿色社区方案", None]
)
def test_jurisdiction_unknown_without_a_place(title: str | None) -> None:
    assert parse_jurisdiction(title).name is None
    assert parse_jurisdiction(title).level is None


def test_jurisdiction_pattern_stops_at_first_suffix() -> None:
    match = JURISDICTION_PATTERN.match("晋江市青阳街道绿色社区方案")
    assert match and match.group("name") == "晋江市"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("晋政青〔2022〕4号", "晋政青〔2022〕4号"),
        ("建城[2020]68号", "建城〔2020〕68号"),
        ("建城〔2020]68号", "建城〔2020〕68号"),
        ("鲁建城建字〔2020〕 22 号", "鲁建城建字〔2020〕22号"),
        ("住房城乡建设部公告2019年第237号", "住房城乡建设部公告2019年第237号"),
        ("国家市场监督管理总局公告 2021 年第 12 号", "国家市场监督管理总局公告2021年第12号"),
        ("中华人民共和国国务院令第588号", "中华人民共和国国务院令第588号"),
        ("住房和城乡建设部令 第47号", "住房和城乡建设部令第47号"),
        ("某部公告二〇一九年第5号", "某部公告2019年第5号"),
        ("农业农村部令2019年第4号", "农业农村部令2019年第4号"),  # a decree by year
        ("某部令 2021 年 第 3 号", "某部令2021年第3号"),
    ],
)
def test_doc_number_pattern_and_normalisation(text: str, expected: str) -> None:
    match = DOC_NUMBER_PATTERN.search(text)
    assert match and normalize_doc_number(match.group(0)) == expected


def test_doc_number_pattern_needs_year_and_number() -> None:
    assert not DOC_NUMBER_PATTERN.search("建城2020年68号")
    assert not DOC_NUMBER_PATTERN.search("〔2020〕68号")
    assert not DOC_NUMBER_PATTERN.search("公告第12号")  # an announcement's number has its year
    assert not DOC_NUMBER_PATTERN.search("命令12号")  # a decree's has 第


def test_doc_number_is_the_header_line_not_a_citation() -> None:
    doc = document_from_lines(
        ["某街道办事处文件", "晋政青〔2022〕4号", "根据《某方案》（闽建城函〔2020〕56号）"]
    )
    assert find_doc_number(doc) == "晋政青〔2022〕4号"
    cited_only = document_from_lines(["根据《某方案》（闽建城函〔2020〕56号）要求"])
    assert find_doc_number(cited_only) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022年1月7日", dt.date(2022, 1, 7)),
        ("2021年12月31日", dt.date(2021, 12, 31)),
        ("二〇二二年一月七日", dt.date(2022, 1, 7)),
        ("二〇二一年十二月二十七日", dt.date(2021, 12, 27)),
    ],
)
def test_date_line_pattern(line: str, expected: dt.date) -> None:
    doc = document_from_lines(["某街道办事处", "    " + line + "    "])
    assert find_signature_date(doc) == (1, expected)


@pytest.mark.parametrize("line", ["年  月  日", "到2022年1月7日前完成", "2022年1月"])
def test_date_line_pattern_rejects(line: str) -> None:
    assert not DATE_LINE_PATTERN.match(line)


def test_printed_date_pattern_in_a_table_cell() -> None:
    assert PRINTED_DATE_PATTERN.search("某街道党政办      2022年1月7日印发")
    builder = DocumentBuilder()
    builder.add_paragraph("正文。")
    builder.add_table([["某街道党政办                2022年1月7日印发"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_printed_date(doc) == dt.date(2022, 1, 7)
    assert find_printed_date(document_from_lines(["2022年1月7日前印发到各社区。"])) is None


@pytest.mark.parametrize(
    ("lines", "day"),
    [
        (["现将方案印发给你们。", "某县住建局办公室  2023年4月6日印发"], dt.date(2023, 4, 6)),
        (["某县住建局办公室　2023年4月6日印发　"], dt.date(2023, 4, 6)),  # a full-width space
        (["现将方案印发给你们，请认真贯彻执行。"], None),  # 印发 inside a sentence: no look
        (["2023年4月6日前印发到各社区。"], None),
    ],
)
def test_printed_date_of_paragraphs(lines: list[str], day: dt.date | None) -> None:
    assert find_printed_date(document_from_lines(lines)) == day


def test_printed_date_with_the_break_inside_its_word() -> None:
    builder = DocumentBuilder()
    builder.add_table([["某街道党政办", "2022年1月7日印\n发"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_printed_date(doc) == dt.date(2022, 1, 7)


def test_printed_date_in_a_cell_over_two_lines() -> None:
    builder = DocumentBuilder()
    builder.add_table([["某街道党政办", "2022年1月\n7日印发"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_printed_date(doc) == dt.date(2022, 1, 7)


@pytest.mark.parametrize(
    "unit",
    ["桓台县住房和城乡建设局", "青阳街道办事处", "淄博市生态环境局桓台分局", "某县大数据发展中心"],
)
def test_issuer_pattern_matches_units(unit: str) -> None:
    assert ISSUER_PATTERN.match(unit)


@pytest.mark.parametrize("text", ["请认真贯彻落实。", "各社区居委会，各有关单位：", "附件1"])
def test_issuer_pattern_rejects_other_lines(text: str) -> None:
    assert not ISSUER_PATTERN.match(text)


def test_issuers_from_a_layout_table_skipping_blank_cells() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("现印发给你们，请认真贯彻落实。")
    builder.add_table([["某县住房和城乡建设局", " ", "某县公安局"], ["某县民政局", "", ""]])
    builder.add_paragraph("   ")
    builder.add_paragraph("    2021年1月7日")
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    signature = find_signature_date(doc)
    assert signature == (3, dt.date(2021, 1, 7))
    assert find_issuers(doc, signature[0]) == ["某县住房和城乡建设局", "某县公安局", "某县民政局"]


def test_issuer_cell_over_two_lines_is_one_unit() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("现印发给你们，请认真贯彻落实。")
    builder.add_table([["某县住房和\n城乡建设局", "某县公安局"]])
    builder.add_paragraph("2021年1月7日")
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_issuers(doc, 2) == ["某县住房和城乡建设局", "某县公安局"]


def test_issuers_on_one_line_and_none_above_a_body_line() -> None:
    doc = document_from_lines(["请认真贯彻执行。", "某县民政局      某县公安局", "2022年1月7日"])
    assert find_issuers(doc, 2) == ["某县民政局", "某县公安局"]
    assert find_issuers(document_from_lines(["请认真贯彻执行。", "2022年1月7日"]), 1) == []


def test_reference_pattern_with_and_without_number() -> None:
    matches = list(REFERENCE_PATTERN.finditer("根据《甲方案》（建城〔2020〕68号）和《乙方案》等"))
    assert [(m.group("title"), m.group("number")) for m in matches] == [
        ("甲方案", "建城〔2020〕68号"),
        ("乙方案", None),
    ]


def test_reference_pattern_reads_an_announcements_number() -> None:
    match = REFERENCE_PATTERN.search(
        "按照《托儿所、幼儿园建筑设计规范（2019年版）》（住房城乡建设部公告2019年第237号）等要求"
    )
    assert match and match.group("title") == "托儿所、幼儿园建筑设计规范（2019年版）"
    assert match.group("number") == "住房城乡建设部公告2019年第237号"


def test_reference_pattern_keeps_a_nested_title_whole() -> None:
    match = REFERENCE_PATTERN.search(
        "按照《关于印发《绿色社区创建行动方案》的通知》（建城〔2020〕68号）"
    )
    assert match and match.group("title") == "关于印发《绿色社区创建行动方案》的通知"
    assert match.group("number") == "建城〔2020〕68号"


@pytest.mark.parametrize("note", ["（试行）", "(暂行)", "（征求意见稿）"])
def test_the_own_title_with_a_status_note_is_no_reference(note: str) -> None:
    doc = document_from_lines(
        [f"现将《某县教育发展实施方案（2023—2025年）{note}》印发给你们。", "某县教育局"]
    )
    assert find_references(doc, "某县教育发展实施方案（2023—2025年）") == []
    # another plan's title with a status note is cited all the same
    assert [r.title for r in find_references(doc, "某县另一实施方案")] == [
        f"某县教育发展实施方案（2023—2025年）{note}"
    ]


def test_references_deduplicated_without_self_and_attachments() -> None:
    doc = document_from_lines(
        [
            "根据《甲方案》（甲〔2020〕1号）、《某县方案》，制定了《某县实施方案》。",
            "某县实施方案",
            "按照《甲方案》（甲〔2020〕1号）和《甲方案》的要求，对照《某县创建标准》（附件1）。",
        ]
    )
    references = find_references(doc, "某县实施方案")
    assert [(r.title, r.doc_number) for r in references] == [
        ("甲方案", "甲〔2020〕1号"),
        ("某县方案", None),
        ("甲方案", None),
    ]
    first = references[0].evidence
    assert first is not None and first.quote == "《甲方案》（甲〔2020〕1号）"
    assert doc.text[first.start : first.end] == first.quote


def test_a_citation_over_a_cells_line_break_is_one_reference() -> None:
    builder = DocumentBuilder()
    builder.add_paragraph("依据如下。")
    builder.add_table(
        [
            ["序号", "依据"],
            ["1", "《关于开展绿色社区\n创建行动的通知》\n（建城〔2020〕68号）"],
            ["2", "《乙方案》"],
        ]
    )
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    references = find_references(doc, None)
    assert [(r.title, r.doc_number) for r in references] == [
        ("关于开展绿色社区创建行动的通知", "建城〔2020〕68号"),
        ("乙方案", None),
    ]
    first, second = (r.evidence for r in references)
    assert first.quote == "《关于开展绿色社区\n创建行动的通知》\n（建城〔2020〕68号）"
    assert second.quote == "《乙方案》"
    for evidence in (first, second):
        assert doc.text[evidence.start : evidence.end] == evidence.quote


def test_a_citation_does_not_run_over_a_row_break() -> None:
    builder = DocumentBuilder()
    builder.add_table([["1", "《甲方案"], ["2", "乙方案》"]])
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_references(doc, None) == []


def test_notice_title_in_a_cell_over_two_lines() -> None:
    builder = DocumentBuilder()
    builder.add_table([["文件", "关于印发《某县绿色社区\n创建行动实施方案》的通知"]])
    builder.add_paragraph("正文。")
    doc = builder.build(SourceInfo(path="<t>", format="txt", sha256="0" * 64))
    assert find_title(doc) == "某县绿色社区创建行动实施方案"


@pytest.mark.parametrize(
    ("cited", "number", "skipped"),
    [
        ("关于绿色社区创建行动实施方案", None, True),  # names the kind of 《某省…实施方案》
        ("关于印发绿色社区创建行动实施方案", None, True),
        ("关于绿色社区创建行动实施方案", "某〔2020〕1号", False),  # a number: a real document
        ("实施方案", None, False),  # too short a tail to tell
        ("关于开展垃圾分类工作的通知", None, False),  # another document
    ],
)
def test_generic_restatement_of_an_earlier_citation(
    cited: str, number: str | None, skipped: bool
) -> None:
    earlier = ["某省绿色社区创建行动实施方案", "某市绿色社区创建行动实施方案"]
    assert is_generic_restatement(cited, number, earlier) is skipped


def test_title_prefers_the_one_the_notice_names() -> None:
    doc = document_from_lines(
        [
            "某街道办事处关于印发",
            "《某街道绿色社区创建行动实施方案》的通知",
            "某街道办事处",
            "2022年1月7日",
            "某街道绿色社区创建行动实施方案",
            "（试行）",
        ]
    )
    assert find_title(doc) == "某街道绿色社区创建行动实施方案"
    assert find_title(document_from_lines(["一、目标", "全县30%以上。"])) is None


def test_title_wrapped_after_its_place_is_joined() -> None:
    doc = document_from_lines(["某县绿色社区创建行动", "实施方案", "一、目标"])
    assert find_title(doc) == "某县绿色社区创建行动实施方案"
    assert join_wrapped_title("2022年1月7日", "实施方案") == "实施方案"
    assert join_wrapped_title("某街道办事处", "实施方案") == "实施方案"
    assert join_wrapped_title("请认真贯彻执行。", "实施方案") == "实施方案"
    assert join_wrapped_title("绿色社区创建行动", "实施方案") == "绿色社区创建行动实施方案"
    assert join_wrapped_title("某县垃圾分类实施方案", "某县实施方案") == "某县实施方案"


def test_extract_metadata_on_a_small_plan() -> None:
    meta = extract_metadata(
        structure_of(
            [
                "某镇人民政府文件",
                "某政〔2021〕7号",
                "根据《上级方案》（上〔2020〕9号），现印发给你们。",
                "某镇人民政府",
                "2021年3月1日",
                "某镇垃圾分类实施方案",
                "一、目标",
            ]
        )
    )
    assert meta.title == "某镇垃圾分类实施方案"
    assert (meta.jurisdiction.name, meta.jurisdiction.level) == ("某镇", "town")
    assert meta.doc_number == "某政〔2021〕7号"
    assert meta.issued_on == dt.date(2021, 3, 1)
    assert meta.issuers == ["某镇人民政府"]
    assert [r.doc_number for r in meta.references] == ["上〔2020〕9号"]


def test_extract_metadata_of_an_empty_plan_is_unknown() -> None:
    meta = extract_metadata(structure_of(["一、目标", "到2021年底完成。"]))
    assert meta.title is None and meta.doc_number is None and meta.issued_on is None
    assert meta.issuers == [] and meta.references == []


# --- corpus -----------------------------------------------------------------------------

CORPUS_METADATA = {
    "hangtai": (
        "桓台县绿色社区创建行动实施方案",
        ("桓台县", "county"),
        None,
        dt.date(2021, 1, 7),
        [
            "桓台县住房和城乡建设局",
            "桓台县发展和改革局",
            "桓台县教育和体育局",
            "桓台县公安局",
            "桓台县民政局",
            "桓台县自然资源局",
            "淄博市生态环境局桓台分局",
            "桓台县水利局",
            "桓台县市场监督管理局",
            "桓台县综合行政执法局",
            "桓台县大数据发展中心",
        ],
        [
            ("山东省绿色社区创建行动实施方案", "鲁建城建字〔2020〕22号"),
            ("淄博市绿色社区创建行动实施方案", "淄建发〔2020〕192号"),
        ],
    ),
    "wusong": (
        "吴淞街道绿色社区创建行动实施方案",
        ("吴淞街道", "street"),
        None,
        None,
        [],
        [("住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知", "沪建城管联〔2020〕683号")],
    ),
    "zhaoxiang": (
        "赵巷镇绿色社区创建行动实施方案",
        ("赵巷镇", "town"),
        None,
        None,
        [],
        [("住房和城乡建设部等部门关于印发绿色社区创建行动方案的通知", "沪建城管联〔2020〕683号")],
    ),
    "qingyang": (
        "青阳街道绿色社区创建行动实施方案",
        ("青阳街道", "street"),
        "晋政青〔2022〕4号",
        dt.date(2022, 1, 7),
        ["青阳街道办事处"],
        [
            ("福建省住房和城乡建设厅等部门关于开展绿色社区创建行动的通知", "闽建城函〔2020〕56号"),
            ("泉州市绿色社区创建行动实施方案", "泉建科〔2021〕12号"),
            ("晋江市绿色社区创建行动实施方案", None),
            ("住房城乡建设部等部门关于印发绿色社区创建行动方案的通知", "建城〔2020〕68号"),
            ("关于全市推广开展智慧安防小区建设的指导意见", "泉公综〔2020〕359号"),
        ],
    ),
    "zhejiang": (
        "浙江省绿色社区建设行动实施方案",
        ("浙江省", "province"),
        None,
        None,
        [],
        [
            ("绿色社区创建行动方案", "建城〔2020〕68号"),
            ("浙江省绿色生活创建行动总体方案", None),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS_METADATA))
def test_corpus_metadata(name: str) -> None:
    title, (place, level), number, issued_on, issuers, references = CORPUS_METADATA[name]
    plan = extracted(CORPUS / f"{name}.txt")
    assert plan.title == title
    assert (plan.jurisdiction.name, plan.jurisdiction.level) == (place, level)
    assert plan.doc_number == number
    assert plan.issued_on == issued_on
    assert plan.issuers == issuers
    assert [(r.title, r.doc_number) for r in plan.references] == references


@pytest.mark.parametrize("name", sorted(CORPUS_METADATA))
def test_corpus_reference_evidence_is_the_citation(name: str) -> None:
    text = read_document(CORPUS / f"{name}.txt").text
    for reference in extracted(CORPUS / f"{name}.txt").references:
        evidence = reference.evidence
        assert evidence is not None and text[evidence.start : evidence.end] == evidence.quote
        assert evidence.quote.startswith(f"《{reference.title}》")


# --- titles of every kind and layout ----------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "某省人民政府办公厅关于加快发展夜间经济的实施意见",
        "某市人民政府关于进一步做好稳就业工作的意见",
        "某县人民政府关于下达2023年度安置任务的通知",
        "某省人民政府关于同意设立某经济开发区的批复",
        "某市城市生活垃圾分类管理办法",
        "某县2024年河湖长制工作考核细则",
        "某区老旧小区改造三年行动方案（试行）",
    ],
)
def test_a_title_of_every_kind_is_read_whole(title: str) -> None:
    doc = document_from_lines([title, "各有关单位：", "现将有关事项通知如下。"])
    assert find_title(doc) == title.removesuffix("（试行）")


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (  # two lines, the second the subject's end
            ["某省人民政府办公厅关于对成效明显地方", "加大激励支持力度的通知"],
            "某省人民政府办公厅关于对成效明显地方加大激励支持力度的通知",
        ),
        (  # three lines
            ["某县人民政府办公室关于印发", "某县农村人居环境整治", "提升行动方案的通知"],
            "某县农村人居环境整治提升行动方案",
        ),
        (  # the second line starts with a year
            ["某市人民政府关于下达", "2023年市区退役士兵安置任务的通知"],
            "某市人民政府关于下达2023年市区退役士兵安置任务的通知",
        ),
        (  # wrapped at a year range's dash
            ["2024—", "2026年某省农机购置补贴实施方案"],
            "2024—2026年某省农机购置补贴实施方案",
        ),
        (  # wrapped after the year
            ["某省2024—2026年", "农机购置与应用补贴实施方案"],
            "某省2024—2026年农机购置与应用补贴实施方案",
        ),
        (  # issuers on a line of their own, the subject starting with 关于
            ["某省教育厅　某省财政厅", "关于做好学生资助工作的通知"],
            "某省教育厅　某省财政厅关于做好学生资助工作的通知",
        ),
    ],
)
def test_a_title_printed_over_several_lines_is_joined(lines: list[str], title: str) -> None:
    doc = document_from_lines([*lines, "某政发〔2023〕5号", "各有关单位：", "正文。"])
    assert find_title(doc) == title


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (  # the notice's title wrapped right before 的通知, the plan's kind ending a line
            ["某市人民政府办公室关于印发某市", "“十四五”生态环境保护规划", "的通知"],
            "某市“十四五”生态环境保护规划",
        ),
        (
            ["某省人民政府关于印发某省碳达峰实施方案", "的通知"],
            "某省碳达峰实施方案",
        ),
        (  # the document is the notice itself
            ["某县人民政府关于做好防汛工作的实施意见", "的通知"],
            "某县人民政府关于做好防汛工作的实施意见的通知",
        ),
    ],
)
def test_a_title_wrapped_before_its_last_kind_is_joined(lines: list[str], title: str) -> None:
    doc = document_from_lines([*lines, "某政发〔2023〕5号", "各有关单位：", "正文。"])
    assert find_title(doc) == title


def test_a_lone_tail_line_joins_no_title_it_does_not_follow() -> None:
    doc = document_from_lines(["某县垃圾分类实施方案", "各有关单位：", "的通知"])
    assert find_title(doc) == "某县垃圾分类实施方案"


def test_a_title_joins_no_more_than_three_lines_nor_a_body_line() -> None:
    doc = document_from_lines(["甲乙丙丁", "戊己庚辛", "壬癸子丑", "寅卯辰巳实施方案"])
    assert find_title(doc) == "戊己庚辛壬癸子丑寅卯辰巳实施方案"
    doc = document_from_lines(["现通知如下：", "某县垃圾分类实施方案"])
    assert find_title(doc) == "某县垃圾分类实施方案"
    doc = document_from_lines(["某县人民政府文件", "某县垃圾分类实施方案"])  # red header
    assert find_title(doc) == "某县垃圾分类实施方案"
    doc = document_from_lines(["（此件公开发布）", "某县垃圾分类实施方案"])
    assert find_title(doc) == "某县垃圾分类实施方案"


def test_a_signing_unit_is_no_part_of_the_plan_title_below_it() -> None:
    doc = document_from_lines(["现印发给你们。", "某县住房和城乡建设局", "某县垃圾分类实施方案"])
    assert find_title(doc) == "某县垃圾分类实施方案"


@pytest.mark.parametrize(
    "lines",
    [
        [  # the notice names the plan without 《》, over two lines
            "某省农业农村厅关于印发2024—2026年某省农机",
            "购置与应用补贴实施方案的通知",
            "各市县农业农村局：",
            "现将方案印发给你们，请认真执行。",
        ],
        [  # the notice's title is generic, its body names the plan in full
            "某省农业农村厅　某省财政厅关于印发补贴方案的通知",
            "各市县农业农村局：",
            "现将《2024—2026年某省农机购置与应用补贴实施方案》印发给你们，请认真执行。",
        ],
        [  # the body says the plan was approved, then issues it
            "某省人民政府办公厅关于印发实施方案的通知",
            "《2024—2026年某省农机购置与应用补贴实施方案》已经省政府同意，现印发给你们。",
        ],
    ],
)
def test_a_cover_notice_gives_way_to_the_plan_it_issues(lines: list[str]) -> None:
    doc = document_from_lines([*lines, "2024年3月1日", "2024—2026年某省农机购置与应用补贴实施方案"])
    assert find_title(doc) == "2024—2026年某省农机购置与应用补贴实施方案"


def test_a_notice_that_is_the_document_wins_over_its_attachment() -> None:
    doc = document_from_lines(
        [
            "某市人民政府关于下达2023年安置任务的通知",
            "各区人民政府：",
            "根据《某某条例》，现将安置任务下达给你们。",
            "附件：2023年安置任务分配方案",
            "某市人民政府",
            "2023年10月16日",
            "附件",
            "2023年安置任务",
            "分配方案",
        ]
    )
    assert find_title(doc) == "某市人民政府关于下达2023年安置任务的通知"
    # an attachment's title is the title only when the text has no other
    only = document_from_lines(["附件1", "某县绿色社区创建申报方案", "一、申报条件"])
    assert find_title(only) == "某县绿色社区创建申报方案"


def test_a_forwarding_notice_is_its_own_title() -> None:
    doc = document_from_lines(["某市人民政府关于转发《某省垃圾分类实施方案》的通知", "正文。"])
    assert find_title(doc) == "某市人民政府关于转发《某省垃圾分类实施方案》的通知"


def test_a_title_line_is_never_a_citation_nor_a_sentence() -> None:
    assert find_title(document_from_lines(["《某县垃圾分类实施方案》", "正文。"])) is None
    doc = document_from_lines(["按照上级要求，制定本实施方案。", "一、目标"])
    assert find_title(doc) is None


# --- jurisdiction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "国务院关于印发某某改革实施方案的通知",
        "国务院办公厅关于加强某某工作的意见",
        "中共中央办公厅　国务院办公厅关于加强某某工作的意见",
        "教育部关于做好某某工作的通知",
        "生态环境部办公厅关于开展某某试点的通知",
        "国家发展改革委关于印发某某行动方案的通知",
        "教育部　财政部关于实施某某计划的意见",
    ],
)
def test_a_national_issuer_gives_a_national_jurisdiction(head: str) -> None:
    meta = extract_metadata(structure_of([head, "各省、自治区、直辖市：", "正文。"]))
    assert (meta.jurisdiction.name, meta.jurisdiction.level) == ("全国", "national")


def test_a_national_signature_gives_a_national_jurisdiction() -> None:
    meta = extract_metadata(
        structure_of(["某某试点工作方案", "正文。", "国务院办公厅", "2018年12月29日"])
    )
    assert (meta.jurisdiction.name, meta.jurisdiction.level) == ("全国", "national")
    assert meta.issuers == ["国务院办公厅"]


@pytest.mark.parametrize(
    ("head", "name", "level"),
    [
        ("某某省人民政府办公厅关于加快发展流通的实施意见", "某某省", "province"),
        ("某某市人民政府关于下达安置任务的通知", "某某市", "city"),
        ("某某县人民政府关于印发全省统一方案的通知", "某某县", "county"),
        ("某某区教育局关于做好招生工作的通知", "某某区", "district"),
        ("某某街道办事处关于开展创建工作的通知", "某某街道", "street"),
    ],
)
def test_the_issuers_place_before_a_places_in_the_subject(head: str, name: str, level: str) -> None:
    meta = extract_metadata(structure_of([head, "正文。"]))
    assert (meta.jurisdiction.name, meta.jurisdiction.level) == (name, level)


def test_a_local_body_is_not_national() -> None:
    meta = extract_metadata(
        structure_of(["关于做好防汛工作的通知", "正文。", "县委农工部", "2018年1月2日"])
    )
    assert meta.jurisdiction.level is None


# --- issuers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "某某省教育厅　某某省财政厅",  # one full-width space
        "某某省教育厅    某某省财政厅",  # a wide gap
        "某某省教育厅、某某省财政厅",
        "某某省教育厅某某省财政厅",  # run together, as the readers leave 1–2 spaces
    ],
)
def test_issuers_printed_on_one_line_are_split(line: str) -> None:
    doc = document_from_lines(["请认真贯彻执行。", line, "2023年10月16日"])
    assert find_issuers(doc, 2) == ["某某省教育厅", "某某省财政厅"]


@pytest.mark.parametrize(
    "unit",
    ["某某省人民政府办公厅", "国务院办公厅", "某某市公安局某某区分局", "生态环境部办公厅"],
)
def test_a_unit_with_a_unit_inside_stays_whole(unit: str) -> None:
    assert split_units(unit) == [unit]


def test_fused_national_units_split() -> None:
    assert split_units("中共中央办公厅国务院办公厅") == ["中共中央办公厅", "国务院办公厅"]
    assert split_units("教育部财政部") == ["教育部", "财政部"]
    assert split_units("请认真贯彻执行") is None


def test_issuers_from_the_title_when_the_signature_has_none() -> None:
    meta = extract_metadata(
        structure_of(["某某省教育厅　某某省财政厅关于做好资助工作的通知", "正文。", "2023年1月2日"])
    )
    assert meta.issuers == ["某某省教育厅", "某某省财政厅"]
    unnamed = extract_metadata(structure_of(["某县垃圾分类实施方案", "正文。", "2023年1月2日"]))
    assert unnamed.issuers == []


# --- the document's own number ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("国办发〔2018〕128号", "国办发〔2018〕128号"),
        ("国办发[2018]128号", "国办发〔2018〕128号"),
        ("国办发（2018）128号", "国办发〔2018〕128号"),
        ("国办发(2018)128号", "国办发〔2018〕128号"),
        ("（国办函〔2018〕74号）", "国办函〔2018〕74号"),
        ("某政发〔2021〕7号     签发人：张三", "某政发〔2021〕7号"),
    ],
)
def test_the_own_number_on_its_own_line(line: str, expected: str) -> None:
    doc = document_from_lines(["国务院办公厅关于某某工作的通知", line, "各省人民政府："])
    assert find_doc_number(doc) == expected
    assert find_doc_number(document_from_lines([normalize_line(line)])) == expected


def test_the_own_number_in_the_signature() -> None:
    doc = document_from_lines(
        ["某某工作方案", "正文。", "某市人民政府", "2023年1月2日", "某政发〔2023〕3号"]
    )
    assert find_doc_number(doc) == "某政发〔2023〕3号"


@pytest.mark.parametrize(
    "lines",
    [
        ["根据《某某意见》（退役军人部发〔2018〕27号）要求，现通知如下。"],
        ["根据《某某意见》", "（退役军人部发〔2018〕27号）", "现通知如下。"],
        ["国办发〔2018〕128号文件精神要求各地落实。"],
    ],
)
def test_a_cited_number_is_not_the_own_number(lines: list[str]) -> None:
    assert find_doc_number(document_from_lines(lines)) is None


# --- the signature date -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["2023年10月16日", "2023 年 10 月 16 日", "二〇二三年十月十六日", "二○二三年十月十六日"],
)
def test_the_signature_date_in_any_form(line: str) -> None:
    meta = extract_metadata(read_lines(["某某工作方案", "正文。", "某县人民政府", line]))
    assert meta.issued_on == dt.date(2023, 10, 16)
    assert meta.issuers == ["某县人民政府"]


@pytest.mark.parametrize(
    ("unit", "name", "level"),
    [
        ("中共某县委办公室", "某县", "county"),
        ("中国共产党某市委员会", "某市", "city"),
        ("中共中央办公厅", None, None),  # the party's centre names no place
    ],
)
def test_a_party_bodys_jurisdiction_is_its_place(
    unit: str, name: str | None, level: str | None
) -> None:
    jurisdiction = parse_jurisdiction(unit)
    assert (jurisdiction.name, jurisdiction.level) == (name, level)


@pytest.mark.parametrize(
    ("unit", "name"),
    [
        ("幸福社区居民委员会", "幸福社区"),
        ("幸福社区居委会", "幸福社区"),
        ("中共幸福社区委员会", "幸福社区"),
    ],
)
def test_a_communitys_own_body_gives_the_community(unit: str, name: str) -> None:
    assert find_jurisdiction("幸福社区垃圾分类工作方案", [], [unit]) == Jurisdiction(
        name=name, level="community"
    )


def test_a_community_word_in_another_unit_gives_no_community() -> None:
    assert find_jurisdiction("绿色社区创建方案", [], ["绿色社区创建工作办公室"]).level is None
