"""Tests of extractor.fields.attachments: list, headings, their merge, the corpus plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Document, document_from_lines
from extractor.fields.attachments import (
    ATTACHMENT_NUMBER,
    attachment_from_section,
    extract_attachments,
    merge_attachments,
)
from extractor.models import Attachment, Evidence, Section
from extractor.structure import Structure
from extractor.structure.sections import build_sections

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def structure_of(doc: Document) -> Structure:
    """A Structure with the real section tree and no tables."""
    return Structure(doc=doc, sections=build_sections(doc), tables=[])


def summary(attachments: list[Attachment]) -> list[tuple[str | None, str, str | None]]:
    """(number, title, quote) of each attachment."""
    return [(a.number, a.title, a.evidence.quote if a.evidence else None) for a in attachments]


@pytest.mark.parametrize(("text", "number"), [("附件2", "2"), ("附件 12", "12"), ("附件", None)])
def test_attachment_number_pattern(text: str, number: str | None) -> None:
    m = ATTACHMENT_NUMBER.match(text)
    assert m is not None and m.group("number") == number


def test_attachment_number_pattern_rejects() -> None:
    assert ATTACHMENT_NUMBER.match("第一批") is None


def test_list_on_the_attachment_line_and_after() -> None:
    doc = document_from_lines(
        [
            "某县绿色社区创建行动实施方案",
            "一、推进措施",
            "附件：1．某县绿色社区创建标准（试行）",
            "2．某县绿色社区创建名单 ",
            "附件1",
            "某县绿色社区创建标准（试行）",
        ]
    )
    assert summary(extract_attachments(structure_of(doc)).records) == [
        ("1", "某县绿色社区创建标准（试行）", "1．某县绿色社区创建标准（试行）"),
        ("2", "某县绿色社区创建名单", "2．某县绿色社区创建名单"),
    ]


def test_list_with_gaps_keeps_numbers_as_written() -> None:
    doc = document_from_lines(
        ["一、工作措施", "附件：", " 3. 绿色社区创建申报表", "附件3：", "申报表"]
    )
    assert summary(extract_attachments(structure_of(doc)).records) == [
        ("3", "绿色社区创建申报表", "3. 绿色社区创建申报表")
    ]


def test_single_unnumbered_list_entry() -> None:
    doc = document_from_lines(
        ["一、工作措施", "附件：绿色社区创建标准", "附件", "绿色社区创建标准"]
    )
    assert summary(extract_attachments(structure_of(doc)).records) == [
        (None, "绿色社区创建标准", "绿色社区创建标准")
    ]


def test_headings_when_there_is_no_list() -> None:
    doc = document_from_lines(
        ["一、工作措施", "附件1", "创建标准", "1．设施完好。", "附件2：", "创建名单"]
    )
    assert summary(extract_attachments(structure_of(doc)).records) == [
        ("1", "创建标准", "附件1\n创建标准"),
        ("2", "创建名单", "附件2：\n创建名单"),
    ]


def test_no_attachments() -> None:
    doc = document_from_lines(["一、工作目标", "到2021年底，30%以上社区达标。"])
    assert extract_attachments(structure_of(doc)).records == []


def test_attachment_from_section_number() -> None:
    evidence = Evidence(start=0, end=3, quote="附件2")
    section = Section(number="附件2", title="名单", kind="attachment", level=1, evidence=evidence)
    assert attachment_from_section(section).number == "2"
    lone = Section(number="附件", title="标准", kind="attachment", level=1, evidence=evidence)
    assert attachment_from_section(lone).number is None


def test_merge_list_wins_and_headings_fill_its_gaps() -> None:
    evidence = Evidence(start=0, end=1, quote="x")
    listed = [Attachment(number="3", title="申报表", evidence=evidence)]
    headed = [
        Attachment(number="2", title="自评表", evidence=evidence),
        Attachment(number="3", title="申报表（标题）", evidence=evidence),
    ]
    assert merge_attachments(listed, headed) == [headed[0], listed[0]]
    assert merge_attachments(listed, []) == listed
    assert merge_attachments([], headed) == headed
    assert merge_attachments([], []) == []


# --- the five corpus plans -------------------------------------------------------------


def corpus_attachments(name: str) -> list[tuple[str | None, str, str | None]]:
    """(number, title, quote) of the attachments of one corpus plan."""
    from extractor.pipeline import build_structure
    from extractor.readers import read_document

    structure = build_structure(read_document(CORPUS / f"{name}.txt"))
    attachments = extract_attachments(structure).records
    for a in attachments:
        assert a.evidence is not None
        assert structure.doc.text[a.evidence.start : a.evidence.end] == a.evidence.quote
    return summary(attachments)


def test_corpus_hangtai() -> None:
    assert corpus_attachments("hangtai") == [
        ("1", "桓台县绿色社区创建标准（试行）", "1．桓台县绿色社区创建标准（试行）"),
        ("2", "桓台县绿色社区创建名单", "2．桓台县绿色社区创建名单"),
    ]


def test_corpus_qingyang() -> None:
    assert corpus_attachments("qingyang") == [
        ("1", "青阳街道绿色社区创建行动工作领导小组", "1.青阳街道绿色社区创建行动工作领导小组"),
        ("2", "绿色社区创建标准（试行）", "2.绿色社区创建标准（试行）"),
    ]


def test_corpus_wusong() -> None:
    assert corpus_attachments("wusong") == [
        ("2", "绿色社区创建标准自评表", "附件2：\n绿色社区创建标准自评表"),
        ("3", "绿色社区创建申报表", "3. 绿色社区创建申报表"),
    ]


def test_corpus_zhaoxiang() -> None:
    assert corpus_attachments("zhaoxiang") == []


def test_corpus_zhejiang() -> None:
    assert corpus_attachments("zhejiang") == [
        ("1", "绿色社区建设评估参考标准", "1.绿色社区建设评估参考标准"),
        ("2", "绿色社区建设任务完成情况汇总表", "附件2\n绿色社区建设任务完成情况汇总表"),
    ]
