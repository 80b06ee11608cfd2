"""The command line: outputs, exit codes, one-line errors and no partial files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

BAD_INPUTS = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "undecodable.txt": b"\xff\xfe\xfd\x81\x00\x00\xfe" * 50 + b"\x80\x81\x82",
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the `rubric` CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import app; app(prog_name='rubric')", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def run_extract(*args: str) -> subprocess.CompletedProcess:
    """Run the `extract` console script's entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-c", "from extractor.cli import extract_main; extract_main()", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_extract_writes_one_json_file(tmp_path: Path) -> None:
    out = tmp_path / "rubric.json"
    result = run_extract(str(CORPUS / "hangtai.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["source"]["format"] == "txt"
    assert data["schema_version"] == "1.0"
    assert list(tmp_path.iterdir()) == [out], "temporary files left behind"


def test_extract_directory_writes_one_file_per_plan(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("hangtai", "wusong"):
        (plans / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    (plans / "notes.md").write_text("not a plan", "utf-8")
    out = tmp_path / "out"
    result = run("extract", str(plans), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hangtai.json", "wusong.json"]


def test_extract_to_stdout() -> None:
    result = run("extract", str(CORPUS / "wusong.txt"), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["path"].endswith("wusong.txt")


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_3_and_no_output(tmp_path: Path, name: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "out.json"
    result = run_extract(str(bad), "-o", str(out))
    assert_one_line_error(result, 3, name)
    assert not out.exists()


def test_missing_path(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run_extract(str(tmp_path / "nope.txt"), "-o", str(out))
    assert_one_line_error(result, 3, "nope.txt", "no such file")
    assert not out.exists()


def test_directory_without_plans(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("x", "utf-8")
    out = tmp_path / "out"
    result = run_extract(str(tmp_path), "-o", str(out))
    assert_one_line_error(result, 3, "no plan files")
    assert not out.exists()


def test_several_plans_into_a_json_file_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run("extract", str(CORPUS / "hangtai.txt"), str(CORPUS / "wusong.txt"), "-o", str(out))
    assert_one_line_error(result, 2, "output directory")
    assert not out.exists()


def test_no_arguments_is_a_usage_error() -> None:
    assert run_extract().returncode == 2


def test_text_prints_the_normalised_text() -> None:
    result = run("text", str(CORPUS / "zhejiang.txt"))
    assert result.returncode == 0
    assert "[bookmark:" not in result.stdout
    assert "浙江省绿色社区建设行动实施方案" in result.stdout


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_text_shows_a_cells_line_breaks(tmp_path: Path, suffix: str) -> None:
    source = "\t序号\n\t内容\n\n\t1\n\t建立健全\n社区人居\n"
    if suffix == "txt":
        path = tmp_path / "plan.txt"
        path.write_text(source, "utf-8")
    else:
        import docx

        document = docx.Document()
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "序号", "内容", "1"
        table.cell(1, 1).text = "建立健全"
        table.cell(1, 1).add_paragraph("社区人居")
        path = tmp_path / "plan.docx"
        document.save(path)
    result = run("text", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "序号\t内容\n1\t建立健全\n社区人居\n"


def test_schema_command_matches_committed_schema() -> None:
    result = run("schema")
    committed = (ROOT / "schemas" / "plan.schema.json").read_text("utf-8")
    assert json.loads(result.stdout) == json.loads(committed)
