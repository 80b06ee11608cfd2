"""The spaCy component `plan_extractor` and the DocBin export (skipped without spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from typer.testing import CliRunner  # noqa: E402

import extractor  # noqa: E402
from extractor.cli import app  # noqa: E402
from extractor.spacy_component import (  # noqa: E402
    COMPONENT_NAME,
    SPAN_KEYS,
    export_docbin,
    offset_map,
)
from tests.conftest import CORPUS  # noqa: E402

# A made-up plan: a target, a dated duty and a bracket of a lead and a participant.
SNIPPET = """某县绿色社区创建行动实施方案
一、工作目标
到2022年，全县60%以上的城市社区达到绿色社区创建要求。
二、主要任务
（一）建立健全社区人居环境建设和整治机制。（县住房城乡建设局牵头，县民政局配合）
三、实施步骤
2021年10月底前，各镇上报创建名单。
"""


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("zh")
    pipeline.add_pipe(COMPONENT_NAME)
    return pipeline


def spans(doc, key: str) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in doc.spans[key]]


def test_the_component_sets_the_plan_and_its_span_groups(nlp) -> None:
    doc = nlp(SNIPPET)
    assert doc._.plan == extractor.extract(SNIPPET)
    assert spans(doc, "targets") == [
        ("到2022年，全县60%以上的城市社区达到绿色社区创建要求", "TARGET")
    ]
    assert spans(doc, "deadlines") == [("2021年10月底前，各镇上报创建名单", "DEADLINE")]
    assert spans(doc, "units") == [("县住房城乡建设局", "LEAD"), ("县民政局", "PARTICIPANT")]
    assert spans(doc, "rubric_items") == []


def test_the_blank_chinese_pipeline_needs_no_segmenter_package(nlp) -> None:
    assert nlp.tokenizer.segmenter == "char"


def test_spans_fall_on_the_same_words_when_the_text_is_not_normalised(nlp) -> None:
    # full-width digits and a hard-wrapped line: the normaliser changes both
    raw = SNIPPET.replace("2022", "２０２２").replace("达到绿色", "达到\n绿色")
    doc = nlp(raw)
    ((text, label),) = spans(doc, "targets")
    assert label == "TARGET"
    assert text == "到２０２２年，全县60%以上的城市社区达到\n绿色社区创建要求"
    assert spans(doc, "units") == [("县住房城乡建设局", "LEAD"), ("县民政局", "PARTICIPANT")]


def test_offset_map_carries_offsets_over_deleted_and_replaced_characters() -> None:
    assert offset_map("abc", "abc") == [0, 1, 2, 3]
    mapping = offset_map("ab", "a\nb")
    assert (mapping[0], mapping[1], mapping[2]) == (0, 2, 3)
    mapping = offset_map("a1b", "a１b")  # full width replaced one for one
    assert mapping == [0, 1, 2, 3]


def test_an_empty_doc_gets_no_plan_and_empty_groups(nlp) -> None:
    doc = nlp("   ")
    assert doc._.plan is None
    assert all(list(doc.spans[key]) == [] for key in SPAN_KEYS)


def test_a_corpus_plan_has_spans_of_every_kind(nlp) -> None:
    doc = nlp((CORPUS / "hangtai.txt").read_text("utf-8"))
    plan = doc._.plan
    assert len(doc.spans["targets"]) == len(plan.targets) == 2
    assert len(doc.spans["rubric_items"]) == 20
    assert ("县住房和城乡建设局", "LEAD") in spans(doc, "units")
    for span, target in zip(doc.spans["targets"], plan.targets, strict=True):
        assert span.text.replace("\n", "") == target.evidence.quote.replace("\n", "")


def test_the_docbin_loads_as_training_examples_with_the_spans(tmp_path: Path, nlp) -> None:
    from spacy.training import Corpus

    pairs = []
    for name in ("hangtai.txt", "zhejiang.docx"):
        document = extractor.read(CORPUS / name)
        pairs.append((document.text, extractor.extract(CORPUS / name)))
    output = tmp_path / "train.spacy"
    assert export_docbin(pairs, output) == 2
    examples = list(Corpus(str(output))(nlp))  # what `spacy train` and `debug data` load
    assert len(examples) == 2
    for example, (text, plan) in zip(examples, pairs, strict=True):
        reference = example.reference
        assert reference.text == text
        assert [s.text for s in reference.spans["targets"]] == [
            t.evidence.quote for t in plan.targets
        ]
        items = [i for r in plan.rubrics for d in r.dimensions for i in d.items]
        assert len(reference.spans["rubric_items"]) == len(items)
        assert {s.label_ for s in reference.spans["units"]} <= {"LEAD", "PARTICIPANT"}


def test_rubric_export_spacy_from_plan_files_and_json(tmp_path: Path) -> None:
    plan_json = tmp_path / "wusong.json"
    plan_json.write_text(
        extractor.extract(CORPUS / "wusong.txt").model_dump_json(), encoding="utf-8"
    )
    output = tmp_path / "out.spacy"
    result = CliRunner().invoke(
        app, ["export", str(CORPUS / "hangtai.txt"), str(plan_json), "--spacy", str(output)]
    )
    assert result.exit_code == 0, result.output
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(output).get_docs(spacy.blank("zh").vocab))
    assert [len(d.spans["rubric_items"]) for d in docs] == [20, 29]


def test_rubric_export_refuses_a_plan_json_whose_source_changed(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(SNIPPET, encoding="utf-8")
    plan_json = tmp_path / "plan.json"
    plan_json.write_text(extractor.extract(source).model_dump_json(), encoding="utf-8")
    source.write_text(SNIPPET + "四、其他\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["export", str(plan_json), "--spacy", str(tmp_path / "o.spacy")]
    )
    assert result.exit_code == 3
    assert "changed since it was extracted" in result.output
    assert not (tmp_path / "o.spacy").exists()
