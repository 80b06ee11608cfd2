"""The public Python API (`import extractor`): only its documented names are used here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from tests.conftest import CORPUS, ROOT

HANGTAI = CORPUS / "hangtai.txt"

# A made-up plan: a target, a dated duty and a bracket of units.
SNIPPET = """某县绿色社区创建行动实施方案
一、工作目标
到2022年，全县60%以上的城市社区达到绿色社区创建要求。
二、主要任务
（一）建立健全社区人居环境建设和整治机制。（县住房城乡建设局牵头，县民政局配合）
三、实施步骤
2021年10月底前，各镇上报创建名单。
"""

RUBRIC = {
    "title": "某社区创建评分表",
    "total_points": 20,
    "pass_score": 12,
    "dimensions": [
        {
            "name": "组织",
            "points": 20,
            "items": [
                {
                    "number": "1",
                    "criterion": "建立工作机制",
                    "points": 10,
                    "evidence": {"start": 0, "end": 1, "quote": "x"},
                },
                {
                    "number": "2",
                    "criterion": "开展宣传",
                    "level_points": {"合格": 6, "良好": 10},
                    "evidence": {"start": 1, "end": 2, "quote": "y"},
                },
            ],
        }
    ],
    "evidence": {"start": 0, "end": 2, "quote": "xy"},
}

HEAVY_MODULES = ("pydantic", "spacy", "dask", "distributed", "pyarrow", "jieba")


def run_python(code: str) -> str:
    """Run `code` in a fresh interpreter at the repository root; its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_import_is_cheap_and_extract_never_imports_the_optional_libraries() -> None:
    code = (
        "import sys, extractor\n"
        f"heavy = {HEAVY_MODULES!r}\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(loaded())\n"
        "extractor.extract('corpus/hangtai.txt')\n"
        "print(loaded())\n"
    )
    at_import, after_extract = run_python(code).splitlines()
    assert at_import == "[]"
    assert "pydantic" in after_extract  # the models are built by then
    for name in ("spacy", "dask", "distributed", "pyarrow"):
        assert f"'{name}" not in after_extract


def test_a_path_its_bytes_and_its_text_give_the_same_plan() -> None:
    by_path = extractor.extract(HANGTAI)
    by_str_path = extractor.extract("corpus/hangtai.txt")
    by_bytes = extractor.extract(HANGTAI.read_bytes())
    by_text = extractor.extract(HANGTAI.read_text("utf-8"))
    assert by_path.title == "桓台县绿色社区创建行动实施方案"
    assert by_str_path.source.path == "corpus/hangtai.txt"
    assert by_bytes.source.path == "<bytes>"
    assert by_text.source.path == "<text>"
    for other in (by_str_path, by_bytes, by_text):
        assert extractor.diff(by_path, other, with_evidence=True) == []
    assert by_bytes.source.sha256 == by_path.source.sha256


def test_word_bytes_are_read_by_their_content() -> None:
    plan = extractor.extract((CORPUS / "hangtai.docx").read_bytes())
    assert plan.source.format == "docx"
    changes = extractor.diff(extractor.extract(HANGTAI), plan)
    assert {c.path for c in changes} == {"source.format", "source.sha256"}


def test_a_one_line_text_without_a_file_suffix_is_text_not_a_path() -> None:
    plan = extractor.extract("到2022年，全县60%以上的城市社区达到创建要求。")
    assert plan.source.path == "<text>"
    assert [(t.year, t.percent) for t in plan.targets] == [(2022, 60.0)]


def test_a_snippet_extracts_its_records() -> None:
    plan = extractor.extract(SNIPPET)
    assert [(t.year, t.percent, t.subject) for t in plan.targets] == [(2022, 60.0, "城市社区")]
    assert [str(d.date) for d in plan.deadlines] == ["2021-10-31"]
    (duty,) = plan.responsibilities
    assert (duty.lead, duty.participants) == (["县住房城乡建设局"], ["县民政局"])


def test_read_gives_the_text_that_evidence_points_into() -> None:
    document = extractor.read(SNIPPET)
    plan = extractor.extract(SNIPPET)
    evidence = plan.targets[0].evidence
    assert document.text[evidence.start : evidence.end] == evidence.quote
    assert isinstance(document, extractor.Document)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("missing-plan.txt", "no such file"),
        (b"", "file is empty"),
        ("  \n ", "no text"),
    ],
)
def test_unreadable_inputs_raise_input_error(source: str | bytes, message: str) -> None:
    with pytest.raises(extractor.InputError, match=message) as caught:
        extractor.extract(source)
    assert caught.value.exit_code == 3


def test_a_format_that_contradicts_the_bytes_is_an_input_error() -> None:
    assert extractor.read(HANGTAI, format="txt").source.format == "txt"
    with pytest.raises(extractor.InputError, match="the content is docx, not pdf"):
        extractor.read((CORPUS / "hangtai.docx").read_bytes(), format="pdf")


def test_a_plan_json_is_loaded_not_extracted() -> None:
    with pytest.raises(extractor.InputError, match=r"read it with extractor\.load"):
        extractor.extract("golden/hangtai.json")


def test_a_value_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not int"):
        extractor.extract(42)  # type: ignore[arg-type]


def test_diff_takes_plans_dicts_and_paths() -> None:
    plan = extractor.extract(SNIPPET)
    changed = plan.model_dump(mode="json")
    changed["targets"][0]["percent"] = 70.0
    (change,) = extractor.diff(plan, changed)
    assert (change.path, change.old, change.new) == ("targets[0].percent", 60.0, 70.0)
    assert extractor.diff(ROOT / "golden" / "hangtai.json", HANGTAI) == []


def test_load_reads_a_plan_json_and_refuses_anything_else(tmp_path: Path) -> None:
    plan = extractor.load(ROOT / "golden" / "hangtai.json")
    assert plan.title == "桓台县绿色社区创建行动实施方案"
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 1}', encoding="utf-8")
    with pytest.raises(extractor.InputError, match="not a plan JSON"):
        extractor.load(bad)


def test_compare_gives_the_views_or_a_rendered_report() -> None:
    plans = [extractor.extract(CORPUS / f"{name}.txt") for name in ("hangtai", "zhejiang")]
    comparison = extractor.compare(plans)
    assert isinstance(comparison, extractor.Comparison)
    assert comparison.plans == ["浙江省", "桓台县"]  # the higher level first
    markdown = extractor.compare(plans, format="md")
    assert isinstance(markdown, str) and "桓台县" in markdown
    assert isinstance(extractor.compare(plans, format="xlsx"), bytes)
    with pytest.raises(ValueError, match="format must be one of"):
        extractor.compare(plans, format="pdf")  # type: ignore[arg-type]


def test_score_takes_a_rubric_and_a_mapping_of_points_or_levels() -> None:
    result = extractor.score(RUBRIC, {"1": 8, "2": "良好"})
    assert (result.total, result.passed) == (18.0, True)
    assert extractor.score(RUBRIC, {"1": 5}).passed is False  # item 2 not assessed: 0
    assert extractor.score(extractor.Rubric.model_validate(RUBRIC), {"2": "合格"}).total == 6.0


def test_score_takes_a_plan_and_scores_its_first_rubric() -> None:
    plan = extractor.extract(HANGTAI)
    result = extractor.score(plan, {"1": 3})
    assert result.rubric == plan.rubrics[0].title
    assert result.total == 3.0


@pytest.mark.parametrize(
    ("assessment", "message"),
    [
        ({"9": 1}, "unknown item '9'"),
        ({"1": 11}, "above its maximum"),
        ({"2": "优秀"}, "unknown level"),
        ({"1": True}, "true/false is not a score"),
    ],
)
def test_an_assessment_that_does_not_fit_raises_assessment_error(
    assessment: dict, message: str
) -> None:
    with pytest.raises(extractor.AssessmentError, match=message):
        extractor.score(RUBRIC, assessment)


def test_score_of_a_plan_without_rubric_is_an_assessment_error() -> None:
    with pytest.raises(extractor.AssessmentError, match="no rubric"):
        extractor.score(extractor.extract(SNIPPET), {"1": 1})


def test_the_plan_model_exports_its_json_schema() -> None:
    schema = extractor.Plan.model_json_schema()
    assert {"targets", "rubrics", "source"} <= set(schema["properties"])


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = extractor.nothing  # type: ignore[attr-defined]
    assert set(extractor.__all__) <= set(dir(extractor)) | set(extractor.LAZY_NAMES)


def readme_section(title: str) -> str:
    """The text of one `## ` section of README.md."""
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index(f"## {title}\n")
    following = text.find("\n## ", start + 1)
    return text[start : following if following >= 0 else len(text)]


def test_the_readme_python_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", readme_section("For engineers"), re.S)
    assert blocks, "the README's For engineers section has a python example"
    output = run_python(blocks[0])
    assert "桓台县" in output
