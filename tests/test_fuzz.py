"""Fuzzing (hypothesis) of .txt text and of .docx XML parts: whatever comes in, the only
exception is the project's InputError, the output is schema-valid JSON and every evidence
quote is exactly the text it points at. Bounded to run in well under a minute."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")  # in the dev extra (pyproject.toml)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.errors import InputError  # noqa: E402
from extractor.pipeline import extract_from_document  # noqa: E402
from extractor.readers import read_document  # noqa: E402
from tests import hostile  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

EXAMPLES = 300  # per test: a few seconds each on the development machine
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# pieces of plans: headings of every numbering form, targets, units, table cells, noise
TEXT_PIECES = [
    "一、", "（一）", "(二)", "1．", "2.", "①", "第一章", "第二条", "附件1：", "附表2",
    "到2025年，", "全市80%以上", "社区达标。", "牵头单位：", "市住建局",
    "（市发改委、市财政局按职责分工负责）", "2021年10月底前", "完成", "创建标准", "评分细则",
    "分值", "得分", "扣1分", "扣1-3分", "（20分）",
    "合计", "100", "组长：", "副组长：", "成员：", "绿色社区", "\t", "\t序号\n", "\t内容\n",
    "\n", "\n\n", "\n\n\n", " ", "\u3000", "\u200b", "\ufeff", "- 5 -", "[bookmark: _Hlk1]",
    "《绿色社区创建行动方案》", "〔2020〕68号", "<p>", "{\\rtf1", "\r\n", "\x0c",
]  # fmt: skip
# any character up to the CJK block but control characters (TEXT_PIECES and the byte
# flips bring those in, in doses that a text file may hold)
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), max_codepoint=0x9FFF)
plan_texts = st.lists(
    st.one_of(st.sampled_from(TEXT_PIECES), st.text(ALPHABET, max_size=12)), max_size=60
).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


def evidence_spans(value: Any) -> list[dict]:
    """Every evidence object (`start`, `end`, `quote`) anywhere in a plan's JSON."""
    found: list[dict] = []
    if isinstance(value, dict):
        if {"start", "end", "quote"} <= value.keys():
            found.append(value)
        for inner in value.values():
            found += evidence_spans(inner)
    elif isinstance(value, list):
        for inner in value:
            found += evidence_spans(inner)
    return found


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


OUTCOMES: dict[str, int] = {}  # how the examples ended, to see that most make plans


def check_file(name: str, data: bytes, validator: Any) -> None:
    """Read and extract `data`: an InputError, or a schema-valid plan with exact evidence."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert "\n" not in str(exc)
            OUTCOMES[exc.message[:40]] = OUTCOMES.get(exc.message[:40], 0) + 1
            return
        OUTCOMES["plan"] = OUTCOMES.get("plan", 0) + 1
        plan = extract_from_document(doc)
    payload = json.loads(plan.model_dump_json())
    validator.validate(payload)
    for evidence in evidence_spans(payload):
        assert 0 <= evidence["start"] <= evidence["end"] <= len(doc.text)
        assert doc.text[evidence["start"] : evidence["end"]] == evidence["quote"]


@FUZZ_SETTINGS
@given(text=plan_texts, encoding=encodings)
def test_fuzzed_txt_plans(validator: Any, text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    check_file("plan.txt", data, validator)


@FUZZ_SETTINGS
@given(
    text=plan_texts,
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
)
def test_fuzzed_txt_bytes(validator: Any, text: str, flips: list[tuple[int, int]]) -> None:
    data = bytearray(text.encode("utf-8"))
    for at, value in flips:
        if data:
            data[at % len(data)] = value
    check_file("plan.txt", bytes(data), validator)


# .docx: paragraphs (some numbered, some styled) and tables (spans, ragged rows) over
# numbering definitions with any start and format, then some of the XML bytes damaged
NUMBER_FORMATS = ["decimal", "upperLetter", "lowerRoman", "chineseCounting", "bullet", "none", "?"]
cell_texts = st.one_of(st.sampled_from(TEXT_PIECES), st.text(ALPHABET, max_size=8))
xml_safe = cell_texts.map(
    lambda t: (
        "".join(ch for ch in t if ch in "\t\n" or ord(ch) >= 0x20)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
    )
)
paragraphs = st.builds(
    hostile.paragraph,
    xml_safe,
    st.one_of(st.none(), st.sampled_from(["1", "2", "0"])),
    st.one_of(st.none(), st.sampled_from(["Heading1", "Missing"])),
)
tables = st.builds(
    hostile.table,
    st.lists(st.lists(xml_safe, min_size=1, max_size=5), min_size=1, max_size=5),
    st.integers(1, 70),
)
bodies = st.lists(st.one_of(paragraphs, tables), max_size=12).map("".join)


@FUZZ_SETTINGS
@given(
    body=bodies,
    start=st.one_of(st.integers(-5, 40), st.integers(-(2**40), 2**40)),
    fmt=st.sampled_from(NUMBER_FORMATS),
    flips=st.one_of(
        st.just([]), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3)
    ),
)
def test_fuzzed_docx_parts(
    validator: Any, body: str, start: int, fmt: str, flips: list[tuple[int, int]]
) -> None:
    numbering = hostile.numbering(start, fmt)
    if flips:  # damage the document part's XML
        document = bytearray(body.encode("utf-8"))
        for at, value in flips:
            if document:
                document[at % len(document)] = value
        body = document.decode("utf-8", "replace")
    check_file("plan.docx", hostile.docx_bytes(body, numbering), validator)
