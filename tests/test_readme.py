"""What a new user does first: every command of README's "Using it" section, in order, on a
fresh copy of the repository, run through the virtualenv's `extract` and `rubric` scripts;
and docs/CONTRACT.md, which must name every field and warning code the code has."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
CONTRACT = ROOT / "docs" / "CONTRACT.md"
SCRIPTS = Path(sys.executable).parent  # the virtualenv's bin/, where extract and rubric live
# Not part of a fresh copy: what git ignores, and git itself
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", "out"
)

Result = subprocess.CompletedProcess


def using_it_commands() -> list[str]:
    """The commands of the first sh block under `## Using it`, without their comments."""
    section = README.read_text("utf-8").split("\n## Using it\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines()]
    return [command for command in commands if command]


def fresh_copy(target: Path) -> Path:
    """The repository's files as a clone would have them (tracked, and new files not yet
    committed that git does not ignore), copied to `target`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True, cwd=ROOT,
    )  # fmt: skip
    if listed.returncode != 0:  # not a git checkout: copy the tree, leaving out the usual
        shutil.copytree(ROOT, target, ignore=NOT_COPIED)
        return target
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


# --- what each command must give ------------------------------------------------------------


def plan_file_names(root: Path) -> list[str]:
    suffixes = (".txt", ".docx", ".pdf", ".doc", ".wps")
    return sorted(p.name for p in (root / "corpus").iterdir() if p.suffix in suffixes)


def check_one_plan(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    plan = json.loads((root / "rubric.json").read_text("utf-8"))
    assert plan["title"] == "桓台县绿色社区创建行动实施方案"
    assert plan["rubrics"][0]["total_points"] == 100


def check_folder(result: Result, root: Path) -> None:
    names = plan_file_names(root)
    written = sorted(p.name for p in (root / "out").iterdir())
    assert {"hangtai.txt.json", "hangtai.pdf.json", "hangtai.docx.json"} <= set(written)
    assert "wusong.txt.json" in written and "guojia_zhiye_jiaoyu.json" in written
    assert "note: corpus/hangtai: one plan in 3 formats" in result.stderr
    if importlib.util.find_spec("rapidocr") is not None:
        assert result.returncode == 0, result.stderr
        assert (
            result.stderr.splitlines()[-1] == f"{len(names)} plans: {len(names)} written, 0 failed"
        )
    else:  # without the [ocr] extra the scanned PDF is refused, the batch goes on
        assert result.returncode == 3
        assert "zhaoxiang_scan.pdf" in result.stderr
        assert len(written) == len(names) - 1


def check_stdout_plan(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["source"]["format"] == "docx"
    assert plan["title"] == "吴淞街道绿色社区创建行动实施方案"


def check_text(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert "桓台县绿色社区创建行动实施方案" in result.stdout.splitlines()


def check_schema(name: str) -> Callable[[Result, Path], None]:
    def check(result: Result, root: Path) -> None:
        assert result.returncode == 0, result.stderr
        committed = json.loads((root / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert json.loads(result.stdout) == committed

    return check


def check_diff_of_formats(result: Result, root: Path) -> None:
    assert result.returncode == 1, result.stderr  # 1: the two differ
    lines = result.stdout.splitlines()
    assert lines[0] == "source (3)"  # the same plan: only where it came from differs
    assert all(line.startswith("  ~ source.") for line in lines[1:])


def check_diff_golden(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "no differences\n"


def check_compare(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    html = (root / "report.html").read_text("utf-8")
    assert all(place in html for place in ("桓台县", "吴淞街道", "浙江省"))


def check_report(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert "桓台县绿色社区创建行动实施方案" in (root / "view.html").read_text("utf-8")


def check_score(result: Result, root: Path) -> None:
    assert result.returncode == 0, result.stderr
    assert "95" in result.stdout and "PASSED" in result.stdout


CHECKS: dict[str, Callable[[Result, Path], None]] = {
    "extract corpus/hangtai.txt -o rubric.json": check_one_plan,
    "extract corpus/ -o out/": check_folder,
    "extract corpus/wusong.docx": check_stdout_plan,
    "rubric text corpus/hangtai.txt": check_text,
    "rubric schema": check_schema("plan"),
    "rubric schema --model rubric": check_schema("rubric"),
    "rubric diff out/hangtai.txt.json out/hangtai.pdf.json": check_diff_of_formats,
    "rubric diff corpus/hangtai.txt --golden golden/hangtai.json": check_diff_golden,
    "rubric compare out/hangtai.txt.json out/wusong.txt.json out/zhejiang.txt.json "
    "-o report.html": check_compare,
    "rubric report out/hangtai.txt.json -o view.html": check_report,
    "rubric score out/hangtai.txt.json docs/examples/hangtai-assessment.csv": check_score,
}


def test_every_using_it_command_works_in_order_on_a_fresh_copy(tmp_path: Path) -> None:
    commands = using_it_commands()
    unchecked = [command for command in commands if command not in CHECKS]
    assert not unchecked, f"README commands without a check in {__file__}: {unchecked}"
    for name in ("extract", "rubric"):
        if not (SCRIPTS / name).exists():
            pytest.skip(f"no {name} script next to {sys.executable} (pip install -e .)")
    root = fresh_copy(tmp_path / "repo")
    env = {
        **os.environ,
        "PATH": f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(root),  # the copy's package, whichever checkout the venv installed
        "PLAN_EXTRACTOR_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "100",
    }
    for command in commands:
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, cwd=root, env=env
        )
        assert "Traceback" not in result.stderr, f"{command}:\n{result.stderr}"
        try:
            CHECKS[command](result, root)
        except AssertionError as exc:
            raise AssertionError(f"README command failed its check: {command}\n{exc}") from exc


# --- docs/CONTRACT.md against the models and the code ----------------------------------------


def model_names() -> set[str]:
    """Every field name of the contract models, and every literal value they allow."""
    from pydantic import BaseModel

    from extractor import models

    names: set[str] = set()
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            names.update(value.model_fields)
            for field in value.model_fields.values():
                names.update(literal_values(field.annotation))
    return names


def literal_values(annotation: object) -> set[str]:
    """The string values of the Literal types inside an annotation."""
    if typing.get_origin(annotation) is typing.Literal:
        return {str(v) for v in typing.get_args(annotation)}
    found: set[str] = set()
    for arg in typing.get_args(annotation):
        found |= literal_values(arg)
    return found


# a warning code written as `code="x"`, or a constant used as `code=NAME` …
CODE_LITERAL = re.compile(r'\bcode="([a-z][a-z_]+)"')
CODE_CONSTANT = re.compile(r"\bcode=([A-Z][A-Z_]+)\b")
# … and one a table or reader note hands over as the first item of a tuple: ("table_x", …)
CODE_IN_NOTE = re.compile(r'^\s*"((?:table|text|pdf)_[a-z_]+)",\s*$', re.M)
# … and one `structure.tables.table_warning` is given, third after the document and table
CODE_IN_TABLE_WARNING = re.compile(r'\btable_warning\(\s*\w+,\s*\w+,\s*"([a-z][a-z_]+)"')


def emitted_warning_codes() -> set[str]:
    """The warning codes the extractor's source emits."""
    codes: set[str] = set()
    constants: dict[str, str] = {}
    used: set[str] = set()
    for path in (ROOT / "extractor").rglob("*.py"):
        text = path.read_text("utf-8")
        codes |= set(CODE_LITERAL.findall(text)) | set(CODE_IN_NOTE.findall(text))
        codes |= set(CODE_IN_TABLE_WARNING.findall(text))
        used |= set(CODE_CONSTANT.findall(text))
        constants |= dict(re.findall(r'^([A-Z][A-Z_]+) = "([a-z][a-z_]+)"', text, re.M))
    return codes | {constants[name] for name in used if name in constants}


def test_the_contract_names_every_field_and_literal_of_the_models() -> None:
    text = CONTRACT.read_text("utf-8")
    missing = sorted(
        name
        for name in model_names()
        if not re.search(rf"(?<![a-z_]){re.escape(name)}(?![a-z_])", text)
    )
    assert not missing, f"docs/CONTRACT.md does not mention: {missing}"


def test_the_contract_lists_every_warning_code_the_extractor_emits() -> None:
    section = CONTRACT.read_text("utf-8").split("\n## Warnings\n", 1)[1]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    emitted = emitted_warning_codes()
    assert len(emitted) > 20  # the scan finds them
    assert not emitted - listed, f"add to docs/CONTRACT.md: {sorted(emitted - listed)}"
    assert not listed - emitted, f"no longer emitted: {sorted(listed - emitted)}"
